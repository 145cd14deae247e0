"""Wall time of a Monte Carlo sweep in this process, in local processes and on Dask.

    python benchmarks/sweep.py [--scenario scenarios/flood-season.yaml] [--seeds 20]
                               [--workers 2] [--repeats 3]

Replays the scenario with doctrine bots over seeds 0 … K−1 (``debrief.sweep.sweep``, the
replays of ``ttx sweep``, each rated) three ways, side by side: in this process, in
``--workers`` local processes (their start included, as a command pays it) and on a Dask
``LocalCluster`` of as many single-threaded worker processes (started beforehand, as an
existing cluster is; connecting included). Prints the median seconds of ``--repeats``
runs of each and the speed-up over this process, and checks that the three give the same
result seed for seed. Dask is the optional extra ``ttx-sim[dask]``; without it that row
is left out.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from debrief.sweep import sweep  # noqa: E402
from simulator.language.validation import load_scenario  # noqa: E402
from simulator.play.workers import InProcess, OnDask, Processes  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scenario", type=Path, default=ROOT / "scenarios" / "flood-season.yaml")
    p.add_argument("--seeds", type=int, default=20)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args()
    scenario = load_scenario(args.scenario)
    bots = {team.id: "doctrine" for team in scenario.teams}
    kinds = {"this process": InProcess,
             f"{args.workers} local processes": lambda: Processes(args.workers)}
    cluster = None
    try:
        from distributed import LocalCluster
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0")
        kinds[f"Dask, {args.workers} workers"] = lambda: OnDask(cluster.scheduler_address)
    except ImportError:
        print("(Dask not installed: pip install 'ttx-sim[dask]')", file=sys.stderr)
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    results = {}
    try:
        for _ in range(args.repeats):
            for kind, make in kinds.items():  # interleaved, so that load hits each alike
                began = time.perf_counter()
                with make() as workers:
                    results[kind] = sweep(scenario, [], bots, args.seeds, workers)
                times[kind].append(time.perf_counter() - began)
    finally:
        if cluster is not None:
            cluster.close()
    same = all(r == results["this process"] for r in results.values())
    base = statistics.median(times["this process"])
    print(f"{scenario.metadata.id}, {args.seeds} seeds, doctrine bots, median of {args.repeats}")
    print(f"{'where':<24} {'seconds':>8} {'speed-up':>9}")
    for kind, values in times.items():
        secs = statistics.median(values)
        print(f"{kind:<24} {secs:>8.2f} {base / secs:>8.2f}×")
    print("same result seed for seed" if same else "RESULTS DIFFER")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
