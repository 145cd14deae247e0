"""Humanitarian agencies and host-state forces: the actors beside the mission."""

from __future__ import annotations

from dataclasses import dataclass

import mesa

NEEDS = ("water", "food", "shelter", "health")


@dataclass
class Convoy:
    arrive: float
    location: int
    need: str
    amount: float
    cause: str
    by: str


class Agency(mesa.Agent):
    """A humanitarian agency: stocks per need, trucks per turn, deliveries in transit.

    Deliveries go only where access allows: open roads, a secure destination (or an
    escort), and humanitarian space above the suspension threshold.
    """

    def __init__(self, model, spec, team: str | None, location: int):
        super().__init__(model)
        self.key = spec.id
        self.name = spec.name
        self.team = team
        self.location = location
        self.sectors = list(spec.sectors)
        self.modes = tuple(dict.fromkeys(spec.modes))  # how its deliveries travel
        self.child_protection = spec.child_protection  # takes released children in care
        self.stocks = {n: float(spec.stocks.get(n, 0.0)) for n in NEEDS}
        self.trucks = spec.trucks
        self.trucks_left = spec.trucks
        self.convoys: list[Convoy] = []
        self.suspended = False

    def new_turn(self) -> None:
        self.trucks_left = self.trucks

    def deliver(self, location: int, need: str, amount: float, cause: str) -> bool:
        """Send a convoy; log why not when it cannot go. Return True if it left."""
        m = self.model
        h = m.params.humanitarian
        reason = None
        if need not in self.sectors:
            reason = f"agency does not work in {need}"
        elif m.humanitarian_access < h.suspend_access:
            reason = "operations suspended: humanitarian access too low"
        elif self.trucks_left <= 0:
            reason = "no trucks left this turn"
        elif self.stocks[need] <= 0:
            reason = f"no {need} stock left"
        hours = m.geo.agency_hours(self, location) if reason is None else None
        if reason is None and hours is None:
            reason = "no open road to the place" if self.modes == ("road",) else \
                "no open route to the place by " + " or ".join(self.modes)
        if reason is None and m.protection.insecure(location) and m.protection.escorted(location):
            # Armed escorts of humanitarian convoys are a last resort too (UN-CMCoord).
            for unit in m.protection.escorts(location):
                if unit.military and not m.access.approved(unit, location):
                    m.access.breach(unit, location, self.team, cause,
                             "armed escort of a humanitarian convoy without an approved "
                             "last-resort request")
        if reason is None and m.protection.insecure(location) and not m.protection.escorted(location):
            if m.violence.ambush_threat(location):
                amount = min(amount, self.stocks[need])
                self.stocks[need] -= amount
                self.trucks_left -= 1
                m.log("convoy_ambushed", cause, location=location, agency=self.key,
                      team=self.team, need=need, lost=round(amount, 1))
                return False
            reason = "destination insecure without escort"
        if reason:
            m.log("aid_blocked", cause, location=location, agency=self.key, team=self.team,
                  need=need, reason=reason)
            return False
        stops = m.geo.convoy_stops(self, location)
        paying = [cp for cp in stops if not self._free(cp, location)]
        if paying and m.params.humanitarian.convoy_detour_hours > 0:
            around = m.geo.convoy_way_round(self, location)
            if around is not None and around - hours <= m.params.humanitarian.convoy_detour_hours \
                    + sum(cp.delay_hours for cp in paying):
                m.log("convoy_detoured", cause, location=location, agency=self.key,
                      team=self.team, need=need, checkpoints=[cp.key for cp in paying],
                      extra_hours=round(around - hours, 1))
                return self.send(location, need, amount, around, cause, by=self.key)
        for cp in stops:
            free = self._free(cp, location)
            amount = self._through(cp, location, need, amount, cause)
            if amount is None:
                return False
            hours += 0.0 if free else cp.delay_hours
        return self.send(location, need, amount, hours, cause, by=self.key)

    def _free(self, cp, location: int) -> bool:
        """Whether a convoy passes ``cp`` untouched: escorted, or access negotiated."""
        m = self.model
        return cp.access_until > m.now or m.protection.escorted(location) or \
            bool(m.protection.route_guards(cp.route, ("escort",)))

    def _through(self, cp, location: int, need: str, amount: float, cause: str) -> float | None:
        """A convoy at a checkpoint: it passes free (escort, negotiated access), is turned
        back (None), or pays the levy out of its cargo (the amount left)."""
        m = self.model
        said = dict(location=location, agency=self.key, team=self.team, need=need,
                    checkpoint=cp.key, held_by=cp.held_by)
        if self._free(cp, location):
            why = "negotiated_access" if cp.access_until > m.now else "escort"
            m.log("checkpoint_passed", cause, **said, reason=why)
            if why == "escort":  # armed escorts of aid are a last resort (UN-CMCoord)
                for unit in m.protection.route_guards(cp.route, ("escort",)):
                    if unit.military and not m.access.approved(unit, location):
                        m.access.breach(unit, location, self.team, cause,
                                 "armed escort of a humanitarian convoy through a checkpoint "
                                 "without an approved last-resort request")
            return amount
        if cp.turn_back and m.rng.random() < cp.turn_back:
            self.trucks_left -= 1
            m.log("convoy_turned_back", cause, **said)
            self._tell(cp, "turned_back")
            return None
        levy = min(amount, self.stocks[need]) * cp.levy
        self.stocks[need] -= levy
        m.log("levy_paid", cause, **said, amount=round(levy, 1))
        self._tell(cp, "levy")
        return amount - levy

    def _tell(self, cp, what: str) -> None:
        """The agency's team learns what its convoy met at a checkpoint."""
        m = self.model
        if self.team:
            m.knowledge.learn(self.team, "checkpoint_met", "own_action", m.turn, m.now, None,
                              checkpoint=cp.key, held_by=cp.held_by, met=what,
                              route=m.geo.route_id(*cp.route))

    def send(self, location: int, need: str, amount: float, hours: float, cause: str,
             by: str) -> bool:
        amount = min(float(amount), self.stocks[need])
        if amount <= 0:
            return False
        self.stocks[need] -= amount
        if by == self.key:
            self.trucks_left -= 1
        self.convoys.append(Convoy(self.model.now + hours, location, need, amount, cause, by))
        self.model.log("aid_dispatched", cause, location=location, agency=self.key,
                       team=self.team, need=need, amount=round(amount, 1), by=by)
        return True

    def step(self) -> None:
        m = self.model
        arrived = [c for c in self.convoys if c.arrive <= m.now]
        self.convoys = [c for c in self.convoys if c.arrive > m.now]
        for c in arrived:
            m.civilians.aid_stock[c.location, NEEDS.index(c.need)] += c.amount
            m.log("aid_delivered", c.cause, location=c.location, agency=self.key,
                  team=self.team, need=c.need, amount=round(c.amount, 1), by=c.by)
        low = m.humanitarian_access < m.params.humanitarian.suspend_access
        if low != self.suspended:
            self.suspended = low
            m.log("aid_suspended" if low else "aid_resumed", "rule:humanitarian_access",
                  agency=self.key, team=self.team, access=round(m.humanitarian_access, 3))


class HostForce(mesa.Agent):
    """A host-state security force. Supported without due diligence, it abuses civilians."""

    def __init__(self, model, spec, location: int):
        super().__init__(model)
        self.key = spec.id
        self.name = spec.name
        self.kind = spec.kind
        self.location = location
        self.strength = spec.strength
        self.abuse_risk = spec.abuse_risk
        self.unassessed: list[str] = []  # causes of support given without HRDDP
        self.assessed_support: list[str] = []  # causes of support given after HRDDP
        self.assessed = False
        self.mitigated = False
        self.advice: str | None = None  # the last HRDDP assessment's advice
        self.detainees = 0

    def add_support(self, cause: str) -> bool:
        """Record support (or a detainee handover); return whether HRDDP came first."""
        (self.assessed_support if self.assessed else self.unassessed).append(cause)
        return self.assessed

    def abuse_chance(self, dt: float) -> float:
        """Chance of a grave violation in one sub-step, given support and safeguards."""
        v = self.model.params.violence
        safeguard = v.abuse_mitigated if self.mitigated else 1.0
        exposure = min(2, len(self.unassessed)) + safeguard * min(2, len(self.assessed_support))
        if exposure == 0:
            return 0.0
        risk = self.abuse_risk * self.model.outreach.investigated_factor(self.location)
        return min(1.0, v.abuse_rate * risk * exposure * dt / 24)

    def step(self) -> None:
        m = self.model
        if m.rng.random() < self.abuse_chance(m.dt):
            cause = (self.unassessed or self.assessed_support)[-1]
            m.violence.host_abuse(self, cause)
