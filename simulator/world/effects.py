"""Effect primitives: the small named operations that actions and injects compose.

Each primitive is a function ``(model, args, ctx)`` where ``args`` holds the effect's
arguments with ``$parameters`` already replaced by the decision's values. Every primitive
logs at least one event whose cause is the decision or inject behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from agents import communities, herds
from agents.gatherings import Gathering
from agents.hazards import FloodWave
from simulator.language.scenario import EFFECTS, Effect


@dataclass
class Context:
    """Who applies an effect, and why."""

    team: str | None  # acting team (None for injects)
    cause: str  # decision:<id> or inject:<id>
    recipients: tuple[str, ...] = ()  # for injects: the teams the message reaches


def resolve(effect: Effect, params: dict[str, Any]) -> dict[str, Any]:
    """The effect's arguments with ``$name`` replaced by ``params[name]``."""
    out = {}
    for field, value in effect.args:
        if isinstance(value, list):
            value = [params.get(v[1:]) if isinstance(v, str) and v.startswith("$") else v
                     for v in value]
        elif isinstance(value, str) and value.startswith("$"):
            value = params.get(value[1:])
        out[field] = value
    return out


def apply(model, effect: Effect, params: dict[str, Any], ctx: Context) -> None:
    PRIMITIVES[effect.kind](model, resolve(effect, params), ctx)


def _turn_end(m) -> float:
    return m.turn * m.turn_hours


def _loc(m, loc_id: str) -> int:
    return m.index[loc_id]


# --- tier I: dialogue and engagement -------------------------------------------------

def engage(m, a, ctx):
    loc = _loc(m, a["location"])
    c = m.params.community
    consult = a["consult"] if isinstance(a["consult"], list) else [a["consult"]]
    unit = m.units.get(a["unit"]) if a["unit"] else None
    if unit is not None and m.geo.drive_hours(unit, unit.location, loc) is None:
        m.log("engagement_failed", ctx.cause, location=loc, team=ctx.team, unit=unit.key,
              reason="the unit cannot reach the place")
        return
    if (loc, m.turn) in m.engaged:
        # Meeting the same community again within the turn adds nothing.
        m.log("engagement", ctx.cause, location=loc, team=ctx.team, consulted=sorted(consult),
              repeat=True, trust=round(float(m.trust[loc]), 3))
        return
    m.engaged.add((loc, m.turn))
    gain, calm = c.engage_trust, c.engage_tension
    if "women" in consult:
        # Women officers on the team reach women in the community (UNSCR 1325 practice).
        reach = 1.0 if unit is not None and unit.women > 0 else \
            c.women_reached_without_women_officers
        if m.outreach.has_structure(loc, "women_association"):
            reach *= c.women_association
        gain += c.women_consulted_bonus * reach
        m.knowledge.learn(ctx.team, "protection_concerns", "own_action", m.turn, m.now,
                          a["location"], sgbv_risk=round(float(m.civilians.risk[loc]), 2))
    if "youth" in consult:
        m.outreach.youth_met[loc] = m.now
        calm += c.youth_tension * (2 if m.outreach.has_structure(loc, "youth_association") else 1)
    m.outreach.talk_trust(loc, gain)
    m.tension[loc] = max(0.0, m.tension[loc] - calm)
    revealed = _community_tells(m, loc, ctx)
    m.log("engagement", ctx.cause, location=loc, team=ctx.team, consulted=sorted(consult),
          women_in_team=bool(unit and unit.women > 0), trust=round(float(m.trust[loc]), 3),
          threats_revealed=revealed)


def _community_tells(m, loc: int, ctx) -> int:
    """Trusting communities tell engaged teams about armed groups' plans nearby."""
    told = 0
    for g in m.armed.values():
        for plan in g.plans:
            if m.geo.hops[loc, plan.target] <= 1 and m.rng.random() < m.trust[loc]:
                m.knowledge.learn(ctx.team, "threat", "own_action", m.turn, m.now,
                                  m.loc_ids[plan.target], armed_group=g.key,
                                  expected_hour=plan.at, tactic=plan.tactic)
                told += 1
    return told


def mediate(m, a, ctx):
    loc = _loc(m, a["location"])
    amount = float(a["amount"])
    if any(m.outreach.has_structure(loc, k) for k in ("leaders", "religious_leaders", "peace_committee")):
        amount *= m.params.community.leaders_mediation
    amount *= communities.mediation_factor(m, loc, bool(a["inclusive"]))
    m.mediated[loc] = m.now
    groups = [m.armed[a["armed_group"]]] if a["armed_group"] else \
        [g for g in m.armed.values() if m.geo.road_km[g.base, loc] <= g.reach_km]
    for g in groups:
        g.grievance = max(0.0, g.grievance - (amount if a["armed_group"] else amount / 2))
    m.tension[loc] = max(0.0, m.tension[loc] - amount)
    m.log("mediation", ctx.cause, location=loc, team=ctx.team,
          armed_groups={g.key: round(g.grievance, 3) for g in groups},
          tension=round(float(m.tension[loc]), 3),
          **({"inclusive": True} if a["inclusive"] else {}))


def local_agreement(m, a, ctx):
    loc = _loc(m, a["location"])
    p = m.params.intercommunal
    since = m.mediated.get(loc)
    if since is None or m.now - since > p.agreement_window_hours:
        m.log("local_agreement_failed", ctx.cause, location=loc, team=ctx.team,
              reason="no mediation there before")
        return
    m.agreements[loc] = max(m.agreements.get(loc, 0.0), m.now + 24 * float(a["days"]))
    m.log("local_agreement", ctx.cause, location=loc, team=ctx.team,
          until_hour=round(m.agreements[loc], 2), tension=round(float(m.tension[loc]), 3))


def counter_rumour(m, a, ctx):
    loc = _loc(m, a["location"])
    cut = m.params.intercommunal.counter_rumour
    reached = [loc] + (m.geo.neighbours(loc) if m.outreach.has_structure(loc, "local_radio", hops=1) else [])
    for i in reached:
        m.tension[i] = max(0.0, m.tension[i] - cut)
        m.civilians.risk[i] = max(0.0, m.civilians.risk[i] - 2 * cut)
    m.log("rumour_countered", ctx.cause, location=loc, team=ctx.team,
          reached=[m.loc_ids[i] for i in reached], tension=round(float(m.tension[loc]), 3))


def warn(m, a, ctx):
    loc = _loc(m, a["location"])
    amount = float(a["amount"])
    if m.outreach.has_structure(loc, "local_radio", hops=1):
        amount *= m.params.community.radio_amplification
    reached = np.flatnonzero(m.geo.hops[loc] <= float(a["radius_hops"])).tolist()
    for i in reached:
        m.civilians.risk[i] = min(1.0, m.civilians.risk[i] + amount)
    m.log("warning", ctx.cause, location=loc, team=ctx.team,
          reached=[m.loc_ids[i] for i in reached], amount=amount)


def early_warning(m, a, ctx):
    loc = _loc(m, a["location"])
    teams = m.outreach.alert_networks.setdefault(loc, set())
    new = ctx.team not in teams
    teams.add(ctx.team)
    m.log("alert_network_set_up", ctx.cause, location=loc, team=ctx.team, new=new)


def share_information(m, a, ctx):
    n = m.knowledge.share(ctx.team, a["to"], m.turn)
    m.log("information_shared", ctx.cause, team=ctx.team, to=a["to"], facts=n)


def message(m, a, ctx):
    m.knowledge.learn(a["to"], "message", "messages", m.turn, m.now, a["location"],
                      topic=a["topic"], cause=ctx.cause)
    m.log("message_delivered", ctx.cause, to=a["to"], topic=a["topic"],
          location=_loc(m, a["location"]) if a["location"] else None)


# --- tier II: physical protection ----------------------------------------------------

def _post(m, unit, task: str, a, until: float, ctx) -> tuple[dict, float] | None:
    """Send ``unit`` on ``task`` to a place, or along a route (to its nearer end); return
    where it goes (its event's place fields) and its arrival hour, or None when it cannot
    reach."""
    if not a.get("route"):
        loc = _loc(m, a["location"])
        arrive = unit.assign(task, loc, until, ctx.cause)
        return None if arrive is None else ({"location": loc}, arrive)
    ends = m.geo.route_ends(a["route"])
    if ends is None:
        m.log("route_not_found", ctx.cause, team=ctx.team, route=a["route"])
        return None
    reach = [(h, end) for end in ends if (h := m.geo.drive_hours(unit, unit.location, end)) is not None]
    loc = min(reach)[1] if reach else ends[0]
    arrive = unit.assign(task, loc, until, ctx.cause)
    if arrive is None:
        return None
    unit.task_route = tuple(sorted(ends))  # the route's key, either way round
    return {"location": loc, "route": m.geo.route_id(*ends)}, arrive


def presence(m, a, ctx):
    unit = m.units[a["unit"]]
    until = m.now + float(a["hours"]) if a["hours"] else _turn_end(m)
    if (posted := _post(m, unit, a["mode"], a, until, ctx)) is not None:
        where, arrive = posted
        m.log("presence", ctx.cause, **where, team=ctx.team, unit=unit.key, mode=a["mode"],
              arrive_hour=round(arrive, 2), until_hour=round(until, 2))


def escort(m, a, ctx):
    unit = m.units[a["unit"]]
    until = _turn_end(m)
    if (posted := _post(m, unit, "escort", a, until, ctx)) is not None:
        where, arrive = posted
        m.log("escort", ctx.cause, **where, team=ctx.team, unit=unit.key,
              arrive_hour=round(arrive, 2), until_hour=round(max(until, arrive), 2))


def checkpoint(m, a, ctx):
    cp = m.geo.checkpoints[a["checkpoint"]]
    cp.active = bool(a["active"])
    m.geo.update_checkpoints()
    m.log("checkpoint_set_up" if cp.active else "checkpoint_lifted", ctx.cause, team=ctx.team,
          checkpoint=cp.key, route=m.geo.route_id(*cp.route), held_by=cp.held_by)


def negotiate_access(m, a, ctx):
    cp = m.geo.checkpoints[a["checkpoint"]]
    cp.access_until = max(cp.access_until, m.now + float(a["hours"]))
    m.log("access_negotiated", ctx.cause, team=ctx.team, checkpoint=cp.key,
          route=m.geo.route_id(*cp.route), held_by=cp.held_by, until_hour=round(cp.access_until, 2))


def evacuate(m, a, ctx):
    unit = m.units[a["unit"]]
    src, dest = _loc(m, a["from_"]), _loc(m, a["to"])
    people = a["people"]
    unit.assign("evacuate", src, _turn_end(m), ctx.cause,
                on_arrival=("tasks.evacuation", {"src": src, "dest": dest, "people": people,
                                           "cause": ctx.cause}))


def medevac(m, a, ctx):
    unit = m.units[a["unit"]]
    loc = _loc(m, a["location"])
    unit.assign("medevac", loc, _turn_end(m), ctx.cause,
                on_arrival=("tasks.casualty_care", {"loc": loc, "cause": ctx.cause}))


def detain(m, a, ctx):
    unit = m.units[a["unit"]]
    loc = _loc(m, a["location"])
    unit.assign("detain", loc, _turn_end(m), ctx.cause,
                on_arrival=("custody.detention", {"loc": loc, "group": a["armed_group"],
                                          "team": ctx.team, "cause": ctx.cause}))


def _route(m, a, ctx) -> tuple[int, int] | None:
    """The route's two ends, or None (logged as ``route_not_found``) if no route joins them."""
    src, dest = _loc(m, a["from_"]), _loc(m, a["to"])
    if not m.geo.graph.has_edge(src, dest):
        m.log("route_not_found", ctx.cause, team=ctx.team, route=f"{a['from_']}--{a['to']}")
        return None
    return src, dest


def repair_route(m, a, ctx):
    if (ends := _route(m, a, ctx)) is None:
        return
    src, dest = ends
    if a["unit"]:
        unit = m.units[a["unit"]]
        # Engineers work from whichever end of the broken route they can reach.
        near = src if m.geo.drive_hours(unit, unit.location, src) is not None else dest
        unit.assign("repair", near, _turn_end(m), ctx.cause,
                                  on_arrival=("tasks.repair", {"src": src, "dest": dest,
                                                         "cause": ctx.cause}))
    else:
        m.tasks.repair(None, src, dest, ctx.cause, delay=0.0)


def close_route(m, a, ctx):
    if (ends := _route(m, a, ctx)) is None:
        return
    m.geo.close_route(*ends, ctx.cause)
    m.log("route_closed", ctx.cause, team=ctx.team, route=f"{a['from_']}--{a['to']}")


def open_route(m, a, ctx):
    if (ends := _route(m, a, ctx)) is None:
        return
    m.geo.open_route(*ends)
    m.log("route_opened", ctx.cause, team=ctx.team, route=f"{a['from_']}--{a['to']}")


def boats(m, a, ctx):
    if (ends := _route(m, a, ctx)) is None:
        return
    people = max(0, int(round(float(a["people"]))))
    m.geo.set_boats(*ends, people)
    m.log("boats_changed", ctx.cause, team=ctx.team, route=m.geo.route_id(*ends), people=people)


def gathering(m, a, ctx):
    loc = _loc(m, a["location"])
    start = m.now + float(a["in_hours"])
    g = Gathering(loc, a["kind"], start, start + float(a["hours"]), int(float(a["people"])),
                  int(float(a["radius_hops"])), float(a["tension"]), ctx.cause)
    m.gatherings.append(g)
    for team in ctx.recipients:
        m.knowledge.learn(team, "gathering", "messages", m.turn, m.now, a["location"],
                          gathering=g.kind, people=g.people, start_hour=round(g.start, 2),
                          end_hour=round(g.end, 2))
    m.log("gathering_planned", ctx.cause, location=loc, kind=g.kind, people=g.people,
          start_hour=round(g.start, 2), end_hour=round(g.end, 2))


def children_released(m, a, ctx):
    loc = _loc(m, a["location"])
    girls, boys = int(float(a["girls"])), int(float(a["boys"]))
    record = {"location": loc, "armed_group": a["armed_group"], "children": girls + boys,
              "by_group": {"girls": girls, "boys": boys}, "hour": m.now, "cause": ctx.cause,
              "status": "waiting", "with": None}
    m.custody.released.append(record)
    for team in ctx.recipients:
        m.knowledge.learn(team, "children_released", "messages", m.turn, m.now,
                          a["location"], armed_group=a["armed_group"], children=girls + boys)
    m.log("children_released", ctx.cause, location=loc, armed_group=a["armed_group"],
          children=girls + boys, children_by_group=record["by_group"])


def hand_over_children(m, a, ctx):
    """Hand the children waiting at a place to a child-protection actor, or (the mistake)
    to a host force."""
    loc = _loc(m, a["location"])
    waiting = [r for r in m.custody.released if r["location"] == loc and r["status"] == "waiting"]
    agency = m.agencies.get(a["agency"]) if a["agency"] else None
    if bool(a["agency"]) == bool(a["host_force"]):
        reason = "name one receiver: an agency or a host force"
    elif not waiting or (agency is not None and not agency.child_protection):
        reason = "no released child waiting there" if not waiting else \
            "the agency is not a child-protection actor"
    else:
        reason = None
    if reason:
        m.log("children_handover_failed", ctx.cause, location=loc, team=ctx.team,
              agency=a["agency"], host_force=a["host_force"], reason=reason)
        return
    v = m.params.violence
    for r in waiting:
        hours = m.now - r["hour"]
        said = dict(location=loc, team=ctx.team, armed_group=r["armed_group"],
                    children=r["children"], children_by_group=r["by_group"],
                    hours_after_release=round(hours, 2),
                    in_time=bool(hours <= v.children_handover_hours))
        if agency is not None:
            r.update(status="in_care", reunify_hour=m.now + v.family_tracing_hours,
                     **{"with": agency.key})
            m.log("children_handed_over", ctx.cause, agency=agency.key, **said)
        else:
            r.update(status="with_security_forces", **{"with": a["host_force"]})
            m.log("children_handed_to_security_forces", ctx.cause,
                  host_force=a["host_force"], **said)


def transhumance(m, a, ctx):
    herd = m.herds[a["herd"]]
    if herd.arrive is not None or herd.done or herd.leg:
        m.log("herd_already_moving", ctx.cause, herd=herd.key, team=ctx.team)
        return
    herds.set_off(m, herd, ctx.cause)


def conflict(m, a, ctx):
    loc = _loc(m, a["location"])
    m.civilians.conflict[loc] = bool(a["active"])
    m.log("conflict_started" if a["active"] else "conflict_ended", ctx.cause, location=loc,
          team=ctx.team)


def admission(m, a, ctx):
    loc = _loc(m, a["location"])
    m.civilians.closed_sites[loc] = not a["open"]
    m.log("site_admits" if a["open"] else "site_closed", ctx.cause, location=loc,
          team=ctx.team)


def redirect(m, a, ctx):
    src, dest = _loc(m, a["from_"]), _loc(m, a["to"])
    if a["active"]:
        m.civilians.redirect[src] = dest
    elif m.civilians.redirect.get(src) == dest:
        del m.civilians.redirect[src]
    m.log("redirect_started" if a["active"] else "redirect_ended", ctx.cause, location=src,
          to=a["to"], team=ctx.team)


def open_site(m, a, ctx):
    loc = _loc(m, a["location"])
    c = m.civilians
    before = c.capacity[loc]
    # A site opened in a place without a limit adds room beside the people already there.
    base = before if np.isfinite(before) else float(c.present()[loc].sum())
    c.capacity[loc] = base + float(a["capacity"])
    c.attractiveness[loc] = max(c.attractiveness[loc],
                                m.params.movement.attractiveness.get("idp_site", 3.0))
    m.site_shelter[loc] = max(m.site_shelter[loc], float(a["shelter"]))
    m.log("site_opened", ctx.cause, location=loc, team=ctx.team,
          capacity=int(c.capacity[loc]), shelter=float(m.site_shelter[loc]))


# --- humanitarian and civil-military -------------------------------------------------

def assess(m, a, ctx):
    loc = _loc(m, a["location"])
    c = m.civilians
    expected = c.expected_unmet(m.floods.level, m.site_shelter)[loc]
    unmet = {k: round(float(v), 3) for k, v in zip(("water", "food", "shelter", "health"),
                                                 expected, strict=True)}
    fact = dict(population=int(c.present()[loc].sum()), displaced=int(c.displaced()[loc].sum()),
                unmet=unmet, injured=int(c.injured[loc].sum()),
                infected=int(m.epidemic.i[loc] + m.epidemic.e[loc]),
                road_open=bool(any(m.geo.agency_hours(ag, loc) is not None
                                   for ag in m.agencies.values())))
    if a["disaggregated"]:  # who is there, by sex and age, only if the team asked
        fact["by_group"] = m.by_group(c.present()[loc])
    m.knowledge.learn(ctx.team, "needs", "own_action", m.turn, m.now, a["location"], **fact)
    m.log("assessment", ctx.cause, location=loc, team=ctx.team,
          disaggregated=bool(a["disaggregated"]), **fact)


def supply(m, a, ctx):
    loc = _loc(m, a["location"])
    need, amount = a["need"], float(a["amount"])
    if amount <= 0:
        m.log("aid_blocked", ctx.cause, location=loc, team=ctx.team, need=need,
              reason="nothing to deliver")
        return
    if a["conditional"]:
        m.access.leverage(loc, need, ctx.team, ctx.cause)
    if a["unit"]:
        _military_supply(m, m.units[a["unit"]], loc, need, amount, a["agency"], ctx)
        return
    agencies = [m.agencies[a["agency"]]] if a["agency"] else \
        [ag for ag in m.agencies.values() if ag.team == ctx.team and need in ag.sectors]
    # The team's agency best placed to go: an open road first, then the largest stock.
    agencies.sort(key=lambda ag: (m.geo.agency_hours(ag, loc) is None, -ag.stocks[need]))
    if not agencies:
        m.log("aid_blocked", ctx.cause, location=loc, team=ctx.team, need=need,
              reason=f"no agency of the team works in {need}")
        return
    agencies[0].deliver(loc, need, amount, ctx.cause)


def _military_supply(m, unit, loc, need, amount, agency_id, ctx):
    """Military or police assets carrying aid: lawful only as an approved last resort."""
    if unit.military and not m.access.approved(unit, loc):
        m.access.breach(unit, loc, ctx.team, ctx.cause,
                 "military asset used for aid without an approved last-resort request")
    stock = [m.agencies[agency_id]] if agency_id else \
        sorted(m.agencies.values(), key=lambda ag: -ag.stocks[need])
    if not stock or stock[0].stocks[need] <= 0:
        m.log("aid_blocked", ctx.cause, location=loc, team=ctx.team, need=need,
              reason=f"no {need} stock to carry")
        return
    arrive = unit.assign("deliver", loc, _turn_end(m), ctx.cause)
    if arrive is not None:
        stock[0].send(loc, need, amount, arrive - m.now, ctx.cause, by=unit.key)


def request_asset(m, a, ctx):
    unit = m.units[a["unit"]]
    loc = _loc(m, a["location"])
    civilian_way = any(m.geo.agency_hours(ag, loc) is not None for ag in m.agencies.values()) \
        and not m.protection.insecure(loc)
    if not a["last_resort"] or not (a["justification"] or "").strip():
        reason = "no last-resort justification"
    elif civilian_way:
        reason = "a civilian alternative exists (open road, secure destination)"
    else:
        reason = None
    for team in sorted({ctx.team, unit.team} - {None}):
        m.knowledge.learn(team, "asset_request", "messages", m.turn, m.now, a["location"],
                          unit=unit.key, approved=reason is None, reason=reason or "")
    if reason:
        m.log("asset_request_declined", ctx.cause, location=loc, team=ctx.team, unit=unit.key,
              reason=reason)
        return
    turns = m.params.humanitarian.approval_turns
    until = m.now + turns * m.turn_hours
    m.access.approvals[(unit.key, loc)] = (until, ctx.cause)
    m.log("asset_request_approved", ctx.cause, location=loc, team=ctx.team, unit=unit.key,
          justification=a["justification"], until_hour=round(until, 2))


# --- human rights --------------------------------------------------------------------

def hrddp_assessment(m, a, ctx):
    hf = m.host_forces[a["host_force"]]
    hf.assessed = True
    # Where the risk of grave violations is too high, no measure mitigates it: withhold.
    mitigable = hf.abuse_risk < m.params.violence.unmitigable_risk
    hf.mitigated = bool(a["mitigation"]) and mitigable
    advice = "support with mitigation" if hf.mitigated else \
        ("support" if mitigable else "withhold support")
    hf.advice = advice
    m.knowledge.learn(ctx.team, "hrddp", "own_action", m.turn, m.now, None,
                      host_force=hf.key, risk=hf.abuse_risk, mitigation=hf.mitigated,
                      advice=advice)
    m.log("hrddp_assessment", ctx.cause, team=ctx.team, host_force=hf.key,
          risk=hf.abuse_risk, mitigation=hf.mitigated, advice=advice)


def support_host_forces(m, a, ctx):
    hf = m.host_forces[a["host_force"]]
    assessed = hf.add_support(ctx.cause)
    if a["kind"] == "joint_operation":
        m.protection.joint_ops[hf.key] = _turn_end(m) + m.turn_hours
    m.log("host_force_supported", ctx.cause, team=ctx.team, host_force=hf.key, kind=a["kind"],
          hrddp_assessed=assessed, mitigation=hf.mitigated, advice=hf.advice)


def handover(m, a, ctx):
    hf = m.host_forces[a["host_force"]]
    n = m.custody.detainees.get(ctx.team, 0)
    if not n:
        m.log("handover", ctx.cause, team=ctx.team, host_force=hf.key, detainees=0,
              hrddp_assessed=hf.assessed)
        return
    assessed = hf.add_support(ctx.cause)
    hf.detainees += n
    m.custody.detainees[ctx.team] = 0
    m.log("handover", ctx.cause, team=ctx.team, host_force=hf.key, detainees=n,
          hrddp_assessed=assessed, advice=hf.advice)


def referral_pathway(m, a, ctx):
    loc = _loc(m, a["location"])
    new = loc not in m.outreach.referral
    m.outreach.referral.add(loc)
    m.log("referral_pathway", ctx.cause, location=loc, team=ctx.team, new=new)


def investigate(m, a, ctx):
    loc = _loc(m, a["location"])
    c = m.params.community
    m.outreach.investigated[loc] = m.now + c.investigation_turns * m.turn_hours
    m.outreach.talk_trust(loc, c.investigation_trust)
    near = {m.loc_ids[i] for i in np.flatnonzero(m.geo.hops[loc] <= 1).tolist()}
    found = [e["id"] for e in m.events.of_type("abuse_by_host_force", "attack")
             if e.get("location") in near]
    m.knowledge.learn(ctx.team, "investigation", "own_action", m.turn, m.now, a["location"],
                      incidents=found)
    m.log("investigation", ctx.cause, location=loc, team=ctx.team, incidents_found=found)


# --- inject primitives ---------------------------------------------------------------

def threat(m, a, ctx):
    g = m.armed[a["armed_group"]]
    on_route = {}
    if a.get("route"):
        ends = m.geo.route_ends(a["route"])
        if ends is None:
            m.log("route_not_found", ctx.cause, team=ctx.team, route=a["route"])
            return
        loc, on_route = ends[0], {"route": m.geo.route_id(*ends)}
    else:
        loc = _loc(m, a["location"])
    at = m.now + float(a["in_hours"])
    if not a["false_alarm"]:  # a false alarm is told like any threat, but nothing comes
        plan = g.plan(at, loc, a["tactic"], ctx.cause)
        plan.route = tuple(sorted(ends)) if on_route else None
    for team in ctx.recipients:
        m.knowledge.learn(team, "threat", "messages", m.turn, m.now, m.loc_ids[loc],
                          armed_group=g.key, expected_hour=at, tactic=a["tactic"], **on_route)
    m.log("false_alarm" if a["false_alarm"] else "threat_planned", ctx.cause, location=loc,
          armed_group=g.key, tactic=a["tactic"], expected_hour=at, **on_route)


def hazard(m, a, ctx):
    locs = [_loc(m, x) for x in a["locations"]]
    level = float(a["level"])
    start = m.now + float(a["in_hours"])
    if a["kind"] == "flood":
        wave = FloodWave(locs, start, float(a["rise_hours"]), float(a["duration_hours"]),
                         level, ctx.cause)
        m.floods.add(wave)
        peak = start + float(a["rise_hours"])
        # The water stands at its peak, then falls as fast as it rose.
        until = peak + float(a["duration_hours"]) + float(a["rise_hours"])
    else:
        for loc in locs:
            m.epidemic.seed(loc, level)
        peak = until = m.now
    for team in ctx.recipients:
        m.knowledge.learn(team, "hazard", "messages", m.turn, m.now, None, hazard=a["kind"],
                          locations=list(a["locations"]), peak_hour=peak, until_hour=until,
                          level=level)
    m.log("hazard", ctx.cause, hazard=a["kind"], locations=list(a["locations"]), level=level,
          peak_hour=peak, until_hour=until)


def rumour(m, a, ctx):
    loc = _loc(m, a["location"])
    m.civilians.raise_risk(loc, float(a["amount"]), [], 0.0)
    m.tension[loc] = float(np.clip(m.tension[loc] + float(a["tension"]), 0, 1))
    hops = m.geo.hops[loc]
    spread = np.flatnonzero((0 < hops) & (hops <= float(a["spread_hops"]))).tolist()
    for i in spread:  # by radio and phones, at half strength
        m.civilians.raise_risk(i, float(a["amount"]) / 2, [], 0.0)
        m.tension[i] = float(np.clip(m.tension[i] + float(a["tension"]) / 2, 0, 1))
    for team in ctx.recipients:
        m.knowledge.learn(team, "rumour", "messages", m.turn, m.now, a["location"],
                          reached=[m.loc_ids[i] for i in spread])
    m.log("rumour", ctx.cause, location=loc, risk=round(float(m.civilians.risk[loc]), 3),
          tension=round(float(m.tension[loc]), 3),
          **({"reached": [m.loc_ids[i] for i in spread]} if spread else {}))


def tension(m, a, ctx):
    loc = _loc(m, a["location"])
    m.tension[loc] = float(np.clip(m.tension[loc] + float(a["amount"]), 0, 1))
    m.log("tension_changed", ctx.cause, location=loc, tension=round(float(m.tension[loc]), 3))


# Each primitive's function has the primitive's name.
PRIMITIVES: dict[str, Callable] = {kind: globals()[kind] for kind in EFFECTS}
