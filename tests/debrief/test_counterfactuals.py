"""Counterfactuals: the same seed with bots in place of the teams."""

import json

import pytest

from debrief.counterfactuals import compare, replay_outcomes
from debrief.rundata import RunError, load_run
from simulator.cli import main
from simulator.play.runner import play
from tests.conftest import MINI


@pytest.fixture
def run_dir(tmp_path):
    decisions = tmp_path / "d.yaml"
    decisions.write_text("- {turn: 1, team: force, action: patrol, "
                         "params: {unit: coy_a, location: village}}\n"
                         "- {turn: 2, team: force, action: patrol, "
                         "params: {unit: coy_a, location: village}}\n")
    out = tmp_path / "run"
    assert main(["run", str(MINI), "--seed", "4", "--decisions", str(decisions),
                 "--out", str(out), "--quiet", "--no-debrief"]) == 0
    return out


def test_run_folder_holds_its_scenario(run_dir):
    assert (run_dir / "scenario.yaml").read_text() == MINI.read_text()


def test_passive_replay_equals_a_run_without_decisions(run_dir, mini):
    run = load_run(run_dir)
    passive = replay_outcomes(run_dir, run, "passive")
    assert passive == play(mini, 4, []).summary()["outcomes"]


def test_team_counterfactual_keeps_the_other_teams(run_dir, mini):
    run = load_run(run_dir)
    assert replay_outcomes(run_dir, run, "passive", team="police") == \
        run.summary["outcomes"]  # police gave no orders: replacing it changes nothing


def test_compare_reports_the_changes(run_dir):
    run = load_run(run_dir)
    c = compare(run_dir, run, ("civilian_deaths", "attacks_deterred"))
    deaths = c["civilian_deaths"]
    assert deaths["yours_vs_passive"] == deaths["actual"] - deaths["passive"]
    assert deaths["doctrine_vs_passive"] == deaths["doctrine"] - deaths["passive"]
    assert c["attacks_deterred"]["actual"] == 1 and c["attacks_deterred"]["passive"] == 0
    assert json.dumps(c)  # plain numbers, ready for debrief.json


def test_counterfactual_bands_over_seeds(run_dir, mini):
    from simulator.play.decisions import Decision
    run = load_run(run_dir)
    c = compare(run_dir, run, ("civilian_deaths",), team="force", seeds=3)
    deaths = c["civilian_deaths"]
    orders = [Decision(t, "force", "patrol", {"unit": "coy_a", "location": "village"})
              for t in (1, 2)]
    changes = sorted(play(mini, s, orders).summary()["outcomes"]["civilian_deaths"]
                     - play(mini, s, []).summary()["outcomes"]["civilian_deaths"]
                     for s in (4, 5, 6))  # the run's seed (4) and the next two
    assert deaths["bands"]["yours_vs_passive"]["median"] == changes[1]
    assert deaths["luck"] == (deaths["bands"]["yours_vs_passive"]["p10"] <= 0
                              <= deaths["bands"]["yours_vs_passive"]["p90"])
    assert "bands" not in compare(run_dir, run, ("civilian_deaths",), team="force")["civilian_deaths"]
    # The same in worker processes.
    from debrief.counterfactuals import replayer
    with replayer(2) as pool:
        assert compare(run_dir, run, ("civilian_deaths",), team="force", seeds=3,
                       pool=pool) == c


def test_folder_without_scenario(run_dir):
    (run_dir / "scenario.yaml").unlink()
    with pytest.raises(RunError, match="no scenario.yaml"):
        replay_outcomes(run_dir, load_run(run_dir), "passive")


def test_seed_bands_for_the_teams_decisions(run_dir, mini):
    from debrief.counterfactuals import seed_bands
    from simulator.play.decisions import Decision
    run = load_run(run_dir)
    bands = seed_bands(run_dir, run, ("civilian_deaths", "attacks_deterred"), seeds=4)
    assert set(bands) == {"decisions", "passive", "doctrine", "ratings"}
    assert bands["ratings"] == {}  # the mini world has no objectives
    orders = [Decision(t, "force", "patrol", {"unit": "coy_a", "location": "village"})
              for t in (1, 2)]
    deaths = sorted(play(mini, s, orders).summary()["outcomes"]["civilian_deaths"]
                    for s in range(4))
    band = bands["decisions"]["civilian_deaths"]
    assert band["median"] == (deaths[1] + deaths[2]) / 2
    assert deaths[0] <= band["p10"] <= band["median"] <= band["p90"] <= deaths[3]
    assert bands["decisions"]["attacks_deterred"]["median"] >= 1
    assert bands["passive"]["attacks_deterred"] == {"median": 0, "p10": 0, "p90": 0}
