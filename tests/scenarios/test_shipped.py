"""The shipped scenarios: valid, big enough, bilingual, and consequential."""

import statistics
from pathlib import Path

import pytest

from simulator.runner import play
from simulator.scenario import Lang
from simulator.validation import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
FILES = {"civilian_protection": "poc-inner-delta.yaml",
         "disaster_response": "flood-season.yaml",
         "civil_military_coordination": "cmcoord-corridor.yaml"}


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


def outcomes(s, kind, seeds=20):
    return [play(s, seed, [], {t.id: kind for t in s.teams}).summary()["outcomes"]
            for seed in range(seeds)]


@pytest.mark.slow
@pytest.mark.parametrize("category,keys", [
    ("civilian_protection", [("civilian_deaths", "lower")]),
    ("disaster_response", [("civilian_deaths", "lower"), ("unmet_need_person_days", "lower")]),
    ("civil_military_coordination", [("people_assisted", "higher")]),
])
def test_doctrine_clearly_beats_passive_over_20_seeds(category, keys):
    s = load_scenario(SCENARIOS / FILES[category])
    passive, doctrine = outcomes(s, "passive"), outcomes(s, "doctrine")
    for key, better in keys:
        p = statistics.mean(o[key] for o in passive)
        d = statistics.mean(o[key] for o in doctrine)
        wins = sum((o_d[key] < o_p[key]) if better == "lower" else (o_d[key] > o_p[key])
                   for o_p, o_d in zip(passive, doctrine, strict=True))
        if better == "lower":
            assert d < 0.75 * p, (key, p, d)
        else:
            assert d > 1.5 * p + 100, (key, p, d)
        assert wins >= 16, (key, wins)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FILES.values()))
def test_passes_the_strict_audit_over_10_seeds(name, tmp_path, capsys):
    """`ttx check --strict --seeds 10`: no task a passive, random or gaming team passes,
    every task doctrine reaches, every inject fires, every action has a use, every
    measure applies; and the aggregate targets of docs/ratings.md hold."""
    import json

    from simulator.cli import main
    code = main(["check", str(SCENARIOS / name), "--seeds", "10", "--strict", "--quiet",
                 "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "no flags" in out
    targets = json.loads((tmp_path / "check.json").read_text())["targets"]
    shares = targets["p_share"]
    assert shares["doctrine"] >= 0.7
    assert all(shares[s] <= 0.05 for s in shares if s != "doctrine"), shares
    assert targets["random_above_doctrine"] <= 0.02
    for key, medians in targets["medians"].items():
        assert medians["doctrine"] < medians["passive"], key
