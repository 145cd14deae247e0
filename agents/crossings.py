"""Boat crossings that carry a limited number of people a day.

A boat route's ``boats`` say how many people its boats and pirogues carry in a day. People
whose way crosses it take a seat while seats are left; the others wait where they are and
try again later. The way people take is the quickest (``hours``, the people's shortest
path matrix); a route is on the way from ``s`` to ``t`` when going through it is as quick
as the quickest way.
"""

from __future__ import annotations

import numpy as np


class Crossings:
    """Seats left today on each boat route with a daily limit, and people turned away."""

    def __init__(self):
        self.limits: dict[tuple[int, int], int] = {}  # route → people a day (limited only)
        self.used: dict[tuple[int, int], int] = {}  # route → people carried today
        self.turned_away: dict[tuple[int, int], int] = {}  # route → people left waiting
        self.carried: dict[tuple[int, int], int] = {}  # route → people carried
        self.day = -1
        self._hours = np.zeros((0, 0))
        self._routes: dict[tuple[int, int], float] = {}  # limited route → its hours
        self._ways: dict[tuple[int, int], list[tuple[int, int]]] = {}

    def __bool__(self) -> bool:
        return bool(self._routes)

    def routes_changed(self, hours: np.ndarray, routes: dict[tuple[int, int], float]) -> None:
        """New shortest paths: ``routes`` are the open limited boat routes with their hours."""
        self._hours, self._routes = hours, routes
        self._ways.clear()

    def on_way(self, src: int, dest: int) -> list[tuple[int, int]]:
        """The limited boat routes on the quickest way from ``src`` to ``dest``."""
        key = (src, dest)
        if key not in self._ways:
            d = self._hours
            total = d[src, dest]
            self._ways[key] = [
                (a, b) for (a, b), w in self._routes.items()
                if np.isclose(min(d[src, a] + w + d[b, dest], d[src, b] + w + d[a, dest]),
                              total)]
        return self._ways[key]

    def seats(self, now: float, src: int, dest: int, people: int) -> int:
        """How many of ``people`` going from ``src`` to ``dest`` find a seat today (all of
        them when no limited crossing is on their way); the seats are taken."""
        ways = self.on_way(src, dest)
        if not ways:
            return people
        day = int(now // 24)
        if day != self.day:
            self.day, self.used = day, {}
        room = {r: max(0, self.limits.get(r, 0) - self.used.get(r, 0)) for r in ways}
        full = min(ways, key=lambda r: room[r])
        taken = min(people, room[full])
        for r in ways:
            self.used[r] = self.used.get(r, 0) + taken
            self.carried[r] = self.carried.get(r, 0) + taken
        if taken < people:
            self.turned_away[full] = self.turned_away.get(full, 0) + people - taken
        return taken

    def read(self) -> list[tuple[tuple[int, int], int, int]]:
        """(route, people carried, people turned away) for each route that turned people
        away since the last call; then both counts start again."""
        out = [(r, self.carried.get(r, 0), n) for r, n in sorted(self.turned_away.items())]
        self.carried, self.turned_away = {}, {}
        return out
