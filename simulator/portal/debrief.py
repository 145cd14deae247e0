"""The debrief of a finished exercise: its run folder written next to the database, the
after-action report built from it (as ``ttx debrief`` does) with the evaluators' overrides.

A report is rebuilt only when what it depends on changed (inputs, overrides, notes,
language): its folder keeps the digest of those (``stamp``). The build itself runs in a
worker process (``simulator.portal.debrief_worker``), never in a request of the server.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
from pathlib import Path

from debrief.overrides import Override
from debrief.report import build, write_files
from debrief.rundata import load_run
from simulator.classroom.live import LiveExercise
from simulator.classroom.store import Input, Refused, Store
from simulator.language.scenario import text
from simulator.language.yamlsafe import collector_paused
from simulator.play.outputs import write_run
from simulator.portal import ahead
from simulator.portal.assessment import ratings_so_far
from simulator.provenance import versions

RUN_KEEP_DAYS = 30  # a run folder untouched this long is rebuilt if anyone asks again
_RUN = re.compile(r"exercise-([0-9]+)")


def run_folder(store: Store, ex: int) -> Path:
    return store.path.parent / "runs" / f"exercise-{ex}"


def prune_runs(store: Store, keep_days: float = RUN_KEEP_DAYS,
               now: float | None = None) -> list[Path]:
    """Remove the run folders of exercises the database no longer has (a database put back
    from a backup, another laptop's copy) and those untouched for ``keep_days``: they are
    caches of what the database holds, built again when a report is asked for. Called at
    the server's start, before any build; the folders removed, for the log."""
    runs = store.path.parent / "runs"
    if not runs.is_dir():
        return []
    known = {r["id"] for r in store.exercises()}
    limit = (time.time() if now is None else now) - keep_days * 86400
    removed = []
    for folder in sorted(runs.iterdir()):
        match = _RUN.fullmatch(folder.name)
        if not match or not folder.is_dir():
            continue  # not ours: left alone
        newest = max((p.stat().st_mtime for p in folder.rglob("*")),
                     default=folder.stat().st_mtime)
        if int(match.group(1)) not in known or newest < limit:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def overrides(store: Store, ex: int, tasks: set[str]) -> dict[str, Override]:
    """The evaluators' overrides of this exercise, as ``debrief.overrides`` objects."""
    return {r["task"]: Override(task=r["task"], rating=r["rating"],
                                justification=r["justification"])
            for r in store.overrides(ex) if r["task"] in tasks}


def notes(store: Store, ex: int) -> list[dict]:
    """The evaluators' notes of this exercise, as the debrief takes them (turn 0: the
    exercise as a whole)."""
    return [{"turn": r["turn"] or None, "team": r["team"], "task": r["task"], "text": r["text"]}
            for r in store.notes(ex)]


def inputs_of(store: Store, live: LiveExercise) -> tuple[dict[str, dict], list[dict]]:
    """What the report takes besides the run: the overrides (as plain data) and notes."""
    tasks = {c.id for o in live.scenario.objectives for c in o.critical_tasks}
    chosen = {k: v.model_dump() for k, v in sorted(overrides(store, live.id, tasks).items())}
    return chosen, notes(store, live.id)


def stamp(live: LiveExercise, lang: str, chosen: dict[str, dict], seen: list[dict]) -> str:
    """The digest of everything a report depends on (call under ``live.lock``)."""
    return hashlib.sha256(json.dumps([live.replay_hash(), lang, chosen, seen],
                                     sort_keys=True).encode()).hexdigest()


def report_page(store: Store, ex: int, lang: str) -> Path:
    return run_folder(store, ex) / f"debrief-{lang}" / "report.html"


def is_current(store: Store, ex: int, lang: str, digest: str) -> bool:
    """Whether report.html in ``lang`` exists and was built from what ``digest`` stands for."""
    page = report_page(store, ex, lang)
    mark = page.with_name("source.sha256")
    return page.exists() and mark.exists() and mark.read_text() == digest


def write_report(db: str, ex: int, lang: str, chosen: dict[str, dict], seen: list[dict],
                 digest: str) -> Path:
    """Write the run folder and the report in ``lang`` (a worker's job: it loads the
    exercise from the database itself); ``digest`` is the stamp the server expects."""
    store = Store(db)
    live = LiveExercise.load(store, ex)
    if stamp(live, lang, chosen, seen) != digest:  # a replay that differs: never shown
        raise RuntimeError(f"exercise {ex}: the worker's replay differs from the server's")
    if is_current(store, ex, lang, digest):
        return report_page(store, ex, lang)
    scenario, row = live.scenario, store.exercise(ex)
    folder = run_folder(store, ex)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "scenario.yaml").write_text(row["scenario"], encoding="utf-8")
    meta = {"scenario": scenario.metadata.id, "seed": row["seed"],
            "bots": {t: b for t, b in store.teams(ex).items() if b},
            "lang": row["lang"], "versions": versions(),
            # a self-paced practice run: its ratings never count for certification
            "practice": row["practice"] is not None}
    write_run(live.exercise, folder, meta)
    run = load_run(folder)
    page = report_page(store, ex, lang)
    chosen_overrides = {k: Override(**v) for k, v in chosen.items()}
    with collector_paused():
        write_files(page.parent, build(folder, run, scenario, lang, 0, chosen_overrides,
                                       notes=seen, ahead=ahead.kept(db, ex)), run, scenario)
    page.with_name("source.sha256").write_text(digest)
    return page


def release(store: Store, ex: int) -> Input:
    """The instructor releases the debrief to the teams: stored like every command (so a
    restart keeps it), once, and only after the end."""
    def finished(row, db):
        if row["phase"] != "finished":
            raise Refused("not_finished", f"phase is {row['phase']}")
        return None
    return store.append(ex, "release", {}, key="release", check=finished)[0]


def team_tasks(store: Store, live: LiveExercise, team: str, lang: str) -> list[dict]:
    """The team's own critical tasks as the debrief rates them: objective, task, draft and
    final rating (the evaluators' override), its justification. The same ratings as the
    report's (``debrief.ratings`` on the same run), without building the report."""
    chosen = overrides(store, live.id, {c.id for o in live.scenario.objectives
                                        for c in o.critical_tasks})
    out = []
    for o, spec in zip(ratings_so_far(live), live.scenario.objectives, strict=True):
        for r, c in zip(o.tasks, spec.critical_tasks, strict=True):
            if c.team != team:
                continue
            final = chosen[c.id] if c.id in chosen else None
            out.append({"objective": text(spec.title, lang),
                        "capability": text(spec.capability, lang), "title": text(c.title, lang),
                        "draft": r.rating, "final": final.rating if final else r.rating,
                        "justification": final.justification if final else None})
    return out
