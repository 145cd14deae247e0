"""The debrief of a finished exercise: its run folder written next to the database, the
after-action report built from it (as ``ttx debrief`` does) with the evaluators' overrides.

A report is rebuilt only when what it depends on changed (inputs, overrides, language).
"""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

from debrief.overrides import Override
from debrief.report import build, write_files
from debrief.rundata import load_run
from simulator.live import LiveExercise
from simulator.outputs import versions, write_run
from simulator.portal.assessment import ratings_so_far
from simulator.scenario import text
from simulator.store import Input, Refused, Store

_LOCK = threading.Lock()  # one build at a time: matplotlib and the folders are shared


def run_folder(store: Store, ex: int) -> Path:
    return store.path.parent / "runs" / f"exercise-{ex}"


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


def report_html(store: Store, live: LiveExercise, lang: str) -> Path:
    """The path of report.html in ``lang``, written now unless it is up to date."""
    scenario = live.scenario
    tasks = {c.id for o in scenario.objectives for c in o.critical_tasks}
    with _LOCK, live.lock:
        chosen = overrides(store, live.id, tasks)
        seen = notes(store, live.id)
        stamp = hashlib.sha256(json.dumps(
            [live.replay_hash(), lang, {k: v.model_dump() for k, v in sorted(chosen.items())},
             seen], sort_keys=True).encode()).hexdigest()
        folder = run_folder(store, live.id)
        out = folder / f"debrief-{lang}"
        page, mark = out / "report.html", out / "source.sha256"
        if page.exists() and mark.exists() and mark.read_text() == stamp:
            return page
        row = store.exercise(live.id)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "scenario.yaml").write_text(row["scenario"], encoding="utf-8")
        meta = {"scenario": scenario.metadata.id, "seed": row["seed"],
                "bots": {t: b for t, b in store.teams(live.id).items() if b},
                "lang": row["lang"], "versions": versions(),
                # a self-paced practice run: its ratings never count for certification
                "practice": row["practice"] is not None}
        write_run(live.exercise, folder, meta)
        run = load_run(folder)
        write_files(out, build(folder, run, scenario, lang, 0, chosen, notes=seen), run,
                    scenario)
        mark.write_text(stamp)
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
