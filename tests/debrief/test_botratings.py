"""`ttx compare --ratings`: the ratings bot teams earn, by the debrief's own code path."""

import json

from debrief.botratings import RatingTally
from debrief.ratings import rate_objectives
from debrief.rundata import load_run
from simulator.cli import main
from simulator.language.validation import load_scenario
from simulator.play.runner import play
from tests.conftest import ROOT

POC = ROOT / "scenarios" / "poc-inner-delta.yaml"


def test_tally_counts_the_ratings_of_the_written_run(tmp_path):
    scenario = load_scenario(POC)
    bots = {t.id: "doctrine" for t in scenario.teams}
    tally = RatingTally(scenario)
    tally.add("doctrine", 1, play(scenario, 1, [], bots))
    assert main(["run", str(POC), "--seed", "1", "--bots", "all=doctrine", "--out",
                 str(tmp_path / "run"), "--no-debrief", "--quiet"]) == 0
    direct = rate_objectives(scenario, load_run(tmp_path / "run"))
    counts = tally.as_dict()["doctrine"]
    for o in direct:
        assert counts[o.id] == {o.rating or "-": 1}
        for t in o.tasks:
            assert counts[t.id] == {t.rating or "-": 1}
    # Doing nothing fails every task that expects an answer to an inject.
    tally.add("passive", 1, play(scenario, 1, [], {t: "passive" for t in bots}))
    assert tally.as_dict()["passive"]["ct_deter"] == {"U": 1}
    assert counts["ct_deter"] == {"P": 1}  # seed 1: every warned attack met protection


def test_compare_command_prints_and_writes_ratings(tmp_path, capsys):
    out = tmp_path / "c.json"
    assert main(["compare", str(POC), "--seeds", "2", "--bots", "passive", "doctrine",
                 "--ratings", "--json", str(out), "--quiet"]) == 0
    text = capsys.readouterr().out
    assert "ratings over 2 seeds" in text
    # Tasks by their titles (cut to fit a terminal), never their ids.
    row = next(line for line in text.splitlines()
               if line.startswith("  Deploy presence to villages under warned threat before…"))
    assert row.split()[-2:] == ["U2", "P2"]  # seeds 0 and 1, pinned
    assert "ct_deter" not in text and "civilian_deaths" not in text
    ratings = json.loads(out.read_text())["ratings"]
    assert ratings["passive"]["obj_physical"] == {"U": 2}
    assert sum(ratings["doctrine"]["ct_hrddp"].values()) == 2
