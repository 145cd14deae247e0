"""The debrief's counterfactual replays played ahead, a turn at a time, while the exercise
is played: once its last turn closes, only that turn is left to replay.

An ``Ahead`` is a cache of ``debrief.counterfactuals.compare``'s replays (every team, and
each team, replaced by bots, over the debrief's seeds). A replay is taken from it only
if it was played with the very inputs the debrief replays (the same ad-hoc injects, the
same decisions and fired injects turn by turn), on the same seed with the same bots, so
the debrief is the same with it or without it; one that does not fit is replayed by the
debrief as usual. Ahead of time, a replay whose inputs changed (an ad-hoc inject added
during play: ``play`` gives them all at the start) starts again from the first turn.
"""

from __future__ import annotations

import hashlib
import json

from debrief.counterfactuals import compare_jobs, replaced, result
from simulator.play.decisions import AdHocInject, Decision, FireHeld
from simulator.play.runner import Replay


def digest(source: str) -> str:
    """The fingerprint of a scenario file's text."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


class Ahead:
    """The counterfactual replays of one exercise (``scenario`` from the text ``source``,
    played on ``seed``), each played as far as the exercise's inputs are known."""

    def __init__(self, scenario, source: str, seed: int, team_seeds: int):
        self.scenario, self.seed, self.team_seeds = scenario, seed, team_seeds
        self.digest = digest(source)
        self._played: dict[tuple, _Played] = {}

    def advance(self, inputs: list, closed: int) -> None:
        """Play every replay the debrief will ask for through turn ``closed``, with
        ``inputs`` (the exercise's so far, as ``load_inputs`` reads them from its run)."""
        teams = [t.id for t in self.scenario.teams]
        keys = _Keys()
        # Every team, then each team (the debrief replaces those that gave orders: any
        # team may give one before the end).
        for replaced_teams in [teams] + [[t] for t in teams]:
            jobs, _ = compare_jobs(self.scenario, replaced_teams, inputs,
                                   replaced(inputs, replaced_teams), self.seed,
                                   self.team_seeds)
            for job in jobs:
                played = self._played.get(_key(job))
                if played is None or not played.fits(job[2], keys):
                    played = self._played[_key(job)] = _Played(job, keys)
                played.advance(job[2], closed, keys)

    def results(self, jobs: list[tuple]) -> dict[int, dict]:
        """The results of those of ``jobs`` (``replay_all``'s) played ahead with the same
        inputs, by their index in ``jobs``; each is played to its end first."""
        out, keys = {}, _Keys()
        for i, job in enumerate(jobs):
            played = self._played.get(_key(job))
            if played is not None and played.fits(job[2], keys):
                played.advance(job[2], self.scenario.metadata.turns, keys)
                out[i] = played.result
        return out


def _key(job: tuple) -> tuple:
    _, seed, _, bots, rated = job
    return seed, tuple(sorted(bots.items())), rated


class _Played:
    """One replay played ahead, with what each of its turns was given; once at its end,
    only its result is kept (a few dozen worlds held in memory slow down every
    allocation of the process, through the garbage collector)."""

    def __init__(self, job: tuple, keys: _Keys):
        scenario, seed, items, bots, self.rated = job
        self.replay = Replay(scenario, seed, [i for i in items if isinstance(i, AdHocInject)],
                             bots)
        self.adhoc = keys.of(items)[0]
        self.turns: list[str] = []  # turn n's inputs at n − 1
        self.result: dict | None = None  # once played to the end

    @property
    def played(self) -> int:
        return len(self.turns)

    def fits(self, items: list, keys: _Keys) -> bool:
        """Whether these inputs are those it was played with, as far as it was played."""
        adhoc, by_turn = keys.of(items)
        return adhoc == self.adhoc and \
            all(by_turn.get(n, "") == k for n, k in enumerate(self.turns, 1))

    def advance(self, items: list, through: int, keys: _Keys) -> None:
        if self.result is not None:
            return
        before = self.replay.played
        self.replay.advance(items, through)
        by_turn = keys.of(items)[1]
        self.turns += [by_turn.get(n, "") for n in range(before + 1, self.replay.played + 1)]
        if self.replay.ex.done:
            self.result = result(self.replay.ex.scenario, self.replay.ex, self.rated)
            self.replay = None


class _Keys:
    """The fingerprint of a list of inputs: its ad-hoc injects, and each turn's decisions
    and fired injects in order; computed once for each list (many replays share one)."""

    def __init__(self):
        self._of: dict[int, tuple[list, tuple[str, dict[int, str]]]] = {}

    def of(self, items: list) -> tuple[str, dict[int, str]]:
        if id(items) not in self._of:  # the list is kept, so that its id stays its own
            self._of[id(items)] = (items, _fingerprint(items))
        return self._of[id(items)][1]


def _fingerprint(items: list) -> tuple[str, dict[int, str]]:
    adhoc, by_turn = [], {}
    for item in items:
        if isinstance(item, AdHocInject):
            adhoc.append(item.as_dict())
        elif isinstance(item, (Decision, FireHeld)):
            entry = item.as_dict() if isinstance(item, Decision) else \
                {"fire": item.inject_id, "turn": item.turn}
            by_turn.setdefault(item.turn, []).append(entry)
    return _json(adhoc), {turn: _json(entries) for turn, entries in by_turn.items()}


def _json(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
