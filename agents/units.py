"""Mission units (military and police): move on the map, carry out one task at a time."""

from __future__ import annotations

from operator import attrgetter

import mesa

POLICE = ("fpu", "ipo")
NON_MILITARY = POLICE + ("civil_affairs", "human_rights", "liaison")
PROTECTING = ("patrol", "guard", "escort")


class Unit(mesa.Agent):
    """A company, platoon, FPU or team with capacity, speed and fatigue."""

    def __init__(self, model, spec, team: str | None, location: int):
        super().__init__(model)
        self.key = spec.id
        self.name = spec.name
        self.kind = spec.kind
        self.team = team
        self.military = spec.military if spec.military is not None else spec.kind not in NON_MILITARY
        self.strength = spec.strength
        self.women = spec.women
        self.capacity = spec.capacity
        self.speed_kmh = spec.speed_kmh
        self.modes = spec.travel_modes  # how it travels: road, foot, boat, air
        self.location = location
        self.moving_to: int | None = None
        self.arrive = 0.0
        self.task = "idle"
        self.task_location: int | None = None
        self.task_route: tuple[int, int] | None = None  # a route it patrols, guards, escorts
        self.until = 0.0  # hour the current task ends
        self.fatigue = 0.0
        self.cause = ""
        self.on_arrival = None  # ("part.rule" on the model, kwargs) run once on arrival

    @property
    def busy(self) -> bool:
        return self.task != "idle" and self.model.now < self.until

    def assign(self, task: str, location: int, until: float, cause: str,
               on_arrival: tuple | None = None) -> float | None:
        """Send the unit to ``location`` for ``task``; return arrival hour or None if unreachable."""
        m = self.model
        hours = m.geo.drive_hours(self, self.location, location)
        if hours is None:
            m.log("unit_cannot_reach", cause, location=location, unit=self.key, team=self.team,
                  modes=list(self.modes))
            return None
        self.task, self.task_location, self.cause = task, location, cause
        self.task_route = None
        self.moving_to = location if location != self.location else None
        self.arrive = m.now + hours
        self.until = max(until, self.arrive)
        self.on_arrival = on_arrival
        if self.moving_to is None:
            self._arrived()
        return self.arrive

    def effective(self) -> float:
        """Protectors this unit counts for while on a protecting task at its location."""
        u = self.model.params.units
        factor = u.police_protection if self.kind in POLICE else 1.0
        if not self.military and self.kind not in POLICE:
            factor = 0.0  # civilian teams protect by presence of witnesses only, not deterrence
        return self.strength * u.protection_per_soldier * factor * (1 - u.fatigue_effect * self.fatigue)

    def protecting(self) -> bool:
        return self.task in PROTECTING and self.moving_to is None and self.busy

    def step(self) -> None:
        m = self.model
        u = m.params.units
        if self.moving_to is not None and self.arrive <= m.now:
            self.location = self.moving_to
            self.moving_to = None
            self._arrived()
        if self.busy:
            self.fatigue = min(1.0, self.fatigue + u.fatigue_per_hour * m.dt)
        else:
            if self.task != "idle":
                self.model.log("task_done", self.cause, location=self.task_location,
                               unit=self.key, team=self.team, task=self.task)
            self.task, self.on_arrival, self.task_route = "idle", None, None
            self.fatigue = max(0.0, self.fatigue - u.rest_per_hour * m.dt)

    def _arrived(self) -> None:
        if self.on_arrival:
            name, kwargs = self.on_arrival
            self.on_arrival = None
            attrgetter(name)(self.model)(self, **kwargs)
