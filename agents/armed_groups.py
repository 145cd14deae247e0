"""Non-state armed groups after Epstein's civil violence model (PNAS 2002).

A group attacks when grievance and capability outweigh the risk it perceives; that risk
grows with the protectors near the target: P(deterred) = 1 − exp(−k × protectors /
fighters). Planned attacks come from threat injects; opportunistic raids pick the most
exposed place within reach, so protection displaces violence towards unprotected places.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import mesa
import numpy as np

from agents.civilians import split_counts


@dataclass
class Plan:
    at: float  # hour of the attack
    target: int
    tactic: str
    cause: str
    reported_to: set = field(default_factory=set)
    route: tuple[int, int] | None = None  # an ambush along a route (target: one of its ends)


def deterrence(protectors: float, fighters: float, k: float) -> float:
    """Epstein's estimated arrest probability, read as the chance an attack is called off."""
    return float(1 - np.exp(-k * protectors / max(fighters, 1.0)))


class ArmedGroup(mesa.Agent):
    """One armed group: grievance, capability, strength, plans."""

    def __init__(self, model, spec, base: int):
        super().__init__(model)
        self.key = spec.id
        self.name = spec.name
        self.kind = spec.kind
        self.base = base
        self.strength = float(spec.strength)
        self.grievance = spec.grievance
        self.capability = spec.capability
        self.tactics = list(spec.tactics)
        self.reach_km = spec.reach_km
        self.recruitment = spec.recruitment
        self.plans: list[Plan] = []

    def plan(self, at: float, target: int, tactic: str, cause: str) -> Plan:
        p = Plan(at, target, tactic, cause)
        self.plans.append(p)
        return p

    def step(self) -> None:
        m = self.model
        due = [p for p in self.plans if p.at <= m.now]
        self.plans = [p for p in self.plans if p.at > m.now]
        for p in due:
            if p.route is not None:
                self.strike_route(p)
            else:
                self.strike(p.target, p.tactic, p.cause, planned=True)
        if self.recruitment > 0:
            self.recruit()
        v = m.params.violence
        rate = v.raid_rate * self.grievance * self.capability * m.dt / 24
        if self.strength >= 1 and "raid" in self.tactics and m.rng.random() < rate:
            target = self.pick_target()
            if target is not None:
                self.strike(target, "raid", f"rule:opportunistic_raid:{self.key}", planned=False)

    def pick_target(self) -> int | None:
        """Opportunity (people, tension) times the chance of not being deterred."""
        m = self.model
        v = m.params.violence
        dist = m.geo.road_km[self.base]
        people = m.civilians.present().sum(axis=1).astype(float)
        reach = (dist <= self.reach_km) & (people > 0)
        if not reach.any():
            return None
        risk = np.array([deterrence(p, self.strength, v.deterrence_k)
                         for p in m.protection.presence_array().tolist()])
        appeal = people * (1 + m.params.community.tension_grievance * m.tension)
        w = np.where(reach, appeal * (1 - risk), 0.0)
        if w.sum() <= 0:
            return None
        return int(m.rng.choice(len(w), p=w / w.sum()))

    def strike(self, target: int, tactic: str, cause: str, planned: bool) -> None:
        m = self.model
        v = m.params.violence
        protectors = m.protection.at(target)
        p_off = deterrence(protectors, self.strength, v.deterrence_k)
        if self.strength < 1:
            m.log("attack_abandoned", cause, location=target, armed_group=self.key,
                  tactic=tactic, reason="the group has no fighters left")
            return
        if planned and m.rng.random() < p_off:
            m.log("attack_deterred", cause, location=target, armed_group=self.key,
                  tactic=tactic, protectors=round(protectors, 1),
                  deterrence=round(p_off, 3), protected_by=m.protection.protectors_at(target))
            m.violence.deterred(target)
            return
        if tactic in ("ambush", "ied", "attack_convoy"):
            m.violence.ambush(self, target, tactic, cause)
            return
        if tactic == "abduction":
            self.abduct(target, cause, planned)
            return
        people = m.civilians.present_at(target)
        share = min(v.max_share_killed, v.lethality * self.strength * (0.5 + self.capability),
                    v.max_killed_per_fighter * self.strength / max(people.sum(), 1))
        share *= 1 - 0.5 * min(1.0, protectors / max(self.strength, 1))
        exposure = np.array([v.group_exposure.get(g, 1.0) for g in m.groups])
        deaths = m.rng.binomial(people, np.clip(share * exposure, 0, 1))
        deaths = m.civilians.kill("violence", target, deaths)
        wounded = m.rng.binomial(m.civilians.present_at(target),
                                 np.clip(share * v.injuries_per_death * exposure, 0, 1))
        wounded = m.civilians.wound(target, wounded)
        women_girls = int(people[0] + people[2])
        sgbv = int(m.rng.binomial(women_girls, v.sgbv_share)) if women_girls else 0
        m.log("attack", cause, location=target, armed_group=self.key, tactic=tactic,
              planned=planned, protected_by=m.protection.protectors_at(target),
              deaths=int(deaths.sum()), injuries=int(wounded.sum()),
              deaths_by_group=m.by_group(deaths), injuries_by_group=m.by_group(wounded),
              sgbv_cases=sgbv)
        m.violence.after_violence(target, cause, sgbv)

    def strike_route(self, p: Plan) -> None:
        """A planned ambush along a route: deterred by the units that patrol, guard or
        escort along it; otherwise convoys and travellers on it are hit."""
        m = self.model
        route = m.geo.route_id(*p.route)
        if self.strength < 1:
            m.log("attack_abandoned", p.cause, location=p.target, route=route,
                  armed_group=self.key, tactic=p.tactic, reason="the group has no fighters left")
            return
        guards = m.protection.route_guards(p.route)
        protectors = sum(u.effective() for u in guards)
        p_off = deterrence(protectors, self.strength, m.params.violence.deterrence_k)
        if m.rng.random() < p_off:
            m.log("attack_deterred", p.cause, location=p.target, route=route,
                  armed_group=self.key, tactic=p.tactic, protectors=round(protectors, 1),
                  deterrence=round(p_off, 3), protected_by=sorted(u.key for u in guards))
            m.violence.deterred(p.target)
            return
        m.violence.ambush(self, p.target, p.tactic, p.cause, route=p.route)

    def abduct(self, target: int, cause: str, planned: bool) -> None:
        """An abduction: the group takes people (boys most), and the boys and men it takes
        swell its ranks; it kills nobody unless it meets resistance (not modelled)."""
        m = self.model
        v = m.params.violence
        people = m.civilians.present()[target]
        exposure = np.array([v.abduction_exposure.get(g, 1.0) for g in m.groups])
        wanted = int(round(v.abducted_per_fighter * self.strength))
        taken = np.minimum(split_counts(min(wanted, int(people.sum())),
                                        (people * exposure).astype(float)), people)
        taken = np.array([m.civilians.remove(target, g, int(k)) for g, k in enumerate(taken)])
        recruits = int(taken[list(m.groups).index("boys")] + taken[list(m.groups).index("men")])
        self.strength += recruits
        m.log("attack", cause, location=target, armed_group=self.key, tactic="abduction",
              planned=planned, protected_by=m.protection.protectors_at(target), deaths=0, injuries=0,
              abducted=int(taken.sum()), abducted_by_group=m.by_group(taken),
              recruited=recruits, sgbv_cases=0)
        m.violence.after_violence(target, cause, 0)

    def recruit(self) -> None:
        """Recruitment pressure: boys and men within reach join the group, more where
        tension runs high, less where youth are engaged or organised."""
        m = self.model
        v = m.params.violence
        boys, men = list(m.groups).index("boys"), list(m.groups).index("men")
        present = m.civilians.present()
        for loc in np.flatnonzero(m.geo.road_km[self.base] <= self.reach_km).tolist():
            if not present[loc, [boys, men]].any():
                continue
            p = self.recruitment * float(m.tension[loc]) * m.dt / 24
            if m.outreach.youth_engaged(loc):
                p *= v.youth_recruitment_factor
            taken = np.zeros(len(m.groups), dtype=np.int64)
            for g in (boys, men):
                taken[g] = m.civilians.remove(loc, g, int(m.rng.binomial(present[loc, g], p)))
            if taken.any():
                self.strength += int(taken.sum())
                m.violence.tally_recruits(self.key, loc, taken)
