"""What a unit's task does once the unit arrives: an evacuation shuttles people out, a
medevac treats the injured, engineers repair a route (done some hours later)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.world.geography import key

if TYPE_CHECKING:
    from agents.units import Unit


class Tasks:
    """Tasks finished on arrival, named by the unit's ``on_arrival`` (``tasks.<name>``)."""

    def __init__(self, world):
        self.world = world
        self.repairs: list[tuple[float, int, int, str]] = []  # (done hour, a, b, cause)

    def evacuation(self, unit: Unit, src: int, dest: int, people, cause: str) -> None:
        w = self.world
        hours = w.geo.drive_hours(unit, src, dest)
        if hours is None or unit.capacity <= 0:
            w.log("evacuation_failed", cause, location=src, unit=unit.key, team=unit.team,
                  reason="no transport capacity" if unit.capacity <= 0 else "no open road")
            return
        left = max(0.0, w.turn * w.turn_hours - w.now)
        trips = max(1, int(left // (2 * hours + 1)))
        wanted = unit.capacity * trips if people is None else min(float(people),
                                                                    unit.capacity * trips)
        moved = w.civilians.carry(w.now, src, dest, int(wanted), hours)
        # The convoy shuttles and ends its task at the destination, out of the danger.
        trips_needed = max(1, -(-moved // max(unit.capacity, 1)))
        unit.moving_to, unit.arrive = dest, w.now + (2 * trips_needed - 1) * hours
        w.log("evacuation", cause, location=src, to=w.loc_ids[dest], unit=unit.key,
              team=unit.team, people=moved, trips=trips_needed)
        if unit.team:
            w.knowledge.learn(unit.team, "evacuation", "own_action", w.turn, w.now,
                              w.loc_ids[src], to=w.loc_ids[dest], people=moved)

    def casualty_care(self, unit: Unit, loc: int, cause: str) -> None:
        w = self.world
        c = w.civilians
        treated = int(c.injured[loc].sum())
        c.injured[loc] = 0
        c.treated[loc] = max(c.treated[loc], w.turn * w.turn_hours - w.now
                             + w.params.units.care_hours)
        w.log("medevac", cause, location=loc, unit=unit.key, team=unit.team,
              injured_treated=treated)

    def repair(self, unit: Unit | None, src: int, dest: int, cause: str,
               delay: float | None = None) -> None:
        w = self.world
        delay = w.params.units.repair_hours if delay is None else delay
        self.repairs.append((w.now + delay, src, dest, cause))

    def finish_repairs(self) -> None:
        w = self.world
        done = [r for r in self.repairs if r[0] <= w.now]
        self.repairs = [r for r in self.repairs if r[0] > w.now]
        for _, a, b, cause in done:
            route = f"{w.loc_ids[a]}--{w.loc_ids[b]}"
            if key(a, b) in w.geo.flooded_routes:
                w.log("repair_failed", cause, route=route, reason="route under water")
                continue
            if key(a, b) not in w.geo.closed:
                w.log("repair_not_needed", cause, route=route, reason="the route was open")
                continue
            w.geo.open_route(a, b)
            w.log("route_repaired", cause, route=route)
            w.outreach.tell_route(route, "open")
