"""Ratings that bot teams earn on a scenario: a check that its measures tell doctrine
from doing nothing.

Each play is rated from the data its run folder would hold (``debrief.rundata.run_of``),
by the same code as a trainee team's debrief.
"""

from __future__ import annotations

from collections import Counter

from debrief.ratings import ORDER, rate_objectives
from debrief.rundata import run_of
from simulator.i18n import tr
from simulator.language.scenario import Scenario, text
from simulator.play.exercise import Exercise

NOT_RATED = "-"


def in_order(counts: Counter) -> dict[str, int]:
    """Seeds per rating, in P, S, M, U then not rated order, the ratings never given left
    out."""
    return {g: counts[g] for g in (*ORDER, NOT_RATED) if counts[g]}


class RatingTally:
    """Counts of ratings per objective and critical task, per bot kind, across seeds."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.counts: dict[str, dict[str, Counter]] = {}

    def add(self, kind: str, seed: int, ex: Exercise) -> None:
        run = run_of(ex)
        per_kind = self.counts.setdefault(kind, {})
        for o in rate_objectives(self.scenario, run):
            per_kind.setdefault(o.id, Counter())[o.rating or NOT_RATED] += 1
            for task in o.tasks:
                per_kind.setdefault(task.id, Counter())[task.rating or NOT_RATED] += 1

    def as_dict(self) -> dict[str, dict[str, dict[str, int]]]:
        """``{kind: {objective or task id: {rating: seeds}}}`` in P, S, M, U order."""
        return {kind: {item: in_order(c) for item, c in per_kind.items()}
                for kind, per_kind in self.counts.items()}

    def table(self, lang: str = "en") -> str:
        """One row per objective and its critical tasks (indented), by title, one column
        per kind: how many seeds gave each rating, e.g. ``P17 S3``."""
        kinds = list(self.counts)
        rows = []
        for o in self.scenario.objectives:
            rows.append((short_title(text(o.title, lang)), o.id))
            rows += [("  " + short_title(text(c.title, lang)), c.id) for c in o.critical_tasks]
        head = tr("objective / critical task", lang)
        width = max([len(label) for label, _ in rows] + [len(head)]) + 2
        lines = [head.ljust(width) + "".join(k.rjust(20) for k in kinds)]
        for label, item in rows:
            cells = []
            for kind in kinds:
                c = self.counts[kind].get(item, Counter())
                cells.append(" ".join(f"{g}{c[g]}" for g in (*ORDER, NOT_RATED) if c[g])
                             .rjust(20))
            lines.append(label.ljust(width) + "".join(cells))
        return "\n".join(lines)


TITLE_WIDTH = 56  # a title longer than this is cut (with "…") so the columns fit a terminal


def short_title(title: str) -> str:
    return title if len(title) <= TITLE_WIDTH else title[:TITLE_WIDTH - 1].rstrip() + "…"
