"""What people meet on the way: boat crossings with few seats, and checkpoints.

A boat route's ``boats`` say how many people its boats and pirogues carry in a day. People
whose way crosses it take a seat while seats are left; the others wait where they are and
try again later. A checkpoint on a route turns back a share of the people passing, abducts
a share (an armed group's), and delays the others. People take a way round the operating
checkpoints when it costs them no more than waiting at them, plus ``detour_hours`` when an
armed group holds one (they would rather walk further than meet it).

The way people take is the quickest (``hours``, the people's shortest paths); a route is
on the way from ``s`` to ``t`` when going through it is as quick as the quickest way. Only
the routes that can be reached and crossed from ``s`` within that time are checked: the
others cannot be on the way, and checking them would read a row of paths from each of
their ends.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import numpy as np

Route = tuple[int, int]


@dataclass
class Checkpoint:
    """A checkpoint in play: its rates, who holds it, and what it did this turn."""

    key: str
    route: Route
    held_by: str
    armed: bool  # held by an armed group (abducts), not a host force
    levy: float
    delay_hours: float
    turn_back: float
    abduct: float
    active: bool
    access_until: float = 0.0  # negotiated humanitarian access lasts to this hour
    operating: bool = False  # set by the model each sub-step
    passed: int = 0
    turned_back: int = 0
    detoured: int = 0  # people who took a way round it this turn
    abducted: np.ndarray = field(default=None)  # [group] this turn


class Crossings:
    """Seats left today on each boat route with a daily limit, the checkpoints that operate,
    and what each did to the people passing."""

    def __init__(self):
        self.limits: dict[Route, int] = {}  # route → people a day (limited only)
        self.used: dict[Route, int] = {}  # route → people carried today
        self.turned_away: dict[Route, int] = {}  # route → people left waiting
        self.carried: dict[Route, int] = {}  # route → people carried
        self.checkpoints: dict[Route, list[Checkpoint]] = {}
        self.day = -1
        self.detour_hours = 0.0  # hours more people accept to avoid an armed group
        self._hours = np.zeros((0, 0))
        self._graph = nx.Graph  # the graph of the routes people use, when asked for
        self._routes: dict[Route, float] = {}  # watched route → its hours
        self._ways: dict[Route, list[Route]] = {}
        self._watched: list[tuple[Route, float]] = []  # _routes' items, in order
        self._ends = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
        self._reach: dict[int, np.ndarray] = {}  # src → hours to reach and cross each route
        self._end_rows: dict[int, np.ndarray] = {}  # a watched route's end → its row
        self._ends_rows: np.ndarray | None = None  # those rows, one per end (_end_at)
        self._end_at = np.zeros(0, dtype=np.int64)
        self._around: dict[tuple, dict[int, float]] = {}  # (avoided routes, src) → hours

    def __bool__(self) -> bool:
        return bool(self._routes)

    def __getstate__(self) -> dict:
        # Rows of paths are found again when read: a snapshot does not carry them.
        return {**self.__dict__, "_reach": {}, "_end_rows": {}, "_ends_rows": None}

    def routes_changed(self, hours, routes: list[Route], route_hours: np.ndarray,
                       graph) -> None:
        """New shortest paths (``hours[a, b]``): ``routes`` (low, high) are the open routes
        people use, with their ``route_hours``, and ``graph()`` gives them as a graph;
        those with few boats or a checkpoint are watched."""
        self._hours, self._graph = hours, graph
        watched = [k for k, r in enumerate(routes) if r in self.limits or r in self.checkpoints]
        self._routes = {routes[k]: float(route_hours[k]) for k in watched}
        self._watched = list(self._routes.items())
        self._ends = (np.array([a for a, _ in self._routes], dtype=np.int64),
                      np.array([b for _, b in self._routes], dtype=np.int64),
                      np.array(list(self._routes.values()), dtype=float))
        self._ways.clear()
        self._reach.clear()
        self._end_rows.clear()
        self._ends_rows = None
        self._around.clear()

    def on_way(self, src: int, dest: int) -> list[Route]:
        """The watched routes on the quickest way from ``src`` to ``dest``."""
        found = self._ways.get((src, dest))
        if found is None:
            self._find_ways(src, [dest])
            found = self._ways[(src, dest)]
        return found

    def acting(self, src: int, dests: list[int], hours: np.ndarray | None = None
               ) -> list[bool]:
        """``acts_on(src, dest)`` for each of ``dests``, the ways found all at once;
        ``hours``: the quickest way's hours to each (exact, or summed the other way
        round), which spare the row of paths from ``src`` where they settle every way."""
        missing = [k for k, dest in enumerate(dests) if (src, dest) not in self._ways]
        if missing:
            dests_missing = [dests[k] for k in missing]
            if hours is None or not self._settle(src, dests_missing,
                                                 np.asarray(hours, dtype=float)[missing]):
                self._find_ways(src, dests_missing)
        return [self._acts(self._ways[(src, dest)]) for dest in dests]

    def _settle(self, src: int, dests: list[int], hours: np.ndarray) -> bool:
        """Find the ways from ``src`` to ``dests`` (into ``_ways``) from the rows of the
        watched routes' ends alone, when they settle every one: lengths summed along a
        way in one order or the other differ by far less than a billionth, so a route
        whose estimate is that far inside (outside) ``isclose``'s margin is (is not) on
        the way, as the exact test would find. False, and nothing found, otherwise."""
        if not len(self._watched):
            for dest in dests:
                self._ways[(src, dest)] = []
            return True
        ends = self._end_matrix()
        a, b, w = (self._end_at[self._ends[0]], self._end_at[self._ends[1]], self._ends[2])
        dests_at = np.asarray(dests, dtype=np.int64)
        # ends[a, src]: from a route's end to src, about the way from src to it.
        through = np.minimum((ends[a, src] + w)[:, None] + ends[np.ix_(b, dests_at)],
                             (ends[b, src] + w)[:, None] + ends[np.ix_(a, dests_at)])
        with np.errstate(invalid="ignore"):
            gap = np.abs(through - hours) - (1e-8 + 1e-5 * np.abs(hours))
            margin = 1e-9 * (np.abs(through) + np.abs(hours))
            on, off = gap < -margin, gap > margin
        if not (on | off).all():
            return False
        for j, dest in enumerate(dests):
            self._ways[(src, dest)] = [self._watched[k][0] for k in np.flatnonzero(on[:, j])]
        return True

    def _end_matrix(self) -> np.ndarray:
        """The rows of paths from every watched route's end, one per end (``_end_at``)."""
        if self._ends_rows is None:
            ends = sorted(set(self._ends[0].tolist()) | set(self._ends[1].tolist()))
            self._end_at = np.zeros(max(ends) + 1, dtype=np.int64)
            self._end_at[ends] = np.arange(len(ends))
            self._ends_rows = np.array([self._end_row(e) for e in ends])
        return self._ends_rows

    def _find_ways(self, src: int, dests: list[int]) -> None:
        """Find the ways from ``src`` to each of ``dests`` (into ``_ways``)."""
        d = self._hours
        row = d[src]
        dests = np.asarray(dests, dtype=np.int64)
        total = row[dests]
        reach = self._reach.get(src)
        if reach is None:
            a, b, w = self._ends
            reach = self._reach[src] = np.minimum(row[a], row[b]) + w
        # Going through a route takes at least the hours to reach and cross it (sums of
        # lengths never below one of their terms), and ``isclose`` accepts a way at most
        # 1e-8 + 1e-5 × the quickest longer: only the routes within twice that margin of
        # some destination's quickest way can be on a way, and only they are checked.
        bound = total + 2e-8 + 2e-5 * np.abs(total)
        routes = np.flatnonzero(reach <= bound.max())
        ways: list[list[Route]] = [[] for _ in range(len(dests))]
        if len(routes):
            a, b, w = (x[routes] for x in self._ends)
            from_a, from_b = (np.array([self._end_row(e)[dests] for e in x.tolist()])
                              for x in (a, b))
            through = np.minimum((row[a] + w)[:, None] + from_b, (row[b] + w)[:, None] + from_a)
            for k, j in zip(*(x.tolist() for x in np.nonzero(np.isclose(through, total))),
                            strict=True):
                ways[j].append(self._watched[int(routes[k])][0])
        for dest, found in zip(dests.tolist(), ways, strict=True):
            self._ways[(src, dest)] = found

    def _end_row(self, end: int) -> np.ndarray:
        """The row of paths from a watched route's end, kept apart from the rows of the
        places people leave (which may be many more than a cache keeps)."""
        row = self._end_rows.get(end)
        if row is None:
            row = self._end_rows[end] = self._hours[end]
        return row

    def seats(self, now: float, src: int, dest: int, people: int) -> int:
        """How many of ``people`` going from ``src`` to ``dest`` find a seat today (all of
        them when no limited crossing is on their way); the seats are taken."""
        ways = [r for r in self.on_way(src, dest) if r in self.limits]
        if not ways:
            return people
        day = int(now // 24)
        if day != self.day:
            self.day, self.used = day, {}
        room = {r: max(0, self.limits[r] - self.used.get(r, 0)) for r in ways}
        full = min(ways, key=lambda r: room[r])
        taken = min(people, room[full])
        for r in ways:
            self.used[r] = self.used.get(r, 0) + taken
            self.carried[r] = self.carried.get(r, 0) + taken
        if taken < people:
            self.turned_away[full] = self.turned_away.get(full, 0) + people - taken
        return taken

    def acts_on(self, src: int, dest: int) -> bool:
        """Whether anything on the way from ``src`` to ``dest`` may act on the people
        going: a boat route with a daily limit or an operating checkpoint. Where nothing
        does, ``seats`` lets everyone on and ``pass_checkpoints`` lets everyone pass, with
        no draw and nothing counted."""
        return self._acts(self.on_way(src, dest))

    def _acts(self, routes: list[Route]) -> bool:
        return any(r in self.limits or any(cp.operating for cp in self.checkpoints.get(r, ()))
                   for r in routes)

    def stops(self, src: int, dest: int) -> list[Checkpoint]:
        """The checkpoints operating on the way from ``src`` to ``dest``."""
        return [cp for r in self.on_way(src, dest) for cp in self.checkpoints.get(r, ())
                if cp.operating]

    def way_round(self, src: int, dest: int) -> float | None:
        """Hours of the quickest way from ``src`` to ``dest`` through no operating
        checkpoint (None: there is none)."""
        avoid = frozenset(r for r, cps in self.checkpoints.items()
                          if any(cp.operating for cp in cps))
        key = (avoid, src)
        if key not in self._around:
            open_view = nx.restricted_view(self._graph(), [], list(avoid))
            self._around[key] = nx.single_source_dijkstra_path_length(open_view, src,
                                                                      weight="hours")
        return self._around[key].get(dest)

    def pass_checkpoints(self, rng, src: int, dest: int, going: np.ndarray,
                         exposure: np.ndarray) -> tuple[np.ndarray, np.ndarray, float, float]:
        """People ``going`` [origin, group] through the checkpoints on their way: return
        those who pass, those turned back, the hours they lose waiting, and how many times
        longer their way is (1: the quickest). The abducted are gone. Where a way round
        costs no more than the checkpoints would (their delays, and ``detour_hours`` for an
        armed group's), everyone takes it: no wait, a longer way."""
        back = np.zeros_like(going)
        stops = self.stops(src, dest)
        if stops:
            cost = sum(cp.delay_hours for cp in stops) + \
                (self.detour_hours if any(cp.armed for cp in stops) else 0.0)
            around, quickest = self.way_round(src, dest), self._hours[src, dest]
            if around is not None and around - quickest <= cost:
                for cp in stops:
                    cp.detoured += int(going.sum())
                return going, back, 0.0, float(around / quickest)
        delay = 0.0
        for cp in stops:
            turned = rng.binomial(going, cp.turn_back) if cp.turn_back else 0 * going
            going = going - turned
            back += turned
            if cp.armed and cp.abduct:
                taken = rng.binomial(going, np.clip(cp.abduct * exposure, 0, 1))
                going = going - taken
                cp.abducted = cp.abducted + taken.sum(axis=0)
            cp.turned_back += int(turned.sum())
            cp.passed += int(going.sum())
            delay += cp.delay_hours
        return going, back, delay, 1.0

    def read(self) -> list[tuple[Route, int, int]]:
        """(route, people carried, people turned away) for each route that turned people
        away since the last call; then both counts start again."""
        out = [(r, self.carried.get(r, 0), n) for r, n in sorted(self.turned_away.items())]
        self.carried, self.turned_away = {}, {}
        return out
