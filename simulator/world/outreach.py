"""The mission and the communities: the structures they run (alert networks, peace
committees, youth associations), what word reaches the teams through them, trust earned
by words, and the deterrent of an investigation."""

from __future__ import annotations


class Outreach:
    """What communities tell the mission, and what its words are worth."""

    def __init__(self, world):
        self.world = world
        self.structures: dict[int, set[str]] = {}  # place → community structures there
        for c in world.spec.actors.community:
            self.structures.setdefault(world.index[c.location], set()).add(c.kind)
        self.alert_networks: dict[int, set[str]] = {}  # place → teams it reports to
        self.referral: set[int] = set()  # places with an SGBV referral pathway
        self.investigated: dict[int, float] = {}  # location → hour the deterrent lasts to
        self.youth_met: dict[int, float] = {}  # place → hour youth were last engaged there

    def has_structure(self, loc: int, kind: str, hops: int = 0) -> bool:
        """Whether a community structure of ``kind`` stands within ``hops`` of ``loc``."""
        if hops == 0:  # at the place itself: no way to search
            return kind in self.structures.get(loc, ())
        hops_to = self.world.geo.hops
        return any(kind in kinds and hops_to[i, loc] <= hops
                   for i, kinds in self.structures.items())

    def alert_reliability(self, loc: int) -> float:
        """Chance per sub-step that an alert network at ``loc`` reports a planned attack:
        the trust there, or better where the community already ran its own network."""
        c = self.world.params.community
        trust = float(self.world.trust[loc])
        if self.has_structure(loc, "alert_network"):
            return max(trust, c.existing_network_reliability)
        return trust if trust >= c.alert_min_trust else 0.0

    def talk_trust(self, loc: int, gain: float) -> None:
        """Trust from words (engagement, investigation): up to a ceiling, so meeting a
        community again and again earns nothing more; deeds lift it further."""
        trust = self.world.trust
        ceiling = self.world.params.community.talk_trust_ceiling
        trust[loc] = max(trust[loc], min(ceiling, trust[loc] + gain))

    def investigated_factor(self, loc: int) -> float:
        w = self.world
        near = [i for i, until in self.investigated.items()
                if until > w.now and w.geo.hops[i, loc] <= 1]
        return w.params.community.investigation_abuse_factor if near else 1.0

    def youth_engaged(self, loc: int) -> bool:
        """Youth engaged there within two days, or organised in an association."""
        met = self.youth_met.get(loc)
        return (met is not None and self.world.now - met <= 48) or \
            self.has_structure(loc, "youth_association")

    def tell_nearby(self, loc: int, kind: str, **data) -> list[str]:
        """Word of something at ``loc`` reaches the teams with an alert network there or
        one step away, and every team where a peace committee sits there; return them."""
        w = self.world
        told = {t: "alert_network" for net, ts in self.alert_networks.items()
                if w.geo.hops[net, loc] <= 1 for t in ts}
        if self.has_structure(loc, "peace_committee"):
            told.update({t: "messages" for t in w.knowledge.facts if t not in told})
        for team, source in sorted(told.items()):
            w.knowledge.learn(team, kind, source, w.turn, w.now, w.loc_ids[loc], **data)
        return sorted(told)

    def tell_route(self, route: str, state: str) -> None:
        """Civil protection reports a route washed out or repaired to every team."""
        w = self.world
        for team in w.knowledge.facts:
            w.knowledge.learn(team, "route", "messages", w.turn, w.now, None,
                              route=route, state=state)

    def alerts(self) -> None:
        """Alert networks report planned attacks near them to the teams that set them up."""
        w = self.world
        lead = w.params.community.alert_lead_hours
        for g in w.armed.values():
            for plan in g.plans:
                if plan.at - w.now > lead:
                    continue
                for loc, teams in self.alert_networks.items():
                    if w.geo.hops[loc, plan.target] > 1:
                        continue
                    for team in sorted(teams - plan.reported_to):
                        if w.rng.random() < self.alert_reliability(loc):
                            plan.reported_to.add(team)
                            w.knowledge.learn(team, "threat", "alert_network", w.turn,
                                              w.now, w.loc_ids[plan.target],
                                              armed_group=g.key, expected_hour=plan.at,
                                              tactic=plan.tactic)
                            w.log("early_warning_reported", plan.cause,
                                  location=plan.target, team=team, armed_group=g.key,
                                  network=w.loc_ids[loc], expected_hour=plan.at)
