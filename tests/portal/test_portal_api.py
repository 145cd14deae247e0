"""The JSON API: every role, every refusal, and acknowledgements only after the commit."""

from __future__ import annotations

import pytest

from simulator.portal.middleware import MAX_BODY
from tests.conftest import ROOT
from tests.portal.conftest import PATROL, SCENARIO, User, command, new_exercise


def test_join_gives_a_strict_http_only_cookie_and_a_csrf_token(app, made):
    r = User(app).http.post("/api/join", json={"code": made["codes"]["teams"]["force"].lower()})
    assert r.status_code == 200
    assert set(r.json()) == {"role", "exercise", "team", "csrf"}
    assert (r.json()["role"], r.json()["exercise"], r.json()["team"]) == ("team", made["id"],
                                                                         "force")
    cookie = r.headers["set-cookie"]
    assert cookie.startswith("ttx_session=") and "HttpOnly" in cookie
    assert "samesite=strict" in cookie.lower()


def test_unknown_code_is_401(app, made):
    r = User(app).http.post("/api/join", json={"code": "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-F"})
    assert (r.status_code, r.json()) == (401, {"reason": "unknown_code"})


def test_ten_failures_from_one_address_slow_it_down_even_with_a_good_code(app, made):
    client = User(app).http
    for _ in range(10):
        assert client.post("/api/join", json={"code": "wrong"}).status_code == 401
    r = client.post("/api/join", json={"code": made["codes"]["evaluator"]})
    assert (r.status_code, r.json()) == (429, {"reason": "too_many_attempts"})
    assert 1 <= int(r.headers["retry-after"]) <= 30
    assert client.post("/join", data={"code": made["codes"]["evaluator"]}).status_code == 429


def test_no_or_unknown_session_is_401(app, made):
    anonymous = User(app)
    assert anonymous.http.get(f"/api/exercises/{made['id']}/state").status_code == 401
    r = anonymous.post(f"/api/exercises/{made['id']}/submit", {"turn": 1, "decisions": []})
    assert (r.status_code, r.json()) == (401, {"reason": "no_session"})
    anonymous.http.cookies.set("ttx_session", "made-up")
    assert anonymous.http.get(f"/api/exercises/{made['id']}/state").status_code == 401


def test_wrong_role_is_403(app, made, teams, evaluator, instructor):
    ex = made["id"]
    forbidden = (403, {"reason": "forbidden"})
    r = teams["force"].post(f"/api/exercises/{ex}/start")
    assert (r.status_code, r.json()) == forbidden
    r = teams["force"].post("/api/exercises", {"name": "x", "scenario": "poc-inner-delta"})
    assert (r.status_code, r.json()) == forbidden
    command(instructor, ex, "start")
    r = evaluator.post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]})
    assert (r.status_code, r.json()) == forbidden
    r = instructor.post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]})
    assert (r.status_code, r.json()) == forbidden
    assert evaluator.post(f"/api/exercises/{ex}/close").status_code == 403
    assert app.state.store.inputs(ex)[-1].kind == "start"  # nothing else stored


def test_another_exercise_is_403(app, made, teams, evaluator, instructor):
    other = new_exercise(instructor)["id"]
    command(instructor, other, "start")
    r = teams["force"].post(f"/api/exercises/{other}/submit", {"turn": 1, "decisions": [PATROL]})
    assert (r.status_code, r.json()) == (403, {"reason": "forbidden"})
    assert teams["force"].http.get(f"/api/exercises/{other}/state").status_code == 403
    assert evaluator.http.get(f"/api/exercises/{other}/state").status_code == 403
    assert app.state.store.inputs(other)[-1].kind == "start"
    assert instructor.http.get(f"/api/exercises/{other}/state").status_code == 200
    assert instructor.http.get("/api/exercises/999/state").status_code == 404


def test_commands_answer_phase_and_turn_and_refusals_are_409(made, instructor):
    ex = made["id"]
    assert command(instructor, ex, "start") == {"phase": "open", "turn": 1}
    r = instructor.post(f"/api/exercises/{ex}/open")
    assert (r.status_code, r.json()["reason"]) == (409, "wrong_phase") and r.json()["detail"]
    assert command(instructor, ex, "pause") == {"phase": "open", "turn": 1}
    assert command(instructor, ex, "resume") == {"phase": "open", "turn": 1}
    assert command(instructor, ex, "close") == {"phase": "closed", "turn": 1}
    assert command(instructor, ex, "open") == {"phase": "open", "turn": 2}
    state = instructor.http.get(f"/api/exercises/{ex}/state").json()
    assert set(state) == {"phase", "turn", "open_turn", "paused", "submitted", "replay_hash",
                          "released", "others_shown", "limits"}
    assert (state["phase"], state["turn"], state["open_turn"], state["paused"]) == \
        ("open", 2, 2, False)
    assert instructor.post(f"/api/exercises/{ex}/explode").status_code == 404


def test_submit_is_acknowledged_with_the_stored_seq(app, made, teams, instructor):
    ex = made["id"]
    command(instructor, ex, "start")
    r = teams["force"].post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]})
    assert r.status_code == 200 and r.json()["turn"] == 1
    stored = app.state.store.inputs(ex)[-1]
    assert (stored.seq, stored.kind, stored.team) == (r.json()["seq"], "submit", "force")
    state = teams["force"].http.get(f"/api/exercises/{ex}/state").json()
    assert state["submitted"] == {"force": 1}


def test_closed_turn_is_409(made, teams, instructor):
    ex = made["id"]
    body = {"turn": 1, "decisions": [PATROL]}
    r = teams["force"].post(f"/api/exercises/{ex}/submit", body)  # not started
    assert (r.status_code, r.json()["reason"]) == (409, "turn_closed")
    command(instructor, ex, "start")
    r = teams["force"].post(f"/api/exercises/{ex}/submit", {"turn": 2, "decisions": [PATROL]})
    assert (r.status_code, r.json()["reason"]) == (409, "turn_closed")
    command(instructor, ex, "close")
    r = teams["force"].post(f"/api/exercises/{ex}/submit", body)
    assert (r.status_code, r.json()["reason"]) == (409, "turn_closed") and r.json()["detail"]


def test_paused_is_409(made, teams, instructor):
    ex = made["id"]
    command(instructor, ex, "start")
    command(instructor, ex, "pause")
    r = teams["force"].post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]})
    assert (r.status_code, r.json()["reason"]) == (409, "paused")
    command(instructor, ex, "resume")
    r = teams["force"].post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]})
    assert r.status_code == 200


def test_invalid_decision_is_422_with_the_engines_detail(app, made, teams, instructor):
    ex = made["id"]
    command(instructor, ex, "start")
    fpu = {"action": "patrol", "params": {"unit": "fpu", "location": "town"}}
    r = teams["force"].post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL, fpu]})
    assert r.status_code == 422
    assert r.json()["reason"] == "invalid_decision"
    assert r.json()["detail"].startswith("2: missing_asset:") and "fpu" in r.json()["detail"]
    assert [i.kind for i in app.state.store.inputs(ex)] == ["start"]


@pytest.mark.parametrize("body", [b"{not json", b'{"turn": "first", "decisions": []}',
                                  b'{"turn": 1, "decisions": {"action": "patrol"}}',
                                  b'{"turn": 1, "decisions": [{"params": {}}]}', b""])
def test_malformed_body_is_422(app, made, teams, instructor, body):
    ex = made["id"]
    command(instructor, ex, "start")
    r = teams["force"].http.post(f"/api/exercises/{ex}/submit", content=body, headers={
        "X-CSRF-Token": teams["force"].csrf, "content-type": "application/json"})
    assert (r.status_code, r.json()["reason"]) == (422, "malformed")
    assert [i.kind for i in app.state.store.inputs(ex)] == ["start"]


def test_oversized_bodies_are_413_by_length_or_by_what_arrives(app, made, teams, instructor):
    ex = made["id"]
    command(instructor, ex, "start")
    big = b'{"turn": 1, "decisions": [], "pad": "' + b"x" * MAX_BODY + b'"}'
    headers = {"X-CSRF-Token": teams["force"].csrf, "content-type": "application/json"}
    r = teams["force"].http.post(f"/api/exercises/{ex}/submit", content=big, headers=headers)
    assert (r.status_code, r.json()) == (413, {"reason": "too_large"})

    def chunks():  # no Content-Length: the body is counted as it streams in
        for i in range(0, len(big), 65536):
            yield big[i:i + 65536]
    r = teams["force"].http.post(f"/api/exercises/{ex}/submit", content=chunks(), headers=headers)
    assert (r.status_code, r.json()) == (413, {"reason": "too_large"})
    r = instructor.http.post("/instructor/new", data={"csrf": instructor.csrf},
                             files={"upload": ("big.yaml", b"a: 1\n" * (MAX_BODY // 5 + 10))})
    assert r.status_code == 413
    assert [i.kind for i in app.state.store.inputs(ex)] == ["start"]
    small = b'{"turn": 1, "decisions": [], "pad": "' + b"x" * 1000 + b'"}'
    r = teams["force"].http.post(f"/api/exercises/{ex}/submit", content=small, headers=headers)
    assert r.status_code == 200  # the limit is the only reason


def test_missing_or_wrong_csrf_is_403(app, made, teams, instructor):
    ex = made["id"]
    r = instructor.post(f"/api/exercises/{ex}/start", csrf=False)
    assert (r.status_code, r.json()) == (403, {"reason": "csrf"})
    r = instructor.http.post(f"/api/exercises/{ex}/start", headers={"X-CSRF-Token": "guess"})
    assert (r.status_code, r.json()) == (403, {"reason": "csrf"})
    # The CSRF token of another session does not do either.
    r = instructor.http.post(f"/api/exercises/{ex}/start",
                             headers={"X-CSRF-Token": teams["force"].csrf})
    assert r.status_code == 403
    assert app.state.store.inputs(ex) == []
    command(instructor, ex, "start")
    r = teams["force"].form("/team/orders", {"turn": "1", "action": "patrol", "p_unit": "coy_a",
                                             "p_location": "village"}, csrf=False)
    assert r.status_code == 403
    assert [i.kind for i in app.state.store.inputs(ex)] == ["start"]


def test_a_retry_with_the_same_idempotency_key_stores_one_input(app, made, teams, instructor):
    ex = made["id"]
    command(instructor, ex, "start")
    body = {"turn": 1, "decisions": [PATROL]}
    first = teams["force"].post(f"/api/exercises/{ex}/submit", body, key="k-1")
    again = teams["force"].post(f"/api/exercises/{ex}/submit", body, key="k-1")
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    # Keys belong to a team: the same key from another team is its own input.
    share = {"turn": 1, "decisions": [{"action": "share", "params": {"to": "force"}}]}
    other = teams["police"].post(f"/api/exercises/{ex}/submit", share, key="k-1")
    assert other.status_code == 200 and other.json()["seq"] != first.json()["seq"]
    submits = [i for i in app.state.store.inputs(ex) if i.kind == "submit"]
    assert [(i.team, i.seq) for i in submits] == [("force", first.json()["seq"]),
                                                 ("police", other.json()["seq"])]
    # After the turn closed, the retry still gets the first answer, not a refusal.
    command(instructor, ex, "close")
    late = teams["force"].post(f"/api/exercises/{ex}/submit", body, key="k-1")
    assert (late.status_code, late.json()) == (200, first.json())



def test_an_idempotency_key_answers_only_the_same_request_in_the_same_turn(app, made, teams,
                                                                          instructor):
    """As the IETF Idempotency-Key draft says: the same key with another body is refused
    (422), and a key from an earlier turn sent for a later one gets a clear 409, never the
    old answer; a late retry of the same request still gets its answer. Nothing stored."""
    ex = made["id"]
    command(instructor, ex, "start")
    force = teams["force"]
    body = {"turn": 1, "decisions": [PATROL]}
    first = force.post(f"/api/exercises/{ex}/submit", body, key="k-1")
    assert first.status_code == 200
    other = {"turn": 1, "decisions": []}
    r = force.post(f"/api/exercises/{ex}/submit", other, key="k-1")
    assert r.status_code == 422 and r.json()["reason"] == "key_reused"
    command(instructor, ex, "close")
    command(instructor, ex, "open")
    stored = len(app.state.store.inputs(ex))
    r = force.post(f"/api/exercises/{ex}/submit", {"turn": 2, "decisions": [PATROL]},
                   key="k-1")
    assert r.status_code == 409 and r.json()["reason"] == "stale_key"
    assert "used in turn 1, not for turn 2" in r.json()["detail"]
    r = force.post(f"/api/exercises/{ex}/submit", body, key="k-1")  # a late retry of turn 1
    assert (r.status_code, r.json()) == (200, first.json())
    assert len(app.state.store.inputs(ex)) == stored
    fresh = force.post(f"/api/exercises/{ex}/submit", {"turn": 2, "decisions": [PATROL]},
                       key="k-2")
    assert fresh.status_code == 200 and fresh.json()["turn"] == 2


def test_create_from_a_shipped_scenario_gives_a_code_per_human_team(instructor, app):
    r = instructor.post("/api/exercises", {"name": "PoC", "scenario": "poc-inner-delta",
                                           "seed": 1, "lang": "fr", "bots": {"police": "doctrine"}})
    assert r.status_code == 201
    codes = r.json()["codes"]
    teams = app.state.store.teams(r.json()["id"])
    assert set(codes["teams"]) == {t for t, bot in teams.items() if bot is None}
    assert "police" in teams and "police" not in codes["teams"] and codes["evaluator"]
    r = instructor.post("/api/exercises", {"name": "x", "scenario": "../../etc/passwd"})
    assert r.status_code == 422
    r = instructor.post("/api/exercises", {"name": "x", "scenario": "poc-inner-delta",
                                           "bots": {"navy": "doctrine"}})
    assert (r.status_code, r.json()["reason"]) == (422, "malformed")


def test_an_invalid_scenario_lists_every_problem_with_its_line(instructor):
    broken = SCENARIO.replace("turns: 4", "turns: four").replace(
        "{from: town, to: base, distance_km: 20}", "{from: town, to: nowhere, distance_km: 20}")
    r = instructor.post("/api/exercises", {"name": "x", "scenario_text": broken})
    assert (r.status_code, r.json()["reason"]) == (422, "invalid_scenario")
    problems = r.json()["problems"]
    assert problems and all(p.split(":")[1].isdigit() and p.split(":")[2].isdigit()
                            for p in problems)
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if "turns: four" in text)
    assert any(p.startswith(f"scenario.yaml:{line}:") and "metadata.turns" in p for p in problems)
    r = instructor.post("/api/exercises", {"name": "x", "scenario_text": "a: [1, 2"})
    assert r.status_code == 422 and "not valid YAML" in r.json()["problems"][0]


def test_a_seed_out_of_range_is_422_not_500(instructor, app):
    for seed in (2**63, 2**32, -1):
        r = instructor.post("/api/exercises", {"name": "Big", "scenario": "poc-inner-delta",
                                               "seed": seed, "lang": "en", "bots": {}})
        assert r.status_code == 422, (seed, r.text)
        assert "a seed is a whole number from 0 to 4294967295" in r.json()["detail"]
    r = instructor.post("/api/practice", {"scenario": "poc-inner-delta", "team": "force",
                                          "seed": 2**63, "lang": "en"})
    assert r.status_code == 422
    assert app.state.store.exercises() == []


def test_an_exercise_only_in_a_language_its_scenario_is_written_in(instructor, app, monkeypatch):
    """A language offered (it has a catalogue) but missing from one text of the scenario
    is refused, and nothing is stored."""
    from simulator.portal import exercises

    flood = (ROOT / "scenarios" / "flood-season.yaml").read_text(encoding="utf-8")
    title = '    pt: "Época das cheias no Béli: inundações, deslocações e cólera na região de ' \
        'Dalou"\n'
    assert flood.count(title) == 1
    monkeypatch.setattr(exercises, "LANGUAGES", ("en", "fr", "pt"))
    body = {"name": "Cheias", "scenario_text": flood.replace(title, ""), "seed": 1,
            "lang": "pt", "bots": {}}
    r = instructor.post("/api/exercises", body)
    assert r.status_code == 422
    assert r.json()["detail"] == (
        "flood-season is written in Portuguese for 206 of its 207 texts: choose a language it "
        'is written in (en, fr); or send "fallback_english": true: each text not written in '
        "Portuguese is then shown in English, marked [EN]")
    assert app.state.store.exercises() == []
    r = instructor.post("/api/exercises", {**body, "scenario_text": flood})
    assert r.status_code == 201, r.text
