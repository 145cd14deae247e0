"""Why a critical task fell short: the causes behind each of its measures rated below P.

A task's causes come only from its own measures' evidence, within their scope: an attack
is a cause of a protection task only if one of its measures counted that attack. Each
cause is a keyed sentence (``debrief.sentences.NOTES``) with the events that show it, and
its harm (deaths it led to); causes are ranked by harm, most harmful first, and all of
them are kept (the report shows the first few and folds the rest).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from debrief.ratings import MeasureRating, TaskRating
from debrief.rundata import RunData
from debrief.sentences import describe


@dataclass(frozen=True)
class Cause:
    note: str
    args: dict
    evidence: list[str] = field(default_factory=list)
    harm: int = 0  # deaths it led to: causes are ranked by it
    measure: str = ""  # the measure whose evidence it comes from

    def text(self, lang: str, words=None) -> str:
        return describe(self.note, self.args, lang, words)


def causes(run: RunData, task: TaskRating) -> list[Cause]:
    """The causes behind ``task``'s measures rated below P, most harmful first."""
    index = {e["id"]: e for e in run.events}
    out: list[Cause] = []
    for m in task.measures:
        if m.rating in (None, "P"):
            continue
        evidence = [index[i] for i in m.result.evidence if i in index]
        found = FINDERS.get(m.metric, _adverse)(run, m, evidence)
        out += [Cause(c.note, c.args, c.evidence, c.harm, m.id) for c in found]
    unique = list({(c.note, tuple(c.evidence)): c for c in out}.values())
    return sorted(unique, key=lambda c: (-c.harm, c.evidence[:1]))


# --- one finder per kind of measure -------------------------------------------------------

def _expected(run: RunData, m: MeasureRating, evidence: list[dict]) -> list[Cause]:
    """Expected actions not met by their effect: not ordered, ordered late, refused, or
    ordered without effect (and why)."""
    out = []
    for check in evidence:
        if check["met"]:
            continue
        status = check.get("status", "missed")
        args = {"action": check["action"], "team": check["team"], "by_turn": check["by_turn"],
                "where": check.get("location"), "inject": check["inject"]}
        harm = _strike_deaths(run, check)
        if status == "refused":
            out.append(Cause("cause_refused", {**args, "reason": check.get("reason", "-")},
                             [check["id"]], harm))
        elif status == "attempted":
            out.append(Cause("cause_attempted", {**args, "why": check.get("reason", "no_effect")},
                             [check["id"]], harm))
        else:
            late = _late_order(run, check)
            if late:
                out.append(Cause("cause_late", {**args, "turn": late["turn"]}, [check["id"]],
                                 harm))
            else:
                out.append(Cause("cause_missed", args, [check["id"]], harm))
    return out


def _strike_deaths(run: RunData, check: dict) -> int:
    """Deaths of the strike the inject warned of at the expected action's place."""
    return sum(e.get("deaths", 0) for e in run.of_type("attack")
               if e["cause"] == f"inject:{check['inject']}" and e["location"] == check.get("location"))


def _late_order(run: RunData, check: dict) -> dict | None:
    return next((d for d in run.of_type("decision_accepted")
                 if d["team"] == check["team"] and d["action"] == check["action"]
                 and d["turn"] > check["by_turn"]
                 and (check.get("location") is None
                      or check["location"] in (d.get("params") or {}).values())), None)


def _violence(run: RunData, m: MeasureRating, evidence: list[dict]) -> list[Cause]:
    """Attacks and abuses among the evidence; other deaths, grouped by place and cause."""
    out = []
    quiet: dict[tuple[str, str], list[dict]] = {}
    for e in evidence:
        if e["type"] == "attack":
            out.append(_attack_cause(run, e))
        elif e["type"] == "abuse_by_host_force":
            out.append(Cause("cause_abuse", {"host_force": e["host_force"],
                                             "location": e["location"], "turn": e["turn"],
                                             "deaths": e.get("deaths", 0)},
                             [e["id"]], e.get("deaths", 0)))
        elif e.get("deaths"):
            quiet.setdefault((e["type"], e.get("location", "-")), []).append(e)
    for (kind, place), events in sorted(quiet.items()):
        dead = sum(e["deaths"] for e in events)
        out.append(Cause("cause_deaths", {"count": dead, "kind": kind, "location": place},
                         [e["id"] for e in events], dead))
    return out


def _attack_cause(run: RunData, attack: dict) -> Cause:
    """An attack the mission was warned of and did not protect, or one where no unit was
    posted."""
    dead = attack.get("deaths", 0)
    if attack.get("protected_by"):
        return Cause("cause_attack_protected", {"location": attack["location"],
                                                "turn": attack["turn"], "deaths": dead,
                                                "units": ", ".join(attack["protected_by"])},
                     [attack["id"]], dead)
    warning = next((e for e in run.events if e["type"] in ("threat_planned",
                                                           "early_warning_reported")
                    and e["cause"] == attack["cause"] and e.get("location") == attack["location"]
                    and e["hour"] <= attack["hour"]), None)
    if warning is not None:
        return Cause("cause_unprotected", {"location": attack["location"], "turn": attack["turn"],
                                           "hours": f"{attack['hour'] - warning['hour']:g}",
                                           "deaths": dead},
                     [attack["id"]], dead)
    return Cause("cause_unguarded", {"location": attack["location"], "turn": attack["turn"],
                                     "deaths": dead}, [attack["id"]], dead)


def _warnings(run: RunData, m: MeasureRating, evidence: list[dict]) -> list[Cause]:
    """Warned attacks that found no protection."""
    return [_attack_cause(run, e) for e in evidence
            if e["type"] == "attack" and not e.get("protected_by")]


def _deterred(run: RunData, m: MeasureRating, evidence: list[dict]) -> list[Cause]:
    return [_attack_cause(run, e) for e in evidence if e["type"] == "attack"]


def _supports(run: RunData, m: MeasureRating, evidence: list[dict]) -> list[Cause]:
    """Support without an assessment, or against a 'withhold' advice, with the harm that
    followed it."""
    out = []
    for e in evidence:
        if e["hrddp_assessed"] and e.get("advice") != "withhold support":
            continue
        harm = sum(a.get("deaths", 0) for a in run.of_type("abuse_by_host_force")
                   if a["cause"] == e["cause"])
        note = "cause_blind_support" if not e["hrddp_assessed"] else "cause_withheld_support"
        out.append(Cause(note, {"team": e["team"], "host_force": e["host_force"],
                                "turn": e["turn"], "what": e.get("kind", "handover")},
                         [e["id"]], harm))
    return out


def _abuses(run: RunData, m: MeasureRating, evidence: list[dict]) -> list[Cause]:
    return _violence(run, m, evidence)


def _grouped(note: str):
    """Adverse events of one kind, one sentence per kind and place set."""
    def finder(run: RunData, m: MeasureRating, evidence: list[dict]) -> list[Cause]:
        if not evidence:
            return []
        places = ", ".join(sorted({e.get("location") or "-" for e in evidence}))
        return [Cause(note, {"count": len(evidence), "places": places},
                      [e["id"] for e in evidence], sum(e.get("deaths", 0) for e in evidence))]
    return finder


def _friction(run: RunData, m: MeasureRating, evidence: list[dict]) -> list[Cause]:
    """Aid that did not get through, one sentence per kind of failure."""
    by_kind: dict[str, list[dict]] = {}
    for e in evidence:
        by_kind.setdefault(e["type"], []).append(e)
    return [Cause("cause_friction", {"kind": kind, "count": len(events),
                                     "places": ", ".join(sorted({e.get("location") or "-"
                                                                 for e in events}))},
                  [e["id"] for e in events])
            for kind, events in sorted(by_kind.items())]


def _unattended(run: RunData, m: MeasureRating, evidence: list[dict]) -> list[Cause]:
    return [Cause("cause_unattended", {"cases": e["cases"], "location": e["location"],
                                       "turn": e["turn"]}, [e["id"]])
            for e in evidence if e["type"] == "sgbv_unattended"]


def _consultations(run: RunData, m: MeasureRating, evidence: list[dict]) -> list[Cause]:
    """Warned attacks before which nobody consulted the group there, or nothing followed."""
    group = m.result.args.get("group", "women")
    missed = set(m.result.args.get("missed", []))
    return [Cause("cause_not_consulted", {"group": group, "location": e["location"],
                                          "turn": e["turn"], "deaths": e.get("deaths", 0)},
                  [e["id"]], e.get("deaths", 0))
            for e in evidence if e["id"] in missed]


def _trust(run: RunData, m: MeasureRating, evidence: list[dict]) -> list[Cause]:
    lost = [e for e in evidence if e["type"] != "attack_deterred"]
    return _violence(run, m, [e for e in lost if e["type"] == "abuse_by_host_force"]) + \
        [Cause("cause_trust_lost", {"location": e["location"], "turn": e["turn"],
                                    "kind": e["type"]}, [e["id"]])
         for e in lost if e["type"] != "abuse_by_host_force"]


def _unassessed(run: RunData, m: MeasureRating, evidence: list[dict]) -> list[Cause]:
    missed = set(m.result.args.get("unassessed", []))
    out = []
    for d in evidence:
        if d["id"] in missed:
            where = next((v for v in d["params"].values() if isinstance(v, str)), "-")
            loc = d["params"].get("location", where)
            out.append(Cause("cause_unassessed", {"team": d["team"], "action": d["action"],
                                                  "location": loc, "turn": d["turn"]}, [d["id"]]))
    return out


def _ineffective(run: RunData, m: MeasureRating, evidence: list[dict]) -> list[Cause]:
    why = {f["id"]: f["reason"] for f in m.result.args.get("failed", [])}
    return [Cause("cause_no_effect", {"team": d["team"], "action": d["action"], "turn": d["turn"],
                                      "why": why[d["id"]] or "no_effect"}, [d["id"]])
            for d in evidence if d["id"] in why]


def _adverse(run: RunData, m: MeasureRating, evidence: list[dict]) -> list[Cause]:
    """Measures with nothing to point at beyond their numbers (paper counts, hours)."""
    return []


def _places(events: list[dict]) -> str:
    return ", ".join(sorted({e.get("location") or "-" for e in events}))


FINDERS = {
    "expected_actions_met": _expected,
    "civilian_deaths": _violence, "civilian_injuries": _violence, "casualties": _violence,
    "incidents": _violence, "attacks": _violence, "incidents_by_type": _violence,
    "attacks_deterred": _deterred, "warnings_acted_on": _warnings,
    "deaths_in_warned_attacks": _violence,
    "abuse_incidents": _abuses, "harm_linked_to_mission": _abuses,
    "hrddp_before_support": _supports,
    "principle_breaches": _grouped("cause_breach"), "aid_as_leverage": _grouped("cause_leverage"),
    "detentions_overdue": _grouped("cause_overdue"),
    "detentions_founded": lambda run, m, ev: _grouped("cause_unfounded")(
        run, m, [e for e in ev if e["type"] == "detention_failed"]),
    "unmet_need_person_days": _friction, "sgbv_referral_share": _unattended,
    "sgbv_cases": _unattended, "referral_before_first_case": _unattended,
    "consulted": _consultations, "trust_mean_final": _trust,
    "assessed_before_aid": _unassessed, "orders_effective": _ineffective,
    "disaggregated": lambda run, m, ev: _grouped("cause_not_disaggregated")(
        run, m, [e for e in ev if not e.get("disaggregated", True)]),
}
