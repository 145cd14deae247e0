"""Start-up time of the commands that only read a scenario, beside the world model's import.

    python benchmarks/startup.py [--runs 7]

Each command runs in a fresh interpreter ``--runs`` times; the table shows the median
wall seconds and each command's ratio to importing the world model (``simulator.play.exercise``:
Mesa, SciPy, networkx), which every command paid before it was imported lazily. As whole
processes, against another checkout (OLD: its root folder):

    farm-bench -n 5 --vs 'env PYTHONPATH=OLD .venv/bin/python -m simulator.cli --help' \\
        -- env PYTHONPATH=. .venv/bin/python -m simulator.cli --help
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = "scenarios/poc-inner-delta.yaml"
COMMANDS = {
    "python (nothing imported)": ["-c", "pass"],
    "ttx --help": ["-m", "simulator.cli", "--help"],
    "ttx validate": ["-m", "simulator.cli", "validate", SCENARIO],
    "ttx schema": ["-m", "simulator.cli", "schema"],
    "import simulator.play.exercise": ["-c", "import simulator.play.exercise"],
}
YARDSTICK = "import simulator.play.exercise"


def wall(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs + 1):  # the first run warms the file cache, not counted
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=7)
    args = p.parse_args()
    got = {name: wall(argv, args.runs) for name, argv in COMMANDS.items()}
    print(f"{'command':<28} {'median s':>9} {'÷ world model':>14}")
    for name, seconds in got.items():
        print(f"{name:<28} {seconds:>9.3f} {seconds / got[YARDSTICK]:>14.2f}")


if __name__ == "__main__":
    main()
