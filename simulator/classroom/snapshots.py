"""Snapshots of an exercise in play: its state right after each closed turn, kept in the
server's own database, so that a restart does not replay every input from the first turn.

The replay stays the truth (an exercise is its scenario, seed and inputs replayed); a
snapshot is a cache of it, used only when it stands for a prefix of the stored inputs.
Beside the pickled state (``LiveExercise`` without its store and lock) a snapshot keeps:

- ``inputs``: a chain digest of the exercise's setup (scenario text, seed, language,
  teams) and of every input up to the last one the state includes (``seq``); on load it
  must equal the digest of the inputs stored now, up to the same input;
- ``state``: the replay hash of the state (``LiveExercise.replay_hash``); the state read
  back must have it;
- ``program``: a digest of the code that made it (the simulator's and the bots' sources,
  Python's and the libraries' versions); another program's snapshot is not read;
- ``mac``: an HMAC of the bytes under this installation's key (a file beside the database,
  readable by its owner only).

``LiveExercise.load`` takes the latest snapshot whose ``inputs`` match and applies only the
inputs after it. One that fails a check is ignored, and the exercise replays from the first
input; the log says why. Each snapshot replaces the exercise's one before.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import pickle
import secrets
import time
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from simulator.provenance import program

if TYPE_CHECKING:
    from simulator.classroom.store import Input, Store

TABLE = """CREATE TABLE IF NOT EXISTS snapshot (
    exercise INTEGER PRIMARY KEY, seq INTEGER NOT NULL, turn INTEGER NOT NULL,
    inputs TEXT NOT NULL, state TEXT NOT NULL, program TEXT NOT NULL, mac TEXT NOT NULL,
    data BLOB NOT NULL, created REAL NOT NULL);"""

log = logging.getLogger(__name__)


class State(Protocol):
    """What a snapshot reads of the state it keeps (``simulator.classroom.live.LiveExercise``,
    which imports this module: the state is described here rather than imported)."""

    id: int
    applied: tuple[int, str]  # the last input applied, and the chain digest so far
    turn: int
    phase: str
    store: Store

    def replay_hash(self) -> str: ...


def origin(row: Mapping, teams: Mapping[str, str | None]) -> str:
    """The digest an exercise's chain starts from: what it is played from besides inputs."""
    setup = [row["id"], hashlib.sha256(row["scenario"].encode()).hexdigest(), row["seed"],
             row["lang"], row["practice"] is not None, sorted(teams.items())]
    return hashlib.sha256(json.dumps(setup).encode()).hexdigest()


def chain(digest: str, item: Input) -> str:
    """The digest after one more input."""
    this = json.dumps([item.seq, item.turn, item.kind, item.team, item.payload],
                      sort_keys=True)
    return hashlib.sha256(f"{digest}\n{this}".encode()).hexdigest()


def key_path(store: Store) -> Path:
    return store.path.with_name(store.path.name + ".snapshot-key")


def _key(store: Store) -> bytes:
    """This installation's key, made on first use (owner-only), by whichever process
    comes first: written aside, then linked into place."""
    path = key_path(store)
    if not path.exists():
        aside = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        with os.fdopen(os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as f:
            f.write(secrets.token_bytes(32))
        try:
            os.link(aside, path)
        except FileExistsError:
            pass
        finally:
            aside.unlink()
    return path.read_bytes()


def _mac(store: Store, data: bytes) -> str:
    return hmac.new(_key(store), data, hashlib.sha256).hexdigest()


def save(live: State) -> None:
    """Store the state of ``live`` (call it under ``live.lock``, right after a close). It is
    a cache: if it cannot be stored, the command stands and a restart replays more."""
    seq, inputs = live.applied
    try:
        data = zlib.compress(pickle.dumps(live, protocol=pickle.HIGHEST_PROTOCOL), 1)
        closed = live.turn - 1 if live.phase == "closed" else live.turn  # else: finished
        row = (live.id, seq, closed, inputs, live.replay_hash(), program(),
               _mac(live.store, data), data, time.time())
        live.store.add_schema(TABLE)
        with live.store.write() as db:
            db.execute("INSERT INTO snapshot (exercise, seq, turn, inputs, state, program, "
                       "mac, data, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (exercise) DO UPDATE SET seq = excluded.seq, "
                       "turn = excluded.turn, inputs = excluded.inputs, state = excluded.state,"
                       " program = excluded.program, mac = excluded.mac, data = excluded.data, "
                       "created = excluded.created "
                       # a later one is kept (another process may snapshot an earlier turn)
                       "WHERE excluded.seq >= snapshot.seq", row)
    except Exception as exc:  # noqa: BLE001 (a cache: the close is stored and applied)
        log.warning("exercise %s: no snapshot stored (%s); a restart will replay its "
                    "inputs from the first", live.id, exc)


def restore(store: Store, row: Mapping, teams: Mapping[str, str | None],
            items: list[Input]) -> tuple[State | None, int]:
    """The exercise as its snapshot left it, and how many of ``items`` (the stored inputs,
    in order) that state includes; (None, 0) when there is no usable snapshot."""
    ex = row["id"]
    store.add_schema(TABLE)
    found = store.read("SELECT * FROM snapshot WHERE exercise = ?", (ex,))
    if not found:
        return None, 0
    snap = found[0]
    digest, covered = origin(row, teams), 0
    for n, item in enumerate(items, 1):
        digest = chain(digest, item)
        if item.seq == snap["seq"]:
            covered = n
            break
    live, why = None, ""
    if not covered or digest != snap["inputs"]:
        why = "it does not stand for the stored inputs"
    elif snap["program"] != program():
        why = "another version of the program made it"
    elif not hmac.compare_digest(snap["mac"], _mac(store, snap["data"])):
        why = "this installation did not make it (or it was altered)"
    else:
        # pickle.loads can run code named by its bytes. These bytes come from this
        # server's own database only, and the HMAC above proves this installation wrote
        # them: an imported archive never carries snapshots, and a database copied from
        # another laptop has another key, so its snapshots are ignored, never unpickled.
        try:
            live = pickle.loads(zlib.decompress(snap["data"]))
        except Exception as exc:  # noqa: BLE001 (any failure to read means: replay)
            why = f"it cannot be read ({type(exc).__name__}: {exc})"
        else:
            live.store = store
            if live.replay_hash() != snap["state"]:
                live, why = None, "the state read back is not the one stored"
    if live is None:
        log.warning("exercise %s: snapshot of turn %s ignored, %s: replaying its inputs from "
                    "the first", ex, snap["turn"], why)
        return None, 0
    log.info("exercise %s: read from its snapshot of turn %s; %s later inputs replayed", ex,
             snap["turn"], len(items) - covered)
    return live, covered
