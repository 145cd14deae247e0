"""The map's routes as arrays, in the map's order: which are open, which people use, and
the lengths their shortest paths are found over.

A flood may open and close routes every sub-step; working out what changed over arrays
costs little on a map of a hundred thousand routes, where a Python dict per route each
time did not.
"""

from __future__ import annotations

import numpy as np

Route = tuple[int, int]


class RouteTable:
    """Routes ``(a, b, data)`` of a map of ``n`` places (data: km, foot, vehicle and boat
    hours, modes, land)."""

    def __init__(self, n: int, edges: list[tuple[int, int, dict]]):
        self.n, self.edges = n, edges
        a = np.array([e[0] for e in edges], dtype=np.int64)
        b = np.array([e[1] for e in edges], dtype=np.int64)
        self.a, self.b = a, b
        low, high = np.minimum(a, b), np.maximum(a, b)
        self.keys: list[Route] = list(zip(low.tolist(), high.tolist(), strict=True))
        self._codes = low * n + high
        for name in ("km", "foot", "boat", "vehicle"):
            setattr(self, name, np.array([e[2][name] for e in edges], dtype=float))
        self.land = np.array([e[2]["land"] for e in edges], dtype=bool)
        self.road = np.array(["road" in e[2]["modes"] for e in edges], dtype=bool)
        self.by_boat = np.array(["boat" in e[2]["modes"] for e in edges], dtype=bool)
        # People's hours: on foot over land, by boat over water.
        self.people_hours = np.where(self.land, self.foot, self.boat)
        self._water = np.flatnonzero(~self.land).tolist()

    def open(self, shut) -> np.ndarray:
        """Which routes are open: those whose key (low, high) is not in ``shut``."""
        if not shut:
            return np.ones(len(self.edges), dtype=bool)
        codes = np.array([low * self.n + high for low, high in shut], dtype=np.int64)
        return ~np.isin(self._codes, codes)

    def for_people(self, is_open: np.ndarray, boats: dict[Route, int]
                   ) -> tuple[np.ndarray, dict[Route, int]]:
        """Which open routes people use (land, and water unless its boats carry nobody),
        and the people a day the boats of each such water route carry, where a number is
        set."""
        used = is_open.copy()
        limits = {}
        for i in self._water:
            key = self.keys[i]
            seats = boats.get(key)
            used[i] &= seats != 0
            if used[i] and seats:
                limits[key] = seats
        return used, limits

    def people_edges(self, used: np.ndarray, boats: dict[Route, int]) -> list[tuple]:
        """The routes people use as graph edges with their km, hours and boats."""
        return [(self.edges[i][0], self.edges[i][1],
                 {"km": self.edges[i][2]["km"],
                  "hours": self.edges[i][2]["foot"] if self.land[i] else self.edges[i][2]["boat"],
                  "boats": None if self.land[i] else boats.get(self.keys[i])})
                for i in np.flatnonzero(used).tolist()]

    def hours_by(self, modes, scale: float = 1.0) -> np.ndarray:
        """Each route's hours for a traveller by ``modes`` (nan: it cannot use it), as
        ``agents.paths.mode_hours``: by road where it can drive (``vehicle`` × ``scale``),
        by boat on water, on foot over land."""
        out = np.full(len(self.edges), np.nan)
        for usable, hours in (("foot" in modes and self.land, self.foot),
                              ("boat" in modes and self.by_boat, self.boat),
                              ("road" in modes and self.road, self.vehicle * scale)):
            if usable is not False:
                out = np.where(usable, hours, out)  # the later, the first choice
        return out
