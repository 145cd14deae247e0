"""Sessions past their age and failed joins older than a day are deleted: when the server
starts and at each join, so the file does not grow for months."""

from __future__ import annotations

import time

from simulator.classroom.store import JOIN_KEEP, SESSION_DAYS, Store
from simulator.portal import create_app
from tests.portal.conftest import User


def aged(store: Store) -> None:
    """One expired and one live session, one old and one recent failed join."""
    old, now = time.time() - SESSION_DAYS * 86400 - 60, time.time()
    with store.write() as db:
        db.executemany("INSERT INTO session (hash, exercise, role, team, csrf, created) "
                       "VALUES (?, NULL, 'instructor', NULL, '', ?)",
                       [("expired", old), ("live", now)])
        db.executemany("INSERT INTO join_failure (addr, at) VALUES (?, ?)",
                       [("10.0.0.1", now - JOIN_KEEP - 60), ("10.0.0.2", now)])


def left(store: Store) -> tuple[list, list]:
    return ([r["hash"] for r in store.read("SELECT hash FROM session ORDER BY hash")],
            [r["addr"] for r in store.read("SELECT addr FROM join_failure")])


def test_the_server_prunes_when_it_starts(tmp_path):
    store = Store(tmp_path / "ttx.db")
    aged(store)
    assert left(store) == (["expired", "live"], ["10.0.0.1", "10.0.0.2"])
    create_app(tmp_path / "ttx.db")
    assert left(store) == (["live"], ["10.0.0.2"])


def test_each_join_prunes(app):
    store = app.state.store
    aged(store)
    code = store.add_credential("instructor")
    assert User(app).http.post("/api/join", json={"code": code}).status_code == 200
    sessions, failures = left(store)
    assert "expired" not in sessions and "live" in sessions and len(sessions) == 2
    assert failures == ["10.0.0.2"]
