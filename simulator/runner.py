"""Play a whole exercise from an inputs file and bot teams, then write its outputs."""

from __future__ import annotations

from typing import Callable

from agents.bots import make_bot
from simulator.decisions import AdHocInject, Decision, FireHeld
from simulator.exercise import Exercise
from simulator.scenario import Scenario


def play(scenario: Scenario, seed: int, inputs: list = (), bots: dict[str, str] | None = None,
         lang: str = "en", progress: Callable[[Exercise], None] | None = None) -> Exercise:
    """Run every turn: file decisions for the turn, then bot decisions from the reports."""
    ex = Exercise(scenario, seed, lang)
    players = {team: make_bot(kind, scenario, team, seed) for team, kind in (bots or {}).items()}
    for item in inputs:
        if isinstance(item, AdHocInject):
            ex.add_inject(item)
    decisions = [d for d in inputs if isinstance(d, Decision)]
    reports = ex.reset()
    while not ex.done:
        turn = ex.turn
        for item in inputs:
            if isinstance(item, FireHeld) and item.turn == turn:
                reports = ex.fire_held(item.inject_id)
        orders = [d for d in decisions if d.turn == turn]
        for team in sorted(players):
            orders += [Decision(turn, team, o["action"], o["params"])
                       for o in players[team].decide(reports[team])]
        reports = ex.step(orders)
        if progress:
            progress(ex)
    return ex
