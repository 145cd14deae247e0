"""Why a critical task fell short: the events that explain a rating below P.

Each cause is a keyed sentence (``debrief.i18n.DETAILS``) with the events behind it:
- an expected action of the task's injects that was refused, late or never ordered;
- an attack at a place a linked inject had warned of, with no protection there in time;
- the team's orders that failed on the ground (aid blocked, unit unable to reach ...);
- principle breaches, aid used as leverage, and support to host forces without an HRDDP
  assessment.
Which of these apply depends on what the task's measures look at.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from debrief.i18n import describe
from debrief.measures import PROTECTIVE
from debrief.rundata import RunData

# Events that say an accepted order did not work out on the ground, by the kind of task
# they hold back (the kinds of debrief.i18n.METRIC_ACTION).
FRICTION = {
    "protection": ("unit_cannot_reach", "evacuation_failed", "detention_failed",
                   "route_not_found"),
    "needs": ("aid_blocked", "asset_request_declined", "convoy_ambushed", "repair_failed",
              "route_not_found"),
    "principles": ("asset_request_declined",),
    "engagement": ("engagement_failed", "unit_cannot_reach"),
    "sgbv": (),
    "reporting": (),
}


@dataclass(frozen=True)
class Cause:
    note: str
    args: dict
    evidence: list[str] = field(default_factory=list)

    def text(self, lang: str) -> str:
        return describe(self.note, self.args, lang)


def causes(run: RunData, task: str, team: str | None, kinds: set[str]) -> list[Cause]:
    """The causes behind critical task ``task`` of ``team`` (every team if None); ``kinds``
    are what its measures look at (protection, needs, principles, engagement, sgbv)."""
    mine = (lambda e: True) if team is None else (lambda e: e.get("team") == team)
    out = _missed(run, task, mine)
    if "protection" in kinds:
        out += _unprotected(run, task)
    out += _friction(run, mine, {t for k in kinds for t in FRICTION.get(k, ())})
    if "principles" in kinds:
        out += _principles(run)
    return out


def _missed(run: RunData, task: str, mine) -> list[Cause]:
    out = []
    orders = run.of_type("decision_accepted", "decision_rejected")
    for check in run.of_type("expected_action"):
        if check["met"] or check.get("critical_task") != task or not mine(check):
            continue
        same = [d for d in orders if d["team"] == check["team"] and d["action"] == check["action"]
                and (check.get("location") is None
                     or check["location"] in (d.get("params") or {}).values()
                     or d["type"] == "decision_rejected")]
        refused = [d for d in same if d["type"] == "decision_rejected"
                   and d["turn"] <= check["by_turn"]]
        late = [d for d in same if d["type"] == "decision_accepted" and d["turn"] > check["by_turn"]]
        args = {"action": check["action"], "team": check["team"], "by_turn": check["by_turn"],
                "where": check.get("location"), "inject": check["inject"]}
        if refused:
            out.append(Cause("cause_refused", {**args, "reason": refused[0]["reason"]},
                             [check["id"], refused[0]["id"]]))
        elif late:
            out.append(Cause("cause_late", {**args, "turn": late[0]["turn"]},
                             [check["id"], late[0]["id"]]))
        else:
            out.append(Cause("cause_missed", args, [check["id"]]))
    return out


def _unprotected(run: RunData, task: str) -> list[Cause]:
    """Attacks at places that an inject linked to ``task`` warned of, unprotected; then the
    other attacks, where no unit was posted at the time."""
    linked = {c["inject"] for c in run.of_type("expected_action") if c.get("critical_task") == task}
    out = []
    told = set()
    attacks, guards = run.of_type("attack"), run.of_type(*PROTECTIVE)
    for threat in run.of_type("threat_planned"):
        inject = threat["cause"].removeprefix("inject:")
        if inject not in linked:
            continue
        hits = [a for a in attacks if a["location"] == threat["location"]
                and a["hour"] >= threat["hour"] and a["cause"] == threat["cause"]]
        for attack in hits:
            guarded = [p for p in guards if p.get("location") == attack["location"]
                       and threat["hour"] <= p["hour"] <= attack["hour"]]
            told.add(attack["id"])
            if guarded:
                continue
            out.append(Cause("cause_unprotected",
                             {"location": attack["location"], "inject": inject,
                              "hours": f"{attack['hour'] - threat['hour']:g}",
                              "deaths": attack.get("deaths", 0)},
                             [threat["id"], attack["id"]]))
    posted = run.of_type("presence")
    for attack in attacks:
        if attack["id"] in told or any(
                p["location"] == attack["location"]
                and p.get("arrive_hour", p["hour"]) <= attack["hour"] <= p.get("until_hour", -1)
                for p in posted):
            continue
        out.append(Cause("cause_unguarded", {"location": attack["location"],
                                             "turn": attack["turn"],
                                             "deaths": attack.get("deaths", 0)},
                         [attack["id"]]))
    return out


def _friction(run: RunData, mine, types: set[str]) -> list[Cause]:
    """The team's orders that failed, one sentence per kind of failure."""
    by_kind: dict[str, list[dict]] = {}
    for e in run.of_type(*sorted(types)):
        if mine(e) and e["cause"].startswith("decision:"):
            by_kind.setdefault(e["type"], []).append(e)
    return [Cause("cause_friction", {"kind": kind, "count": len(events),
                                     "places": ", ".join(sorted({e.get("location") or "-"
                                                                 for e in events}))},
                  [e["id"] for e in events[:10]])
            for kind, events in sorted(by_kind.items())]


def _principles(run: RunData) -> list[Cause]:
    """Breaches and blind support by any team: one team's assessment protects the others'
    support, so a principle task answers for the whole mission."""
    out = []
    breaches = run.of_type("principle_breach")
    if breaches:
        out.append(Cause("cause_breach", {"count": len(breaches),
                                          "places": ", ".join(sorted({e["location"]
                                                                      for e in breaches}))},
                         [e["id"] for e in breaches[:10]]))
    leverage = run.of_type("aid_as_leverage")
    if leverage:
        out.append(Cause("cause_leverage", {"count": len(leverage),
                                            "places": ", ".join(sorted({e["location"]
                                                                        for e in leverage}))},
                         [e["id"] for e in leverage[:10]]))
    blind = [e for e in run.of_type("host_force_supported", "handover")
             if not e["hrddp_assessed"]
             and (e["type"] == "host_force_supported" or e.get("detainees", 0) > 0)]
    if blind:
        out.append(Cause("cause_blind_support",
                         {"count": len(blind), "host_forces": ", ".join(sorted({e["host_force"]
                                                                              for e in blind}))},
                         [e["id"] for e in blind[:10]]))
    return out
