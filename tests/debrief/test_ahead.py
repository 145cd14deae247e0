"""Counterfactual replays played ahead while the exercise is played: the debrief is the
same, byte for byte, with them or without them; with them, nothing is left to replay."""

from __future__ import annotations

import json

import pytest

from debrief import counterfactuals
from debrief.ahead import Ahead
from debrief.report import build, write_files
from debrief.rundata import load_run
from simulator.cli import main
from simulator.language.validation import load_scenario
from simulator.play.decisions import load_inputs
from tests.conftest import MINI

SEEDS = 2  # seeds each counterfactual is replayed over (the debrief's team_seeds)
FILES = ("debrief.json", "report.md", "report.html", "ratings.csv", "measures.csv",
         "evidence.csv")


PATROL = {"team": "force", "action": "patrol",
          "params": {"unit": "coy_a", "location": "village"}}
RUMOUR = {"id": "rumour", "from": "X", "to": ["all"], "message": "m"}


@pytest.fixture
def run_dir(tmp_path):
    """A run of the mini scenario: the force's orders on turns 1 and 3, an instructor's
    ad-hoc inject on turn 2."""
    inputs = tmp_path / "inputs.json"
    inputs.write_text(json.dumps([{"turn": 1, **PATROL}, {"turn": 2, "hour": 3,
                                                          "inject": RUMOUR},
                                  {"turn": 3, **PATROL}]))
    out = tmp_path / "run"
    assert main(["run", str(MINI), "--seed", "4", "--decisions", str(inputs), "--out",
                 str(out), "--quiet", "--no-debrief"]) == 0
    return out


def known_at(inputs: list, turn: int) -> list:
    """The inputs an exercise in play has when ``turn`` closes."""
    return [i for i in inputs if i.turn <= turn]


def debrief(run_dir, out=None, ahead=None):
    """The debrief's files (or, without ``out``, its data: what the files are made of)."""
    run, scenario = load_run(run_dir), load_scenario(run_dir / "scenario.yaml")
    data = build(run_dir, run, scenario, team_seeds=SEEDS, workers=1, ahead=ahead)
    if out is None:
        return data
    write_files(out, data, run, scenario)
    return {name: (out / name).read_bytes() for name in FILES}


def ahead_of(run_dir) -> Ahead:
    scenario = load_scenario(run_dir / "scenario.yaml")
    return Ahead(scenario, (run_dir / "scenario.yaml").read_text(encoding="utf-8"), 4, SEEDS)


def count_replays(monkeypatch) -> list:
    """The jobs the debrief still replays itself."""
    replayed: list = []
    real = counterfactuals.replay_all

    def counting(jobs, progress=None, pool=None):
        replayed.extend(jobs)
        return real(jobs, progress, pool)
    monkeypatch.setattr(counterfactuals, "replay_all", counting)
    return replayed


def test_played_ahead_turn_by_turn_the_debrief_is_the_same_and_replays_nothing(
        run_dir, tmp_path, monkeypatch):
    plain = debrief(run_dir, tmp_path / "plain")
    scenario = load_scenario(run_dir / "scenario.yaml")
    inputs = load_inputs(run_dir / "inputs.json", scenario)
    ahead = ahead_of(run_dir)
    for turn in range(1, scenario.metadata.turns):  # the last turn is left to the debrief
        ahead.advance(known_at(inputs, turn), turn)
    replayed = count_replays(monkeypatch)
    assert debrief(run_dir, tmp_path / "ahead", ahead) == plain
    assert replayed == []
    # played ahead: passive and doctrine for every team and for each team on each seed,
    # and the run's own decisions on the seeds after the run's (one replay for all)
    assert len(ahead._played) == (1 + len(scenario.teams)) * 2 * SEEDS + SEEDS - 1


def test_replays_played_with_other_inputs_are_replayed_again(run_dir, monkeypatch):
    """Ahead of the inject (the instructor added it on turn 2): the replays played before
    it do not fit and start again; a debrief built from an ahead that never saw it (nor
    the turn 3 order) replays them itself, and is still the same."""
    plain = debrief(run_dir)
    scenario = load_scenario(run_dir / "scenario.yaml")
    inputs = load_inputs(run_dir / "inputs.json", scenario)
    stale = ahead_of(run_dir)
    stale.advance(known_at(inputs, 1), 3)  # as if nothing came after turn 1
    replayed = count_replays(monkeypatch)
    assert debrief(run_dir, ahead=stale) == plain
    # the replays with the force's decisions did not fit: replayed; the others fitted
    assert 0 < len(replayed) < len(stale._played)

    stale.advance(known_at(inputs, 2), 2)  # the inject is known now: all start again
    assert all(p.played == 2 for p in stale._played.values())


def test_another_scenarios_replays_are_not_used(run_dir, monkeypatch):
    plain = debrief(run_dir)
    scenario = load_scenario(run_dir / "scenario.yaml")
    other = Ahead(scenario, "another text", 4, SEEDS)
    other.advance(load_inputs(run_dir / "inputs.json", scenario), 4)
    replayed = count_replays(monkeypatch)
    assert debrief(run_dir, ahead=other) == plain
    # every team, then the force: passive and doctrine on each seed, and the run's own
    # decisions on the seeds after its own, replayed once for both
    assert len(replayed) == 2 * 2 * SEEDS + SEEDS - 1


def test_a_debrief_replays_each_replay_once(run_dir, monkeypatch):
    """Every comparison replays the run's own decisions on the same seeds: once is enough."""
    plain = debrief(run_dir)
    replayed = count_replays(monkeypatch)
    assert debrief(run_dir) == plain
    keys = [(seed, id(items), tuple(sorted(bots.items()))) for _, seed, items, bots, _ in replayed]
    assert len(keys) == len(set(keys)) == 2 * 2 * SEEDS + SEEDS - 1
    assert sum(1 for _, _, _, bots, _ in replayed if not bots) == SEEDS - 1


def test_in_worker_processes_the_debrief_is_the_same_as_in_one(run_dir, monkeypatch):
    """The replays left after those played ahead go to worker processes when there are
    enough of them (forced here): the same debrief as in this process."""
    from debrief import report

    run, scenario = load_run(run_dir), load_scenario(run_dir / "scenario.yaml")
    alone = build(run_dir, run, scenario, team_seeds=SEEDS, workers=1)
    monkeypatch.setattr(report, "POOL_WORTH", 0)
    started = []
    real = report.replayer
    monkeypatch.setattr(report, "replayer", lambda n: started.append(n) or real(n))
    assert build(run_dir, run, scenario, team_seeds=SEEDS, workers=2) == alone
    assert started == [2]
