"""Cohort comparison: teams of one class that played the same scenario on the same seed,
side by side, and where the seed bands say a difference may be luck.

For each exercise: its final ratings (after the evaluators' overrides) and outcomes; its
own decisions replayed over a few seeds (``counterfactuals.seed_bands``), which give each
outcome a band and each task the ratings the same decisions earn on other seeds; beside
them the doctrine and passive bots on the same seeds, as references. Two exercises'
outcomes differ by luck when their bands overlap; their ratings of a task differ by luck
when each one's decisions, replayed, also earned the other's rating.
"""

from __future__ import annotations

from pathlib import Path

from debrief.counterfactuals import seed_bands
from debrief.report import KEYS
from debrief.rundata import load_run


def compare_cohort(plays: list[dict], seeds: int = 5, pool=None) -> dict:
    """``plays``: one dict per exercise of the group: ``id``, ``name``, ``folder`` (its run
    written by ``simulator.play.outputs.write_run``) and ``finals`` (task id → final rating).
    Returns the tasks and outcomes side by side, with ``luck`` marks and the doctrine and
    passive references (bands over seeds 0 … seeds−1)."""
    bands, actual = {}, {}
    for p in plays:
        folder = Path(p["folder"])
        run = load_run(folder)
        bands[p["id"]] = seed_bands(folder, run, KEYS, seeds, pool=pool)
        actual[p["id"]] = run.summary["outcomes"]
    first = bands[plays[0]["id"]]
    outcomes = []
    for key in KEYS:
        mine = {ex: b["decisions"][key] for ex, b in bands.items()}
        values = {ex: actual[ex][key] for ex in actual}
        outcomes.append({"key": key, "actual": values, "bands": mine,
                         "doctrine": first["doctrine"][key], "passive": first["passive"][key],
                         "luck": len(set(values.values())) > 1 and _overlap(list(mine.values()))})
    tasks = []
    for task in plays[0]["finals"]:
        finals = {p["id"]: p["finals"].get(task) for p in plays}
        seen = {ex: b["ratings"].get(task, {}) for ex, b in bands.items()}
        differ = len(set(finals.values())) > 1
        tasks.append({"task": task, "finals": finals, "over_seeds": seen,
                      "luck": differ and all(r in seen[ex] for ex in finals
                                             for r in finals.values() if r is not None)})
    return {"seeds": seeds, "exercises": [{"id": p["id"], "name": p["name"]} for p in plays],
            "tasks": tasks, "outcomes": outcomes}


def _overlap(bands: list[dict]) -> bool:
    """Whether every pair of 10–90 % bands overlaps."""
    return all(a["p10"] <= b["p90"] and b["p10"] <= a["p90"]
               for i, a in enumerate(bands) for b in bands[i + 1:])
