"""The debrief of one run: ratings with evidence, counterfactuals, seed bands, timeline.

``build`` gathers everything into one plain dict (written as ``debrief.json``);
``render_markdown`` turns it into the AAR/IP text in the chosen language: fixed text from
the translators' catalogues (``simulator.i18n``), scenario text from the scenario.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from debrief import plots
from debrief.actions import ACTIONS, ELEMENTS, METRIC_ACTION
from debrief.ahead import digest
from debrief.counterfactuals import Replayed, compare, replay_source, replayer, seed_bands
from debrief.exports import write_exports
from debrief.measures import DEATH_EVENTS
from debrief.ratings import rate_objectives, worst
from debrief.rootcause import causes
from debrief.rundata import RunData
from debrief.words import Words, number, term
from simulator.i18n import N_, language_name, ntr, tr
from simulator.language.coverage import missing
from simulator.language.scenario import FALLBACK_MARK, text

KEYS = ("civilian_deaths", "civilian_injuries", "displaced_peak", "unmet_need_person_days",
        "people_assisted", "incidents", "abuse_incidents", "principle_breaches")
# The outcomes compared team by team: what one component's decisions can move.
TEAM_KEYS = ("civilian_deaths", "unmet_need_person_days", "people_assisted", "incidents",
             "abuse_incidents", "principle_breaches")
TEMPLATES = Path(__file__).resolve().parent / "templates"
TEAM_SEEDS = 5  # seeds each counterfactual is replayed over, for its band
# The causes of deaths and injuries, as the casualty table names them.
CAUSES = {
    "attack": N_("attacks by armed groups"),
    "abuse_by_host_force": N_("abuses by host forces"),
    "intercommunal_clash": N_("clashes between communities"),
    "crowd_incident": N_("crowd incidents"),
    "flood_deaths": N_("the flood"),
    "disease_deaths": N_("disease"),
    "deprivation_deaths": N_("unmet needs (water, food, shelter, health)"),
    "injury_deaths": N_("untreated injuries"),
}
# The rows of a team's timeline.
ROWS = {"inject": N_("inject"), "decision": N_("decision"), "rejected": N_("rejected")}


# Place-sub-steps of replaying worth starting worker processes for (they take a moment).
POOL_WORTH = 50_000


def build(folder: str | Path, run: RunData, scenario, lang: str = "en", seeds: int = 0,
          overrides: dict | None = None, progress=None, team_seeds: int = TEAM_SEEDS,
          workers: int = 0, notes: list[dict] | None = None, ahead=None) -> dict:
    """The debrief as plain data (the schema of debrief.json, see docs/architecture.md).

    Counterfactuals (every team, then each team that gave orders, replaced by bots) are
    replayed over ``team_seeds`` seeds from the run's own; ``seeds`` > 0 adds the seed
    bands of the run's decisions over seeds 0 … seeds−1. Replays run in ``workers``
    processes (0: one per core). ``progress(label, i, n)`` hears of each replay: they take
    most of the time. ``notes`` are the evaluators' notes (``turn``, ``team``, ``task``,
    ``text``), shown under their task, or with the whole exercise when they name none.
    ``ahead`` (a ``debrief.ahead.Ahead`` of the same scenario) has replays played
    already: the debrief is the same with it or without it, only sooner."""
    overrides = overrides or {}
    notes = notes or []
    words = Words(scenario, lang)
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
                "team_name": words.name(t.team) if t.team else "-",
                "draft": t.rating, "final": final, "observed": t.observed,
                "justification": overrides[t.id].justification if t.id in overrides else None,
                "notes": [_note(n, words) for n in notes if n.get("task") == t.id],
                "measures": [{"id": m.id, "name": words.name(m.id), "metric": m.metric,
                              "kind": m.kind, "scope": m.scope.as_dict(),
                              "value": m.result.value, "rating": m.rating,
                              "detail": m.result.text(lang, words),
                              "evidence": m.result.evidence} for m in t.measures],
                "causes": _causes(run, t, lang, words) if below else []})
        objectives.append({"id": o.id, "title": text(spec.title, lang),
                           "capability": text(spec.capability, lang), "draft": o.rating,
                           "final": worst([t["final"] for t in tasks]), "tasks": tasks})
    acting = sorted({e["team"] for e in run.of_type("decision_accepted")})
    # Worker processes take a few seconds to start: worth it only for much replaying.
    steps = scenario.metadata.turns * scenario.metadata.turn_hours / scenario.metadata.step_hours
    replays = 2 * team_seeds * (1 + len(acting)) + team_seeds - 1 + 3 * seeds  # distinct
    # Processes start on the first replay left to run (none when all were played ahead).
    pool = replayer(workers) if workers != 1 and \
        replays * steps * len(scenario.map.locations) > POOL_WORTH else None
    if ahead is not None and ahead.digest != digest(
            (Path(folder) / "scenario.yaml").read_text(encoding="utf-8")):
        ahead = None  # another scenario's
    source = replay_source(folder, scenario)  # the inputs, read once for every replay
    known = Replayed(ahead)  # each replay played once
    try:
        everyone = compare(folder, run, KEYS, seeds=team_seeds,
                           progress=lambda i, n: report("all", i, n), pool=pool, known=known,
                           source=source)
        by_team = {team: compare(folder, run, TEAM_KEYS, team=team, seeds=team_seeds,
                                 progress=lambda i, n, team=team: report(team, i, n), pool=pool,
                                 known=known, source=source)
                   for team in acting}
        bands = seed_bands(folder, run, KEYS, seeds, pool=pool, source=source,
                           progress=lambda label, seed: report(label, seed + 1, seeds)) \
            if seeds else None
    finally:
        if pool is not None:
            pool.shutdown()
    out = {
        "scenario": {"id": scenario.metadata.id, "title": text(scenario.metadata.title, lang),
                     "start": words.when(0),
                     "summary": text(scenario.metadata.summary, lang),
                     "turns": scenario.metadata.turns,
                     "turn_hours": scenario.metadata.turn_hours},
        "seed": run.summary["seed"], "lang": lang,
        # A self-paced practice run (the portal's): marked, never for certification.
        "practice": bool((run.summary.get("run") or {}).get("practice")),
        # Scenario texts not written in the report's language: shown in English, marked
        # (an exercise played so by the instructor's choice).
        "in_english": missing(scenario, lang),
        "teams": [{"id": t.id, "name": text(t.name, lang),
                   "played_by": _played_by(run, t.id, lang)} for t in scenario.teams],
        "outcomes": {k: run.summary["outcomes"][k] for k in KEYS},
        "objectives": objectives,
        "counterfactual": everyone,
        # Team by team: one team replaced by a bot, the others' decisions kept as they were.
        "counterfactual_by_team": by_team,
        "timeline": _timeline(run, words),
        "timeline_by_team": {t.id: _timeline(run, words, t.id) for t in scenario.teams},
        "improvement_plan": _plan(objectives, lang),
        "casualties_by_cause": casualties_by_cause(run),
        "notes": [_note(n, words) for n in notes if not n.get("task")],
        "seed_bands": bands,
        "seed_bands_n": seeds,
        "team_seeds": team_seeds,
    }
    every = [t["final"] for o in objectives for t in o["tasks"]]
    finals = [r for r in every if r]
    out["task_counts"] = {"rated": len(finals), "P": finals.count("P"),
                          "below": len(finals) - finals.count("P"),
                          "not_observed": len(every) - len(finals)}
    out["evidence"] = _appendix(out, run, words)
    return out


# What kills and injures people, by the event that reports it (the measures' own list).
HARM_EVENTS = tuple(kind for kinds in DEATH_EVENTS.values() for kind in kinds)


def casualties_by_cause(run: RunData) -> list[dict]:
    """Deaths and injuries by cause (armed groups' attacks, host forces' abuses, the flood,
    disease, unmet needs, untreated injuries), with the events that report them; causes
    with no casualty left out. The rows add up to the run's totals."""
    rows = []
    for kind in HARM_EVENTS:
        found = [e for e in run.of_type(kind) if e.get("deaths") or e.get("injuries")]
        if found:
            rows.append({"cause": kind, "deaths": sum(e.get("deaths", 0) for e in found),
                         "injuries": sum(e.get("injuries", 0) for e in found),
                         "evidence": [e["id"] for e in found]})
    return rows


def _note(note: dict, words: Words) -> dict:
    """An evaluator's note as the report shows it: its turn, the team it names, its text."""
    return {"turn": note.get("turn"), "team": words.name(note["team"]) if note.get("team")
            else None, "text": note["text"]}


def _appendix(debrief: dict, run: RunData, words: Words) -> list[dict]:
    """Every event the report cites, in the order they happened, numbered: the report
    links to these numbers, and each line says in words what happened (ids kept for
    analysts)."""
    cited = set()
    for o in debrief["objectives"]:
        for task in o["tasks"]:
            for m in task["measures"]:
                cited.update(m["evidence"])
            for c in task["causes"]:
                cited.update(c["evidence"])
    for row in debrief["improvement_plan"]:
        cited.update(row["evidence"])
    for row in debrief["casualties_by_cause"]:
        cited.update(row["evidence"])
    out = []
    for e in run.events:
        if e["id"] in cited:
            out.append({"ref": len(out) + 1, "id": e["id"], "turn": e["turn"],
                        "hour": e["hour"], "when": words.when(e["hour"]),
                        "team": words.name(e["team"]) if e.get("team") else None,
                        "text": words.what(e)})
    return out


def _played_by(run: RunData, team: str, lang: str) -> str:
    """Who played ``team``: trainees, or which bot (as the run recorded it)."""
    meta = run.summary.get("run")
    if not meta or "bots" not in meta:
        return tr("not recorded", lang)
    kind = meta["bots"].get(team)
    return tr("{kind} bot", lang, kind=kind) if kind else tr("trainees", lang)


def _causes(run: RunData, task, lang: str, words: Words) -> list[dict]:
    """What explains a task below P: the causes found in its measures' evidence, most
    harmful first, or else the measures that fell short, with their numbers."""
    found = [{"text": c.text(lang, words), "evidence": c.evidence, "harm": c.harm,
              "measure": c.measure} for c in causes(run, task)]
    return found or [{"text": m.result.text(lang, words), "evidence": m.result.evidence[:10],
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
            element, action = ACTIONS[_kind(weak, task["measures"])]
            # The measures say what fell short; the causes say why, or else the evaluator
            # who rated it down (every measure may be P when an override is not).
            shortfall = "; ".join(m["detail"] for m in weak)
            evidence = [e for c in task["causes"] for e in c["evidence"]] + \
                [e for m in weak for e in m["evidence"]]
            rows.append({"task": task["id"], "issue": f"{task['title']} ({task['final']})",
                         "shortfall": shortfall,
                         "cause": "; ".join(c["text"] for c in task["causes"][:4])
                         or task["justification"] or shortfall,
                         "action": tr(action, lang), "element": element,
                         "responsible": task.get("team_name") or task["team"] or "-",
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


def _timeline(run: RunData, words: Words, team: str | None = None) -> list[dict]:
    """Injects and decisions in order, in words, with the event id of each: all of them,
    or those addressed to and taken by one ``team``. A decision that met (or tried to
    meet) an inject's expected action names that inject and how long after it came."""
    fired = {e["inject"]: e["hour"] for e in run.of_type("inject_fired")}
    answered: dict[str, dict] = {}
    for x in run.of_type("expected_action"):
        for eid in x.get("evidence", []):
            if x["inject"] in fired:
                answered.setdefault(eid, {"inject": x["inject"],
                                          "name": words.name(x["inject"])})
    rows = []
    for e in run.events:
        if team and (team not in e["to"] if e["type"] == "inject_fired"
                     else e.get("team") != team):
            continue
        row = {"event": e["id"], "turn": e["turn"], "hour": e["hour"],
               "when": words.when(e["hour"])}
        if e["type"] == "inject_fired":
            rows.append({**row, "what": "inject", "team": ", ".join(e["to"]),
                         "item": e["inject"], "text": words.name(e["inject"]), "answers": None})
        elif e["type"] in ("decision_accepted", "decision_rejected"):
            answer = answered.get(e["id"])
            if answer:
                answer = dict(answer, delay_h=round(e["hour"] - fired[answer["inject"]], 2))
            rows.append({**row, "what": "decision" if e["type"] == "decision_accepted"
                         else "rejected", "team": e["team"], "item": e["action"],
                         "text": words.order(e["action"], e.get("params", {}))
                         if e["type"] == "decision_accepted" else words.what(e),
                         "answers": answer})
    return rows


REFS_SHOWN = 8  # evidence numbers shown in a cell before "and N more"


class _Compiled(BytecodeCache):
    """Templates compiled once a process: each report has an environment of its own (its
    filters know its evidence numbers and language), and compiling takes longer than
    rendering. Jinja checks each template's source against its checksum."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


# One for Markdown, one for HTML: the same template compiles otherwise when it escapes.
_COMPILED = {False: _Compiled(), True: _Compiled()}


def _env(html: bool, debrief: dict) -> Environment:
    """The templates' environment: ``num`` writes a count as people read it, ``refs`` a
    list of event ids as numbered links to the report's evidence appendix."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                      keep_trailing_newline=True, autoescape=html,
                      bytecode_cache=_COMPILED[html])
    lang = debrief["lang"]
    numbers = {e["id"]: e["ref"] for e in debrief.get("evidence", [])}

    def more(n: int) -> str:
        return tr("and {n} more", lang, n=n)

    def refs(ids: list[str]):
        shown = sorted({numbers[i] for i in ids if i in numbers})
        if html:
            links = [Markup('<a href="#ev-{0}">{0}</a>').format(n) for n in shown]
            head = Markup(", ").join(links[:REFS_SHOWN])
            if len(links) <= REFS_SHOWN:
                return head
            return head + Markup(" <details><summary>{}</summary>{}</details>").format(
                more(len(links) - REFS_SHOWN), Markup(", ").join(links[REFS_SHOWN:]))
        links = [f"[{n}](#ev-{n})" for n in shown]
        tail = f" ({more(len(links) - REFS_SHOWN)})" if len(links) > REFS_SHOWN else ""
        return ", ".join(links[:REFS_SHOWN]) + tail

    env.filters["num"] = lambda v: number(v, lang)
    env.filters["refs"] = refs
    return env


def _context(debrief: dict) -> dict:
    lang = debrief["lang"]
    return {"d": debrief, "tr": lambda message, **values: tr(message, lang, **values),
            "ntr": lambda singular, plural, n, **values: ntr(singular, plural, n, lang, **values),
            "term": lambda key: term(key, lang), "causes": CAUSES, "elements": ELEMENTS,
            "rows": ROWS, "language": language_name(lang, lang), "mark": FALLBACK_MARK.strip(),
            "team_names": {t["id"]: t["name"] for t in debrief["teams"]}}


def render_markdown(debrief: dict) -> str:
    return _env(False, debrief).get_template("report.md.j2").render(**_context(debrief))


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
    lang = debrief["lang"]
    tasks = [t for o in debrief["objectives"] for t in o["tasks"]]
    # Injects and teams by name in the figure's key and legend, not by id.
    teams = {t["id"]: t["name"] for t in debrief["teams"]}
    markers = [dict(r, item=r["text"]) for r in debrief["timeline"] if r["what"] == "inject"]
    decided = [dict(r, team=teams.get(r["team"], r["team"])) for r in debrief["timeline"]
               if r["what"] == "decision"]
    played = max((r["turn"] for r in run.timeseries), default=0)
    return {"map": plots.map_turns(scenario, run.timeseries, run.flows, run.events,
                                   map_turns(run.timeseries, played), lang),
            "timeline": plots.timeline(run.timeseries, markers, decided, lang),
            "ratings": plots.ratings(tasks, lang),
            "counterfactual": plots.counterfactual(debrief["counterfactual"], lang),
            "groups": plots.by_group(run.timeseries, lang)}


def render_html(debrief: dict, figs: dict[str, bytes]) -> str:
    """A self-contained page: images embedded, no external request, prints on A4."""
    images = {k: "data:image/png;base64," + base64.b64encode(v).decode("ascii")
              for k, v in figs.items()}
    return _env(True, debrief).get_template("report.html.j2").render(img=images,
                                                                    **_context(debrief))


def write_files(out: Path, data: dict, run: RunData, scenario) -> Path:
    """Write debrief.json, report.md and report.html into ``out``, and the exports for
    spreadsheets (ratings, measures and evidence as CSV; one XLSX workbook); return
    report.html."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "debrief.json").write_text(json.dumps(data, indent=2, sort_keys=True,
                                                 ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "report.md").write_text(render_markdown(data), encoding="utf-8")
    page = out / "report.html"
    page.write_text(render_html(data, figures(data, run, scenario)), encoding="utf-8")
    write_exports(out, data)
    return page
