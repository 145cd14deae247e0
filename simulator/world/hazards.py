"""What floods and an epidemic do to the map and the people each sub-step: routes under
water (washed out, or open again when it falls), drownings, disease deaths. The waves
and the SEIR compartments themselves are ``agents.hazards``."""

from __future__ import annotations

import numpy as np

from agents.civilians import GROUPS, split_counts


class Hazards:
    """The floods' and the epidemic's effects, one sub-step at a time."""

    def __init__(self, world):
        self.world = world

    def flood(self) -> None:
        w, geo = self.world, self.world.geo
        level = w.floods.step(w.now)
        h = w.params.hazards
        high = (level >= h.route_flood_m).tolist()
        flooded = {(a, b) for a, b in geo.flood_prone if high[a] or high[b]} \
            if any(high) else set()
        for a, b in flooded:
            geo.flood_peak[(a, b)] = max(geo.flood_peak.get((a, b), 0.0),
                                         float(max(level[a], level[b])))
        if flooded != geo.flooded_routes:
            for a, b in sorted(flooded - geo.flooded_routes):
                w.log("route_flooded", "rule:flood", route=f"{w.loc_ids[a]}--{w.loc_ids[b]}")
            for a, b in sorted(geo.flooded_routes - flooded):
                route = f"{w.loc_ids[a]}--{w.loc_ids[b]}"
                peak = geo.flood_peak.pop((a, b), 0.0)
                if h.washout_m is not None and peak >= h.washout_m:
                    # The water fell but took the road with it: engineers must repair it.
                    geo.closed[(a, b)] = "rule:washout"
                    w.log("route_washed_out", "rule:flood", route=route, peak_m=round(peak, 2))
                    w.outreach.tell_route(route, "washed_out")
                else:
                    w.log("route_reopened", "rule:flood", route=route)
            geo.flooded_routes = flooded
            geo.changed()
        lethal = np.clip(h.flood_lethality * level * w.dt, 0, 1)  # every place at once
        for loc in (level > 0).nonzero()[0].tolist():
            dead = w.rng.binomial(w.civilians.present_at(loc), lethal[loc])
            if np.count_nonzero(dead):
                dead = w.civilians.kill("flood", loc, dead)
                w.log("flood_deaths", "rule:flood", location=int(loc), deaths=int(dead.sum()),
                      deaths_by_group=w.by_group(dead), level_m=round(float(level[loc]), 2))

    def epidemic(self) -> None:
        w = self.world
        if w.epidemic.idle():
            return
        c, h = w.civilians, w.params.hazards
        people = c.present().sum(axis=1).astype(float)
        cap = np.where(np.isfinite(c.capacity), c.capacity, np.inf)
        crowd = np.where(np.isfinite(cap), np.clip(people / np.maximum(cap, 1) /
                                                   h.crowding_density, 0, 1),
                         h.open_crowding)
        water_met = 1 - c.turn_unmet[:, 0]
        wash = np.clip(0.5 * water_met + 0.5 * w.sanitation, 0, 1)
        care = 1 - c.turn_unmet[:, 3]
        deaths = w.epidemic.step(w.rng, w.dt, people, crowd, wash, care)
        vuln = np.array([w.params.needs.vulnerability.get(g, 1.0) for g in GROUPS])
        for loc in np.flatnonzero(deaths):
            share = c.present_at(loc) * vuln
            if share.sum() > 0:
                dead = c.kill("disease", loc, split_counts(int(deaths[loc]), share.astype(float)))
                if dead.any():
                    w.log("disease_deaths", "rule:epidemic", location=int(loc),
                          deaths=int(dead.sum()), deaths_by_group=w.by_group(dead))
