"""ttx validate-displacement: the engine's movement model against observed camp counts."""

import json

import numpy as np
import pytest

from simulator.cli import main
from simulator.displacement import validate as displacement
from simulator.displacement.fleecase import ard, read_case
from simulator.displacement.fleeimport import to_scenario
from simulator.language.parameters import Movement
from simulator.language.scenario import Scenario
from simulator.language.validation import load_scenario
from tests.conftest import ROOT
from tests.simulator.displacement.test_fleecase import DATA, tiny

# Flee 3's published ARD (normal) on the two cases, from the reference runs.
FLEE_ARD = {"burundi": 0.47, "car": 0.40}


def test_shipped_scenarios_and_imported_cases_move_people_with_the_same_parameters():
    """One documented parameter set: no scenario overrides movement."""
    shipped = sorted((ROOT / "scenarios").glob("*.yaml"))
    assert len(shipped) >= 3
    for path in shipped:
        assert load_scenario(path).parameters.movement == Movement(), path.name
    for case in ("burundi", "car"):
        scenario = Scenario.model_validate(to_scenario(read_case(DATA / case)))
        assert scenario.parameters.movement == Movement(), case


def test_the_command_writes_its_summary_counts_and_figures(tmp_path, capsys):
    out = tmp_path / "v"
    assert main(["validate-displacement", str(tiny(tmp_path / "case")), "--seeds", "2",
                 "--jobs", "1", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "case: 5 days, 2 camps, 2 seeds" in captured.out
    assert "naive forecast, capacity split: ARD" in captured.out
    assert "  seed 1: done in" in captured.err and "seed 0: day 0/5" in captured.err
    summary = json.loads((out / "summary.json").read_text())
    assert summary["seeds"] == [0, 1] and summary["camps"] == ["C1", "C2"]
    assert summary["ard"]["min"] <= summary["ard"]["mean"] <= summary["ard"]["max"]
    assert summary["movement_parameters"] == Movement().model_dump(mode="json")
    # The camps' shares of the error add up to the ARD.
    assert sum(summary["camp_error"].values()) == pytest.approx(summary["ard"]["mean"], abs=1e-3)
    assert summary["wall_seconds"] > 0 and summary["seconds_per_run"]["max"] > 0
    rows = (out / "camps.csv").read_text().splitlines()
    assert rows[0].startswith("day,camp,observed,simulated_mean") and len(rows) == 1 + 2 * 5
    assert sorted(p.name for p in (out / "plots").iterdir()) == \
        ["all-camps.png", "c1.png", "c2.png"]
    assert (out / "plots" / "c1.png").read_bytes()[:4] == b"\x89PNG"
    load_scenario(out / "scenario.yaml")


def test_the_summary_reproduces_the_metric_from_the_daily_counts(tmp_path):
    v = displacement.validate(tiny(tmp_path), seeds=2, jobs=1, say=lambda line: None)
    for seed, value in v.ard().items():
        assert value == ard(v.runs[seed], v.observed)
    sim = v.runs[0]
    # Day 0: the camps hold their observed count (C1 corrected to 50, C2 empty).
    assert sim["C1"][0] == 50 and sim["C2"][0] == 0
    # Nobody leaves the system: camps never hold more than entered.
    entered = v.scenario.arrivals.people
    assert np.all(sim["C1"] + sim["C2"] <= 50 + np.cumsum(entered))


def test_two_processes_give_the_same_counts_and_tell_each_seed(tmp_path):
    said, said_here = [], []
    here = displacement.validate(tiny(tmp_path / "a"), seeds=2, jobs=1, say=said_here.append,
                                 lang="pt")
    there = displacement.validate(tiny(tmp_path / "b"), seeds=2, jobs=2, say=said.append)
    assert list(there.runs) == [0, 1]
    for seed in (0, 1):
        for camp in ("C1", "C2"):
            assert there.runs[seed][camp].tolist() == here.runs[seed][camp].tolist()
    # Each count in its own plural form, in each language.
    assert said[0] == "b: 5 days, 2 camps, 2 seeds in 2 processes"
    assert said_here[0] == "a: 5 dias, 2 campos, 2 sementes em 1 processo"
    assert sorted(line.split(":")[0] for line in said[1:]) == ["  seed 0", "  seed 1"]


def test_a_broken_case_is_refused_with_its_place(tmp_path, capsys):
    case = tiny(tmp_path, **{"input/routes.csv": "Zone,Nowhere,10,\n"})
    assert main(["validate-displacement", str(case)]) == 2
    assert "routes.csv:1: unknown location 'Nowhere'" in capsys.readouterr().err
    assert main(["validate-displacement", str(case), "--seeds", "0"]) == 1


@pytest.mark.slow
@pytest.mark.parametrize("case", ["burundi", "car"])
def test_the_model_beats_flee_and_the_nearest_camp_forecast(case, tmp_path, capsys):
    # The README's command, with one seed: validate-displacement tests/data/displacement/car
    assert main(["validate-displacement", str(DATA / case), "--seeds", "1", "--jobs", "1",
                 "--quiet", "--out", str(tmp_path / "v")]) == 0
    summary = json.loads((tmp_path / "v" / "summary.json").read_text())
    assert summary["ard"]["mean"] < FLEE_ARD[case]
    assert summary["ard"]["mean"] < summary["naive"]["nearest_camp"]
    # A good placement, not only a good total: rescaled, it stays below 0.4.
    assert summary["ard_rescaled"]["mean"] < 0.4


def test_progress_and_results_speak_french(tmp_path, capsys):
    assert main(["--lang", "fr", "validate-displacement", str(tiny(tmp_path)), "--seeds", "1",
                 "--jobs", "1"]) == 0
    captured = capsys.readouterr()
    assert "graine 0 : jour 0/5" in captured.err and "graine 0 : terminée en" in captured.err
    assert "prévision naïve, répartition selon la capacité : ARD" in captured.out
    assert "ARD remis à l'échelle :" in captured.out
