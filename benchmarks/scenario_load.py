"""Time to load the shipped scenarios, with the parser ``simulator.language.yamlsafe`` uses.

    python benchmarks/scenario_load.py [--parser fast|python] [--repeats 20]

Loads every shipped scenario ``--repeats`` times (YAML, positions, schema, references).
``fast`` is libyaml's parser where PyYAML was built with it (the default in
``yamlsafe``), ``python`` PyYAML's own. Compare the two side by side as whole processes:

    farm-bench -n 5 -- .venv/bin/python benchmarks/scenario_load.py --parser fast \\
        --vs '.venv/bin/python benchmarks/scenario_load.py --parser python'
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml  # noqa: E402

from simulator.language import yamlsafe  # noqa: E402
from simulator.language.validation import load_scenario  # noqa: E402

SCENARIOS = sorted((Path(__file__).resolve().parents[1] / "scenarios").glob("*.yaml"))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--parser", choices=("fast", "python"), default="fast")
    p.add_argument("--repeats", type=int, default=20)
    args = p.parse_args()
    if args.parser == "python":
        yamlsafe._FAST = yaml.SafeLoader
    start = time.perf_counter()
    for _ in range(args.repeats):
        for path in SCENARIOS:
            load_scenario(path)
    took = time.perf_counter() - start
    print(f"{args.parser}: {took / (args.repeats * len(SCENARIOS)) * 1000:.1f} ms per scenario "
          f"({len(SCENARIOS)} scenarios x {args.repeats})")


if __name__ == "__main__":
    main()
