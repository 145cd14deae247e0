"""The world's named measures (``metric``), read by conditions, injects and the time
series, and whether a team had an action accepted."""

from __future__ import annotations

import numpy as np


class Measures:
    """Named, documented measures of the world at one place or over all places."""

    def __init__(self, world):
        self.world = world

    def metric(self, name: str, location: str | None = None) -> float:
        """A named, documented world measure at one place (or over all places)."""
        w = self.world
        c = w.civilians
        idx = slice(None) if location is None else w.index[location]
        # Computed only for the metric asked: conditions are checked every sub-step.
        present = lambda: c.present().sum(axis=1)  # noqa: E731
        felt = lambda: c.felt_risk(w.protection.presence_array())  # noqa: E731
        values = {
            "population": lambda: present()[idx].sum(),
            "displaced": lambda: (c.displaced().sum(axis=1)[idx].sum()
                                  + (c.incoming.sum() if location is None else 0)),
            "people_at_risk": lambda: np.where(self.at_risk(felt()), present(), 0)[idx].sum(),
            "deaths": lambda: c.deaths.sum(axis=(0, 2))[idx].sum(),
            "injuries": lambda: c.injuries.sum(axis=1)[idx].sum(),
            "incidents": lambda: w.violence.incidents[idx].sum(),
            "unmet_need": lambda: np.mean(c.turn_unmet[idx]),
            "flood_level": lambda: np.max(w.floods.level[idx]),
            "infected": lambda: (w.epidemic.e + w.epidemic.i)[idx].sum(),
            "tension": lambda: np.mean(w.tension[idx]),
            "trust": lambda: self.mean_trust() if location is None else w.trust[idx],
            "risk": lambda: np.mean(felt()[idx]),
            "presence": lambda: np.sum(w.protection.presence_array()[idx]),
            "humanitarian_access": lambda: w.humanitarian_access,
            "abuse_incidents": lambda: w.violence.abuses,
            "grievance": lambda: max([g.grievance for g in w.armed.values()] or [0.0]),
            "occupancy": lambda: _occupancy(present()[idx], c.capacity[idx]),
        }
        return float(values[name]())

    def at_risk(self, felt: np.ndarray) -> np.ndarray:
        """Places whose people are at risk: felt risk of one half or more, or flooded."""
        return (felt >= 0.5) | (self.world.floods.level > 0)

    def mean_trust(self) -> float:
        """Trust in the mission, averaged over the people (empty places do not count)."""
        w = self.world
        people = w.civilians.present().sum(axis=1).astype(float)
        if people.sum() <= 0:
            return float(w.trust.mean())
        return float((w.trust * people).sum() / people.sum())

    def action_taken(self, team: str, action: str, location: str | None,
                     by_turn: int | None, since_turn: int = 1) -> bool:
        """Whether ``team`` had ``action`` accepted (at ``location``) between two turns."""
        for d in self.world.taken:
            if d["team"] != team or d["action"] != action:
                continue
            if d["turn"] < since_turn or (by_turn is not None and d["turn"] > by_turn):
                continue
            if location is not None and location not in d["params"].values():
                continue
            return True
        return False


def _occupancy(people, capacity) -> float:
    """People present against the capacity of the places that have one (sites, camps):
    1.0 is full, above is crowded; 0 where no place has a capacity."""
    people, capacity = np.atleast_1d(people), np.atleast_1d(capacity)
    has = np.isfinite(capacity) & (capacity > 0)
    return float(people[has].sum() / capacity[has].sum()) if has.any() else 0.0
