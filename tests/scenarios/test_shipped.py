"""The shipped scenarios: valid, big enough, bilingual, and consequential."""

import statistics
from pathlib import Path

import pytest

from simulator.language.scenario import Lang
from simulator.language.validation import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
FILES = {"civilian_protection": "poc-inner-delta.yaml",
         "disaster_response": "flood-season.yaml",
         "civil_military_coordination": "cmcoord-corridor.yaml",
         "conflict_prevention": "prevention-central-sahel.yaml"}


@pytest.fixture(scope="module", params=sorted(FILES.values()))
def scenario(request):
    return load_scenario(SCENARIOS / request.param)


def test_one_scenario_per_category():
    found = {load_scenario(SCENARIOS / f).metadata.category: f for f in FILES.values()}
    assert found == FILES


def test_size(scenario):
    s = scenario
    assert s.metadata.turns >= 8
    assert len(s.map.locations) >= 12
    assert {t.role for t in s.teams} >= {"force", "police", "civilian", "humanitarian"}
    assert len(s.msel) >= 10
    assert sum(1 for i in s.msel if i.when is not None) >= 2


def _texts(s):
    """Every free-text field that a trainee or evaluator reads."""
    yield "metadata.title", s.metadata.title
    yield "metadata.summary", s.metadata.summary
    for i, lo in enumerate(s.metadata.learning_objectives):
        yield f"metadata.learning_objectives[{i}]", lo
    for t in s.teams:
        yield f"teams.{t.id}.name", t.name
    for a in s.actors.authorities:
        yield f"actors.authorities.{a.id}.role", a.role
    for a in s.actions:
        yield f"actions.{a.id}.name", a.name
        if a.description is not None:
            yield f"actions.{a.id}.description", a.description
    for inj in s.msel:
        yield f"msel.{inj.id}.message", inj.message
        yield f"msel.{inj.id}.from", inj.from_
    for o in s.objectives:
        yield f"objectives.{o.id}.title", o.title
        for c in o.critical_tasks:
            yield f"objectives.{o.id}.{c.id}.title", c.title


def test_all_text_in_english_and_french(scenario):
    plain = [path for path, value in _texts(scenario) if not isinstance(value, Lang)]
    assert plain == []
    assert scenario.metadata.learning_objectives


def test_every_action_is_usable_by_its_team(scenario):
    for a in scenario.actions:
        for team in a.teams:
            assert a.id in scenario.actions_of(team)


# The outcomes each scenario's doctrine must clearly improve on doing nothing.
CONSEQUENCES = {"civilian_protection": [("civilian_deaths", "lower")],
                "disaster_response": [("civilian_deaths", "lower"),
                                      ("unmet_need_person_days", "lower")],
                "civil_military_coordination": [("people_assisted", "higher")],
                "conflict_prevention": [("civilian_deaths", "lower")]}


@pytest.mark.slow
@pytest.mark.parametrize("category", sorted(FILES))
def test_passes_the_strict_audit_over_10_seeds(category, tmp_path, capsys, monkeypatch):
    """`ttx check --strict --seeds 10`: no task a passive, random or gaming team passes,
    every task doctrine reaches, every inject fires, every action has a use, every
    measure applies; the aggregate targets of docs/ratings.md hold; doctrine clearly
    beats doing nothing, seed by seed, on the outcomes the scenario is about; and every
    event each rating of each play cites supports what it is cited for."""
    import json

    import debrief.check
    from simulator.cli import main
    from tests.debrief.test_evidence import check_evidence

    rate = debrief.check.rate_objectives

    def rate_and_check(scenario, run):
        objectives = rate(scenario, run)
        check_evidence(scenario, run, objectives)
        return objectives

    monkeypatch.setattr(debrief.check, "rate_objectives", rate_and_check)
    # One process: the suite already runs a test on every core.
    code = main(["check", str(SCENARIOS / FILES[category]), "--seeds", "10", "--strict",
                 "--quiet", "--out", str(tmp_path), "--jobs", "1"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "no flags" in out
    result = json.loads((tmp_path / "check.json").read_text())
    for key, better in CONSEQUENCES[category]:
        passive = [p["outcomes"][key] for p in result["plays"]["passive"]]
        doctrine = [p["outcomes"][key] for p in result["plays"]["doctrine"]]
        p, d = statistics.mean(passive), statistics.mean(doctrine)
        wins = sum((b < a) if better == "lower" else (b > a)
                   for a, b in zip(passive, doctrine, strict=True))
        assert (d < 0.75 * p) if better == "lower" else (d > 1.5 * p + 100), (key, p, d)
        assert wins >= 8, (key, wins)
    targets = result["targets"]
    shares = targets["p_share"]
    assert shares["doctrine"] >= 0.7
    assert all(shares[s] <= 0.05 for s in shares if s != "doctrine"), shares
    assert targets["random_above_doctrine"] <= 0.02
    for key, medians in targets["medians"].items():
        assert medians["doctrine"] < medians["passive"], key
    _matches_the_docs(FILES[category], out, targets)


def _matches_the_docs(file: str, out: str, targets: dict) -> None:
    """docs/ratings.md shows this audit's table and figures for the scenario."""
    import re

    docs = (SCENARIOS.parent / "docs" / "ratings.md").read_text(encoding="utf-8")
    section = docs[docs.index(f"(`{file}`)"):]
    table = out[out.index("objective / critical task"):out.index("\n\noutcomes")]
    assert section.split("```\n")[1].rstrip("\n") == table.rstrip("\n")
    shares, deaths = targets["p_share"], targets["medians"]["civilian_deaths"]
    head = " ".join(section.split("```")[0].split())
    figures = re.search(r"doctrine P on (\d+) % of task ratings, every other strategy (\d+) %; "
                        r"random better than doctrine on (\d+) % of pairs; median deaths "
                        r"(\d+) under doctrine, (\d+) under passive", head)
    assert figures, head
    others = max(v for k, v in shares.items() if k != "doctrine")
    assert [int(x) for x in figures.groups()] == [
        round(100 * shares["doctrine"]), round(100 * others),
        round(100 * targets["random_above_doctrine"]),
        round(deaths["doctrine"]), round(deaths["passive"])]


@pytest.mark.slow
def test_prevention_doctrine_beats_passive_on_ten_more_seeds():
    """Seeds 10–19, after the strict audit's 0–9: over twenty seeds the doctrine loses
    fewer civilians than doing nothing on every seed, and no passive play rates a task P."""
    from debrief.check import play_once

    scenario = load_scenario(SCENARIOS / FILES["conflict_prevention"])
    for seed in range(10, 20):
        doctrine = play_once(scenario, "doctrine", seed)
        passive = play_once(scenario, "passive", seed)
        d, p = (x["outcomes"]["civilian_deaths"] for x in (doctrine, passive))
        assert d < 0.5 * p, (seed, d, p)
        assert "P" not in passive["tasks"].values(), seed
        assert sum(r == "P" for r in doctrine["tasks"].values()) >= 6, (seed, doctrine["tasks"])
