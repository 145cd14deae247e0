"""Inputs: team decisions and instructor injects, stamped with their turn.

A file of inputs is a YAML or JSON list; each entry is a decision
``{turn, team, action, params}``, an ad-hoc inject ``{turn, hour, inject: {...}}`` or the
firing of a held MSEL inject ``{turn, fire: INJECT_ID}``.
The file's shape is checked when it is loaded (located errors, exit code 2); whether a
decision is acceptable (team, action, parameters, assets, budget, prerequisites) is
decided when its turn is adjudicated, and a rejected decision is logged with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from simulator.scenario import Action, Inject, Scenario
from simulator.validation import _schema_problems, check_references
from simulator.yamlsafe import InputError, Problem, dotted, load_file, locate

ENTITY_PARAMS = {"location": "locations", "unit": "units", "agency": "agencies",
                 "team": "teams", "armed_group": "armed_groups", "host_force": "host_forces"}


@dataclass(frozen=True)
class Decision:
    """One team's order for one turn."""

    turn: int
    team: str
    action: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"turn": self.turn, "team": self.team, "action": self.action,
                "params": dict(self.params)}


@dataclass(frozen=True)
class AdHocInject:
    """An instructor's inject written during play; fires at ``turn``/``hour``."""

    turn: int
    inject: Inject
    hour: int = 0

    def as_dict(self) -> dict:
        return {"turn": self.turn, "hour": self.hour,
                "inject": self.inject.model_dump(mode="json", by_alias=True, exclude_none=True)}


@dataclass(frozen=True)
class FireHeld:
    """The instructor fires a held MSEL inject at the start of ``turn``."""

    turn: int
    inject_id: str


class Rejected(Exception):
    """A decision that cannot be carried out; ``reason`` is a stable code."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class _DecisionEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    turn: int = Field(ge=1)
    team: str
    action: str
    params: dict[str, Any] = {}


class _FireEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    turn: int = Field(ge=1)
    fire: str


class _InjectEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    turn: int = Field(ge=1)
    hour: int = Field(0, ge=0)
    inject: dict[str, Any]


def load_inputs(path: str | Path, scenario: Scenario) -> list[Decision | AdHocInject | FireHeld]:
    """Read an inputs file; raise ``InputError`` with every located problem."""
    data, positions = load_file(path)
    name = str(path)
    if isinstance(data, dict) and set(data) == {"inputs"}:
        data, positions = data["inputs"], {k[1:]: v for k, v in positions.items() if k[:1] == ("inputs",)}
    if not isinstance(data, list):
        raise InputError([Problem(name, *locate(positions, ()), "",
                                  "expected a list of inputs (decisions or injects)")])
    out: list[Decision | AdHocInject | FireHeld] = []
    held = {inj.id for inj in scenario.msel if inj.hold}
    problems: list[Problem] = []
    for i, entry in enumerate(data):
        sub = {k[1:]: v for k, v in positions.items() if k[:1] == (i,)}
        last = scenario.metadata.turns
        if isinstance(entry, dict) and isinstance(entry.get("turn"), int) and entry["turn"] > last:
            problems.append(Problem(name, *locate(sub, ("turn",)), dotted((i, "turn")),
                                    f"turn {entry['turn']} is after the last turn ({last})"))
            continue
        try:
            if isinstance(entry, dict) and "fire" in entry:
                f = _FireEntry.model_validate(entry)
                if f.fire not in held:
                    problems.append(Problem(name, *locate(sub, ("fire",)), dotted((i, "fire")),
                                            f"no held inject {f.fire!r} (held: "
                                            f"{', '.join(sorted(held)) or 'none'})"))
                out.append(FireHeld(f.turn, f.fire))
            elif isinstance(entry, dict) and "inject" in entry:
                e = _InjectEntry.model_validate(entry)
                raw = dict(e.inject)
                raw.setdefault("at", {"turn": e.turn, "hour": e.hour})
                inj = Inject.model_validate(raw)
                out.append(AdHocInject(e.turn, inj, e.hour))
                for path, msg in _inject_references(scenario, inj):
                    problems.append(Problem(name, *locate(sub, ("inject",) + path),
                                            dotted((i, "inject") + path), msg))
            else:
                e = _DecisionEntry.model_validate(entry)
                out.append(Decision(e.turn, e.team, e.action, e.params))
        except ValidationError as exc:
            for p in _schema_problems(exc, entry, sub, name):
                problems.append(Problem(p.file, p.line, p.col,
                                        dotted((i,)) + ("." + p.path if p.path else ""), p.message))
    if problems:
        raise InputError(problems)
    return out


def _inject_references(scenario: Scenario, inj: Inject):
    """Check an ad-hoc inject's references as if it were part of the scenario's MSEL."""
    probe = scenario.model_copy(update={"msel": list(scenario.msel) + [inj]})
    n = len(scenario.msel)
    for path, msg in check_references(probe):
        if path[:2] == ("msel", n):
            yield path[2:], msg


def resolve_params(scenario: Scenario, action: Action, params: dict[str, Any]) -> dict[str, Any]:
    """Check parameters against the action's declaration; fill defaults. Raise ``Rejected``."""
    for key in params:
        if key not in action.params:
            raise Rejected("unknown_param", f"action {action.id!r} has no parameter {key!r} "
                           f"(has: {', '.join(action.params) or 'none'})")
    out: dict[str, Any] = {}
    for key, p in action.params.items():
        if key not in params:
            if p.is_required:
                raise Rejected("missing_param", f"parameter {key!r} is required")
            out[key] = p.default
            continue
        out[key] = _check_value(scenario, key, p, params[key])
    return out


def _check_value(scenario: Scenario, key: str, p, value: Any) -> Any:
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
        if (p.min is not None and value < p.min) or (p.max is not None and value > p.max):
            raise bad(f"a value between {p.min} and {p.max}")
        return value
    if p.type == "need":
        if value not in ("water", "food", "shelter", "health"):
            raise bad("one of water, food, shelter, health")
        return value
    if p.type == "choice":
        if isinstance(value, list):
            if not all(v in p.values for v in value):
                raise bad("values from " + ", ".join(map(str, p.values)))
            return list(value)
        if value not in p.values:
            raise bad("one of " + ", ".join(map(str, p.values)))
        return value
    if not isinstance(value, str) or len(value) > 2000:
        raise bad("text of at most 2000 characters")
    return value


def _ids(scenario: Scenario, kind: str) -> set[str]:
    if kind == "location":
        return {loc.id for loc in scenario.map.locations}
    if kind == "team":
        return {t.id for t in scenario.teams}
    return {x.id for x in getattr(scenario.actors, ENTITY_PARAMS[kind])}
