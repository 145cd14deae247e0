"""Ratings that bot teams earn on a scenario: a check that its measures tell doctrine
from doing nothing.

Each play is written to a scratch folder and read back, so the ratings come from the same
files, by the same code, as a trainee team's debrief.
"""

from __future__ import annotations

import tempfile
from collections import Counter

from debrief.ratings import ORDER, rate_objectives
from debrief.rundata import load_run
from simulator.exercise import Exercise
from simulator.outputs import write_run
from simulator.scenario import Scenario

NOT_RATED = "-"


class RatingTally:
    """Counts of ratings per objective and critical task, per bot kind, across seeds."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.counts: dict[str, dict[str, Counter]] = {}

    def add(self, kind: str, seed: int, ex: Exercise) -> None:
        with tempfile.TemporaryDirectory(prefix="ttx-rate-") as folder:
            write_run(ex, folder)
            run = load_run(folder)
        per_kind = self.counts.setdefault(kind, {})
        for o in rate_objectives(self.scenario, run):
            per_kind.setdefault(o.id, Counter())[o.rating or NOT_RATED] += 1
            for t in o.tasks:
                per_kind.setdefault(t.id, Counter())[t.rating or NOT_RATED] += 1

    def as_dict(self) -> dict[str, dict[str, dict[str, int]]]:
        """``{kind: {objective or task id: {rating: seeds}}}`` in P, S, M, U order."""
        return {kind: {item: {g: c[g] for g in (*ORDER, NOT_RATED) if c[g]}
                       for item, c in per_kind.items()}
                for kind, per_kind in self.counts.items()}

    def table(self) -> str:
        """One row per objective and its critical tasks (indented), one column per kind:
        how many seeds gave each rating, e.g. ``P17 S3``."""
        kinds = list(self.counts)
        rows = []
        for o in self.scenario.objectives:
            rows.append(o.id)
            rows += ["  " + t.id for t in o.critical_tasks]
        width = max(len(r) for r in rows) + 2
        lines = ["objective / critical task".ljust(width) + "".join(k.rjust(20) for k in kinds)]
        for row in rows:
            cells = []
            for kind in kinds:
                c = self.counts[kind].get(row.strip(), Counter())
                cells.append(" ".join(f"{g}{c[g]}" for g in (*ORDER, NOT_RATED) if c[g])
                             .rjust(20))
            lines.append(row.ljust(width) + "".join(cells))
        return "\n".join(lines)
