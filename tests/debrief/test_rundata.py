"""A run in memory reads as its written folder does: audits rate it without the files."""

from __future__ import annotations

from pathlib import Path

import pytest

from debrief.rundata import load_run, run_of
from simulator.language.validation import load_scenario
from simulator.play.outputs import write_run
from simulator.play.runner import play

POC = Path(__file__).resolve().parents[2] / "scenarios" / "poc-inner-delta.yaml"


@pytest.mark.parametrize("bots", ["random", "doctrine"])
def test_a_run_in_memory_is_its_folder_read_back(tmp_path, bots):
    scenario = load_scenario(POC)
    ex = play(scenario, 2, [], {team.id: bots for team in scenario.teams})
    write_run(ex, tmp_path)
    written, held = load_run(tmp_path), run_of(ex)
    for part in ("events", "timeseries", "summary", "inputs", "flows"):
        assert getattr(held, part) == getattr(written, part), part
    assert held.flows  # people moved: the flows are compared, not two empty lists
    # The same types too: whole numbers stay int, shares float, as the CSV reads them.
    assert [{k: type(v) for k, v in r.items()} for r in held.timeseries] == \
        [{k: type(v) for k, v in r.items()} for r in written.timeseries]
