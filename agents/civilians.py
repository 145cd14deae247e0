"""Civilians as numpy arrays: where people are, what they fear, what they lack, who died.

``people`` (``agents.people.People``) counts people from home ``o`` who are now at ``l``,
by group ``g`` (women, men, girls, boys, older), in the cells that hold someone. Cells
``o == l`` are residents at home; the rest are displaced. Movement follows Flee
(Suleimenova, Bell & Groen 2017): a move chance by location type and perceived risk,
destinations weighted by attractiveness over distance and by free capacity, travel on
foot along open routes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from agents.people import People

GROUPS = ("women", "men", "girls", "boys", "older")
NEEDS = ("water", "food", "shelter", "health")
CAUSES = ("violence", "flood", "disease", "deprivation", "injuries")
SITE_TYPES = ("idp_site", "camp")


def take(counts: np.ndarray, people: int) -> np.ndarray:
    """``people`` of ``counts`` (any shape), in proportion to each cell."""
    if people >= counts.sum():
        return counts.copy()
    return split_counts(people, counts.ravel().astype(float)).reshape(counts.shape)


@dataclass
class Transit:
    """People on the road to ``dest``, arriving at hour ``arrive``."""

    arrive: float
    dest: int
    parts: list = field(default_factory=list)  # (homes, [home, group]) as they set off

    def board(self, homes: np.ndarray, counts: np.ndarray) -> None:
        """``counts`` [home, group] more, from ``homes``."""
        self.parts.append((homes, counts))

    def homes(self) -> tuple[np.ndarray, np.ndarray]:
        """(homes ascending, counts [home, group]) of everyone on board."""
        if len(self.parts) != 1:
            homes = np.concatenate([h for h, _ in self.parts] or [np.zeros(0, np.int64)])
            counts = np.concatenate([c for _, c in self.parts] or
                                    [np.zeros((0, len(GROUPS)), np.int64)])
            homes, index = np.unique(homes, return_inverse=True)
            merged = np.zeros((len(homes), len(GROUPS)), dtype=np.int64)
            np.add.at(merged, index, counts)
            self.parts = [(homes, merged)]
        homes, counts = self.parts[0]
        order = np.argsort(homes, kind="stable")
        return homes[order], counts[order]

    def total(self) -> np.ndarray:
        """Everyone on board by group."""
        return sum((c.sum(axis=0) for _, c in self.parts), np.zeros(len(GROUPS), np.int64))

    def of(self, home: int) -> np.ndarray:
        """Those from ``home`` by group."""
        return sum((c[h == home].sum(axis=0) for h, c in self.parts),
                   np.zeros(len(GROUPS), np.int64))


def _dense_sum(n: int, places: np.ndarray, w: np.ndarray) -> float:
    """``w``'s sum as if spread over all ``n`` places (zeros elsewhere): numpy's pairwise
    sum depends on where the values sit, and this keeps the sum that weighs the
    destinations the same float as a whole row's."""
    row = np.zeros(n)
    row[places] = w
    return float(row.sum())


def split_counts(total: int, weights: np.ndarray) -> np.ndarray:
    """Split ``total`` in proportion to ``weights`` with integer parts (largest remainder)."""
    wsum = weights.sum()
    if total <= 0 or wsum <= 0:
        return np.zeros(len(weights), dtype=np.int64)
    exact = weights / wsum * total
    if total == 1:  # the one goes to the largest share, the first of equal ones (as below)
        out = np.zeros(len(weights), dtype=np.int64)
        out[np.argmax(exact)] = 1
        return out
    out = np.floor(exact).astype(np.int64)
    short = int(total - out.sum())
    if short:
        order = np.argsort(-(exact - out), kind="stable")
        out[order[:short]] += 1
    return out


@dataclass
class Civilians:
    """State and rules of the civilian population of one exercise."""

    residents_at_start: np.ndarray  # [location, group] int64: everyone at home
    types: list[str]
    capacity: np.ndarray  # people, inf where unlimited
    attractiveness: np.ndarray
    coverage: np.ndarray  # [location, need] share met locally
    sanitation: np.ndarray
    params: object  # simulator.language.parameters.Parameters (duck-typed: agents do not import it)
    risk: np.ndarray = None
    injured: np.ndarray = None  # [location, group] untreated injured
    deaths: np.ndarray = None  # [cause, location, group]
    injuries: np.ndarray = None  # [location, group] cumulative
    unmet: np.ndarray = None  # [location, need] cumulative person-days
    aid_stock: np.ndarray = None  # [location, need] person-days waiting at the place
    aid_used: np.ndarray = None  # [location, need] cumulative person-days consumed
    turn_aid: np.ndarray = None  # [location, need] person-days consumed this turn
    turn_unmet: np.ndarray = None  # [location, need] share unmet during this turn (last step)
    treated: np.ndarray = None  # [location] hours of medical care left
    incoming: np.ndarray = None  # [location] people on the road to each place
    flows: dict = None  # (from, to) → cumulative people who set off (walk, return, transport)
    conflict: np.ndarray = None  # [location] in active conflict
    closed_sites: np.ndarray = None  # [location] admits nobody
    redirect: dict = field(default_factory=dict)  # location → where everyone there is sent
    step_hours: float = 1.0  # the model's sub-step: arrivals are set down at its boundaries
    crossings: object = None  # agents.crossings.Crossings: boat routes with few seats a day
    visitors: dict = field(default_factory=dict)  # place → [home, group] at a gathering
    _slots: dict = field(default_factory=dict)  # (arrival hour, dest) → people on the road
    _due: dict = field(default_factory=dict)  # arrival hour → its keys in _slots

    def __post_init__(self):
        n, g = self.residents_at_start.shape
        self.people = People(n, g)
        for place in self.residents_at_start.sum(axis=1).nonzero()[0].tolist():
            self.people.add(place, place, self.residents_at_start[place])
        self.risk = np.zeros(n) if self.risk is None else self.risk
        self.injured = np.zeros((n, g), dtype=np.int64)
        self.deaths = np.zeros((len(CAUSES), n, g), dtype=np.int64)
        self.injuries = np.zeros((n, g), dtype=np.int64)
        self.unmet = np.zeros((n, len(NEEDS)))
        self.aid_stock = np.zeros((n, len(NEEDS)))
        self.aid_used = np.zeros((n, len(NEEDS)))
        self.turn_aid = np.zeros((n, len(NEEDS)))
        self.turn_unmet = np.zeros((n, len(NEEDS)))
        self.treated = np.zeros(n)
        self.incoming = np.zeros(n, dtype=np.int64)
        self.flows = {}
        self.flowed: set[tuple[int, int]] = set()  # flows keys changed since last read
        self.conflict = np.zeros(n, dtype=bool)
        self.closed_sites = np.zeros(n, dtype=bool)
        # Location types and parameters do not change during a run.
        m = self.params.movement
        self._move_chance = np.array([m.move_chance.get(t, 0.0) for t in self.types])
        self._settled = np.array([t in m.settle_types for t in self.types])
        self._sites = np.flatnonzero(self._settled)
        exposure = self.params.violence.abduction_exposure
        self._abduction = np.array([exposure.get(g, 1.0) for g in GROUPS])
        needs = self.params.needs
        self._excess = np.array([needs.excess_mortality.get(k, 0.0) for k in NEEDS])
        self._vulnerability = np.array([needs.vulnerability.get(g, 1.0) for g in GROUPS])

    # --- views ------------------------------------------------------------------------

    @property
    def transit(self) -> list[Transit]:
        """People on the road, one entry per arrival sub-step and destination."""
        return list(self._slots.values())

    def present(self) -> np.ndarray:
        """People at each location by group [location, group]."""
        return self.people.here.copy()

    def present_at(self, loc: int) -> np.ndarray:
        """People at one location by group."""
        return self.people.here[loc].copy()

    def residents(self) -> np.ndarray:
        return self.people.home.copy()

    def dense(self) -> np.ndarray:
        """Everyone as one ``[home, place, group]`` array: for small maps and tests only."""
        return self.people.dense()

    def flow_array(self) -> np.ndarray:
        """``flows`` as one ``[from, to]`` array: for small maps and tests only."""
        out = np.zeros((len(self.types), len(self.types)), dtype=np.int64)
        for (src, dest), people in self.flows.items():
            out[src, dest] = people
        return out

    def displaced(self) -> np.ndarray:
        """Displaced people at each location by group (present minus residents, and
        minus visitors at a gathering)."""
        return self._displaced(self.present(), self.residents())

    def _displaced(self, present: np.ndarray, residents: np.ndarray) -> np.ndarray:
        """``displaced()`` from ``present()`` and ``residents()`` already at hand."""
        out = present - residents
        for place, counts in self.visitors.items():
            out[place] = np.maximum(0, out[place] - counts.sum(axis=0))
        return out

    def in_transit(self) -> np.ndarray:
        """People on the road, by group."""
        out = np.zeros(len(GROUPS), dtype=np.int64)
        for t in self.transit:
            out += t.total()
        return out

    def displaced_total(self) -> int:
        return int(self.displaced().sum() + self.incoming.sum())

    # --- harm -------------------------------------------------------------------------

    def remove(self, loc: int, group: int, n: int) -> int:
        """Remove ``n`` people of ``group`` at ``loc``, spread over homes; return removed."""
        n = min(int(n), int(self.people.here[loc, group]))
        if n > 0:
            homes, counts = self.people.at(loc)
            gone = np.zeros_like(counts)
            gone[:, group] = split_counts(n, counts[:, group].astype(float))
            self.people.sub_at(homes, loc, gone)
        return n

    def kill(self, cause: str, loc: int, by_group: np.ndarray) -> np.ndarray:
        """Record deaths by group at ``loc`` (capped by who is there); return the deaths."""
        done = np.zeros(len(GROUPS), dtype=np.int64)
        for g in by_group.nonzero()[0].tolist():  # the other groups lose no one
            done[g] = self.remove(loc, g, int(by_group[g]))
        self.deaths[CAUSES.index(cause), loc] += done
        self.injured[loc] = np.minimum(self.injured[loc], self.present_at(loc))
        return done

    def wound(self, loc: int, by_group: np.ndarray) -> np.ndarray:
        by_group = np.minimum(by_group, self.present_at(loc) - self.injured[loc])
        self.injured[loc] += by_group
        self.injuries[loc] += by_group
        return by_group

    # --- one sub-step -----------------------------------------------------------------

    def perceive(self, dt: float, flood: np.ndarray) -> None:
        """Risk fades with time; flooding and conflict are felt at once."""
        p = self.params
        self.risk *= (1 - p.risk.decay_per_day) ** (dt / 24)
        self.risk = np.maximum(self.risk, np.where(flood > 0, p.risk.flood, 0.0))
        self.risk = np.maximum(self.risk, np.where(self.conflict, p.risk.conflict, 0.0))

    def enter(self, people: int, places: dict[int, float], shares: np.ndarray) -> dict[int, int]:
        """New people at ``places`` (index → weight), split by group ``shares``; each place
        is their home. Returns the people added at each place."""
        idx = np.array(sorted(places))
        at = split_counts(int(people), np.array([places[i] for i in idx], dtype=float))
        for i, n in zip(idx.tolist(), at, strict=True):
            self.people.add(i, i, split_counts(int(n), shares))
        return dict(zip(idx.tolist(), at.tolist(), strict=True))

    def felt_risk(self, presence: np.ndarray) -> np.ndarray:
        """Risk people act on: protection present reassures (up to presence_reassurance)."""
        cover = np.minimum(1.0, presence / self.params.risk.reassurance_protectors)
        return self.risk * (1 - self.params.risk.presence_reassurance * cover)

    def raise_risk(self, loc: int, amount: float, neighbours: list[int], share: float) -> None:
        self.risk[loc] = min(1.0, self.risk[loc] + amount)
        for n in neighbours:
            self.risk[n] = min(1.0, self.risk[n] + amount * share)

    def move(self, rng: np.random.Generator, now: float, dt: float, paths,
             presence: np.ndarray) -> np.ndarray:
        """Flee-style moves for one sub-step; return people leaving each location.

        ``paths`` (``agents.paths.PeoplePaths``): the people's ways, in km (which weigh
        destinations and set the time by vehicle) and in hours on foot.
        """
        m = self.params.movement
        felt = self.felt_risk(presence)
        over = np.clip((felt - m.risk_threshold) / (1 - m.risk_threshold + 1e-9), 0, 1)
        p_day = np.minimum(1.0, self._move_chance + m.risk_move_chance * over)
        # Displaced people outside a site keep looking for one.
        settled = self._settled
        p_displaced = np.where(settled, p_day, np.maximum(p_day, m.onward_move_chance))
        p_step, p_step_displaced = (1 - (1 - p) ** (dt / 24) for p in (p_day, p_displaced))
        occupancy = self.present().sum(axis=1) + self.incoming
        with np.errstate(divide="ignore", invalid="ignore"):
            room = np.clip(1 - occupancy / self.capacity, 0, 1)
        free = np.where(np.isfinite(self.capacity), np.where(self.capacity > 0, room, 0.0), 1.0)
        free = np.where(self.closed_sites, 0.0, free)
        safety = (1 - felt) ** m.safety_exponent
        # What each destination offers, before distance: the state it reads does not
        # change during the loop below.
        offer = self.attractiveness * (safety * free)
        # Whether people leaving a place have somewhere to go (a place joined to it that
        # offers something), known before their destinations are weighed.
        offering = offer > 0
        offers = np.bincount(paths.component[offering], minlength=paths.component.max() + 1)
        n = len(self.types)
        may_leave = self._may_leave(p_step, p_step_displaced)
        # sent[(from, to)]: people who set off; added to flows and incoming after the loop,
        # which reads neither.
        sent: dict[tuple[int, int], int] = {}
        # Only a place's own people change in its turn below: which places to visit is
        # known before.
        visit = may_leave.copy()
        for loc, target in self.redirect.items():
            visit[loc] |= paths.joined(loc, target)
        for loc in (self.people.here.any(axis=1) & visit).nonzero()[0].tolist():
            homes, here = self.people.at(loc)
            if loc in self.visitors:  # at a gathering: they go back when it ends
                here = np.maximum(0, here - self.visitors[loc][homes])
            target = self.redirect.get(loc)
            if target is not None and paths.joined(loc, target):
                movers = rng.binomial(here, 1.0)
                if not np.count_nonzero(movers):
                    continue
                places, w = np.array([target]), np.ones(1)
                trips = self._trip(paths, loc, places)
            elif may_leave[loc] and offers[paths.component[loc]] > offering[loc]:
                # chance[home]: the displaced at loc move with one chance, residents
                # (home == loc) with another.
                chance = np.where(homes == loc, p_step[loc], p_step_displaced[loc])[:, None]
                movers = rng.binomial(here, chance)
                if not np.count_nonzero(movers):
                    continue
                places, w, trips = self._destinations(paths, loc, offer)
            else:
                continue
            total = _dense_sum(n, places, w)
            self.people.sub_at(homes, loc, movers)
            self._send(rng, now, loc, homes, movers, places, w / total, trips, sent)
        out = np.zeros(n, dtype=np.int64)
        for (src, dest), people in sent.items():
            self.flows[(src, dest)] = self.flows.get((src, dest), 0) + people
            self.flowed.add((src, dest))
            self.incoming[dest] += people
            out[src] += people
        self._returns(rng, now, dt, paths, felt)
        return out

    def _may_leave(self, p_step: np.ndarray, p_step_displaced: np.ndarray) -> np.ndarray:
        """Places where someone present has a chance to move (visitors at a gathering go
        back when it ends), for every place at once: residents with ``p_step``, the
        displaced with ``p_step_displaced``."""
        people = self.people
        home = people.home.any(axis=1)
        away = (people.here - people.home).any(axis=1)
        out = (home & (p_step != 0)) | (away & (p_step_displaced != 0))
        for loc, counts in self.visitors.items():
            homes, here = people.at(loc)
            here = np.maximum(0, here - counts[homes])
            chance = np.where(homes == loc, p_step[loc], p_step_displaced[loc])
            out[loc] = (chance[:, None] * here).any()
        return out

    def _destinations(self, paths, loc: int, offer: np.ndarray):
        """Where people leaving ``loc`` may go: (places ascending, weights, trip hours
        [mode, place]). Weight: attractiveness × safety × free room over distance, among
        the places within ``awareness_hops`` (and every reachable site, when
        ``sites_known``); from a place where none of them is safe or has room, among
        every place reachable (people ask their way further)."""
        m = self.params.movement
        known = paths.known(loc, m.awareness_hops, self._sites) if m.sites_known else \
            paths.nearby(loc, m.awareness_hops)
        places, km, hours = known.places, known.km, known.hours
        w = self._score(offer, places, km)
        if not (w > 0).any():  # none known is safe or has room: every place reachable
            km, hours = paths.km.row(loc), paths.hours.row(loc)
            places = np.flatnonzero(np.isfinite(km))
            places = places[places != loc]
            km, hours = km[places], hours[places]
            w = self._score(offer, places, km)
        return places, w, self._trips(km, hours)

    def _score(self, offer, places, km) -> np.ndarray:
        score = offer[places] / (km + self.params.movement.distance_offset_km)
        score[~np.isfinite(score)] = 0.0  # no weight for what cannot be scored
        return score

    def _trip(self, paths, loc: int, places: np.ndarray) -> np.ndarray:
        """Trip hours [mode, place] from ``loc`` to ``places``."""
        return self._trips(paths.km.row(loc)[places], paths.hours.row(loc)[places])

    def _trips(self, km: np.ndarray, hours: np.ndarray) -> np.ndarray:
        """Hours of the ways [mode (vehicle, on foot), place]: by vehicle never slower
        than on foot."""
        by_vehicle = np.minimum(24 * km / self.params.movement.vehicle_km_per_day, hours)
        return np.array([by_vehicle, hours])

    def _returns(self, rng, now, dt, paths, felt) -> None:
        """Displaced people go home when home feels safe again."""
        m = self.params.movement
        if m.return_chance <= 0:
            return
        p = 1 - (1 - m.return_chance) ** (dt / 24)
        # Homes that feel safe and have people elsewhere: tested for every home at once (a
        # home's people elsewhere change only in its own turn below).
        safe = felt < m.risk_threshold
        for home in [h for h in self.people.homes_away() if safe[h]]:
            places, away = self.people.away(home)
            for place, counts in self.visitors.items():
                k = np.searchsorted(places, place)
                if k < len(places) and places[k] == place:
                    away[k] = np.maximum(0, away[k] - counts[home])
            if not np.count_nonzero(away):
                continue
            goers = rng.binomial(away, p)
            for k in goers.sum(axis=1).nonzero()[0].tolist():
                loc, going = int(places[k]), goers[k]
                if not paths.joined(loc, home):
                    continue
                late, longer = 0.0, 1.0
                if self.crossings and self.crossings.acts_on(loc, home):
                    on, stay, late, longer = self._way(rng, now, loc, home, going[None])
                    self.people.sub(home, loc, going - on[0] - stay[0])  # the abducted
                    going = on[0]
                    if not going.any():
                        continue
                self.people.sub(home, loc, going)
                self._travel(now + paths.hours[loc, home] * longer + late, loc, home,
                             np.array([home]), going[None])

    def _send(self, rng, now, loc, origins, movers, dests, w, trips, sent) -> None:
        """Share ``movers`` [home, group] (from ``origins``) among ``dests`` by weight
        ``w``; some go by vehicle, the rest on foot, ``trips`` [mode, dest] hours, unless
        held up on the way. Count in ``sent`` [(from, to)] those who set off (not those
        who stayed for want of a boat)."""
        m = self.params.movement
        # Draw only for the homes that have movers and the places with weight.
        homes, has = movers.sum(axis=1).nonzero()[0], w.nonzero()[0]
        places, trips = dests[has], trips[:, has]
        per_place = rng.multinomial(movers[homes], w[has] / w[has].sum())  # [home, g, place]
        _, delay, longer = self._on_the_way(rng, now, loc, origins[homes], places, per_place,
                                            trips[1]) if self.crossings else (0, {}, {})
        riding = rng.binomial(per_place, m.vehicle_share)
        going = (riding, per_place - riding)  # [mode (vehicle, on foot)][home, group, place]
        homes = origins[homes]
        people = np.array([riding.sum(axis=(0, 1)), going[1].sum(axis=(0, 1))])  # [mode, place]
        if delay:  # checkpoints held some up; others went round them, a longer way
            trips = trips * np.array([longer.get(j, 1.0) for j in range(len(places))]) + \
                np.array([delay.get(j, 0.0) for j in range(len(places))])
        arrive = self._slot(now + trips)
        total = people.sum(axis=0)
        for j in total.nonzero()[0].tolist():
            key = (loc, int(places[j]))
            sent[key] = sent.get(key, 0) + int(total[j])
        for mode, j in zip(*(a.tolist() for a in people.nonzero()), strict=True):
            self._board(float(arrive[mode, j]), int(places[j]), homes, going[mode][:, :, j])

    def _on_the_way(self, rng, now, loc, homes, places, per_place,
                    hours) -> tuple[int, dict, dict]:
        """What people bound for each place meet on the way: those who find no seat on a
        boat crossing stay at ``loc``, checkpoints turn some back, abduct some and delay the
        rest, or people go round them. Return how many left neither way (stayed or
        abducted), and per destination the hours lost waiting and how many times longer
        the way is."""
        held, delay, longer = 0, {}, {}
        totals = per_place.sum(axis=(0, 1)).tolist()  # people bound for each place
        bound = [j for j, total in enumerate(totals) if total]
        acting = self.crossings.acting(int(loc), places[bound].tolist(), hours[bound])
        for j, acts in zip(bound, acting, strict=True):
            if not acts:
                continue  # all go on, at once and the quickest way
            going, stay, late, longer[j] = self._way(rng, now, int(loc), int(places[j]),
                                                     per_place[:, :, j], totals[j])
            held += totals[j] - int(going.sum())
            per_place[:, :, j] = going
            if stay.any():  # those left waiting for a boat or turned back
                self.people.add_at(homes, loc, stay)
            delay[j] = late
        return held, delay, longer

    def _way(self, rng, now, src, dest, going,
             total: int | None = None) -> tuple[np.ndarray, np.ndarray, float, float]:
        """People ``going`` from ``src`` to ``dest`` on the way (``total`` of them, summed
        here when None): (those who go on, those who stay at ``src``, hours lost waiting,
        how many times longer their way is)."""
        total = int(going.sum()) if total is None else total
        seats = self.crossings.seats(now, src, dest, total)
        on = going.copy() if seats >= total else take(going, seats)  # all on: nothing to share
        stay = going - on
        if self.crossings.checkpoints:
            on, back, late, longer = self.crossings.pass_checkpoints(rng, src, dest, on,
                                                                     self._abduction)
            return on, stay + back, late, longer
        return on, stay, 0.0, 1.0

    def _travel(self, arrive: float, src: int, dest: int, homes: np.ndarray,
                counts: np.ndarray) -> None:
        """Put ``counts`` [home, group] (from ``homes``), just taken out of ``src``, on the
        road to ``dest``."""
        people = int(counts.sum())
        self.flows[(src, dest)] = self.flows.get((src, dest), 0) + people
        self.flowed.add((src, dest))
        self.incoming[dest] += people
        self._board(self._slot(arrive), dest, homes, counts)

    def _slot(self, arrive):
        """The sub-step people arriving at hour ``arrive`` are set down at: the first at or
        after it, so all who reach one place in one sub-step share one entry."""
        return np.ceil(arrive / self.step_hours - 1e-9) * self.step_hours

    def _board(self, slot: float, dest: int, homes: np.ndarray, counts: np.ndarray) -> None:
        """Add ``counts`` [home, group] (from ``homes``) to the people reaching ``dest`` at
        ``slot``; the caller counts them in ``flows`` and ``incoming``."""
        entry = self._slots.get((slot, dest))
        if entry is None:
            entry = self._slots[(slot, dest)] = Transit(slot, dest)
            self._due.setdefault(slot, []).append((slot, dest))
        entry.board(homes, counts)

    def carry(self, now: float, src: int, dest: int, people: int, hours: float) -> int:
        """Transport up to ``people`` from ``src`` to ``dest`` (evacuation); return moved."""
        homes, here = self.people.at(src)
        people = min(int(people), int(here.sum()))
        if people <= 0:
            return 0
        here = here.astype(float)
        # The most vulnerable board first: older people and children, then women.
        order = [4, 2, 3, 0, 1]
        counts = np.zeros((len(homes), len(GROUPS)), dtype=np.int64)
        left = people
        for g in order:
            take = min(left, int(here[:, g].sum()))
            counts[:, g] = split_counts(take, here[:, g])
            left -= take
        self.people.sub_at(homes, src, counts)
        self._travel(now + hours, int(src), int(dest), homes, counts)
        return people

    def harm_travellers(self, rng: np.random.Generator, dest: int, share: float) -> np.ndarray:
        """An ambush on the roads into ``dest``: a share of those walking there are killed."""
        dead = np.zeros(len(GROUPS), dtype=np.int64)
        for t in self.transit:
            if t.dest != dest:
                continue
            homes, counts = t.homes()
            keep = counts.any(axis=1)  # numpy draws nothing for nobody: the same draws
            if keep.any():
                homes, counts = homes[keep], counts[keep]
                hit = rng.binomial(counts, np.clip(share, 0, 1))
                t.parts = [(homes, counts - hit)]
                self.incoming[dest] -= int(hit.sum())
                dead += hit.sum(axis=0)
        self.deaths[CAUSES.index("violence"), dest] += dead
        return dead

    def arrive(self, now: float) -> None:
        """Set down the people whose arrival hour has come (in any order: only sums
        change)."""
        for hour in [h for h in self._due if h <= now]:
            for key in self._due.pop(hour):
                t = self._slots.pop(key)
                for homes, counts in t.parts:
                    self.people.add_at(homes, t.dest, counts)
                self.incoming[t.dest] -= int(t.total().sum())

    def _shortfall(self, days: float, flood: np.ndarray, site_shelter: np.ndarray,
                   present: np.ndarray | None = None):
        """People per place, and person-days per need that local supply leaves unmet
        (``present``: ``present()`` when the caller has it)."""
        p = self.params.needs
        present = self.present() if present is None else present
        residents = self.residents()
        res = residents.sum(axis=1).astype(float)
        disp = self._displaced(present, residents).sum(axis=1).astype(float)
        cov = self.coverage.copy()
        wet = np.clip(flood, 0, 1)
        cov[:, [0, 2]] *= (1 - wet)[:, None]  # floods spoil water points and shelters
        disp_cov = cov * p.displaced_coverage
        disp_cov[:, 2] = np.maximum(disp_cov[:, 2], site_shelter * (1 - wet))
        local = (res[:, None] * cov + disp[:, None] * disp_cov) * days
        people = res + disp
        return people, people[:, None] * days - local

    def expected_unmet(self, flood: np.ndarray, site_shelter: np.ndarray) -> np.ndarray:
        """Share of each need that would go unmet over the next day [location, need],
        counting aid already at the place: what a needs assessment finds."""
        people, short = self._shortfall(1.0, flood, site_shelter)
        unmet = np.maximum(short - self.aid_stock, 0)
        return np.where(people[:, None] > 0, unmet / np.maximum(people[:, None], 1e-9), 0.0)

    def meet_needs(self, rng: np.random.Generator, dt: float, flood: np.ndarray,
                   site_shelter: np.ndarray) -> np.ndarray:
        """Consume local supply and aid, record unmet person-days, apply excess mortality.

        Returns deaths from deprivation by location.
        """
        p = self.params.needs
        days = dt / 24
        present = self.present()
        people, short = self._shortfall(days, flood, site_shelter, present)
        used = np.minimum(self.aid_stock, short)
        self.aid_stock -= used
        self.aid_used += used
        self.turn_aid += used
        unmet = short - used
        self.unmet += unmet
        frac = np.where(people[:, None] > 0, unmet / np.maximum(people[:, None] * days, 1e-9), 0)
        self.turn_unmet = frac
        rate = p.base_mortality + frac @ self._excess  # per person per day, by location
        prob = np.clip(rate[:, None] * self._vulnerability[None, :] * days, 0, 1)
        dead = rng.binomial(present, prob)
        out = np.zeros(len(self.types), dtype=np.int64)
        for loc in dead.sum(axis=1).nonzero()[0]:
            out[loc] = self.kill("deprivation", loc, dead[loc]).sum()
        self._injured_die(rng, dt)
        return out

    def _injured_die(self, rng, dt) -> None:
        if not np.count_nonzero(self.injured):  # nobody injured: nobody to draw for
            self.treated = np.maximum(0, self.treated - dt)
            return
        rate = self.params.needs.injured_death_rate * dt / 24
        care = np.where(self.treated > 0, self.params.needs.treated_death_factor, 1.0)
        dead = rng.binomial(self.injured, np.clip(rate * care, 0, 1)[:, None])
        for loc in dead.sum(axis=1).nonzero()[0]:
            self.injured[loc] -= dead[loc]
            self.kill("injuries", loc, dead[loc])
        self.treated = np.maximum(0, self.treated - dt)
