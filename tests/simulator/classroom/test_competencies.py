"""The competency framework: the shipped file maps the course's seven learning objectives to
the shipped scenarios' critical tasks, and a broken file is refused with every problem
located, in English or French, by the loader and by `ttx competencies`."""

from __future__ import annotations

import pytest

from simulator.classroom.competencies import (
    SHIPPED,
    competencies_for,
    framework_from_text,
    load_framework,
    shipped_scenarios,
)
from simulator.cli import main
from simulator.language.yamlsafe import InputError

SEVEN = ["protection_of_civilians", "gender_wps", "civil_military_coordination",
         "risks_and_disasters", "un_police", "human_rights", "conflict_prevention"]
FOUR = {"poc-inner-delta", "flood-season", "cmcoord-corridor", "prevention-central-sahel"}

BASE = """\
framework: {id: core, name: {en: Core, fr: Noyau}}
competencies:
  - id: poc
    name: {en: Protection of civilians, fr: Protection des civils}
    objective: {en: Deter attacks, fr: Dissuader les attaques}
    maps:
      - {scenario: poc-inner-delta, task: ct_deter}
      - {scenario: cmcoord-corridor, objective: obj_protect}
  - id: gender
    name: {en: Gender, fr: Genre}
    objective: {en: Consult women, fr: Consulter les femmes}
    maps:
      - {scenario: poc-inner-delta, task: ct_engage_women}
"""
POC_TASKS = ("ct_alert_network, ct_assist, ct_detention, ct_deter, ct_engage_women, ct_hrddp, "
             "ct_last_resort, ct_sgbv, ct_share, ct_site")


@pytest.fixture(scope="module")
def scenarios():
    return shipped_scenarios()


@pytest.fixture(scope="module")
def shipped(scenarios):
    return load_framework(SHIPPED, scenarios=scenarios)


def problems(scenarios, old: str, new: str, lang: str = "en") -> list[str]:
    """Every problem of BASE with ``old`` replaced by ``new``, as printed in ``lang``."""
    text = BASE.replace(old, new)
    assert text != BASE, old
    with pytest.raises(InputError) as info:
        framework_from_text(text, "f.yaml", lang=lang, scenarios=scenarios)
    assert str(info.value) == info.value.text(lang)
    return [p.text(lang) for p in info.value.problems]


# --- the shipped framework --------------------------------------------------------------

def test_the_shipped_framework_has_the_seven_competencies_each_with_tasks(shipped, scenarios):
    assert [c.id for c in shipped.competencies] == SEVEN
    assert set(scenarios) == FOUR
    for c in shipped.competencies:
        assert c.name.en and c.name.fr and c.name.en != c.name.fr, c.id
        assert c.objective.en and c.objective.fr and c.objective.en != c.objective.fr, c.id
        tasks = shipped.tasks(c.id)
        assert tasks, f"{c.id} maps to no task"
        titles = {(s.metadata.id, t.id) for s in scenarios.values() for o in s.objectives
                  for t in o.critical_tasks}
        assert set(tasks) <= titles


def test_every_shipped_scenario_has_a_task_mapped(shipped):
    mapped = {sid for c in shipped.competencies for sid, _ in shipped.tasks(c.id)}
    assert mapped == FOUR


def test_each_competency_maps_the_tasks_that_train_it(shipped):
    police = shipped.tasks("un_police")
    assert police == [("poc-inner-delta", "ct_site"), ("cmcoord-corridor", "ct_site_security"),
                      ("flood-season", "ct_site_security"),
                      ("prevention-central-sahel", "ct_public_order")]
    rights = dict.fromkeys(t for _, t in shipped.tasks("human_rights"))
    assert {"ct_hrddp", "ct_detention", "ct_children", "ct_host_support"} <= set(rights)


def test_competencies_for_a_task_by_a_task_map_and_an_objective_map(shipped):
    # ct_engage_women: named in gender_wps, reached through obj_dialogue in POC
    assert competencies_for(shipped, "poc-inner-delta", "ct_engage_women") == \
        ["protection_of_civilians", "gender_wps"]
    # only through objective maps (obj_hrddp)
    assert competencies_for(shipped, "cmcoord-corridor", "ct_host_support") == ["human_rights"]
    assert competencies_for(shipped, "flood-season", "ct_last_resort") == \
        ["civil_military_coordination", "risks_and_disasters"]
    assert competencies_for(shipped, "poc-inner-delta", "ct_nothing") == []
    assert competencies_for(shipped, "elsewhere", "ct_deter") == []


def test_competencies_for_in_a_small_framework(scenarios):
    f = framework_from_text(BASE, "f.yaml", scenarios=scenarios)
    assert f.tasks("poc") == [("poc-inner-delta", "ct_deter"), ("cmcoord-corridor", "ct_warning"),
                              ("cmcoord-corridor", "ct_presence"),
                              ("cmcoord-corridor", "ct_site_security")]
    assert competencies_for(f, "cmcoord-corridor", "ct_presence") == ["poc"]
    assert competencies_for(f, "poc-inner-delta", "ct_engage_women") == ["gender"]
    # the same task id in another scenario is another task
    assert competencies_for(f, "prevention-central-sahel", "ct_deter") == []


# --- located problems -------------------------------------------------------------------

def test_an_unknown_scenario(scenarios):
    assert problems(scenarios, "{scenario: poc-inner-delta, task: ct_deter}",
                    "{scenario: poc-inner-delta.yaml, task: ct_deter}") == [
        "f.yaml:7:10: competencies[0].maps[0].scenario: unknown scenario "
        "'poc-inner-delta.yaml' (did you mean 'poc-inner-delta'?) (known: cmcoord-corridor, "
        "flood-season, poc-inner-delta, prevention-central-sahel)"]


def test_an_unknown_task_lists_the_scenarios_tasks(scenarios):
    assert problems(scenarios, "task: ct_deter}", "task: ct_detr}") == [
        "f.yaml:7:37: competencies[0].maps[0].task: scenario 'poc-inner-delta' has no "
        f"critical task 'ct_detr' (did you mean 'ct_deter'?) (known: {POC_TASKS})"]


def test_an_unknown_objective(scenarios):
    assert problems(scenarios, "objective: obj_protect}", "objective: obj_protection}") == [
        "f.yaml:8:38: competencies[0].maps[1].objective: scenario 'cmcoord-corridor' has no "
        "objective 'obj_protection' (did you mean 'obj_protect'?) (known: obj_access, "
        "obj_cmcoord, obj_hrddp, obj_protect)"]


@pytest.mark.parametrize("new", ["{scenario: poc-inner-delta, task: ct_deter, objective: "
                                 "obj_physical}", "{scenario: poc-inner-delta}"])
def test_a_map_needs_a_task_or_an_objective(scenarios, new):
    assert problems(scenarios, "{scenario: poc-inner-delta, task: ct_deter}", new) == [
        "f.yaml:7:9: competencies[0].maps[0]: a map needs exactly one of 'task' (a critical "
        "task) or 'objective' (each critical task of an objective)"]


def test_a_duplicate_competency_id(scenarios):
    assert problems(scenarios, "  - id: gender", "  - id: poc") == [
        "f.yaml:9:5: competencies[1].id: duplicate id 'poc' (first at competencies[0].id)"]


def test_a_missing_french_name_and_a_misspelt_field(scenarios):
    found = problems(scenarios, "name: {en: Gender, fr: Genre}", "name: {en: Gender}")
    assert found == ["f.yaml:10:5: competencies[1].name.fr: required field is missing"]
    found = problems(scenarios, "objective: {en: Consult", "objectif: {en: Consult")
    assert found == [
        "f.yaml:9:5: competencies[1].objective: required field is missing",
        "f.yaml:11:5: competencies[1].objectif: unknown field 'objectif' (did you mean "
        "'objective'?); allowed here: id, name, objective, maps"]


def test_a_competency_with_no_map(scenarios):
    assert problems(scenarios, "    maps:\n      - {scenario: poc-inner-delta, task: "
                    "ct_engage_women}\n", "    maps: []\n") == [
        "f.yaml:12:5: competencies[1].maps: expected: at least 1 item, not 0"]


def test_a_yaml_syntax_error(scenarios):
    assert problems(scenarios, "fr: Genre}", "fr: Genre: WPS}") == [
        "f.yaml:10:33: not valid YAML: inside { }, a text that contains ',' or ': ' must be "
        "in quotes: {en: \"Raid: Sabéré, 2 dead\"}"]


def test_every_problem_at_once_in_french(scenarios):
    text = BASE.replace("task: ct_deter}", "task: ct_detr}").replace("  - id: gender",
                                                                     "  - id: poc")
    with pytest.raises(InputError) as info:
        framework_from_text(text, "f.yaml", lang="fr", scenarios=scenarios)
    assert str(info.value).splitlines() == [
        "f.yaml:7:37: competencies[0].maps[0].task: le scénario 'poc-inner-delta' n'a pas de "
        "tâche critique 'ct_detr' (vouliez-vous dire 'ct_deter' ?) (valeurs possibles : "
        f"{POC_TASKS})",
        "f.yaml:9:5: competencies[1].id: identifiant en double 'poc' (première occurrence : "
        "competencies[0].id)"]
    assert problems(scenarios, "{scenario: poc-inner-delta, task: ct_deter}",
                    "{scenario: poc-inner-delta}", lang="fr") == [
        "f.yaml:7:9: competencies[0].maps[0]: une correspondance demande exactement un champ "
        "parmi 'task' (une tâche critique) et 'objective' (chaque tâche critique d'un "
        "objectif)"]
    assert problems(scenarios, "name: {en: Gender, fr: Genre}", "name: {en: Gender}",
                    lang="fr") == ["f.yaml:10:5: competencies[1].name.fr: champ obligatoire "
                                   "manquant"]


def test_a_missing_file(tmp_path, scenarios):
    with pytest.raises(InputError) as info:
        load_framework(tmp_path / "none.yaml", scenarios=scenarios)
    assert str(info.value) == f"{tmp_path / 'none.yaml'}:1:1: cannot read file: No such file " \
        "or directory"


# --- ttx competencies ---------------------------------------------------------------------

def test_the_command_lists_names_not_ids(capsys):
    assert main(["competencies"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith(": valid (7 competencies; 34 of the 36 critical tasks "
                                        "of 4 scenarios mapped)")
    assert "\nUN police\n  Protection of civilians in the inner delta of the Béli\n" \
        "    - Secure the Sabéré displacement site\n" in out
    assert "\nConflict prevention and preventing violent extremism\n  Before the herds come " \
        "down: conflict prevention in the Bodiara district\n" in out
    for hidden in ("ct_", "obj_", "poc-inner-delta", "un_police"):
        assert hidden not in out


def test_the_command_in_french(capsys):
    assert main(["--lang", "fr", "competencies"]) == 0
    out = capsys.readouterr().out
    assert ": valide (7 compétences ; 34 des 36 tâches critiques de 4 scénarios " \
        "rattachées)" in out
    assert "\nPolice des Nations Unies\n  Protection des civils dans le delta intérieur du " \
        "Béli\n    - Sécuriser le site de déplacés de Sabéré\n" in out


def test_the_command_refuses_a_broken_file(tmp_path, capsys):
    path = tmp_path / "course.yaml"
    path.write_text(BASE.replace("task: ct_deter}", "task: ct_detr}"), encoding="utf-8")
    assert main(["competencies", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"{path}:7:37: competencies[0].maps[0].task: scenario 'poc-inner-delta' has no "
        f"critical task 'ct_detr' (did you mean 'ct_deter'?) (known: {POC_TASKS})",
        "1 problem found"]
    assert main(["--lang", "fr", "competencies", str(path)]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == "1 problème trouvé"
    path.write_text(BASE, encoding="utf-8")
    assert main(["competencies", str(path)]) == 0
    assert "\nGender\n  Protection of civilians in the inner delta of the Béli\n    - Consult " \
        "women and youth separately, with mixed teams, and act on what they say\n" in \
        capsys.readouterr().out
