"""A measure's scope and what it sees of a run: whose decisions, which places, which turns.

``Scope`` is resolved from the scenario's measure (``simulator.language.scenario.Scope``) and its
critical task: a measure that judges decisions judges the task's team unless it names
other teams (``[all]``: every team). ``Ctx`` gives a measure the run's events and
time-series rows within that scope, and what the scenario says of teams and actions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from debrief.rundata import RunData
from simulator.language.measure_specs import SPECS


@dataclass(frozen=True)
class Scope:
    teams: frozenset[str] | None = None  # None: every team
    places: frozenset[str] | None = None  # None: the whole map
    turns: tuple[int, int] | None = None  # None: every turn

    @classmethod
    def of(cls, measure, task_team: str | None) -> "Scope":
        spec = SPECS[measure.metric]
        s = measure.scope
        teams = None
        if "teams" in spec.scope:
            if s.teams is not None:
                teams = None if "all" in s.teams else frozenset(s.teams)
            elif task_team:
                teams = frozenset([task_team])
        return cls(teams, frozenset(s.places) if s.places else None,
                   tuple(s.turns) if s.turns else None)

    @property
    def whole_map(self) -> bool:
        return self.places is None

    @property
    def everywhere(self) -> bool:
        """The whole map, every turn, every team: the run's own totals apply."""
        return self.places is None and self.turns is None and self.teams is None

    @property
    def places_text(self) -> str:
        return ", ".join(sorted(self.places)) if self.places else ""

    def team_ok(self, e: dict) -> bool:
        return self.teams is None or e.get("team") in self.teams

    def place_ok(self, place: str | None) -> bool:
        return self.places is None or place in self.places

    def turn_ok(self, turn: int) -> bool:
        return self.turns is None or self.turns[0] <= turn <= self.turns[1]

    def as_dict(self) -> dict:
        return {"teams": sorted(self.teams) if self.teams else None,
                "places": sorted(self.places) if self.places else None,
                "turns": list(self.turns) if self.turns else None}


@dataclass
class Ctx:
    """What one measure sees: the run, the scenario, and its scope."""

    run: RunData
    scenario: object
    scope: Scope = field(default_factory=Scope)

    def events(self, *types: str, teams: bool = True) -> list[dict]:
        """Events of ``types`` within the scope (by team only when ``teams``)."""
        s = self.scope
        return [e for e in self.run.of_type(*types)
                if s.turn_ok(e["turn"]) and (s.places is None or s.place_ok(e.get("location")))
                and (not teams or s.team_ok(e))]

    def rows(self) -> list[dict]:
        """Time-series rows (one per turn and place) within the scope."""
        return [r for r in self.run.timeseries
                if self.scope.place_ok(r["location"]) and self.scope.turn_ok(r["turn"])]

    def summary(self, key: str):
        return self.run.summary["outcomes"][key]

    @property
    def turn_hours(self) -> int:
        return self.scenario.metadata.turn_hours

    @cached_property
    def unit_team(self) -> dict[str, str]:
        return {a: t.id for t in self.scenario.teams for a in t.assets}

    @cached_property
    def _primitives(self) -> dict[tuple[str, str], list[str]]:
        return {(team, a.id): [e.kind for e in a.effects]
                for a in self.scenario.actions for team in a.teams}

    def primitives(self, team: str, action: str) -> list[str]:
        """The primitives ``action`` composes (none for an action unknown to ``team``)."""
        return self._primitives.get((team, action), [])

    def orders_composing(self, *primitives: str) -> list[dict]:
        """The scope's teams' accepted orders whose action composes one of ``primitives``
        (within its turns; places do not narrow orders, whose effects may land elsewhere)."""
        return [d for d in self.run.of_type("decision_accepted")
                if self.scope.team_ok(d) and self.scope.turn_ok(d["turn"])
                and set(self.primitives(d["team"], d["action"])) & set(primitives)]
