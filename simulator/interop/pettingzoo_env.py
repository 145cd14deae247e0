"""An exercise as a PettingZoo ``ParallelEnv``: teams are agents, a step is a turn.

    env = ExerciseEnv("scenarios/poc-inner-delta.yaml", bots={"police": "doctrine"})
    observations, infos = env.reset(seed=1)
    while env.agents:
        actions = {team: env.action_space(team).sample() for team in env.agents}
        observations, rewards, terminations, truncations, infos = env.step(actions)

- agents: the teams not played by bots, in scenario order;
- an observation: the team's situation report as arrays (``simulator.interop.observations``);
- an action: ``slots`` order codes (``MultiDiscrete``), each 0 (no order) or an order of
  the team's catalogue (``simulator.interop.orders``; ``env.encode`` gives a code);
- a reward: 0 each turn, then at the last turn the debrief's rating of the team's tasks
  as a number (``simulator.interop.rewards``); ``infos`` then carries the ratings;
- ``infos[team]["orders"]``: each order given, accepted or refused with its reason code.

The agents' orders and the bots' orders for the turn go to ``Exercise.step`` as
``simulator.play.runner.Replay`` gives them: the same seed and the same actions give the
same observations, rewards and event log. PettingZoo is an optional extra:
``pip install 'ttx-sim[pettingzoo]'``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

try:
    from gymnasium import spaces
    from pettingzoo import ParallelEnv
except ImportError as exc:  # the extra is not installed
    raise ImportError("the PettingZoo environment needs PettingZoo and Gymnasium: "
                      "pip install 'ttx-sim[pettingzoo]'") from exc

from agents.players import make_bot
from simulator.interop.observations import UNKNOWN, ReportArrays
from simulator.interop.orders import OrderCodes
from simulator.interop.rewards import score, team_ratings
from simulator.language.scenario import Scenario
from simulator.language.validation import load_scenario
from simulator.play.decisions import Decision
from simulator.play.exercise import Exercise

SLOTS = 4  # orders a team may give a turn, by default


class ExerciseEnv(ParallelEnv):
    """One exercise of ``scenario``; each ``reset(seed=...)`` starts a new one."""

    metadata = {"name": "ttx_exercise_v0", "render_modes": [], "is_parallelizable": True}

    def __init__(self, scenario: Scenario | str | Path, bots: dict[str, str] | None = None,
                 lang: str = "en", slots: int = SLOTS):
        self.scenario = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
        self.lang, self.slots, self.bots = lang, int(slots), dict(bots or {})
        teams = [t.id for t in self.scenario.teams]
        unknown = sorted(set(self.bots) - set(teams))
        if unknown:
            raise ValueError(f"bots: no team {unknown[0]!r}; the teams: {', '.join(teams)}")
        if self.slots < 1:
            raise ValueError(f"slots must be 1 or more, not {slots}")
        for team, kind in self.bots.items():
            make_bot(kind, self.scenario, team)  # an unknown kind is refused now
        self.possible_agents = [t for t in teams if t not in self.bots]
        if not self.possible_agents:
            raise ValueError("bots play every team: leave at least one team to the agents")
        self.agents: list[str] = []
        self.codes = {t: OrderCodes(self.scenario, t) for t in self.possible_agents}
        self.layouts = {t: ReportArrays(self.scenario, t) for t in self.possible_agents}
        self._observation_spaces = {
            t: spaces.Dict({k: spaces.Box(UNKNOWN, np.inf, shape, np.float32)
                            for k, shape in self.layouts[t].shapes().items()})
            for t in self.possible_agents}
        self._action_spaces = {t: spaces.MultiDiscrete([self.codes[t].size + 1] * self.slots)
                               for t in self.possible_agents}
        self.exercise: Exercise | None = None
        self._seed: int | None = None
        self._players: dict = {}
        self._reports: dict[str, dict] = {}

    # --- the PettingZoo API -----------------------------------------------------------

    def observation_space(self, agent: str) -> spaces.Dict:
        return self._observation_spaces[agent]

    def action_space(self, agent: str) -> spaces.MultiDiscrete:
        return self._action_spaces[agent]

    def reset(self, seed: int | None = None, options: dict | None = None):
        """A new exercise with ``seed``; without one, the last seed plus one (0 first).
        ``options`` is accepted for the API and not used."""
        self._seed = int(seed) if seed is not None else \
            (0 if self._seed is None else self._seed + 1)
        self.exercise = Exercise(self.scenario, self._seed, self.lang)
        self._players = {team: make_bot(kind, self.scenario, team, self._seed)
                         for team, kind in self.bots.items()}
        self._reports = self.exercise.reset()
        self.agents = list(self.possible_agents)
        observations = {t: self.layouts[t].encode(self._reports[t]) for t in self.agents}
        return observations, {t: {"turn": self.exercise.turn} for t in self.agents}

    def step(self, actions: dict[str, Any]):
        """Play the open turn: the agents' orders, then the bots' (in team order)."""
        if not self.agents:
            raise RuntimeError("the exercise is over (or not begun): call reset()")
        ex = self.exercise
        turn = ex.turn
        given: list[tuple[str, int, int]] = []  # (team, slot, code) of each agent's order
        orders: list[Decision] = []
        for team in self.agents:
            for slot, code in enumerate(self._codes_of(team, actions.get(team))):
                order = self.codes[team].decode(code)
                if order is not None:
                    given.append((team, slot, code))
                    orders.append(Decision(turn, team, *order))
        for team in sorted(self._players):
            orders += [Decision(turn, team, o["action"], o["params"])
                       for o in self._players[team].decide(self._reports[team])]
        first_input, first_event = len(ex.inputs), len(ex.events)
        self._reports = ex.step(orders)
        infos = self._outcomes(given, ex.inputs[first_input:], ex.events[first_event:], turn)
        rewards = dict.fromkeys(self.agents, 0.0)
        if ex.done:
            # Past the last turn: the reports the teams would read at the end.
            self._reports = {t: ex.report(t) for t in self.agents}
            for team in self.agents:
                ratings = team_ratings(ex, team)
                rewards[team] = score(ratings)
                infos[team]["ratings"] = ratings
        observations = {t: self.layouts[t].encode(self._reports[t]) for t in self.agents}
        terminations = dict.fromkeys(self.agents, ex.done)
        truncations = dict.fromkeys(self.agents, False)
        if ex.done:
            self.agents = []
        return observations, rewards, terminations, truncations, infos

    def close(self) -> None:
        pass

    # --- orders -----------------------------------------------------------------------

    def encode(self, agent: str, action: str, params: dict | None = None) -> int:
        """The code of an order of ``agent``'s catalogue (``simulator.interop.orders``)."""
        return self.codes[agent].encode(action, params)

    def decode(self, agent: str, code: int) -> tuple[str, dict] | None:
        """The order of a code: ``(action, params)``, or None for no order."""
        return self.codes[agent].decode(code)

    def _codes_of(self, team: str, action: Any) -> list[int]:
        if action is None:
            return []
        codes = [int(c) for c in np.asarray(action).reshape(-1)]
        if len(codes) > self.slots:
            raise ValueError(f"{team}: {len(codes)} order codes for {self.slots} slots")
        top = self.codes[team].size
        bad = next((c for c in codes if not 0 <= c <= top), None)
        if bad is not None:
            raise ValueError(f"{team}: order code {bad} is outside 0..{top}")
        return codes

    def _outcomes(self, given: list[tuple[str, int, int]], records: list[dict],
                  events: list[dict], turn: int) -> dict[str, dict]:
        """Each agent's orders with their outcome: accepted, rejected (with the engine's
        reason code and its sentence) or not given (a shared unit went to another team)."""
        conflicts = {e["cause"].removeprefix("decision:"): e for e in events
                     if e["type"] == "shared_asset_conflict"}
        infos: dict[str, dict] = {t: {"turn": turn, "orders": []} for t in self.agents}
        decisions = [r for r in records if r.get("input") == "decision"]
        # Exercise.step records the decisions in the order given: the agents' come first.
        for (team, slot, code), record in zip(given, decisions[:len(given)], strict=True):
            outcome = {"slot": slot, "code": code, "action": record["action"],
                       "params": record["params"], "status": record["status"]}
            if record["status"] == "rejected":
                outcome.update(reason=record["reason"], detail=record["detail"])
            elif record["id"] in conflicts:
                c = conflicts[record["id"]]
                outcome.update(status="not_given", reason="shared_asset_conflict",
                               detail=f"{c['unit']} went to {c['given_to']}")
            infos[team]["orders"].append(outcome)
        return infos
