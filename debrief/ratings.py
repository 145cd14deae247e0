"""HSEEP ratings: each measure against its thresholds, rolled up to critical tasks and
objectives.

Ratings (HSEEP Exercise Evaluation Guide): P performed without challenges, S with some
challenges, M with major challenges, U unable to be performed. A measure rates P when its
value is at or better than the P threshold, S at or better than S, M at or better than M,
and U otherwise ("better" is lower or higher, per measure).

The roll-up (docs/ratings.md):
- a critical task takes the worst rating of its measures that apply;
- only outcome and effect measures can show a task was performed: when none of them
  applies, the task is **not observed** (``None``), never P; process measures (paper)
  can still show a shortfall then (S, M or U), never lift it;
- an objective takes the worst rating of its observed critical tasks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from debrief.measures import MEASURES, Result
from debrief.rundata import RunData
from debrief.scope import Ctx, Scope
from simulator.language.measure_specs import SPECS
from simulator.language.scenario import Text

ORDER = ("P", "S", "M", "U")
NOT_OBSERVED = None


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


def better_than(a: str | None, b: str | None) -> bool:
    """Whether rating ``a`` is better than ``b`` (not observed ranks below U)."""
    rank = lambda r: ORDER.index(r) if r in ORDER else len(ORDER)  # noqa: E731
    return rank(a) < rank(b)


@dataclass
class MeasureRating:
    id: str
    metric: str
    result: Result
    rating: str | None
    kind: str  # outcome, effect or process
    scope: Scope = field(default_factory=Scope)


@dataclass
class TaskRating:
    id: str
    team: str | None
    rating: str | None  # None: not observed
    measures: list[MeasureRating] = field(default_factory=list)

    @property
    def observed(self) -> bool:
        return self.rating is not None


@dataclass
class ObjectiveRating:
    id: str
    capability: Text
    rating: str | None
    tasks: list[TaskRating] = field(default_factory=list)


def roll_up(measures: list[MeasureRating]) -> str | None:
    """A task's rating from its measures' (see the module's docstring)."""
    decisive = [m.rating for m in measures if m.rating and m.kind != "process"]
    paper = [m.rating for m in measures if m.rating and m.kind == "process"]
    if decisive:
        return worst(decisive + paper)
    shortfall = worst(paper)
    return shortfall if shortfall not in (None, "P") else NOT_OBSERVED


def measure(ctx: Ctx, m, task: str | None = None) -> Result:
    """Compute one scenario measure within its scope; ``expected_actions_met`` counts the
    injects linked to the critical task unless it names another (``all``: every task)."""
    params = dict(m.params)
    if m.metric == "expected_actions_met":
        params.setdefault("task", task)
        if params["task"] == "all":
            params["task"] = None
    return MEASURES[m.metric](ctx, **params)


def rate_task(scenario, run: RunData, t) -> TaskRating:
    rated = []
    for m in t.measures:
        ctx = Ctx(run, scenario, Scope.of(m, t.team))
        result = measure(ctx, m, t.id)
        rated.append(MeasureRating(m.id, m.metric, result,
                                   rate(result.value, m.thresholds, m.better),
                                   result.kind or SPECS[m.metric].kind, ctx.scope))
    return TaskRating(t.id, t.team, roll_up(rated), rated)


def rate_objectives(scenario, run: RunData) -> list[ObjectiveRating]:
    """Draft ratings of every objective of ``scenario`` for one run."""
    out = []
    for o in scenario.objectives:
        tasks = [rate_task(scenario, run, t) for t in o.critical_tasks]
        out.append(ObjectiveRating(o.id, o.capability, worst([t.rating for t in tasks]), tasks))
    return out
