"""What would have happened otherwise: the same seed, with bots instead of the teams.

A run's inputs are replayed with one team's decisions (or every team's) taken out and a
bot playing that team instead; the other teams' decisions and the instructor's injects
stay as they were. The difference against the ``passive`` bot is what the decisions
changed; against the ``doctrine`` bot, what doctrine would have changed.
"""

from __future__ import annotations

from pathlib import Path

from debrief.rundata import RunData, RunError
from simulator.compare import band
from simulator.decisions import Decision, load_inputs
from simulator.runner import play
from simulator.validation import load_scenario


def _replay_setup(folder: Path, team: str | None):
    if not (folder / "scenario.yaml").exists():
        raise RunError(f"{folder}: no scenario.yaml; run it again with this version of ttx")
    scenario = load_scenario(folder / "scenario.yaml")
    teams = [t.id for t in scenario.teams] if team is None else [team]
    inputs = load_inputs(folder / "inputs.json", scenario)
    without = [i for i in inputs if not (isinstance(i, Decision) and i.team in teams)]
    return scenario, teams, inputs, without


def replay_outcomes(folder: str | Path, run: RunData, kind: str,
                    team: str | None = None, seed: int | None = None) -> dict:
    """Outcomes of the run replayed with ``kind`` bots for ``team`` (all teams if None)."""
    scenario, teams, _, without = _replay_setup(Path(folder), team)
    seed = run.summary["seed"] if seed is None else seed
    return play(scenario, seed, without, {t: kind for t in teams}).summary()["outcomes"]


def seed_bands(folder: str | Path, run: RunData, keys: tuple[str, ...], seeds: int = 30,
               team: str | None = None, progress=None) -> dict[str, dict[str, dict]]:
    """Luck or skill: the run's own decisions replayed over ``seeds`` seeds, beside passive
    and doctrine bots on the same seeds; each outcome as median and 10–90 % band."""
    scenario, teams, inputs, without = _replay_setup(Path(folder), team)
    plays = {"decisions": (inputs, {}), "passive": (without, {t: "passive" for t in teams}),
             "doctrine": (without, {t: "doctrine" for t in teams})}
    out: dict[str, dict[str, dict]] = {}
    for label, (items, bots) in plays.items():
        rows = []
        for seed in range(seeds):
            rows.append(play(scenario, seed, items, bots).summary()["outcomes"])
            if progress:
                progress(label, seed)
        out[label] = {k: band([r[k] for r in rows], "median") for k in keys}
    return out


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
