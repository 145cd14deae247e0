"""The debrief of a shipped scenario after its last turn: built from scratch, beside built
with its counterfactual replays played ahead as the turns closed (as the portal's debrief
worker does).

    python benchmarks/debrief_time.py [--scenario scenarios/poc-inner-delta.yaml]
                                      [--repeats 3] [--workers 0]

The run is the scenario played by doctrine bots for every team (every team gave orders,
so every team's counterfactual is replayed: the most a debrief replays). Both timings
start from the run folder on disk and end with debrief.json, report.md, report.html and
the exports written; imports are done (the worker has them); the median of ``--repeats``.
"Ahead" leaves each replay's last turn to the debrief, as after the last close. The two
reports are compared byte for byte.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from debrief.ahead import Ahead  # noqa: E402
from debrief.report import TEAM_SEEDS, build, write_files  # noqa: E402
from debrief.rundata import load_run  # noqa: E402
from simulator.decisions import load_inputs  # noqa: E402
from simulator.outputs import write_run  # noqa: E402
from simulator.runner import play  # noqa: E402
from simulator.validation import load_scenario  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FILES = ("debrief.json", "report.md", "report.html")


def debrief(folder: Path, out: Path, workers: int, ahead: Ahead | None = None) -> dict:
    """Read the run, build and write its debrief; seconds of each part."""
    t0 = time.perf_counter()
    run, scenario = load_run(folder), load_scenario(folder / "scenario.yaml")
    t1 = time.perf_counter()
    data = build(folder, run, scenario, workers=workers, ahead=ahead)
    t2 = time.perf_counter()
    write_files(out, data, run, scenario)
    t3 = time.perf_counter()
    return {"read": t1 - t0, "build": t2 - t1, "files": t3 - t2, "total": t3 - t0}


def played_ahead(folder: Path) -> Ahead:
    """The replays as the debrief worker leaves them when the last turn closes: each turn
    played with the inputs known when it closed, the last turn left."""
    scenario = load_scenario(folder / "scenario.yaml")
    inputs = load_inputs(folder / "inputs.json", scenario)
    seed = load_run(folder).summary["seed"]
    ahead = Ahead(scenario, (folder / "scenario.yaml").read_text(encoding="utf-8"), seed,
                  TEAM_SEEDS)
    for turn in range(1, scenario.metadata.turns):
        ahead.advance([i for i in inputs if i.turn <= turn], turn)
    return ahead


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scenario", type=Path, default=ROOT / "scenarios/poc-inner-delta.yaml")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--workers", type=int, default=0, help="replay processes (0: one a core)")
    args = p.parse_args()
    scenario = load_scenario(args.scenario)
    tmp = Path(tempfile.mkdtemp(prefix="debrief-time-"))
    folder = tmp / "run"
    ex = play(scenario, args.seed, [], {t.id: "doctrine" for t in scenario.teams})
    write_run(ex, folder, {"scenario": scenario.metadata.id, "seed": args.seed},
              scenario_file=args.scenario)
    debrief(folder, tmp / "warm", 1)  # imports, caches, fonts: as in a worker that ran once
    plain, ahead = [], []
    for n in range(args.repeats):
        plain.append(debrief(folder, tmp / f"plain-{n}", args.workers))
        kept = played_ahead(folder)  # during play: not timed
        ahead.append(debrief(folder, tmp / f"ahead-{n}", args.workers, kept))
    same = all((tmp / "plain-0" / f).read_bytes() == (tmp / f"ahead-{n}" / f).read_bytes()
               for f in FILES for n in range(args.repeats))
    print(f"{scenario.metadata.id}: {scenario.metadata.turns} turns, "
          f"{len(scenario.map.locations)} places, {len(scenario.teams)} teams, "
          f"{TEAM_SEEDS} seeds a counterfactual; median of {args.repeats} (seconds)")
    print(f"{'':<22} {'read':>6} {'build':>7} {'files':>7} {'total':>7}")
    for name, rows in (("from scratch", plain), ("replays played ahead", ahead)):
        med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
        print(f"{name:<22} {med['read']:>6.2f} {med['build']:>7.2f} {med['files']:>7.2f} "
              f"{med['total']:>7.2f}")
    ratio = statistics.median(a["total"] / b["total"] for a, b in zip(ahead, plain, strict=True))
    print(f"ahead ÷ from scratch: {ratio:.2f}; reports byte-identical: {same}")


if __name__ == "__main__":
    main()
