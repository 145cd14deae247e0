"""A team's orders of the turns already played, in words, and what became of each: carried
out (it had its effect), accepted without effect so far (and why), or refused (and why).

An order's effect is judged as the debrief judges it (``simulator.play.expectations``), with
"now" as the deadline: a unit still on its way has not arrived *yet*.
"""

from __future__ import annotations

from debrief.sentences import reason as reason_text
from simulator.classroom.live import LiveExercise
from simulator.i18n import tr
from simulator.play.expectations import order_effect
from simulator.portal.i18n import LABELS, label
from simulator.portal.views import order_view
from simulator.portal.wording import refusal
from simulator.world.sitrep_text import clock


def played_turns(live: LiveExercise) -> int:
    """How many turns have been adjudicated (the engine opens the next one at a close)."""
    if live.phase == "setup":
        return 0
    return live.turn if live.phase == "finished" else live.turn - 1


def effect_reason(reason: str | None, lang: str) -> str:
    """Why an accepted order has had no effect so far, in words."""
    key = f"effect_{reason}"  # a few say "not yet" where the debrief says "too late"
    if key in LABELS:
        return label(key, lang)
    return reason_text(reason or "no_effect", lang)


def outcome(record: dict, accepted: dict | None, live: LiveExercise, lang: str) -> dict:
    """What became of one order: {"state": done, failed or rejected, "text"}."""
    scenario = live.scenario
    if record.get("status") == "rejected":
        return {"state": "rejected", "text": tr("Refused: {why}.", lang,
                                               why=refusal(record, scenario, lang))}
    if accepted is None:  # accepted but never carried out (cannot happen once adjudicated)
        return {"state": "failed", "text": tr("Accepted, not carried out.", lang)}
    action = scenario.actions_of(record["team"])[record["action"]]
    params = record.get("resolved") or {}
    ok, reason, _ = order_effect(live.exercise.events, accepted, [e.kind for e in action.effects],
                                 live.exercise.model.now, params.get("location"))
    if ok:
        return {"state": "done", "text": tr("Carried out: it had its effect.", lang)}
    return {"state": "failed", "text": tr("Accepted, but {why}.", lang, why=effect_reason(reason, lang))}


def team_history(live: LiveExercise, team: str, lang: str) -> list[dict]:
    """Each played turn, latest first: its start on the scenario clock and the team's
    orders then, each with its outcome."""
    scenario = live.scenario
    with live.lock:
        played = played_turns(live)
        accepted = {e["cause"]: e for e in live.exercise.events
                    if e["type"] == "decision_accepted" and e.get("team") == team}
        by_turn: dict[int, list[dict]] = {n: [] for n in range(1, played + 1)}
        for r in live.exercise.inputs:
            if r.get("input") == "decision" and r.get("team") == team and r["turn"] in by_turn:
                shown = order_view({"action": r["action"],
                                    "params": r.get("resolved") or r.get("params")},
                                   scenario, lang)
                shown.update(outcome(r, accepted.get(f"decision:{r['id']}"), live, lang))
                by_turn[r["turn"]].append(shown)
    hours = scenario.metadata.turn_hours
    return [{"turn": n, "when": clock((n - 1) * hours, scenario, lang), "orders": by_turn[n]}
            for n in sorted(by_turn, reverse=True)]
