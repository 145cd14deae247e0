"""Shortest paths over the open routes, one row per source, computed when a rule asks.

No place × place matrix is built: a row of lengths from one place is found with SciPy's
Dijkstra when first read and kept (a bounded number of rows) until a route opens, closes
or floods. Rules bounded by what people know (a few hops) search only that neighbourhood.
SciPy sums lengths from the source along the way, ``dist[v] = dist[u] + w``, as networkx
does, so the lengths are the same floats.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from heapq import heappop, heappush

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, dijkstra

from agents.routes import RouteTable

ROW_BUDGET = 1 << 24  # lengths kept per kind of path (8 bytes each: 128 MB)


class Lengths:
    """Shortest path lengths over one graph: ``lengths[a, b]``, or ``lengths[a]`` for the
    row from ``a`` (inf where no way joins them). ``weights`` on the edges ``a``–``b``;
    route hops when None."""

    def __init__(self, n: int, a: np.ndarray, b: np.ndarray, weights: np.ndarray | None):
        self.n = n
        self.unweighted = weights is None
        w = np.ones(len(a)) if weights is None else np.asarray(weights, dtype=float)
        # Both ways; explicit zeros stay edges (a route of no length is still a route).
        self.graph = csr_matrix((np.r_[w, w], (np.r_[a, b], np.r_[b, a])), shape=(n, n))
        self.graph.sort_indices()
        rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(self.graph.indptr))
        self._edge_keys = rows * n + self.graph.indices  # ascending: rows, then columns
        self._rows: OrderedDict[int, np.ndarray] = OrderedDict()
        self._lists: tuple[list, list, list] | None = None  # the graph as lists, for within
        self.keep = max(16, ROW_BUDGET // max(n, 1))

    def __getstate__(self) -> dict:
        # Rows are found again when read: a snapshot of the exercise does not carry them.
        return {**self.__dict__, "_rows": OrderedDict(), "_lists": None}

    def row(self, src: int) -> np.ndarray:
        """Lengths from ``src`` to every place (read only)."""
        row = self._rows.get(src)
        if row is None:
            row = dijkstra(self.graph, indices=int(src), unweighted=self.unweighted)
            row.flags.writeable = False
            self._rows[src] = row
            if len(self._rows) > self.keep:  # the least recently read goes
                self._rows.popitem(last=False)
        else:
            self._rows.move_to_end(src)
        return row

    def __getitem__(self, key):
        if isinstance(key, tuple):
            a, b = key
            return self.row(int(a))[b]
        return self.row(int(key))

    def keep_rows(self, old: Lengths) -> None:
        """Take over the rows ``old`` (the same places, other routes) found that the
        routes gone, come or changed since leave as they were: see ``unchanged``."""
        if not old._rows:
            return
        changes = self.changes(old)
        for src, row in old._rows.items():
            if unchanged(row, *changes):
                self._rows[src] = row
        while len(self._rows) > self.keep:
            self._rows.popitem(last=False)

    def changes(self, old: Lengths) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
        """((a, b, length) of the routes of ``old`` gone or changed, the same of the routes
        come or changed), each route both ways."""
        def missing(keys, lengths, other_keys, other_lengths):
            at = np.minimum(np.searchsorted(other_keys, keys), max(len(other_keys) - 1, 0))
            kept = (at < len(other_keys)) & (other_keys[at] == keys) if len(other_keys) else \
                np.zeros(len(keys), dtype=bool)
            kept[kept] &= other_lengths[at[kept]] == lengths[kept]
            gone = ~kept
            return keys[gone] // self.n, keys[gone] % self.n, lengths[gone]
        return (missing(old._edge_keys, old.graph.data, self._edge_keys, self.graph.data),
                missing(self._edge_keys, self.graph.data, old._edge_keys, old.graph.data))

    def edge(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """The lengths of the routes ``a[i]``–``b[i]`` (each a route)."""
        keys = np.asarray(a, dtype=np.int64) * self.n + np.asarray(b, dtype=np.int64)
        return self.graph.data[np.searchsorted(self._edge_keys, keys)]

    def within(self, src: int, limit: float) -> dict[int, float]:
        """Lengths from ``src`` to the places no further than ``limit``: the same floats
        as ``row``, summed the same way along the way, found without searching further
        (nor making a row of every place)."""
        row = self._rows.get(src)
        if row is not None:
            near = np.flatnonzero(row <= limit)
            return dict(zip(near.tolist(), row[near].tolist(), strict=True))
        if self._lists is None:
            g = self.graph
            self._lists = (g.indptr.tolist(), g.indices.tolist(), g.data.tolist())
        starts, ends, lengths = self._lists
        done: dict[int, float] = {}
        fringe = [(0.0, int(src))]
        while fringe:
            length, a = heappop(fringe)
            if a in done:
                continue
            done[a] = length
            for k in range(starts[a], starts[a + 1]):
                b = ends[k]
                if b not in done and length + lengths[k] <= limit:
                    heappush(fringe, (length + lengths[k], b))
        return done


def unchanged(row: np.ndarray, removed: tuple, added: tuple):
    """Whether the shortest path lengths ``row`` (from one place) stay the same floats
    when the routes ``removed`` (a, b, length; each way) go and ``added`` come (for each
    row of a 2-d ``row``, one per place).

    A length is the least, over the ways there, of the lengths summed along the way (float
    sums never decrease as lengths are added), whatever order a search takes. A route gone
    changes nothing when going through it was longer than the place at its end already
    was (no least way used it); a route come changes nothing when going through it is no
    shorter. Routes between two places no way reaches change nothing either."""
    a, b, w = removed
    ends_a, ends_b = row[..., a], row[..., b]
    gone_ok = ((ends_a + w > ends_b) | (np.isinf(ends_a) & np.isinf(ends_b))).all(axis=-1)
    a, b, w = added
    return gone_ok & (row[..., a] + w >= row[..., b]).all(axis=-1)


@dataclass
class Nearby:
    """The places within a few hops of one place (itself left out, ascending), with the
    people's shortest way there in km and in hours on foot."""

    places: np.ndarray
    km: np.ndarray
    hours: np.ndarray


class PeoplePaths:
    """The ways people take over the open routes (on foot over land, by boat where boats
    run): in km, in hours, in hops; which places are joined at all; and the
    neighbourhood of a place."""

    def __init__(self, n: int, a: np.ndarray, b: np.ndarray, km: np.ndarray,
                 hours: np.ndarray):
        self.n = n
        self.km = Lengths(n, a, b, km)
        self.hours = Lengths(n, a, b, hours)
        self.hops = Lengths(n, a, b, None)
        _, self.component = connected_components(self.hops.graph, directed=False)
        self._nearby: dict[tuple[int, int], Nearby] = {}
        self._known: dict[tuple[int, int], Nearby] = {}
        self._sites: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_nearby": {}, "_known": {}, "_sites": None}

    def keep(self, old: PeoplePaths) -> None:
        """Take over what ``old`` (the same places, other routes) found that the routes
        changed since leave as it was: rows of lengths, and the rows from the sites (those
        a changed route would change are found again)."""
        for mine, theirs in ((self.km, old.km), (self.hours, old.hours), (self.hops, old.hops)):
            mine.keep_rows(theirs)
        if old._sites is None:
            return
        sites, km, hours = old._sites  # old's, changed in place: old is done with
        for lengths, before, rows in ((self.km, old.km, km), (self.hours, old.hours, hours)):
            changes = lengths.changes(before)
            again = np.flatnonzero(~unchanged(rows, *changes))
            for k in range(0, len(again), 64):  # a few rows at a time: no second matrix
                some = again[k:k + 64]
                rows[some] = dijkstra(lengths.graph, indices=sites[some])
        self._sites = (sites, km, hours)

    def joined(self, a: int, b: int) -> bool:
        """Whether some way joins ``a`` and ``b``."""
        return bool(self.component[a] == self.component[b])

    def neighbours(self, loc: int) -> np.ndarray:
        """The places one route away from ``loc`` (ascending)."""
        g = self.hops.graph
        found = np.unique(g.indices[g.indptr[loc]:g.indptr[loc + 1]])
        return found[found != loc]

    def nearby(self, src: int, hops: int) -> Nearby:
        """The places within ``hops`` of ``src`` with their exact km and hours: each
        search is bounded by the length of a way there (along the fewest hops), so it
        explores the neighbourhood only."""
        key = (src, hops)
        found = self._nearby.get(key)
        if found is not None:
            return found
        levels = self._levels(src, hops)
        places = np.sort(np.concatenate([ends for _, ends in levels] or [np.zeros(0, int)]))
        if not len(places):
            found = Nearby(places, np.zeros(0), np.zeros(0))
        else:
            found = Nearby(places, self._lengths(self.km, src, places, levels),
                           self._lengths(self.hours, src, places, levels))
        self._nearby[key] = found
        return found

    def _levels(self, src: int, hops: int) -> list[tuple[np.ndarray, np.ndarray]]:
        """Breadth first from ``src``, ``hops`` deep: for each hop, (a place one hop
        nearer, the place) for the places first reached at that hop."""
        g = self.hops.graph
        seen = np.array([src])
        frontier = seen
        levels = []
        for _ in range(hops):
            first, last = g.indptr[frontier], g.indptr[frontier + 1]
            counts = last - first
            if not counts.sum():
                break
            offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
            ends = g.indices[np.repeat(first, counts) + offsets]
            starts = np.repeat(frontier, counts)
            ends, index = np.unique(ends, return_index=True)
            new = ~np.isin(ends, seen)
            ends, starts = ends[new], starts[index[new]]
            if not len(ends):
                break
            levels.append((starts, ends))
            seen = np.concatenate([seen, ends])
            frontier = ends
        return levels

    def known(self, src: int, hops: int, sites: np.ndarray) -> Nearby:
        """The places within ``hops`` of ``src`` and the ``sites`` (the same places at
        every call) joined to it, ``src`` left out: their lengths from ``src`` for the
        places near, from the site's own end for a site further away (rows from the few
        sites serve every place)."""
        key = (src, hops)
        found = self._known.get(key)
        if found is not None:
            return found
        near = self.nearby(src, hops)
        if self._sites is None:
            self._sites = (sites, dijkstra(self.km.graph, indices=sites),
                           dijkstra(self.hours.graph, indices=sites))
        _, km, hours = self._sites
        far = (self.component[sites] == self.component[src]) & (sites != src) & \
            ~np.isin(sites, near.places)
        if far.any():
            places = np.r_[near.places, sites[far]]
            order = np.argsort(places, kind="stable")
            found = Nearby(places[order], np.r_[near.km, km[far, src]][order],
                           np.r_[near.hours, hours[far, src]][order])
        else:
            found = near
        self._known[key] = found
        return found

    @staticmethod
    def _lengths(lengths: Lengths, src, places, levels) -> np.ndarray:
        """Exact lengths from ``src`` to ``places``: a search bounded by the longest of
        the ways to them along the fewest hops (each at least as long as the shortest)."""
        along = {src: 0.0}
        for starts, ends in levels:
            steps = lengths.edge(starts, ends)
            along.update(zip(ends.tolist(), (along[s] + w for s, w in
                                             zip(starts.tolist(), steps.tolist(),
                                                 strict=True)), strict=True))
        bound = max(along.values())
        found = lengths.within(src, bound * (1 + 1e-9) + 1e-12)
        return np.array([found[p] for p in places.tolist()])


def mode_hours(route: dict, modes, scale: float = 1.0) -> float | None:
    """A route's hours for a traveller by ``modes`` (None: it cannot use the route): by
    road where it can drive (its ``vehicle`` hours × ``scale``), by boat on water, on foot
    over land."""
    if "road" in modes and "road" in route["modes"]:
        return route["vehicle"] * scale
    if "boat" in modes and "boat" in route["modes"]:
        return route["boat"]
    if "foot" in modes and route["land"]:
        return route["foot"]
    return None


class Ways:
    """The ways units and convoys travel over the routes of ``table`` (those ``kept``,
    all when None): the quickest hours by their modes (one ``Lengths`` per modes and
    speed, made when first asked for), which places their routes join at all, and each
    place's neighbours."""

    def __init__(self, n: int, table: RouteTable, kept: np.ndarray | None = None):
        self.n, self.table = n, table
        self.kept = np.ones(len(table.edges), dtype=bool) if kept is None else kept
        self._hours: dict[tuple[frozenset, float], Lengths] = {}
        self._component: dict[frozenset, np.ndarray] = {}
        self._neighbours: Lengths | None = None

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_hours": {}, "_component": {}, "_neighbours": None}

    def _usable(self, modes: frozenset, scale: float) -> tuple[np.ndarray, ...]:
        hours = self.table.hours_by(modes, scale)
        use = self.kept & ~np.isnan(hours)
        return self.table.a[use], self.table.b[use], hours[use]

    def hours(self, modes, scale: float = 1.0) -> Lengths:
        """The quickest hours over the routes a traveller by ``modes`` uses."""
        key = (frozenset(modes), float(scale))
        found = self._hours.get(key)
        if found is None:
            found = self._hours[key] = Lengths(self.n, *self._usable(*key))
        return found

    def joined(self, modes, a: int, b: int) -> bool:
        """Whether routes a traveller by ``modes`` uses join ``a`` and ``b``."""
        key = frozenset(modes)
        component = self._component.get(key)
        if component is None:
            src, dest, _ = self._usable(key, 1.0)
            _, component = connected_components(Lengths(self.n, src, dest, None).graph,
                                                directed=False)
            self._component[key] = component
        return bool(component[a] == component[b])

    def neighbours(self, loc: int) -> list[int]:
        """The places one route away from ``loc``, ascending."""
        if self._neighbours is None:
            self._neighbours = Lengths(self.n, self.table.a[self.kept],
                                       self.table.b[self.kept], None)
        g = self._neighbours.graph
        return np.unique(g.indices[g.indptr[loc]:g.indptr[loc + 1]]).tolist()
