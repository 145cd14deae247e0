"""The map in play: its routes and what stands on them (closures, floods, boats,
checkpoints), and the ways people, units and convoys travel over the open ones.

Shortest paths come one row at a time (``agents.paths``); when a route closes or opens,
rows the change cannot alter are kept.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from agents.civilians import GROUPS
from agents.crossings import Checkpoint, Crossings
from agents.geo import km
from agents.paths import Lengths, PeoplePaths, Ways, mode_hours
from agents.routes import RouteTable

if TYPE_CHECKING:
    from agents.humanitarian import Agency
    from agents.units import Unit


def key(a: int, b: int) -> tuple[int, int]:
    """A route by its two places, the lower index first."""
    return (a, b) if a < b else (b, a)


class Geography:
    """Routes, their state and the ways over them, for one exercise."""

    def __init__(self, world):
        self.world = world
        spec, params, index = world.spec, world.params, world.index
        self.graph = nx.Graph()
        self.graph.add_nodes_from(range(world.n))
        self.closed: dict[tuple[int, int], str] = {}  # route → cause of closure
        self.flooded_routes: set[tuple[int, int]] = set()
        self.flood_peak: dict[tuple[int, int], float] = {}  # flooded route → highest water
        self.boats: dict[tuple[int, int], int] = {}  # boat route → people a day its boats carry
        u = params.units
        for r in spec.map.routes:
            a, b = index[r.from_], index[r.to]
            slow = u.poor_road_slowdown if r.condition == "poor" else 1.0
            foot = r.travel_hours.foot or 24 * r.distance_km / params.movement.walk_km_per_day
            vehicle = r.travel_hours.vehicle or slow * r.distance_km / u.road_kmh
            boat = r.travel_hours.boat or r.distance_km / u.boat_kmh
            modes = frozenset(r.modes)
            self.graph.add_edge(a, b, id=r.key, km=r.distance_km, foot=foot, vehicle=vehicle, boat=boat,
                                modes=modes, land=bool(modes & {"foot", "road"}),
                                flood_prone=r.flood_prone or r.river_crossing)
            if r.boats is not None:
                self.boats[key(a, b)] = r.boats
            if r.condition == "closed":
                self.closed[key(a, b)] = "scenario"
        self.flood_prone = [key(a, b) for a, b, d in self.graph.edges(data=True)
                            if d["flood_prone"]]  # routes water can cut: fixed for the run
        self.routes = RouteTable(world.n, list(self.graph.edges(data=True)))
        # Which places a route by some modes joins, open or not (a closed one may open).
        self._ever = Ways(world.n, self.routes)
        self.crossings = Crossings()
        self.crossings.detour_hours = params.movement.checkpoint_detour_hours
        self.checkpoints: dict[str, Checkpoint] = {}
        armed = {g.id for g in spec.actors.armed_groups}
        for c in spec.map.checkpoints:
            cp = Checkpoint(c.id, key(index[c.from_], index[c.to]), c.held_by, c.held_by in armed,
                            c.levy, c.delay_hours, c.turn_back, c.abduct, c.active,
                            abducted=np.zeros(len(GROUPS), dtype=np.int64))
            self.checkpoints[c.id] = cp
            self.crossings.checkpoints.setdefault(cp.route, []).append(cp)
        self.changed()

    # --- the routes' state ---------------------------------------------------------------

    def route_open(self, a: int, b: int) -> bool:
        k = key(a, b)
        return k not in self.closed and k not in self.flooded_routes

    def changed(self) -> None:
        """Recompute shortest paths over open routes: people's (on foot over land, by boat
        over water where boats run), by road for vehicles, and in hops."""
        n, t = self.world.n, self.routes
        is_open = t.open(self.closed.keys() | self.flooded_routes)
        people, limits = t.for_people(is_open, self.boats)
        # The networkx graphs are built when first asked for (a convoy's way round
        # checkpoints): a flood can change the routes many times with nobody asking.
        self._open_used, self._people_used = is_open, people
        self._open_graph = self._people_graph = None
        self.ways = Ways(n, t, is_open)  # units' and convoys' ways, by their modes
        # Shortest paths, one row per source as rules ask for them (never place × place).
        # Rows the change leaves as they were are kept (a flood cuts a few routes).
        old, old_vehicle = getattr(self, "paths", None), getattr(self, "vehicle_hours", None)
        self.paths = PeoplePaths(n, t.a[people], t.b[people], t.km[people],
                                 t.people_hours[people])
        self.road_km, self.foot_hours, self.hops = self.paths.km, self.paths.hours, self.paths.hops
        self.all_road = bool(t.road[is_open].all())
        road = is_open & t.road
        self.vehicle_hours = Lengths(n, t.a[road], t.b[road], t.vehicle[road])
        if old is not None:
            self.paths.keep(old)
            self.vehicle_hours.keep_rows(old_vehicle)
        # Boat routes with few seats a day and checkpoints: what people meet on the way.
        self.crossings.limits = limits
        self.crossings.routes_changed(self.foot_hours, [t.keys[i] for i in np.flatnonzero(
            people).tolist()], t.people_hours[people], self.people_routes)

    def set_boats(self, a: int, b: int, people: int) -> None:
        """Boats on a route now carry ``people`` a day (0: none run)."""
        self.boats[key(a, b)] = people
        self.changed()

    def close_route(self, a: int, b: int, cause: str) -> None:
        self.closed[key(a, b)] = cause
        self.changed()

    def open_route(self, a: int, b: int) -> None:
        self.closed.pop(key(a, b), None)
        self.changed()

    def route_ends(self, route: str) -> tuple[int, int] | None:
        """The places a route written ``from--to`` (either way round) joins, in the order
        written; None when no route joins them."""
        a, _, b = route.partition("--")
        index = self.world.index
        if a in index and b in index and self.graph.has_edge(index[a], index[b]):
            return index[a], index[b]
        return None

    def route_id(self, a: int, b: int) -> str:
        """The route between two places as the scenario writes it: ``from--to``."""
        return self.graph.edges[a, b]["id"]

    # --- ways over the open routes -------------------------------------------------------

    @property
    def open_graph(self) -> nx.Graph:
        """The open routes."""
        if self._open_graph is None:
            self._open_graph = _graph(self.world.n, [self.routes.edges[i] for i in np.flatnonzero(
                self._open_used).tolist()])
        return self._open_graph

    def people_routes(self) -> nx.Graph:
        """The open routes people use (land, and water where boats run), with their km,
        hours and boats."""
        if self._people_graph is None:
            self._people_graph = _graph(self.world.n, self.routes.people_edges(self._people_used,
                                                                               self.boats))
        return self._people_graph

    def neighbours(self, loc: int) -> list[int]:
        return self.ways.neighbours(loc)

    def road_hours(self, a: int, b: int, mode: str = "vehicle") -> float | None:
        h = (self.vehicle_hours if mode == "vehicle" else self.foot_hours)[a, b]
        return None if not np.isfinite(h) else float(h)

    def drive_hours(self, unit: Unit, a: int, b: int) -> float | None:
        """Hours for ``unit`` from ``a`` to ``b`` by the ways it travels over open routes
        (None when none joins them); helicopters fly straight."""
        if "air" in unit.modes:
            return km(self.world.coords[a], self.world.coords[b]) / unit.speed_kmh
        scale = self.world.params.units.road_kmh / unit.speed_kmh
        if unit.modes == ("road",) or ("road" in unit.modes and self.all_road):
            h = self.road_hours(a, b)
            return None if h is None else h * scale
        return self.travel_hours(a, b, unit.modes, scale)

    def agency_hours(self, agency: Agency, loc: int) -> float | None:
        """Hours for an agency's delivery from its warehouse to ``loc`` (None: no way)."""
        if agency.modes == ("road",):
            return self.road_hours(agency.location, loc)
        return self.travel_hours(agency.location, loc, agency.modes)

    def reachable(self, unit: Unit) -> list[int]:
        """Places ``unit`` can reach now from where it is, by the ways it travels."""
        if "air" in unit.modes:
            return list(range(self.world.n))
        if unit.modes == ("road",) or ("road" in unit.modes and self.all_road):
            return np.flatnonzero(np.isfinite(self.vehicle_hours.row(unit.location))).tolist()
        row = self.ways.hours(unit.modes).row(unit.location)
        return np.flatnonzero(np.isfinite(row)).tolist()

    def can_ever_reach(self, unit: Unit, loc: int) -> bool:
        """Whether some route by the ways ``unit`` travels joins its place to ``loc`` on
        the scenario's map, open or not (a closed route may open again)."""
        if "air" in unit.modes or unit.location == loc:
            return True
        return self._ever.joined(unit.modes, unit.location, loc)

    def travel_hours(self, a: int, b: int, modes, scale: float = 1.0) -> float | None:
        """Hours from ``a`` to ``b`` over open routes by ``modes``: a road by vehicle (its
        time × ``scale``), water by boat, land on foot; None when no way joins them."""
        if a == b:
            return 0.0
        h = self.ways.hours(modes, scale)[a, b]
        return float(h) if np.isfinite(h) else None

    # --- checkpoints ---------------------------------------------------------------------

    def update_checkpoints(self) -> None:
        """Which checkpoints operate now: set up, held by a force with fighters left, and
        (an armed group's) with no mission unit patrolling or guarding its route."""
        w = self.world
        for cp in self.checkpoints.values():
            group = w.armed.get(cp.held_by)
            guards = w.protection.route_guards(cp.route) if cp.armed else []
            operating = cp.active and not guards and (group is None or group.strength >= 1)
            if operating != cp.operating and cp.active:
                w.log("checkpoint_resumed" if operating else "checkpoint_cleared",
                      f"rule:checkpoint:{cp.key}", route=self.route_id(*cp.route),
                      checkpoint=cp.key, held_by=cp.held_by,
                      protected_by=sorted(u.key for u in guards))
            cp.operating = operating

    def convoy_stops(self, agency: Agency, loc: int) -> list[Checkpoint]:
        """The checkpoints operating on an agency's way to ``loc``."""
        if not any(cp.operating for cp in self.checkpoints.values()):
            return []
        weight = _mode_weight(frozenset(agency.modes), 1.0)
        path = nx.dijkstra_path(self.open_graph, agency.location, loc, weight=weight)
        routes = {key(a, b) for a, b in pairwise(path)}
        return [cp for cp in self.checkpoints.values() if cp.operating and cp.route in routes]

    def convoy_way_round(self, agency: Agency, loc: int) -> float | None:
        """Hours of an agency's quickest way to ``loc`` through no operating checkpoint
        (None: there is none)."""
        avoid = [cp.route for cp in self.checkpoints.values() if cp.operating]
        view = nx.restricted_view(self.open_graph, [], avoid)
        try:
            return nx.dijkstra_path_length(view, agency.location, loc,
                                           weight=_mode_weight(frozenset(agency.modes), 1.0))
        except nx.NetworkXNoPath:
            return None

    def log_checkpoints(self) -> None:
        """What each checkpoint did to the people passing during the turn: one event each."""
        w = self.world
        for cp in self.checkpoints.values():
            if cp.passed or cp.turned_back or cp.detoured or cp.abducted.any():
                route = self.route_id(*cp.route)
                w.log("checkpoint_passage", f"rule:checkpoint:{cp.key}",
                      route=route, checkpoint=cp.key,
                      held_by=cp.held_by, passed=cp.passed, turned_back=cp.turned_back,
                      detoured=cp.detoured, abducted=int(cp.abducted.sum()),
                      abducted_by_group=w.by_group(cp.abducted))
                if cp.abducted.any():  # families tell: near the checkpoint, and the media
                    for end in cp.route:
                        w.outreach.tell_nearby(end, "abduction", checkpoint=cp.key,
                                               route=route, abducted=int(cp.abducted.sum()))
                    for team in w.knowledge.facts:
                        w.knowledge.learn(team, "abduction", "media", w.turn, w.now, None,
                                          checkpoint=cp.key, route=route,
                                          abducted=int(cp.abducted.sum()))
            cp.passed = cp.turned_back = cp.detoured = 0
            cp.abducted = np.zeros(len(GROUPS), dtype=np.int64)


def _graph(n: int, edges) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    return g


def _mode_weight(modes: frozenset, scale: float):
    """A route's hours for a traveller by ``modes`` (None: it cannot use the route): by
    road where it can drive, by boat on water, on foot over land."""
    def weight(a, b, d):
        return mode_hours(d, modes, scale)
    return weight
