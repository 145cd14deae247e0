"""Shared assets: a sector unit no team owns, tasked on request by the teams in its
``shared_by`` list. When several teams task it in the same turn, the team highest in the
list gets it (the first request among equals); the others' orders are not carried out,
and the log says who had it (``shared_asset_conflict``).
"""

from __future__ import annotations

from simulator.language.scenario import Action, Scenario


def shared_units(scenario: Scenario, action: Action, params: dict) -> list[str]:
    """The shared units an order tasks (its own-unit parameters naming one)."""
    shared = {u.id for u in scenario.actors.units if u.shared_by}
    return [params[k] for k, p in action.params.items()
            if p.type == "unit" and p.own and params.get(k) in shared]


def allot(scenario: Scenario, records: list[dict]) -> dict[str, tuple[dict, str]]:
    """Accepted orders of one turn (in order of submission) that lose a shared unit to a
    team with priority: order id → (the winning order, the unit)."""
    priority = {u.id: u.shared_by for u in scenario.actors.units if u.shared_by}
    best: dict[str, dict] = {}
    lost: dict[str, tuple[dict, str]] = {}
    for rec in records:
        action = scenario.actions_of(rec["team"])[rec["action"]]
        for unit in shared_units(scenario, action, rec["resolved"]):
            held = best.get(unit)
            rank = priority[unit].index(rec["team"])
            if held is None or rank < priority[unit].index(held["team"]):
                if held is not None:
                    lost[held["id"]] = (rec, unit)
                best[unit] = rec
            else:
                lost[rec["id"]] = (held, unit)
    # An order that lost one unit is not carried out, even if it won another.
    return lost
