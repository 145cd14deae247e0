"""Run folders are caches of the database: those of exercises it no longer has, and those
untouched for a month, are removed when the portal starts; a report asked for again is
built again."""

from __future__ import annotations

import os
import time

from simulator.classroom.store import Store
from simulator.portal import create_app
from simulator.portal.debrief import RUN_KEEP_DAYS, prune_runs, run_folder
from tests.portal.conftest import SCENARIO


def _folder(store: Store, ex: int, age_days: float):
    folder = run_folder(store, ex)
    (folder / "debrief-en").mkdir(parents=True)
    page = folder / "debrief-en" / "report.html"
    page.write_text("<html></html>")
    then = time.time() - age_days * 86400
    for p in (page, page.parent, folder):
        os.utime(p, (then, then))
    return folder


def test_unknown_and_month_old_run_folders_go_recent_ones_and_others_stay(tmp_path):
    store = Store(tmp_path / "ttx.db")
    fresh, old = (store.create_exercise(n, SCENARIO, 1, "en", {"force": None})
                  for n in ("fresh", "old"))
    kept = _folder(store, fresh, age_days=2)
    stale = _folder(store, old, age_days=RUN_KEEP_DAYS + 1)
    orphan = _folder(store, 99, age_days=0)  # a database put back from a backup
    foreign = tmp_path / "runs" / "notes-of-the-instructor"
    foreign.mkdir()
    assert prune_runs(store) == [stale, orphan]
    assert kept.exists() and foreign.exists() and not stale.exists() and not orphan.exists()
    assert prune_runs(store) == []


def test_the_portal_prunes_at_start(tmp_path):
    store = Store(tmp_path / "ttx.db")
    orphan = _folder(store, 7, age_days=0)
    create_app(tmp_path / "ttx.db")
    assert not orphan.exists()
