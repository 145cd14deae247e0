"""The evaluation while the exercise runs: each critical task's draft rating from the turns
played so far, and each inject's expected actions with whether they are met so far.

Ratings come from the debrief's own code (``debrief.ratings``) on the run held in memory,
not on files: the same event log, time series, inputs and flows ``write_run`` would write.
They are computed once per state of the exercise (its replay hash), not per page view.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from debrief.ratings import rate_objectives
from debrief.rundata import RunData, run_of
from debrief.sentences import REASONS
from simulator.classroom.live import LiveExercise
from simulator.i18n import tr
from simulator.language.scenario import text
from simulator.play.expectations import STANDING, STRIKES, Window, judge
from simulator.portal.history import played_turns
from simulator.world.sitrep_text import clock, names

_CACHE: OrderedDict[tuple[int, str], list] = OrderedDict()
_CACHE_LOCK = threading.Lock()
KEEP = 16  # states kept: a few exercises, each at its latest state or two


def run_so_far(live: LiveExercise) -> RunData:
    """The run as ``debrief.rundata.load_run`` would read it from a run folder written now
    (call under ``live.lock``): copies, so the debrief's code never sees the engine's own
    objects change under it."""
    run = run_of(live.exercise)
    run.summary["turns_played"] = played_turns(live)  # the engine counts the turn open too
    return run


def ratings_so_far(live: LiveExercise) -> list:
    """``debrief.ratings.rate_objectives`` on the run so far, cached by the replay hash."""
    with live.lock:
        key = (live.id, live.replay_hash())
        with _CACHE_LOCK:
            if key in _CACHE:
                _CACHE.move_to_end(key)
                return _CACHE[key]
        run = run_so_far(live)
    rated = rate_objectives(live.scenario, run)
    with _CACHE_LOCK:
        _CACHE[key] = rated
        while len(_CACHE) > KEEP:
            _CACHE.popitem(last=False)
    return rated


def draft_ratings(live: LiveExercise, lang: str, overrides: dict[str, str]) -> list[dict]:
    """Objectives with their critical tasks: title, team, draft rating so far and the
    evaluators' override (``overrides``: task → rating)."""
    scenario = live.scenario
    teams = names(scenario, lang)["teams"]
    out = []
    for o, spec in zip(ratings_so_far(live), scenario.objectives, strict=True):
        tasks = [{"id": r.id, "title": text(c.title, lang), "team": teams.get(c.team or "", ""),
                  "draft": r.rating, "final": overrides.get(r.id)}
                 for r, c in zip(o.tasks, spec.critical_tasks, strict=True)]
        out.append({"title": text(spec.title, lang), "capability": text(spec.capability, lang),
                    "draft": o.rating, "tasks": tasks})
    return out


def _deadline(ex_action, standing: bool, fired_turn: int, fired_hour: float,
              turn_hours: int) -> int:
    """The turn by which the action is judged, as ``Exercise._close_expected`` sets it: an
    inject that fires after a turn's orders is first answered in the next turn."""
    if standing or fired_hour <= (fired_turn - 1) * turn_hours:
        return ex_action.by_turn
    return max(ex_action.by_turn, fired_turn + 1)


def expected_actions(live: LiveExercise, lang: str) -> list[dict]:
    """Every inject with expected actions that has fired or is due in the turn open: when,
    and each expected action in words with its deadline and its status so far."""
    scenario = live.scenario
    known = names(scenario, lang)
    hours, last = scenario.metadata.turn_hours, scenario.metadata.turns
    with live.lock:
        m, events = live.exercise.model, live.exercise.events
        fired = dict(m.fired)
        fired_at = {e["inject"]: e["hour"] for e in events if e["type"] == "inject_fired"}
        judged = {(e["inject"], e["team"], e["action"], e.get("location")): e
                  for e in events if e["type"] == "expected_action"}
        now, turn = m.now, live.turn
        out = []
        for inj in list(scenario.msel) + [a.inject for a in live.exercise.adhoc]:
            if not inj.expected_actions:
                continue
            due = inj.id not in fired and inj.at is not None and not inj.hold and \
                inj.at.turn <= turn and live.phase != "finished"
            if inj.id not in fired and not due:
                continue
            rows = []
            for ea in inj.expected_actions:
                action = scenario.actions_of(ea.team).get(ea.action)
                primitives = [e.kind for e in action.effects] if action else []
                standing = bool(primitives) and all(p in STANDING for p in primitives)
                row = {"team": known["teams"].get(ea.team, ea.team),
                       "action": text(action.name, lang) if action else ea.action,
                       "place": known["locations"].get(ea.location, "—") if ea.location
                       else "—"}
                if due:
                    at = (inj.at.turn - 1) * hours + inj.at.hour
                    by = _deadline(ea, standing, inj.at.turn, at, hours)
                    row.update(status="not_fired", why="")
                else:
                    by = _deadline(ea, standing, fired[inj.id], fired_at[inj.id], hours)
                    if fired[inj.id] > ea.by_turn or by > last:
                        continue  # fired too late for this order: nothing is expected of it
                    row.update(_so_far(judged.get((inj.id, ea.team, ea.action, ea.location)),
                                       events, ea, primitives, standing, fired[inj.id],
                                       fired_at[inj.id], min(now, by * hours), turn, inj.id,
                                       lang))
                row["deadline"] = clock(by * hours, scenario, lang)
                rows.append(row)
            if rows:
                when = fired_at.get(inj.id, (inj.at.turn - 1) * hours + inj.at.hour
                                    if inj.at else 0.0)
                out.append({"id": inj.id, "from": text(inj.from_, lang),
                            "message": text(inj.message, lang),
                            "when": (tr("due {when}", lang, when=clock(when, scenario, lang)) if due
                                     else tr("fired {when}", lang, when=clock(when, scenario, lang))),
                            "actions": rows})
    return out


def _so_far(verdict: dict | None, events: list[dict], ea, primitives: list[str],
            standing: bool, fired_turn: int, fired_hour: float, deadline: float, turn: int,
            inject: str, lang: str) -> dict:
    """The status of one expected action: the engine's verdict once its deadline passed,
    else the same judgement on the events so far (met so far, or not yet)."""
    if verdict is not None:
        known = REASONS.get(verdict.get("reason") or "")
        why = tr(known, lang) if known and verdict["status"] == "attempted" else ""
        return {"status": verdict["status"], "why": why}
    # The strike the inject threatens at the place, as it came or as it is planned.
    cause = f"inject:{inject}"
    came = [e["hour"] for e in events if e["type"] in STRIKES and e["cause"] == cause
            and e.get("location") == ea.location] or \
        [e["expected_hour"] for e in events if e["type"] == "threat_planned"
         and e["cause"] == cause and e.get("location") == ea.location]
    v = judge(events, ea.team, ea.action, primitives, ea.location, dict(ea.params),
              1 if standing else fired_turn, turn, Window(fired_hour, deadline,
                                                          came[0] if came else None), standing)
    status = {"met": "met_so_far", "refused": "refused"}.get(v.status, "not_yet")
    return {"status": status, "why": ""}
