"""How long the first state takes after a restart: a shipped scenario played some turns,
the server killed, started again on the same database, and its first state call timed.

    python benchmarks/restart_state.py [--scenario poc-inner-delta] [--turns 8]
                                       [--restarts 3]

The first call loads the exercise: from its snapshot of the last closed turn, or by
replaying every input when there is none. Figures depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.portal.live_server import ROOT, Client, PortalProcess  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scenario", default="poc-inner-delta")
    p.add_argument("--turns", type=int, default=8, help="turns closed before the restarts")
    p.add_argument("--restarts", type=int, default=3)
    args = p.parse_args()
    text = (ROOT / "scenarios" / f"{args.scenario}.yaml").read_text(encoding="utf-8")
    teams = [t["id"] for t in yaml.safe_load(text)["teams"]]
    firsts: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        portal = PortalProcess(Path(tmp) / "ttx.db").start()
        try:
            instructor = Client(portal.url, portal.instructor_code)
            r = instructor.post("/api/exercises", {  # one team played by people, as in class
                "name": "restart", "scenario_text": text, "seed": 1, "lang": "en",
                "bots": {t: "doctrine" for t in teams[1:]}})
            r.raise_for_status()
            ex = r.json()["id"]
            instructor.post(f"/api/exercises/{ex}/start")
            for _ in range(args.turns):
                instructor.post(f"/api/exercises/{ex}/close").raise_for_status()
                instructor.post(f"/api/exercises/{ex}/open").raise_for_status()
            before = instructor.state(ex)["replay_hash"]
            for _ in range(args.restarts):
                portal.kill()
                portal.start()
                instructor.rebase(portal.url)
                t0 = time.perf_counter()
                state = instructor.state(ex)
                firsts.append((time.perf_counter() - t0) * 1000)
                if state["replay_hash"] != before:
                    raise RuntimeError("the state after the restart is not the one before")
        finally:
            portal.kill()
    print(f"{args.scenario}, {args.turns} turns closed, turn {args.turns + 1} open: first state "
          f"after a restart (ms): " + ", ".join(f"{x:.0f}" for x in firsts)
          + f"; median {statistics.median(firsts):.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
