"""What ``ttx serve`` writes is its owner's alone: the database and its journal files 0600,
the folders it makes 0700, an older database's 0644 tightened at start."""

from __future__ import annotations

import stat

from simulator.classroom.store import Store
from tests.portal.live_server import MINI, Client, PortalProcess, create


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_server_makes_its_files_0600_and_its_folders_0700(tmp_path):
    db = tmp_path / "made" / "by" / "serve" / "ttx.db"
    portal = PortalProcess(db).start()
    try:
        made = create(Client(portal.url, portal.instructor_code), MINI.read_text())
        assert made["id"] == 1
        # the journal files exist while a connection is open (the last one removes them)
        files = [f for f in (db, db.with_name("ttx.db-wal"), db.with_name("ttx.db-shm"))
                 if f.exists()]
        assert files[0] == db and {mode(f) for f in files} == {0o600}
        assert [mode(d) for d in (db.parent, db.parent.parent, tmp_path / "made")] == [0o700] * 3
    finally:
        portal.kill()


def test_an_older_world_readable_database_is_tightened_at_start(tmp_path):
    db = tmp_path / "ttx.db"
    Store(db)  # made by an older version, before any instructor code
    db.chmod(0o644)
    portal = PortalProcess(db).start()
    try:
        assert mode(db) == 0o600
    finally:
        portal.kill()
