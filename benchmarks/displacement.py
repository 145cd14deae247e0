"""Wall time of the displacement validation runs, against Flee's on the same cases.

    python benchmarks/displacement.py [--repeats 3]

Plays each shipped Flee case (Burundi 2015, CAR 2013) with the engine, one seed at a
time in this process, and prints the seconds per run with the speed-up over Flee 3's
wall time per run on a machine like this one (640 s and 2,450 s, from the reference
runs quoted in docs/validation.md). Flee itself is not installed here, so the ratio is
against that reference, not a side-by-side run. The first run of each case includes
loading the scenario; the median of ``--repeats`` runs is reported.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulator.displacement.fleecase import read_case  # noqa: E402
from simulator.displacement.fleeimport import to_scenario  # noqa: E402
from simulator.displacement.validate import simulate  # noqa: E402
from simulator.language.scenario import Scenario  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "displacement"
FLEE_SECONDS = {"burundi": 640.0, "car": 2450.0}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args()
    print(f"{'case':<8} {'days':>5} {'s per run (median)':>19} {'Flee s':>7} {'speed-up':>9}")
    for name, flee in FLEE_SECONDS.items():
        case = read_case(DATA / name)
        scenario = Scenario.model_validate(to_scenario(case))
        times = []
        for seed in range(args.repeats):
            start = time.perf_counter()
            simulate(scenario, case.camps, seed)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(f"{name:<8} {case.days:>5} {median:>19.1f} {flee:>7.0f} {flee / median:>8.0f}×",
              flush=True)


if __name__ == "__main__":
    main()
