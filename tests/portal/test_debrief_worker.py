"""Where a debrief is built: in a worker process, never in a request. A submission to
another exercise is acknowledged while a debrief builds; the debrief page says it is being
prepared and reloads itself until the report is there."""

from __future__ import annotations

import time

import pytest

from simulator.portal.debrief import report_page
from tests.portal.conftest import PATROL, User, command, new_exercise


@pytest.mark.slow  # builds a debrief
def test_a_submission_is_acknowledged_while_a_debrief_is_being_built(app, made, instructor):
    ex, store = made["id"], app.state.store
    command(instructor, ex, "start")
    for name in ("close", "open", "close", "open", "close", "open", "close"):
        command(instructor, ex, name)
    other = new_exercise(instructor)
    command(instructor, other["id"], "start")
    force = User(app, other["codes"]["teams"]["force"])

    app.state.debrief_wait = 0  # the page answers at once, whatever the build's progress
    r = instructor.get(f"/exercises/{ex}/debrief", lang="en")
    assert r.status_code == 202 and "The debrief is being prepared" in r.text
    assert '<meta http-equiv="refresh" content="3">' in r.text
    assert "en préparation" in instructor.get(f"/exercises/{ex}/debrief", lang="fr").text
    report = report_page(store, ex, "en")
    r = force.post(f"/api/exercises/{other['id']}/submit", {"turn": 1, "decisions": [PATROL]})
    assert r.status_code == 200 and not report.exists()  # acknowledged, the debrief not yet
    assert store.inputs(other["id"])[-1].kind == "submit"
    deadline = time.monotonic() + 300
    while not report.exists() and time.monotonic() < deadline:  # built with no request
        time.sleep(0.2)
    app.state.debrief_wait = 60
    r = instructor.get(f"/exercises/{ex}/debrief", lang="en")
    assert r.status_code == 200 and "After-action report" in r.text
    assert "Rapport après action" in instructor.get(f"/exercises/{ex}/debrief", lang="fr").text
