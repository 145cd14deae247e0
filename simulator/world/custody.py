"""People in someone's hands: members of armed groups detained by a team (to be handed
over within the limit) and children released by armed groups (to be handed to a
child-protection actor, then reunified with their families)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agents.units import Unit


class Custody:
    """Detainees by team, released children, and the limits they are held against."""

    def __init__(self, world):
        self.world = world
        self.detainees: dict[str, int] = {}  # team → detainees held
        self.detained_since: dict[str, int] = {}  # team → turn of its oldest detention
        self.released: list[dict] = []  # children released by armed groups, and their care

    def detention(self, unit: Unit, loc: int, group: str, team: str, cause: str) -> None:
        """Detain members of ``group`` found near a place it threatens or just attacked
        (a unit's task on arrival)."""
        w = self.world
        g = w.armed[group]
        hops = w.geo.hops
        recent = [e for e in w.events.of_type("attack") if e["armed_group"] == group
                  and e["hour"] >= w.now - w.turn_hours
                  and hops[w.index[e["location"]], loc] <= 1]
        near = recent or any(hops[p.target, loc] <= 1 for p in g.plans)
        if not near or g.strength < 1:
            w.log("detention_failed", cause, location=loc, unit=unit.key, team=team,
                  armed_group=group, reason="no members of the group there")
            w.knowledge.learn(team, "detention", "own_action", w.turn, w.now,
                              w.loc_ids[loc], armed_group=group, detainees=0)
            return
        v = w.params.violence
        n = max(1, int(round(g.strength * v.detention_strength)))
        g.strength = max(0.0, g.strength - n)
        g.grievance = min(1.0, g.grievance + v.detention_grievance)
        if not self.detainees.get(team):
            self.detained_since[team] = w.turn
        self.detainees[team] = self.detainees.get(team, 0) + n
        w.log("detention", cause, location=loc, unit=unit.key, team=team, armed_group=group,
              detainees=n, strength_left=round(g.strength, 1))
        # The team knows what its own operation found: whom it holds, or that it found nobody.
        w.knowledge.learn(team, "detention", "own_action", w.turn, w.now,
                          w.loc_ids[loc], armed_group=group, detainees=n)

    def overdue_detentions(self) -> None:
        """Detainees held past the limit without handover or release: evidence for the debrief."""
        w = self.world
        limit = w.params.violence.detention_max_turns
        for team, n in sorted(self.detainees.items()):
            if n and w.turn - self.detained_since[team] > limit:
                w.log("detention_overdue", "rule:detention_limit", team=team, detainees=n,
                      since_turn=self.detained_since[team])

    def overdue_children(self) -> None:
        """Released children still waiting past the handover limit: one event a turn."""
        w = self.world
        limit = w.params.violence.children_handover_hours
        for r in self.released:
            if r["status"] == "waiting" and w.now - r["hour"] > limit:
                w.log("children_handover_overdue", r["cause"], location=r["location"],
                      armed_group=r["armed_group"], children=r["children"],
                      hours_waiting=round(w.now - r["hour"], 2))

    def family_tracing(self) -> None:
        """Children in a child-protection actor's care go home once families are traced."""
        w = self.world
        for r in self.released:
            if r["status"] == "in_care" and w.now >= r["reunify_hour"]:
                r["status"] = "reunified"
                w.log("children_reunified", r["cause"], location=r["location"],
                      agency=r["with"], children=r["children"],
                      children_by_group=r["by_group"])
