"""Where a debrief is built: in a worker process, never in a request. A submission to
another exercise is acknowledged while a debrief builds; the debrief page says it is being
prepared and reloads itself until the report is there; the worker ends with its server."""

from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path

import httpx
import pytest

from simulator.portal.debrief import report_page
from tests.portal.conftest import PATROL, SCENARIO, User, command, new_exercise
from tests.portal.live_server import Client, PortalProcess, create


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


def children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (Linux's /proc)."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] \
            != "Z"
    except OSError:
        return False


@pytest.mark.slow  # a real server, killed while its worker builds a debrief
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux's /proc")
def test_the_debrief_worker_ends_with_a_killed_server(tmp_path):
    portal = PortalProcess(tmp_path / "ttx.db").start()
    try:
        instructor = Client(portal.url, portal.instructor_code)
        ex = create(instructor, SCENARIO)["id"]
        before = children(portal.proc.pid)  # the worker starts when the first turn closes
        for name in ("start", "close", "open", "close", "open", "close", "open", "close"):
            assert instructor.post(f"/api/exercises/{ex}/{name}").status_code == 200
        def ask() -> None:
            with contextlib.suppress(httpx.HTTPError):  # the server is killed meanwhile
                instructor.http.get(f"/exercises/{ex}/debrief", timeout=120)
        threading.Thread(target=ask, daemon=True).start()
        deadline = time.monotonic() + 60
        while not children(portal.proc.pid) - before and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = children(portal.proc.pid) - before
        assert workers
    finally:
        portal.kill()  # SIGKILL: no shutdown handler runs; returns once its output ends
    deadline = time.monotonic() + 30
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(w) for w in workers)
