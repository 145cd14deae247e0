"""Scenarios written from the docs alone, not by whoever tuned the doctrine bot: the
targets of docs/ratings.md must hold on them too, not only on the shipped three."""

import json
from pathlib import Path

import pytest

from simulator.cli import main

AUTHORED = Path(__file__).resolve().parents[1] / "fixtures" / "authored"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["ferle-est.yaml", "ouadi-bel.yaml"])
def test_the_targets_hold_on_a_scenario_written_from_the_docs(name, tmp_path, capsys):
    # One process: the suite already runs a test on every core.
    assert main(["check", str(AUTHORED / name), "--seeds", "4", "--quiet", "--jobs", "1",
                 "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    targets = json.loads((tmp_path / "check.json").read_text())["targets"]
    shares = targets["p_share"]
    assert shares["doctrine"] >= 0.7, shares
    assert all(shares[s] <= 0.05 for s in shares if s != "doctrine"), shares
    assert targets["random_above_doctrine"] <= 0.02
    deaths = targets["medians"]["civilian_deaths"]
    assert deaths["doctrine"] < 0.75 * deaths["passive"], deaths
