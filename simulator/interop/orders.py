"""A team's catalogue as numbers: every concrete order it could give, one code each.

Code 0 is no order. Codes from 1 run through the team's actions in catalogue order (the
scenario's ``actions`` list), one block per action; inside a block, through every
combination of the values each parameter is offered, the last parameter changing fastest
(the order of ``itertools.product``). A parameter is offered:

- an id (place, unit, agency, team, armed group, host force, route, checkpoint): every
  id of its kind in scenario order; a unit or agency of the team's own only among the
  team's assets (the shared units it may request included), and only the ids the
  parameter allows when it lists them;
- a need: water, food, shelter, health;
- a choice of one value: each value; of several (its default is a list): every
  non-empty combination of values, fewest first;
- yes/no: false, true;
- a number: its default; without one, its lowest, middle and highest allowed values
  (whole numbers when the bounds are);
- a text: its default, and ``TEXT`` (a last-resort request needs a justification);
- when it is optional without a default, nothing first (the engine leaves it unset).

Blocks are never built: a code is decoded by its place in the block (mixed radix), so a
district of thousands of places costs a few lists of ids.
"""

from __future__ import annotations

import bisect
import itertools
import math
from typing import Any

from simulator.language.scenario import NEEDS, Param, Scenario
from simulator.language.values import ENTITY_PARAMS

TEXT = "No civilian alternative: life-saving need."
UNSET = None  # the value of an optional parameter left to the engine


def offered(scenario: Scenario, team: str, p: Param) -> list[Any]:
    """The values ``p`` is offered in the encoding, in order (see the module's docstring)."""
    if p.type in ENTITY_PARAMS:
        values: list[Any] = [i for i, _ in scenario.entities(p.type)]
        if p.type in ("unit", "agency") and p.own:
            assets = set(scenario.assets_of(team))
            values = [i for i in values if i in assets]
        if p.values:
            values = [i for i in values if i in p.values]
    elif p.values and p.type != "choice":
        values = list(p.values)
    elif p.type == "need":
        values = list(NEEDS)
    elif p.type == "choice":
        values = list(p.values)
        if isinstance(p.default, list):
            values = [list(c) for r in range(1, len(values) + 1)
                      for c in itertools.combinations(values, r)]
    elif p.type == "bool":
        values = [False, True]
    elif p.type in ("int", "number"):
        values = [p.default] if p.default is not None else _levels(p)
    else:  # text
        values = [v for v in (p.default, TEXT) if v is not None]
        values = list(dict.fromkeys(values))
    if not p.is_required and p.default is None and UNSET not in values:
        values = [UNSET] + values
    return values


def _levels(p: Param) -> list[float | int]:
    """A number without a default: its lowest, middle and highest allowed values."""
    bounds = [b for b in (p.min, p.max) if b is not None]
    if not bounds:
        return [1]
    lo, hi = min(bounds), max(bounds)
    levels = [lo, (lo + hi) / 2, hi]
    if p.type == "int" or all(float(b).is_integer() for b in bounds):
        # Whole bounds, whole levels: an amount reads 10050, not 10050.5.
        levels = [math.floor(v) for v in levels]
        levels = levels if p.type == "int" else [float(v) for v in levels]
    return list(dict.fromkeys(levels))


class OrderCodes:
    """The orders ``team`` could give, numbered (see the module's docstring)."""

    def __init__(self, scenario: Scenario, team: str):
        self.team = team
        self.actions = list(scenario.actions_of(team).values())
        # Per action: its parameters' names and each one's offered values.
        self.params = [[(name, offered(scenario, team, p)) for name, p in a.params.items()]
                       for a in self.actions]
        self.defaults = [{name: p.default for name, p in a.params.items()} for a in self.actions]
        sizes = [math.prod(len(values) for _, values in ps) for ps in self.params]
        self.starts = [1 + s for s in itertools.accumulate([0] + sizes[:-1])]
        self.size = sum(sizes)  # codes 1..size are orders

    def decode(self, code: int) -> tuple[str, dict[str, Any]] | None:
        """The order of ``code``: ``(action id, params)`` (an unset parameter left out);
        None for 0."""
        code = int(code)
        if code == 0:
            return None
        if not 1 <= code <= self.size:
            raise ValueError(f"order code {code} of team {self.team!r} is outside "
                             f"0..{self.size}")
        k = bisect.bisect_right(self.starts, code) - 1
        rest, params = code - self.starts[k], {}
        for name, values in reversed(self.params[k]):
            rest, i = divmod(rest, len(values))
            if values[i] is not UNSET:
                params[name] = values[i]
        return self.actions[k].id, dict(reversed(params.items()))

    def encode(self, action: str, params: dict[str, Any] | None = None) -> int:
        """The code of an order; a parameter left out takes its default (or stays unset).
        Raise ``ValueError`` when the encoding does not offer the order."""
        params = params or {}
        k = next((i for i, a in enumerate(self.actions) if a.id == action), None)
        if k is None:
            raise ValueError(f"team {self.team!r} has no action {action!r}; its actions: "
                             f"{', '.join(a.id for a in self.actions)}")
        unknown = sorted(set(params) - {name for name, _ in self.params[k]})
        if unknown:
            raise ValueError(f"action {action!r} has no parameter {unknown[0]!r}")
        code = 0
        for name, values in self.params[k]:
            value = params.get(name, self.defaults[k][name])
            i = next((i for i, v in enumerate(values) if _same(v, value)), None)
            if i is None:
                raise ValueError(f"{action}.{name} = {value!r} is not among the values the "
                                 f"encoding offers: {values[:10]}"
                                 f"{' ...' if len(values) > 10 else ''}")
            code = code * len(values) + i
        return self.starts[k] + code


def _same(offered_value: Any, value: Any) -> bool:
    if isinstance(offered_value, list) or isinstance(value, list):
        return isinstance(offered_value, list) and isinstance(value, list) \
            and sorted(map(str, offered_value)) == sorted(map(str, value))
    if offered_value is None or value is None:
        return offered_value is value
    if isinstance(offered_value, bool) or isinstance(value, bool):
        return offered_value is value
    return offered_value == value
