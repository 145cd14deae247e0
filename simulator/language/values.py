"""Decision parameter values: checked against the action's declaration.

Used when a decision is submitted (a bad value is a ``Rejected`` decision) and when a
scenario is validated (a bad default is a located scenario error).
"""

from __future__ import annotations

import math
from typing import Any

from simulator.language.rejections import explain
from simulator.language.scenario import NEEDS, Action, Param, Scenario

ENTITY_PARAMS = ("location", "unit", "agency", "team", "armed_group", "host_force", "route",
                 "checkpoint")  # parameter types whose value is an id of the scenario
MAX_TEXT = 2000


class Rejected(Exception):
    """A decision that cannot be carried out: ``reason`` is a stable code, ``why`` and
    ``values`` the sentence that explains it (``simulator.language.rejections``), ``detail`` that
    sentence in English with the ids."""

    def __init__(self, reason: str, why: str | None = None, **args):
        self.reason, self.why, self.values = reason, why or reason, args
        self.detail = explain(self.why, args)
        super().__init__(f"{reason}: {self.detail}")


def resolve_params(scenario: Scenario, action: Action, params: dict[str, Any]) -> dict[str, Any]:
    """Check parameters against the action's declaration; fill defaults. Raise ``Rejected``."""
    for key in params:
        if key not in action.params:
            raise Rejected("unknown_param", action=action.id, param=key,
                           known=list(action.params))
    out: dict[str, Any] = {}
    for key, p in action.params.items():
        if params.get(key) is None:  # absent, or explicitly left empty
            if p.is_required:
                raise Rejected("missing_param", param=key)
            out[key] = p.default
            continue
        out[key] = check_value(scenario, key, p, params[key])
    return out


def check_value(scenario: Scenario, key: str, p: Param, value: Any) -> Any:
    """The value if ``p`` accepts it; raise ``Rejected`` saying what was expected."""
    def bad(expected: str, **what) -> Rejected:
        return Rejected("bad_value", param=key, value=value, expected={"as": expected, **what})

    if p.type in ENTITY_PARAMS:
        if not isinstance(value, str):
            raise bad("id", kind=p.type)
        ids = ids_of(scenario, p.type)
        if value not in ids:
            code = "unknown_location" if p.type == "location" else "unknown_entity"
            raise Rejected(code, "unknown_entity", param=key, kind=p.type, value=value,
                           known=sorted(i for i, _ in scenario.entities(p.type)))
        if p.values and value not in p.values:
            raise bad("one_of", values=list(p.values))
        return value
    if p.type == "bool":
        if not isinstance(value, bool):
            raise bad("bool")
        return value
    if p.type in ("int", "number"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or \
                (p.type == "int" and not isinstance(value, int)):
            raise bad(p.type)
        if not math.isfinite(value):
            raise bad("finite")
        if (p.min is not None and value < p.min) or (p.max is not None and value > p.max):
            raise bad("between", min=p.min, max=p.max)
        return value
    if p.type == "need":
        if value not in NEEDS:
            raise bad("one_of", values=list(NEEDS))
        return value
    if p.type == "choice":
        if isinstance(value, list):
            if not all(v in p.values for v in value):
                raise bad("values_from", values=list(p.values))
            return list(value)
        if value not in p.values:
            raise bad("one_of", values=list(p.values))
        return value
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise bad("text", max=MAX_TEXT)
    return value


def ids_of(scenario: Scenario, kind: str) -> frozenset[str]:
    """The ids an order may give for a parameter of type ``kind``."""
    return scenario.entity_ids(kind)
