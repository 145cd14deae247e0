"""Monte Carlo over seeds (``ttx sweep``): one exercise's inputs replayed on seeds 0 … K−1.

The inputs are a decisions file (a run's own ``inputs.json`` among them) and bot teams;
each replay is rated by the debrief's own code. The result is one row per seed (its
outcomes and each critical task's rating), each outcome's median and 10–90 % band, and how
many seeds earned each rating on each task. Replays run wherever ``simulator.play.workers``
puts them; the result is the same, seed for seed.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

from debrief.botratings import NOT_RATED, in_order, short_title
from debrief.counterfactuals import replay_all
from debrief.ratings import ORDER
from simulator.i18n import tr
from simulator.language.scenario import Scenario, text
from simulator.play.compare import OUTCOME_NAMES, OUTCOMES, band, band_text

FILES = ("sweep.json", "seeds.csv", "bands.csv", "ratings.csv")


def sweep(scenario: Scenario, inputs: list, bots: dict[str, str], seeds: int, workers=None,
          progress=None, decisions: str | None = None) -> dict:
    """``inputs`` and ``bots`` replayed over seeds 0 … seeds−1 on ``workers``
    (``simulator.play.workers``; None: this process); ``progress(done, total)`` after each.
    Plain JSON-able data, by ids: ``plays`` (per seed: ``outcomes``, ``tasks``: id →
    rating or None), ``bands`` (outcome → median, p10, p90), ``ratings`` (task → rating →
    seeds); ``decisions`` (the file's name) is recorded as given."""
    items, kinds = tuple(inputs), dict(bots)
    jobs = [(scenario, seed, items, kinds, True) for seed in range(seeds)]
    done = replay_all(jobs, progress, workers)
    plays = [{"seed": seed, "outcomes": {k: r["outcomes"][k] for k in OUTCOMES},
              "tasks": r["tasks"]} for seed, r in enumerate(done)]
    tasks = [c.id for c in _tasks(scenario)]
    tally = {task: Counter(p["tasks"].get(task) or NOT_RATED for p in plays) for task in tasks}
    return {"scenario": scenario.metadata.id, "seeds": seeds, "decisions": decisions,
            "inputs": len(inputs), "bots": dict(sorted(bots.items())), "plays": plays,
            "bands": {k: band([p["outcomes"][k] for p in plays], "median") for k in OUTCOMES},
            "ratings": {task: in_order(c) for task, c in tally.items()}}


def _tasks(scenario: Scenario) -> list:
    return [c for o in scenario.objectives for c in o.critical_tasks]


def _what(result: dict, scenario: Scenario, lang: str) -> str:
    """What was replayed, in words: the decisions file, the bots, or both."""
    parts = [tr("the decisions of {path}", lang, path=result["decisions"])] if result["decisions"] else []
    bots = result["bots"]
    if bots and set(bots) == {tm.id for tm in scenario.teams} and len(set(bots.values())) == 1:
        parts.append(tr("every team played by the {kind} bot", lang, kind=next(iter(bots.values()))))
    elif bots:
        parts.append(tr("bots ({bots})", lang, bots=", ".join(
            f"{text(tm.name, lang)}: {bots[tm.id]}" for tm in scenario.teams if tm.id in bots)))
    return " + ".join(parts) or tr("no orders from any team", lang)


def table(result: dict, scenario: Scenario, lang: str = "en") -> str:
    """The text summary: outcome bands by name, then seeds per rating for each task."""
    lines = [tr("{scenario}: {inputs} over seeds 0 to {last}; median [10–90 % band]",
                lang, scenario=result["scenario"], inputs=_what(result, scenario, lang),
               last=result["seeds"] - 1)]
    names = {k: tr(OUTCOME_NAMES[k], lang) for k in OUTCOMES}
    width = max(len(n) for n in names.values()) + 2
    for key in OUTCOMES:
        lines.append(f"  {names[key].ljust(width)}{band_text(result['bands'][key], lang)}")
    tasks = _tasks(scenario)
    if tasks:
        lines += ["", tr("ratings over {seeds} seeds (seeds per rating; P best, U worst, - not observed)",
                         lang, seeds=result["seeds"])]
        titles = {c.id: short_title(text(c.title, lang)) for c in tasks}
        width = max(len(v) for v in titles.values()) + 2
        for c in tasks:
            counts = " ".join(f"{g}{n}" for g, n in result["ratings"][c.id].items())
            lines.append(f"  {titles[c.id].ljust(width)}{counts}")
    return "\n".join(lines)


def write(result: dict, scenario: Scenario, out: Path, lang: str = "en") -> None:
    """``out/sweep.json`` (by ids), and for people (names, not ids): ``seeds.csv`` (one row
    per seed), ``bands.csv`` (one row per outcome) and ``ratings.csv`` (one row per task)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "sweep.json").write_text(json.dumps(result, indent=2, sort_keys=True) + "\n",
                                    encoding="utf-8")
    tasks = _tasks(scenario)
    teams = {tm.id: text(tm.name, lang) for tm in scenario.teams}
    _csv(out / "seeds.csv",
         [tr("seed", lang)] + [tr(OUTCOME_NAMES[k], lang) for k in OUTCOMES]
         + [text(c.title, lang) for c in tasks],
         [[p["seed"]] + [p["outcomes"][k] for k in OUTCOMES]
          + [p["tasks"].get(c.id) or NOT_RATED for c in tasks] for p in result["plays"]])
    _csv(out / "bands.csv", [tr("outcome", lang), tr("median", lang), "10 %", "90 %"],
         [[tr(OUTCOME_NAMES[k], lang)] + [_whole(b[x]) for x in ("median", "p10", "p90")]
          for k, b in result["bands"].items()])
    _csv(out / "ratings.csv",
         [tr("objective / critical task", lang), tr("team", lang), *ORDER, tr("not rated", lang)],
         [[text(c.title, lang), teams.get(c.team, c.team or "")]
          + [result["ratings"][c.id].get(g, 0) for g in (*ORDER, NOT_RATED)] for c in tasks])


def _whole(x: float) -> float | int:
    """A count as an integer (12, not 12.0); anything else as it is."""
    return int(x) if float(x).is_integer() else x


def _csv(path: Path, head: list, rows: list[list]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(head)
        writer.writerows(rows)
