"""Problems in input files said in French with `--lang fr`: the same FILE:LINE:COL and path
as in English, the same exit codes, and no English left in the messages."""

import re

import pytest
from pydantic import ValidationError

from simulator.cli import main
from simulator.language import problem_text
from simulator.language.problem_text import Say, pydantic_say, rule_say
from simulator.language.scenario import Condition, Effect, Inject, Measure, Metadata, Param, Scope
from simulator.language.validation import scenario_from_text
from simulator.language.yamlsafe import InputError, load_text
from tests.conftest import MINI, MINI_OBJECTIVES
from tests.simulator.displacement.test_fleecase import tiny

BASE = MINI.read_text()
# English that must not be left in a French message (author's quoted values aside).
ENGLISH = re.compile(r"\b(unknown|expected|must|field required|should|required|missing|"
                     r"allowed|did you mean|not valid|refused|cannot|known|needs|input|"
                     r"is not|valid|number|list|string|integer)\b", re.I)
LOCATED = re.compile(r"^(?P<file>.+?):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<rest>.*)$")


def english_left(message: str) -> list[str]:
    return ENGLISH.findall(re.sub(r"'[^']*'", "", message))


def split(line: str) -> tuple[tuple, str]:
    """(file, line, column, path) and the message of one printed problem."""
    m = LOCATED.match(line)
    assert m, line
    head, _, message = m["rest"].partition(": ")
    path = head if message and " " not in head else ""
    return (m["file"], m["line"], m["col"], path), (message if path else m["rest"])


def both(argv: list[str], capsys, code: int = 2) -> list[tuple[str, str]]:
    """Run a command in English then in French; pair the problems each prints, checking
    that they are found at the same places."""
    out = {}
    for lang in ("en", "fr"):
        assert main(["--lang", lang] + argv) == code
        out[lang] = capsys.readouterr().err.splitlines()
    en, fr = out["en"][:-1], out["fr"][:-1]  # the last line counts the problems
    assert out["fr"][-1] == (f"{len(fr)} problème trouvé" if len(fr) < 2 else
                             f"{len(fr)} problèmes trouvés")
    assert len(en) == len(fr) > 0
    pairs = []
    for e, f in zip(en, fr, strict=True):
        (where_en, msg_en), (where_fr, msg_fr) = split(e), split(f)
        assert where_en == where_fr, (e, f)
        assert not english_left(msg_fr), f
        pairs.append((msg_en, msg_fr))
    return pairs


def test_a_broken_scenario_in_french(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BASE.replace("turns: 4", "turns: four")
                   .replace("turn_hours: 12", "turn_hours: 500")
                   .replace("  category: civilian_protection\n",
                            "  category: war\n  turn: 3\n")
                   .replace("{location: village, women: 400,", "{location: village, women: -4,")
                   .replace("{id: site, name: Site", "{id: Site, name: Site")
                   .replace("in_hours: 18}", "in_hours: 4.5.6}")
                   .replace("title: {en: Mini exercise, fr: Mini exercice}", "title: 5"))
    pairs = dict(both(["validate", str(bad)], capsys))
    assert pairs == {
        "expected: a text, or one per language: {en: ..., fr: ...}":
            "doit être un texte, ou un par langue : {en: ..., fr: ...}",
        "expected: 'civilian_protection', 'disaster_response', 'civil_military_coordination' "
        "or 'conflict_prevention'":
            "doit valoir 'civilian_protection', 'disaster_response', "
            "'civil_military_coordination' ou 'conflict_prevention'",
        "unknown field 'turn' (did you mean 'turns'?); allowed here: id, title, summary, "
        "category, turn_hours, turns, step_hours, start, learning_objectives":
            "champ inconnu 'turn' (vouliez-vous dire 'turns' ?) ; champs possibles ici : id, "
            "title, summary, category, turn_hours, turns, step_hours, start, "
            "learning_objectives",
        "expected: less than or equal to 168": "doit être inférieur ou égal à 168",
        "expected: a valid integer, unable to parse string as an integer":
            "doit être un nombre entier, et ce texte n'en est pas un",
        "expected: a lower-case identifier: a letter, then letters, digits, _ or -":
            "doit être un identifiant en minuscules : une lettre, puis des lettres, des "
            "chiffres, _ ou -",
        "expected: greater than or equal to 0": "doit être supérieur ou égal à 0",
        "expected: a valid number, unable to parse string as a number":
            "doit être un nombre, et ce texte n'en est pas un",
        "expected: $ and the name of one of the action's parameters":  # or a $parameter
            "doit être $ suivi du nom d'un des paramètres de l'action",
    }


def test_a_scenario_with_broken_references_in_french(tmp_path, capsys):
    bad = tmp_path / "refs.yaml"
    bad.write_text(BASE.replace("{from: town, to: base,", "{from: town, to: bsae,")
                   .replace("assets: [fpu]", "assets: [fpu, tank]")
                   .replace("- assess: {location: $location}", "- assess: {location: $place}")
                   .replace("at: {turn: 1}", "at: {turn: 9}")
                   .replace("action_taken: {team: force, action: patrol",
                            "action_taken: {team: force, action: patrl")
                   .replace("      - threat: {armed_group: band, location: village, in_hours: 18}",
                            "      - share_information: {to: police}"))
    pairs = both(["validate", str(bad)], capsys)
    fr = [f for _, f in pairs]
    assert "lieu inconnu 'bsae' (vouliez-vous dire 'base' ?) (valeurs possibles : base, site, " \
        "town, village)" in fr
    assert "moyen inconnu 'tank' : il faut ici l'identifiant d'une unité ou d'une agence" in fr
    assert "$place : l'action n'a pas de paramètre 'place' (paramètres : location)" in fr
    assert "le tour 9 vient après le dernier tour (4)" in fr
    assert "action inconnue 'patrl' (vouliez-vous dire 'patrol' ?)" in fr
    assert "share_information demande une équipe qui agit : employez-le dans une action, et " \
        "non dans un inject" in fr
    assert len(fr) == 7  # and by_turn 1 comes before the inject fires at turn 9


@pytest.mark.parametrize("text,french", [
    ("a:\n  b: 1\n\tc: 2\n", "YAML non valide : un caractère de tabulation"),
    ("title: {en: Raid: Sabéré, fr: x}\n", "YAML non valide : entre { }, un texte qui contient"),
    ("a:\n  b: 1\n c: 2\n", "YAML non valide : cette ligne n'est pas alignée"),
    ("a:\n  b: \"open\n  c: 3\n", "YAML non valide : un guillemet ouvert ici n'est jamais fermé"),
    ("a: 1\nb: 2\na: 3\n", "champ en double"),
    ("a: !!python/object:os.system {}\n", "l'étiquette YAML"),
])
def test_yaml_syntax_in_french(tmp_path, capsys, text, french):
    bad = tmp_path / "syntax.yaml"
    bad.write_text(text)
    ((_, fr),) = both(["validate", str(bad)], capsys)
    assert fr.startswith(french), fr


def test_lang_after_the_command_and_a_missing_file(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "none.yaml"), "--lang", "fr"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == \
        f"{tmp_path / 'none.yaml'}:1:1: impossible de lire le fichier : fichier ou dossier " \
        "introuvable"
    with pytest.raises(SystemExit) as info:  # a usage error stays a usage error
        main(["--lang", "fr", "validate"])
    assert info.value.code == 1


def test_a_broken_decisions_file_in_french(tmp_path, capsys):
    path = tmp_path / "inputs.yaml"
    path.write_text("- {turn: x, team: force, action: patrol}\n"
                    "- {turn: 9, team: force, action: patrol}\n"
                    "- {turn: 1, team: force, acton: patrol}\n"
                    "- {turn: 1, fire: nothing}\n"
                    "- turn: 1\n  inject: {id: x, at: {turn: 1}, from: EXCON, to: [all], "
                    "message: hi}\n")
    pairs = both(["run", str(MINI), "--decisions", str(path), "--out", str(tmp_path / "run"),
                  "--quiet", "--no-debrief"], capsys)
    fr = [f for _, f in pairs]
    assert fr == ["doit être un nombre entier, et ce texte n'en est pas un",
                  "le tour 9 vient après le dernier tour (4)",
                  "champ obligatoire manquant",
                  "champ inconnu 'acton' (vouliez-vous dire 'action' ?) ; champs possibles ici : "
                  "turn, team, action, params",
                  "aucun inject en réserve ne s'appelle 'nothing' (en réserve : aucun)",
                  "un inject ajouté en cours d'exercice est déclenché au tour et à l'heure de "
                  "l'entrée ; retirez 'at'"]
    assert not (tmp_path / "run").exists()


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fr")
    scenario = folder / "mini.yaml"
    scenario.write_text(BASE + "\n" + MINI_OBJECTIVES)
    assert main(["run", str(scenario), "--out", str(folder / "run"), "--quiet",
                 "--no-debrief"]) == 0
    return folder / "run"


def test_a_broken_evaluation_file_in_french(run_dir, tmp_path, capsys):
    path = tmp_path / "o.yaml"
    path.write_text("overrides:\n  - {task: ct-nothing, rating: M, justification: long enough "
                    "text}\n  - {task: ct-presence, rating: X, justification: short}\n"
                    "notes:\n  - {text: seen, team: navy, turn: -1}\n")
    pairs = both(["debrief", str(run_dir), "--out", str(tmp_path / "d"), "--overrides",
                  str(path)], capsys)
    assert [f for _, f in pairs] == ["doit valoir P, S, M ou U",
                                     "doit compter au moins 10 caractères",
                                     "doit être supérieur ou égal à 0"]
    path.write_text("overrides:\n  - {task: ct-nothing, rating: M, justification: long enough "
                    "text}\nnotes:\n  - {text: seen, team: navy}\n")
    pairs = both(["debrief", str(run_dir), "--out", str(tmp_path / "d"), "--overrides",
                  str(path)], capsys)
    assert [f for _, f in pairs] == [
        "tâche critique inconnue 'ct-nothing' (valeurs possibles : ct-presence)",
        "équipe inconnue 'navy' (valeurs possibles : civilian, force, humanitarian, police)"]


@pytest.mark.parametrize("closures,french", [
    ("border,A,B,0,1\n", "closures.csv:2: type de fermeture inconnu 'border' (valeurs possibles "
     ": country, location, link, camp, idpcamp, remove_forced_redirection)"),
    ("link,Zone,C2,0,1\n", "closures.csv:2: aucune route entre 'Zone' et 'C2'"),
    ("camp,Nowhere,,0,1\n", "closures.csv:2: lieu inconnu 'Nowhere'"),
    ("camp,C2,,zero,1\n", "closures.csv:2: le jour de début n'est pas un nombre : 'zero'"),
    ("camp,C2\n", "closures.csv:2: il faut les colonnes type, name1, name2, jour de début, "
     "jour de fin"),
])
def test_a_broken_flee_case_in_french(tmp_path, capsys, closures, french):
    case = tiny(tmp_path, **{"input/closures.csv": "#type,name1,name2,start,end\n" + closures})
    lines = {}
    for lang in ("en", "fr"):
        assert main(["import-flee", str(case), "--out", str(tmp_path / "s.yaml"),
                     "--lang", lang]) == 2
        lines[lang] = capsys.readouterr().err.strip()
    assert lines["fr"].endswith(french) and not english_left(lines["fr"].split(": ", 1)[1])
    assert lines["en"].split(": ")[0] == lines["fr"].split(": ")[0]  # FILE:LINE
    assert not (tmp_path / "s.yaml").exists()


# Each of the scenario models' own rules, as simulator.language.scenario words it, is recognised
# (more specific forms first: "(takes: none)" before "(takes: {takes})").
RULES = [
    (Metadata, {"id": "x", "title": "t", "summary": "s", "category": "civilian_protection",
                "turn_hours": 12, "turns": 2, "step_hours": 5}, "must divide turn_hours"),
    (Condition, {"turn_at_least": 1, "inject_fired": "a"}, "exactly one of all, any"),
    (Condition, {"metric": "people_at_risk"}, "needs 'above' or 'below'"),
    (Condition, {"turn_at_least": 1, "above": 3}, "belong to a metric condition"),
    (Effect, {"presence": {}, "warn": {}}, "an effect is one primitive"),
    (Effect, {"presense": {}}, "(did you mean {match}?)"),
    (Effect, {"zzz": {}}, "; expected one of: {effects}"),
    (Param, {"type": "choice"}, "needs 'values'"),
    (Inject, {"id": "i", "from": "x", "to": ["all"], "message": "m"}, "'at' (a time)"),
    (Scope, {"turns": [3, 1]}, "the first turn comes after"),
    (Measure, {"id": "m", "metric": "deaths"}, "unknown metric"),
    (Measure, {"id": "m", "metric": "civilian_deaths", "params": {"team": "x"}},
     "a measure's team is its scope"),
    (Measure, {"id": "m", "metric": "civilian_deaths", "params": {"inject": "x"}},
     "{extra} (takes: none)"),
    (Measure, {"id": "m", "metric": "casualties", "params": {"when": "x"}},
     "{extra} (takes: {takes})"),
    (Measure, {"id": "m", "metric": "casualties", "params": {"kind": "x"}},
     "must be one of {values}"),
    (Measure, {"id": "m", "metric": "people_assisted", "scope": {"turns": [1, 2]}},
     "(takes: no scope)"),
    (Measure, {"id": "m", "metric": "civilian_deaths", "scope": {"teams": ["force"]}},
     "{wrong} (takes: {takes})"),
    (Measure, {"id": "m", "metric": "orders_effective", "params": {"of": "fly"}},
     "orders_effective of"),
    (Measure, {"id": "m", "metric": "casualties", "params": {"cause": "violence",
                                                             "kind": "injuries"}},
     "casualties by cause"),
]


@pytest.mark.parametrize("model,data,rule", RULES, ids=[r for _, _, r in RULES])
def test_each_scenario_rule_is_said_in_french(model, data, rule):
    """``rule``: words of the one rule (of problem_text.RULES) that must be recognised."""
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    (err,) = [e for e in info.value.errors() if e["type"] == "value_error"]
    said = pydantic_say(err)
    (expected,) = [r for r in problem_text.RULES if rule in r]
    assert said.message == expected
    assert str(said) == err["msg"].removeprefix("Value error, ")  # English unchanged
    assert not english_left(said.text("fr")), said.text("fr")


def test_a_sentence_no_rule_knows_stays_as_it_is():
    assert rule_say("something new").text("en") == "something new"
    assert rule_say("something new").text("fr") == "valeur refusée à cet endroit"


def test_numbers_as_french_writes_them():
    err = {"type": "less_than_equal", "msg": "", "ctx": {"le": 50_000_000}}
    assert pydantic_say(err).text("en") == "expected: less than or equal to 50000000"
    assert pydantic_say(err).text("fr") == "doit être inférieur ou égal à 50\u202f000\u202f000"
    assert Say(problem_text.PYDANTIC["greater_than"], gt=0.5).text("fr") == "doit être supérieur à 0,5"


def test_counts_take_the_plural_rules_of_each_language():
    def said(n):
        return pydantic_say({"type": "too_short", "msg": "",
                             "ctx": {"min_length": n, "actual_length": 0}})
    assert [said(n).text("en") for n in (0, 1, 2)] == [
        "expected: at least 0 items, not 0", "expected: at least 1 item, not 0",
        "expected: at least 2 items, not 0"]
    assert [said(n).text("fr") for n in (0, 1, 2)] == [  # French: 0 and 1 in the singular
        "doit compter au moins 0 élément, et non 0", "doit compter au moins 1 élément, et non 0",
        "doit compter au moins 2 éléments, et non 0"]
    assert said(1) == said(1) and said(1) != said(2)


@pytest.mark.parametrize("scope,en,fr", [
    ("", "team force", "de l'équipe force"),
    (", scope: {teams: [force, police]}", "teams force, police", "des équipes force, police"),
])
def test_a_measure_no_inject_serves_names_its_team_or_teams(scope, en, fr):
    text = BASE + "\n" + MINI_OBJECTIVES + (
        f"          - {{id: m-met, metric: expected_actions_met{scope}, "
        "thresholds: {P: 1, S: 0.8, M: 0.5}}\n")
    with pytest.raises(InputError) as info:
        scenario_from_text(text, "s.yaml")
    (problem,) = info.value.problems
    assert problem.text("en").endswith(
        f"no inject links an expected action of {en} to critical task 'ct-presence': this "
        "measure would never apply")
    assert problem.text("fr").endswith(
        f"aucun inject ne relie une action attendue {fr} à la tâche critique 'ct-presence' : "
        "cette mesure ne s'appliquerait jamais")


def test_an_input_error_in_the_loaders_language():
    with pytest.raises(InputError) as info:
        load_text("a: 1\na: 2\n", "f.yaml", lang="fr")
    assert str(info.value) == "f.yaml:2:1: a: champ en double"
    assert info.value.problems[0].message == "duplicate key"  # logs and the API: English
    assert info.value.text("en") == "f.yaml:2:1: a: duplicate key"


def test_an_adhoc_inject_checked_in_play_in_french(mini):
    from simulator.play.decisions import inject_problems
    inj = Inject.model_validate({"id": "x", "at": {"turn": 1}, "from": "EXCON", "to": ["navy"],
                                 "message": "hi"})
    assert inject_problems(mini, inj, "fr") == [
        "to[0]: équipe inconnue 'navy' (valeurs possibles : civilian, force, humanitarian, "
        "police)"]
    assert inject_problems(mini, inj) == [
        "to[0]: unknown team 'navy' (known: civilian, force, humanitarian, police)"]
