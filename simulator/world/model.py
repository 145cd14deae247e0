"""The world of one exercise: a ``mesa.Model`` advanced turn by turn in hourly sub-steps.

The model holds the world's state and coordinates one sub-step; its parts hold the
rules that join the actors, one job each:

    geo         the map in play: routes, their state, the ways over them (geography)
    protection  who protects whom, where (protection)
    violence    what attacks and abuses leave behind, recruits (violence)
    outreach    community structures, word reaching the teams, trust from words (outreach)
    tasks       what a unit's task does when it arrives (tasks)
    custody     detainees and released children (custody)
    access      humanitarian access and the principles that keep it (access)
    hazards     what floods and the epidemic do each sub-step (hazards)
    measures    the named measures conditions and records read (measures)

Behaviours live in ``agents/``; effect primitives in ``simulator.world.effects``; the
turn protocol (open, decide, adjudicate) in ``simulator.play.exercise``. Only
``self.rng`` draws random numbers, so a run is a pure function of scenario, seed and
inputs.
"""

from __future__ import annotations

from typing import Any

import mesa
import numpy as np

from agents import communities, gatherings, herds
from agents.armed_groups import ArmedGroup
from agents.civilians import CAUSES, GROUPS, NEEDS, SITE_TYPES, Civilians
from agents.gatherings import Gathering
from agents.hazards import Epidemic, Floods
from agents.herds import Herd
from agents.humanitarian import Agency, HostForce
from agents.units import Unit
from simulator.language.scenario import Scenario
from simulator.world.access import Access
from simulator.world.custody import Custody
from simulator.world.events import EventLog
from simulator.world.geography import Geography
from simulator.world.hazards import Hazards
from simulator.world.knowledge import Knowledge
from simulator.world.measures import Measures
from simulator.world.outreach import Outreach
from simulator.world.protection import Protection
from simulator.world.records import QUIET_DEATHS
from simulator.world.tasks import Tasks
from simulator.world.violence import Violence


class ExerciseModel(mesa.Model):
    """State of the world, its parts, and one sub-step of it."""

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
        locs = spec.map.locations
        self.loc_ids = [loc.id for loc in locs]
        self.index = {loc.id: i for i, loc in enumerate(locs)}
        self.n = len(locs)
        self.types = [loc.type for loc in locs]
        self.coords = np.array([loc.coords for loc in locs], dtype=float)
        self.geo = Geography(self)
        self._build_population()
        self.trust = np.array([loc.attributes.trust for loc in locs])
        self.tension = np.array([loc.attributes.tension for loc in locs])
        self.humanitarian_access = 1.0
        self.floods = Floods(self.n)
        self.epidemic = Epidemic(self.n, self.params.hazards)
        self.protection = Protection(self)
        self.violence = Violence(self)
        self.outreach = Outreach(self)
        self.tasks = Tasks(self)
        self.custody = Custody(self)
        self.access = Access(self)
        self.hazards = Hazards(self)
        self.measures = Measures(self)
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
        self.engaged: set[tuple[int, int]] = set()  # (place, turn) engagements
        self.gatherings: list[Gathering] = []  # planned and under way
        self.agreements: dict[int, float] = {}  # place → hour its local agreement holds to
        self.clashes: dict[int, float] = {}  # place → hour of its last intercommunal clash
        self.mediated: dict[int, float] = {}  # place → hour of its last mediation
        self.tension_warned: set[int] = set()  # places whose high tension was reported
        self.herds = {h.id: Herd(h.id, h.cattle, [self.index[h.camp]] +
                                 [self.index[p] for p in h.corridor], h.km_per_day)
                      for h in spec.actors.herds}
        self.arrivals_day = -1  # last day whose arrivals entered
        self.arrivals_owed = 0  # people of past days with no place in conflict to enter at

    # --- construction -----------------------------------------------------------------

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
                                   crossings=self.geo.crossings)

    # --- the record ---------------------------------------------------------------------

    def log(self, type_: str, cause: str, location: int | None = None, **data: Any) -> dict:
        if location is not None:
            data["location"] = self.loc_ids[location]
        return self.events.append(self.turn, self.now, type_, cause, **data)

    def by_group(self, counts: np.ndarray) -> dict[str, int]:
        return {g: int(c) for g, c in zip(GROUPS, counts, strict=True)}

    def log_crossings(self) -> None:
        """Boat crossings that left people waiting during the turn, what checkpoints did,
        and whom armed groups recruited: one event each."""
        self.geo.log_checkpoints()
        self.violence.log_recruits()
        for (a, b), carried, waiting in self.geo.crossings.read():
            self.log("crossing_full", "rule:boats",
                     route=self.geo.route_id(a, b), carried=carried, turned_away=waiting,
                     boats_per_day=self.geo.boats.get((a, b), 0))

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

    # --- one sub-step ----------------------------------------------------------------

    def substep(self) -> None:
        """Advance the world by ``dt`` hours."""
        dt = self.dt
        self.hazards.flood()
        self.tasks.finish_repairs()
        for group in (Unit, Agency, ArmedGroup, HostForce):
            if group in self.agents_by_type:
                self.agents_by_type[group].shuffle_do("step")
        self.outreach.alerts()
        self.geo.update_checkpoints()
        if self.gatherings:
            self._gatherings()
        if self.custody.released:
            self.custody.family_tracing()
        for h in self.herds.values():
            herds.step(self, h)
        communities.step(self)
        c = self.civilians
        presence = self.protection.presence_array()
        self._arrivals()
        c.perceive(dt, self.floods.level)
        c.arrive(self.now)
        c.move(self.rng, self.now, dt, self.geo.paths, presence)
        c.meet_needs(self.rng, dt, self.floods.level, self.site_shelter)
        self.hazards.epidemic()
        self.access.recover(dt)
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
