"""The debrief of a shipped scenario after its last turn: built from scratch, beside built
with its counterfactual replays played ahead as the turns closed.

    python benchmarks/debrief_time.py [--scenario scenarios/poc-inner-delta.yaml]
                                      [--repeats 3] [--workers 0] [--only run|portal]

The exercise is the scenario played by doctrine bots for every team (every team gives
orders, so every team's counterfactual is replayed: the most a debrief replays). Two
tables, each the median of ``--repeats``, the two ways side by side, and the ratio:

- run: from the run folder on disk to debrief.json, report.md, report.html and the
  exports written, in this process (imports done). "Ahead" has played each replay up to
  the last turn with the inputs known as each turn closed.
- portal: from the instructor's last close to the report on disk, as the portal builds
  it in its debrief worker (warm: it built one before). From scratch, the report is asked
  for after the close; ahead, the worker advanced the replays after each close (the class
  waits for it before the next close, as a turn lasts minutes) and builds the report
  when the last turn closes.

Both ways' reports are compared byte for byte.
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
from simulator.classroom.live import Registry  # noqa: E402
from simulator.classroom.store import Store  # noqa: E402
from simulator.language.validation import load_scenario  # noqa: E402
from simulator.play.decisions import load_inputs  # noqa: E402
from simulator.play.outputs import write_run  # noqa: E402
from simulator.play.runner import play  # noqa: E402
from simulator.portal import debrief_worker  # noqa: E402
from simulator.portal.debrief import report_page  # noqa: E402

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


def close_all(store: Store, scenario, source: str, seed: int, ahead: bool) -> float:
    """Play a new exercise to its end in the portal's way; seconds from the last close to
    its report written by the debrief worker."""
    ex = store.create_exercise("bench", source, seed, "en",
                               {t.id: "doctrine" for t in scenario.teams})
    registry = Registry(store, after_close=(lambda live: debrief_worker.turn_closed(
        store, live)) if ahead else None)
    live = registry.get(ex)
    live.start()
    for turn in range(1, scenario.metadata.turns + 1):
        if turn == scenario.metadata.turns:
            break
        live.close()
        if ahead:  # the class plays the next turn meanwhile
            debrief_worker._ahead[(str(store.path), ex)].result()
        live.open()
    began = time.perf_counter()
    live.close()
    page = report_page(store, ex, "en")
    if ahead:
        while not page.with_name("source.sha256").exists():
            time.sleep(0.01)
    else:
        debrief_worker.request(store, live, "en").result()
    return time.perf_counter() - began


def table(title: str, rows: dict[str, list[dict]], columns: tuple[str, ...]) -> None:
    print(title)
    print(f"{'':<22}" + "".join(f"{c:>8}" for c in columns))
    for name, runs in rows.items():
        print(f"{name:<22}" + "".join(f"{statistics.median(r[c] for r in runs):>8.2f}"
                                      for c in columns))
    plain, ahead = rows.values()
    ratio = statistics.median(a["total"] / b["total"] for a, b in zip(ahead, plain, strict=True))
    print(f"ahead ÷ from scratch: {ratio:.2f}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scenario", type=Path, default=ROOT / "scenarios/poc-inner-delta.yaml")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--workers", type=int, default=0, help="replay processes (0: one a core)")
    p.add_argument("--only", choices=("run", "portal"))
    args = p.parse_args()
    scenario = load_scenario(args.scenario)
    tmp = Path(tempfile.mkdtemp(prefix="debrief-time-"))
    print(f"{scenario.metadata.id}: {scenario.metadata.turns} turns, "
          f"{len(scenario.map.locations)} places, {len(scenario.teams)} teams, "
          f"{TEAM_SEEDS} seeds a counterfactual; median of {args.repeats} (seconds)")
    if args.only != "portal":
        folder = tmp / "run"
        ex = play(scenario, args.seed, [], {t.id: "doctrine" for t in scenario.teams})
        write_run(ex, folder, {"scenario": scenario.metadata.id, "seed": args.seed},
                  scenario_file=args.scenario)
        debrief(folder, tmp / "warm", 1)  # imports, caches, fonts: as in a worker that ran
        plain, ahead = [], []
        for n in range(args.repeats):
            plain.append(debrief(folder, tmp / f"plain-{n}", args.workers))
            kept = played_ahead(folder)  # during play: not timed
            ahead.append(debrief(folder, tmp / f"ahead-{n}", args.workers, kept))
        same = all((tmp / "plain-0" / f).read_bytes() == (tmp / f"ahead-{n}" / f).read_bytes()
                   for f in FILES for n in range(args.repeats))
        table("run folder → report files", {"from scratch": plain,
                                             "replays played ahead": ahead},
              ("read", "build", "files", "total"))
        print(f"reports byte-identical: {same}")
    if args.only != "run":
        store = Store(tmp / "ttx.db")
        source = args.scenario.read_text(encoding="utf-8")
        close_all(store, scenario, source, args.seed, True)  # the worker starts and warms
        plain, ahead = [], []
        for _ in range(args.repeats):
            plain.append({"total": close_all(store, scenario, source, args.seed, False)})
            ahead.append({"total": close_all(store, scenario, source, args.seed, True)})
        pages = [p.read_bytes() for p in sorted((tmp / "runs").glob("*/debrief-en/report.md"))]
        table("portal: last close → report on disk", {"from scratch": plain,
                                                       "replays played ahead": ahead},
              ("total",))
        print(f"reports byte-identical: {all(p == pages[0] for p in pages)}")


if __name__ == "__main__":
    main()
