"""Situation reports and orders made readable: ids shown as names in the reader's
language, facts as labelled rows. Pure functions of a report; no access checks here."""

from __future__ import annotations

from simulator.live import LiveExercise
from simulator.portal.i18n import label, t
from simulator.scenario import Scenario, text
from simulator.sitrep_text import message, names

SECTIONS = ("messages", "threats", "hazards", "needs", "observations", "incidents", "hrddp",
            "asset_requests", "other")
HIDDEN = {"id", "turn", "hour", "kind", "source", "origin", "team", "sender", "method", "text",
          "inject"}
# Which list of names a field's ids come from.
KINDS = {"location": "locations", "locations": "locations", "unit": "units",
         "agency": "agencies", "armed_group": "armed_groups", "host_force": "host_forces",
         "to": "teams", "shared_by": "teams", "team": "teams"}


def _value(key: str, value, known: dict[str, dict[str, str]], lang: str) -> str:
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return ", ".join(_value(key, v, known, lang) for v in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{label(k, lang)}: {_value(k, v, known, lang)}"
                         for k, v in value.items()) or "—"
    if value is None or value == "":
        return "—"
    kind = KINDS.get(key)
    if kind and isinstance(value, str):
        return known[kind].get(value, value)
    return str(value)


def when(turn: int, hour: float, lang: str) -> str:
    return t("when", lang, turn=turn, hour=f"{hour:g}")


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
    for key in SECTIONS:
        items = []
        for fact in report.get(key) or []:
            item = {"when": when(fact.get("turn", 0), fact.get("hour", 0.0), lang),
                    "title": label(fact.get("kind", key), lang), "text": "",
                    "rows": [(label(k, lang), _value(k, v, known, lang))
                             for k, v in fact.items() if k not in HIDDEN]}
            if fact.get("kind") == "message" and "inject" in fact:
                item.update(_message(fact, injects, lang))
            items.append(item)
        sections.append({"key": key, "title": label("sec_" + key, lang), "items": items})
    units = [{"name": known["units"].get(u["id"], u["id"]), "kind": label(u["kind"], lang),
              "location": known["locations"].get(u["location"], u["location"]),
              "task": label(u["task"], lang),
              "busy_until": "—" if u["busy_until"] is None else f"{u['busy_until']:g}",
              "fatigue": f"{u['fatigue']:g}"} for u in report.get("units") or []]
    agencies = [{"name": known["agencies"].get(a["id"], a["id"]),
                 "location": known["locations"].get(a["location"], a["location"]),
                 "stocks": _value("stocks", a["stocks"], known, lang),
                 "suspended": t("yes" if a["suspended"] else "no", lang)}
                for a in report.get("agencies") or []]
    return {"turn": report["turn"], "turns": report["turns"], "hour": f"{report['hour']:g}",
            "budget": f"{report['budget']:g}", "sections": sections, "units": units,
            "agencies": agencies}


def order_view(decision: dict, scenario: Scenario, lang: str) -> dict:
    """One order: the action's name and its parameters, ids as names."""
    known = names(scenario, lang)
    action = next((a for a in scenario.actions if a.id == decision.get("action")), None)
    params = decision.get("params") or {}
    rows = []
    for key, value in params.items():
        p = action.params.get(key) if action else None
        kind = {"location": "location", "unit": "unit", "agency": "agency",
                "armed_group": "armed_group", "host_force": "host_force",
                "team": "team"}.get(p.type if p else "", key)
        rows.append((text(p.label, lang) if p and p.label else label(key, lang),
                     _value(kind, value, known, lang)))
    return {"action": text(action.name, lang) if action else decision.get("action", ""),
            "params": rows, "status": decision.get("status"),
            "reason": decision.get("reason"), "detail": decision.get("detail")}


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
