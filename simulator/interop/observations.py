"""A team's situation report as fixed-shape arrays (float32), built from the report alone.

    clock     (4,)                      turn, turns, hour, budget left this turn
    places    (places, PLACE_FEATURES)  the team's picture of each place, in map order
    units     (units, UNIT_FEATURES)    its units (own, then the shared ones it may request)
    agencies  (agencies, AGENCY_FEATURES)  its agencies
    routes    (routes,)                 what it last heard of each route: 1 open, 0 washed
                                        out, -1 nothing
    facts     (len(FACT_KINDS) + 1,)    the facts the report carries, by kind (the last
                                        column: any other kind)

``UNKNOWN`` (-1) marks what the report does not tell: a place no unit of the team saw
this turn has -1 for population, displaced, flood level and incidents seen; a place
never assessed, -1 for its needs. Every value is -1 or more; counts are whole numbers.
"""

from __future__ import annotations

import numpy as np

from simulator.language.scenario import NEEDS, Scenario

UNKNOWN = -1.0

PLACE_FEATURES = (
    "seen",  # 1 when a unit of the team (or of a team that shared) reported from it
    "population",  # people the unit saw there
    "displaced",  # displaced people it saw there
    "flood_level",  # the water level it saw there
    "incidents_seen",  # attacks and abuses it saw there during the turn
    "assessed_turns_ago",  # turns since the team's latest needs assessment of the place
    "needs_population",  # people the assessment counted
    *(f"unmet_{need}" for need in NEEDS),  # the share of each need not met (0 to 1)
    "road_open",  # 1 when the assessment found the road open, 0 cut
    "threats",  # threats the report expects there
    "threat_in_hours",  # hours until the earliest of them (0 when due or overdue)
    "flood_warned",  # 1 when a flood warning names the place
    "outbreak_warned",  # 1 when an outbreak report names it
    "incidents_reported",  # incident and investigation reports from it
    "messages_naming",  # new messages that name it
    "own_units",  # the team's units there
)
UNIT_FEATURES = ("place", "busy", "busy_hours", "fatigue")  # place: its row in ``places``
AGENCY_FEATURES = ("place", "suspended", *(f"stock_{need}" for need in NEEDS))
# The kinds of fact teams learn (simulator.world.knowledge), in a fixed order.
FACT_KINDS = ("message", "threat", "hazard", "needs", "observation", "incident",
              "investigation", "hrddp", "asset_request", "route", "rejected", "shared_asset",
              "abduction", "checkpoint_met", "children_released", "detention", "evacuation",
              "gathering", "protection_concerns", "rumour", "tension_rising", "transhumance")
SECTIONS = ("messages", "threats", "hazards", "needs", "observations", "incidents", "hrddp",
            "asset_requests", "routes", "other")  # the report's lists of facts


class ReportArrays:
    """The array layout of ``team``'s reports on ``scenario``: row order and encoding."""

    def __init__(self, scenario: Scenario, team: str):
        self.team = team
        self.places = [loc.id for loc in scenario.map.locations]
        self.row = {p: i for i, p in enumerate(self.places)}
        units = {u.id for u in scenario.actors.units}
        agencies = {a.id for a in scenario.actors.agencies}
        spec = next(t for t in scenario.teams if t.id == team)
        self.units = [a for a in scenario.assets_of(team) if a in units]
        self.agencies = [a for a in spec.assets if a in agencies]
        self.routes = [r.key for r in scenario.map.routes]
        self._route_row = {k: i for i, r in enumerate(scenario.map.routes)
                           for k in (r.key, f"{r.to}--{r.from_}")}
        self._turn_hours = float(scenario.metadata.turn_hours)

    def shapes(self) -> dict[str, tuple[int, ...]]:
        return {"clock": (4,), "places": (len(self.places), len(PLACE_FEATURES)),
                "units": (len(self.units), len(UNIT_FEATURES)),
                "agencies": (len(self.agencies), len(AGENCY_FEATURES)),
                "routes": (len(self.routes),), "facts": (len(FACT_KINDS) + 1,)}

    def encode(self, report: dict) -> dict[str, np.ndarray]:
        """The arrays of one situation report (``simulator.world.sitrep``)."""
        now = float(report["hour"])
        out = {"clock": np.array([report["turn"], report["turns"], now, report["budget"]],
                                 dtype=np.float32),
               "places": self._places(report, now), "units": self._units(report),
               "agencies": self._agencies(report), "routes": self._routes(report),
               "facts": self._facts(report)}
        return out

    def _places(self, report: dict, now: float) -> np.ndarray:
        f = {name: i for i, name in enumerate(PLACE_FEATURES)}
        a = np.zeros((len(self.places), len(PLACE_FEATURES)), dtype=np.float32)
        a[:, [f["population"], f["displaced"], f["flood_level"], f["incidents_seen"],
              f["assessed_turns_ago"], f["needs_population"], f["road_open"],
              f["threat_in_hours"]]] = UNKNOWN
        a[:, [f[f"unmet_{n}"] for n in NEEDS]] = UNKNOWN
        for o in report["observations"]:
            row = a[self.row[o["location"]]]
            if not row[f["seen"]]:
                row[[f["seen"], f["incidents_seen"]]] = 1, 0
            row[f["population"]] = o["population"]
            row[f["displaced"]] = o["displaced"]
            row[f["flood_level"]] = o["flood_level"]
            row[f["incidents_seen"]] += len(o.get("incidents", ()))
        for n in report["needs"]:
            row = a[self.row[n["location"]]]
            row[f["assessed_turns_ago"]] = report["turn"] - n["turn"]
            row[f["needs_population"]] = n.get("population", UNKNOWN)
            for need in NEEDS:
                row[f[f"unmet_{need}"]] = n.get("unmet", {}).get(need, UNKNOWN)
            row[f["road_open"]] = 1.0 if n.get("road_open", True) else 0.0
        for t in report["threats"]:
            if t.get("location") in self.row:
                row = a[self.row[t["location"]]]
                row[f["threats"]] += 1
                due = max(0.0, float(t["expected_hour"]) - now)
                earliest = row[f["threat_in_hours"]]
                row[f["threat_in_hours"]] = due if earliest == UNKNOWN else min(earliest, due)
        for h in report["hazards"]:
            column = f["flood_warned"] if h["hazard"] == "flood" else f["outbreak_warned"]
            a[[self.row[p] for p in h.get("locations", ()) if p in self.row], column] = 1
        for i in report["incidents"]:
            if i.get("location") in self.row:
                a[self.row[i["location"]], f["incidents_reported"]] += 1
        for m in report["messages"]:
            for p in m.get("places", ()):
                if p in self.row:
                    a[self.row[p], f["messages_naming"]] += 1
        for u in report["units"]:
            a[self.row[u["location"]], f["own_units"]] += 1
        return a

    def _units(self, report: dict) -> np.ndarray:
        a = np.full((len(self.units), len(UNIT_FEATURES)), UNKNOWN, dtype=np.float32)
        rows = {u: i for i, u in enumerate(self.units)}
        now = float(report["hour"])
        for u in report["units"]:
            if u["id"] in rows:
                busy = u["task"] != "idle"
                a[rows[u["id"]]] = (self.row[u["location"]], float(busy),
                                    max(0.0, float(u["busy_until"]) - now) if busy else 0.0,
                                    u["fatigue"])
        return a

    def _agencies(self, report: dict) -> np.ndarray:
        a = np.full((len(self.agencies), len(AGENCY_FEATURES)), UNKNOWN, dtype=np.float32)
        rows = {x: i for i, x in enumerate(self.agencies)}
        for ag in report["agencies"]:
            if ag["id"] in rows:
                a[rows[ag["id"]]] = (self.row[ag["location"]], float(bool(ag["suspended"])),
                                     *(ag["stocks"].get(n, 0.0) for n in NEEDS))
        return a

    def _routes(self, report: dict) -> np.ndarray:
        a = np.full(len(self.routes), UNKNOWN, dtype=np.float32)
        for r in report.get("routes", ()):
            if r["route"] in self._route_row:
                a[self._route_row[r["route"]]] = 1.0 if r["state"] == "open" else 0.0
        return a

    def _facts(self, report: dict) -> np.ndarray:
        a = np.zeros(len(FACT_KINDS) + 1, dtype=np.float32)
        column = {k: i for i, k in enumerate(FACT_KINDS)}
        seen: set[str] = set()
        for section in SECTIONS:
            for fact in report.get(section, ()):
                if fact["id"] not in seen:
                    seen.add(fact["id"])
                    a[column.get(fact["kind"], len(FACT_KINDS))] += 1
        return a
