"""The debrief of one run: ratings with evidence, counterfactuals, seed bands, timeline.

``build`` gathers everything into one plain dict (written as ``debrief.json``);
``render_markdown`` turns it into the AAR/IP text in English or French. Fixed text comes
from ``debrief.i18n``; scenario text in the chosen language.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from debrief import plots
from debrief.counterfactuals import compare, replayer, seed_bands
from debrief.i18n import ACTIONS, METRIC_ACTION, TEXT
from debrief.ratings import rate_objectives, worst
from debrief.rootcause import causes
from debrief.rundata import RunData
from simulator.scenario import text

KEYS = ("civilian_deaths", "civilian_injuries", "displaced_peak", "unmet_need_person_days",
        "people_assisted", "incidents", "abuse_incidents", "principle_breaches")
# The outcomes compared team by team: what one component's decisions can move.
TEAM_KEYS = ("civilian_deaths", "unmet_need_person_days", "people_assisted", "incidents",
             "abuse_incidents", "principle_breaches")
TEMPLATES = Path(__file__).resolve().parent / "templates"
TEAM_SEEDS = 5  # seeds each counterfactual is replayed over, for its band


def build(folder: str | Path, run: RunData, scenario, lang: str = "en", seeds: int = 0,
          overrides: dict | None = None, progress=None, team_seeds: int = TEAM_SEEDS,
          workers: int = 0) -> dict:
    """The debrief as plain data (the schema of debrief.json, see docs/architecture.md).

    Counterfactuals (every team, then each team that gave orders, replaced by bots) are
    replayed over ``team_seeds`` seeds from the run's own; ``seeds`` > 0 adds the seed
    bands of the run's decisions over seeds 0 … seeds−1. Replays run in ``workers``
    processes (0: one per core). ``progress(label, i, n)`` hears of each replay: they take
    most of the time."""
    overrides = overrides or {}
    report = progress or (lambda label, i, n: None)
    objectives = []
    for o in rate_objectives(scenario, run):
        spec = next(x for x in scenario.objectives if x.id == o.id)
        tasks = []
        for t in o.tasks:
            tspec = next(x for x in spec.critical_tasks if x.id == t.id)
            final = overrides[t.id].rating if t.id in overrides else t.rating
            below = {t.rating, final} - {None, "P"}
            tasks.append({
                "id": t.id, "title": text(tspec.title, lang), "team": t.team,
                "draft": t.rating, "final": final, "observed": t.observed,
                "justification": overrides[t.id].justification if t.id in overrides else None,
                "measures": [{"id": m.id, "metric": m.metric, "kind": m.kind,
                              "scope": m.scope.as_dict(), "value": m.result.value,
                              "rating": m.rating, "detail": m.result.text(lang),
                              "evidence": m.result.evidence} for m in t.measures],
                "causes": _causes(run, t, lang) if below else []})
        objectives.append({"id": o.id, "title": text(spec.title, lang),
                           "capability": text(spec.capability, lang), "draft": o.rating,
                           "final": worst([t["final"] for t in tasks]), "tasks": tasks})
    acting = sorted({e["team"] for e in run.of_type("decision_accepted")})
    # Worker processes take a few seconds to start: worth it only for much replaying.
    steps = scenario.metadata.turns * scenario.metadata.turn_hours / scenario.metadata.step_hours
    replays = (3 * team_seeds - 1) * (1 + len(acting)) + 3 * seeds
    pool = replayer(workers) if workers != 1 and \
        replays * steps * len(scenario.map.locations) > 50_000 else None
    try:
        everyone = compare(folder, run, KEYS, seeds=team_seeds,
                           progress=lambda i, n: report("all", i, n), pool=pool)
        by_team = {team: compare(folder, run, TEAM_KEYS, team=team, seeds=team_seeds,
                                 progress=lambda i, n, team=team: report(team, i, n), pool=pool)
                   for team in acting}
        bands = seed_bands(folder, run, KEYS, seeds, pool=pool,
                           progress=lambda label, seed: report(label, seed + 1, seeds)) \
            if seeds else None
    finally:
        if pool is not None:
            pool.shutdown()
    out = {
        "scenario": {"id": scenario.metadata.id, "title": text(scenario.metadata.title, lang),
                     "summary": text(scenario.metadata.summary, lang),
                     "turns": scenario.metadata.turns,
                     "turn_hours": scenario.metadata.turn_hours},
        "seed": run.summary["seed"], "lang": lang,
        "teams": [{"id": t.id, "name": text(t.name, lang),
                   "played_by": _played_by(run, t.id, lang)} for t in scenario.teams],
        "outcomes": {k: run.summary["outcomes"][k] for k in KEYS},
        "objectives": objectives,
        "counterfactual": everyone,
        # Team by team: one team replaced by a bot, the others' decisions kept as they were.
        "counterfactual_by_team": by_team,
        "timeline": _timeline(run),
        "timeline_by_team": {t.id: _timeline(run, t.id) for t in scenario.teams},
        "improvement_plan": _plan(objectives, lang),
        "seed_bands": bands,
        "seed_bands_n": seeds,
        "team_seeds": team_seeds,
    }
    every = [t["final"] for o in objectives for t in o["tasks"]]
    finals = [r for r in every if r]
    out["task_counts"] = {"rated": len(finals), "P": finals.count("P"),
                          "below": len(finals) - finals.count("P"),
                          "not_observed": len(every) - len(finals)}
    return out


def _played_by(run: RunData, team: str, lang: str) -> str:
    """Who played ``team``: trainees, or which bot (as the run recorded it)."""
    labels = TEXT[lang]
    meta = run.summary.get("run")
    if not meta or "bots" not in meta:
        return labels["by_unknown"]
    kind = meta["bots"].get(team)
    return labels["by_bot"].format(kind=kind) if kind else labels["by_people"]


def _causes(run: RunData, task, lang: str) -> list[dict]:
    """What explains a task below P: the causes found in its measures' evidence, most
    harmful first, or else the measures that fell short, with their numbers."""
    found = [{"text": c.text(lang), "evidence": c.evidence, "harm": c.harm,
              "measure": c.measure} for c in causes(run, task)]
    return found or [{"text": m.result.text(lang), "evidence": m.result.evidence[:10],
                      "harm": 0, "measure": m.id}
                     for m in task.measures if m.rating not in (None, "P")]


def _plan(objectives: list[dict], lang: str) -> list[dict]:
    """One row per critical task rated below P: the issue (with the measure that shows it,
    its root cause in numbers), a corrective action, its capability element, the team."""
    rows = []
    for o in objectives:
        for task in o["tasks"]:
            if task["final"] in (None, "P"):
                continue
            weak = [m for m in task["measures"] if m["rating"] not in (None, "P")] or \
                task["measures"]
            element, action = ACTIONS[_kind(weak, task["measures"])][lang]
            # The measures say what fell short; the causes say why, or else the evaluator
            # who rated it down (every measure may be P when an override is not).
            shortfall = "; ".join(m["detail"] for m in weak)
            evidence = [e for c in task["causes"] for e in c["evidence"]] + \
                [e for m in weak for e in m["evidence"]]
            rows.append({"task": task["id"], "issue": f"{task['title']} ({task['final']})",
                         "shortfall": shortfall,
                         "cause": "; ".join(c["text"] for c in task["causes"][:4])
                         or task["justification"] or shortfall,
                         "action": action, "element": element,
                         "responsible": task["team"] or "-",
                         "evidence": sorted(set(evidence))[:10]})
    return rows


def _kind(weak: list[dict], measures: list[dict]) -> str:
    """What a task is about, for its corrective action: the first measure that fell short,
    then any measure of the task; expected actions say nothing of the subject, so they come
    last (an SGBV task whose expected actions were missed needs an SGBV action)."""
    for m in weak + measures:
        if m["metric"] != "expected_actions_met":
            return METRIC_ACTION.get(m["metric"], "protection")
    return "protection"


def _timeline(run: RunData, team: str | None = None) -> list[dict]:
    """Injects and decisions in order, with the evidence id of each: all of them, or those
    addressed to and taken by one ``team``."""
    rows = []
    for e in run.events:
        if team and (team not in e["to"] if e["type"] == "inject_fired"
                     else e.get("team") != team):
            continue
        if e["type"] == "inject_fired":
            rows.append({"event": e["id"], "turn": e["turn"], "hour": e["hour"],
                         "what": "inject", "team": ", ".join(e["to"]), "item": e["inject"]})
        elif e["type"] in ("decision_accepted", "decision_rejected"):
            rows.append({"event": e["id"], "turn": e["turn"], "hour": e["hour"],
                         "what": "decision" if e["type"] == "decision_accepted" else "rejected",
                         "team": e["team"], "item": e["action"]})
    return rows


def _env(html: bool) -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                       keep_trailing_newline=True, autoescape=html)


def render_markdown(debrief: dict) -> str:
    labels = TEXT[debrief["lang"]]
    return _env(False).get_template("report.md.j2").render(d=debrief, t=labels)


def map_turns(rows: list[dict], n_turns: int) -> list[int]:
    """The turns the map shows: first, last, and between them the turn with the most
    violent incidents (the middle turn when there were none)."""
    chosen = plots.map_turns_default(n_turns)
    if len(chosen) < 3:
        return chosen
    per_turn: dict[int, int] = {}
    for r in rows:
        per_turn[r["turn"]] = per_turn.get(r["turn"], 0) + r["incidents"]
    inner = {t: n for t, n in per_turn.items() if 1 < t < n_turns and n > 0}
    if inner:
        chosen[1] = max(sorted(inner), key=lambda t: inner[t])
    return chosen


def figures(debrief: dict, run: RunData, scenario) -> dict[str, bytes]:
    """The report's figures as PNG bytes, by name."""
    labels = TEXT[debrief["lang"]]
    tasks = [t for o in debrief["objectives"] for t in o["tasks"]]
    markers = [r for r in debrief["timeline"] if r["what"] == "inject"]
    played = max((r["turn"] for r in run.timeseries), default=0)
    return {"map": plots.map_turns(scenario, run.timeseries, run.flows, run.events,
                                   map_turns(run.timeseries, played), labels, debrief["lang"]),
            "timeline": plots.timeline(run.timeseries, markers,
                                       [r for r in debrief["timeline"] if r["what"] == "decision"],
                                       labels),
            "ratings": plots.ratings(tasks, labels),
            "counterfactual": plots.counterfactual(debrief["counterfactual"], labels),
            "groups": plots.by_group(run.timeseries, labels)}


def render_html(debrief: dict, figs: dict[str, bytes]) -> str:
    """A self-contained page: images embedded, no external request, prints on A4."""
    labels = TEXT[debrief["lang"]]
    images = {k: "data:image/png;base64," + base64.b64encode(v).decode("ascii")
              for k, v in figs.items()}
    return _env(True).get_template("report.html.j2").render(d=debrief, t=labels, img=images)


def write_files(out: Path, data: dict, run: RunData, scenario) -> Path:
    """Write debrief.json, report.md and report.html into ``out``; return report.html."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "debrief.json").write_text(json.dumps(data, indent=2, sort_keys=True,
                                                 ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "report.md").write_text(render_markdown(data), encoding="utf-8")
    page = out / "report.html"
    page.write_text(render_html(data, figures(data, run, scenario)), encoding="utf-8")
    return page
