"""Who protects whom: units on a protecting task, patrols nearby, escorts and guards on
routes, host forces in joint operations; the deterrence armed groups weigh."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from agents.units import Unit


class Protection:
    """Protectors by place and route, read by armed groups, convoys and the measures."""

    def __init__(self, world):
        self.world = world
        self.joint_ops: dict[str, float] = {}  # host force → hour joint operations last to

    def at(self, loc: int) -> float:
        """Protectors deterring attacks at ``loc`` (see ``presence_array``)."""
        return float(self.presence_array()[loc])

    def presence_array(self) -> np.ndarray:
        """Protectors deterring attacks at each place: units on task there, patrols nearby,
        host forces in joint operations."""
        w = self.world
        total = np.zeros(w.n)
        share = w.params.violence.neighbour_protection
        # Each place adds up its protectors in the order of the units, then host forces.
        for u in w.units.values():
            if not u.protecting():
                continue
            guard = w.params.units.guard_factor if u.task == "guard" else 1.0
            total[u.location] += guard * u.effective()
            if u.task == "patrol":
                total[w.geo.paths.neighbours(u.location)] += share * u.effective()
        for key, until in self.joint_ops.items():
            hf = w.host_forces[key]
            if until > w.now:
                total[hf.location] += w.params.violence.joint_operation_protection * hf.strength
        return total

    def protectors_at(self, loc: int) -> list[str]:
        paths = self.world.geo.paths
        return sorted(u.key for u in self.world.units.values() if u.protecting() and
                      (u.location == loc or (u.task == "patrol" and
                                             loc in paths.neighbours(u.location))))

    def route_guards(self, route: tuple[int, int], tasks=("patrol", "guard", "escort")) -> list[Unit]:
        """Units on a protecting task along ``route`` (patrol, guard or escort it)."""
        return [u for u in self.world.units.values() if u.task_route == route and u.task in tasks
                and u.protecting()]

    def escorts(self, loc: int) -> list[Unit]:
        return [u for u in self.world.units.values()
                if u.task == "escort" and u.task_location == loc and u.busy]

    def escorted(self, loc: int) -> bool:
        return bool(self.escorts(loc))

    def insecure(self, loc: int) -> bool:
        w = self.world
        return w.civilians.risk[loc] > w.params.humanitarian.insecure_risk
