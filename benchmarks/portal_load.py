"""Thirty teams submitting at once against one portal server on this machine.

    python benchmarks/portal_load.py [--teams 30] [--rounds 20] [--turns 3]

Starts ``ttx serve`` on a fresh database, joins 30 teams, and in each round every team
submits once, all at the same moment (a barrier). Prints the submission latency
percentiles (from request to acknowledged commit, as the client sees it) and the time the
instructor waits for a turn to be adjudicated (close). Figures depend on the machine;
compare runs made side by side.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.portal.live_server import Client, PortalProcess, create, many_teams_scenario  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def one_round(clients: list[Client], ex: int, turn: int, tag: str) -> list[float]:
    """Every team submits once, all released at the same moment; the seconds each took."""
    go = threading.Barrier(len(clients))
    took: list[float] = [0.0] * len(clients)
    failed: list[str] = []

    def submit(i: int) -> None:
        go.wait()
        t0 = time.perf_counter()
        r = clients[i].post(f"/api/exercises/{ex}/submit",
                            {"turn": turn, "decisions": [{"action": "share",
                                                          "params": {"to": "force"}}]},
                            key=f"{tag}-{i}")
        took[i] = time.perf_counter() - t0
        if r.status_code != 200:
            failed.append(f"{r.status_code} {r.text}")

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failed:
        raise RuntimeError(f"submissions refused: {failed[:3]}")
    return took


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--teams", type=int, default=30)
    p.add_argument("--rounds", type=int, default=20, help="submissions per team and turn")
    p.add_argument("--turns", type=int, default=3)
    args = p.parse_args()
    latencies: list[float] = []
    closes: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        portal = PortalProcess(Path(tmp) / "ttx.db").start()
        try:
            instructor = Client(portal.url, portal.instructor_code)
            made = create(instructor, many_teams_scenario(args.teams))
            ex = made["id"]
            clients = [Client(portal.url, made["codes"]["teams"][f"t{i:02d}"])
                       for i in range(1, args.teams + 1)]
            instructor.post(f"/api/exercises/{ex}/start")
            for turn in range(1, args.turns + 1):
                for rnd in range(args.rounds):
                    latencies += one_round(clients, ex, turn, f"{turn}-{rnd}")
                t0 = time.perf_counter()
                r = instructor.post(f"/api/exercises/{ex}/close")
                closes.append(time.perf_counter() - t0)
                if r.status_code != 200:
                    raise RuntimeError(f"close: {r.status_code} {r.text}")
                if turn < args.turns:
                    instructor.post(f"/api/exercises/{ex}/open")
        finally:
            portal.kill()
    ms = [x * 1000 for x in latencies]
    print(f"{args.teams} teams x {args.rounds} concurrent rounds x {args.turns} turns: "
          f"{len(ms)} submissions")
    print(f"submission latency (ms): p50 {percentile(ms, 50):.1f}  p95 {percentile(ms, 95):.1f}"
          f"  p99 {percentile(ms, 99):.1f}  max {max(ms):.1f}  mean {statistics.mean(ms):.1f}")
    print("adjudicating a turn (close, ms): " + ", ".join(f"{c * 1000:.0f}" for c in closes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
