"""In the debrief worker: the counterfactual replays of each exercise in play
(``debrief.ahead``), advanced as its turns close, so that its report after the last turn
has only that turn left to replay. Kept in the worker's memory for the few exercises
closed last: a cache, lost with the worker; the report is the same without it."""

from __future__ import annotations

import json
from collections import OrderedDict
from pathlib import Path

from debrief.ahead import Ahead, digest
from debrief.report import TEAM_SEEDS
from simulator.decisions import inputs_from
from simulator.live import LiveExercise
from simulator.store import Store

KEEP = 4  # exercises whose replays are kept (each holds a few dozen worlds)
_kept: OrderedDict[tuple[str, int], Ahead] = OrderedDict()


def advance(db: str, ex: int) -> int:
    """Play the replays of exercise ``ex`` through its last closed turn (a worker's job);
    return that turn."""
    store = Store(db)
    live = LiveExercise.load(store, ex)
    ahead = _ahead(store, ex, live)
    played = live.exercise.turns if live.exercise.done else live.turn - 1
    # The inputs as the debrief will read them from the run's inputs.json.
    record = json.loads(json.dumps(live.exercise.inputs))
    ahead.advance(inputs_from(record, {}, "inputs.json", live.scenario), played)
    return played


def kept(db: str, ex: int) -> Ahead | None:
    """The replays played ahead for exercise ``ex`` in this process, if any."""
    return _kept.get((str(Path(db)), ex))


def _ahead(store: Store, ex: int, live: LiveExercise) -> Ahead:
    row, key = store.exercise(ex), (str(store.path), ex)
    ahead = _kept.get(key)
    if ahead is None or ahead.digest != digest(row["scenario"]) or ahead.seed != row["seed"]:
        ahead = Ahead(live.scenario, row["scenario"], row["seed"], TEAM_SEEDS)
    _kept[key] = ahead
    _kept.move_to_end(key)
    while len(_kept) > KEEP:
        _kept.popitem(last=False)
    return ahead
