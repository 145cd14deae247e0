"""Quotas per session: a request rate (429 rate_limited with Retry-After) and the bytes a
team stores per turn (413 quota_exceeded); nothing stored is lost, and the instructor sees
who hit which limit, in which turn and when."""

from __future__ import annotations

import re

from simulator.portal import quotas
from simulator.portal.quotas import RateLimits
from tests.portal.conftest import PATROL, command

POLICE = {"action": "patrol", "params": {"unit": "fpu", "location": "village"}}


def test_a_session_over_its_rate_waits_and_the_console_says_so(app, made, teams, instructor):
    ex = made["id"]
    command(instructor, ex, "start")
    app.state.rates = RateLimits(rate=0.01, burst=5)
    force = teams["force"]
    for _ in range(5):
        assert force.http.get(f"/api/exercises/{ex}/state").status_code == 200
    r = force.post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]})
    assert (r.status_code, r.json()) == (429, {"reason": "rate_limited"})
    assert int(r.headers["retry-after"]) >= 1
    page = force.get("/team", lang="en")
    assert page.status_code == 429 and "wait a few seconds" in page.text
    assert [i.kind for i in app.state.store.inputs(ex)] == ["start"]  # nothing stored
    for _ in range(20):  # refused again and again: recorded once a minute at most
        assert force.http.get(f"/api/exercises/{ex}/state").status_code == 429
    assert teams["police"].http.get(f"/api/exercises/{ex}/state").status_code == 200
    for _ in range(20):  # the instructor is never limited
        assert instructor.http.get(f"/api/exercises/{ex}/state").status_code == 200
    limits = instructor.http.get(f"/api/exercises/{ex}/state").json()["limits"]
    assert [(h["team"], h["limit"], h["turn"]) for h in limits] == [("force", "rate", 1)]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", limits[0]["at"])
    console = instructor.get(f"/instructor/exercises/{ex}", lang="en").text
    table = console[console.index("Limits reached"):]
    assert re.search(r"<td>Force</td><td>requests per second</td><td>1</td>"
                     r"<td>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d</td>", table)


def test_the_default_rate_lets_a_team_submit_as_fast_as_the_load_benchmark(app, made, teams,
                                                                          instructor):
    """benchmarks/portal_load.py: 20 rounds x 3 turns, each team submitting back to back."""
    ex = made["id"]
    command(instructor, ex, "start")
    force = teams["force"]
    for turn in (1, 2, 3):
        for i in range(20):
            r = force.post(f"/api/exercises/{ex}/submit", {"turn": turn, "decisions": [PATROL]},
                           key=f"{turn}-{i}")
            assert r.status_code == 200, r.text
            assert force.http.get(f"/api/exercises/{ex}/state").status_code == 200
        command(instructor, ex, "close")
        command(instructor, ex, "open")
    assert app.state.store.limit_hits(ex) == []


def test_a_team_stores_at_most_so_many_bytes_per_turn(app, made, teams, instructor,
                                                      monkeypatch):
    ex = made["id"]
    command(instructor, ex, "start")
    one = quotas.payload_size([PATROL])
    monkeypatch.setattr(quotas, "TURN_BYTES", 3 * one)
    force, store = teams["force"], app.state.store
    for key in ("a", "b", "c"):
        assert force.post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]},
                          key=key).status_code == 200
    assert store.stored_bytes(ex, "force", 1) == (3 * one, False)  # as the store counts it
    assert store.stored_bytes(ex, "force", 1, "force:a") == (3 * one, True)
    r = force.post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]}, key="d")
    assert r.status_code == 413
    assert {k: r.json()[k] for k in ("reason", "limit", "allowed", "used", "size")} == \
        {"reason": "quota_exceeded", "limit": "storage", "allowed": 3 * one, "used": 3 * one,
         "size": one}
    # Nothing stored is lost, and a retry of a stored request still gets its first answer.
    first = store.inputs(ex)[1]
    again = force.post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]}, key="a")
    assert (again.status_code, again.json()["seq"]) == (200, first.seq)
    assert [i.kind for i in store.inputs(ex)] == ["start", "submit", "submit", "submit"]
    assert instructor.http.get(f"/api/exercises/{ex}/state").json()["submitted"] == {"force": 1}
    # Another team is not limited by this one; the next turn starts from nothing.
    assert teams["police"].post(f"/api/exercises/{ex}/submit",
                                {"turn": 1, "decisions": [POLICE]}).status_code == 200
    command(instructor, ex, "close")
    command(instructor, ex, "open")
    assert force.post(f"/api/exercises/{ex}/submit",
                      {"turn": 2, "decisions": [PATROL]}).status_code == 200
    limits = instructor.http.get(f"/api/exercises/{ex}/state").json()["limits"]
    assert [(h["team"], h["limit"], h["turn"]) for h in limits] == [("force", "storage", 1)]


def test_one_submission_over_the_quota_is_refused_whole(app, made, teams, instructor,
                                                        monkeypatch):
    ex = made["id"]
    command(instructor, ex, "start")
    monkeypatch.setattr(quotas, "TURN_BYTES", quotas.payload_size([PATROL] * 3))
    r = teams["force"].post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL] * 4})
    assert (r.status_code, r.json()["reason"]) == (413, "quota_exceeded")
    assert [i.kind for i in app.state.store.inputs(ex)] == ["start"]


def test_the_form_says_why_and_keeps_the_orders(app, made, teams, instructor, monkeypatch):
    ex = made["id"]
    command(instructor, ex, "start")
    monkeypatch.setattr(quotas, "TURN_BYTES", quotas.payload_size([PATROL]) + 10)
    force = teams["force"]
    order = {"action": "patrol", "turn": "1", "p_unit": "coy_a", "p_location": "village"}
    assert force.form("/team/orders", order).status_code == 303
    force.http.cookies.set("ttx_lang", "en")
    page = force.form("/team/orders", {**order, "p_unit": "heli"})
    assert page.status_code == 413 and "as much as a turn allows" in page.text
    assert app.state.registry.get(ex).pending["force"] == [PATROL]
    assert force.form("/team/withdraw", {"turn": "1"}).status_code == 303  # withdrawing stays
    hits = app.state.store.limit_hits(ex)
    assert [(h["team"], h["kind"]) for h in hits] == [("force", "storage")]
