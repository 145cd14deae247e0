"""Where people are: counts by home, place and group, kept only where someone is.

A map of thousands of places has people from a few homes at each: a cell (home, place)
exists while it holds someone. Per-place totals and residents (people at home) are kept
current as cells change, so reading them costs nothing. Cells at a place and a home's
people elsewhere come out sorted (home, then place, ascending): numpy draws nothing for a
count of zero, so drawing over these cells gives the same draws as over whole rows.
"""

from __future__ import annotations

import numpy as np


class People:
    """People ``[home, place, group]`` stored as the cells that hold someone."""

    def __init__(self, n: int, groups: int):
        self.n, self.groups = n, groups
        self.here = np.zeros((n, groups), dtype=np.int64)  # [place, group] everyone there
        self.home = np.zeros((n, groups), dtype=np.int64)  # [place, group] residents at home
        self._at: list[dict[int, np.ndarray]] = [{} for _ in range(n)]  # place → {home: counts}
        self._away: dict[int, set[int]] = {}  # home → places other than home with its people

    def add(self, home: int, place: int, counts: np.ndarray) -> None:
        """``counts`` [group] more people from ``home`` at ``place``."""
        if not counts.any():
            return
        cells = self._at[place]
        cell = cells.get(home)
        if cell is None:
            cells[home] = np.array(counts, dtype=np.int64)
            if home != place:
                self._away.setdefault(home, set()).add(place)
        else:
            cell += counts
        self.here[place] += counts
        if home == place:
            self.home[place] += counts

    def sub(self, home: int, place: int, counts: np.ndarray) -> None:
        """``counts`` [group] fewer (there are at least as many)."""
        if not counts.any():
            return
        cells = self._at[place]
        cell = cells[home]
        cell -= counts
        if not cell.any():
            del cells[home]
            if home != place:
                places = self._away[home]
                places.discard(place)
                if not places:
                    del self._away[home]
        self.here[place] -= counts
        if home == place:
            self.home[place] -= counts

    def add_at(self, homes, place: int, counts: np.ndarray) -> None:
        """``counts`` [home, group] more at ``place``, one row per home of ``homes``."""
        for home, row in zip(np.asarray(homes).tolist(), counts, strict=True):
            self.add(home, place, row)

    def sub_at(self, homes, place: int, counts: np.ndarray) -> None:
        for home, row in zip(np.asarray(homes).tolist(), counts, strict=True):
            self.sub(home, place, row)

    def at(self, place: int) -> tuple[np.ndarray, np.ndarray]:
        """(homes ascending, counts [home, group]) of the people at ``place`` (a copy)."""
        cells = self._at[place]
        homes = sorted(cells)
        counts = np.array([cells[h] for h in homes], dtype=np.int64).reshape(len(homes),
                                                                               self.groups)
        return np.array(homes, dtype=np.int64), counts

    def cell(self, home: int, place: int) -> np.ndarray:
        """People from ``home`` at ``place`` by group (a copy; zeros when none)."""
        cell = self._at[place].get(home)
        return np.zeros(self.groups, dtype=np.int64) if cell is None else cell.copy()

    def homes_away(self) -> list[int]:
        """Homes with people at some other place, ascending."""
        return sorted(self._away)

    def away(self, home: int) -> tuple[np.ndarray, np.ndarray]:
        """(places ascending, counts [place, group]) of the people from ``home`` at other
        places."""
        places = sorted(self._away.get(home, ()))
        counts = np.array([self._at[p][home] for p in places], dtype=np.int64).reshape(
            len(places), self.groups)
        return np.array(places, dtype=np.int64), counts

    def cells(self) -> int:
        """How many (home, place) cells hold someone."""
        return sum(len(c) for c in self._at)

    def dense(self) -> np.ndarray:
        """Everyone as one ``[home, place, group]`` array: for small maps and tests only."""
        out = np.zeros((self.n, self.n, self.groups), dtype=np.int64)
        for place, cells in enumerate(self._at):
            for home, counts in cells.items():
                out[home, place] = counts
        return out
