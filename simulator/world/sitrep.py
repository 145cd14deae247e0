"""What each team sees: unit observations at the end of a turn, and situation reports.

A report is built only from the team's own facts (``simulator.world.knowledge``) and its own
assets, never from the world directly: that is the fog of war.
"""

from __future__ import annotations

from simulator.language.scenario import Team

REPORT_KINDS = ("message", "threat", "hazard", "needs", "observation", "incident",
                "investigation", "hrddp", "asset_request", "route")


def observe(m, turn_events: list[dict]) -> None:
    """Units report what they see where they are (their team's ``own_units`` source)."""
    present, displaced = m.civilians.present(), m.civilians.displaced()
    for u in m.units.values():
        if not u.team:
            continue
        loc = u.location
        seen = [e["id"] for e in turn_events if e.get("location") == m.loc_ids[loc]
                and e["type"] in ("attack", "abuse_by_host_force", "attack_deterred")]
        m.knowledge.learn(u.team, "observation", "own_units", m.turn, m.now, m.loc_ids[loc],
                          unit=u.key, population=int(present[loc].sum()),
                          displaced=int(displaced[loc].sum()),
                          flood_level=round(float(m.floods.level[loc]), 2), incidents=seen)


def situation_report(m, team: Team, budget: float, turns: int) -> dict:
    """A situation report built only from what ``team`` knows."""
    facts = m.knowledge.of(team.id)
    # New since the last report: learnt, or shared, during the last turn or this one.
    new = [f for f in facts if max(f["turn"], f.get("shared_turn", 0)) >= m.turn - 1]
    return {
        "team": team.id, "turn": m.turn, "hour": m.now, "turns": turns, "budget": budget,
        "messages": [f for f in new if f["kind"] == "message"],
        "threats": [f for f in facts if f["kind"] == "threat"
                    and f.get("expected_hour", 0) >= m.now - m.turn_hours],
        "hazards": [f for f in facts if f["kind"] == "hazard"],
        "needs": _latest_by_location([f for f in facts if f["kind"] == "needs"]),
        "observations": [f for f in new if f["kind"] == "observation"],
        "incidents": [f for f in new if f["kind"] in ("incident", "investigation")],
        "hrddp": [f for f in facts if f["kind"] == "hrddp"],
        "asset_requests": [f for f in new if f["kind"] == "asset_request"],
        "routes": _latest_by_route([f for f in facts if f["kind"] == "route"]),
        "routes_closed": _closed_routes([f for f in facts if f["kind"] == "route"]),
        "other": [f for f in new if f["kind"] not in REPORT_KINDS],
        "units": [{"id": u.key, "kind": u.kind, "location": m.loc_ids[u.location],
                   "task": u.task if u.busy else "idle",
                   "busy_until": u.until if u.busy else None,
                   "fatigue": round(u.fatigue, 2), "capacity": u.capacity,
                   "women": u.women, "military": u.military,
                   "reachable": [m.loc_ids[i] for i in m.geo.reachable(u)]}
                  for u in m.units.values() if u.key in m.spec.assets_of(team.id)],
        "agencies": [{"id": a.key, "location": m.loc_ids[a.location],
                      "stocks": {k: round(v, 1) for k, v in a.stocks.items()},
                      "suspended": a.suspended}
                     for a in m.agencies.values() if a.key in team.assets],
    }


def _closed_routes(facts: list[dict]) -> list[str]:
    """Routes reported washed out and not reported repaired since."""
    state: dict[str, str] = {}
    for f in facts:
        state[f["route"]] = f["state"]
    return sorted(r for r, s in state.items() if s != "open")


def _latest_by_route(facts: list[dict]) -> list[dict]:
    """What the team last heard of each route reported washed out or repaired."""
    latest: dict[str, dict] = {}
    for f in facts:
        latest[f["route"]] = f
    return [latest[k] for k in sorted(latest)]


def _latest_by_location(facts: list[dict]) -> list[dict]:
    latest: dict[str, dict] = {}
    for f in facts:
        latest[f.get("location", "")] = f
    return [latest[k] for k in sorted(latest)]
