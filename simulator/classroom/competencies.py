"""The school's competency framework: the course's learning objectives, each mapped to the
critical tasks of the shipped scenarios that train it. A YAML file, checked like a scenario.

    framework: {id: peace-support-core, name: {en: ..., fr: ...}}
    competencies:
      - id: protection_of_civilians
        name: {en: ..., fr: ...}
        objective: {en: ..., fr: ...}                          # what the trainee can do
        maps:
          - {scenario: poc-inner-delta, task: ct_deter}         # one critical task
          - {scenario: flood-season, objective: obj_protection} # each task of an objective
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from pydantic import Field, PrivateAttr, ValidationError, model_validator

from simulator.i18n import N_
from simulator.language.problem_text import TASK_OR_OBJECTIVE, Say, known
from simulator.language.scenario import Id, Lang, Scenario, Strict
from simulator.language.suggest import suggestion
from simulator.language.validation import _schema_problems, load_scenario
from simulator.language.yamlsafe import InputError, Positions, Problem, dotted, load_file, load_text, locate
from simulator.shipped import shipped

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "courses" / "competencies.yaml"


class Header(Strict):
    id: Id
    name: Lang


class Link(Strict):
    """One critical task of a scenario, or every critical task of one of its objectives."""

    # Plain text, not ``Id``: a file name or a capital letter gets "did you mean" on checking.
    scenario: str = Field(description="the scenario's metadata.id")
    task: str | None = Field(None, description="a critical task of that scenario")
    objective: str | None = Field(None, description="an objective of that scenario: each of "
                                  "its critical tasks")

    @model_validator(mode="after")
    def _one_target(self) -> Link:
        if (self.task is None) == (self.objective is None):
            raise ValueError(TASK_OR_OBJECTIVE)
        return self


class Competency(Strict):
    id: Id
    name: Lang
    objective: Lang = Field(description="the course's learning objective: what the trainee "
                            "can do")
    maps: list[Link] = Field(min_length=1)


class Framework(Strict):
    """One validated framework file."""

    framework: Header
    competencies: list[Competency] = Field(min_length=1)

    # competency id → (scenario id, critical task id), objectives expanded; set on loading
    _tasks: dict[str, list[tuple[str, str]]] = PrivateAttr(default_factory=dict)

    def tasks(self, competency: str) -> list[tuple[str, str]]:
        """(scenario id, critical task id) of each task ``competency`` maps to."""
        return self._tasks.get(competency, [])


# --- loading ----------------------------------------------------------------------------

def shipped_scenarios() -> dict[str, Scenario]:
    """The scenarios of ``scenarios/*.yaml`` by their ``metadata.id``."""
    loaded = (load_scenario(p) for p in shipped().values())
    return {s.metadata.id: s for s in loaded}


def shipped_framework() -> Framework:
    """``courses/competencies.yaml``, checked against the shipped scenarios."""
    return load_framework(SHIPPED)


def load_framework(path: str | Path, lang: str = "en",
                   scenarios: dict[str, Scenario] | None = None) -> Framework:
    """Load a framework file and check it against ``scenarios`` (by id; default: the
    shipped ones); ``InputError`` with every located problem (its text in ``lang``)."""
    data, positions = load_file(path, lang)
    return _from_data(data, positions, str(path), lang, scenarios)


def framework_from_text(text: str, name: str = "<framework>", lang: str = "en",
                        scenarios: dict[str, Scenario] | None = None) -> Framework:
    data, positions = load_text(text, name, lang)
    return _from_data(data, positions, name, lang, scenarios)


def _from_data(data: Any, positions: Positions, name: str, lang: str,
               scenarios: dict[str, Scenario] | None) -> Framework:
    try:
        framework = Framework.model_validate(data)
    except ValidationError as exc:
        raise InputError(_schema_problems(exc, data, positions, name, Framework), lang) from None
    scenarios = shipped_scenarios() if scenarios is None else scenarios
    problems = [Problem(name, *locate(positions, path), dotted(path), msg)
                for path, msg in check_framework(framework, scenarios)]
    if problems:
        raise InputError(problems, lang)
    framework._tasks = {c.id: list(dict.fromkeys(t for m in c.maps for t in _reached(m, scenarios)))
                        for c in framework.competencies}
    return framework


# --- cross-references -------------------------------------------------------------------

def _task_ids(objectives) -> list[str]:
    return [t.id for o in objectives for t in o.critical_tasks]


def _reached(link: Link, scenarios: dict[str, Scenario]) -> list[tuple[str, str]]:
    """(scenario id, task id) of the critical tasks a map names, known ones only."""
    s = scenarios.get(link.scenario)
    if s is None:
        return []
    chosen = [o for o in s.objectives if o.id == link.objective] if link.objective else \
        s.objectives
    return [(s.metadata.id, t) for t in _task_ids(chosen) if not link.task or t == link.task]


# A task or an objective a scenario lacks.
_NOT_IN_SCENARIO = {
    "task": N_("scenario {scenario} has no critical task {value}{hint}{known}"),
    "objective": N_("scenario {scenario} has no objective {value}{hint}{known}"),
}


def check_framework(framework: Framework,
                    scenarios: dict[str, Scenario]) -> Iterator[tuple[tuple, Say]]:
    """Yield (path, message) for a duplicate competency id, a scenario not in ``scenarios``,
    and a task or objective its scenario does not have."""
    first: dict[str, tuple] = {}
    for i, c in enumerate(framework.competencies):
        path = ("competencies", i, "id")
        if c.id in first:
            yield path, Say(N_("duplicate id {value} (first at "
                               "{first})"), value=repr(c.id), first=dotted(first[c.id]))
        first.setdefault(c.id, path)
        for j, link in enumerate(c.maps):
            where = ("competencies", i, "maps", j)
            s = scenarios.get(link.scenario)
            if s is None:
                yield where + ("scenario",), Say(
                    N_("unknown scenario {value}{hint}{known}"), value=repr(link.scenario),
                    hint=suggestion(link.scenario, scenarios), known=known(scenarios))
                continue
            key, names = ("task", _task_ids(s.objectives)) if link.task else \
                ("objective", [o.id for o in s.objectives])
            value = getattr(link, key)
            if value not in names:
                yield where + (key,), Say(_NOT_IN_SCENARIO[key], scenario=repr(link.scenario),
                                          value=repr(value), hint=suggestion(value, names),
                                          known=known(names))


def competencies_for(framework: Framework, scenario_id: str, task_id: str) -> list[str]:
    """The ids of the competencies a scenario's critical task counts towards, in file order."""
    return [c.id for c in framework.competencies
            if (scenario_id, task_id) in framework.tasks(c.id)]
