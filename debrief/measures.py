"""Measures of a run, computed from its files only, each with the evidence behind it.

A measure is a function ``(run, **params) -> Result``. ``value`` is a number, or None when
the measure does not apply (no support was given, so HRDDP compliance cannot be judged);
``evidence`` lists the ids of the events that produced the value, so an evaluator can
trace every rating back to what happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from debrief.i18n import describe
from debrief.rundata import RunData
from simulator.scenario import GROUPS

PROTECTIVE = ("presence", "escort", "evacuation")  # effect events that put protection in place
VIOLENT = ("attack", "abuse_by_host_force")


@dataclass(frozen=True)
class Result:
    """A measure's value, the events behind it, and what it means as a keyed sentence
    (``note`` and ``args``; see ``debrief.i18n.DETAILS``) that reads in either language."""

    value: float | None
    evidence: list[str] = field(default_factory=list)
    note: str = "none"
    args: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        return describe(self.note, self.args, lang)

    @property
    def detail(self) -> str:
        return self.text("en")


# The events behind each outcome, cited as its evidence.
OUTCOME_EVENTS = {
    "civilian_deaths": ("attack", "abuse_by_host_force", "flood_deaths", "disease_deaths"),
    "civilian_injuries": VIOLENT, "incidents": VIOLENT, "attacks": ("attack",),
    "attacks_deterred": ("attack_deterred",), "abuse_incidents": ("abuse_by_host_force",),
    "sgbv_cases": ("sgbv_referred", "sgbv_unattended"), "sgbv_referred": ("sgbv_referred",),
    "principle_breaches": ("principle_breach",), "humanitarian_access_final": ("principle_breach",),
    "people_assisted": ("aid_delivered",), "aid_person_days": ("aid_delivered",),
    "trust_mean_final": ("engagement", "trust_lost", "principle_breach"),
}


def outcome(run: RunData, key: str) -> Result:
    """A number from ``summary.json``'s outcomes (civilian_deaths, people_assisted ...)."""
    outcomes = run.summary["outcomes"]
    if key not in outcomes:
        raise KeyError(f"unknown outcome {key!r} (known: {', '.join(sorted(outcomes))})")
    evidence = [e["id"] for e in run.of_type(*OUTCOME_EVENTS.get(key, ()))]
    return Result(outcomes[key], evidence, "outcome", {"outcome": key, "value": outcomes[key]})


def incidents_by_type(run: RunData) -> Result:
    """Violent incidents, counted by tactic (and abuses by host forces)."""
    counts: dict[str, int] = {}
    events = run.of_type(*VIOLENT)
    for e in events:
        kind = e.get("tactic", e["type"])
        counts[kind] = counts.get(kind, 0) + 1
    return Result(len(events), [e["id"] for e in events], "by_type" if counts else "none",
                  {"counts": dict(sorted(counts.items()))})


def harm_linked_to_mission(run: RunData) -> Result:
    """Abuses by host forces that follow from the mission's own decisions (support,
    handover): harm by one's own side counts as failure."""
    linked = [e for e in run.of_type("abuse_by_host_force") if e["cause"].startswith("decision:")]
    dead = sum(e.get("deaths", 0) for e in linked)
    return Result(len(linked), [e["id"] for e in linked], "harm",
                  {"abuses": len(linked), "deaths": dead})


def response_hours(run: RunData, inject: str, team: str | None = None) -> Result:
    """Hours from an inject (a warning) to the first protection in place at the place it
    threatens: presence, escort or evacuation. None if protection never came."""
    fired = [e for e in run.of_type("inject_fired") if e["inject"] == inject]
    if not fired:
        return Result(None, [], "not_fired", {"inject": inject})
    start = fired[0]
    places = {e["location"] for e in run.events
              if e["cause"] == f"inject:{inject}" and e["type"] == "threat_planned"}
    if not places:
        return Result(None, [start["id"]], "no_threat", {"inject": inject})
    answers = [e for e in run.of_type(*PROTECTIVE) if e.get("location") in places
               and e["hour"] >= start["hour"] and (team is None or e.get("team") == team)]
    if not answers:
        return Result(None, [start["id"]], "no_protection", {"places": ", ".join(sorted(places))})
    first = answers[0]
    hours = first["hour"] - start["hour"]
    return Result(hours, [start["id"], first["id"]], "response",
                  {"what": first["type"], "team": first.get("team"),
                   "location": first["location"], "hours": f"{hours:g}", "inject": inject})


def expected_actions_met(run: RunData, team: str | None = None,
                         task: str | None = None) -> Result:
    """Share of the MSEL's expected actions taken by their deadline: of ``team``, for the
    injects linked to critical task ``task`` (all when None)."""
    checks = [e for e in run.of_type("expected_action")
              if (team is None or e["team"] == team)
              and (task is None or e.get("critical_task") == task)]
    if not checks:
        return Result(None, [], "none_due")
    met = [e for e in checks if e["met"]]
    return Result(len(met) / len(checks), [e["id"] for e in checks], "expected",
                  {"met": len(met), "due": len(checks)})


def information_shared(run: RunData, team: str) -> Result:
    """Share of turns in which ``team`` shared what it knew with another component."""
    turns = run.summary.get("turns_played") or max((e["turn"] for e in run.events), default=0)
    shared = [e for e in run.of_type("information_shared")
              if e["team"] == team and e.get("facts", 0) > 0]
    played = {e["turn"] for e in shared}
    value = len(played) / turns if turns else None
    return Result(value, [e["id"] for e in shared], "shared",
                  {"turns": len(played), "of": turns})


def principle_breaches(run: RunData) -> Result:
    """Military assets used for humanitarian work without an approved last resort."""
    breaches = run.of_type("principle_breach")
    approved = run.of_type("asset_request_approved")
    return Result(len(breaches), [e["id"] for e in breaches + approved], "breaches",
                  {"breaches": len(breaches), "approved": len(approved)})


def hrddp_before_support(run: RunData, team: str | None = None) -> Result:
    """Share of support to host forces (and detainee handovers) given after an HRDDP
    assessment. None when no support was given."""
    acts = [e for e in run.of_type("host_force_supported", "handover")
            if (team is None or e["team"] == team)
            and (e["type"] == "host_force_supported" or e.get("detainees", 0) > 0)]
    if not acts:
        return Result(None, [], "no_support")
    ok = [e for e in acts if e["hrddp_assessed"]]
    return Result(len(ok) / len(acts), [e["id"] for e in acts], "hrddp",
                  {"assessed": len(ok), "supports": len(acts)})


def consulted(run: RunData, group: str = "women", team: str | None = None) -> Result:
    """Share of community engagements that consulted ``group`` (women, youth, leaders)."""
    meetings = [e for e in run.of_type("engagement")
                if not e.get("repeat") and (team is None or e["team"] == team)]
    if not meetings:
        return Result(None, [], "no_engagement")
    with_group = [e for e in meetings if group in e["consulted"]]
    return Result(len(with_group) / len(meetings), [e["id"] for e in meetings], "consulted",
                  {"group": group, "with": len(with_group), "of": len(meetings)})


def referral_before_first_case(run: RunData) -> Result:
    """1 if a survivor-centred referral pathway was set up before the first case of sexual
    violence (or set up with no case), 0 if not."""
    pathways = run.of_type("referral_pathway")
    cases = run.of_type("sgbv_referred", "sgbv_unattended")
    if not pathways:
        return Result(0, [e["id"] for e in cases[:1]], "no_pathway")
    if not cases:
        return Result(1, [pathways[0]["id"]], "pathway_no_case")
    first_path, first_case = pathways[0], cases[0]
    in_time = run.events.index(first_path) < run.events.index(first_case)
    return Result(1 if in_time else 0, [first_path["id"], first_case["id"]],
                  "pathway_before" if in_time else "pathway_after",
                  {"pathway": first_path["turn"], "case": first_case["turn"]})


def casualties(run: RunData, kind: str = "deaths", group: str | None = None) -> Result:
    """Civilian deaths or injuries over the exercise, of one sex and age group (all when
    None), from the time series; the events that caused them are the evidence."""
    groups = GROUPS if group is None else (group,)
    total = sum(r[f"{kind}_{g}"] for r in run.timeseries for g in groups)
    causes = OUTCOME_EVENTS["civilian_deaths" if kind == "deaths" else "civilian_injuries"]
    return Result(total, [e["id"] for e in run.of_type(*causes)], "casualties",
                  {"count": total, "kind": kind, "group": group or "all"})


def people_reached(run: RunData, need: str, team: str | None = None) -> Result:
    """People served a day, on average over the exercise, by the aid of one need that
    arrived (person-days delivered divided by the days played)."""
    drops = [e for e in run.of_type("aid_delivered")
             if e["need"] == need and (team is None or e.get("team") == team)]
    closed = run.of_type("turn_closed")
    days = closed[-1]["hour"] / 24 if closed else 0
    delivered = sum(e["amount"] for e in drops)
    value = round(delivered / days, 1) if days else None
    return Result(value, [e["id"] for e in drops[:20]], "reached",
                  {"need": need, "amount": round(delivered), "drops": len(drops),
                   "places": len({e["location"] for e in drops}), "people": value})


def disaggregated(run: RunData, team: str | None = None) -> Result:
    """Share of needs assessments whose results were broken down by sex and age."""
    done = [e for e in run.of_type("assessment") if team is None or e.get("team") == team]
    if not done:
        return Result(None, [], "no_assessment")
    split = [e for e in done if e.get("disaggregated", True)]
    return Result(len(split) / len(done), [e["id"] for e in done], "disaggregated",
                  {"split": len(split), "of": len(done)})


def aid_as_leverage(run: RunData) -> Result:
    """Aid made conditional on cooperation (information, access for forces)."""
    used = run.of_type("aid_as_leverage")
    return Result(len(used), [e["id"] for e in used], "leverage",
                  {"count": len(used), "places": ", ".join(sorted({e["location"] for e in used}))
                   or "-"})


MEASURES: dict[str, Callable[..., Result]] = {
    "outcome": outcome, "incidents_by_type": incidents_by_type,
    "harm_linked_to_mission": harm_linked_to_mission, "response_hours": response_hours,
    "expected_actions_met": expected_actions_met, "information_shared": information_shared,
    "principle_breaches": principle_breaches, "hrddp_before_support": hrddp_before_support,
    "consulted": consulted, "referral_before_first_case": referral_before_first_case,
    "people_reached": people_reached, "casualties": casualties, "disaggregated": disaggregated,
    "aid_as_leverage": aid_as_leverage,
}
