"""A team's situation report as people read it: names, whole numbers, the scenario clock.

``render(report, scenario, lang)`` turns one ``reports/TEAM/turn-NN.json`` into Markdown:
places, units, teams and armed groups by their names, counts with their thousands grouped,
times as "day D, HH:MM" from the scenario's start (day 1 begins at the exercise's first
hour), and a fact the team holds twice (its own copy and one shared by another team)
shown once, with who passed it on.
"""

from __future__ import annotations

from simulator.i18n import N_, count, tr
from simulator.language.scenario import Scenario, text


def clock(hour: float, scenario: Scenario, lang: str = "en") -> str:
    """``day 2, 14:00`` (``jour 2, 14 h 00``): ``hour`` hours after the start."""
    start = scenario.metadata.start or ""
    h0, m0 = (int(start[11:13]), int(start[14:16])) if len(start) >= 16 else (0, 0)
    minutes = h0 * 60 + m0 + round(hour * 60)
    day, rest = divmod(minutes, 24 * 60)
    hh, mm = divmod(rest, 60)
    return tr("day {day}, {hh:02d}:{mm:02d}", lang, day=day + 1, hh=hh, mm=mm)


def names(scenario: Scenario, lang: str) -> dict[str, dict[str, str]]:
    """Ids to the names people read, by kind (locations, teams, units, agencies, armed
    groups, host forces), in ``lang``."""
    a = scenario.actors
    out = {"locations": {x.id: text(x.name, lang) for x in scenario.map.locations},
           "teams": {x.id: text(x.name, lang) for x in scenario.teams},
           "checkpoints": {x.id: text(x.name, lang) for x in scenario.map.checkpoints},
           "herds": {x.id: text(x.name, lang) for x in scenario.actors.herds}}
    for kind in ("units", "agencies", "armed_groups", "host_forces"):
        out[kind] = {x.id: text(x.name, lang) for x in getattr(a, kind)}
    return out


def message(fact: dict, injects: dict, lang: str) -> dict[str, str]:
    """A message fact's sender and text: from its inject, in ``lang``, when the inject is
    known; otherwise (an ad-hoc inject) as it was written."""
    inj = injects.get(fact.get("inject"))
    if inj is None and "topic" in fact:  # a message effect: its topic, from its inject
        cause = str(fact.get("cause", ""))
        source = injects.get(cause.split(":", 1)[1]) if cause.startswith("inject:") else None
        return {"sender": text(source.from_, lang) if source else "",
                "text": fact["topic"].replace("_", " ")}
    if inj is None:
        return {"sender": fact.get("sender", ""), "text": fact.get("text", "")}
    return {"sender": text(inj.from_, lang), "text": text(inj.message, lang)}


def _merged(facts: list[dict], key) -> list[tuple[dict, list[str]]]:
    """Facts that say the same thing once each, with the teams that passed copies on."""
    out: dict[tuple, tuple[dict, list[str]]] = {}
    for f in facts:
        first, via = out.setdefault(key(f), (f, []))
        if f.get("shared_by") and f["shared_by"] not in via:
            via.append(f["shared_by"])
        if "shared_by" in first and "shared_by" not in f:  # prefer the team's own copy
            out[key(f)] = (f, via)
    return list(out.values())


# The words of a report's values, translated where they are shown.
HAZARDS = {"flood": N_("flood"), "outbreak": N_("disease outbreak")}
NEED_WORDS = {"water": N_("water"), "food": N_("food"), "shelter": N_("shelter"),
              "health": N_("health")}
TASKS = {"idle": N_("available"), "patrol": N_("on patrol"), "guard": N_("on guard"),
         "escort": N_("escorting"), "evacuate": N_("evacuating people"),
         "medevac": N_("evacuating casualties"), "detain": N_("on an arrest operation"),
         "repair": N_("repairing a road"), "deliver": N_("carrying aid")}


def render(report: dict, scenario: Scenario, lang: str = "en") -> str:
    """The report as Markdown, in ``lang``."""
    flat = {k: v for kind in names(scenario, lang).values() for k, v in kind.items()}

    def name(key: str | None) -> str:
        return flat.get(key, key or "-")

    def when(hour: float) -> str:
        return clock(hour, scenario, lang)

    def via(teams: list[str]) -> str:
        return tr(" (passed on by {teams})", lang, teams=", ".join(map(name, teams))) \
            if teams else ""
    title = tr("Situation report: {team}", lang, team=name(report["team"]))
    lines = [f"# {title}", "",
             tr("Turn {turn} of {turns}, {when}. Budget left: {budget}.", lang,
                turn=report["turn"], turns=report["turns"], when=when(report["hour"]),
                budget=count(report.get("budget", 0), lang)), ""]

    def section(title: str, rows: list[str], empty: str = N_("Nothing new.")) -> None:
        lines.extend([f"## {tr(title, lang)}", ""] + (rows or [tr(empty, lang)]) + [""])

    injects = {i.id: i for i in scenario.msel}

    def said(f: dict) -> dict:
        out = message(f, injects, lang)
        return dict(out, sender=out["sender"] or "-")

    section(N_("Messages"), [
        "- " + tr("{when}, from {sender}: {text}", lang, when=when(f["hour"]), **said(f))
        + _places(f.get("places") or ([f["location"]] if f.get("topic") and f.get("location")
                                       else ()), name, lang) + via(v)
        for f, v in sorted(_merged(report["messages"], lambda f: f.get("inject") or f["id"]),
                           key=lambda fv: fv[0]["hour"])])
    section(N_("Threats"), [
        "- " + tr("{place}: {group} expected around {when}", lang, place=name(f.get("location")),
                  group=name(f.get("armed_group")), when=when(f["expected_hour"])) + via(v)
        for f, v in _merged(report["threats"], lambda f: (f.get("location"),
                                                           f.get("expected_hour")))])
    section(N_("Hazards"), [
        "- " + tr("{hazard} at {places}, reported {when}", lang,
                  hazard=tr(HAZARDS[f["hazard"]], lang),
                  places=", ".join(map(name, f["locations"])), when=when(f["hour"])) + via(v)
        for f, v in _merged(report["hazards"], lambda f: (f["hazard"], tuple(f["locations"]),
                                                           f.get("peak_hour")))])
    section(N_("Needs (latest assessment of each place)"), [
        "- " + tr("{place}: {people} people, assessed {when}; unmet: {unmet}; {road}", lang,
                  place=name(f["location"]), people=count(f["population"], lang),
                  when=when(f["hour"]),
                  unmet=", ".join(f"{tr(NEED_WORDS[k], lang)} {round(100 * v)} %"
                                  for k, v in sorted(f["unmet"].items(), key=lambda kv: -kv[1])
                                  if v > 0) or tr("none", lang),
                  road=tr(N_("road open") if f.get("road_open", True) else N_("road cut"),
                          lang))
        + via([f["shared_by"]] if f.get("shared_by") else [])
        for f in report["needs"]])
    section(N_("Incidents and investigations"), [
        "- " + tr(N_("{place}: violence reported, {when}")
                  if f["kind"] == "incident" or f.get("incidents")
                  else N_("{place}: investigated {when}, no violence found"), lang,
                  place=name(f.get("location")), when=when(f["hour"])) + via(v)
        for f, v in _merged(report["incidents"], lambda f: (f["kind"], f.get("location"),
                                                             f["hour"]))])
    section(N_("Own units"), [
        "- " + tr("{unit}: at {place}, {task}", lang, unit=name(u["id"]),
                  place=name(u["location"]), task=tr(TASKS[u["task"]], lang))
        for u in report["units"]])
    section(N_("Roads washed out"), [
        "- " + " – ".join(map(name, r.split("--"))) for r in report.get("routes_closed", [])],
        N_("None known."))
    return "\n".join(lines).rstrip("\n") + "\n"


def _places(places, name, lang: str) -> str:
    return tr(" (places: {places})", lang, places=", ".join(map(name, places))) if places else ""


def html(markdown: str, lang: str = "en") -> str:
    """The report as one self-contained HTML page (prints on A4): the Markdown ``render``
    writes (headings, paragraphs and bullets only) turned into elements, all text escaped."""
    from html import escape

    body, items = [], []

    def close_list() -> None:
        if items:
            body.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
            items.clear()
    for line in markdown.splitlines():
        if line.startswith("- "):
            items.append(line[2:])
            continue
        close_list()
        if line.startswith("## "):
            body.append(f"<h2>{escape(line[3:])}</h2>")
        elif line.startswith("# "):
            body.append(f"<h1>{escape(line[2:])}</h1>")
        elif line.strip():
            body.append(f"<p>{escape(line)}</p>")
    close_list()
    title = next((b[4:-5] for b in body if b.startswith("<h1>")), "")
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{title}</title>\n<style>@page {{ size: A4; margin: 18mm 15mm; }} "
            "body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; "
            "max-width: 180mm; margin: 0 auto; } h2 { font-size: 12.5pt; border-bottom: "
            "1px solid #999; }</style>\n</head>\n<body>\n" + "\n".join(body)
            + "\n</body>\n</html>\n")
