"""Refused orders in plain words: what a trainee reads when an order cannot be given, with
units, places and teams by their names in the reader's language, never their ids."""

from __future__ import annotations

import re
from typing import Callable

from debrief.words import Words
from simulator.classroom.live import LiveExercise
from simulator.i18n import tr
from simulator.language.rejections import SENTENCES, explain
from simulator.language.scenario import Scenario, text
from simulator.play.decisions import Decision
from simulator.portal.i18n import LABELS, label
from simulator.world.sitrep_text import clock

QUOTED = re.compile(r"'([^']*)'")


def namer(scenario: Scenario, lang: str, action: str | None = None) -> Callable[[str], str]:
    """Ids to names: places, teams, units, agencies, armed groups, host forces, actions,
    and the parameters of ``action`` by their labels; anything else as it was written."""
    flat = dict(Words(scenario, lang).known)
    spec = next((a for a in scenario.actions if a.id == action), None)
    for key, p in (spec.params.items() if spec else ()):
        flat.setdefault(key, text(p.label, lang) if p.label else label(key, lang))

    def name(value) -> str:
        value = str(value)
        if value in flat:
            return flat[value]
        return label(value, lang) if value in LABELS else value
    return name


def refusal(record: dict, scenario: Scenario, lang: str) -> str:
    """Why an order was refused, from its record (an input, a ``decision_rejected`` event
    or a ``rejected`` fact: ``reason``, ``detail`` and, where the engine gives them, the
    sentence ``why`` with its ``args``)."""
    name = namer(scenario, lang, record.get("action"))
    if record.get("why") in SENTENCES and isinstance(record.get("args"), dict):
        # The engine's own sentence, with names and the scenario clock.
        said = explain(record["why"], record["args"], lang, name,
                       lambda hour: clock(hour, scenario, lang))
        return said[:1].upper() + said[1:]
    # A record from before refusals carried their arguments: the reason in words, and the
    # detail with every quoted id named.
    detail = QUOTED.sub(lambda m: name(m.group(1)), record.get("detail") or "")
    return label("why_" + record.get("reason", ""), lang) + (f" ({detail})" if detail else "")


def submit_refusal(live: LiveExercise, team: str, turn: int, orders: list[dict],
                   lang: str) -> str:
    """Why a list of orders was refused, order by order, in words: the list is checked
    again (as ``LiveExercise.submit`` did) to get each refusal with its arguments."""
    with live.lock:
        if live.open_turn != turn:
            return ""
        checks = live.exercise.check([Decision(turn, team, d.get("action", ""),
                                               d.get("params") or {}) for d in orders])
    lines = []
    for n, (order, r) in enumerate(zip(orders, checks, strict=True), 1):
        if r is None:
            continue
        record = {"action": order.get("action"), "reason": r.reason, "detail": r.detail,
                  "why": r.why, "args": r.values}
        lines.append(tr("order {n} ({action}): {why}", lang, n=n, why=refusal(record, live.scenario, lang),
                       action=namer(live.scenario, lang)(order.get("action", ""))))
    return "; ".join(lines)
