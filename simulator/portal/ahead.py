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
from simulator.classroom.live import LiveExercise
from simulator.classroom.store import Store
from simulator.play.decisions import inputs_from
from simulator.portal.history import played_turns

KEEP = 3  # exercises whose replays are kept: each holds about 50 worlds (150 MB for
# a shipped scenario at its last turn)
MAX_PLACES = 200  # larger maps' replays would not fit in memory: their reports replay all
_kept: OrderedDict[tuple[str, int], Ahead] = OrderedDict()


def wanted(live: LiveExercise) -> bool:
    """Whether the replays of ``live`` are played ahead: a class's exercise (a practice
    exercise's trainee gets the report as before: there are many of them at once, and
    each would hold its worlds) on a map whose worlds fit in memory."""
    return not live.practice and len(live.scenario.map.locations) <= MAX_PLACES


def advance(db: str, ex: int) -> int:
    """Play the replays of exercise ``ex`` through its last closed turn (a worker's job);
    return that turn."""
    store = Store(db)
    live = LiveExercise.load(store, ex)
    ahead = _ahead(store, ex, live)
    played = played_turns(live)
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
