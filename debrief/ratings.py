"""HSEEP ratings: each measure against its thresholds, rolled up to critical tasks and
objectives.

Ratings (HSEEP Exercise Evaluation Guide): P performed without challenges, S with some
challenges, M with major challenges, U unable to be performed. A measure rates P when its
value is at or better than the P threshold, S at or better than S, M at or better than M,
and U otherwise ("better" is lower or higher, per measure). The roll-up rule is
conservative: a critical task takes the worst rating of its measures, an objective the
worst rating of its critical tasks; measures that do not apply (no value) are left out,
and a task with none that applies is not rated (None).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from debrief.measures import MEASURES, Result, outcome
from debrief.rundata import RunData
from simulator.scenario import MEASURE_PARAMS, Text

ORDER = ("P", "S", "M", "U")


def rate(value: float | None, thresholds: dict[str, float], better: str) -> str | None:
    """The rating of one value; None when the measure does not apply or has no thresholds."""
    if value is None or not thresholds:
        return None
    for grade in ("P", "S", "M"):
        limit = thresholds.get(grade)
        if limit is None:
            continue
        if (value <= limit) if better == "lower" else (value >= limit):
            return grade
    return "U"


def worst(ratings: list[str | None]) -> str | None:
    rated = [r for r in ratings if r is not None]
    return max(rated, key=ORDER.index) if rated else None


@dataclass
class MeasureRating:
    id: str
    metric: str
    result: Result
    rating: str | None


@dataclass
class TaskRating:
    id: str
    team: str | None
    rating: str | None
    measures: list[MeasureRating] = field(default_factory=list)


@dataclass
class ObjectiveRating:
    id: str
    capability: Text
    rating: str | None
    tasks: list[TaskRating] = field(default_factory=list)


def measure(run: RunData, m, team: str | None = None, task: str | None = None) -> Result:
    """Compute one scenario measure: a debrief measure with its parameters, or an outcome
    of the run. A per-team measure defaults to the critical task's team, a per-task one to
    the critical task itself; ``all`` lifts that default."""
    if m.metric in MEASURES:
        params = dict(m.params)
        for name, default in (("team", team), ("task", task)):
            if default and name in MEASURE_PARAMS[m.metric]:
                params.setdefault(name, default)
            if params.get(name) == "all":
                del params[name]
        return MEASURES[m.metric](run, **params)
    return outcome(run, m.metric)


def rate_objectives(scenario, run: RunData) -> list[ObjectiveRating]:
    """Draft ratings of every objective of ``scenario`` for one run."""
    out = []
    for o in scenario.objectives:
        tasks = []
        for t in o.critical_tasks:
            rated = []
            for m in t.measures:
                result = measure(run, m, t.team, t.id)
                rated.append(MeasureRating(m.id, m.metric, result,
                                           rate(result.value, m.thresholds, m.better)))
            tasks.append(TaskRating(t.id, t.team, worst([r.rating for r in rated]), rated))
        out.append(ObjectiveRating(o.id, o.capability, worst([t.rating for t in tasks]), tasks))
    return out
