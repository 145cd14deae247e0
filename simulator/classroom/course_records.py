"""A course's records: each exercise's final ratings (after the evaluators' overrides)
rolled up onto the competency framework, per team and per trainee, with the evidence kept.

Pure data in, data out: the portal fetches the ratings (``simulator.portal.courses``);
this module only decides where each rating counts. A task counts for the trainees who
played its team in that exercise, under every competency the framework maps it to.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from simulator.classroom.competencies import Framework, competencies_for

RANKS = {"P": 4, "S": 3, "M": 2, "U": 1}


@dataclass(frozen=True)
class TaskRating:
    """One critical task of one exercise, as the debrief finally rated it."""

    exercise: int
    exercise_name: str
    scenario: str  # the scenario's metadata.id
    task: str
    team: str
    title: dict  # per language: {"en": ..., "fr": ..., "pt": ...}
    draft: str | None  # the debrief's rating (None: not rated)
    final: str | None  # after the evaluators' override
    justification: str | None = None  # the override's
    evidence: tuple[str, ...] = ()  # event ids the rating cites

    def plain(self) -> dict:
        return {**asdict(self), "evidence": list(self.evidence),
                "overridden": self.final != self.draft}


@dataclass
class Record:
    """What counts towards each competency for one trainee (or one team)."""

    competencies: dict[str, list[TaskRating]] = field(default_factory=dict)

    def add(self, competency: str, rating: TaskRating) -> None:
        self.competencies.setdefault(competency, []).append(rating)

    def summary(self, competency: str) -> dict:
        """The ratings a competency gathered: how many of each, and the latest exercise's."""
        got = self.competencies.get(competency, [])
        counts = {r: sum(x.final == r for x in got) for r in RANKS}
        latest = max(got, key=lambda x: x.exercise).final if got else None
        return {"tasks": len(got), "counts": counts, "latest": latest}


def roll_up(framework: Framework, ratings: list[TaskRating],
            members: dict[int, dict[str, list[int]]]) -> tuple[dict[int, Record],
                                                                 dict[tuple[int, str], Record]]:
    """Per trainee and per (exercise, team): every rated task under each competency it
    counts for. ``members``: exercise → team → trainee ids."""
    trainees: dict[int, Record] = {}
    teams: dict[tuple[int, str], Record] = {}
    for r in ratings:
        if r.final is None:
            continue  # not applicable in this play: nothing to judge
        for competency in competencies_for(framework, r.scenario, r.task):
            teams.setdefault((r.exercise, r.team), Record()).add(competency, r)
            for trainee in members.get(r.exercise, {}).get(r.team, []):
                trainees.setdefault(trainee, Record()).add(competency, r)
    return trainees, teams
