"""Evaluators' rating overrides: a YAML file, checked like every input.

    overrides:
      - {task: ct_deter, rating: S, justification: "Presence came late at Tiéloba ..."}
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from simulator.validation import _schema_problems
from simulator.yamlsafe import InputError, Problem, dotted, load_file, locate


class Override(BaseModel):
    model_config = ConfigDict(extra="forbid")
    task: str
    rating: str = Field(pattern="^[PSMU]$")
    justification: str = Field(min_length=10, description="why the evaluator decided so")


class Overrides(BaseModel):
    model_config = ConfigDict(extra="forbid")
    overrides: list[Override]


def load_overrides(path: str | Path, tasks: set[str]) -> dict[str, Override]:
    """Overrides by critical task id; ``InputError`` with every located problem."""
    data, positions = load_file(path)
    try:
        parsed = Overrides.model_validate(data)
    except ValidationError as exc:
        raise InputError(_schema_problems(exc, data, positions, str(path), Overrides)) from None
    problems, out = [], {}
    for i, o in enumerate(parsed.overrides):
        where = ("overrides", i, "task")
        if o.task not in tasks:
            problems.append(Problem(str(path), *locate(positions, where), dotted(where),
                                    f"unknown critical task {o.task!r} (known: "
                                    f"{', '.join(sorted(tasks))})"))
        elif o.task in out:
            problems.append(Problem(str(path), *locate(positions, where), dotted(where),
                                    f"critical task {o.task!r} overridden twice"))
        out[o.task] = o
    if problems:
        raise InputError(problems)
    return out
