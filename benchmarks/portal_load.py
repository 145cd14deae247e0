"""Thirty teams submitting at once against one portal server, beside the floor of the
machine measured in the same run, quiet and with a CPU-bound job beside it.

    python benchmarks/portal_load.py [--teams 30] [--rounds 10] [--turns 3]
                                     [--cases quiet,debrief,cpu]

Each case starts ``ttx serve`` on a fresh database and, on the same database file, the
floor server (``benchmarks/floor_server.py``: one endpoint that commits one row with the
portal's durability settings). It joins 30 teams; in each round every team submits once,
all at the same moment (a barrier), and the same 30 clients post once to the floor the
same way; the two kinds of rounds alternate, so both see the same machine. Cases:

    quiet     nothing else runs
    debrief   an evaluator adds a note to another, finished exercise and opens its
              debrief, again and again: the portal rebuilds the debrief each time
    cpu       ``ttx run`` of a shipped scenario (with its debrief), again and again, in
              another process: the laptop is busy with something else

Prints one table: per case, the submission latency percentiles (from request to
acknowledged commit, as the client sees it), the floor's, the ratio of the p99s (the
target is at most 3), and the time the instructor waits for a turn to be adjudicated
(close). Figures depend on the machine; the ratios measured in the same run are what count.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import nullcontext
from pathlib import Path

import httpx
import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.portal.live_server import ROOT, Client, PortalProcess, create, free_port, many_teams_scenario  # noqa: E402

CASES = ("quiet", "debrief", "cpu")
TARGET = 3.0  # submit p99 at most this many times the floor's p99
BUSY_SCENARIO = ROOT / "scenarios" / "poc-inner-delta.yaml"


class FloorProcess(PortalProcess):
    """``benchmarks/floor_server.py`` on the portal's database file (killed, and its output
    read, as the portal's is)."""

    def start(self, timeout: float = 60) -> FloorProcess:
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "floor_server.py"), "--db", str(self.db), "--port",
             str(free_port())], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        line = self.proc.stdout.readline()
        if "listening on " not in line:
            self.kill()
            raise RuntimeError(f"the floor server printed {line!r}")
        self.url = line.split("listening on ", 1)[1].strip().rstrip("/")
        threading.Thread(target=self._drain, args=(self.proc.stdout,), daemon=True).start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url + "/", timeout=1)
                return self
            except httpx.TransportError:
                time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"the floor server did not answer on {self.url} in {timeout} s")


class FloorClient:
    """One of the same clients, posting to the floor with the same headers and body."""

    def __init__(self, url: str):
        self.http = httpx.Client(base_url=url, timeout=60)

    def post(self, path: str, body: dict, key: str):
        return self.http.post(path, json=body,
                              headers={"X-CSRF-Token": "-", "Idempotency-Key": key})


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def one_round(clients: list, path: str, body: dict, tag: str) -> list[float]:
    """Every client posts once, all released at the same moment; the seconds each took."""
    go = threading.Barrier(len(clients))
    took: list[float] = [0.0] * len(clients)
    failed: list[str] = []

    def post(i: int) -> None:
        go.wait()
        t0 = time.perf_counter()
        r = clients[i].post(path, body, key=f"{tag}-{i}")
        took[i] = time.perf_counter() - t0
        if r.status_code != 200:
            failed.append(f"{r.status_code} {r.text}")

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failed:
        raise RuntimeError(f"{path}: refused: {failed[:3]}")
    return took


class Loop:
    """A job repeated in a thread until stopped; ``done`` counts the repetitions."""

    def __init__(self):
        self.stop, self.done, self.error = threading.Event(), 0, None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.halt()
        self.thread.join(timeout=120)
        if self.error:
            raise RuntimeError(f"the job beside failed: {self.error}")

    def _run(self) -> None:
        try:
            while not self.stop.is_set():
                self.once()
                self.done += 1
        except Exception as exc:  # reported by __exit__
            self.error = exc

    def once(self) -> None:
        raise NotImplementedError

    def halt(self) -> None:
        """Cut short the repetition under way."""


class DebriefLoop(Loop):
    """An evaluator of another, finished exercise adds a note and reads its debrief (the
    note changes what the debrief shows, so the portal rebuilds it)."""

    def __init__(self, portal: PortalProcess, instructor: Client):
        super().__init__()
        text = BUSY_SCENARIO.read_text(encoding="utf-8")
        teams = [t["id"] for t in yaml.safe_load(text)["teams"]]
        r = instructor.post("/api/exercises", {  # every team a bot: played through at once
            "name": "finished", "scenario_text": text, "seed": 1, "lang": "en",
            "bots": {t: "doctrine" for t in teams}})
        r.raise_for_status()
        made = r.json()
        self.ex = made["id"]
        instructor.post(f"/api/exercises/{self.ex}/start")
        while instructor.post(f"/api/exercises/{self.ex}/close").json()["phase"] != "finished":
            instructor.post(f"/api/exercises/{self.ex}/open")
        self.evaluator = Client(portal.url, made["codes"]["evaluator"])
        self.origin = portal.url

    def once(self) -> None:
        http = self.evaluator.http
        r = http.post("/evaluator/notes", data={"csrf": self.evaluator.csrf, "turn": "0",
                                                "team": "", "task": "",
                                                "text": f"note {self.done}"},
                      headers={"Origin": self.origin})
        if r.status_code != 303:  # stored: back to the evaluator's page
            raise RuntimeError(f"note: {r.status_code} {r.text[:200]}")
        while not self.stop.is_set():
            r = http.get(f"/exercises/{self.ex}/debrief", timeout=600)
            if r.status_code == 200:
                return
            if r.status_code != 202:  # 202: being prepared
                raise RuntimeError(f"debrief: {r.status_code} {r.text[:200]}")
            time.sleep(1)


class RunLoop(Loop):
    """``ttx run`` of a shipped scenario with doctrine bots, its debrief included."""

    def __init__(self, folder: Path):
        super().__init__()
        self.folder, self.proc = folder, None

    def once(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "simulator.cli", "run", str(BUSY_SCENARIO), "--bots",
             "all=doctrine", "--quiet", "--out", str(self.folder / f"run-{self.done}")],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)  # its group: the replay processes it starts too
        self.proc.wait()

    def halt(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def measure(case: str, args, tmp: Path) -> dict:
    """One case on a fresh database: submit and floor latencies (ms), closes (ms)."""
    db = tmp / case / "ttx.db"
    portal = PortalProcess(db).start()
    floor = FloorProcess(db).start()
    submits: list[float] = []
    floors: list[float] = []
    closes: list[float] = []
    try:
        instructor = Client(portal.url, portal.instructor_code)
        made = create(instructor, many_teams_scenario(args.teams))
        ex = made["id"]
        teams = [Client(portal.url, made["codes"]["teams"][f"t{i:02d}"])
                 for i in range(1, args.teams + 1)]
        plain = [FloorClient(floor.url) for _ in teams]
        job = {"quiet": lambda: None, "debrief": lambda: DebriefLoop(portal, instructor),
               "cpu": lambda: RunLoop(tmp / case)}[case]()
        instructor.post(f"/api/exercises/{ex}/start")
        with job or nullcontext():
            time.sleep(2 if job else 0)  # the job under way before the first round
            for turn in range(1, args.turns + 1):
                body = {"turn": turn, "decisions": [{"action": "share",
                                                     "params": {"to": "force"}}]}
                for rnd in range(args.rounds):
                    pair = [(floors, plain, "/floor"), (submits, teams,
                                                       f"/api/exercises/{ex}/submit")]
                    for into, clients, path in pair[::1 if rnd % 2 else -1]:
                        into += one_round(clients, path, body, f"{turn}-{rnd}")
                t0 = time.perf_counter()
                r = instructor.post(f"/api/exercises/{ex}/close")
                closes.append(time.perf_counter() - t0)
                if r.status_code != 200:
                    raise RuntimeError(f"close: {r.status_code} {r.text}")
                if turn < args.turns:
                    instructor.post(f"/api/exercises/{ex}/open")
            beside_done = job.done if job else 0
            load = os.getloadavg()[0]
    finally:
        floor.kill()
        portal.kill()
    return {"submit": [x * 1000 for x in submits], "floor": [x * 1000 for x in floors],
            "close": [x * 1000 for x in closes], "beside": beside_done, "load": load}


def table(results: dict[str, dict]) -> str:
    head = (f"{'case':<8} {'submit p50':>10} {'p95':>7} {'p99':>7} | {'floor p50':>9} "
            f"{'p95':>7} {'p99':>7} | {'p99/floor':>9} | {'load':>4} {'jobs':>4} | close (ms)")
    lines = [head, "-" * len(head)]
    for case, r in results.items():
        s, f = r["submit"], r["floor"]
        ratio = percentile(s, 99) / percentile(f, 99)
        lines.append(
            f"{case:<8} {percentile(s, 50):>10.1f} {percentile(s, 95):>7.1f} "
            f"{percentile(s, 99):>7.1f} | {percentile(f, 50):>9.1f} {percentile(f, 95):>7.1f} "
            f"{percentile(f, 99):>7.1f} | {ratio:>8.2f}x | {r['load']:>4.1f} {r['beside']:>4} | "
            + ", ".join(f"{c:.0f}" for c in r["close"]))
    return "\n".join(lines)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--teams", type=int, default=30)
    p.add_argument("--rounds", type=int, default=10, help="submissions per team and turn")
    p.add_argument("--turns", type=int, default=3)
    p.add_argument("--cases", default=",".join(CASES),
                   help=f"comma-separated, of {', '.join(CASES)}")
    args = p.parse_args()
    cases = [c for c in args.cases.split(",") if c]
    unknown = set(cases) - set(CASES)
    if unknown:
        p.error(f"unknown case(s): {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory() as tmp:
        results = {case: measure(case, args, Path(tmp)) for case in cases}
    print(f"{args.teams} teams x {args.rounds} concurrent rounds x {args.turns} turns per case "
          f"({args.teams * args.rounds * args.turns} submissions and as many floor commits); "
          "latencies in ms; load: 1-minute load average at the end; jobs: repetitions of "
          "the job beside")
    print(table(results))
    missed = [c for c, r in results.items()
              if percentile(r["submit"], 99) > TARGET * percentile(r["floor"], 99)]
    print(f"target: submit p99 at most {TARGET:g}x the floor's p99: "
          + (f"missed in {', '.join(missed)}" if missed else "met in every case"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
