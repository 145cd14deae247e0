"""Thirty teams submit at once while the instructor closes the turn: each submission is
either in the turn (acknowledged, stored before the close, adjudicated) or refused with
'turn_closed'; none is lost or counted twice."""

from __future__ import annotations

import threading

import pytest

from simulator.classroom.live import LiveExercise
from simulator.classroom.store import Store
from tests.portal.live_server import Client, PortalProcess, create, many_teams_scenario

pytestmark = pytest.mark.slow
TEAMS = 30


def test_thirty_teams_and_a_closing_turn(tmp_path):
    portal = PortalProcess(tmp_path / "ttx.db").start()
    try:
        instructor = Client(portal.url, portal.instructor_code)
        made = create(instructor, many_teams_scenario(TEAMS))
        ex = made["id"]
        names = [f"t{i:02d}" for i in range(1, TEAMS + 1)]
        clients = {t: Client(portal.url, made["codes"]["teams"][t]) for t in names}
        instructor.post(f"/api/exercises/{ex}/start")
        answers: dict[str, tuple[int, dict]] = {}

        def submit(team: str, go: threading.Barrier) -> None:
            go.wait()
            r = clients[team].post(f"/api/exercises/{ex}/submit",
                                   {"turn": 1, "decisions": [{"action": "share",
                                                              "params": {"to": "force"}}]},
                                   key=f"{team}-1")
            answers[team] = (r.status_code, r.json())

        def close(go: threading.Barrier) -> None:
            go.wait()
            answers["close"] = (instructor.post(f"/api/exercises/{ex}/close").status_code, {})

        # Ten teams submit together; then the other twenty at the moment the turn closes.
        first = threading.Barrier(10)
        wave = [threading.Thread(target=submit, args=(t, first)) for t in names[:10]]
        for t in wave:
            t.start()
        for t in wave:
            t.join()
        second = threading.Barrier(TEAMS - 10 + 1)
        wave = [threading.Thread(target=submit, args=(t, second)) for t in names[10:]]
        wave.append(threading.Thread(target=close, args=(second,)))
        for t in wave:
            t.start()
        for t in wave:
            t.join()
    finally:
        portal.kill()

    assert answers.pop("close")[0] == 200
    inputs = Store(tmp_path / "ttx.db").inputs(ex)
    close_seq = next(i.seq for i in inputs if i.kind == "close")
    stored = {i.team: i.seq for i in inputs if i.kind == "submit"}
    for team, (status, body) in answers.items():
        if status == 200:
            assert stored[team] == body["seq"] and body["seq"] < close_seq
        else:
            assert (status, body["reason"]) == (409, "turn_closed") and team not in stored
    assert len(stored) == sum(1 for s, _ in answers.values() if s == 200) >= 10
    assert len([i for i in inputs if i.kind == "submit"]) == len(stored)  # none twice
    # Adjudicated with the turn: exactly the acknowledged teams acted in turn 1.
    live = LiveExercise.load(Store(tmp_path / "ttx.db"), ex)
    assert {e["team"] for e in live.exercise.events
            if e["type"] == "decision_accepted" and e["turn"] == 1} == set(stored)
