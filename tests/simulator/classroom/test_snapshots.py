"""Snapshots per closed turn: a load from one equals a full replay, before and after more
play; a snapshot that does not stand for the stored inputs, or that this program and this
installation did not make, is ignored (never unpickled) and the exercise replays; an
exercise archive carries none."""

from __future__ import annotations

import logging
import pickle
import shutil
import sqlite3
import stat
import zipfile
import zlib
from pathlib import Path

import pytest

from simulator.classroom import snapshots
from simulator.classroom.archive import export_exercise, import_exercise
from simulator.classroom.live import LiveExercise
from simulator.classroom.store import Store
from tests.conftest import MINI, ROOT

PATROL = {"action": "patrol", "params": {"unit": "coy_a", "location": "village"}}
POC = ROOT / "scenarios" / "poc-inner-delta.yaml"


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "ttx.db")


def mini_played(store: Store) -> LiveExercise:
    """The mini world two turns in, turn 3 open with a submission and a withdrawal."""
    ex = store.create_exercise("mini", MINI.read_text(), 3, "en",
                               {"force": None, "police": "doctrine", "civilian": None,
                                "humanitarian": None})
    live = LiveExercise.load(store, ex)
    live.start()
    live.submit("force", [PATROL])
    live.close()
    live.open()
    live.submit("civilian", [{"action": "engage", "params": {"location": "village"}}])
    live.close()
    live.open()
    live.submit("force", [PATROL])
    live.submit("civilian", [])
    live.withdraw("civilian")
    return live


def same(a: LiveExercise, b: LiveExercise) -> None:
    assert a.replay_hash() == b.replay_hash()
    assert a.exercise.reports == b.exercise.reports
    assert a.exercise.model.events.to_jsonl() == b.exercise.model.events.to_jsonl()
    assert (a.phase, a.paused, a.turn, a.pending, a.applied) == \
        (b.phase, b.paused, b.turn, b.pending, b.applied)


def copied(store: Store, to: Path, key: bool = True) -> Store:
    """The database copied (SQLite's backup), with this installation's key or not."""
    with sqlite3.connect(store.path) as src, sqlite3.connect(to) as dst:
        src.backup(dst)
    if key:
        shutil.copy(snapshots.key_path(store), snapshots.key_path(Store(to)))
    return Store(to)


def play_on(live: LiveExercise, team: str, decisions: list[dict]) -> None:
    """The rest of the open turn and one more, the same way for each copy."""
    live.submit(team, decisions)
    live.close()
    live.open()
    live.close()


def applied_on_load(store: Store, ex: int, monkeypatch, **kw) -> tuple[LiveExercise, int]:
    """A load, and how many stored inputs it applied one by one."""
    count = []
    apply = LiveExercise._apply
    monkeypatch.setattr(LiveExercise, "_apply", lambda self, item: (count.append(item.seq),
                                                                     apply(self, item)))
    live = LiveExercise.load(store, ex, **kw)
    monkeypatch.setattr(LiveExercise, "_apply", apply)
    return live, len(count)


def test_a_load_from_the_snapshot_equals_a_full_replay_and_plays_on_the_same(store,
                                                                              tmp_path,
                                                                              monkeypatch,
                                                                              caplog):
    live = mini_played(store)
    stored = len(store.inputs(live.id))
    with caplog.at_level(logging.INFO, logger="simulator.classroom.snapshots"):
        quick, applied = applied_on_load(store, live.id, monkeypatch)
    assert "read from its snapshot of turn 2; 4 later inputs replayed" in caplog.text
    assert applied == 4 < stored  # only the inputs after the close of turn 2
    other = copied(store, tmp_path / "other.db")
    full, replayed = applied_on_load(other, live.id, monkeypatch, cache=False)
    assert replayed == stored
    same(quick, live)
    same(full, live)
    for each in (quick, full):  # the snapshot's random streams and bots go on alike
        play_on(each, "force", [PATROL])
    same(quick, full)


def test_a_shipped_scenario_loads_from_its_snapshot_as_from_a_full_replay(store, tmp_path,
                                                                          monkeypatch):
    text = POC.read_text(encoding="utf-8")
    teams = {"force": None, "police": "doctrine", "civilian": "doctrine",
             "humanitarian": "doctrine"}
    live = LiveExercise.load(store, store.create_exercise("poc", text, 7, "fr", teams))
    live.start()
    for _ in range(3):
        live.close()
        live.open()
    live.submit("force", [])
    quick, applied = applied_on_load(store, live.id, monkeypatch)
    full = LiveExercise.load(copied(store, tmp_path / "other.db"), live.id, cache=False)
    assert applied == 2  # the opening of turn 4 and the submission since
    same(quick, live)
    same(full, live)
    for each in (quick, full):
        play_on(each, "force", [])
    same(quick, full)


def test_each_close_replaces_the_snapshot_with_the_turn_it_closed(store):
    live = mini_played(store)
    rows = store.read("SELECT exercise, seq, turn, state FROM snapshot")
    close = [i for i in store.inputs(live.id) if i.kind == "close"][-1]
    assert [tuple(r) for r in rows] == [(live.id, close.seq, 2, rows[0]["state"])]
    live.close()
    assert [tuple(r)[:3] for r in store.read("SELECT exercise, seq, turn FROM snapshot")] == \
        [(live.id, live.applied[0], 3)]


def ignored(store: Store, ex: int, monkeypatch, caplog) -> str:
    """Load after the snapshot was spoilt: it must replay every input, to the same state
    as a full replay; returns what the log said."""
    stored = len(store.inputs(ex))
    full = LiveExercise.load(store, ex, cache=False)
    state = full.replay_hash()
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="simulator.classroom.snapshots"):
        live, applied = applied_on_load(store, ex, monkeypatch)
    assert applied == stored and live.replay_hash() == state
    assert "replaying its inputs from the first" in caplog.text
    return caplog.text


def spoil(store: Store, ex: int, column: str, value) -> None:
    with store.write() as db:
        db.execute(f"UPDATE snapshot SET {column} = ? WHERE exercise = ?", (value, ex))


def test_a_snapshot_of_other_inputs_is_ignored(store, monkeypatch, caplog):
    live = mini_played(store)
    first = store.inputs(live.id)[1]  # the turn-1 submission, changed under the snapshot
    with store.write() as db:
        db.execute("UPDATE input SET payload = ? WHERE seq = ?",
                   ('{"decisions": []}', first.seq))
    assert "does not stand for the stored inputs" in ignored(store, live.id, monkeypatch,
                                                              caplog)


def test_a_snapshot_of_another_program_is_ignored(store, monkeypatch, caplog):
    live = mini_played(store)
    spoil(store, live.id, "program", "0" * 64)
    assert "another version of the program" in ignored(store, live.id, monkeypatch, caplog)


class Planted:
    """What a forged snapshot would run when unpickled."""

    ran = False

    def __reduce__(self):
        return (_run_planted, ())


def _run_planted():
    Planted.ran = True
    return None


def test_bytes_this_installation_did_not_write_are_never_unpickled(store, monkeypatch,
                                                                   caplog):
    live = mini_played(store)
    spoil(store, live.id, "data", zlib.compress(pickle.dumps(Planted())))
    assert "this installation did not make it" in ignored(store, live.id, monkeypatch,
                                                           caplog)
    assert not Planted.ran


def test_a_database_copied_to_another_laptop_replays_and_makes_its_own_key(store, tmp_path,
                                                                           monkeypatch,
                                                                           caplog):
    live = mini_played(store)
    key = snapshots.key_path(store)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    (tmp_path / "other").mkdir()
    other = copied(store, tmp_path / "other" / "ttx.db", key=False)  # the database alone
    assert "this installation did not make it" in ignored(other, live.id, monkeypatch, caplog)
    assert snapshots.key_path(other).read_bytes() != key.read_bytes()


def test_a_snapshot_that_cannot_be_read_or_holds_another_state_is_ignored(store,
                                                                         monkeypatch,
                                                                         caplog):
    live = mini_played(store)
    garbage = b"not a snapshot"
    spoil(store, live.id, "mac", snapshots._mac(store, garbage))
    spoil(store, live.id, "data", garbage)
    assert "cannot be read" in ignored(store, live.id, monkeypatch, caplog)
    live.close()  # a fresh snapshot, then a wrong replay hash beside it
    spoil(store, live.id, "state", "0" * 64)
    assert "not the one stored" in ignored(store, live.id, monkeypatch, caplog)


def test_a_snapshot_that_cannot_be_stored_leaves_the_close_standing(store, monkeypatch,
                                                                    caplog):
    live = mini_played(store)

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(snapshots, "_mac", full)
    with caplog.at_level(logging.WARNING, logger="simulator.classroom.snapshots"):
        live.close()
    assert "no snapshot stored" in caplog.text and live.phase == "closed"
    assert store.inputs(live.id)[-1].kind == "close"


def test_an_exercise_archive_carries_no_snapshot(store, tmp_path, monkeypatch):
    live = mini_played(store)
    out = tmp_path / "exercise.zip"
    export_exercise(store.path, live.id, out)
    with zipfile.ZipFile(out) as z:
        assert sorted(z.namelist()) == ["course.json", "exercise.json", "inputs.json",
                                        "manifest.json", "notes.json", "overrides.json",
                                        "scenario.yaml"]
        assert not any(b"snapshot" in z.read(n) or b"\x80\x05" in z.read(n)
                       for n in z.namelist())  # no table, no pickle
    other = Store(tmp_path / "other.db")
    new = import_exercise(out, other.path).exercise
    other.add_schema(snapshots.TABLE)
    assert other.read("SELECT * FROM snapshot") == []
    again, applied = applied_on_load(other, new, monkeypatch)  # replayed, then its own
    assert applied == len(other.inputs(new)) and again.replay_hash() == live.replay_hash()
    assert [r["exercise"] for r in other.read("SELECT exercise FROM snapshot")] == [new]
