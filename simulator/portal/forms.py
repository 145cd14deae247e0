"""The decision form: one small form per action of a team's catalogue, built from the
action's parameters, and the submitted fields turned back into parameter values.

Values are only converted here (text to number, to true/false ...); whether they are
acceptable is decided by the engine when the orders are submitted, so the form and the
API refuse the same things with the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.language.scenario import NEEDS, Action, Param, Scenario, text
from simulator.language.values import ENTITY_PARAMS, MAX_TEXT
from simulator.portal.i18n import label

PREFIX = "p_"  # form fields of parameters: p_<name>, apart from csrf, turn, action


@dataclass
class Field:
    name: str  # the form field
    label: str
    kind: str  # select, multi, number, text, bool
    required: bool
    options: list[tuple[str, str]] = field(default_factory=list)  # (value, label)
    default: list[str] = field(default_factory=list)
    min: float | None = None
    max: float | None = None
    step: str = "any"
    maxlength: int = MAX_TEXT


def _entities(scenario: Scenario, team: str, p: Param, lang: str) -> list[tuple[str, str]]:
    items = [(i, text(name, lang)) for i, name in scenario.entities(p.type)]
    if p.type in ("unit", "agency") and p.own:
        assets = scenario.assets_of(team)
        items = [(i, n) for i, n in items if i in assets]
    if p.values:
        items = [(i, n) for i, n in items if i in p.values]
    return items


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [_str(v) for v in value] if isinstance(value, list) else [_str(value)]


def _str(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def fields(scenario: Scenario, team: str, action: Action, lang: str) -> list[Field]:
    out = []
    for key, p in action.params.items():
        f = Field(PREFIX + key, text(p.label, lang) or label(key, lang), "select",
                  p.is_required, default=_as_list(p.default))
        if p.type in ENTITY_PARAMS:
            f.options = _entities(scenario, team, p, lang)
        elif p.type == "need":
            f.options = [(n, label(n, lang)) for n in NEEDS]
        elif p.type == "choice":
            f.options = [(_str(v), label(_str(v), lang)) for v in p.values]
            if isinstance(p.default, list):
                f.kind = "multi"
        elif p.type in ("int", "number"):
            f.kind, f.min, f.max = "number", p.min, p.max
            f.step = "1" if p.type == "int" else "any"
        elif p.type == "bool":
            f.kind = "bool"
        else:
            f.kind = "text"
        out.append(f)
    return out


def _number(raw: str, integer: bool):
    try:
        return int(raw)
    except ValueError:
        pass
    if integer:
        return raw  # the engine says what it expected
    try:
        return float(raw)
    except ValueError:
        return raw


def _value(p: Param, values: list[str]):
    values = [v for v in values if v != ""]
    if not values:
        return None
    if p.type == "choice":
        by_text = {_str(v): v for v in p.values}
        chosen = [by_text.get(v, v) for v in values]
        return chosen if isinstance(p.default, list) else chosen[0]
    raw = values[0]
    if p.type in ("int", "number"):
        return _number(raw.strip(), p.type == "int")
    if p.type == "bool":
        return {"true": True, "false": False}.get(raw, raw)
    return raw


def parse(action: Action, form: dict[str, list[str]]) -> dict:
    """Parameter values from the form's fields; an empty field leaves the default."""
    params = {}
    for key, p in action.params.items():
        value = _value(p, form.get(PREFIX + key, []))
        if value is not None:
            params[key] = value
    return params
