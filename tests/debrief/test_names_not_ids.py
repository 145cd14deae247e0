"""No scenario id reaches what a trainee or an evaluator reads: the after-action report of
every shipped scenario, in every language, names places, teams, units, actions,
tasks, measures and injects; ids and event ids appear only in the analysts' annexes."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest

import debrief.report as report
from debrief.rundata import load_run
from simulator.cli import main
from simulator.i18n import LANGUAGES, tr, translations
from simulator.language.validation import load_scenario
from tests.untranslated import english_left, shown_text

SHIPPED = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))


def scenario_ids(scenario) -> set[str]:
    a = scenario.actors
    ids = {x.id for x in scenario.map.locations} | {x.id for x in scenario.teams} | \
        {x.id for x in scenario.actions} | {x.id for x in scenario.msel}
    for kind in ("units", "agencies", "armed_groups", "host_forces", "authorities",
                 "community_structures"):
        ids |= {x.id for x in getattr(a, kind, [])}
    for o in scenario.objectives:
        ids.add(o.id)
        for task in o.critical_tasks:
            ids |= {task.id} | {m.id for m in task.measures}
    return ids


def plain_words(scenario, lang: str, typed: list[str] = ()) -> set[str]:
    """Words of the scenario's own text, the report's fixed text in ``lang`` and what the
    teams ``typed`` (a justification): an id that is one of them ("patrol", "police")
    cannot be told from the word."""
    found = {w for line in typed for w in re.findall(r"\w+", line.lower())}

    def walk(value) -> None:
        if isinstance(value, dict):
            if lang in value and isinstance(value[lang], str):
                found.update(re.findall(r"\w+", value[lang].lower()))
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
    walk(scenario.model_dump())
    for v in debrief_texts():  # a text, or the singular and plural of one
        said = [translations(lang).ngettext(*v, n) for n in (1, 2)] \
            if isinstance(v, tuple) else [tr(v, lang)]
        found.update(w for t in said for w in re.findall(r"\w+", t.lower()))
    return found


@functools.cache
def debrief_texts() -> tuple:
    """The debrief's fixed texts (its code and the report's templates), in English."""
    from simulator.languages import extract
    return tuple(m.id for m in extract() if m.id
                 and any(path.startswith("debrief/") for path, _ in m.locations))


def leaked(page: str, ids: set[str], words: set[str]) -> set[str]:
    """Ids written as ids in ``page`` (case-sensitive, whole), and event ids."""
    shown = {i for i in ids - words
             if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", page)}
    return shown | set(re.findall(r"\be\d{6}\b", page))


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    out = {}
    for path in SHIPPED:
        folder = tmp_path_factory.mktemp(path.stem)
        assert main(["run", str(path), "--seed", "3", "--bots", "all=doctrine", "--out",
                     str(folder), "--quiet", "--no-debrief"]) == 0
        out[path.stem] = folder
    return out


def same_as_run(folder, run, keys, team=None, **kw) -> dict:
    """The counterfactual table without replays: this scan reads words, not numbers."""
    return {k: {"actual": run.summary["outcomes"][k], "passive": 0, "doctrine": 0,
                "yours_vs_passive": 0, "doctrine_vs_passive": 0} for k in keys}


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("stem", [p.stem for p in SHIPPED])
def test_the_report_names_and_keeps_ids_to_the_annexes(runs, stem, lang, monkeypatch):
    monkeypatch.setattr(report, "compare", same_as_run)
    folder = runs[stem]
    run, scenario = load_run(folder), load_scenario(folder / "scenario.yaml")
    data = report.build(folder, run, scenario, lang, team_seeds=1, workers=1)
    typed = [v for d in json.loads((folder / "inputs.json").read_text())
             for v in d.get("params", {}).values() if isinstance(v, str) and " " in v]
    ids, words = scenario_ids(scenario), plain_words(scenario, lang, typed)
    appendix = tr("Annex for analysts: the events cited", lang)
    annex = "\n## " + appendix
    markdown = report.render_markdown(data)
    body = markdown.split(annex)[0]
    assert not leaked(body, ids, words), f"{stem} ({lang}): ids in the report"
    assert data["evidence"] and data["evidence"][0]["id"] in markdown.split(annex)[1]
    html = report.render_html(data, dict.fromkeys(("map", "timeline", "ratings",
                                                   "counterfactual", "groups"), b""))
    page = re.sub(r"<[^>]+>", " ", html.split(f"<h2>{appendix}</h2>")[0])
    assert not leaked(page, ids, words), f"{stem} ({lang}): ids in the HTML report"
    if lang != "en":  # and no sentence of the report left in English
        assert english_left(body, lang) == [], stem
        assert english_left(shown_text(html), lang) == [], stem


def test_the_scan_finds_an_id_left_in_text():
    ids = {"tieloba", "ct_deter", "patrol"}
    assert leaked("Presence at tieloba (ct_deter); patrol done; e000033.", ids,
                  {"patrol"}) == {"tieloba", "ct_deter", "e000033"}
    assert leaked("Presence at Tiéloba; patrol-2 done", ids, set()) == set()


@pytest.mark.slow
@pytest.mark.parametrize("stem", [p.stem for p in SHIPPED])
def test_every_teams_sitrep_names_and_is_wholly_in_its_language(runs, stem):
    """Each turn's situation report of each team, as `ttx sitrep` writes it, in every
    language: names, not ids, and no sentence left in English."""
    from simulator.world.sitrep_text import render

    folder = runs[stem]
    scenario = load_scenario(folder / "scenario.yaml")
    ids = scenario_ids(scenario)
    reports = sorted((folder / "reports").glob("*/turn-*.json"))
    assert len(reports) == len(scenario.teams) * scenario.metadata.turns
    for lang in LANGUAGES:
        words = plain_words(scenario, lang)
        for path in reports:
            page = render(json.loads(path.read_text()), scenario, lang)
            where = f"{stem} {path.parent.name} {path.stem} ({lang})"
            assert not leaked(page, ids, words), where
            if lang != "en":
                assert english_left(page, lang) == [], where
