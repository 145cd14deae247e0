"""The pages: join, instructor, team and evaluator flows, in English and French."""

from __future__ import annotations

import json
import re

import pytest

from simulator.portal.debrief import run_folder
from tests.conftest import MINI
from tests.portal.conftest import PATROL, SCENARIO, TEAMS, User, command, new_exercise


def main_of(html: str) -> str:
    return html.split("<main>", 1)[1].split("</main>", 1)[0]


def test_join_form_redirects_by_role_and_never_puts_the_code_in_a_url(app, made, caplog):
    caplog.set_level("DEBUG")
    for code, home in [(made["codes"]["teams"]["police"], "/team"),
                       (made["codes"]["evaluator"], "/evaluator")]:
        browser = User(app)
        r = browser.http.post("/join", data={"code": code})
        assert r.status_code == 303 and r.headers["location"] == home
        assert "HttpOnly" in r.headers["set-cookie"]
        page = browser.http.get(home)
        assert page.status_code == 200
        for response in (r, page):
            assert code not in str(response.url) and code not in response.headers.get("location", "")
            assert code not in response.text
        assert code not in caplog.text
    r = User(app).http.post("/join", data={"code": "nope"})
    assert r.status_code == 401 and "nope" not in r.text


def test_team_page_shows_its_own_messages_only(app, made, teams, instructor):
    ex = made["id"]
    command(instructor, ex, "start")
    r = instructor.form(f"/instructor/exercises/{ex}/inject", {
        "from": "EXCON", "to": ["police"], "message_en": "Crowd gathering at the site",
        "message_fr": "Foule au site", "message_pt": "Multidão no sítio", "hour": "0"})
    assert r.status_code == 303
    r = instructor.form(f"/instructor/exercises/{ex}/inject", {  # French and Portuguese left
        "from": "EXCON", "to": ["police"], "message_en": "Shots heard at the market",
        "message_fr": "", "hour": "0"})
    assert r.status_code == 303
    added = live_inject_messages(app, ex)
    assert added[-2:] == [{"en": "Crowd gathering at the site", "fr": "Foule au site",
                           "pt": "Multidão no sítio"},
                          {"en": "Shots heard at the market", "fr": "Shots heard at the market"}]
    police, force = teams["police"].get("/team").text, teams["force"].get("/team").text
    assert "Crowd gathering at the site" in police
    assert "Crowd gathering at the site" not in force
    assert "Armed men seen near the village." in force  # force's own warning
    assert "Armed men seen near the village." not in police
    # No URL lets a team name the team it reads: the session decides.
    assert "Crowd gathering" not in teams["force"].get("/team?team=police").text
    assert "Foule au site" in teams["police"].get("/team", lang="fr").text
    assert "Multidão no sítio" in teams["police"].get("/team", lang="pt").text
    for path in ("/evaluator", "/instructor", f"/instructor/exercises/{ex}",
                 f"/instructor/exercises/{ex}/turns/1"):
        assert teams["force"].get(path).status_code == 403
    # The report is not a team's before the end and the instructor's release.
    assert teams["force"].get(f"/exercises/{ex}/debrief").status_code == 409


def test_orders_are_one_list_added_removed_and_withdrawn(app, made, teams, instructor):
    ex = made["id"]
    command(instructor, ex, "start")
    civ = teams["civilian"]
    r = civ.form("/team/orders", {"turn": "1", "action": "engage", "key": "a",
                                  "p_location": "village", "p_consult": ["women", "youth"]})
    assert r.status_code == 303
    r = civ.form("/team/orders", {"turn": "1", "action": "share", "key": "b", "p_to": "force"})
    assert r.status_code == 303
    stored = app.state.store.inputs(ex)[-1]
    assert stored.kind == "submit" and stored.payload["decisions"] == [
        {"action": "engage", "params": {"location": "village", "consult": ["women", "youth"]}},
        {"action": "share", "params": {"to": "force"}}]
    again = civ.form("/team/orders", {"turn": "1", "action": "share", "key": "b", "p_to": "force"})
    assert again.status_code == 303 and app.state.store.inputs(ex)[-1] == stored  # double click
    assert civ.form("/team/orders/remove", {"turn": "1", "index": "0"}).status_code == 303
    assert app.state.store.inputs(ex)[-1].payload["decisions"] == [
        {"action": "share", "params": {"to": "force"}}]
    assert civ.form("/team/withdraw", {"turn": "1"}).status_code == 303
    assert app.state.store.inputs(ex)[-1].kind == "withdraw"
    assert instructor.http.get(f"/api/exercises/{ex}/state").json()["submitted"] == {}


def test_a_refused_order_is_explained_next_to_its_form(app, made, teams, instructor):
    ex = made["id"]
    command(instructor, ex, "start")
    hum = teams["humanitarian"]
    r = hum.form("/team/orders", {"turn": "1", "action": "deliver", "p_location": "site",
                                  "p_need": "food", "p_amount": "999999"})
    assert r.status_code == 422
    form = r.text.split('value="deliver"', 1)[1].split("</form>", 1)[0]
    assert "order 1 (Deliver)" in form and "amount" in form and 'role="alert"' in form
    assert "bad_value" not in form  # plain words, not the engine's code
    assert 'value="999999"' in form  # what was typed stays, to be corrected
    assert [i.kind for i in app.state.store.inputs(ex)] == ["start"]
    r = hum.form("/team/orders", {"turn": "1", "action": "deliver", "p_location": "site",
                                  "p_need": "food", "p_amount": "500"})
    assert r.status_code == 303
    assert app.state.store.inputs(ex)[-1].payload["decisions"][0]["params"]["amount"] == 500


def test_turn_closed_paused_and_finished_are_said_clearly(app, made, teams, instructor):
    ex = made["id"]
    force = teams["force"]
    assert "has not started" in main_of(force.get("/team").text)
    command(instructor, ex, "start")
    assert "Turn 1 of 4 is open" in force.get("/team").text
    command(instructor, ex, "pause")
    page = force.get("/team").text
    assert "paused" in page
    r = force.form("/team/orders", {"turn": "1", "action": "patrol", "p_unit": "coy_a",
                                    "p_location": "village"})
    assert r.status_code == 409 and "paused" in r.text
    command(instructor, ex, "resume")
    command(instructor, ex, "close")
    page = force.get("/team").text
    assert "The turn is closed" in page and 'action="/team/orders"' not in page
    assert "Le tour est clos" in force.get("/team", lang="fr").text
    force.get("/", lang="en")
    r = force.form("/team/orders", {"turn": "1", "action": "patrol", "p_unit": "coy_a",
                                    "p_location": "village"})
    assert r.status_code == 409 and "turn is closed" in r.text.lower()
    for name in ("open", "close", "open", "close", "open", "close"):
        command(instructor, ex, name)
    assert "exercise is over" in force.get("/team", lang="en").text


def test_instructor_creates_from_an_upload_in_two_steps_and_prints_codes(app, instructor):
    r = instructor.http.post("/instructor/new", data={
        "csrf": instructor.csrf, "name": "Upload", "seed": "2", "lang": "fr", "scenario": ""},
        files={"upload": ("mini.yaml", MINI.read_bytes())})
    assert r.status_code == 200 and 'name="bot_police"' in r.text
    draft = re.search(r'name="draft" value="([^"]+)"', r.text).group(1)
    r = instructor.form("/instructor/exercises", {"draft": draft, "name": "Upload", "seed": "2",
                                                  "lang": "fr", "bot_police": "doctrine"})
    assert r.status_code == 200
    codes = re.findall(r'<p class="code">([A-Z2-7-]+)</p>', r.text)
    assert len(codes) == 4  # three teams played by people, one evaluator
    ex = app.state.store.exercises()[-1]
    assert (ex["name"], ex["seed"], ex["lang"]) == ("Upload", 2, "fr")
    assert app.state.store.teams(ex["id"])["police"] == "doctrine"
    assert app.state.store.exercise(ex["id"])["scenario"] == MINI.read_text()
    joined = User(app, codes[0])
    assert joined.me["exercise"] == ex["id"]
    # New codes: the old ones and their sessions stop; the new ones work.
    r = instructor.form(f"/instructor/exercises/{ex['id']}/codes")
    fresh = re.findall(r'<p class="code">([A-Z2-7-]+)</p>', r.text)
    assert len(fresh) == 4 and not set(fresh) & set(codes)
    assert User(app).http.post("/api/join", json={"code": codes[0]}).status_code == 401
    assert joined.http.get(f"/api/exercises/{ex['id']}/state").status_code == 401
    assert User(app, fresh[0]).me["exercise"] == ex["id"]
    assert instructor.http.get(f"/api/exercises/{ex['id']}/state").status_code == 200


def test_a_generated_district_uploads_up_to_the_portals_request_limit(app, instructor):
    """A district of 2,000 places (0.5 MB) is checked and offered its teams; one of 5,000
    (1.2 MB) passes the file limits but not the portal's request limit (413): districts
    larger than a classroom's are played from the command line."""
    from simulator.language.generate import generate
    from simulator.portal.middleware import MAX_BODY

    for places, status in ((2000, 200), (5000, 413)):
        text = generate(places, 200_000, 3, seed=1).text.encode()
        assert (len(text) < MAX_BODY) == (status == 200)
        r = instructor.http.post("/instructor/new", data={
            "csrf": instructor.csrf, "name": "District", "seed": "1", "lang": "en",
            "scenario": ""}, files={"upload": ("district.yaml", text)})
        assert r.status_code == status
        if status == 200:
            assert all(f'name="bot_{team}"' in r.text
                       for team in ("force", "police", "civilian", "humanitarian"))


def test_an_invalid_upload_shows_every_problem_with_its_line(app, instructor):
    broken = MINI.read_text().replace("turn_hours: 12", "turn_hours: 0").replace(
        "location: base, strength: 120", "location: nowhere, strength: 120")
    r = instructor.http.post("/instructor/new", data={
        "csrf": instructor.csrf, "name": "Broken", "seed": "0", "lang": "en", "scenario": ""},
        files={"upload": ("broken.yaml", broken.encode())})
    assert r.status_code == 422
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if "turn_hours: 0" in text)
    assert f"broken.yaml:{line}:" in r.text and "metadata.turn_hours" in r.text
    # In the author's language, as on the command line.
    instructor.http.cookies.set("ttx_lang", "fr")
    r = instructor.http.post("/instructor/new", data={
        "csrf": instructor.csrf, "name": "Broken", "seed": "0", "lang": "en", "scenario": ""},
        files={"upload": ("broken.yaml", broken.encode())})
    instructor.http.cookies.delete("ttx_lang")
    assert r.status_code == 422 and f"broken.yaml:{line}:" in r.text
    assert "metadata.turn_hours: doit être supérieur ou égal à 1" in r.text
    r = instructor.http.post("/instructor/new", data={
        "csrf": instructor.csrf, "name": "Bytes", "seed": "0", "lang": "en", "scenario": ""},
        files={"upload": ("bin.yaml", b"\xff\xfe\x00")})
    assert r.status_code == 422 and "bin.yaml:1:1" in r.text and "UTF-8" in r.text
    assert app.state.store.exercises() == []


def test_console_fires_held_injects_and_shows_past_turns(app, made, teams, instructor):
    ex = made["id"]
    command(instructor, ex, "start")
    page = instructor.get(f"/instructor/exercises/{ex}").text
    assert "held-news" in page and "Boats missing" in page
    assert instructor.form(f"/instructor/exercises/{ex}/fire",
                           {"inject": "held-news"}).status_code == 303
    assert "Boats missing on the river." in teams["humanitarian"].get("/team").text
    assert "Boats missing" not in teams["force"].get("/team").text
    r = instructor.form(f"/instructor/exercises/{ex}/fire", {"inject": "warning"})
    assert r.status_code == 409 and "Unknown inject" in main_of(r.text)
    r = instructor.form(f"/instructor/exercises/{ex}/command/open")
    assert r.status_code == 409 and "Not possible at this phase" in r.text
    teams["force"].post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]})
    assert instructor.form(f"/instructor/exercises/{ex}/command/close").status_code == 303
    assert instructor.get(f"/instructor/exercises/{ex}/turns/2").status_code == 404
    past = instructor.get(f"/instructor/exercises/{ex}/turns/1").text
    assert "Armed men seen near the village." in past and "Boats missing" in past
    assert "A Company" in past and "accepted" in past


def test_evaluator_sees_every_team_and_notes_and_overrides_count(app, made, teams, evaluator,
                                                                  instructor):
    ex = made["id"]
    command(instructor, ex, "start")
    teams["force"].post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]})
    page = evaluator.get("/evaluator").text
    assert "Armed men seen near the village." in page and "A Company" in page
    assert all(name in page for name in ("Force", "Police", "Civilian", "Humanitarian"))
    r = evaluator.form("/evaluator/notes", {"turn": "1", "team": "force", "task": "ct-presence",
                                            "text": "Quick patrol order."})
    assert r.status_code == 303
    (note,) = app.state.store.notes(ex)
    assert (note["turn"], note["team"], note["task"], note["text"]) == \
        (1, "force", "ct-presence", "Quick patrol order.")
    assert evaluator.form("/evaluator/notes", {"turn": "1", "task": "ct-nothing",
                                               "text": "x"}).status_code == 422
    assert evaluator.form("/evaluator/overrides", {"task": "ct-presence", "rating": "S",
                                                   "justification": "short"}).status_code == 422
    assert evaluator.form("/evaluator/overrides", {"task": "ct-presence", "rating": "X",
                                                   "justification": "long enough text"}
                          ).status_code == 422
    why = "Presence reached the village two hours late."
    assert evaluator.form("/evaluator/overrides", {"task": "ct-presence", "rating": "S",
                                                   "justification": why}).status_code == 303
    assert evaluator.form("/evaluator/notes", {"turn": "1", "text": "x"}, csrf=False
                          ).status_code == 403
    for name in ("close", "open", "close", "open", "close", "open", "close"):
        command(instructor, ex, name)
    assert "Debrief report" in evaluator.get("/evaluator").text
    r = evaluator.get(f"/exercises/{ex}/debrief")
    assert r.status_code == 200 and why in r.text
    assert "img-src data:" in r.headers["content-security-policy"]
    data = json.loads((run_folder(app.state.store, ex) / "debrief-en" / "debrief.json").read_text())
    (task,) = data["objectives"][0]["tasks"]
    assert (task["final"], task["justification"]) == ("S", why)
    # The evaluator's note reaches the report under its task, the team by name.
    assert task["notes"] == [{"turn": 1, "team": "Force", "text": "Quick patrol order."}]
    assert "Quick patrol order." in r.text
    assert (run_folder(app.state.store, ex) / "scenario.yaml").read_text() == SCENARIO


def test_debrief_only_when_finished_and_only_for_instructor_and_evaluators(made, instructor,
                                                                          evaluator):
    ex = made["id"]
    assert instructor.get(f"/exercises/{ex}/debrief").status_code == 409
    assert User(evaluator.http.app).get(f"/exercises/{ex}/debrief").status_code == 303


def test_language_switch_is_a_cookie_and_redirects_only_within_the_site(app):
    browser = User(app)
    r = browser.http.get("/lang/fr?next=/instructor/new")
    assert r.status_code == 303 and r.headers["location"] == "/instructor/new"
    assert "ttx_lang=fr" in r.headers["set-cookie"]
    assert "Rejoindre un exercice" in browser.http.get("/").text
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil"):
        assert browser.http.get("/lang/en", params={"next": target}).headers["location"] == "/"
    assert browser.http.get("/lang/de").status_code == 404


def test_logout_ends_the_session(app, made, teams):
    force = teams["force"]
    assert force.form("/logout").status_code == 303
    assert force.http.get("/team").status_code == 303  # back to the join form
    assert force.http.get(f"/api/exercises/{made['id']}/state").status_code == 401


def test_pages_forbid_caching_framing_and_foreign_content(app):
    r = User(app).http.get("/")
    assert r.headers["cache-control"] == "no-store"
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("team", TEAMS)
def test_each_team_gets_a_form_for_each_of_its_actions(app, made, teams, instructor, team):
    command(instructor, made["id"], "start")
    page = teams[team].get("/team").text
    live = app.state.registry.get(made["id"])
    for action in live.scenario.actions_of(team):
        assert f'name="action" value="{action}"' in page
    others = {a.id for a in live.scenario.actions} - set(live.scenario.actions_of(team))
    assert not any(f'name="action" value="{a}"' in page for a in others)


def test_the_language_switch_of_a_page_answering_a_form_leads_back_to_its_page(app, made,
                                                                                teams,
                                                                                instructor):
    ex = made["id"]
    r = instructor.form(f"/instructor/exercises/{ex}/command/open")  # refused: an answer page
    assert f'href="/lang/fr?next=/instructor/exercises/{ex}"' in r.text
    r = teams["force"].form("/team/orders", {"turn": "1", "action": "patrol"})
    assert 'href="/lang/fr?next=/team"' in r.text
    assert 'href="/lang/fr?next=/evaluator%3Fturn%3D1"' in \
        User(app, made["codes"]["evaluator"]).get("/evaluator?turn=1").text


def test_the_console_shows_shared_assets_requested_and_who_gets_them(app, instructor):
    from tests.simulator.world.test_shared_assets import SECTOR
    text = SCENARIO.replace("    - {id: fpu, name: FPU", SECTOR, 1)
    made = new_exercise(instructor, text=text)
    ex = made["id"]
    command(instructor, ex, "start")
    users = {t: User(app, c) for t, c in made["codes"]["teams"].items()}
    for team, place in (("force", "village"), ("police", "town")):
        order = {"action": "patrol", "params": {"unit": "sector_heli", "location": place}}
        r = users[team].post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [order]})
        assert r.status_code == 200, r.text
    html = instructor.get(f"/instructor/exercises/{ex}", lang="fr").text
    section = html.split("Moyens partagés demandés ce tour-ci")[1].split("</table>")[0]
    assert "Sector helicopter" in section and "Force (Patrouille); Police (Patrouille)" in section
    assert "Police · par priorité" in section


def test_the_team_page_renders_a_fresh_key_after_each_submission(app, made, teams, instructor):
    """A double click posts the same key (one input); the page after a submission carries
    a new one, so the next order is never taken for a retry of the last."""
    command(instructor, made["id"], "start")
    civ = teams["civilian"]
    keys = []
    for _ in range(3):
        keys.append(re.search(r'name="key" value="([^"]+)"', civ.get("/team").text).group(1))
        r = civ.form("/team/orders", {"turn": "1", "action": "share", "key": keys[-1],
                                      "p_to": "force"})
        assert r.status_code == 303
    assert len(set(keys)) == 3
    stored = [i for i in app.state.store.inputs(made["id"]) if i.kind == "submit"]
    assert len(stored) == 3 and len(stored[-1].payload["decisions"]) == 3


def live_inject_messages(app, ex: int) -> list[dict]:
    """The messages of the exercise's ad-hoc injects, per language, as stored."""
    return [i.payload["inject"]["message"] for i in app.state.store.inputs(ex)
            if i.kind == "inject"]
