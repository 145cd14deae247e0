"""Tension between communities and the violence it breeds.

Tension (0 to 1) per place rises with grievances (rumours, herds in the fields, scarce
water, clashes nearby) and falls with dialogue, mediation and local agreements. At or
above ``intercommunal.clash_threshold`` communities may clash: a chance each step that
grows with tension and that protectors standing there (confidence patrols) reduce. Alert
networks and peace committees warn of rising tension before it comes to that: early
warning that asks for an early response.
"""

from __future__ import annotations

import numpy as np


def step(m) -> None:
    """One sub-step: agreements calm, rising tension is reported, clashes may break out."""
    p = m.params.intercommunal
    dt = m.dt / 24
    for loc, until in list(m.agreements.items()):
        if until <= m.now:
            del m.agreements[loc]
            m.log("local_agreement_ended", "rule:agreement", location=loc)
        else:
            m.tension[loc] = max(0.0, m.tension[loc] - p.agreement_decay * dt)
    for loc in np.flatnonzero(m.tension >= p.warning_tension).tolist():
        if loc not in m.tension_warned:
            _warn(m, loc)
    calm = m.tension < p.warning_tension
    m.tension_warned.difference_update([loc for loc in m.tension_warned if calm[loc]])
    for loc in np.flatnonzero(m.tension >= p.clash_threshold).tolist():
        people = m.civilians.present_at(loc)
        if people.sum() <= 0:
            continue
        chance = clash_chance(m, loc)
        if chance and m.rng.random() < chance:
            clash(m, loc, people)


def clash_chance(m, loc: int) -> float:
    """Chance of a clash in one sub-step at ``loc``."""
    p = m.params.intercommunal
    over = (m.tension[loc] - p.clash_threshold) / max(1e-9, 1 - p.clash_threshold)
    rate = p.clash_rate * (over if p.clash_threshold < 1 else 1.0)
    cover = min(1.0, m.protection.at(loc) / p.clash_protectors)
    if loc in m.agreements:
        rate *= p.agreement_clash_factor
    return float(np.clip(rate * (1 - cover) * m.dt / 24, 0, 1))


def clash(m, loc: int, people: np.ndarray) -> None:
    """Communities clash at ``loc``: killed and injured, tension spreads."""
    p = m.params.intercommunal
    dead = m.civilians.kill("violence", loc, m.rng.binomial(people, p.clash_killed))
    hurt = m.civilians.wound(loc, m.rng.binomial(m.civilians.present_at(loc), p.clash_injured))
    m.tension[loc] = min(1.0, m.tension[loc] + p.clash_tension)
    for n in m.geo.neighbours(loc):
        m.tension[n] = min(1.0, m.tension[n] + p.clash_tension / 2)
    m.clashes[loc] = m.now
    m.log("intercommunal_clash", "rule:intercommunal_tension", location=loc,
          tension=round(float(m.tension[loc]), 3), protected_by=m.protection.protectors_at(loc),
          deaths=int(dead.sum()), injuries=int(hurt.sum()),
          deaths_by_group=m.by_group(dead), injuries_by_group=m.by_group(hurt))
    m.violence.after_violence(loc, "rule:intercommunal_tension", 0)


def _warn(m, loc: int) -> None:
    """Tension crossed the warning level at ``loc``: the teams with an alert network
    within one step hear of it, and every team where a peace committee sits there."""
    m.tension_warned.add(loc)
    told = m.outreach.tell_nearby(loc, "tension_rising", tension=round(float(m.tension[loc]), 2))
    if told:
        m.log("tension_alert", "rule:intercommunal_tension", location=loc, teams=told,
              tension=round(float(m.tension[loc]), 3))


def mediation_factor(m, loc: int, inclusive: bool) -> float:
    """How much a mediation at ``loc`` achieves: more when it includes women and youth
    (or women mediators sit there), less just after a clash."""
    p = m.params.intercommunal
    factor = p.inclusive_factor if inclusive or m.outreach.has_structure(loc, "women_mediators") else 1.0
    last = m.clashes.get(loc)
    if last is not None and m.now - last <= 24:
        factor *= p.late_factor
    return factor


