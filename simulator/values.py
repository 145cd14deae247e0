"""Decision parameter values: checked against the action's declaration.

Used when a decision is submitted (a bad value is a ``Rejected`` decision) and when a
scenario is validated (a bad default is a located scenario error).
"""

from __future__ import annotations

import math
from typing import Any

from simulator.scenario import NEEDS, Action, Param, Scenario

ENTITY_PARAMS = {"location": "locations", "unit": "units", "agency": "agencies",
                 "team": "teams", "armed_group": "armed_groups", "host_force": "host_forces"}
MAX_TEXT = 2000


class Rejected(Exception):
    """A decision that cannot be carried out; ``reason`` is a stable code."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def resolve_params(scenario: Scenario, action: Action, params: dict[str, Any]) -> dict[str, Any]:
    """Check parameters against the action's declaration; fill defaults. Raise ``Rejected``."""
    for key in params:
        if key not in action.params:
            raise Rejected("unknown_param", f"action {action.id!r} has no parameter {key!r} "
                           f"(has: {', '.join(action.params) or 'none'})")
    out: dict[str, Any] = {}
    for key, p in action.params.items():
        if params.get(key) is None:  # absent, or explicitly left empty
            if p.is_required:
                raise Rejected("missing_param", f"parameter {key!r} is required")
            out[key] = p.default
            continue
        out[key] = check_value(scenario, key, p, params[key])
    return out


def check_value(scenario: Scenario, key: str, p: Param, value: Any) -> Any:
    """The value if ``p`` accepts it; raise ``Rejected`` saying what was expected."""
    def bad(expected: str) -> Rejected:
        return Rejected("bad_value", f"parameter {key!r}: expected {expected}, got {value!r}")

    if p.type in ENTITY_PARAMS:
        if not isinstance(value, str):
            raise bad(f"a {p.type} id")
        ids = _ids(scenario, p.type)
        if value not in ids:
            code = "unknown_location" if p.type == "location" else "unknown_entity"
            raise Rejected(code, f"parameter {key!r}: unknown {p.type.replace('_', ' ')} "
                           f"{value!r} (known: {', '.join(sorted(ids))})")
        if p.values and value not in p.values:
            raise bad("one of " + ", ".join(map(str, p.values)))
        return value
    if p.type == "bool":
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if p.type in ("int", "number"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or \
                (p.type == "int" and not isinstance(value, int)):
            raise bad("an integer" if p.type == "int" else "a number")
        if not math.isfinite(value):
            raise bad("a finite number")
        if (p.min is not None and value < p.min) or (p.max is not None and value > p.max):
            raise bad(f"a value between {p.min} and {p.max}")
        return value
    if p.type == "need":
        if value not in NEEDS:
            raise bad("one of " + ", ".join(NEEDS))
        return value
    if p.type == "choice":
        if isinstance(value, list):
            if not all(v in p.values for v in value):
                raise bad("values from " + ", ".join(map(str, p.values)))
            return list(value)
        if value not in p.values:
            raise bad("one of " + ", ".join(map(str, p.values)))
        return value
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise bad(f"text of at most {MAX_TEXT} characters")
    return value


def _ids(scenario: Scenario, kind: str) -> set[str]:
    if kind == "location":
        return {loc.id for loc in scenario.map.locations}
    if kind == "team":
        return {t.id for t in scenario.teams}
    return {x.id for x in getattr(scenario.actors, ENTITY_PARAMS[kind])}
