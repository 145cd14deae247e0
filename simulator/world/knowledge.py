"""What each team knows (fog of war), and how knowledge moves between teams.

A fact reaches a team only through one of its information sources (its own units, the
alert networks it set up, its assessments, messages addressed to it, the media) or when
another team shares it. Situation reports are built from a team's facts alone.
"""

from __future__ import annotations

from typing import Any

# Addressed messages, a team's own findings and the alert networks it set up always reach
# it; other sources (own_units, media, shared) must be listed in the team's sources.
ALWAYS = ("messages", "own_action", "alert_network")


class Knowledge:
    def __init__(self, sources: dict[str, list[str]]):
        self.sources = sources
        self.facts: dict[str, list[dict[str, Any]]] = {t: [] for t in sources}
        self._count = 0

    def learn(self, team: str, kind: str, source: str, turn: int, hour: float,
              location: str | None = None, **data: Any) -> dict | None:
        """Record a fact for ``team`` if it has ``source``; return it (or None)."""
        if team not in self.facts:
            return None
        if source not in ALWAYS and source not in self.sources[team]:
            return None
        self._count += 1
        fact = {"id": f"f{self._count:05d}", "turn": turn, "hour": round(hour, 3),
                "kind": kind, "source": source, "origin": team}
        if location is not None:
            fact["location"] = location
        fact.update(data)
        self.facts[team].append(fact)
        return fact

    def share(self, giver: str, receiver: str, turn: int) -> int:
        """Give ``receiver`` the facts ``giver`` holds that it lacks; return how many."""
        if "shared" not in self.sources.get(receiver, []):
            return 0
        have = {f["id"] for f in self.facts[receiver]}
        new = [dict(f, shared_by=giver, shared_turn=turn)
               for f in self.facts[giver] if f["id"] not in have]
        self.facts[receiver].extend(new)
        return len(new)

    def of(self, team: str, kind: str | None = None, since_turn: int = 0) -> list[dict]:
        return [f for f in self.facts.get(team, [])
                if (kind is None or f["kind"] == kind) and f["turn"] >= since_turn]

    def knows(self, team: str, kind: str, **match: Any) -> bool:
        return any(all(f.get(k) == v for k, v in match.items()) for f in self.of(team, kind))
