"""Gatherings: people from nearby converge on a place for some hours, then go back.

A market day, a rally, a funeral or a distribution crowds a place: more people there for
an armed group to strike, and crowd incidents (clashes, stampedes) that grow with tension
and that police keeping public order prevent (soldiers alone make them likelier).
Attendees keep their home: they are visitors, neither displaced nor moving on, and go back
to the place they came from when it ends.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from agents.civilians import split_counts, take


@dataclass
class Gathering:
    place: int
    kind: str
    start: float
    end: float
    people: int
    radius: int
    tension: float
    cause: str
    started: bool = False
    came_from: dict = field(default_factory=dict)  # source place → (homes, [home, group]) attendees


def begin(m, g: Gathering) -> None:
    """People from places within ``radius`` hops (and the place itself) gather, in
    proportion to who is there; those from elsewhere become visitors."""
    c = m.civilians
    hops = m.geo.hops[g.place]  # the same both ways: a count of routes
    near = [i for i in np.flatnonzero(hops <= g.radius).tolist() if i != g.place]
    here = c.people.here.sum(axis=1)  # people at each place
    around = here[near].astype(float)
    coming = min(g.people, int(around.sum()))
    shares = split_counts(coming, around) if coming else np.zeros(len(near), dtype=np.int64)
    visitors = c.visitors.setdefault(g.place, np.zeros(c.people.here.shape, dtype=np.int64))
    for i, n in zip(near, shares, strict=True):
        if n:
            homes, there = c.people.at(i)
            moved = take(there, int(n))
            c.people.sub_at(homes, i, moved)
            c.people.add_at(homes, g.place, moved)
            visitors[homes] += moved
            g.came_from[i] = (homes, moved)
    m.tension[g.place] = min(1.0, m.tension[g.place] + g.tension)
    g.started = True
    m.log("gathering_started", g.cause, location=g.place, kind=g.kind,
          people=int(here[g.place] + coming), visitors=coming,
          came_from=[m.loc_ids[i] for i in sorted(g.came_from)], until_hour=g.end)


def finish(m, g: Gathering) -> None:
    """Visitors go back where they came from (those still there)."""
    c = m.civilians
    visitors = c.visitors.get(g.place)
    back = 0
    for i, (homes, moved) in sorted(g.came_from.items()):
        there = np.array([c.people.cell(h, g.place) for h in homes.tolist()])
        going = np.minimum(moved, np.minimum(visitors[homes], there))
        c.people.sub_at(homes, g.place, going)
        c.people.add_at(homes, i, going)
        visitors[homes] -= going
        back += int(going.sum())
    if visitors is not None and not visitors.any():
        del c.visitors[g.place]
    m.log("gathering_ended", g.cause, location=g.place, kind=g.kind, went_back=back)


def incident_chance(m, g: Gathering, people: int) -> tuple[float, float, list[str]]:
    """Chance of a crowd incident in one sub-step: tension × size, less with public order
    by police, more with soldiers alone; with the police cover and who keeps order."""
    p = m.params.crowds
    police = [u for u in m.units.values() if u.protecting() and u.location == g.place
              and u.kind in ("fpu", "ipo")]
    soldiers = [u for u in m.units.values() if u.protecting() and u.location == g.place
                and u.military]
    need = max(1.0, people * p.police_per_person)
    cover = min(1.0, sum(u.strength for u in police) / need)
    size = min(1.0, people / 1000)
    chance = p.incident_rate * float(m.tension[g.place]) * size * (1 - cover) * m.dt / 24
    if soldiers and not police:
        chance *= p.military_escalation
    return min(1.0, chance), cover, sorted(u.key for u in police + soldiers)


def step(m, g: Gathering) -> None:
    """One sub-step of a gathering under way: perhaps a crowd incident."""
    c = m.civilians
    present = c.present()[g.place]
    chance, cover, keeping = incident_chance(m, g, int(present.sum()))
    if not chance or m.rng.random() >= chance:
        return
    p = m.params.crowds
    hurt = m.rng.binomial(present, p.injured_share)
    dead = c.kill("violence", g.place, m.rng.binomial(hurt, p.lethality))
    hurt = c.wound(g.place, hurt - dead)
    m.tension[g.place] = min(1.0, m.tension[g.place] + p.tension_rise)
    m.log("crowd_incident", g.cause, location=g.place, kind=g.kind, people=int(present.sum()),
          public_order=round(cover, 2), kept_by=keeping, deaths=int(dead.sum()),
          injuries=int(hurt.sum()), deaths_by_group=m.by_group(dead),
          injuries_by_group=m.by_group(hurt))
    m.violence.after_violence(g.place, g.cause, 0)
