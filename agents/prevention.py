"""What the doctrine bot does about the constructs of conflict prevention, children and
access: early response to rising tension, released children, checkpoints, gatherings.

Each function takes the bot (``agents.bots.DoctrineBot``) and orders through it, from its
team's report only (facts its team learnt) and the scenario's briefing.
"""

from __future__ import annotations

POLICE = ("fpu", "ipo")
FARMING = ("village",)  # places with fields a herd may trample (agents.herds)


def new_facts(bot, kind: str) -> list[dict]:
    """Facts of ``kind`` the team learnt since its last report, once each."""
    out = [f for f in bot.report["other"] if f["kind"] == kind and f["id"] not in bot.seen]
    bot.seen |= {f["id"] for f in out}
    return out


def prevent_clashes(bot) -> None:
    """Early warning, early response: where tension is reported rising (or crops were
    trampled), an inclusive mediation, a dialogue with women and youth, a confidence
    patrol; the turn after, a local agreement where the team mediated. Before a herd
    reaches a farming village on its corridor, the same mediation there; as it arrives, a
    confidence patrol. A rumour the team is told of is countered with facts."""
    turn = bot.report["turn"]
    for loc, mediated in sorted(bot.mediated_at.items()):
        if mediated < turn and loc not in bot.agreed and bot._order("local_agreement",
                                                                    location=loc):
            bot.agreed.add(loc)
    for f in new_facts(bot, "tension_rising") + new_facts(bot, "crop_damage"):
        _calm(bot, f["location"], patrol=True)
    for f in new_facts(bot, "transhumance"):
        bot.herds_due |= {(loc, hour) for loc, hour in f["due"].items()
                          if bot.locations[loc].type in FARMING}
    for loc, hour in sorted(bot.herds_due, key=lambda x: (x[1], x[0])):
        if hour < bot.now:
            bot.herds_due.discard((loc, hour))
        elif hour < bot.now + 3 * bot.turn_hours:  # in time for an agreement before it
            _calm(bot, loc, patrol=hour < bot.now + bot.turn_hours)
    for f in new_facts(bot, "rumour"):
        for loc in [f["location"], *f.get("reached", [])][:3]:
            bot._order("counter_rumour", location=loc)


def _calm(bot, loc: str, patrol: bool) -> None:
    """Mediate (inclusively) and talk with women and youth at ``loc``, once every two
    turns; with ``patrol``, a confidence patrol there too (once a turn)."""
    turn = bot.report["turn"]
    if bot.mediated_at.get(loc, -9) < turn - 1:
        if bot._order("mediate", location=loc):
            bot.mediated_at[loc] = turn
            bot.agreed.discard(loc)  # a new round of talks, a new agreement
        if not any(o["params"].get("location") == loc for o in bot.orders
                   if bot.catalogue[o["action"]] in bot._with("engage")):
            bot._order("engage", location=loc, unit=bot._mixed_team(loc))
    if patrol and (loc, turn) not in bot.patrolled:
        unit = bot._nearest_unit(loc)
        if unit is not None and bot._order("presence", location=loc, unit=unit, mode="patrol"):
            bot.patrolled.add((loc, turn))


def hold_checkpoint_routes(bot) -> None:
    """Travellers abducted at an armed group's checkpoint: hold its route, which stops it."""
    turn = bot.report["turn"]
    for f in new_facts(bot, "abduction"):
        if (f["route"], turn) in bot.held_routes:
            continue
        unit = bot._nearest_unit(f["route"].split("--")[0])
        if unit is not None and bot._order("presence", route=f["route"], unit=unit,
                                           mode="patrol"):
            bot.held_routes.add((f["route"], turn))


def hand_over_children(bot) -> None:
    """Children released: to a child-protection actor at once, never to security forces."""
    carers = [a.id for a in bot.scenario.actors.agencies if a.child_protection]
    for f in new_facts(bot, "children_released"):
        if f["hour"] > bot.handed.get(f["location"], -1.0):  # not the release it answered
            bot.children_waiting.add(f["location"])
    for loc in sorted(bot.children_waiting):
        if carers and bot._order("hand_over_children", location=loc, agency=carers[0]):
            bot.children_waiting.discard(loc)
            bot.handed[loc] = bot.now


def negotiate_access(bot) -> None:
    """A convoy taxed or turned back at a checkpoint: negotiate access there."""
    for f in new_facts(bot, "checkpoint_met"):
        if bot.negotiated.get(f["checkpoint"], -9) < bot.report["turn"] - 1 and \
                bot._order("negotiate_access", checkpoint=f["checkpoint"]):
            bot.negotiated[f["checkpoint"]] = bot.report["turn"]


def police_gatherings(bot) -> None:
    """Public order at a gathering the team was told of: police, not soldiers, there
    while it lasts (ordered in the turn it starts)."""
    for f in bot.report["other"]:
        if f["kind"] != "gathering" or f["end_hour"] <= bot.now:
            continue
        if f["start_hour"] >= bot.now + bot.turn_hours:
            continue  # not this turn yet: the fact stays in the team's knowledge
        if (f["location"], f["start_hour"]) in bot.policed:
            continue
        police = [u for u in bot.free if u["kind"] in POLICE
                  and f["location"] in u.get("reachable", [])]
        if police and bot._order("presence", location=f["location"], unit=police[0],
                                 mode="guard"):
            bot.policed.add((f["location"], f["start_hour"]))
