"""Herds on their seasonal move (transhumance) along a corridor of places.

A herd leaves its pastoral camp at its departure (or when a ``transhumance`` effect starts
it) and walks its corridor place by place at ``km_per_day``. In a farming village, cattle
trample fields and eat crops: tension there rises with the herd's size, much less where a
local agreement (a demarcated corridor, grazing rules) holds, and less where the mission
stands (an escort of the herd, a confidence patrol). Tension is what turns into clashes
(``agents.communities``).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

FARMING = ("village",)  # places with fields along a corridor


@dataclass
class Herd:
    key: str
    cattle: int
    path: list[int]  # the camp, then the corridor
    km_per_day: float
    leg: int = 0  # index in path of the place it is at, or just left
    arrive: float | None = None  # hour it reaches path[leg + 1]; None: not on the move
    cause: str = "rule:transhumance"
    done: bool = False

    @property
    def at(self) -> int:
        return self.path[self.leg]


def set_off(m, h: Herd, cause: str) -> None:
    """The herd leaves its camp (once)."""
    if h.arrive is not None or h.done or h.leg:
        return
    h.cause = cause
    _next_leg(m, h)
    # The authorities announce a transhumance: every team hears when it is expected where.
    hour, due = m.now, {}
    for a, b in pairwise(h.path):
        hour += 24 * m.geo.graph.edges[a, b]["km"] / h.km_per_day
        due[m.loc_ids[b]] = round(hour, 2)
    for team in m.knowledge.facts:
        m.knowledge.learn(team, "transhumance", "messages", m.turn, m.now, m.loc_ids[h.at],
                          herd=h.key, cattle=h.cattle, due=due)
    m.log("herd_departed", cause, location=h.at, herd=h.key, cattle=h.cattle,
          corridor=[m.loc_ids[i] for i in h.path[1:]])


def _next_leg(m, h: Herd) -> None:
    a, b = h.path[h.leg], h.path[h.leg + 1]
    h.arrive = m.now + 24 * m.geo.graph.edges[a, b]["km"] / h.km_per_day


def step(m, h: Herd) -> None:
    """Arrival at the next place of the corridor: damage where there are fields."""
    if h.arrive is None or h.arrive > m.now:
        return
    h.leg += 1
    loc = h.at
    if m.types[loc] in FARMING:
        _graze(m, h, loc)
    if h.leg + 1 < len(h.path):
        _next_leg(m, h)
    else:
        h.arrive, h.done = None, True
        m.log("herd_arrived", h.cause, location=loc, herd=h.key, cattle=h.cattle)


def _graze(m, h: Herd, loc: int) -> None:
    p = m.params.intercommunal
    rise = p.herd_tension * min(1.0, h.cattle / p.herd_scale)
    agreed = loc in m.agreements
    guarded = bool(m.protection.protectors_at(loc))
    if agreed:
        rise *= p.herd_agreement_factor
    if guarded:
        rise *= p.herd_presence_factor
    m.tension[loc] = min(1.0, m.tension[loc] + rise)
    kind = "herd_passed" if agreed else "crop_damage"
    m.log(kind, h.cause, location=loc, herd=h.key, cattle=h.cattle, agreement=agreed,
          protected=guarded, tension=round(float(m.tension[loc]), 3))
    if not agreed:
        m.outreach.tell_nearby(loc, "crop_damage", herd=h.key)
