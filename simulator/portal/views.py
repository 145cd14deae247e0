"""Situation reports and orders made readable: ids shown as names in the reader's
language, facts as labelled rows. Pure functions of a report; no access checks here."""

from __future__ import annotations

from typing import Callable

from simulator.classroom.live import LiveExercise
from simulator.i18n import count, tr
from simulator.language.scenario import Scenario, text
from simulator.portal.i18n import label
from simulator.portal.wording import refusal
from simulator.world.sitrep_text import clock, message, names

SECTIONS = ("messages", "threats", "hazards", "needs", "observations", "incidents", "hrddp",
            "asset_requests", "other")
HIDDEN = {"id", "turn", "hour", "kind", "source", "origin", "team", "sender", "method", "text",
          "inject"}
# Which list of names a field's ids come from.
KINDS = {"location": "locations", "locations": "locations", "places": "locations",
         "reached": "locations", "unit": "units", "agency": "agencies",
         "armed_group": "armed_groups", "host_force": "host_forces", "to": "teams",
         "shared_by": "teams", "team": "teams", "given_to": "teams", "herd": "herds",
         "checkpoint": "checkpoints"}
# Fields that hold an hour of the exercise: shown on the scenario clock.
HOURS = ("expected_hour", "peak_hour", "until_hour", "arrive_hour", "busy_until",
         "start_hour", "end_hour")
CODES = ("gathering", "met")  # fields whose value is a code with a label


def _number(value: float, lang: str) -> str:
    """Counts as whole numbers with thousands grouped; shares and levels as they are."""
    return count(value, lang) if float(value).is_integer() or abs(value) >= 100 else f"{value:g}"


def _value(key: str, value, known: dict[str, dict[str, str]], lang: str,
           at: Callable[[float], str] | None = None) -> str:
    if isinstance(value, bool):
        return tr("yes", lang) if value else tr("no", lang)
    if isinstance(value, (int, float)):
        return at(value) if at and key in HOURS else _number(value, lang)
    if isinstance(value, list):
        return ", ".join(_value(key, v, known, lang, at) for v in value) or "—"
    if isinstance(value, dict) and key == "due":  # place → hour a herd is due there
        return "; ".join(f"{known['locations'].get(k, k)}: {at(v) if at else v}"
                         for k, v in value.items()) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{label(k, lang)}: {_value(k, v, known, lang, at)}"
                         for k, v in value.items()) or "—"
    if value is None or value == "":
        return "—"
    if key == "route":  # "a--b": the places at its ends
        return " – ".join(known["locations"].get(p, p) for p in value.split("--"))
    if key in CODES:
        return label(value, lang)
    if key in ("actors", "held_by"):  # of any kind
        return next((kind[value] for kind in known.values() if value in kind), value)
    kind = KINDS.get(key)
    if kind and isinstance(value, str):
        return known[kind].get(value, value)
    return str(value)


def when(turn: int, hour: float, scenario: Scenario, lang: str) -> str:
    return tr("{when} (turn {turn})", lang, turn=turn, when=clock(hour, scenario, lang))


def _message(fact: dict, injects: dict, lang: str) -> dict:
    said = message(fact, injects, lang)
    return {"title": said["sender"] + (f" ({label(fact['method'], lang)})"
                                       if fact.get("method") else ""),
            "text": said["text"]}


def report_view(report: dict, live: LiveExercise, lang: str) -> dict:
    """Sections of facts, and tables of the team's units and agencies."""
    scenario = live.scenario
    known = names(scenario, lang)
    injects = {i.id: i for i in scenario.msel}
    injects.update({a.inject.id: a.inject for a in live.exercise.adhoc})
    sections = []

    def at(hour: float) -> str:
        return clock(hour, scenario, lang)
    for key in SECTIONS:
        items = []
        for fact in report.get(key) or []:
            item = {"when": when(fact.get("turn", 0), fact.get("hour", 0.0), scenario, lang),
                    "title": label(fact.get("kind", key), lang), "text": "",
                    "rows": [(label(k, lang), _value(k, v, known, lang, at))
                             for k, v in fact.items() if k not in HIDDEN]}
            if fact.get("kind") == "message" and "inject" in fact:
                item.update(_message(fact, injects, lang))
            elif fact.get("kind") == "rejected":  # in words, never the engine's ids
                item.update(title=f"{label('rejected', lang)}: "
                                  f"{known_action(scenario, fact.get('action'), lang)}",
                            text=refusal(fact, scenario, lang), rows=[])
            items.append(item)
        sections.append({"key": key, "title": label("sec_" + key, lang), "items": items})
    units = [{"name": known["units"].get(u["id"], u["id"]), "kind": label(u["kind"], lang),
              "location": known["locations"].get(u["location"], u["location"]),
              "task": label(u["task"], lang) if u["task"] == "idle"
              else known_action(scenario, u["task"], lang),
              "busy_until": "—" if u["busy_until"] is None else at(u["busy_until"]),
              "fatigue": f"{u['fatigue']:g}"} for u in report.get("units") or []]
    agencies = [{"name": known["agencies"].get(a["id"], a["id"]),
                 "location": known["locations"].get(a["location"], a["location"]),
                 "stocks": _value("stocks", a["stocks"], known, lang),
                 "suspended": tr("yes", lang) if a["suspended"] else tr("no", lang)}
                for a in report.get("agencies") or []]
    return {"turn": report["turn"], "turns": report["turns"], "when": at(report["hour"]),
            "budget": _number(report["budget"], lang), "sections": sections, "units": units,
            "agencies": agencies}


def known_action(scenario: Scenario, action_id: str | None, lang: str) -> str:
    action = next((a for a in scenario.actions if a.id == action_id), None)
    return text(action.name, lang) if action else str(action_id or "")


def _param(p, value, known: dict, lang: str) -> str:
    """A parameter's value as people read it: names, counts, words for choices."""
    kind = p.type if p else ""
    if kind in ("location", "unit", "agency", "armed_group", "host_force", "team"):
        return _value(kind, value, known, lang)
    if kind in ("need", "choice"):
        values = value if isinstance(value, list) else [value]
        return ", ".join(label(str(v), lang) for v in values) or "—"
    return _value("", value, known, lang)


def order_view(decision: dict, scenario: Scenario, lang: str) -> dict:
    """One order: the action's name and its parameters, ids as names."""
    known = names(scenario, lang)
    action = next((a for a in scenario.actions if a.id == decision.get("action")), None)
    params = decision.get("params") or {}
    rows = []
    for key, value in params.items():
        p = action.params.get(key) if action else None
        rows.append((text(p.label, lang) if p and p.label else label(key, lang),
                     _param(p, value, known, lang)))
    return {"action": text(action.name, lang) if action else decision.get("action", ""),
            "params": rows, "status": decision.get("status"),
            "why": refusal(decision, scenario, lang) if decision.get("status") == "rejected"
            else None}


def visible_turns(live: LiveExercise) -> list[int]:
    """Turns whose reports teams have seen (a closed turn's successor is not yet shown)."""
    with live.lock:
        if live.phase == "setup":
            return []
        last = live.turn - 1 if live.phase == "closed" else live.turn
        return list(range(1, last + 1))


def turn_reports(live: LiveExercise, turn: int, lang: str) -> list[dict]:
    """Each team's report for a turn and its orders then (submitted so far if still open)."""
    out = []
    with live.lock:
        for team in live.scenario.teams:
            report = live.report(team.id, turn)
            if turn == live.open_turn:
                orders = live.pending.get(team.id, [])
            else:
                orders = [r for r in live.exercise.inputs if r.get("input") == "decision"
                          and r.get("turn") == turn and r.get("team") == team.id]
            out.append({"id": team.id, "name": text(team.name, lang),
                        "report": report_view(report, live, lang) if report else None,
                        "orders": [order_view(o, live.scenario, lang) for o in orders]})
    return out
