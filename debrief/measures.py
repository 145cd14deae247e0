"""Measures of a run, computed from its files only, each within its scope and with the
evidence behind it.

A measure is a function ``(ctx, **params) -> Result``. ``ctx`` holds the run, the scenario
and the measure's scope (whose decisions, which places, which turns; ``debrief.scope``).
``value`` is a number, or None when the measure does not apply: nothing in scope to judge
(no support given, so HRDDP compliance cannot be judged; no warned attack, so no response
to judge). ``evidence`` lists the ids of the events counted in the value, so an evaluator
can trace every rating back to what happened; ``EVIDENCE`` says which kinds of event each
measure may cite (a test checks every citation of the shipped scenarios against it).

What each measure means and how it is scoped: ``simulator.language.measure_specs`` and
docs/ratings.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from debrief.scope import Ctx
from debrief.sentences import describe
from simulator.language.measure_specs import PROCESS_PRIMITIVES, PROTECTIVE, VIOLENT
from simulator.play.expectations import order_effect

# Events that report deaths, by cause of death.
DEATH_EVENTS = {"violence": VIOLENT, "flood": ("flood_deaths",), "disease": ("disease_deaths",),
                "deprivation": ("deprivation_deaths",), "injuries": ("injury_deaths",)}
DEATH_COLUMNS = {"violence": "violence_deaths", "flood": "flood_deaths",
                 "disease": "disease_deaths", "deprivation": "deprivation_deaths",
                 "injuries": "injury_deaths"}
GROUPS = ("women", "men", "girls", "boys", "older")
# Orders that protect people at a place: what a consultation there should inform.
INFORMED = PROTECTIVE + ("mediate",)
# What answers a warning of rising tension at a place (early response).
RESPONSES = ("mediation", "local_agreement", "rumour_countered", "engagement", "presence")


@dataclass(frozen=True)
class Result:
    """A measure's value, the events behind it, and what it means as a keyed sentence
    (``note`` and ``args``; see ``debrief.sentences.NOTES``) that reads in either language.
    ``kind`` overrides the measure's kind where the run decides it (expected actions that
    are all paperwork are a process measure)."""

    value: float | None
    evidence: list[str] = field(default_factory=list)
    note: str = "none"
    args: dict = field(default_factory=dict)
    kind: str | None = None

    def text(self, lang: str = "en", words=None) -> str:
        """What the value means in ``lang``; with ``words``, ids as names."""
        return describe(self.note, self.args, lang, words)

    @property
    def detail(self) -> str:
        return self.text("en")


def _ids(events: list[dict]) -> list[str]:
    return [e["id"] for e in events]


def _total(ctx: Ctx, key: str, value: float, events: list[dict], label: str = "") -> Result:
    """An outcome at the scope's places and turns (or over the whole run)."""
    return Result(value, _ids(events), "outcome" if ctx.scope.whole_map else "outcome_at",
                  {"outcome": label or key, "value": value, "places": ctx.scope.places_text})


# --- outcomes of the run ---------------------------------------------------------------

def civilian_deaths(ctx: Ctx) -> Result:
    """Deaths from every cause."""
    return casualties(ctx, "deaths", label="civilian_deaths")


def civilian_injuries(ctx: Ctx) -> Result:
    return casualties(ctx, "injuries", label="civilian_injuries")


def casualties(ctx: Ctx, kind: str = "deaths", group: str | None = None,
               cause: str | None = None, label: str = "") -> Result:
    """Deaths or injuries of one sex and age group, or deaths of one cause (all when None),
    from the time series; the events that reported them are the evidence."""
    rows = ctx.rows()
    if cause:
        total = sum(r[DEATH_COLUMNS[cause]] for r in rows)
        types = DEATH_EVENTS[cause]
    else:
        groups = GROUPS if group is None else (group,)
        total = sum(r[f"{kind}_{g}"] for r in rows for g in groups)
        types = tuple(t for c in DEATH_EVENTS.values() for t in c) if kind == "deaths" \
            else VIOLENT
    count = "deaths" if kind == "deaths" else "injuries"
    events = [e for e in ctx.events(*types) if e.get(count, 0) > 0]
    if label:
        return _total(ctx, label, total, events)
    return Result(total, _ids(events), "casualties",
                  {"count": total, "kind": kind, "group": cause or group or "all",
                   "places": ctx.scope.places_text})


def displaced_peak(ctx: Ctx) -> Result:
    if ctx.scope.whole_map and ctx.scope.turns is None:
        return _total(ctx, "displaced_peak", ctx.summary("displaced_peak"), [])
    by_turn: dict[int, int] = {}
    for r in ctx.rows():
        by_turn[r["turn"]] = by_turn.get(r["turn"], 0) + r["displaced"]
    return _total(ctx, "displaced_peak", max(by_turn.values(), default=0), [])


def displaced_final(ctx: Ctx) -> Result:
    rows = ctx.rows()
    last = max((r["turn"] for r in rows), default=0)
    return _total(ctx, "displaced_final", sum(r["displaced"] for r in rows if r["turn"] == last),
                  [])


def unmet_need_person_days(ctx: Ctx) -> Result:
    """Person-days of unmet water, food, shelter and health; aid that did not get through
    at these places is the evidence."""
    value = ctx.summary("unmet_need_person_days") if ctx.scope.everywhere else \
        round(sum(r["unmet_person_days"] for r in ctx.rows()), 1)
    return _total(ctx, "unmet_need_person_days", value,
                  ctx.events("aid_blocked", "convoy_ambushed"))


def aid_person_days(ctx: Ctx) -> Result:
    value = ctx.summary("aid_person_days") if ctx.scope.everywhere else \
        round(sum(r["aid_person_days"] for r in ctx.rows()), 1)
    return _total(ctx, "aid_person_days", value, ctx.events("aid_delivered"))


def people_assisted(ctx: Ctx) -> Result:
    return _total(ctx, "people_assisted", ctx.summary("people_assisted"),
                  ctx.events("aid_delivered"))


def humanitarian_access_final(ctx: Ctx) -> Result:
    return _total(ctx, "humanitarian_access_final", ctx.summary("humanitarian_access_final"),
                  ctx.events("principle_breach", "aid_as_leverage"))


def incidents(ctx: Ctx) -> Result:
    events = ctx.events(*VIOLENT)
    return _total(ctx, "incidents", len(events), events)


def attacks(ctx: Ctx) -> Result:
    events = ctx.events("attack")
    return _total(ctx, "attacks", len(events), events)


def incidents_by_type(ctx: Ctx) -> Result:
    """Violent incidents, counted by tactic (and abuses by host forces)."""
    counts: dict[str, int] = {}
    events = ctx.events(*VIOLENT)
    for e in events:
        kind = e.get("tactic", e["type"])
        counts[kind] = counts.get(kind, 0) + 1
    return Result(len(events), _ids(events), "by_type" if counts else "none",
                  {"counts": dict(sorted(counts.items()))})


def attacks_deterred(ctx: Ctx) -> Result:
    """Attacks called off because of protectors (of the scope's teams, when it names some);
    the planned attacks that came anyway are cited beside them."""
    events = [e for e in ctx.events("attack_deterred", teams=False)
              if ctx.scope.teams is None
              or any(ctx.unit_team.get(u) in ctx.scope.teams for u in e.get("protected_by", []))]
    came = [e for e in ctx.events("attack", teams=False) if e.get("planned")]
    return _total(ctx, "attacks_deterred", len(events), events + came)


def sgbv_cases(ctx: Ctx) -> Result:
    events = ctx.events("sgbv_referred", "sgbv_unattended")
    return _total(ctx, "sgbv_cases", sum(e["cases"] for e in events), events)


def sgbv_referred(ctx: Ctx) -> Result:
    events = ctx.events("sgbv_referred")
    return _total(ctx, "sgbv_referred", sum(e["cases"] for e in events), events)


def abducted(ctx: Ctx, group: str | None = None) -> Result:
    """People abducted by armed groups (in abductions and at checkpoints), all or of one
    group; ``children`` counts girls and boys."""
    groups = ("girls", "boys") if group == "children" else (group,) if group else GROUPS
    events = [e for e in ctx.events("attack", "checkpoint_passage", teams=False)
              if e.get("abducted")]
    taken = sum(e["abducted_by_group"].get(g, 0) for e in events for g in groups)
    return _total(ctx, "abducted", taken, events)


def recruited(ctx: Ctx, group: str | None = None) -> Result:
    """Boys and men recruited by armed groups (``recruitment``), all or of one group;
    ``children`` counts the boys."""
    groups = ("girls", "boys") if group == "children" else (group,) if group else GROUPS
    events = ctx.events("recruitment", teams=False)
    taken = sum(e["recruited_by_group"].get(g, 0) for e in events for g in groups)
    return _total(ctx, "recruited", taken, events)


def children_handed_over(ctx: Ctx) -> Result:
    """Share of the children released by armed groups (in the scope's turns) whom the
    scope's teams handed to a child-protection actor within the limit
    (``violence.children_handover_hours``); those handed to security forces, late, or not
    at all count against it. Not applicable when no child was released."""
    released = ctx.events("children_released", teams=False)
    total = sum(e["children"] for e in released)
    if not total:
        return Result(None, [], "no_release")
    acts = ctx.events("children_handed_over", "children_handed_to_security_forces",
                      "children_handover_overdue")
    ok = sum(e["children"] for e in acts if e["type"] == "children_handed_over" and e["in_time"])
    wrong = sum(e["children"] for e in acts if e["type"] == "children_handed_to_security_forces")
    return Result(round(min(1.0, ok / total), 3), _ids(released + acts), "children_care",
                  {"in_time": ok, "released": total, "to_security_forces": wrong})


def clashes(ctx: Ctx) -> Result:
    """Intercommunal clashes: violence between communities when tension ran too high."""
    events = ctx.events("intercommunal_clash", teams=False)
    return _total(ctx, "clashes", len(events), events)


def tension_alerts_acted_on(ctx: Ctx) -> Result:
    """Share of the warnings of rising tension the scope's teams received that they
    answered at that place before the next turn was out (mediation, an agreement,
    countering a rumour, dialogue or presence) and before any clash there: early warning,
    early response. A unit of theirs already standing there when the alert came, and kept
    there, answers it too. Not applicable without an alert."""
    alerts = [e for e in ctx.events("tension_alert", teams=False)
              if ctx.scope.teams is None or set(e.get("teams", [])) & set(ctx.scope.teams)]
    if not alerts:
        return Result(None, [], "no_tension_alert")
    answers = ctx.events(*RESPONSES)
    clashes_ = ctx.events("intercommunal_clash", teams=False)
    answered, evidence = 0, []
    for a in alerts:
        clash = next((c for c in clashes_ if c["location"] == a["location"]
                      and c["hour"] >= a["hour"]), None)
        limit = min(a["hour"] + 2 * ctx.turn_hours, clash["hour"] if clash else float("inf"))
        reply = next((r for r in answers if r.get("location") == a["location"]
                      and a["hour"] <= r["hour"] <= limit), None) \
            or _standing(ctx, a["location"], a["hour"])
        answered += reply is not None
        evidence += [a["id"]] + ([reply["id"]] if reply else []) + ([clash["id"]] if clash else [])
    return Result(round(answered / len(alerts), 3), list(dict.fromkeys(evidence)), "answered",
                  {"answered": answered, "alerts": len(alerts)})


def _standing(ctx: Ctx, loc: str, hour: float) -> dict | None:
    """The presence of a scope team's unit standing at ``loc`` at ``hour``: arrived, not
    over, and the unit given no other order since (None: there is none)."""
    for p in ctx.events("presence"):
        if p["location"] != loc or not p["hour"] <= p["arrive_hour"] <= hour <= p["until_hour"]:
            continue
        since = (p["hour"], p["id"])
        if not any(d["params"].get("unit") == p["unit"] and since < (d["hour"], d["id"])
                   and d["hour"] <= hour for d in ctx.run.of_type("decision_accepted")):
            return p
    return None


def trust_mean_final(ctx: Ctx) -> Result:
    """Trust in the mission at the end, weighted by the people at each place. Words lift it
    only up to a ceiling (``community.talk_trust_ceiling``); beyond, deeds count."""
    events = ctx.events("trust_lost", "principle_breach", "aid_as_leverage",
                        "abuse_by_host_force", "attack_deterred")
    if ctx.scope.everywhere:
        return _total(ctx, "trust_mean_final", ctx.summary("trust_mean_final"), events)
    rows = ctx.rows()
    last = max((r["turn"] for r in rows), default=0)
    final = [r for r in rows if r["turn"] == last]
    people = sum(r["population"] for r in final)
    value = round(sum(r["trust"] * r["population"] for r in final) / people, 3) if people \
        else round(sum(r["trust"] for r in final) / max(len(final), 1), 3)
    return _total(ctx, "trust_mean_final", value, events)


# --- harm done by the scope's own decisions --------------------------------------------

def abuse_incidents(ctx: Ctx, act: str = "any") -> Result:
    """Abuses by host forces after support (or a handover: ``act``) by the scope's teams.
    Not applicable when they gave none: there was nothing to judge."""
    given = _supports(ctx, act)
    if not given:
        return Result(None, [], "no_support")
    # An abuse names the support it followed as its cause.
    mine = {e["cause"] for e in given}
    abuses = [e for e in ctx.events("abuse_by_host_force", teams=False) if e["cause"] in mine]
    dead = sum(e.get("deaths", 0) for e in abuses)
    return Result(len(abuses), _ids(abuses), "harm", {"abuses": len(abuses), "deaths": dead,
                                                      "supports": len(given)})


harm_linked_to_mission = abuse_incidents


def principle_breaches(ctx: Ctx) -> Result:
    """Military assets used for humanitarian work (aid, escorts) without an approved last
    resort, by the scope's teams. Not applicable when they never used, requested or
    escorted anything: there was no choice to judge."""
    chances = ctx.orders_composing("supply", "escort", "request_asset")
    if not chances:
        return Result(None, [], "no_military_use")
    breaches = ctx.events("principle_breach")
    return Result(len(breaches), _ids(breaches), "breaches",
                  {"breaches": len(breaches), "orders": len(chances)})


def aid_as_leverage(ctx: Ctx) -> Result:
    """Aid made conditional on cooperation (information, access for forces)."""
    chances = ctx.orders_composing("supply")
    if not chances:
        return Result(None, [], "no_aid_order")
    used = ctx.events("aid_as_leverage")
    return Result(len(used), _ids(used), "leverage",
                  {"count": len(used), "places": ", ".join(sorted({e["location"] for e in used}))
                   or "-"})


def detentions_overdue(ctx: Ctx) -> Result:
    """Detainees held past the limit without handover or release (turns held, counted once
    per turn overdue). Not applicable without detentions."""
    held = ctx.events("detention")
    if not held:
        return Result(None, [], "no_detention")
    late = ctx.events("detention_overdue")
    return Result(len(late), _ids(late), "overdue", {"turns": len(late), "detentions": len(held)})


def detentions_founded(ctx: Ctx) -> Result:
    """Share of the scope's teams' detention orders that apprehended members of the group
    named, near a place it threatened or had just attacked: a detention where there was
    nobody to detain is an arbitrary arrest. Not applicable without a detention order."""
    orders = ctx.events("detention", "detention_failed")
    if not orders:
        return Result(None, [], "no_detention")
    founded = [e for e in orders if e["type"] == "detention"]
    return Result(round(len(founded) / len(orders), 3), _ids(orders), "founded",
                  {"founded": len(founded), "orders": len(orders)})


def people_reached(ctx: Ctx, need: str | None = None) -> Result:
    """People served a day, on average over the scope's turns (else the exercise), by the
    aid of one need (of every need when None) that the scope's teams got through:
    person-days delivered divided by the days."""
    # Aid a team's unit carried counts for that team, whichever agency's stock it was.
    drops = [e for e in ctx.events("aid_delivered", teams=False)
             if (need is None or e["need"] == need)
             and (ctx.scope.teams is None or e.get("team") in ctx.scope.teams
                  or ctx.unit_team.get(e.get("by")) in ctx.scope.teams)]
    closed = ctx.run.of_type("turn_closed")
    if ctx.scope.turns:
        days = (ctx.scope.turns[1] - ctx.scope.turns[0] + 1) * ctx.turn_hours / 24
    else:
        days = closed[-1]["hour"] / 24 if closed else 0
    delivered = sum(e["amount"] for e in drops)
    value = round(delivered / days, 1) if days else None
    return Result(value, _ids(drops), "reached",
                  {"need": need or "all", "amount": round(delivered), "drops": len(drops),
                   "places": len({e["location"] for e in drops}), "people": value})


# --- effects of decisions ----------------------------------------------------------------

def expected_actions_met(ctx: Ctx, task: str | None = None) -> Result:
    """Share of the MSEL's expected actions of the scope's teams, for the injects linked to
    critical ``task``, met by their effect (``simulator.play.expectations``): an order that
    failed, came too late or was refused does not count. Expected actions that are all
    paperwork make this a process measure."""
    checks = [e for e in ctx.run.of_type("expected_action")
              if ctx.scope.team_ok(e) and (task is None or e.get("critical_task") == task)]
    if not checks:
        return Result(None, [], "none_due")
    met = [e for e in checks if e["met"]]
    paper = all(set(ctx.primitives(e["team"], e["action"])) <= set(PROCESS_PRIMITIVES)
                for e in checks)
    counts = {s: sum(1 for e in checks if e.get("status", "met" if e["met"] else "missed") == s)
              for s in ("attempted", "refused", "missed")}
    return Result(len(met) / len(checks), _ids(checks), "expected",
                  {"met": len(met), "due": len(checks), **counts},
                  kind="process" if paper else "effect")


def response_hours(ctx: Ctx, inject: str) -> Result:
    """Hours from an inject (a warning) to the first protection in place at the place it
    threatens: presence, escort or evacuation. None if protection never came."""
    fired = [e for e in ctx.run.of_type("inject_fired") if e["inject"] == inject]
    if not fired:
        return Result(None, [], "not_fired", {"inject": inject})
    start = fired[0]
    places = {e["location"] for e in ctx.run.events
              if e["cause"] == f"inject:{inject}" and e["type"] == "threat_planned"}
    if not places:
        return Result(None, [start["id"]], "no_threat", {"inject": inject})
    answers = [e for e in ctx.events(*PROTECTIVE) if e.get("location") in places
               and e["hour"] >= start["hour"]]
    if not answers:
        return Result(None, [start["id"]], "no_protection", {"places": ", ".join(sorted(places))})
    first = answers[0]
    hours = first["hour"] - start["hour"]
    return Result(hours, [start["id"], first["id"]], "response",
                  {"what": first["type"], "team": first.get("team"),
                   "location": first["location"], "hours": f"{hours:g}", "inject": inject})


def warnings_acted_on(ctx: Ctx, source: str = "any") -> Result:
    """Share of the planned attacks the scope's teams were warned of (by a message, or by
    an alert network they set up; only the latter with ``source: alert_network``) that
    found protection standing when they came (deterred, or protectors there). Not
    applicable when no warned attack came."""
    warned, evidence = _warned(ctx, source)
    if not warned:
        return Result(None, [], "no_warned_attack")
    stood = [s for s in warned if s["type"] == "attack_deterred" or s.get("protected_by")]
    return Result(len(stood) / len(warned), evidence, "warnings",
                  {"protected": len(stood), "warned": len(warned)})


def deaths_in_warned_attacks(ctx: Ctx, source: str = "any") -> Result:
    """Civilians killed in the planned attacks the scope's teams were warned of (as for
    ``warnings_acted_on``): the harm a timely answer to the warnings could have spared.
    Not applicable when no warned attack came."""
    warned, _ = _warned(ctx, source)
    if not warned:
        return Result(None, [], "no_warned_attack")
    hits = [s for s in warned if s["type"] == "attack"]
    dead = sum(s.get("deaths", 0) for s in hits)
    return Result(dead, _ids(hits), "warned_deaths", {"deaths": dead, "warned": len(warned)})


def _warned(ctx: Ctx, source: str, mission: bool = False) -> tuple[list[dict], list[str]]:
    """Planned attacks at the scope's places that a scope team (any team, for the
    ``mission``) was warned of before they came, and the warnings with them as evidence."""
    warned, evidence = [], []
    for s in _planned_strikes(ctx):
        warning = _warning(ctx, s, source, mission)
        if warning is not None:
            warned.append(s)
            evidence += [warning["id"], s["id"]]
    return warned, list(dict.fromkeys(evidence))


def _planned_strikes(ctx: Ctx) -> list[dict]:
    """Attacks an armed group planned at the scope's places: carried out or deterred."""
    return [e for e in ctx.events("attack", "attack_deterred", teams=False)
            if e["type"] == "attack_deterred" or e.get("planned")]


def _warning(ctx: Ctx, strike: dict, source: str, mission: bool = False) -> dict | None:
    """The first warning of ``strike`` that reached a scope team (any team, for the
    ``mission``) before it came."""
    for e in ctx.run.events:
        if e["hour"] > strike["hour"]:
            return None
        if e["type"] == "early_warning_reported" and e["cause"] == strike["cause"] \
                and e["location"] == strike["location"] and (mission or ctx.scope.team_ok(e)):
            return e
        if source == "any" and e["type"] == "inject_fired" \
                and strike["cause"] == f"inject:{e['inject']}" \
                and (mission or ctx.scope.teams is None or set(e["to"]) & ctx.scope.teams):
            return e
    return None


def orders_effective(ctx: Ctx, of: str | None = None) -> Result:
    """Share of the scope's teams' orders that had the effect they exist for, by the end of
    the turn after they were given (as expected actions are judged): a unit that got
    there, aid that arrived, a detention that found suspects, support after due
    diligence. ``of`` names the primitives judged (comma-separated; default: every one
    but paperwork). Orders that come to nothing, or do harm, earn nothing: volume does
    not pay. Not applicable without such orders."""
    wanted = set(of.split(",")) if of else None
    places = {loc.id for loc in ctx.scenario.map.locations}
    orders, failed, evidence = 0, [], []
    for d in ctx.run.of_type("decision_accepted"):
        prims = [p for p in ctx.primitives(d["team"], d["action"])
                 if (p in wanted if wanted else p not in PROCESS_PRIMITIVES)]
        where = [v for v in d["params"].values() if isinstance(v, str) and v in places]
        if not prims or not ctx.scope.team_ok(d) or not ctx.scope.turn_ok(d["turn"]) or \
                (ctx.scope.places is not None and not set(where) & ctx.scope.places):
            continue
        orders += 1
        evidence.append(d["id"])
        deadline = (d["turn"] + 1) * ctx.turn_hours
        ok, reason, _ = order_effect(ctx.run.events, d, prims, deadline)
        if not ok:
            failed.append({"id": d["id"], "reason": reason})
    if not orders:
        return Result(None, [], "no_order")
    return Result(round((orders - len(failed)) / orders, 3), evidence, "effective",
                  {"effective": orders - len(failed), "orders": orders, "failed": failed})


def assessed_before_aid(ctx: Ctx) -> Result:
    """Share of the scope's teams' aid orders for a place the mission had assessed in that
    turn or the three before: aid that follows an assessment rather than a guess. Not
    applicable without an aid order."""
    places = {loc.id for loc in ctx.scenario.map.locations}
    assessed = [(e["location"], e["turn"]) for e in ctx.run.of_type("assessment")]
    orders, good = [], []
    for d in ctx.orders_composing("supply"):
        where = [v for v in d["params"].values() if isinstance(v, str) and v in places]
        if not where or not ctx.scope.place_ok(where[0]):
            continue
        orders.append(d)
        if any(loc == where[0] and d["turn"] - 3 <= turn <= d["turn"] for loc, turn in assessed):
            good.append(d)
    if not orders:
        return Result(None, [], "no_aid_order")
    return Result(round(len(good) / len(orders), 3), _ids(orders), "assessed_first",
                  {"assessed": len(good), "orders": len(orders),
                   "unassessed": [d["id"] for d in orders if d not in good]})


def hrddp_before_support(ctx: Ctx, act: str = "any") -> Result:
    """Share of the scope's teams' support to host forces (and handovers of detainees)
    given after an HRDDP assessment that did not advise withholding it. Support after a
    'withhold' advice is a breach, as support without assessment is. Not applicable when
    no support was given."""
    acts = _supports(ctx, act)
    if not acts:
        return Result(None, [], "no_support")
    ok = [e for e in acts if e["hrddp_assessed"] and e.get("advice") != "withhold support"]
    return Result(len(ok) / len(acts), _ids(acts), "hrddp",
                  {"assessed": len(ok), "supports": len(acts),
                   "withheld": sum(1 for e in acts if e.get("advice") == "withhold support")})


def _supports(ctx: Ctx, act: str = "any") -> list[dict]:
    types = {"any": ("host_force_supported", "handover"), "support": ("host_force_supported",),
             "handover": ("handover",)}[act]
    return [e for e in ctx.events(*types)
            if e["type"] == "host_force_supported" or e.get("detainees", 0) > 0]


def sgbv_referral_share(ctx: Ctx) -> Result:
    """Share of survivors of sexual violence, at the scope's places, who reached a
    referral pathway. Not applicable without a case."""
    cases = ctx.events("sgbv_referred", "sgbv_unattended")
    total = sum(e["cases"] for e in cases)
    if not total:
        return Result(None, [], "no_case")
    referred = sum(e["cases"] for e in cases if e["type"] == "sgbv_referred")
    return Result(round(referred / total, 3), _ids(cases), "referral_share",
                  {"referred": referred, "cases": total})


def consulted(ctx: Ctx, group: str = "women") -> Result:
    """Of the attacks at the scope's places that the mission was warned of (an integrated
    mission shares its warnings), the share before which the scope's teams consulted
    ``group`` there (after the warning) and the mission then protected the place when the
    strike came: a unit standing there at that moment, or, for an attack that was called
    off, people evacuated or a mediation held first.
    Consultations that inform what the mission does; consulting where nothing is at
    stake, or where nothing effective follows, earns nothing. Not applicable when no
    warned attack came."""
    occasions, evidence, good, missed = 0, [], 0, []
    meetings = [e for e in ctx.events("engagement") if group in e["consulted"]]
    acts = [e for e in ctx.run.of_type("decision_accepted")
            if set(ctx.primitives(e["team"], e["action"])) & set(INFORMED)]
    for strike in _planned_strikes(ctx):
        warned = _warning(ctx, strike, "any", mission=True)
        if warned is None:
            continue
        occasions += 1
        evidence.append(strike["id"])
        before = [m for m in meetings if m["location"] == strike["location"]
                  and warned["hour"] <= m["hour"] <= strike["hour"]]
        acted = _protected_in_time(ctx, strike, before[0], acts) if before else None
        if acted:
            good += 1
            evidence += [before[0]["id"], acted]
        else:
            missed.append(strike["id"])
    if not occasions:
        return Result(None, [], "no_warned_attack")
    return Result(round(good / occasions, 3), evidence, "consulted",
                  {"group": group, "with": good, "of": occasions, "missed": missed})


def _protected_in_time(ctx: Ctx, strike: dict, meeting: dict, acts: list[dict]) -> str | None:
    """The first order, given from the consultation's turn until ``strike``, that protected
    its place when the strike came (judged by its effect, as expected actions are): its
    id, or None. An attack that struck with no unit there was not prevented by anything
    else the mission did."""
    place = strike["location"]
    for d in acts:
        if not (d["turn"] >= meeting["turn"] and d["hour"] <= strike["hour"]
                and place in map(str, d["params"].values())):
            continue
        prims = [p for p in ctx.primitives(d["team"], d["action"]) if p in INFORMED]
        ok, _, _ = order_effect(ctx.run.events, d, prims, strike["hour"], place, strike["hour"])
        stood = bool({"presence", "escort"} & set(prims))
        if ok and (stood or strike["type"] != "attack"):
            return d["id"]
    return None


# --- process ---------------------------------------------------------------------------

def information_shared(ctx: Ctx) -> Result:
    """Share of turns in which the scope's teams passed something new to another
    component."""
    turns = ctx.run.summary.get("turns_played") or max((e["turn"] for e in ctx.run.events),
                                                      default=0)
    shared = [e for e in ctx.events("information_shared") if e.get("facts", 0) > 0]
    played = {e["turn"] for e in shared}
    value = len(played) / turns if turns else None
    return Result(value, _ids(shared), "shared", {"turns": len(played), "of": turns})


def disaggregated(ctx: Ctx) -> Result:
    """Share of needs assessments whose results were broken down by sex and age."""
    done = ctx.events("assessment")
    if not done:
        return Result(None, [], "no_assessment")
    split = [e for e in done if e.get("disaggregated", True)]
    return Result(len(split) / len(done), _ids(done), "disaggregated",
                  {"split": len(split), "of": len(done)})


def referral_before_first_case(ctx: Ctx) -> Result:
    """1 if a referral pathway was set up before the first case of sexual violence at the
    scope's places (or set up with no case), 0 if not."""
    pathways = ctx.run.of_type("referral_pathway")
    cases = ctx.events("sgbv_referred", "sgbv_unattended")
    if not pathways:
        return Result(0, _ids(cases[:1]), "no_pathway")
    if not cases:
        return Result(1, [pathways[0]["id"]], "pathway_no_case")
    first_path, first_case = pathways[0], cases[0]
    in_time = ctx.run.events.index(first_path) < ctx.run.events.index(first_case)
    return Result(1 if in_time else 0, [first_path["id"], first_case["id"]],
                  "pathway_before" if in_time else "pathway_after",
                  {"pathway": first_path["turn"], "case": first_case["turn"]})


MEASURES: dict[str, Callable[..., Result]] = {
    "civilian_deaths": civilian_deaths, "civilian_injuries": civilian_injuries,
    "casualties": casualties, "displaced_peak": displaced_peak,
    "displaced_final": displaced_final, "unmet_need_person_days": unmet_need_person_days,
    "aid_person_days": aid_person_days, "people_assisted": people_assisted,
    "humanitarian_access_final": humanitarian_access_final, "incidents": incidents,
    "attacks": attacks, "incidents_by_type": incidents_by_type,
    "attacks_deterred": attacks_deterred, "sgbv_cases": sgbv_cases,
    "sgbv_referred": sgbv_referred, "trust_mean_final": trust_mean_final,
    "abuse_incidents": abuse_incidents, "harm_linked_to_mission": harm_linked_to_mission,
    "principle_breaches": principle_breaches, "aid_as_leverage": aid_as_leverage,
    "detentions_overdue": detentions_overdue, "detentions_founded": detentions_founded,
    "people_reached": people_reached, "abducted": abducted, "recruited": recruited,
    "children_handed_over": children_handed_over, "clashes": clashes,
    "tension_alerts_acted_on": tension_alerts_acted_on,
    "expected_actions_met": expected_actions_met, "response_hours": response_hours,
    "warnings_acted_on": warnings_acted_on, "deaths_in_warned_attacks": deaths_in_warned_attacks,
    "assessed_before_aid": assessed_before_aid, "orders_effective": orders_effective,
    "hrddp_before_support": hrddp_before_support,
    "sgbv_referral_share": sgbv_referral_share, "consulted": consulted,
    "information_shared": information_shared, "disaggregated": disaggregated,
    "referral_before_first_case": referral_before_first_case,
}

_DEATHS = tuple(t for types in DEATH_EVENTS.values() for t in types)
_AID = ("aid_blocked", "convoy_ambushed")
# The kinds of event each measure may cite as its evidence.
EVIDENCE: dict[str, tuple[str, ...]] = {
    "civilian_deaths": _DEATHS, "civilian_injuries": VIOLENT, "casualties": _DEATHS,
    "displaced_peak": (), "displaced_final": (), "unmet_need_person_days": _AID,
    "aid_person_days": ("aid_delivered",), "people_assisted": ("aid_delivered",),
    "humanitarian_access_final": ("principle_breach", "aid_as_leverage"),
    "incidents": VIOLENT, "attacks": ("attack",), "incidents_by_type": VIOLENT,
    "attacks_deterred": ("attack_deterred", "attack"),
    "sgbv_cases": ("sgbv_referred", "sgbv_unattended"), "sgbv_referred": ("sgbv_referred",),
    "trust_mean_final": ("trust_lost", "principle_breach", "aid_as_leverage",
                         "abuse_by_host_force", "attack_deterred"),
    "abuse_incidents": ("abuse_by_host_force",), "harm_linked_to_mission": ("abuse_by_host_force",),
    "principle_breaches": ("principle_breach",), "aid_as_leverage": ("aid_as_leverage",),
    "detentions_overdue": ("detention_overdue",),
    "detentions_founded": ("detention", "detention_failed"), "people_reached": ("aid_delivered",),
    "abducted": ("attack", "checkpoint_passage"), "recruited": ("recruitment",),
    "clashes": ("intercommunal_clash",),
    "tension_alerts_acted_on": ("tension_alert", "intercommunal_clash") + RESPONSES,
    "children_handed_over": ("children_released", "children_handed_over",
                             "children_handed_to_security_forces", "children_handover_overdue"),
    "expected_actions_met": ("expected_action",),
    "response_hours": ("inject_fired",) + PROTECTIVE,
    "warnings_acted_on": ("early_warning_reported", "inject_fired", "attack", "attack_deterred"),
    "deaths_in_warned_attacks": ("attack",), "assessed_before_aid": ("decision_accepted",),
    "orders_effective": ("decision_accepted",),
    "hrddp_before_support": ("host_force_supported", "handover"),
    "sgbv_referral_share": ("sgbv_referred", "sgbv_unattended"),
    "consulted": ("attack", "attack_deterred", "engagement", "decision_accepted"),
    "information_shared": ("information_shared",), "disaggregated": ("assessment",),
    "referral_before_first_case": ("referral_pathway", "sgbv_referred", "sgbv_unattended"),
}
