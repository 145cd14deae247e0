"""Humanitarian access and the principles that keep it: military assets used for
humanitarian work only as an approved last resort, aid never made conditional."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agents.units import Unit


class Access:
    """Breaches of principle cost access and trust; access recovers slowly by itself.
    The access itself is ``world.humanitarian_access`` (one number, read by many)."""

    def __init__(self, world):
        self.world = world
        self.approvals: dict[tuple[str, int], tuple[float, str]] = {}  # (unit, place) → (until, cause)

    def approved(self, unit: Unit, loc: int) -> bool:
        return self.approvals.get((unit.key, loc), (0.0, ""))[0] > self.world.now

    def breach(self, unit: Unit, loc: int, team: str | None, cause: str, reason: str) -> None:
        """A military asset used for humanitarian work without an approved last resort."""
        w = self.world
        h = w.params.humanitarian
        w.humanitarian_access = max(0.0, w.humanitarian_access - h.breach_access_cost)
        w.trust[loc] = max(0.0, w.trust[loc] - h.breach_trust_cost)
        w.log("principle_breach", cause, location=loc, team=team, unit=unit.key,
              reason=reason, humanitarian_access=round(w.humanitarian_access, 3),
              trust=round(float(w.trust[loc]), 3))

    def leverage(self, loc: int, need: str, team: str | None, cause: str) -> None:
        """Aid made conditional on cooperation: it breaks impartiality, so communities trust
        the mission less and armed groups see aid workers as a party."""
        w = self.world
        h = w.params.humanitarian
        w.humanitarian_access = max(0.0, w.humanitarian_access - h.leverage_access_cost)
        w.trust[loc] = max(0.0, w.trust[loc] - h.leverage_trust_cost)
        w.log("aid_as_leverage", cause, location=loc, team=team, need=need,
              humanitarian_access=round(w.humanitarian_access, 3),
              trust=round(float(w.trust[loc]), 3))

    def recover(self, dt: float) -> None:
        w = self.world
        w.humanitarian_access = min(1.0, w.humanitarian_access +
                                    w.params.humanitarian.access_recovery * dt / 24)
