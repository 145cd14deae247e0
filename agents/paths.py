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

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, dijkstra

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
        self._rows: OrderedDict[int, np.ndarray] = OrderedDict()
        self.keep = max(16, ROW_BUDGET // max(n, 1))

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

    def within(self, src: int, limit: float) -> np.ndarray:
        """Lengths from ``src`` to the places no further than ``limit`` (inf beyond): the
        same floats as ``row`` where finite, found without searching further."""
        row = self._rows.get(src)
        if row is not None:
            return np.where(row <= limit, row, np.inf)
        return dijkstra(self.graph, indices=int(src), unweighted=self.unweighted, limit=limit)


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
        h, pred = dijkstra(self.hops.graph, indices=src, unweighted=True, limit=hops,
                           return_predecessors=True)
        places = np.flatnonzero(h <= hops)
        places = places[places != src]
        if not len(places):
            found = Nearby(places, np.zeros(0), np.zeros(0))
        else:
            found = Nearby(places, self._lengths(self.km, src, places, h, pred),
                           self._lengths(self.hours, src, places, h, pred))
        self._nearby[key] = found
        return found

    @staticmethod
    def _lengths(lengths: Lengths, src, places, h, pred) -> np.ndarray:
        """Exact lengths from ``src`` to ``places``: a search bounded by the longest of
        the ways to them along the fewest hops (each at least as long as the shortest)."""
        along = {src: 0.0}
        g = lengths.graph
        for j in places[np.argsort(h[places], kind="stable")].tolist():
            p = int(pred[j])
            along[j] = along[p] + float(g[p, j])
        bound = max(along.values())
        return lengths.within(src, bound * (1 + 1e-9) + 1e-12)[places]


def route_arrays(edges: list[tuple[int, int, dict]], *names: str) -> tuple[np.ndarray, ...]:
    """(a, b, then one array per attribute ``names``) of a list of graph edges."""
    a = np.array([e[0] for e in edges], dtype=np.int64)
    b = np.array([e[1] for e in edges], dtype=np.int64)
    return (a, b, *(np.array([e[2][k] for e in edges], dtype=float) for k in names))
