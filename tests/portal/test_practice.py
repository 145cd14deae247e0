"""Self-paced practice: an offer's link makes one exercise per visitor, played alone
against doctrine bots, each turn ended by the team; marked as practice, never certification."""

from __future__ import annotations

import json
import logging
import re
import sqlite3

import pytest

from debrief.report import render_markdown
from simulator.classroom import store as store_module
from simulator.classroom.live import LiveExercise
from simulator.classroom.store import Store, csrf_of, digest
from simulator.portal import create_app, joinlimit
from simulator.portal.app import HideLinks
from simulator.portal.debrief import run_folder
from tests.portal.conftest import PATROL, SCENARIO, User, command

BANNER = "Practice — not for certification"
BANNER_FR = "Entraînement — ne compte pas pour la certification"
OFFER = {"name": "Delta practice", "scenario_text": SCENARIO, "team": "force", "seed": 3,
         "lang": "en"}


def make_offer(instructor: User, **changes) -> dict:
    r = instructor.post("/api/practice", {**OFFER, **changes})
    assert r.status_code == 201, r.text
    return r.json()


def visit(app, link: str, user: User | None = None):
    """A visitor opens the link and presses the button: (the visitor, the POST's answer)."""
    user = user or User(app)
    page = user.get(link)
    assert page.status_code == 200, page.text
    token = re.search(r'name="form" value="([^"]+)"', page.text).group(1)
    return user, user.http.post(link, data={"form": token})


def trainee(app, link: str) -> User:
    """A visitor who started a practice exercise, with its session and CSRF token."""
    user, r = visit(app, link)
    assert r.status_code == 303 and r.headers["location"] == "/team", r.text
    row = app.state.store.session(user.http.cookies["ttx_session"])
    user.me = {"role": row["role"], "exercise": row["exercise"], "team": row["team"]}
    user.csrf = csrf_of(user.http.cookies["ttx_session"])
    return user


def kinds(app, ex: int) -> list[tuple[str, str | None]]:
    return [(i.kind, i.team) for i in app.state.store.inputs(ex)]


def test_only_the_instructor_makes_an_offer_and_only_its_hash_is_kept(app, instructor, teams):
    store = app.state.store
    assert instructor.post("/api/practice", OFFER, csrf=False).status_code == 403
    assert teams["force"].post("/api/practice", OFFER).status_code == 403
    assert User(app).post("/api/practice", OFFER).status_code == 401
    for bad in ({"team": "nobody"}, {"lang": "xx"}, {"seed": -1}, {"scenario": "flood-season"},
                {"scenario_text": None}, {"name": "x" * 201}):
        r = instructor.post("/api/practice", {**OFFER, **bad})
        assert r.status_code == 422 and r.json()["reason"] == "malformed", bad
    r = instructor.post("/api/practice", {**OFFER, "scenario_text": "metadata: {id: 1}\n"})
    assert r.status_code == 422 and r.json()["reason"] == "invalid_scenario"
    assert store.practice_offers() == []

    made = make_offer(instructor)
    token = made["link"].removeprefix("/practice/")
    assert made["url"] == f"http://testserver{made['link']}"
    assert len(token.replace("-", "")) == 26  # 128 random bits in base 32
    raw = b"".join(f.read_bytes() for f in store.path.parent.glob(store.path.name + "*"))
    assert digest(token).encode() in raw
    assert token.encode() not in raw and token.replace("-", "").encode() not in raw
    assert store.read("SELECT hash FROM practice_offer")[0]["hash"] == digest(token)
    listed = instructor.get("/api/practice").json()
    assert [(o["id"], o["team"], o["revoked"], o["exercises"]) for o in listed] == \
        [(made["id"], "force", False, [])]
    assert "link" not in json.dumps(listed) and token not in json.dumps(listed)
    assert teams["force"].get("/api/practice").status_code == 403


def test_the_offer_form_shows_the_link_once_and_revokes(app, instructor, teams):
    page = instructor.get("/instructor/practice")
    assert page.status_code == 200 and 'value="flood-season/' in page.text
    team = re.search(r'value="flood-season/([a-z_-]+)"', page.text).group(1)
    form = {"choice": f"flood-season/{team}", "name": "", "seed": "2", "lang": "fr"}
    assert instructor.form("/instructor/practice", form, csrf=False).status_code == 403
    assert teams["force"].form("/instructor/practice", form).status_code == 403
    bad = instructor.form("/instructor/practice", {**form, "choice": "flood-season/nobody"})
    assert bad.status_code == 422 and "Choose a scenario and team" in bad.text
    assert app.state.store.practice_offers() == []
    r = instructor.form("/instructor/practice", form)
    assert r.status_code == 200
    link = re.search(r"http://testserver(/practice/[A-Z2-7-]+)", r.text).group(1)
    (offer,) = app.state.store.practice_offers()
    assert (offer["team"], offer["seed"], offer["lang"]) == (team, 2, "fr")
    assert link not in instructor.get("/instructor/practice").text  # shown once
    assert User(app).get(link).status_code == 200
    revoke = f"/instructor/practice/{offer['id']}/revoke"
    assert instructor.form(revoke, csrf=False).status_code == 403
    assert teams["force"].form(revoke).status_code == 403
    assert User(app).get(link).status_code == 200
    assert instructor.form(revoke).status_code == 303
    assert User(app).get(link).status_code == 404


def test_each_visitor_gets_an_exercise_of_their_own_for_the_practice_team_only(app,
                                                                              instructor):
    link = make_offer(instructor)["link"]
    page = User(app).get(link, lang="fr")
    assert BANNER_FR in page.text and "Commencer mon exercice" in page.text
    assert "ttx_session" not in page.headers.get("set-cookie", "")
    first, second = trainee(app, link), trainee(app, link)
    a, b = first.me["exercise"], second.me["exercise"]
    store = app.state.store
    assert a != b and store.is_practice(a) and store.is_practice(b)
    for ex, user in ((a, first), (b, second)):
        assert user.me == {"role": "team", "exercise": ex, "team": "force"}
        assert store.teams(ex) == {"force": None, "police": "doctrine", "civilian": "doctrine",
                                   "humanitarian": "doctrine"}
        assert user.get(f"/api/exercises/{ex}/state").json()["open_turn"] == 1
        assert BANNER in user.get("/team", lang="en").text
    # Neither sees nor touches the other's exercise, nor anything of the instructor's.
    assert first.get(f"/api/exercises/{b}/state").status_code == 403
    assert first.get(f"/exercises/{b}/debrief").status_code == 403
    assert first.post(f"/api/exercises/{b}/submit", {"turn": 1, "decisions": [PATROL]}) \
        .status_code == 403
    assert first.get("/instructor").status_code == 403
    assert first.post(f"/api/exercises/{a}/close").status_code == 403
    assert kinds(app, b) == [("start", None)]
    # Practice exercises are listed apart, never among the classroom's.
    listing = instructor.get("/instructor", lang="en").text
    classroom, practice = listing.split("Practice exercises (self-paced)")
    assert f'href="/instructor/exercises/{a}"' not in classroom
    assert f'href="/instructor/exercises/{a}"' in practice and "Delta practice" in practice
    assert "turn 1 of 4" in practice
    assert [e["practice"] is not None for e in store.exercises()] == [True, True]


def test_the_start_cannot_be_forged_from_another_site(app, instructor):
    link = make_offer(instructor)["link"]
    visitor = User(app)
    page = visitor.get(link)
    token = re.search(r'name="form" value="([^"]+)"', page.text).group(1)
    # Another browser (no cookie of the page), a wrong field, another site's origin.
    assert User(app).http.post(link, data={"form": token}).status_code == 403
    assert visitor.http.post(link, data={"form": "0" * 64}).status_code == 403
    assert visitor.http.post(link, data={}).status_code == 403
    evil = visitor.http.post(link, data={"form": token}, headers={"origin": "http://evil.example"})
    assert evil.status_code == 403
    assert app.state.store.exercises() == []
    # "null" (another site's sandboxed page) neither; the portal's own page sends its origin.
    assert visitor.http.post(link, data={"form": token},
                             headers={"origin": "null"}).status_code == 403
    r = visitor.http.post(link, data={"form": token}, headers={"origin": "http://testserver"})
    assert r.status_code == 303 and len(app.state.store.exercises()) == 1


def test_a_revoked_or_unknown_link_is_404_and_its_exercises_go_on(app, instructor, teams):
    made = make_offer(instructor)
    link = made["link"]
    player = trainee(app, link)
    assert User(app).get("/practice/AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-F").status_code == 404
    assert User(app).http.post("/practice/AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-F",
                               data={"form": "x"}).status_code == 404
    assert teams["force"].post(f"/api/practice/{made['id']}/revoke").status_code == 403
    assert instructor.post(f"/api/practice/{made['id']}/revoke", csrf=False).status_code == 403
    assert instructor.post("/api/practice/999/revoke").status_code == 404
    visitor = User(app)
    token = re.search(r'name="form" value="([^"]+)"', visitor.get(link).text).group(1)
    r = instructor.post(f"/api/practice/{made['id']}/revoke")
    assert r.status_code == 200 and r.json() == {"id": made["id"], "revoked": True}
    gone = User(app).get(link, lang="en")
    assert gone.status_code == 404 and "not known, or it was revoked" in gone.text
    assert visitor.http.post(link, data={"form": token}).status_code == 404  # page opened before
    assert len(app.state.store.exercises()) == 2  # the classroom's and the first practice
    assert player.get("/team").status_code == 200  # an exercise already made goes on
    assert instructor.get("/api/practice").json()[0]["revoked"] is True


def test_starts_are_capped_per_link_and_limited_per_address(app, instructor, monkeypatch):
    link = make_offer(instructor)["link"]
    monkeypatch.setattr(store_module, "PRACTICE_LIMIT", 2)
    trainee(app, link)
    trainee(app, link)
    _, r = visit(app, link)
    assert r.status_code == 429 and "wait an hour" in r.text
    monkeypatch.setattr(store_module, "PRACTICE_LIMIT", 10)
    monkeypatch.setattr(store_module, "PRACTICE_CAP", 3)
    trainee(app, link)
    _, r = visit(app, link)
    assert r.status_code == 409 and "ask the instructor for a new one" in r.text
    assert len(app.state.store.exercises()) == 3
    # Guessing links counts as failed joins: then even a good link waits.
    monkeypatch.setattr(joinlimit, "LIMIT", 3)
    for _ in range(3):
        assert User(app).get("/practice/NOT-A-LINK").status_code == 404
    assert User(app).get(link).status_code == 429


def test_ending_a_turn_closes_it_and_opens_the_next_at_once(app, instructor, made, teams):
    player = trainee(app, make_offer(instructor)["link"])
    ex = player.me["exercise"]
    page = player.get("/team", lang="en").text
    assert "End turn 1" in page
    fields = {"action": "patrol", "turn": "1", "p_unit": "coy_a", "p_location": "village"}
    assert player.form("/team/orders", fields).status_code == 303
    assert app.state.registry.get(ex).open_turn == 1  # adding an order does not end the turn
    assert player.form("/team/end-turn", {"turn": "1"}, csrf=False).status_code == 403
    assert player.form("/team/end-turn", {"turn": "1"}).status_code == 303
    live = app.state.registry.get(ex)
    assert (live.phase, live.open_turn) == ("open", 2)
    assert kinds(app, ex) == [("start", None), ("submit", "force"), ("close", "force"),
                              ("open", "force")]
    turn1 = [r for r in live.exercise.inputs if r.get("turn") == 1 and r.get("input") == "decision"]
    assert {r["team"] for r in turn1} >= {"force"} and len({r["team"] for r in turn1}) > 1
    # A second click on the same button changes nothing; a later turn is refused.
    assert player.form("/team/end-turn", {"turn": "1"}).status_code == 303
    r = player.form("/team/end-turn", {"turn": "3"})
    assert r.status_code == 409 and "The turn is closed" in r.text
    assert len(kinds(app, ex)) == 4 and live.open_turn == 2
    # By the API, the team's whole list is final: the turn closes and the next opens.
    r = player.post(f"/api/exercises/{ex}/submit", {"turn": 2, "decisions": [PATROL]}, key="k1")
    assert r.status_code == 200 and (r.json()["phase"], r.json()["open_turn"]) == ("open", 3)
    again = player.post(f"/api/exercises/{ex}/submit", {"turn": 2, "decisions": [PATROL]},
                        key="k1")
    assert again.status_code == 200 and again.json()["seq"] == r.json()["seq"]
    assert len(kinds(app, ex)) == 7 and live.open_turn == 3
    # The instructor may close a practice turn from the console; the team then goes on.
    command(instructor, ex, "close")
    assert "Go on to turn 4" in player.get("/team", lang="en").text
    assert player.form("/team/end-turn", {"turn": "3"}).status_code == 303
    assert kinds(app, ex)[-2:] == [("close", None), ("open", "force")] and live.open_turn == 4
    # A classroom exercise's team cannot end its turn: the instructor does.
    command(instructor, made["id"], "start")
    r = teams["force"].form("/team/end-turn", {"turn": "1"})
    assert r.status_code == 409 and "Only the team of a practice exercise" in r.text
    assert app.state.registry.get(made["id"]).open_turn == 1


def test_after_an_interruption_between_close_and_open_the_team_goes_on(app, instructor,
                                                                       monkeypatch):
    player = trainee(app, make_offer(instructor)["link"])
    ex = player.me["exercise"]
    append = Store.append

    def crash_before_open(self, ex, kind, *args, **kw):
        if kind == "open":
            raise OSError("power cut")
        return append(self, ex, kind, *args, **kw)
    monkeypatch.setattr(Store, "append", crash_before_open)
    with pytest.raises(OSError, match="power cut"):
        player.form("/team/end-turn", {"turn": "1"})
    monkeypatch.setattr(Store, "append", append)
    # The server starts again: the turn is closed, the team is offered to go on.
    again = create_app(app.state.store.path)
    player.http.app = again
    page = player.get("/team", lang="en").text
    assert "go on to the next one" in page and "Go on to turn 2" in page
    assert player.form("/team/end-turn", {"turn": "1"}).status_code == 303
    assert [k for k, _ in kinds(again, ex)] == ["start", "close", "open"]
    assert again.state.registry.get(ex).open_turn == 2


@pytest.mark.slow  # builds a debrief: started first, so the workers finish together
def test_the_last_turn_ends_the_exercise_and_releases_its_debrief_marked_practice(app,
                                                                                  instructor):
    player = trainee(app, make_offer(instructor)["link"])
    ex = player.me["exercise"]
    for turn in (1, 2, 3):
        r = player.post(f"/api/exercises/{ex}/submit", {"turn": turn, "decisions": [PATROL]})
        assert r.status_code == 200 and r.json()["open_turn"] == turn + 1
    assert "End turn 4, the last one" in player.get("/team", lang="en").text
    assert not app.state.store.released(ex)
    assert player.form("/team/end-turn", {"turn": "4"}).status_code == 303
    state = player.get(f"/api/exercises/{ex}/state").json()
    assert (state["phase"], state["released"]) == ("finished", True)
    page = player.get("/team", lang="en").text
    assert BANNER in page and "Your debrief" in page and "not released" not in page
    assert f'href="/exercises/{ex}/debrief"' in page
    report = player.get(f"/exercises/{ex}/debrief", lang="en")
    assert report.status_code == 200 and BANNER in report.text
    folder = run_folder(app.state.store, ex)
    data = json.loads((folder / "debrief-en" / "debrief.json").read_text())
    assert data["practice"] is True
    assert json.loads((folder / "summary.json").read_text())["run"]["practice"] is True
    assert BANNER in (folder / "debrief-en" / "report.md").read_text()
    assert BANNER_FR in render_markdown({**data, "lang": "fr"})
    assert BANNER not in render_markdown({**data, "practice": False})  # a classroom's
    # The instructor sees it finished, with its debrief.
    listing = instructor.get("/instructor", lang="en").text.split("Practice exercises")[1]
    assert f'href="/exercises/{ex}/debrief"' in listing and "Finished" in listing
    console = instructor.get(f"/instructor/exercises/{ex}", lang="fr").text
    assert BANNER_FR in console and "Le débriefing est publié" in console


OLD_SCHEMA = """
CREATE TABLE exercise (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, scenario TEXT NOT NULL, seed INTEGER NOT NULL,
    lang TEXT NOT NULL, created REAL NOT NULL, phase TEXT NOT NULL, turn INTEGER NOT NULL,
    paused INTEGER NOT NULL DEFAULT 0);
CREATE TABLE team (
    exercise INTEGER NOT NULL REFERENCES exercise(id), team TEXT NOT NULL, bot TEXT,
    PRIMARY KEY (exercise, team));
CREATE TABLE input (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, exercise INTEGER NOT NULL, turn INTEGER NOT NULL,
    kind TEXT NOT NULL, team TEXT, payload TEXT NOT NULL, key TEXT, created REAL NOT NULL,
    UNIQUE (exercise, key));
INSERT INTO exercise VALUES (1, 'Old', ?, 3, 'en', 0, 'open', 1, 0);
"""


def test_a_database_from_before_practice_opens_and_plays_on(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    schema, insert = OLD_SCHEMA.split("INSERT")
    db.executescript(schema)
    db.execute("INSERT" + insert, (SCENARIO,))
    db.executemany("INSERT INTO team VALUES (1, ?, NULL)",
                   [(t,) for t in ("force", "police", "civilian", "humanitarian")])
    db.execute("INSERT INTO input (exercise, turn, kind, payload, created) "
               "VALUES (1, 1, 'start', '{}', 0)")
    db.commit()
    db.close()
    app = create_app(path)
    store = app.state.store
    assert not store.is_practice(1) and store.exercises()[0]["practice"] is None
    assert not store.fallback_english(1)  # a column added since: not chosen
    live = app.state.registry.get(1)
    assert (live.phase, live.open_turn, live.practice) == ("open", 1, False)
    instructor = User(app, store.add_credential("instructor"))
    assert "Old" in instructor.get("/instructor").text
    command(instructor, 1, "close")
    assert Store(path).exercise(1)["phase"] == "closed"  # opened twice: migrated once


def test_a_practice_exercise_replays_to_the_same_hash_after_a_restart(app, instructor):
    player = trainee(app, make_offer(instructor)["link"])
    ex = player.me["exercise"]
    player.post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]})
    player.form("/team/orders", {"action": "patrol", "turn": "2", "p_unit": "coy_a",
                                 "p_location": "town"})  # pending in turn 2
    before = player.get(f"/api/exercises/{ex}/state").json()
    assert before["open_turn"] == 2 and before["submitted"] == {"force": 1}
    assert LiveExercise.load(app.state.store, ex).replay_hash() == before["replay_hash"]
    again = create_app(app.state.store.path)
    player.http.app = again
    assert player.get(f"/api/exercises/{ex}/state").json() == before
    assert again.state.registry.get(ex).practice is True


def test_idle_practice_exercises_leave_memory_and_come_back_by_replay(app, instructor, made):
    first = trainee(app, make_offer(instructor)["link"])
    ex = first.me["exercise"]
    first.post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]})
    registry = app.state.registry
    kept, practice = registry.get(made["id"]), registry.get(ex)
    seen = practice.replay_hash()
    registry.idle = 0
    registry.get(made["id"])  # any request sweeps: the idle practice exercise goes
    assert ex not in registry._live and registry.get(made["id"]) is kept  # a classroom's stays
    again = registry.get(ex)
    assert again is not practice and again.replay_hash() == seen and again.open_turn == 2


def test_the_access_log_never_shows_a_practice_link():
    record = logging.LogRecord("uvicorn.access", logging.INFO, "", 0, '%s - "%s %s HTTP/%s" %d',
                               ("10.0.0.5:5000", "GET", "/practice/ABCDE-FGHIJ", "1.1", 200),
                               None)
    assert HideLinks().filter(record)
    assert "ABCDE" not in record.getMessage() and "/practice/…" in record.getMessage()
    record = logging.LogRecord("uvicorn.access", logging.INFO, "", 0,
                               '"POST /instructor/practice/3/revoke"', (), None)
    HideLinks().filter(record)
    assert "/instructor/practice/3/revoke" in record.getMessage()
