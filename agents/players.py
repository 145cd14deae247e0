"""Who can play a team besides people: the bots (``agents.bots``) and, to audit a scenario,
the strategies that game its ratings (``agents.gaming``), which build on the doctrine bot."""

from __future__ import annotations

from agents.bots import BOTS, Bot
from agents.gaming import GAMING


def make_bot(kind: str, scenario, team: str, seed: int = 0) -> Bot:
    """A bot of ``kind``: one of ``BOTS``, or a strategy of ``GAMING``."""
    kinds = {**BOTS, **GAMING}
    if kind not in kinds:
        raise ValueError(f"unknown bot {kind!r}; expected one of: {', '.join(kinds)}")
    return kinds[kind](scenario, team, seed)
