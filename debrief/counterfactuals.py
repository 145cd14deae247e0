"""What would have happened otherwise: the same seed, with bots instead of the teams.

A run's inputs are replayed with one team's decisions (or every team's) taken out and a
bot playing that team instead; the other teams' decisions and the instructor's injects
stay as they were. The difference against the ``passive`` bot is what the decisions
changed; against the ``doctrine`` bot, what doctrine would have changed.
"""

from __future__ import annotations

from pathlib import Path

from debrief.rundata import RunData, RunError
from simulator.decisions import Decision, load_inputs
from simulator.runner import play
from simulator.validation import load_scenario


def replay_outcomes(folder: str | Path, run: RunData, kind: str,
                    team: str | None = None) -> dict:
    """Outcomes of the run replayed with ``kind`` bots for ``team`` (all teams if None)."""
    folder = Path(folder)
    if not (folder / "scenario.yaml").exists():
        raise RunError(f"{folder}: no scenario.yaml; run it again with this version of ttx")
    scenario = load_scenario(folder / "scenario.yaml")
    teams = [t.id for t in scenario.teams] if team is None else [team]
    inputs = [i for i in load_inputs(folder / "inputs.json", scenario)
              if not (isinstance(i, Decision) and i.team in teams)]
    seed = run.summary["seed"]
    return play(scenario, seed, inputs, {t: kind for t in teams}).summary()["outcomes"]


def compare(folder: str | Path, run: RunData, keys: tuple[str, ...],
            team: str | None = None) -> dict[str, dict[str, float]]:
    """For each outcome: the run's value, the passive and doctrine replays, and the changes
    ("your decisions changed X by ... against no action; doctrine would have by ...")."""
    actual = run.summary["outcomes"]
    passive = replay_outcomes(folder, run, "passive", team)
    doctrine = replay_outcomes(folder, run, "doctrine", team)
    return {key: {"actual": actual[key], "passive": passive[key], "doctrine": doctrine[key],
                  "yours_vs_passive": round(actual[key] - passive[key], 3),
                  "doctrine_vs_passive": round(doctrine[key] - passive[key], 3)}
            for key in keys}
