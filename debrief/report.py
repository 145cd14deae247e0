"""The debrief of one run: ratings with evidence, counterfactuals, seed bands, timeline.

``build`` gathers everything into one plain dict (written as ``debrief.json``);
``render_markdown`` turns it into the AAR/IP text in English or French. Fixed text comes
from ``debrief.i18n``; scenario text in the chosen language.
"""

from __future__ import annotations

import base64
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from debrief import plots
from debrief.counterfactuals import compare, seed_bands
from debrief.i18n import ACTIONS, METRIC_ACTION, TEXT
from debrief.ratings import rate_objectives, worst
from debrief.rundata import RunData
from simulator.scenario import text

KEYS = ("civilian_deaths", "civilian_injuries", "displaced_peak", "unmet_need_person_days",
        "people_assisted", "incidents", "abuse_incidents", "principle_breaches")
TEMPLATES = Path(__file__).resolve().parent / "templates"


def build(folder: str | Path, run: RunData, scenario, lang: str = "en", seeds: int = 0,
          overrides: dict | None = None, progress=None) -> dict:
    """The debrief as plain data (the schema of debrief.json, see docs/architecture.md)."""
    overrides = overrides or {}
    objectives = []
    for o in rate_objectives(scenario, run):
        spec = next(x for x in scenario.objectives if x.id == o.id)
        tasks = []
        for t in o.tasks:
            tspec = next(x for x in spec.critical_tasks if x.id == t.id)
            final = overrides[t.id].rating if t.id in overrides else t.rating
            tasks.append({
                "id": t.id, "title": text(tspec.title, lang), "team": t.team,
                "draft": t.rating, "final": final,
                "justification": overrides[t.id].justification if t.id in overrides else None,
                "measures": [{"id": m.id, "metric": m.metric, "value": m.result.value,
                              "rating": m.rating, "detail": m.result.detail,
                              "evidence": m.result.evidence} for m in t.measures]})
        objectives.append({"id": o.id, "title": text(spec.title, lang),
                           "capability": o.capability, "draft": o.rating,
                           "final": worst([t["final"] for t in tasks]), "tasks": tasks})
    out = {
        "scenario": {"id": scenario.metadata.id, "title": text(scenario.metadata.title, lang),
                     "summary": text(scenario.metadata.summary, lang)},
        "seed": run.summary["seed"], "lang": lang,
        "teams": [{"id": t.id, "name": text(t.name, lang)} for t in scenario.teams],
        "outcomes": {k: run.summary["outcomes"][k] for k in KEYS},
        "objectives": objectives,
        "counterfactual": compare(folder, run, KEYS),
        "timeline": _timeline(run),
        "improvement_plan": _plan(objectives, lang),
        "seed_bands": seed_bands(folder, run, KEYS, seeds, progress=progress) if seeds else None,
        "seed_bands_n": seeds,
    }
    return out


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
            kind = METRIC_ACTION.get(weak[0]["metric"], "protection")
            element, action = ACTIONS[kind][lang]
            rows.append({"task": task["id"], "issue": f"{task['title']} ({task['final']})",
                         "cause": "; ".join(m["detail"] for m in weak),
                         "action": action, "element": element,
                         "responsible": task["team"] or "-",
                         "evidence": sorted({e for m in weak for e in m["evidence"]})[:10]})
    return rows


def _timeline(run: RunData) -> list[dict]:
    """Injects and decisions in order, with the evidence id of each."""
    rows = []
    for e in run.events:
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


def figures(debrief: dict, run: RunData) -> dict[str, bytes]:
    """The report's figures as PNG bytes, by name."""
    labels = TEXT[debrief["lang"]]
    tasks = [t for o in debrief["objectives"] for t in o["tasks"]]
    markers = [r for r in debrief["timeline"] if r["what"] == "inject"]
    return {"timeline": plots.timeline(run.timeseries, markers, labels),
            "ratings": plots.ratings(tasks, labels),
            "counterfactual": plots.counterfactual(debrief["counterfactual"], labels),
            "groups": plots.by_group(run.timeseries, labels)}


def render_html(debrief: dict, figs: dict[str, bytes]) -> str:
    """A self-contained page: images embedded, no external request, prints on A4."""
    labels = TEXT[debrief["lang"]]
    images = {k: "data:image/png;base64," + base64.b64encode(v).decode("ascii")
              for k, v in figs.items()}
    return _env(True).get_template("report.html.j2").render(d=debrief, t=labels, img=images)
