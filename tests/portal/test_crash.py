"""The portal survives SIGKILL: every acknowledged input is there after a restart, and the
exercise rebuilt by replay is the one before the crash."""

from __future__ import annotations

import threading
import time

import pytest

from simulator.classroom.live import LiveExercise
from simulator.classroom.store import Store
from tests.portal.live_server import MINI, Client, PortalProcess, create

pytestmark = pytest.mark.slow

PATROL = {"action": "patrol", "params": {"unit": "coy_a", "location": "village"}}
SHARE = {"action": "share", "params": {"to": "force"}}


@pytest.fixture
def portal(tmp_path):
    server = PortalProcess(tmp_path / "ttx.db").start()
    yield server
    server.kill()


def test_kill_9_mid_turn_loses_no_acknowledged_input(portal, tmp_path):
    instructor = Client(portal.url, portal.instructor_code)
    made = create(instructor, MINI.read_text(), seed=5)
    ex = made["id"]
    assert instructor.post(f"/api/exercises/{ex}/start").status_code == 200
    teams = {t: Client(portal.url, code) for t, code in made["codes"]["teams"].items()}
    acknowledged: dict[str, list[int]] = {t: [] for t in teams}
    stop = threading.Event()

    def keep_submitting(team: str, client: Client) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            body = {"turn": 1, "decisions": [PATROL if team == "force" else SHARE]} \
                if team in ("force", "civilian") else {"turn": 1, "decisions": []}
            try:
                r = client.post(f"/api/exercises/{ex}/submit", body, key=f"{team}-{n}")
            except Exception:  # the server died under us: that answer never came
                return
            if r.status_code == 200:
                acknowledged[team].append(r.json()["seq"])

    workers = [threading.Thread(target=keep_submitting, args=item) for item in teams.items()]
    for w in workers:
        w.start()
    deadline = time.monotonic() + 120
    while sum(len(v) for v in acknowledged.values()) < 40 and time.monotonic() < deadline:
        time.sleep(0.01)
    portal.kill()  # SIGKILL while submissions are in flight
    stop.set()
    for w in workers:
        w.join()

    stored = {i.seq for i in Store(tmp_path / "ttx.db").inputs(ex)}
    sent = {seq for seqs in acknowledged.values() for seq in seqs}
    assert len(sent) >= 40 and sent <= stored

    portal.start()
    for client in [instructor, *teams.values()]:
        client.rebase(portal.url)
    state = instructor.state(ex)
    rebuilt = LiveExercise.load(Store(tmp_path / "ttx.db"), ex)
    assert state["replay_hash"] == rebuilt.replay_hash()
    assert state["phase"] == "open" and state["turn"] == 1
    # The exercise goes on: the same teams submit and the turn closes.
    r = teams["force"].post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]},
                            key="after-restart")
    assert r.status_code == 200
    assert instructor.post(f"/api/exercises/{ex}/close").json()["phase"] == "closed"


def test_restart_gives_the_same_state(portal, tmp_path):
    instructor = Client(portal.url, portal.instructor_code)
    made = create(instructor, MINI.read_text(), seed=2)
    ex = made["id"]
    force = Client(portal.url, made["codes"]["teams"]["force"])
    instructor.post(f"/api/exercises/{ex}/start")
    force.post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]})
    instructor.post(f"/api/exercises/{ex}/close")
    instructor.post(f"/api/exercises/{ex}/open")
    force.post(f"/api/exercises/{ex}/submit", {"turn": 2, "decisions": [PATROL]})
    before = instructor.state(ex)
    portal.kill()
    portal.start()
    instructor.rebase(portal.url)
    after = instructor.state(ex)
    assert after == before and after["turn"] == 2 and after["submitted"] == {"force": 1}


def test_kill_9_while_evaluators_sign_off_loses_no_acknowledged_sign_off(portal, tmp_path):
    from simulator.classroom.courses import Courses
    from tests.portal.test_courses_api import COURSE
    from tests.simulator.classroom.test_courses import COHORT

    instructor = Client(portal.url, portal.instructor_code)
    c = instructor.post("/api/courses", COURSE).json()["id"]
    ids = instructor.http.post(f"/api/courses/{c}/trainees/import",
                               content=COHORT.read_bytes(),
                               headers={"X-CSRF-Token": instructor.csrf}).json()["ids"]
    made = create(instructor, MINI.read_text(), seed=3)
    assert instructor.post(f"/api/courses/{c}/exercises/{made['id']}",
                           {"teams": {"force": ids[:5]}}).status_code == 200
    evaluator = Client(portal.url, made["codes"]["evaluator"])
    acknowledged: list[int] = []
    stop = threading.Event()

    def keep_signing() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            body = {"competency": "un_police", "status": "met" if n % 2 else "not_yet_met",
                    "evaluator": "Cne. Diarra", "comment": f"round {n}"}
            try:
                r = evaluator.post(f"/api/courses/{c}/trainees/{ids[n % 25]}/signoffs", body,
                                   key=f"sign-{n}")
            except Exception:  # the server died under us: that answer never came
                return
            if r.status_code == 201:
                acknowledged.append(r.json()["seq"])

    worker = threading.Thread(target=keep_signing)
    worker.start()
    deadline = time.monotonic() + 120
    while len(acknowledged) < 30 and time.monotonic() < deadline:
        time.sleep(0.01)
    portal.kill()  # SIGKILL while sign-offs are in flight
    stop.set()
    worker.join()
    stored = {r["seq"] for r in Courses(Store(tmp_path / "ttx.db")).signoffs(c)}
    assert len(acknowledged) >= 30 and set(acknowledged) <= stored
    portal.start()
    evaluator.rebase(portal.url)
    last = max(stored)
    r = evaluator.post(f"/api/courses/{c}/trainees/{ids[0]}/signoffs",
                       {"competency": "un_police", "status": "met", "evaluator": "Cne. Diarra"},
                       key="after-restart")
    assert r.status_code == 201 and r.json()["seq"] > last
