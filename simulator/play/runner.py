"""Play a whole exercise from an inputs file and bot teams, then write its outputs."""

from __future__ import annotations

from typing import Callable

from agents.players import make_bot
from simulator.language.scenario import Scenario
from simulator.play.decisions import AdHocInject, Decision, FireHeld
from simulator.play.exercise import Exercise


def play(scenario: Scenario, seed: int, inputs: list = (), bots: dict[str, str] | None = None,
         lang: str = "en", progress: Callable[[Exercise], None] | None = None) -> Exercise:
    """Run every turn: file decisions for the turn, then bot decisions from the reports."""
    replay = Replay(scenario, seed, [i for i in inputs if isinstance(i, AdHocInject)], bots,
                    lang)
    return replay.advance(inputs, scenario.metadata.turns, progress)


class Replay:
    """``play``, a turn at a time: the exercise advanced as far as its inputs are known
    (a turn's decisions and fired injects are known once it closes). The ad-hoc injects
    are all given at the start, as ``play`` gives them; the result of advancing through
    the last turn is the ``play`` of the same inputs."""

    def __init__(self, scenario: Scenario, seed: int, adhoc: list[AdHocInject] = (),
                 bots: dict[str, str] | None = None, lang: str = "en"):
        self.ex = Exercise(scenario, seed, lang)
        self.players = {team: make_bot(kind, scenario, team, seed)
                        for team, kind in (bots or {}).items()}
        for item in adhoc:
            self.ex.add_inject(item)
        self.reports = self.ex.reset()

    @property
    def played(self) -> int:
        """The turns played so far."""
        return self.ex.turns if self.ex.done else self.ex.turn - 1

    def advance(self, inputs: list, through: int,
                progress: Callable[[Exercise], None] | None = None) -> Exercise:
        """Play the turns up to ``through`` with the decisions and fired injects of
        ``inputs`` stamped with them, bots deciding from their reports."""
        ex = self.ex
        decisions = [d for d in inputs if isinstance(d, Decision)]
        while not ex.done and ex.turn <= through:
            turn = ex.turn
            for item in inputs:
                if isinstance(item, FireHeld) and item.turn == turn:
                    self.reports = ex.fire_held(item.inject_id)
            orders = [d for d in decisions if d.turn == turn]
            for team in sorted(self.players):
                orders += [Decision(turn, team, o["action"], o["params"])
                           for o in self.players[team].decide(self.reports[team])]
            self.reports = ex.step(orders)
            if progress:
                progress(ex)
        return ex
