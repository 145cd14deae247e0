"""How a turn's cost grows with the turns played and with the armed groups in a district.

    python benchmarks/growth.py [--places 1000] [--civilians 1000000] [--turns 8]
                                [--armed-groups 1,3,9]

For each number of armed groups, a district drawn by ``ttx generate`` (seed 1) is played
``--turns`` turns with doctrine bots in every team, in its own subprocess; one table
gives the seconds of each turn (a generated district lasts four turns; the turns after
them are played on, quietly), and a last column the slope of time per turn over the
turn number (least squares, in seconds per turn played). A flat row says a turn costs
the same late in the exercise as early; a rising one, that something accumulates (the
event log, the knowledge of teams, people displaced). Reading down the rows shows what
each armed group adds. Compare the rows of one run only: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SEED = 1


def play(places: int, civilians: int, armed_groups: int, turns: int) -> None:
    """One case, in this process: a JSON line per turn on stdout."""
    from simulator.language.generate import TURNS, generate
    from simulator.language.validation import scenario_from_text
    from simulator.play.runner import Replay

    text = generate(places, civilians, armed_groups, SEED).text
    # A generated district lasts TURNS turns; later turns go on quietly (no new hazard).
    longer = text.replace(f"  turns: {TURNS}\n", f"  turns: {max(turns, TURNS)}\n", 1)
    assert longer != text or turns <= TURNS, "the district's turns are not where expected"
    scenario = scenario_from_text(longer)
    replay = Replay(scenario, SEED, bots={t.id: "doctrine" for t in scenario.teams})
    for turn in range(1, turns + 1):
        began = time.perf_counter()
        replay.advance([], turn)
        print(json.dumps({"turn": turn, "seconds": time.perf_counter() - began}), flush=True)


def slope(ys: list[float]) -> float:
    """Least-squares slope of ``ys`` over 1, 2, … len(ys)."""
    return float(np.polyfit(np.arange(1, len(ys) + 1), ys, 1)[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=1000)
    parser.add_argument("--civilians", type=int, default=1_000_000)
    parser.add_argument("--turns", type=int, default=8)
    parser.add_argument("--armed-groups", default="1,3,9")
    parser.add_argument("--case", nargs=3, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        play(*args.case, args.turns)
        return
    if args.turns < 2:
        parser.error("--turns must be 2 or more (a slope needs two turns)")
    rows = []
    for groups in (int(g) for g in args.armed_groups.split(",")):
        done = subprocess.run([sys.executable, __file__, "--turns", str(args.turns), "--case",
                               str(args.places), str(args.civilians), str(groups)],
                              capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"growth: the case of {groups} armed group(s) failed:\n"
                     f"{done.stderr[-2000:]}")
        out = done.stdout
        seconds = [json.loads(line)["seconds"] for line in out.splitlines()]
        rows.append((groups, seconds))
    head = " | ".join(f"turn {t}" for t in range(1, args.turns + 1))
    print(f"{args.places:,} places, {args.civilians:,} civilians, doctrine bots; "
          "seconds per turn")
    print(f"armed groups | {head} | slope s/turn")
    for groups, seconds in rows:
        cells = " | ".join(f"{s:.3f}" for s in seconds)
        print(f"{groups:>12} | {cells} | {slope(seconds):+.4f}")


if __name__ == "__main__":
    main()
