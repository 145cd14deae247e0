"""Natural hazards: river floods over time and epidemics (SEIR) in crowded places."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class FloodWave:
    locations: list[int]
    start: float  # hour the water starts rising
    rise_hours: float
    duration_hours: float  # hours at or near the peak, before it recedes as fast as it rose
    peak_m: float
    cause: str

    def level(self, now: float) -> float:
        t = now - self.start
        if t < 0:
            return 0.0
        if t < self.rise_hours:
            return self.peak_m * t / max(self.rise_hours, 1e-9)
        t -= self.rise_hours
        if t < self.duration_hours:
            return self.peak_m
        t -= self.duration_hours
        return max(0.0, self.peak_m * (1 - t / max(self.rise_hours, 1e-9)))


@dataclass
class Floods:
    n: int
    waves: list[FloodWave] = field(default_factory=list)
    level: np.ndarray = None

    def __post_init__(self):
        self.level = np.zeros(self.n)

    def add(self, wave: FloodWave) -> None:
        self.waves.append(wave)

    def step(self, now: float) -> np.ndarray:
        """Water level in metres at each place at hour ``now``."""
        level = np.zeros(self.n)
        for w in self.waves:
            h = w.level(now)
            if h > 0:
                level[w.locations] = np.maximum(level[w.locations], h)
        self.level = level
        return level


@dataclass
class Epidemic:
    """SEIR per place, in people; crowding and poor water and sanitation drive transmission."""

    n: int
    params: object  # Parameters.hazards (duck-typed)
    s: np.ndarray = None
    e: np.ndarray = None
    i: np.ndarray = None
    r: np.ndarray = None

    def __post_init__(self):
        self.e = np.zeros(self.n)
        self.i = np.zeros(self.n)
        self.r = np.zeros(self.n)

    def idle(self) -> bool:
        """Nobody exposed, infectious or recovered anywhere: a step would change nothing
        and draw nothing (no deaths to draw)."""
        return not (self.e.any() or self.i.any() or self.r.any())

    def seed(self, loc: int, people: float) -> None:
        self.i[loc] += people

    def step(self, rng: np.random.Generator, dt: float, people: np.ndarray,
             crowding: np.ndarray, wash: np.ndarray, care: np.ndarray) -> np.ndarray:
        """Advance one sub-step; return deaths by place (to be drawn from the population)."""
        h = self.params
        days = dt / 24
        infected = self.e + self.i + self.r
        # Compartments follow the people present; movement dilutes them proportionally.
        scale = np.where(infected > people, people / np.maximum(infected, 1e-9), 1.0)
        self.e, self.i, self.r = self.e * scale, self.i * scale, self.r * scale
        s = np.maximum(people - self.e - self.i - self.r, 0)
        beta = h.beta * crowding * (1 - wash)
        new_e = beta * s * self.i / np.maximum(people, 1) * days
        new_i = self.e / h.incubation_days * days
        out = self.i / h.infectious_days * days
        self.e += new_e - new_i
        self.i += new_i - out
        cfr = h.case_fatality + (h.untreated_fatality - h.case_fatality) * (1 - care)
        expected = out * cfr
        self.r += out
        return rng.poisson(np.maximum(expected, 0))
