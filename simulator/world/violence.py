"""What violence leaves behind: attacks on convoys and travellers, abuses by host forces,
the risk people feel afterwards, the trust a mission loses when it knew and did not
protect, SGBV cases referred or not, and the recruits armed groups take."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from agents.civilians import GROUPS

if TYPE_CHECKING:
    from agents.armed_groups import ArmedGroup
    from agents.humanitarian import HostForce


class Violence:
    """The aftermath rules every attacker shares (armed groups, gatherings, clashes)."""

    def __init__(self, world):
        self.world = world
        self.incidents = np.zeros(world.n, dtype=np.int64)
        self.abuses = 0
        self.recruits: dict[tuple[str, int], np.ndarray] = {}  # (group, place) → this turn

    def after_violence(self, loc: int, cause: str, sgbv: int) -> None:
        w = self.world
        r = w.params.risk
        self.incidents[loc] += 1
        w.civilians.raise_risk(loc, r.incident, w.geo.neighbours(loc), r.neighbour_share)
        if sgbv:
            reach = w.params.community.referral_hops
            covered = any(w.geo.hops[r, loc] <= reach for r in w.outreach.referral)
            kind = "sgbv_referred" if covered else "sgbv_unattended"
            w.log(kind, cause, location=loc, cases=sgbv)
        # A mission that knew of this attack and did not protect loses the people's trust.
        warned = [t for t in w.knowledge.facts
                  if any(f.get("location") == w.loc_ids[loc]
                         and abs(f["expected_hour"] - w.now) <= w.turn_hours
                         for f in w.knowledge.of(t, "threat"))]
        if warned and not w.protection.protectors_at(loc):
            loss = w.params.community.unprotected_trust_loss
            w.trust[loc] = max(0.0, w.trust[loc] - loss)
            w.log("trust_lost", cause, location=loc, reason="warned_but_unprotected",
                  warned_teams=sorted(warned), trust=round(float(w.trust[loc]), 3))
        for team in w.knowledge.facts:
            w.knowledge.learn(team, "incident", "media", w.turn, w.now, w.loc_ids[loc],
                              cause=cause)

    def deterred(self, loc: int) -> None:
        """Protectors stood between people and an attack: they trust the mission more."""
        w = self.world
        gain = w.params.community.protection_trust
        w.trust[loc] = min(1.0, w.trust[loc] + gain)

    def ambush_threat(self, loc: int) -> bool:
        """Whether a group able to ambush is within reach and strikes this convoy."""
        w = self.world
        able = [g for g in w.armed.values() if g.strength >= 1 and
                set(g.tactics) & {"ambush", "ied", "attack_convoy"} and
                w.geo.road_km[g.base, loc] <= g.reach_km]
        return bool(able) and w.rng.random() < w.params.violence.ambush_rate

    def ambush(self, group: ArmedGroup, loc: int, tactic: str, cause: str,
               route: tuple[int, int] | None = None) -> None:
        """Ambush or IED on the roads into ``loc`` (or along ``route``, into either of its
        ends): convoys without escort are lost, travellers are hurt."""
        w = self.world
        ends = list(route) if route else [loc]
        escorts = sorted({u.key for end in ends for u in w.protection.escorts(end)} |
                         {u.key for u in (w.protection.route_guards(route, ("escort",))
                                          if route else [])})
        lost = 0.0
        if not escorts:
            for ag in w.agencies.values():
                hit = [c for c in ag.convoys if c.location in ends]
                ag.convoys = [c for c in ag.convoys if c.location not in ends]
                lost += sum(c.amount for c in hit)
        v = w.params.violence
        share = min(v.max_share_killed, v.lethality * group.strength) * v.ambush_lethality
        deaths = sum(w.civilians.harm_travellers(w.rng, end, share) for end in ends)
        where = {"route": w.geo.route_id(*route)} if route else {}
        w.log("attack", cause, location=loc, **where, armed_group=group.key, tactic=tactic,
              planned=True, protected_by=escorts,
              deaths=int(deaths.sum()), injuries=0,
              deaths_by_group=w.by_group(deaths), aid_lost=round(lost, 1), sgbv_cases=0)
        self.after_violence(loc, cause, 0)

    def host_abuse(self, hf: HostForce, cause: str) -> None:
        """A grave violation by a host force near its base."""
        w = self.world
        near = [hf.location] + w.geo.neighbours(hf.location)
        present = w.civilians.present()
        people = np.array([present[i].sum() for i in near], dtype=float)
        if people.sum() <= 0:
            return
        loc = near[int(w.rng.choice(len(near), p=people / people.sum()))]
        v = w.params.violence
        exposure = np.array([v.group_exposure.get(g, 1.0) for g in GROUPS])
        victims = w.rng.binomial(present[loc], np.clip(v.abuse_victims * exposure, 0, 1))
        deaths = w.civilians.kill("violence", loc, w.rng.binomial(victims, v.abuse_lethality))
        hurt = w.civilians.wound(loc, victims - deaths)
        self.abuses += 1
        w.trust[loc] = max(0.0, w.trust[loc] - w.params.community.abuse_trust_loss)
        for g in w.armed.values():
            g.grievance = min(1.0, g.grievance + w.params.violence.abuse_grievance)
        w.log("abuse_by_host_force", cause, location=loc, host_force=hf.key,
              deaths=int(deaths.sum()), injuries=int(hurt.sum()),
              deaths_by_group=w.by_group(deaths), injuries_by_group=w.by_group(hurt))
        self.after_violence(loc, cause, 0)

    def tally_recruits(self, group: str, loc: int, taken: np.ndarray) -> None:
        key = (group, loc)
        self.recruits[key] = self.recruits.get(key, 0) + taken

    def log_recruits(self) -> None:
        """Whom armed groups recruited during the turn: one event per group and place."""
        w = self.world
        for (group, loc), taken in sorted(self.recruits.items()):
            w.log("recruitment", f"rule:recruitment:{group}", location=loc,
                  armed_group=group, recruited=int(taken.sum()),
                  recruited_by_group=w.by_group(taken),
                  strength=round(w.armed[group].strength, 1))
        self.recruits = {}
