"""Audit a scenario by simulation (``ttx check``): can its ratings be gamed?

Every team plays the same strategy (doctrine, doing nothing, random orders and the gaming
strategies of agents.gaming) over seeds 0 … K−1. Each play is written, read back and rated
by the debrief's own code, as debrief.botratings does. ``flags`` then points at tasks a
strategy other than doctrine passes, tasks doctrine fails, injects that never fire, actions
doctrine never orders and measures that never apply.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Callable

import numpy as np

from agents.gaming import GAMING
from debrief.botratings import short_title
from debrief.ratings import ORDER, rate_objectives
from debrief.rundata import run_of
from simulator.i18n import LANGUAGES, N_, tr
from simulator.language.scenario import Scenario, text
from simulator.play.compare import OUTCOME_NAMES, OUTCOMES, band
from simulator.play.runner import play
from simulator.play.workers import Workers, local

STRATEGIES = ("doctrine", "passive", "random", *GAMING)
GAMERS = ("passive", "random", *GAMING)  # strategies that should never pass a task
GAMED_P_SHARE = 0.05  # a gamer rated P on more than this share of seeds raises a flag
DOCTRINE_P_SHARE = 0.5  # doctrine rated P on fewer than this share of seeds raises a flag
NOT_RATED = "-"
MEDIANS = ("civilian_deaths", "unmet_need_person_days")  # doctrine against passive


# --- playing ------------------------------------------------------------------------------

def play_once(scenario: Scenario, strategy: str, seed: int) -> dict:
    """One play with every team on ``strategy``, rated from its files' data."""
    ex = play(scenario, seed, [], {team.id: strategy for team in scenario.teams})
    run = run_of(ex)
    rated = rate_objectives(scenario, run)
    tasks = [task for o in rated for task in o.tasks]
    return {
        "seed": seed,
        "objectives": {o.id: o.rating for o in rated},
        "tasks": {task.id: task.rating for task in tasks},
        "measures": {task.id: {m.id: _plain(m.result.value) for m in task.measures}
                     for task in tasks},
        "outcomes": {k: _plain(run.summary["outcomes"].get(k)) for k in OUTCOMES},
        "decisions": run.summary["decisions"],
        "injects_fired": sorted({e["inject"] for e in run.of_type("inject_fired")}),
        "accepted": sorted([list(pair) for pair in {(e["team"], e["action"])
                                                    for e in run.of_type("decision_accepted")}]),
    }


def _plain(value):
    """A number as JSON holds it (numpy scalars included); None stays None."""
    if value is None or isinstance(value, (bool, str)):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


def _play_job(scenario: Scenario, job: tuple[str, int]) -> dict:
    return play_once(scenario, *job)


def audit(scenario: Scenario, strategies=STRATEGIES, seeds: int = 10, jobs: int | Workers = 1,
          progress: Callable[[str, int, int, int], None] | None = None) -> dict:
    """Every strategy over seeds 0 … seeds−1, in ``jobs`` processes (1 or less: in this
    one), or on ``jobs`` if it is a ``simulator.play.workers`` kind (a Dask cluster ...);
    ``progress(strategy, seed, done, total)`` after each play. Plain JSON-able data, the
    same wherever the plays ran: ``scenario``,
    ``seeds``, ``strategies``; ``objectives`` (ids, their tasks with team and measure ids),
    ``injects`` (id, hold), ``actions`` (team → action ids); ``plays`` (strategy → one
    ``play_once`` dict per seed); ``targets``."""
    todo = [(s, k) for s in strategies for k in range(seeds)]
    tell = progress and (lambda n, total, i, _: progress(*todo[i], n, total))
    if isinstance(jobs, Workers):
        done = jobs.map(_play_job, todo, scenario, tell)
    else:
        with local(max(1, min(jobs, len(todo)))) as workers:
            done = workers.map(_play_job, todo, scenario, tell)
    plays: dict[str, list] = {s: [] for s in strategies}
    for (s, _), result in zip(todo, done, strict=True):
        plays[s].append(result)
    result = {
        "scenario": scenario.metadata.id, "seeds": seeds, "strategies": list(strategies),
        "objectives": [{"id": o.id, "title": _titles(o.title),
                        "tasks": [{"id": c.id, "title": _titles(c.title), "team": c.team,
                                   "measures": [m.id for m in c.measures]}
                                  for c in o.critical_tasks]}
                       for o in scenario.objectives],
        "injects": [{"id": i.id, "hold": i.hold} for i in scenario.msel],
        "actions": {team.id: list(scenario.actions_of(team.id)) for team in scenario.teams},
        "plays": plays,
    }
    result["targets"] = targets(result)
    return result


# --- reading a result ---------------------------------------------------------------------

def _tasks(result: dict) -> list[str]:
    return [c["id"] for o in result["objectives"] for c in o["tasks"]]


def _rank(rating) -> int:
    """P best … U, then any other rating, then not rated (lower is better)."""
    if rating is None:
        return len(ORDER) + 1
    return ORDER.index(rating) if rating in ORDER else len(ORDER)


def counts(result: dict, strategy: str, item: str) -> Counter:
    """How many seeds gave each rating (None: not rated) to an objective or a task."""
    return Counter(p["tasks"].get(item, p["objectives"].get(item))
                   for p in result["plays"][strategy])


def p_seeds(result: dict, strategy: str, task: str) -> int:
    return sum(1 for p in result["plays"][strategy] if p["tasks"].get(task) == "P")


def targets(result: dict) -> dict:
    """Figures to aim at: the share of (task, seed) ratings at P per strategy (not rated
    counts as not P); the share of (task, seed) pairs where random is rated better than
    doctrine; the medians of deaths and unmet need under doctrine and under passive."""
    tasks, plays = _tasks(result), result["plays"]
    pairs = max(1, len(tasks) * result["seeds"])
    out: dict = {"p_share": {s: round(sum(p_seeds(result, s, c) for c in tasks) / pairs, 4)
                             for s in result["strategies"]}}
    out["random_above_doctrine"] = None
    if "random" in plays and "doctrine" in plays:
        better = sum(1 for r, d in zip(plays["random"], plays["doctrine"], strict=True) for c in tasks
                     if _rank(r["tasks"].get(c)) < _rank(d["tasks"].get(c)))
        out["random_above_doctrine"] = round(better / pairs, 4)
    out["medians"] = {k: {s: _median([p["outcomes"].get(k) for p in plays[s]])
                          for s in ("doctrine", "passive") if s in plays} for k in MEDIANS}
    return out


def _median(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return round(float(np.median(values)), 3) if values else None


def held(result: dict) -> list[str]:
    """Held injects: fired only by the instructor, so no strategy can fire them."""
    return [i["id"] for i in result["injects"] if i["hold"]]


# What each flag says, translated where it is shown.
FLAG_TEXT = {
    "gamed_task": N_("{task}: {strategy} is rated P on {p_seeds}/{seeds} seeds ({share:.0%}, more than "
                     "{limit:.0%}); its measures pass without the judgement the task stands for"),
    "doctrine_fails": N_("{task}: doctrine is rated P on only {p_seeds}/{seeds} seeds ({share:.0%}, fewer "
                         "than {limit:.0%}); the task may be out of reach or its thresholds too strict"),
    "inject_never_fires": N_("{inject}: never fires in {plays} plays; its trigger may be out of reach"),
    "action_unused": N_("{action} ({team}): doctrine never orders it in {seeds} seeds"),
    "measure_never_applies": N_("{task}/{measure}: never applies in {plays} plays, so it "
                                "never rates the task"),
}


def flags(result: dict, lang: str = "en") -> list[dict]:
    """What the audit finds suspect, each with its numbers and a sentence."""
    out: list[dict] = []
    n, plays, strategies = result["seeds"], result["plays"], result["strategies"]

    def flag(kind: str, **fields) -> None:
        out.append({"kind": kind, **fields, "text": tr(FLAG_TEXT[kind], lang, **fields)})

    for task in _tasks(result):
        for s in [s for s in GAMERS if s in strategies]:
            p = p_seeds(result, s, task)
            if p / n > GAMED_P_SHARE:
                flag("gamed_task", task=task, strategy=s, p_seeds=p, seeds=n,
                     share=round(p / n, 4), limit=GAMED_P_SHARE)
        if "doctrine" in strategies:
            p = p_seeds(result, "doctrine", task)
            if p / n < DOCTRINE_P_SHARE:
                flag("doctrine_fails", task=task, strategy="doctrine", p_seeds=p, seeds=n,
                     share=round(p / n, 4), limit=DOCTRINE_P_SHARE)
    fired = {i for s in strategies for p in plays[s] for i in p["injects_fired"]}
    for inj in result["injects"]:
        if not inj["hold"] and inj["id"] not in fired:
            flag("inject_never_fires", inject=inj["id"], plays=n * len(strategies))
    if "doctrine" in strategies:
        # An action some doctrine team orders is in use, whichever teams may order it.
        used = {action for p in plays["doctrine"] for _, action in p["accepted"]}
        teams: dict[str, list[str]] = {}
        for team, actions in result["actions"].items():
            for action in actions:
                teams.setdefault(action, []).append(team)
        for action, who in teams.items():
            if action not in used:
                flag("action_unused", action=action, team=", ".join(who), strategy="doctrine",
                     seeds=n)
    for o in result["objectives"]:
        for c in o["tasks"]:
            for m in c["measures"]:
                if all(p["measures"].get(c["id"], {}).get(m) is None
                       for s in strategies for p in plays[s]):
                    flag("measure_never_applies", measure=m, task=c["id"],
                         plays=n * len(strategies))
    return out


# --- showing a result ---------------------------------------------------------------------

def _grades(c: Counter) -> list[tuple[str, int]]:
    """(rating, seeds) in P, S, M, U order, then any other rating, then not rated."""
    other = sorted(g for g in c if g is not None and g not in ORDER)
    return [(g if g is not None else NOT_RATED, c[g]) for g in (*ORDER, *other, None) if c[g]]


def _titles(title) -> dict[str, str]:
    """A title in each language, for the tables (the result stays language-free)."""
    return {lang: text(title, lang) for lang in LANGUAGES}


def _rows(result: dict, lang: str = "en") -> list[tuple[str, int, str]]:
    """(id, depth, title cut to fit a terminal): each objective, then its tasks."""
    def title(x: dict) -> str:
        return short_title(x.get("title", {}).get(lang) or x["id"])
    return [row for o in result["objectives"]
            for row in [(o["id"], 0, title(o))] + [(c["id"], 1, title(c)) for c in o["tasks"]]]


def table(result: dict, lang: str = "en") -> str:
    """Objectives and their tasks (indented, by title) × strategies: seeds per rating, e.g.
    ``P7 S3``."""
    strategies = result["strategies"]
    rows = [("  " * depth + name, item) for item, depth, name in _rows(result, lang)]
    head = tr("objective / critical task", lang)
    width = max([len(label) for label, _ in rows] + [len(head)]) + 2
    cell = max([len(s) for s in strategies] + [14]) + 2
    lines = [head.ljust(width) + "".join(s.rjust(cell) for s in strategies)]
    for label, item in rows:
        cells = [" ".join(f"{g}{k}" for g, k in _grades(counts(result, s, item))).rjust(cell)
                 for s in strategies]
        lines.append(label.ljust(width) + "".join(cells))
    return "\n".join(lines)


def bands(result: dict) -> dict[str, dict[str, dict | None]]:
    """``{outcome: {strategy: {median, p10, p90}}}`` over seeds."""
    out: dict[str, dict] = {}
    for key in OUTCOMES:
        out[key] = {}
        for s in result["strategies"]:
            values = [p["outcomes"].get(key) for p in result["plays"][s]]
            values = [v for v in values if isinstance(v, (int, float))]
            out[key][s] = band(values, "median") if values else None
    return out


def _band_text(b: dict | None) -> str:
    return f"{_num(b['median'])} [{_num(b['p10'])}–{_num(b['p90'])}]" if b else "–"


def _num(x: float) -> str:
    return f"{x:.0f}" if x == int(x) or abs(x) >= 10 else f"{x:.2f}".rstrip("0").rstrip(".")


def bands_table(result: dict, lang: str = "en") -> str:
    """Outcomes (by name) × strategies: median [10–90 % band] over the seeds."""
    strategies, b = result["strategies"], bands(result)
    cells = {k: [_band_text(b[k][s]) for s in strategies] for k in OUTCOMES}
    cell = max([len(s) for s in strategies] + [len(c) for row in cells.values() for c in row]) + 2
    names = {k: tr(OUTCOME_NAMES[k], lang) for k in OUTCOMES}
    width = max(len(v) for v in names.values()) + 2
    lines = ["".ljust(width) + "".join(s.rjust(cell) for s in strategies)]
    lines += [names[k].ljust(width) + "".join(c.rjust(cell) for c in cells[k]) for k in OUTCOMES]
    return "\n".join(lines)


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{100 * share:.0f} %"


def target_lines(result: dict, lang: str = "en") -> list[str]:
    tg = result["targets"]
    lines = [tr("share of task ratings at P: {shares}", lang, shares=", ".join(f"{s} {_percent(v)}"
                                                       for s, v in tg["p_share"].items()))]
    if tg["random_above_doctrine"] is not None:
        lines.append(tr("random rated better than doctrine: {share} of (task, seed) pairs",
                        lang, share=_percent(tg["random_above_doctrine"])))
    for key, by in tg["medians"].items():
        if by:
            lines.append(tr("median {outcome}: {values}", lang,
                            outcome=tr(OUTCOME_NAMES[key], lang), values=", ".join(
                                f"{s} {'–' if v is None else _num(v)}" for s, v in by.items())))
    return lines


def render(result: dict, found: list[dict], lang: str = "en") -> str:
    """The whole text report: ratings table, outcome bands, targets, held injects, flags."""
    parts = [tr("{scenario}: every team plays each of {strategies} strategies over {seeds} seeds",
                lang, scenario=result["scenario"], seeds=result["seeds"],
               strategies=len(result["strategies"])), "",
             tr("ratings (seeds per rating; P best, U worst, - not observed)", lang), table(result, lang), "",
             tr("outcomes: median [10–90 % band]", lang), bands_table(result, lang), "",
             tr("targets", lang)] + ["  " + line for line in target_lines(result, lang)]
    if held(result):
        parts += ["", tr("held, fired only by the instructor: {injects}",
                         lang, injects=", ".join(held(result)))]
    parts.append("")
    if found:
        parts.append(tr("flags ({count}):", lang, count=len(found)))
        parts += ["  - " + f["text"] for f in found]
    else:
        parts.append(tr("no flags", lang))
    return "\n".join(parts)


# --- files --------------------------------------------------------------------------------

GRADE_COLOUR = {"P": "#009E73", "S": "#56B4E9", "M": "#E69F00", "U": "#D55E00"}  # as the AAR

HTML = """<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<title>{{ title }}</title>
<style>
body { font-family: sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; }
td.task { padding-left: 2em; }
span.g { display: inline-block; padding: 0 0.3em; margin: 0 0.1em; border-radius: 3px;
         color: #fff; background: #777; }
{% for g, colour in colours.items() %}span.g-{{ g }} { background: {{ colour }}; }
{% endfor %}span.g-none { background: #ccc; color: #222; }
</style></head><body>
<h1>{{ title }}</h1>
<h2>{{ ratings_title }}</h2>
<table><thead><tr><th>{{ head }}</th>{% for s in strategies %}<th>{{ s }}</th>{% endfor %}</tr>
</thead><tbody>
{% for row in rows %}<tr><td class="{{ 'task' if row.depth else 'objective' }}"
 title="{{ row.id }}">{{ row.title }}</td>
{% for cell in row.cells %}<td>{% for g, k in cell -%}
<span class="g g-{{ g if g in colours else 'none' }}">{{ g }}{{ k }}</span>
{%- endfor %}</td>{% endfor %}</tr>
{% endfor %}</tbody></table>
<h2>{{ bands_title }}</h2>
<table><thead><tr><th></th>{% for s in strategies %}<th>{{ s }}</th>{% endfor %}</tr></thead><tbody>
{% for key, cells in bands %}<tr><td>{{ key }}</td>{% for c in cells %}<td>{{ c }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table>
<h2>{{ targets_title }}</h2>
<ul>{% for line in targets %}<li>{{ line }}</li>{% endfor %}</ul>
{% if held %}<p>{{ held }}</p>{% endif %}
<h2>{{ flags_title }}</h2>
{% if flags %}<ul>{% for f in flags %}<li>{{ f.text }}</li>{% endfor %}</ul>
{% else %}<p>{{ no_flags }}</p>{% endif %}
</body></html>
"""


def html(result: dict, found: list[dict], lang: str = "en") -> str:
    """A self-contained page: the ratings table coloured by rating, bands, targets, flags."""
    from jinja2 import Environment  # only the HTML page needs it

    b = bands(result)
    strategies = result["strategies"]
    page = Environment(autoescape=True).from_string(HTML)
    return page.render(
        lang=lang, title=tr("{scenario}: every team plays each of {strategies} strategies over {seeds} seeds",
                            lang, scenario=result["scenario"], seeds=result["seeds"],
                           strategies=len(strategies)),
        ratings_title=tr("ratings (seeds per rating; P best, U worst, - not observed)",
                         lang), head=tr("objective / critical task", lang),
        strategies=strategies, colours=GRADE_COLOUR,
        rows=[{"id": item, "title": name, "depth": depth,
               "cells": [_grades(counts(result, s, item)) for s in strategies]}
              for item, depth, name in _rows(result, lang)],
        bands_title=tr("outcomes: median [10–90 % band]", lang),
        bands=[(tr(OUTCOME_NAMES[k], lang), [_band_text(b[k][s]) for s in strategies]) for k in OUTCOMES],
        targets_title=tr("targets", lang), targets=target_lines(result, lang),
        held=tr("held, fired only by the instructor: {injects}",
                lang, injects=", ".join(held(result))) if held(result) else "",
        flags_title=tr("flags ({count}):", lang, count=len(found)), flags=found,
        no_flags=tr("no flags", lang))


def write(result: dict, found: list[dict], out: Path, lang: str = "en") -> None:
    """``out/check.json`` (the result and its flags) and ``out/check.html``."""
    out.mkdir(parents=True, exist_ok=True)
    data = {**result, "flags": found}
    (out / "check.json").write_text(json.dumps(data, indent=2, sort_keys=True) + "\n",
                                    encoding="utf-8")
    (out / "check.html").write_text(html(result, found, lang), encoding="utf-8")
