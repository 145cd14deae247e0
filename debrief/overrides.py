"""Evaluators' rating overrides and notes: a YAML file, checked like every input.

    overrides:
      - {task: ct_deter, rating: S, justification: "Presence came late at Tiéloba ..."}
    notes:          # optional: shown under their task, or with the whole exercise
      - {task: ct_deter, turn: 3, team: force, text: "The reserve stayed at the base."}
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from simulator.i18n import N_
from simulator.language.problem_text import UNKNOWN_NAMES, Say, known
from simulator.language.validation import _schema_problems
from simulator.language.yamlsafe import InputError, Problem, dotted, load_file, locate


class Override(BaseModel):
    model_config = ConfigDict(extra="forbid")
    task: str
    rating: str = Field(pattern="^[PSMU]$")
    justification: str = Field(min_length=10, description="why the evaluator decided so")


class Note(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, description="what the evaluator saw")
    task: str | None = None
    team: str | None = None
    turn: int | None = Field(None, ge=0)


class Overrides(BaseModel):
    model_config = ConfigDict(extra="forbid")
    overrides: list[Override] = []
    notes: list[Note] = []


def load_overrides(path: str | Path, tasks: set[str], lang: str = "en") -> dict[str, Override]:
    """Overrides by critical task id; ``InputError`` with every located problem (its text
    in ``lang``)."""
    return load_evaluation(path, tasks, lang=lang)[0]


def load_evaluation(path: str | Path, tasks: set[str], teams: set[str] | None = None,
                    lang: str = "en") -> tuple[dict[str, Override], list[dict]]:
    """Overrides by critical task id, and the notes (as dicts) naming only known tasks and
    teams; ``InputError`` with every located problem (its text in ``lang``)."""
    data, positions = load_file(path, lang)
    try:
        parsed = Overrides.model_validate(data)
    except ValidationError as exc:
        raise InputError(_schema_problems(exc, data, positions, str(path), Overrides),
                         lang) from None
    problems, out = [], {}
    for i, o in enumerate(parsed.overrides):
        where = ("overrides", i, "task")
        if o.task not in tasks:
            problems.append(Problem(str(path), *locate(positions, where), dotted(where),
                                    Say(UNKNOWN_NAMES["critical_task"], value=repr(o.task), hint="",
                                        known=known(tasks))))
        elif o.task in out:
            problems.append(Problem(str(path), *locate(positions, where), dotted(where),
                                    Say(N_("critical task {value} overridden twice"), value=repr(o.task))))
        out[o.task] = o
    for i, n in enumerate(parsed.notes):
        for key, names in (("critical_task", tasks), ("team", teams)):
            value = getattr(n, key.removeprefix("critical_"))
            if value is not None and names is not None and value not in names:
                where = ("notes", i, key.removeprefix("critical_"))
                problems.append(Problem(str(path), *locate(positions, where), dotted(where),
                                        Say(UNKNOWN_NAMES[key], value=repr(value), hint="",
                                            known=known(names))))
    if problems:
        raise InputError(problems, lang)
    return out, [n.model_dump() for n in parsed.notes]
