"""Inputs: team decisions and instructor injects, stamped with their turn.

A file of inputs is a YAML or JSON list; each entry is a decision
``{turn, team, action, params}``, an ad-hoc inject ``{turn, hour, inject: {...}}`` or the
firing of a held MSEL inject ``{turn, fire: INJECT_ID}``.
A run's own ``inputs.json`` is accepted too: replaying it gives the same run.
The file's shape is checked when it is loaded (located errors, exit code 2); whether a
decision is acceptable (team, action, parameters, assets, budget, prerequisites) is
decided when its turn is adjudicated, and a rejected decision is logged with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from simulator.i18n import N_
from simulator.language.problem_text import Say, listed
from simulator.language.scenario import Inject, Scenario
from simulator.language.validation import _schema_problems, check_references
from simulator.language.yamlsafe import InputError, Problem, dotted, load_file, locate


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
        spec = self.inject.model_dump(mode="json", by_alias=True, exclude_none=True,
                                      exclude={"at"})
        return {"turn": self.turn, "hour": self.hour, "inject": spec}


@dataclass(frozen=True)
class FireHeld:
    """The instructor fires a held MSEL inject at the start of ``turn``."""

    turn: int
    inject_id: str


class _DecisionEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
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


def load_inputs(path: str | Path, scenario: Scenario,
                lang: str = "en") -> list[Decision | AdHocInject | FireHeld]:
    """Read an inputs file; raise ``InputError`` with every located problem (its text in
    ``lang``)."""
    data, positions = load_file(path, lang)
    return inputs_from(data, positions, str(path), scenario, lang)


def inputs_from(data: Any, positions: dict, name: str, scenario: Scenario,
                lang: str = "en") -> list[Decision | AdHocInject | FireHeld]:
    """The inputs of a file's content (``positions``: where each value was, for the
    problems; ``name``: the file they name)."""
    if isinstance(data, dict) and set(data) == {"inputs"}:
        data, positions = data["inputs"], {k[1:]: v for k, v in positions.items() if k[:1] == ("inputs",)}
    if not isinstance(data, list):
        raise InputError([Problem(name, *locate(positions, ()), "", Say(N_("expected a list of inputs "
                                                                           "(decisions or injects)")))],
                         lang)
    out: list[Decision | AdHocInject | FireHeld] = []
    held = {inj.id for inj in scenario.msel if inj.hold}
    adhoc_ids: set = set()
    problems: list[Problem] = []
    # Each entry's positions, grouped once (a run's record holds thousands of entries).
    by_entry: dict[Any, dict] = {}
    for k, v in positions.items():
        if k:
            by_entry.setdefault(k[0], {})[k[1:]] = v
    for i, entry in enumerate(data):
        entry = _from_record(entry)
        sub = by_entry.get(i, {})
        last = scenario.metadata.turns
        if isinstance(entry, dict) and isinstance(entry.get("turn"), int) and entry["turn"] > last:
            problems.append(Problem(name, *locate(sub, ("turn",)), dotted((i, "turn")),
                                    Say(N_("turn {turn} is after the last turn "
                                           "({last})"), turn=entry["turn"], last=last)))
            continue
        model = _DecisionEntry
        try:
            if isinstance(entry, dict) and "fire" in entry:
                model = _FireEntry
                f = _FireEntry.model_validate(entry)
                if f.fire not in held:
                    problems.append(Problem(name, *locate(sub, ("fire",)), dotted((i, "fire")),
                                            Say(N_("no held inject {value} (held: "
                                                   "{held})"), value=repr(f.fire),
                                                held=listed(sorted(held)))))
                out.append(FireHeld(f.turn, f.fire))
            elif isinstance(entry, dict) and "inject" in entry:
                model = _InjectEntry
                e = _InjectEntry.model_validate(entry)
                raw = dict(e.inject)
                clash = [k for k in ("at", "when") if k in raw]
                if clash:
                    problems.append(Problem(name, *locate(sub, ("inject", clash[0])),
                                            dotted((i, "inject", clash[0])),
                                            Say(N_("an ad-hoc inject fires at the entry's turn and hour; "
                                                   "remove '{field}'"), field=clash[0])))
                    continue
                if raw.get("id") in adhoc_ids:
                    problems.append(Problem(name, *locate(sub, ("inject", "id")),
                                            dotted((i, "inject", "id")),
                                            Say(N_("duplicate inject id {value}"), value=repr(raw["id"]))))
                    continue
                adhoc_ids.add(raw.get("id"))
                raw["at"] = {"turn": e.turn, "hour": e.hour}
                model = None  # errors located inside the inject, not the entry
                inj = Inject.model_validate(raw)
                out.append(AdHocInject(e.turn, inj, e.hour))
                for path, msg in _inject_references(scenario, inj):
                    problems.append(Problem(name, *locate(sub, ("inject",) + path),
                                            dotted((i, "inject") + path), msg))
            else:
                e = _DecisionEntry.model_validate(entry)
                out.append(Decision(e.turn, e.team, e.action, e.params))
        except ValidationError as exc:
            for p in _schema_problems(exc, entry, sub, name, model):
                problems.append(replace(p, path=dotted((i,)) + ("." + p.path if p.path else "")))
    if problems:
        raise InputError(problems, lang)
    return out


_RECORD_FIELDS = {"decision": ("turn", "team", "action", "params"),
                  "inject": ("turn", "hour", "inject"), "fire": ("turn", "inject_id")}


def _from_record(entry: Any) -> Any:
    """An entry of a run's ``inputs.json`` (with its outcome) as a plain input, so that
    ``ttx run SCENARIO --seed N --decisions RUN/inputs.json`` replays the run."""
    if not isinstance(entry, dict) or entry.get("input") not in _RECORD_FIELDS:
        return entry
    out = {k: entry[k] for k in _RECORD_FIELDS[entry["input"]] if k in entry}
    if "inject_id" in out:
        out["fire"] = out.pop("inject_id")
    return out


def _inject_references(scenario: Scenario, inj: Inject):
    """Check an ad-hoc inject's references as if it were part of the scenario's MSEL."""
    probe = scenario.model_copy(update={"msel": list(scenario.msel) + [inj]})
    n = len(scenario.msel)
    for path, msg in check_references(probe):
        if path[:2] == ("msel", n):
            yield path[2:], msg


def inject_problems(scenario: Scenario, inj: Inject, lang: str = "en") -> list[str]:
    """An ad-hoc inject's reference problems as ``path: message`` lines in ``lang`` (none:
    it fits)."""
    return [f"{dotted(path)}: {msg.text(lang)}" if path else msg.text(lang)
            for path, msg in _inject_references(scenario, inj)]
