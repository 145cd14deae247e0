"""`ttx debrief`: debrief.json and the report in both languages, with overrides."""

import json

import pytest

from simulator.cli import main
from simulator.i18n import tr
from tests.conftest import MINI, MINI_OBJECTIVES

OBJECTIVES = "\n" + MINI_OBJECTIVES + """\
          - {id: m-response, metric: response_hours, params: {inject: warning},
             thresholds: {P: 6, S: 12, M: 18}}
"""


@pytest.fixture
def run_dir(tmp_path):
    scenario = tmp_path / "mini.yaml"
    scenario.write_text(MINI.read_text() + OBJECTIVES)
    out = tmp_path / "run"
    assert main(["run", str(scenario), "--seed", "4", "--bots", "force=doctrine",
                 "--out", str(out), "--quiet", "--no-debrief"]) == 0
    return out


@pytest.mark.parametrize("lang,heading", [("en", "# After-action report: Mini exercise"),
                                          ("fr", "# Rapport après action : Mini exercice")])
def test_debrief_writes_json_and_report(run_dir, tmp_path, capsys, lang, heading):
    out = tmp_path / f"debrief-{lang}"
    assert main(["--lang", lang, "debrief", str(run_dir), "--out", str(out), "--quiet"]) == 0
    data = json.loads((out / "debrief.json").read_text())
    assert ("Played on seed 4." if lang == "en" else "Joué sur la graine 4.") in \
        (out / "report.md").read_text()
    # Spreadsheets for evaluators beside the report, in the report's language.
    assert {"ratings.csv", "measures.csv", "evidence.csv", "debrief.xlsx"} <= \
        {p.name for p in out.iterdir()}
    assert (out / "ratings.csv").read_text(encoding="utf-8-sig").startswith(
        "Objective," if lang == "en" else "Objectif,")
    (obj,) = data["objectives"]
    (task,) = obj["tasks"]
    response = next(m for m in task["measures"] if m["id"] == "m-response")
    assert response["value"] == 0.0 and response["rating"] == "P" and response["evidence"]
    assert set(data["counterfactual"]["civilian_deaths"]) == {
        "actual", "passive", "doctrine", "yours_vs_passive", "doctrine_vs_passive", "bands",
        "luck"}
    report = (out / "report.md").read_text()
    assert report.startswith(heading)
    # Event ids only in the analysts' appendix; the body links to its numbers.
    body, appendix = report.split("\n## " + tr("Annex for analysts: the events cited", lang))
    assert response["evidence"][0] in appendix and response["evidence"][0] not in body
    first = next(e for e in data["evidence"] if e["id"] == response["evidence"][0])
    assert f"[{first['ref']}](#ev-{first['ref']})" in body
    assert "http" not in report
    # Who played each team: the force by the doctrine bot, the rest by trainees.
    played = {t["id"]: t["played_by"] for t in data["teams"]}
    assert played == ({"force": "doctrine bot", "police": "trainees", "civilian": "trainees",
                       "humanitarian": "trainees"} if lang == "en" else
                      {"force": "robot doctrine", "police": "stagiaires",
                       "civilian": "stagiaires", "humanitarian": "stagiaires"})
    assert f"| {played['force']} |" in report


def test_overrides_show_draft_and_final(run_dir, tmp_path):
    overrides = tmp_path / "o.yaml"
    overrides.write_text("overrides:\n  - {task: ct-presence, rating: M, "
                         "justification: The patrol arrived without an interpreter.}\n")
    out = tmp_path / "d"
    assert main(["debrief", str(run_dir), "--out", str(out), "--overrides", str(overrides),
                 "--quiet", "--team-seeds", "1"]) == 0
    task = json.loads((out / "debrief.json").read_text())["objectives"][0]["tasks"][0]
    assert (task["final"], task["justification"]) == ("M", "The patrol arrived without an "
                                                           "interpreter.")
    assert task["draft"] != "M"
    assert "without an interpreter" in (out / "report.md").read_text()


def test_bad_overrides_are_located(run_dir, tmp_path, capsys):
    overrides = tmp_path / "o.yaml"
    overrides.write_text("overrides:\n  - {task: ct-nothing, rating: M, justification: "
                         "long enough text}\n  - {task: ct-presence, rating: X, "
                         "justification: short}\n")
    assert main(["debrief", str(run_dir), "--out", str(tmp_path / "d"), "--overrides",
                 str(overrides)]) == 2
    err = capsys.readouterr().err
    assert f"{overrides}:3:" in err and "overrides[1].rating" in err
    assert "overrides[1].justification" in err


def test_seed_bands_in_the_report(run_dir, tmp_path, capsys):
    out = tmp_path / "d"
    assert main(["debrief", str(run_dir), "--out", str(out), "--seeds", "2",
                 "--team-seeds", "2"]) == 0
    report = (out / "report.md").read_text()
    assert "over 2 seeds" in report and "### Ratings these decisions earn over 2 seeds" in report
    # Every replay is announced: all teams, then each team that gave orders (the run's seed
    # needs no replay of the decisions: 5 replays for 2 seeds; the decisions on the next
    # seed are replayed once, for all teams: 4 for the force), then the seed bands.
    progress = capsys.readouterr().err.splitlines()
    assert progress == [f"debrief replay, all: {i}/5" for i in range(1, 6)] + \
        [f"debrief replay, force: {i}/4" for i in range(1, 5)] + \
        [f"debrief replay, {kind}: {i}/2" for kind in ("decisions", "passive", "doctrine")
         for i in (1, 2)]
    data = json.loads((out / "debrief.json").read_text())
    assert sum(data["seed_bands"]["ratings"]["ct-presence"].values()) == 2


@pytest.mark.parametrize("command", ["debrief", "run"])
def test_team_seeds_must_be_positive(run_dir, tmp_path, capsys, command):
    from tests.conftest import MINI
    target = run_dir if command == "debrief" else MINI
    assert main([command, str(target), "--out", str(tmp_path / "d"), "--team-seeds", "0"]) == 1
    assert "--team-seeds must be 1 or more, got 0" in capsys.readouterr().err
    assert not (tmp_path / "d").exists()


def test_debrief_of_a_missing_folder(tmp_path, capsys):
    assert main(["debrief", str(tmp_path / "nothing"), "--out", str(tmp_path / "d")]) == 1
    assert "events.jsonl: cannot read" in capsys.readouterr().err


@pytest.mark.parametrize("lang,title", [("en", "<title>After-action report: Mini exercise"),
                                        ("fr", "<title>Rapport après action : Mini exercice")])
def test_html_report_is_self_contained(run_dir, tmp_path, lang, title):
    import re
    out = tmp_path / f"h-{lang}"
    assert main(["--lang", lang, "debrief", str(run_dir), "--out", str(out), "--quiet",
                 "--team-seeds", "1"]) == 0
    html = (out / "report.html").read_text()
    assert title in html
    assert not re.search(r"(src|href)=\"(?!data:|#)", html)  # nothing fetched from outside
    assert "http" not in html
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    assert len(images) == 5
    import base64
    assert all(base64.b64decode(i).startswith(b"\x89PNG") for i in images)
    assert "@page { size: A4" in html


def test_every_metric_has_a_corrective_action_in_both_languages():
    from debrief.actions import ACTIONS, ELEMENTS, METRIC_ACTION
    from simulator.language.measure_specs import SPECS
    assert set(SPECS) <= set(METRIC_ACTION)
    assert set(METRIC_ACTION.values()) <= set(ACTIONS)
    for kind, (element, action) in ACTIONS.items():
        assert element in ELEMENTS, kind
        assert tr(action, "fr") != action and tr(ELEMENTS[element], "fr"), kind


@pytest.mark.slow  # long: started first, so the workers finish together
def test_improvement_plan_lists_tasks_below_p(run_dir, tmp_path):
    overrides = tmp_path / "o.yaml"
    overrides.write_text("overrides:\n  - {task: ct-presence, rating: U, "
                         "justification: No presence was ever ordered at the village.}\n")
    out = tmp_path / "d"
    assert main(["--lang", "fr", "debrief", str(run_dir), "--out", str(out), "--quiet",
                 "--overrides", str(overrides)]) == 0
    (row,) = json.loads((out / "debrief.json").read_text())["improvement_plan"]
    assert row["task"] == "ct-presence" and row["responsible"] == "Force"
    assert row["issue"] == "Présence avant le raid (U)"
    assert row["element"] == "planning" and row["action"].startswith("Transformer chaque alerte")
    report = (out / "report.md").read_text()
    assert "## Plan d'amélioration" in report and "| planification | Force |" in report
    out_p = tmp_path / "p"
    assert main(["debrief", str(run_dir), "--out", str(out_p), "--quiet"]) == 0
    data = json.loads((out_p / "debrief.json").read_text())
    finals = [t["final"] for o in data["objectives"] for t in o["tasks"]]
    assert len(data["improvement_plan"]) == sum(1 for f in finals if f not in (None, "P"))


def test_french_report_has_no_english_measure_text(run_dir, tmp_path):
    out = tmp_path / "fr"
    assert main(["--lang", "fr", "debrief", str(run_dir), "--out", str(out), "--quiet"]) == 0
    data = json.loads((out / "debrief.json").read_text())
    response = next(m for m in data["objectives"][0]["tasks"][0]["measures"]
                    if m["id"] == "m-response")
    # Names, not ids: the unit's team, the place, the inject by its message and sender.
    assert response["detail"] == ("présence par Force à Village 0 h après «\u00a0Hommes armés "
                                  "vus près du village.\u00a0» (Chef du village)")
    report = (out / "report.md").read_text()
    assert " after " not in report and "Points forts" in report and "Axes d'amélioration" in report


def test_team_by_team_counterfactual_and_timeline(run_dir, tmp_path):
    from debrief.counterfactuals import replay_outcomes
    from debrief.rundata import load_run
    out = tmp_path / "d"
    assert main(["debrief", str(run_dir), "--out", str(out), "--quiet"]) == 0
    data = json.loads((out / "debrief.json").read_text())
    # Only the force gave orders: it alone has a row, against a replay without it.
    assert list(data["counterfactual_by_team"]) == ["force"]
    deaths = data["counterfactual_by_team"]["force"]["civilian_deaths"]
    passive = replay_outcomes(run_dir, load_run(run_dir), "passive", team="force")
    assert deaths["passive"] == passive["civilian_deaths"]
    assert deaths["yours_vs_passive"] == deaths["actual"] - deaths["passive"]
    by_team = data["timeline_by_team"]
    assert {r["team"] for r in by_team["force"] if r["what"] == "decision"} == {"force"}
    assert [r for r in by_team["police"] if r["what"] != "inject"] == []
    assert any(r["item"] == "warning" for r in by_team["force"])
    assert not any(r["item"] == "warning" for r in by_team["police"])  # sent to force only
    report = (out / "report.md").read_text()
    assert "### Team by team" in report and "## Annex: injects received and decisions taken" \
        in report


@pytest.mark.slow  # long: started first, so the workers finish together
def test_strengths_and_areas_for_improvement(tmp_path):
    scenario = tmp_path / "mini.yaml"
    scenario.write_text(MINI.read_text() + OBJECTIVES)
    run_dir = tmp_path / "idle"  # nobody protects the village
    assert main(["run", str(scenario), "--seed", "4", "--out", str(run_dir), "--quiet",
                 "--no-debrief"]) == 0
    out = tmp_path / "d"
    assert main(["debrief", str(run_dir), "--out", str(out), "--quiet", "--team-seeds", "1"]) == 0
    data = json.loads((out / "debrief.json").read_text())
    task = data["objectives"][0]["tasks"][0]
    assert task["final"] == "U"  # 31 deaths at the village, above the M threshold of 30
    report = (out / "report.md").read_text()
    strong, weak = report.split("**Strengths**")[1].split("**Areas for improvement**")
    assert "No critical task was performed without challenges." in strong
    assert "- Presence before the raid (U)" in weak.split("####")[0]
    overrides = tmp_path / "o.yaml"
    overrides.write_text("overrides:\n  - {task: ct-presence, rating: P, "
                         "justification: Presence was in place before the raid.}\n")
    assert main(["debrief", str(run_dir), "--out", str(out), "--quiet", "--team-seeds", "1",
                 "--overrides",
                 str(overrides)]) == 0
    report = (out / "report.md").read_text()
    strong, weak = report.split("**Strengths**")[1].split("**Areas for improvement**")
    assert "- Presence before the raid: civilian deaths: 31 at Village" in strong
    assert "None: every rated task was performed without challenges." in weak


def test_corrective_action_follows_the_subject_of_the_task():
    from debrief.report import _kind
    expected = {"metric": "expected_actions_met"}
    sgbv = {"metric": "referral_before_first_case"}
    assert _kind([expected], [expected, sgbv]) == "sgbv"
    assert _kind([{"metric": "principle_breaches"}, sgbv], []) == "principles"
    assert _kind([expected], [expected]) == "protection"


def test_plan_gives_the_evaluators_reason_when_no_measure_fell_short():
    from debrief.report import _plan
    measure = {"metric": "civilian_deaths", "rating": "P", "detail": "civilian_deaths = 3",
               "evidence": ["e000009"]}
    task = {"id": "ct", "title": "Protect", "team": "force", "final": "S", "causes": [],
            "justification": "The patrol went without an interpreter.", "measures": [measure]}
    (row,) = _plan([{"tasks": [task]}], "en")
    assert row["cause"] == "The patrol went without an interpreter."
    assert row["shortfall"] == "civilian_deaths = 3" and row["evidence"] == ["e000009"]
    cause = {"text": "attack at town in turn 2 (3 deaths): no unit was posted there",
             "evidence": ["e000004"]}
    (row,) = _plan([{"tasks": [{**task, "causes": [cause]}]}], "en")
    assert row["cause"] == cause["text"] and row["evidence"] == ["e000004", "e000009"]


def test_evaluators_notes_reach_the_report(run_dir, tmp_path, capsys):
    evaluation = tmp_path / "e.yaml"
    evaluation.write_text(
        "overrides: []\nnotes:\n"
        "  - {task: ct-presence, team: force, turn: 2, text: The patrol left before dusk.}\n"
        "  - {text: Teams met before turn 3 and split the villages.}\n")
    out = tmp_path / "d"
    assert main(["debrief", str(run_dir), "--out", str(out), "--overrides", str(evaluation),
                 "--quiet", "--team-seeds", "1"]) == 0
    data = json.loads((out / "debrief.json").read_text())
    task = data["objectives"][0]["tasks"][0]
    assert task["notes"] == [{"turn": 2, "team": "Force", "text": "The patrol left before dusk."}]
    assert data["notes"] == [{"turn": None, "team": None,
                              "text": "Teams met before turn 3 and split the villages."}]
    report = (out / "report.md").read_text()
    assert "- turn 2, Force: The patrol left before dusk." in report
    assert "- the whole exercise: Teams met before turn 3 and split the villages." in report
    # A note that names an unknown task or team is refused where it stands.
    evaluation.write_text("notes:\n  - {task: ct-nothing, text: x}\n  - {team: navy, text: y}\n")
    assert main(["debrief", str(run_dir), "--out", str(tmp_path / "d2"), "--overrides",
                 str(evaluation)]) == 2
    err = capsys.readouterr().err
    assert f"{evaluation}:2:" in err and "notes[0].task: unknown critical task 'ct-nothing'" in err
    assert f"{evaluation}:3:" in err and "notes[1].team: unknown team 'navy'" in err


def test_templates_compiled_once_render_as_compiled_afresh(run_dir, tmp_path):
    """Reports reuse the templates' compiled code (each has an environment of its own):
    a report in French after one in English, Markdown and HTML, is what a first
    compilation gives."""
    from debrief import report

    for lang in ("en", "fr"):
        assert main(["debrief", str(run_dir), "--out", str(tmp_path / lang), "--quiet",
                     "--lang", lang]) == 0
    data = json.loads((tmp_path / "fr" / "debrief.json").read_text(encoding="utf-8"))
    figs = dict.fromkeys(("map", "timeline", "ratings", "counterfactual", "groups"), b"png")
    reused = report.render_markdown(data), report.render_html(data, figs)
    assert all(cache._code for cache in report._COMPILED.values())
    for cache in report._COMPILED.values():
        cache._code.clear()
    assert (report.render_markdown(data), report.render_html(data, figs)) == reused


def test_the_summary_takes_the_plural_of_the_tasks_rated(run_dir, tmp_path):
    from debrief import report

    assert main(["debrief", str(run_dir), "--out", str(tmp_path / "d"), "--quiet"]) == 0
    data = json.loads((tmp_path / "d" / "debrief.json").read_text(encoding="utf-8"))

    def summary(lang, rated, performed, unseen=0):
        counts = {"rated": rated, "P": performed, "below": rated - performed - unseen,
                  "not_observed": unseen}
        page = report.render_markdown({**data, "lang": lang, "task_counts": counts})
        return next(line for line in page.splitlines() if line.startswith(f"{performed} "))

    assert [summary(lang, 1, 1) for lang in ("en", "fr", "pt")] == [
        "1 of 1 rated critical task was performed without challenges; 0 fell short; 0 not "
        "observed (nothing in the run showed whether they were performed).",
        "1 tâche critique notée sur 1 réalisée sans difficulté ; 0 en deçà ; 0 non observée "
        "(rien dans la partie ne montrait si elle a été réalisée).",
        "1 de 1 tarefa crítica classificada foi realizada sem deficiências; 0 ficaram aquém; 0 "
        "não observadas (nada na partida mostrou se foram realizadas)."]  # pt_PT: 0 is plural
    assert [summary(lang, 3, 2) for lang in ("en", "fr", "pt")] == [
        "2 of 3 rated critical tasks were performed without challenges; 1 fell short; 0 not "
        "observed (nothing in the run showed whether they were performed).",
        "2 des 3 tâches critiques notées réalisées sans difficulté ; 1 en deçà ; 0 non "
        "observée (rien dans la partie ne montrait si elle a été réalisée).",  # fr: 0 singular
        "2 de 3 tarefas críticas classificadas foram realizadas sem deficiências; 1 ficou "
        "aquém; 0 não observadas (nada na partida mostrou se foram realizadas)."]
    # Each count its own form: one task not observed of four rated.
    assert [summary(lang, 4, 2, unseen=1) for lang in ("en", "pt")] == [
        "2 of 4 rated critical tasks were performed without challenges; 1 fell short; 1 not "
        "observed (nothing in the run showed whether it was performed).",
        "2 de 4 tarefas críticas classificadas foram realizadas sem deficiências; 1 ficou "
        "aquém; 1 não observada (nada na partida mostrou se foi realizada)."]
