"""The world of one exercise: a ``mesa.Model`` advanced turn by turn in hourly sub-steps.

The model owns the state and the rules that join the actors (protection, access,
violence aftermath). Behaviours live in ``agents/``; effect primitives in
``simulator.world.effects``; the turn protocol (open, decide, adjudicate) in
``simulator.play.exercise``. Only ``self.rng`` draws random numbers, so a run is a pure function
of scenario, seed and inputs.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import mesa
import networkx as nx
import numpy as np

from agents import communities, gatherings, herds
from agents.armed_groups import ArmedGroup
from agents.civilians import CAUSES, GROUPS, NEEDS, SITE_TYPES, Civilians, split_counts
from agents.crossings import Checkpoint, Crossings
from agents.gatherings import Gathering
from agents.geo import km
from agents.hazards import Epidemic, Floods
from agents.herds import Herd
from agents.humanitarian import Agency, HostForce
from agents.paths import Lengths, PeoplePaths, Ways, mode_hours
from agents.routes import RouteTable
from agents.units import Unit
from simulator.language.scenario import Scenario
from simulator.world.events import EventLog
from simulator.world.knowledge import Knowledge
from simulator.world.records import QUIET_DEATHS


class ExerciseModel(mesa.Model):
    """State of the world and the rules that join its actors."""

    def __init__(self, spec: Scenario, seed: int):
        super().__init__(rng=seed)
        self.spec = spec
        self.seed = seed
        self.params = spec.parameters
        self.dt = float(spec.metadata.step_hours)
        self.turn_hours = spec.metadata.turn_hours
        self.turn = 0
        self.now = 0.0
        self.groups = GROUPS
        self.events = EventLog()
        self.knowledge = Knowledge({t.id: list(t.sources) for t in spec.teams})
        self._build_map()
        self._build_population()
        self.trust = np.array([loc.attributes.trust for loc in spec.map.locations])
        self.tension = np.array([loc.attributes.tension for loc in spec.map.locations])
        self.humanitarian_access = 1.0
        self.floods = Floods(self.n)
        self.epidemic = Epidemic(self.n, self.params.hazards)
        self.structures: dict[int, set[str]] = {}  # place → community structures there
        for c in spec.actors.community:
            self.structures.setdefault(self.index[c.location], set()).add(c.kind)
        self.alert_networks: dict[int, set[str]] = {}
        self.referral: set[int] = set()
        self.investigated: dict[int, float] = {}  # location → hour the deterrent lasts to
        self.approvals: dict[tuple[str, int], tuple[float, str]] = {}  # (unit, place) → (until, cause)
        self.incidents = np.zeros(self.n, dtype=np.int64)
        self.abuses = 0
        self.fired: dict[str, int] = {}  # inject id → turn it fired
        self.taken: list[dict] = []  # accepted decisions (turn, team, action, params)
        owner = {a: t.id for t in spec.teams for a in t.assets}
        self.units = {u.id: Unit(self, u, owner.get(u.id), self.index[u.location])
                      for u in spec.actors.units}
        self.armed = {g.id: ArmedGroup(self, g, self.index[g.base])
                      for g in spec.actors.armed_groups}
        self.agencies = {a.id: Agency(self, a, owner.get(a.id), self.index[a.location])
                         for a in spec.actors.agencies}
        self.host_forces = {h.id: HostForce(self, h, self.index[h.location])
                            for h in spec.actors.host_forces}
        self.joint_ops: dict[str, float] = {}  # host force → hour joint operations last to
        self.detainees: dict[str, int] = {}  # team → detainees held
        self.detained_since: dict[str, int] = {}  # team → turn of its oldest detention
        self.engaged: set[tuple[int, int]] = set()  # (place, turn) engagements
        self.repairs: list[tuple[float, int, int, str]] = []  # (done hour, a, b, cause)
        self.gatherings: list[Gathering] = []  # planned and under way
        self.released: list[dict] = []  # children released by armed groups, and their care
        self.agreements: dict[int, float] = {}  # place → hour its local agreement holds to
        self.clashes: dict[int, float] = {}  # place → hour of its last intercommunal clash
        self.mediated: dict[int, float] = {}  # place → hour of its last mediation
        self.tension_warned: set[int] = set()  # places whose high tension was reported
        self.youth_met: dict[int, float] = {}  # place → hour youth were last engaged there
        self.recruits: dict[tuple[str, int], np.ndarray] = {}  # (group, place) → this turn
        self.herds = {h.id: Herd(h.id, h.cattle, [self.index[h.camp]] +
                                 [self.index[p] for p in h.corridor], h.km_per_day)
                      for h in spec.actors.herds}
        self.arrivals_day = -1  # last day whose arrivals entered
        self.arrivals_owed = 0  # people of past days with no place in conflict to enter at

    # --- construction -----------------------------------------------------------------

    def _build_map(self) -> None:
        locs = self.spec.map.locations
        self.loc_ids = [loc.id for loc in locs]
        self.index = {loc.id: i for i, loc in enumerate(locs)}
        self.n = len(locs)
        self.types = [loc.type for loc in locs]
        self.coords = np.array([loc.coords for loc in locs], dtype=float)
        self.graph = nx.Graph()
        self.graph.add_nodes_from(range(self.n))
        self.closed: dict[tuple[int, int], str] = {}  # route → cause of closure
        self.flooded_routes: set[tuple[int, int]] = set()
        self.flood_peak: dict[tuple[int, int], float] = {}  # flooded route → highest water
        self.boats: dict[tuple[int, int], int] = {}  # boat route → people a day its boats carry
        u = self.params.units
        for r in self.spec.map.routes:
            a, b = self.index[r.from_], self.index[r.to]
            slow = u.poor_road_slowdown if r.condition == "poor" else 1.0
            foot = r.travel_hours.foot or 24 * r.distance_km / self.params.movement.walk_km_per_day
            vehicle = r.travel_hours.vehicle or slow * r.distance_km / u.road_kmh
            boat = r.travel_hours.boat or r.distance_km / u.boat_kmh
            modes = frozenset(r.modes)
            self.graph.add_edge(a, b, id=r.key, km=r.distance_km, foot=foot, vehicle=vehicle, boat=boat,
                                modes=modes, land=bool(modes & {"foot", "road"}),
                                flood_prone=r.flood_prone or r.river_crossing)
            if r.boats is not None:
                self.boats[_key(a, b)] = r.boats
            if r.condition == "closed":
                self.closed[_key(a, b)] = "scenario"
        self._flood_prone = [_key(a, b) for a, b, d in self.graph.edges(data=True)
                             if d["flood_prone"]]  # routes water can cut: fixed for the run
        self.routes = RouteTable(self.n, list(self.graph.edges(data=True)))
        # Which places a route by some modes joins, open or not (a closed one may open).
        self._ever = Ways(self.n, self.routes)
        self.crossings = Crossings()
        self.crossings.detour_hours = self.params.movement.checkpoint_detour_hours
        self.checkpoints: dict[str, Checkpoint] = {}
        for c in self.spec.map.checkpoints:
            a, b = self.index[c.from_], self.index[c.to]
            cp = Checkpoint(c.id, _key(a, b), c.held_by, c.held_by in
                            {g.id for g in self.spec.actors.armed_groups}, c.levy,
                            c.delay_hours, c.turn_back, c.abduct, c.active,
                            abducted=np.zeros(len(GROUPS), dtype=np.int64))
            self.checkpoints[c.id] = cp
            self.crossings.checkpoints.setdefault(cp.route, []).append(cp)
        self._routes_changed()

    def _build_population(self) -> None:
        residents = np.zeros((self.n, len(GROUPS)), dtype=np.int64)
        for p in self.spec.population:
            residents[self.index[p.location]] += [getattr(p, g) for g in GROUPS]
        m = self.params.movement
        locs = self.spec.map.locations
        cap = np.array([loc.attributes.capacity if loc.attributes.capacity is not None
                        else np.inf for loc in locs], dtype=float)
        attract = np.array([loc.attributes.attractiveness if loc.attributes.attractiveness
                            is not None else m.attractiveness.get(loc.type, 1.0) for loc in locs])
        coverage = np.array([[getattr(loc.attributes, k) for k in NEEDS] for loc in locs])
        self.sanitation = np.array([loc.attributes.sanitation for loc in locs])
        self.site_shelter = np.array([self.params.needs.site_shelter if t in SITE_TYPES else 0.0
                                      for t in self.types])
        self.civilians = Civilians(residents, list(self.types), cap, attract, coverage,
                                   self.sanitation, self.params,
                                   risk=np.array([loc.attributes.risk for loc in locs]),
                                   step_hours=float(self.spec.metadata.step_hours),
                                   crossings=self.crossings)

    # --- map --------------------------------------------------------------------------

    def route_open(self, a: int, b: int) -> bool:
        k = _key(a, b)
        return k not in self.closed and k not in self.flooded_routes

    def _routes_changed(self) -> None:
        """Recompute shortest paths over open routes: people's (on foot over land, by boat
        over water where boats run), by road for vehicles, and in hops."""
        t = self.routes
        is_open = t.open(self.closed.keys() | self.flooded_routes)
        people, limits = t.for_people(is_open, self.boats)
        # The networkx graphs are built when first asked for (a convoy's way round
        # checkpoints): a flood can change the routes many times with nobody asking.
        self._open_used, self._people_used = is_open, people
        self._open_graph = self._people_graph = None
        self.ways = Ways(self.n, t, is_open)  # units' and convoys' ways, by their modes
        # Shortest paths, one row per source as rules ask for them (never place × place).
        # Rows the change leaves as they were are kept (a flood cuts a few routes).
        old, old_vehicle = getattr(self, "paths", None), getattr(self, "vehicle_hours", None)
        self.paths = PeoplePaths(self.n, t.a[people], t.b[people], t.km[people],
                                 t.people_hours[people])
        self.road_km, self.foot_hours, self.hops = self.paths.km, self.paths.hours, self.paths.hops
        self.all_road = bool(t.road[is_open].all())
        road = is_open & t.road
        self.vehicle_hours = Lengths(self.n, t.a[road], t.b[road], t.vehicle[road])
        if old is not None:
            self.paths.keep(old)
            self.vehicle_hours.keep_rows(old_vehicle)
        # Boat routes with few seats a day and checkpoints: what people meet on the way.
        self.crossings.limits = limits
        self.crossings.routes_changed(self.foot_hours, [t.keys[i] for i in np.flatnonzero(
            people).tolist()], t.people_hours[people], self.people_routes)

    @property
    def open_graph(self) -> nx.Graph:
        """The open routes."""
        if self._open_graph is None:
            self._open_graph = _graph(self.n, [self.routes.edges[i] for i in np.flatnonzero(
                self._open_used).tolist()])
        return self._open_graph

    def people_routes(self) -> nx.Graph:
        """The open routes people use (land, and water where boats run), with their km,
        hours and boats."""
        if self._people_graph is None:
            self._people_graph = _graph(self.n, self.routes.people_edges(self._people_used,
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
            return km(self.coords[a], self.coords[b]) / unit.speed_kmh
        scale = self.params.units.road_kmh / unit.speed_kmh
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
            return list(range(self.n))
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

    def set_boats(self, a: int, b: int, people: int) -> None:
        """Boats on a route now carry ``people`` a day (0: none run)."""
        self.boats[_key(a, b)] = people
        self._routes_changed()

    def close_route(self, a: int, b: int, cause: str) -> None:
        self.closed[_key(a, b)] = cause
        self._routes_changed()

    def open_route(self, a: int, b: int) -> None:
        self.closed.pop(_key(a, b), None)
        self._routes_changed()

    # --- protection, access, security ------------------------------------------------

    def protection(self, loc: int) -> float:
        """Protectors deterring attacks at ``loc`` (see ``presence_array``)."""
        return float(self.presence_array()[loc])

    def protectors_at(self, loc: int) -> list[str]:
        return sorted(u.key for u in self.units.values() if u.protecting() and
                      (u.location == loc or (u.task == "patrol" and
                                             loc in self.paths.neighbours(u.location))))

    def route_guards(self, route: tuple[int, int], tasks=("patrol", "guard", "escort")) -> list[Unit]:
        """Units on a protecting task along ``route`` (patrol, guard or escort it)."""
        return [u for u in self.units.values() if u.task_route == route and u.task in tasks
                and u.protecting()]

    def update_checkpoints(self) -> None:
        """Which checkpoints operate now: set up, held by a force with fighters left, and
        (an armed group's) with no mission unit patrolling or guarding its route."""
        for cp in self.checkpoints.values():
            group = self.armed.get(cp.held_by)
            guards = self.route_guards(cp.route) if cp.armed else []
            operating = cp.active and not guards and (group is None or group.strength >= 1)
            if operating != cp.operating and cp.active:
                self.log("checkpoint_resumed" if operating else "checkpoint_cleared",
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
        routes = {_key(a, b) for a, b in pairwise(path)}
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

    def tell_nearby(self, loc: int, kind: str, **data) -> list[str]:
        """Word of something at ``loc`` reaches the teams with an alert network there or
        one step away, and every team where a peace committee sits there; return them."""
        told = {t: "alert_network" for net, ts in self.alert_networks.items()
                if self.hops[net, loc] <= 1 for t in ts}
        if self.has_structure(loc, "peace_committee"):
            told.update({t: "messages" for t in self.knowledge.facts if t not in told})
        for team, source in sorted(told.items()):
            self.knowledge.learn(team, kind, source, self.turn, self.now, self.loc_ids[loc],
                                 **data)
        return sorted(told)

    def log_checkpoints(self) -> None:
        """What each checkpoint did to the people passing during the turn: one event each."""
        for cp in self.checkpoints.values():
            if cp.passed or cp.turned_back or cp.detoured or cp.abducted.any():
                self.log("checkpoint_passage", f"rule:checkpoint:{cp.key}",
                         route=self.route_id(*cp.route), checkpoint=cp.key,
                         held_by=cp.held_by, passed=cp.passed, turned_back=cp.turned_back,
                         detoured=cp.detoured, abducted=int(cp.abducted.sum()),
                         abducted_by_group=self.by_group(cp.abducted))
                if cp.abducted.any():  # families tell: near the checkpoint, and the media
                    for end in cp.route:
                        self.tell_nearby(end, "abduction", checkpoint=cp.key,
                                         route=self.route_id(*cp.route),
                                         abducted=int(cp.abducted.sum()))
                    for team in self.knowledge.facts:
                        self.knowledge.learn(team, "abduction", "media", self.turn, self.now,
                                             None, checkpoint=cp.key,
                                             route=self.route_id(*cp.route),
                                             abducted=int(cp.abducted.sum()))
            cp.passed = cp.turned_back = cp.detoured = 0
            cp.abducted = np.zeros(len(GROUPS), dtype=np.int64)

    def presence_array(self) -> np.ndarray:
        """Protectors deterring attacks at each place: units on task there, patrols nearby,
        host forces in joint operations."""
        total = np.zeros(self.n)
        share = self.params.violence.neighbour_protection
        # Each place adds up its protectors in the order of the units, then host forces.
        for u in self.units.values():
            if not u.protecting():
                continue
            guard = self.params.units.guard_factor if u.task == "guard" else 1.0
            total[u.location] += guard * u.effective()
            if u.task == "patrol":
                total[self.paths.neighbours(u.location)] += share * u.effective()
        for key, until in self.joint_ops.items():
            hf = self.host_forces[key]
            if until > self.now:
                total[hf.location] += self.params.violence.joint_operation_protection * hf.strength
        return total

    def insecure(self, loc: int) -> bool:
        return self.civilians.risk[loc] > self.params.humanitarian.insecure_risk

    def escorts(self, loc: int) -> list[Unit]:
        return [u for u in self.units.values()
                if u.task == "escort" and u.task_location == loc and u.busy]

    def escorted(self, loc: int) -> bool:
        return bool(self.escorts(loc))

    def ambush_threat(self, loc: int) -> bool:
        """Whether a group able to ambush is within reach and strikes this convoy."""
        able = [g for g in self.armed.values() if g.strength >= 1 and
                set(g.tactics) & {"ambush", "ied", "attack_convoy"} and
                self.road_km[g.base, loc] <= g.reach_km]
        return bool(able) and self.rng.random() < self.params.violence.ambush_rate

    def has_structure(self, loc: int, kind: str, hops: int = 0) -> bool:
        """Whether a community structure of ``kind`` stands within ``hops`` of ``loc``."""
        return any(kind in kinds and self.hops[i, loc] <= hops
                   for i, kinds in self.structures.items())

    def alert_reliability(self, loc: int) -> float:
        """Chance per sub-step that an alert network at ``loc`` reports a planned attack:
        the trust there, or better where the community already ran its own network."""
        c = self.params.community
        trust = float(self.trust[loc])
        if self.has_structure(loc, "alert_network"):
            return max(trust, c.existing_network_reliability)
        return trust if trust >= c.alert_min_trust else 0.0

    def talk_trust(self, loc: int, gain: float) -> None:
        """Trust from words (engagement, investigation): up to a ceiling, so meeting a
        community again and again earns nothing more; deeds lift it further."""
        ceiling = self.params.community.talk_trust_ceiling
        self.trust[loc] = max(self.trust[loc], min(ceiling, self.trust[loc] + gain))

    def investigated_factor(self, loc: int) -> float:
        near = [i for i, until in self.investigated.items()
                if until > self.now and self.hops[i, loc] <= 1]
        return self.params.community.investigation_abuse_factor if near else 1.0

    # --- things that happen ----------------------------------------------------------

    def log(self, type_: str, cause: str, location: int | None = None, **data: Any) -> dict:
        if location is not None:
            data["location"] = self.loc_ids[location]
        return self.events.append(self.turn, self.now, type_, cause, **data)

    def by_group(self, counts: np.ndarray) -> dict[str, int]:
        return {g: int(c) for g, c in zip(GROUPS, counts, strict=True)}

    def after_violence(self, loc: int, cause: str, sgbv: int) -> None:
        r = self.params.risk
        self.incidents[loc] += 1
        self.civilians.raise_risk(loc, r.incident, self.neighbours(loc), r.neighbour_share)
        if sgbv:
            reach = self.params.community.referral_hops
            covered = any(self.hops[r, loc] <= reach for r in self.referral)
            kind = "sgbv_referred" if covered else "sgbv_unattended"
            self.log(kind, cause, location=loc, cases=sgbv)
        # A mission that knew of this attack and did not protect loses the people's trust.
        warned = [t for t in self.knowledge.facts
                  if any(f.get("location") == self.loc_ids[loc]
                         and abs(f["expected_hour"] - self.now) <= self.turn_hours
                         for f in self.knowledge.of(t, "threat"))]
        if warned and not self.protectors_at(loc):
            loss = self.params.community.unprotected_trust_loss
            self.trust[loc] = max(0.0, self.trust[loc] - loss)
            self.log("trust_lost", cause, location=loc, reason="warned_but_unprotected",
                     warned_teams=sorted(warned), trust=round(float(self.trust[loc]), 3))
        for team in self.knowledge.facts:
            self.knowledge.learn(team, "incident", "media", self.turn, self.now,
                                 self.loc_ids[loc], cause=cause)

    def deterred(self, loc: int) -> None:
        """Protectors stood between people and an attack: they trust the mission more."""
        gain = self.params.community.protection_trust
        self.trust[loc] = min(1.0, self.trust[loc] + gain)

    def ambush(self, group: ArmedGroup, loc: int, tactic: str, cause: str,
               route: tuple[int, int] | None = None) -> None:
        """Ambush or IED on the roads into ``loc`` (or along ``route``, into either of its
        ends): convoys without escort are lost, travellers are hurt."""
        ends = list(route) if route else [loc]
        escorts = sorted({u.key for end in ends for u in self.escorts(end)} |
                         {u.key for u in (self.route_guards(route, ("escort",)) if route else [])})
        lost = 0.0
        if not escorts:
            for ag in self.agencies.values():
                hit = [c for c in ag.convoys if c.location in ends]
                ag.convoys = [c for c in ag.convoys if c.location not in ends]
                lost += sum(c.amount for c in hit)
        v = self.params.violence
        share = min(v.max_share_killed, v.lethality * group.strength) * v.ambush_lethality
        deaths = sum(self.civilians.harm_travellers(self.rng, end, share) for end in ends)
        where = {"route": self.route_id(*route)} if route else {}
        self.log("attack", cause, location=loc, **where, armed_group=group.key, tactic=tactic,
                 planned=True, protected_by=escorts,
                 deaths=int(deaths.sum()), injuries=0,
                 deaths_by_group=self.by_group(deaths), aid_lost=round(lost, 1), sgbv_cases=0)
        self.after_violence(loc, cause, 0)

    def host_abuse(self, hf: HostForce, cause: str) -> None:
        """A grave violation by a host force near its base."""
        near = [hf.location] + self.neighbours(hf.location)
        present = self.civilians.present()
        people = np.array([present[i].sum() for i in near], dtype=float)
        if people.sum() <= 0:
            return
        loc = near[int(self.rng.choice(len(near), p=people / people.sum()))]
        v = self.params.violence
        exposure = np.array([v.group_exposure.get(g, 1.0) for g in GROUPS])
        victims = self.rng.binomial(present[loc],
                                    np.clip(v.abuse_victims * exposure, 0, 1))
        deaths = self.civilians.kill("violence", loc, self.rng.binomial(victims, v.abuse_lethality))
        hurt = self.civilians.wound(loc, victims - deaths)
        self.abuses += 1
        self.trust[loc] = max(0.0, self.trust[loc] - self.params.community.abuse_trust_loss)
        for g in self.armed.values():
            g.grievance = min(1.0, g.grievance + self.params.violence.abuse_grievance)
        self.log("abuse_by_host_force", cause, location=loc, host_force=hf.key,
                 deaths=int(deaths.sum()), injuries=int(hurt.sum()),
                 deaths_by_group=self.by_group(deaths), injuries_by_group=self.by_group(hurt))
        self.after_violence(loc, cause, 0)

    def tell_route(self, route: str, state: str) -> None:
        """Civil protection reports a route washed out or repaired to every team."""
        for team in self.knowledge.facts:
            self.knowledge.learn(team, "route", "messages", self.turn, self.now, None,
                                 route=route, state=state)

    def youth_engaged(self, loc: int) -> bool:
        """Youth engaged there within two days, or organised in an association."""
        met = self.youth_met.get(loc)
        return (met is not None and self.now - met <= 48) or \
            self.has_structure(loc, "youth_association")

    def tally_recruits(self, group: str, loc: int, taken: np.ndarray) -> None:
        key = (group, loc)
        self.recruits[key] = self.recruits.get(key, 0) + taken

    def log_crossings(self) -> None:
        """Boat crossings that left people waiting during the turn, what checkpoints did,
        and whom armed groups recruited: one event each."""
        self.log_checkpoints()
        for (group, loc), taken in sorted(self.recruits.items()):
            self.log("recruitment", f"rule:recruitment:{group}", location=loc,
                     armed_group=group, recruited=int(taken.sum()),
                     recruited_by_group=self.by_group(taken),
                     strength=round(self.armed[group].strength, 1))
        self.recruits = {}
        for (a, b), carried, waiting in self.crossings.read():
            self.log("crossing_full", "rule:boats",
                     route=self.route_id(a, b), carried=carried, turned_away=waiting,
                     boats_per_day=self.boats.get((a, b), 0))

    def route_ends(self, route: str) -> tuple[int, int] | None:
        """The places a route written ``from--to`` (either way round) joins, in the order
        written; None when no route joins them."""
        a, _, b = route.partition("--")
        if a in self.index and b in self.index and self.graph.has_edge(self.index[a],
                                                                       self.index[b]):
            return self.index[a], self.index[b]
        return None

    def route_id(self, a: int, b: int) -> str:
        """The route between two places as the scenario writes it: ``from--to``."""
        return self.graph.edges[a, b]["id"]

    def log_quiet_deaths(self, turn_deaths: np.ndarray) -> None:
        """Deaths from unmet needs and untreated injuries during the turn, one event per
        place: no attack or flood reports them as they happen."""
        for k, cause in enumerate(CAUSES):
            if cause not in QUIET_DEATHS:
                continue
            for loc in np.flatnonzero(turn_deaths[k].sum(axis=1)):
                dead = turn_deaths[k, loc]
                self.log(QUIET_DEATHS[cause], f"rule:{cause}", location=int(loc),
                         deaths=int(dead.sum()), deaths_by_group=self.by_group(dead))

    # --- tasks finished on arrival (called by units) ------------------------------------

    def evacuation(self, unit: Unit, src: int, dest: int, people, cause: str) -> None:
        hours = self.drive_hours(unit, src, dest)
        if hours is None or unit.capacity <= 0:
            self.log("evacuation_failed", cause, location=src, unit=unit.key, team=unit.team,
                     reason="no transport capacity" if unit.capacity <= 0 else "no open road")
            return
        left = max(0.0, self.turn * self.turn_hours - self.now)
        trips = max(1, int(left // (2 * hours + 1)))
        wanted = unit.capacity * trips if people is None else min(float(people),
                                                                    unit.capacity * trips)
        moved = self.civilians.carry(self.now, src, dest, int(wanted), hours)
        # The convoy shuttles and ends its task at the destination, out of the danger.
        trips_needed = max(1, -(-moved // max(unit.capacity, 1)))
        unit.moving_to, unit.arrive = dest, self.now + (2 * trips_needed - 1) * hours
        self.log("evacuation", cause, location=src, to=self.loc_ids[dest], unit=unit.key,
                 team=unit.team, people=moved, trips=trips_needed)
        if unit.team:
            self.knowledge.learn(unit.team, "evacuation", "own_action", self.turn, self.now,
                                 self.loc_ids[src], to=self.loc_ids[dest], people=moved)

    def casualty_care(self, unit: Unit, loc: int, cause: str) -> None:
        c = self.civilians
        treated = int(c.injured[loc].sum())
        c.injured[loc] = 0
        c.treated[loc] = max(c.treated[loc], self.turn * self.turn_hours - self.now
                             + self.params.units.care_hours)
        self.log("medevac", cause, location=loc, unit=unit.key, team=unit.team,
                 injured_treated=treated)

    def detention(self, unit: Unit, loc: int, group: str, team: str, cause: str) -> None:
        """Detain members of ``group`` found near a place it threatens or just attacked."""
        g = self.armed[group]
        recent = [e for e in self.events.of_type("attack") if e["armed_group"] == group
                  and e["hour"] >= self.now - self.turn_hours
                  and self.hops[self.index[e["location"]], loc] <= 1]
        near = recent or any(self.hops[p.target, loc] <= 1 for p in g.plans)
        if not near or g.strength < 1:
            self.log("detention_failed", cause, location=loc, unit=unit.key, team=team,
                     armed_group=group, reason="no members of the group there")
            self.knowledge.learn(team, "detention", "own_action", self.turn, self.now,
                                 self.loc_ids[loc], armed_group=group, detainees=0)
            return
        v = self.params.violence
        n = max(1, int(round(g.strength * v.detention_strength)))
        g.strength = max(0.0, g.strength - n)
        g.grievance = min(1.0, g.grievance + v.detention_grievance)
        if not self.detainees.get(team):
            self.detained_since[team] = self.turn
        self.detainees[team] = self.detainees.get(team, 0) + n
        self.log("detention", cause, location=loc, unit=unit.key, team=team, armed_group=group,
                 detainees=n, strength_left=round(g.strength, 1))
        # The team knows what its own operation found: whom it holds, or that it found nobody.
        self.knowledge.learn(team, "detention", "own_action", self.turn, self.now,
                             self.loc_ids[loc], armed_group=group, detainees=n)

    def overdue_detentions(self) -> None:
        """Detainees held past the limit without handover or release: evidence for the debrief."""
        limit = self.params.violence.detention_max_turns
        for team, n in sorted(self.detainees.items()):
            if n and self.turn - self.detained_since[team] > limit:
                self.log("detention_overdue", "rule:detention_limit", team=team, detainees=n,
                         since_turn=self.detained_since[team])

    def overdue_children(self) -> None:
        """Released children still waiting past the handover limit: one event a turn."""
        limit = self.params.violence.children_handover_hours
        for r in self.released:
            if r["status"] == "waiting" and self.now - r["hour"] > limit:
                self.log("children_handover_overdue", r["cause"], location=r["location"],
                         armed_group=r["armed_group"], children=r["children"],
                         hours_waiting=round(self.now - r["hour"], 2))

    def _family_tracing(self) -> None:
        """Children in a child-protection actor's care go home once families are traced."""
        for r in self.released:
            if r["status"] == "in_care" and self.now >= r["reunify_hour"]:
                r["status"] = "reunified"
                self.log("children_reunified", r["cause"], location=r["location"],
                         agency=r["with"], children=r["children"],
                         children_by_group=r["by_group"])

    def breach(self, unit: Unit, loc: int, team: str | None, cause: str, reason: str) -> None:
        """A military asset used for humanitarian work without an approved last resort."""
        h = self.params.humanitarian
        self.humanitarian_access = max(0.0, self.humanitarian_access - h.breach_access_cost)
        self.trust[loc] = max(0.0, self.trust[loc] - h.breach_trust_cost)
        self.log("principle_breach", cause, location=loc, team=team, unit=unit.key,
                 reason=reason, humanitarian_access=round(self.humanitarian_access, 3),
                 trust=round(float(self.trust[loc]), 3))

    def leverage(self, loc: int, need: str, team: str | None, cause: str) -> None:
        """Aid made conditional on cooperation: it breaks impartiality, so communities trust
        the mission less and armed groups see aid workers as a party."""
        h = self.params.humanitarian
        self.humanitarian_access = max(0.0, self.humanitarian_access - h.leverage_access_cost)
        self.trust[loc] = max(0.0, self.trust[loc] - h.leverage_trust_cost)
        self.log("aid_as_leverage", cause, location=loc, team=team, need=need,
                 humanitarian_access=round(self.humanitarian_access, 3),
                 trust=round(float(self.trust[loc]), 3))

    def approved(self, unit: Unit, loc: int) -> bool:
        return self.approvals.get((unit.key, loc), (0.0, ""))[0] > self.now

    def repair(self, unit: Unit | None, src: int, dest: int, cause: str,
               delay: float | None = None) -> None:
        delay = self.params.units.repair_hours if delay is None else delay
        self.repairs.append((self.now + delay, src, dest, cause))

    def _finish_repairs(self) -> None:
        done = [r for r in self.repairs if r[0] <= self.now]
        self.repairs = [r for r in self.repairs if r[0] > self.now]
        for _, a, b, cause in done:
            route = f"{self.loc_ids[a]}--{self.loc_ids[b]}"
            if _key(a, b) in self.flooded_routes:
                self.log("repair_failed", cause, route=route, reason="route under water")
                continue
            if _key(a, b) not in self.closed:
                self.log("repair_not_needed", cause, route=route, reason="the route was open")
                continue
            self.open_route(a, b)
            self.log("route_repaired", cause, route=route)
            self.tell_route(route, "open")

    # --- one sub-step ----------------------------------------------------------------

    def substep(self) -> None:
        """Advance the world by ``dt`` hours."""
        dt = self.dt
        self._floods()
        self._finish_repairs()
        for group in (Unit, Agency, ArmedGroup, HostForce):
            if group in self.agents_by_type:
                self.agents_by_type[group].shuffle_do("step")
        self._alerts()
        self.update_checkpoints()
        if self.gatherings:
            self._gatherings()
        if self.released:
            self._family_tracing()
        for h in self.herds.values():
            herds.step(self, h)
        communities.step(self)
        c = self.civilians
        presence = self.presence_array()
        self._arrivals()
        c.perceive(dt, self.floods.level)
        c.arrive(self.now)
        c.move(self.rng, self.now, dt, self.paths, presence)
        c.meet_needs(self.rng, dt, self.floods.level, self.site_shelter)
        self._epidemic()
        self.humanitarian_access = min(1.0, self.humanitarian_access +
                                       self.params.humanitarian.access_recovery * dt / 24)
        self.now += dt

    def _gatherings(self) -> None:
        """Gatherings due begin, those under way may see a crowd incident, those over end."""
        for g in list(self.gatherings):
            if not g.started and g.start <= self.now:
                gatherings.begin(self, g)
            if g.started and g.end <= self.now:
                gatherings.finish(self, g)
                self.gatherings.remove(g)
            elif g.started:
                gatherings.step(self, g)

    def _arrivals(self) -> None:
        """At the first sub-step of each day, that day's arrivals enter at the listed places
        in active conflict, in proportion to their weight."""
        spec = self.spec.arrivals
        day = int(self.now // 24)
        if spec is None or day == self.arrivals_day:
            return
        self.arrivals_day = day
        self.arrivals_owed += spec.people[day] if day < len(spec.people) else 0
        places = {self.index[p]: w for p, w in spec.places.items()
                  if self.civilians.conflict[self.index[p]]}
        if not self.arrivals_owed or not places:
            return
        shares = np.array([spec.groups.get(g, 0.0) for g in GROUPS])
        added = self.civilians.enter(self.arrivals_owed, places, shares)
        self.log("people_entered", "scenario:arrivals", people=self.arrivals_owed,
                 at={self.loc_ids[i]: n for i, n in added.items() if n})
        self.arrivals_owed = 0

    def _floods(self) -> None:
        level = self.floods.step(self.now)
        h = self.params.hazards
        high = (level >= h.route_flood_m).tolist()
        flooded = {(a, b) for a, b in self._flood_prone if high[a] or high[b]} \
            if any(high) else set()
        for a, b in flooded:
            self.flood_peak[(a, b)] = max(self.flood_peak.get((a, b), 0.0),
                                          float(max(level[a], level[b])))
        if flooded != self.flooded_routes:
            for a, b in sorted(flooded - self.flooded_routes):
                self.log("route_flooded", "rule:flood", route=f"{self.loc_ids[a]}--{self.loc_ids[b]}")
            for a, b in sorted(self.flooded_routes - flooded):
                route = f"{self.loc_ids[a]}--{self.loc_ids[b]}"
                peak = self.flood_peak.pop((a, b), 0.0)
                if h.washout_m is not None and peak >= h.washout_m:
                    # The water fell but took the road with it: engineers must repair it.
                    self.closed[(a, b)] = "rule:washout"
                    self.log("route_washed_out", "rule:flood", route=route, peak_m=round(peak, 2))
                    self.tell_route(route, "washed_out")
                else:
                    self.log("route_reopened", "rule:flood", route=route)
            self.flooded_routes = flooded
            self._routes_changed()
        lethal = np.clip(h.flood_lethality * level * self.dt, 0, 1)  # every place at once
        for loc in (level > 0).nonzero()[0].tolist():
            dead = self.rng.binomial(self.civilians.present_at(loc), lethal[loc])
            if np.count_nonzero(dead):
                dead = self.civilians.kill("flood", loc, dead)
                self.log("flood_deaths", "rule:flood", location=int(loc), deaths=int(dead.sum()),
                         deaths_by_group=self.by_group(dead), level_m=round(float(level[loc]), 2))

    def _epidemic(self) -> None:
        if self.epidemic.idle():
            return
        c = self.civilians
        people = c.present().sum(axis=1).astype(float)
        cap = np.where(np.isfinite(c.capacity), c.capacity, np.inf)
        crowd = np.where(np.isfinite(cap), np.clip(people / np.maximum(cap, 1) /
                                                   self.params.hazards.crowding_density, 0, 1),
                         self.params.hazards.open_crowding)
        water_met = 1 - c.turn_unmet[:, 0]
        wash = np.clip(0.5 * water_met + 0.5 * self.sanitation, 0, 1)
        care = 1 - c.turn_unmet[:, 3]
        deaths = self.epidemic.step(self.rng, self.dt, people, crowd, wash, care)
        vuln = np.array([self.params.needs.vulnerability.get(g, 1.0) for g in GROUPS])
        for loc in np.flatnonzero(deaths):
            share = c.present_at(loc) * vuln
            if share.sum() > 0:
                dead = c.kill("disease", loc, split_counts(int(deaths[loc]), share.astype(float)))
                if dead.any():
                    self.log("disease_deaths", "rule:epidemic", location=int(loc),
                             deaths=int(dead.sum()), deaths_by_group=self.by_group(dead))

    def _alerts(self) -> None:
        """Alert networks report planned attacks near them to the teams that set them up."""
        lead = self.params.community.alert_lead_hours
        for g in self.armed.values():
            for plan in g.plans:
                if plan.at - self.now > lead:
                    continue
                for loc, teams in self.alert_networks.items():
                    if self.hops[loc, plan.target] > 1:
                        continue
                    for team in sorted(teams - plan.reported_to):
                        if self.rng.random() < self.alert_reliability(loc):
                            plan.reported_to.add(team)
                            self.knowledge.learn(team, "threat", "alert_network", self.turn,
                                                 self.now, self.loc_ids[plan.target],
                                                 armed_group=g.key, expected_hour=plan.at,
                                                 tactic=plan.tactic)
                            self.log("early_warning_reported", plan.cause,
                                     location=plan.target, team=team, armed_group=g.key,
                                     network=self.loc_ids[loc], expected_hour=plan.at)

    # --- measures ----------------------------------------------------------------------

    def metric(self, name: str, location: str | None = None) -> float:
        """A named, documented world measure at one place (or over all places)."""
        c = self.civilians
        idx = slice(None) if location is None else self.index[location]
        # Computed only for the metric asked: conditions are checked every sub-step.
        present = lambda: c.present().sum(axis=1)  # noqa: E731
        felt = lambda: c.felt_risk(self.presence_array())  # noqa: E731
        values = {
            "population": lambda: present()[idx].sum(),
            "displaced": lambda: (c.displaced().sum(axis=1)[idx].sum()
                                  + (c.incoming.sum() if location is None else 0)),
            "people_at_risk": lambda: np.where(self.at_risk(felt()), present(), 0)[idx].sum(),
            "deaths": lambda: c.deaths.sum(axis=(0, 2))[idx].sum(),
            "injuries": lambda: c.injuries.sum(axis=1)[idx].sum(),
            "incidents": lambda: self.incidents[idx].sum(),
            "unmet_need": lambda: np.mean(c.turn_unmet[idx]),
            "flood_level": lambda: np.max(self.floods.level[idx]),
            "infected": lambda: (self.epidemic.e + self.epidemic.i)[idx].sum(),
            "tension": lambda: np.mean(self.tension[idx]),
            "trust": lambda: self.mean_trust() if location is None else self.trust[idx],
            "risk": lambda: np.mean(felt()[idx]),
            "presence": lambda: np.sum(self.presence_array()[idx]),
            "humanitarian_access": lambda: self.humanitarian_access,
            "abuse_incidents": lambda: self.abuses,
            "grievance": lambda: max([g.grievance for g in self.armed.values()] or [0.0]),
            "occupancy": lambda: _occupancy(present()[idx], c.capacity[idx]),
        }
        return float(values[name]())

    def at_risk(self, felt: np.ndarray) -> np.ndarray:
        """Places whose people are at risk: felt risk of one half or more, or flooded."""
        return (felt >= 0.5) | (self.floods.level > 0)

    def mean_trust(self) -> float:
        """Trust in the mission, averaged over the people (empty places do not count)."""
        people = self.civilians.present().sum(axis=1).astype(float)
        if people.sum() <= 0:
            return float(self.trust.mean())
        return float((self.trust * people).sum() / people.sum())

    def action_taken(self, team: str, action: str, location: str | None,
                     by_turn: int | None, since_turn: int = 1) -> bool:
        """Whether ``team`` had ``action`` accepted (at ``location``) between two turns."""
        for d in self.taken:
            if d["team"] != team or d["action"] != action:
                continue
            if d["turn"] < since_turn or (by_turn is not None and d["turn"] > by_turn):
                continue
            if location is not None and location not in d["params"].values():
                continue
            return True
        return False


def _key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


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


def _occupancy(people, capacity) -> float:
    """People present against the capacity of the places that have one (sites, camps):
    1.0 is full, above is crowded; 0 where no place has a capacity."""
    people, capacity = np.atleast_1d(people), np.atleast_1d(capacity)
    has = np.isfinite(capacity) & (capacity > 0)
    return float(people[has].sum() / capacity[has].sum()) if has.any() else 0.0
