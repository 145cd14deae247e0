"""`ttx backup` of a database a running portal is writing to: a sound copy (integrity
check, mode 0600) holding every submission acknowledged before it began, one moment of
the database, and a portal served from it goes on where it was."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from simulator.classroom.live import LiveExercise
from simulator.classroom.store import Store
from simulator.cli import main
from tests.portal.live_server import MINI, Client, PortalProcess, create

pytestmark = pytest.mark.slow

PATROL = {"action": "patrol", "params": {"unit": "coy_a", "location": "village"}}
SHARE = {"action": "share", "params": {"to": "force"}}


def test_a_backup_while_teams_submit_holds_every_acknowledged_submission(tmp_path, capsys):
    db, copy = tmp_path / "ttx.db", tmp_path / "backup" / "ttx-copy.db"
    copy.parent.mkdir()
    portal = PortalProcess(db).start()
    try:
        instructor = Client(portal.url, portal.instructor_code)
        made = create(instructor, MINI.read_text(), seed=5)
        ex = made["id"]
        assert instructor.post(f"/api/exercises/{ex}/start").status_code == 200
        teams = {t: Client(portal.url, code) for t, code in made["codes"]["teams"].items()}
        acknowledged: list[int] = []
        stop = threading.Event()

        def keep_submitting(team: str, client: Client) -> None:
            n = 0
            while not stop.is_set():
                n += 1
                body = {"turn": 1, "decisions": [PATROL if team == "force" else SHARE]
                        if team in ("force", "civilian") else []}
                r = client.post(f"/api/exercises/{ex}/submit", body, key=f"{team}-{n}")
                assert r.status_code == 200, r.text
                acknowledged.append(r.json()["seq"])

        workers = [threading.Thread(target=keep_submitting, args=item)
                   for item in teams.items()]
        for w in workers:
            w.start()
        deadline = time.monotonic() + 120
        while len(acknowledged) < 30 and time.monotonic() < deadline:
            time.sleep(0.01)
        before = set(acknowledged)  # answered before the backup began
        assert main(["backup", "--out", str(copy), "--db", str(db)]) == 0
        during = len(acknowledged)
        while len(acknowledged) < during + 10 and time.monotonic() < deadline:
            time.sleep(0.01)  # the server went on taking submissions meanwhile
        stop.set()
        for w in workers:
            w.join()
        assert len(before) >= 30 and len(acknowledged) >= during + 10
        assert "integrity check ok" in capsys.readouterr().out

        assert copy.stat().st_mode & 0o777 == 0o600
        assert sorted(p.name for p in copy.parent.iterdir()) == ["ttx-copy.db"]  # one file
        with sqlite3.connect(copy) as q:
            assert q.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        copied = {i.seq for i in Store(copy).inputs(ex)}
        stored = {i.seq for i in Store(db).inputs(ex)}
        assert before <= copied
        assert copied == {s for s in stored if s <= max(copied)}  # one moment: no gap
        assert set(acknowledged) <= stored and len(stored) > len(copied)
    finally:
        portal.kill()

    # Restoring: the portal served from the copy is the exercise as it was then.
    restored = PortalProcess(copy, instructor_code=portal.instructor_code).start()
    try:
        instructor = Client(restored.url, restored.instructor_code)
        state = instructor.state(ex)
        assert state["replay_hash"] == LiveExercise.load(Store(copy), ex).replay_hash()
        assert state["phase"] == "open" and state["turn"] == 1
        force = teams["force"]
        force.rebase(restored.url)  # a team's session is in the copy too
        assert force.state(ex)["turn"] == 1
    finally:
        restored.kill()
