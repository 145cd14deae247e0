"""examples/sparring.py runs as its docstring says and prints the debrief's ratings of the
team it plays, by task title."""

from __future__ import annotations

import os
import subprocess
import sys

from simulator.language.scenario import text
from simulator.language.validation import load_scenario
from simulator.shipped import DEMO_SCENARIO, SCENARIOS
from tests.conftest import ROOT


def test_the_sparring_example_plays_the_force_and_prints_its_ratings(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(ROOT / "examples" / "sparring.py")],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    scenario = load_scenario(SCENARIOS / DEMO_SCENARIO)
    assert lines[0] == (
        f"{text(scenario.metadata.title)}, seed 1: Force (Sector West) played by a scripted "
        "policy, UN Police (UNPOL), Civilian component (Kéno field office), Humanitarian "
        "coordination (OCHA and clusters) by doctrine bots")
    turns = [ln for ln in lines if ln.startswith("turn ")]
    assert [int(ln.split()[1].rstrip(":")) for ln in turns] == list(range(1, 11))
    # The policy's orders are all accepted on this seed: guards, patrols, information shared.
    assert all(ln.endswith(" accepted, 0 refused") for ln in turns)
    # The force's two tasks by title, as the debrief rates them on seed 1.
    titles = {c.id: text(c.title) for o in scenario.objectives for c in o.critical_tasks}
    assert lines[-3:] == [
        "Debrief ratings for Force (Sector West) (reward 1.00 of 3):",
        f"  S             {titles['ct_deter']}",
        f"  not observed  {titles['ct_detention']}"]


def test_the_sparring_example_names_the_teams_when_given_another(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(ROOT / "examples" / "sparring.py"),
                           "--team", "army"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines()[-1] == ("sparring.py: error: --team: no team 'army'; "
                                            "the teams: force, police, civilian, humanitarian")
