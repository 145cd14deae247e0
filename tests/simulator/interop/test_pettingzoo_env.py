"""The exercise as a PettingZoo environment: PettingZoo's own tests on every shipped
scenario, and what the adapter promises (seeding, orders in and out, the fog of war,
the end of an exercise, the debrief's ratings as rewards)."""

from __future__ import annotations

import ast
import importlib
import sys
import warnings

import numpy as np
import pytest
from pettingzoo.test import parallel_api_test, parallel_seed_test

from debrief.ratings import rate_objectives
from debrief.rundata import run_of
from simulator.interop.observations import (
    AGENCY_FEATURES,
    FACT_KINDS,
    PLACE_FEATURES,
    UNIT_FEATURES,
    UNKNOWN,
)
from simulator.interop.orders import TEXT, OrderCodes
from simulator.interop.pettingzoo_env import ExerciseEnv
from simulator.interop.rewards import SCORES
from simulator.language.validation import load_scenario, scenario_from_text
from simulator.play.decisions import Decision
from simulator.play.runner import play
from simulator.shipped import shipped
from tests.conftest import MINI, MINI_OBJECTIVES, ROOT

COLUMN = {name: i for i, name in enumerate(PLACE_FEATURES)}
PLACES = {"village": 0, "town": 1, "site": 2, "base": 3}  # mini.yaml's map, in order


@pytest.fixture(scope="module")
def mini_rated():
    """The mini world with one critical task for the force, so that rewards are rated."""
    return scenario_from_text(MINI.read_text() + MINI_OBJECTIVES, "mini.yaml")


def _random_episode(env: ExerciseEnv, seed: int) -> list:
    """Every step's output of one episode of seeded random actions."""
    for i, agent in enumerate(env.possible_agents):
        env.action_space(agent).seed(seed + i)
    out = [env.reset(seed=seed)]
    while env.agents:
        out.append(env.step({a: env.action_space(a).sample() for a in env.agents}))
    return out


# --- PettingZoo's own tests ---------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(shipped()))
def test_pettingzoo_api_and_seed_tests_pass(name):
    scenario = load_scenario(shipped()[name])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        parallel_api_test(ExerciseEnv(scenario), num_cycles=100)
        parallel_seed_test(lambda: ExerciseEnv(scenario))
    # The API test warns (and passes) when an agent misses an entry or a dead one gets one.
    assert [str(w.message) for w in caught if "pettingzoo" in w.filename] == []
    # Every observation of a whole exercise of random orders lies in its space.
    env = ExerciseEnv(scenario)
    steps = _random_episode(env, seed=3)
    assert len(steps) == scenario.metadata.turns + 1
    for observations in [s[0] for s in steps]:
        for agent, obs in observations.items():
            assert env.observation_space(agent).contains(obs), (agent, obs)


# --- the encoding of orders ---------------------------------------------------------------

def test_codes_number_each_concrete_order_of_the_catalogue(mini_rated):
    force = OrderCodes(mini_rated, "force")
    # patrol: 2 units x 4 places x 2 modes, the last parameter fastest; share: 4 teams.
    assert force.size == 2 * 4 * 2 + 4
    assert force.decode(0) is None
    assert force.decode(1) == ("patrol", {"unit": "coy_a", "location": "village", "mode": "patrol"})
    assert force.decode(2) == ("patrol", {"unit": "coy_a", "location": "village", "mode": "guard"})
    assert force.decode(9) == ("patrol", {"unit": "heli", "location": "village", "mode": "patrol"})
    assert force.decode(17) == ("share", {"to": "force"})
    civilian = OrderCodes(mini_rated, "civilian")
    # consult takes several values: every non-empty combination, fewest first.
    assert civilian.size == 4 * 7 + 4
    assert [civilian.decode(c)[1]["consult"] for c in range(1, 8)] == [
        ["leaders"], ["women"], ["youth"], ["leaders", "women"], ["leaders", "youth"],
        ["women", "youth"], ["leaders", "women", "youth"]]
    humanitarian = OrderCodes(mini_rated, "humanitarian")
    # An amount without a default: its lowest, middle and highest allowed values.
    assert [humanitarian.decode(c)[1]["amount"] for c in range(9, 12)] == [1.0, 25000.0, 50000.0]
    for codes in (force, civilian, humanitarian):
        assert all(codes.encode(*codes.decode(c)) == c for c in range(1, codes.size + 1))
    # A parameter left out takes its default; a value the encoding does not offer is named.
    assert force.encode("patrol", {"unit": "heli", "location": "village"}) == 9
    with pytest.raises(ValueError, match=r"patrol.unit = 'fpu' is not among"):
        force.encode("patrol", {"unit": "fpu", "location": "village"})
    with pytest.raises(ValueError, match=r"team 'force' has no action 'engage'"):
        force.encode("engage", {"location": "village"})
    with pytest.raises(ValueError, match=r"outside 0..20"):
        force.decode(21)


def test_a_text_parameter_offers_the_last_resort_justification():
    scenario = load_scenario(shipped()["poc-inner-delta"])
    codes = OrderCodes(scenario, "humanitarian")
    justified = codes.encode("request_military_asset", {
        "unit": "heli", "location": "sabere", "last_resort": True, "justification": TEXT})
    assert codes.decode(justified)[1] == {"unit": "heli", "location": "sabere",
                                          "last_resort": True, "justification": TEXT}
    unjustified = codes.decode(justified - 1)[1]
    assert unjustified["last_resort"] is True and "justification" not in unjustified


# --- seeding ------------------------------------------------------------------------------

def _same(a, b) -> bool:
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and np.array_equal(a, b)
    return a == b


def test_the_same_seed_and_actions_give_the_same_exercise(mini_rated):
    one, two, other = (ExerciseEnv(mini_rated) for _ in range(3))
    first, second = _random_episode(one, seed=5), _random_episode(two, seed=5)
    assert _same(first, second)
    assert one.exercise.events == two.exercise.events
    assert one.exercise.inputs == two.exercise.inputs
    # Another seed is another exercise (the raid's toll differs in the mini world).
    _random_episode(other, seed=6)
    assert other.exercise.events != one.exercise.events


def test_reset_without_a_seed_plays_the_next_one(mini_rated):
    env = ExerciseEnv(mini_rated)
    env.reset()
    assert env.exercise.seed == 0
    env.reset(seed=7)
    env.reset()
    assert env.exercise.seed == 8


# --- orders in, outcomes out ------------------------------------------------------------

def test_an_order_chosen_by_the_action_reaches_the_exercise(mini_rated):
    env = ExerciseEnv(mini_rated)
    env.reset(seed=1)
    code = env.encode("force", "patrol", {"unit": "coy_a", "location": "village"})
    _, _, _, _, infos = env.step({"force": [0, code, 0, 0]})
    accepted = [e for e in env.exercise.events if e["type"] == "decision_accepted"]
    assert [(e["team"], e["action"], e["params"]) for e in accepted] == [
        ("force", "patrol", {"unit": "coy_a", "location": "village", "mode": "patrol"})]
    assert infos["force"] == {"turn": 1, "orders": [
        {"slot": 1, "code": code, "action": "patrol", "status": "accepted",
         "params": {"unit": "coy_a", "location": "village", "mode": "patrol"}}]}
    assert infos["police"] == {"turn": 1, "orders": []}


def test_a_refused_order_is_reported_in_infos_with_its_reason(mini_rated):
    env = ExerciseEnv(mini_rated, slots=6)
    env.reset(seed=1)
    twice = env.encode("force", "patrol", {"unit": "heli", "location": "town"})
    engage = env.encode("civilian", "engage", {"location": "village"})
    # Five engagements at 2 a piece take the civilian budget of 10; the sixth is refused.
    _, _, _, _, infos = env.step({"force": [twice, twice], "civilian": [engage] * 6})
    force = infos["force"]["orders"]
    assert [o["status"] for o in force] == ["accepted", "rejected"]
    assert force[1]["reason"] == "missing_asset"
    assert force[1]["detail"] == "unit 'heli' already has an order this turn"
    civilian = infos["civilian"]["orders"]
    assert [o["status"] for o in civilian] == ["accepted"] * 5 + ["rejected"]
    assert civilian[5]["reason"] == "over_budget" and civilian[5]["slot"] == 5
    rejected = [e for e in env.exercise.events if e["type"] == "decision_rejected"]
    assert [(e["team"], e["reason"]) for e in rejected] == [("force", "missing_asset"),
                                                            ("civilian", "over_budget")]


def test_actions_that_are_not_order_codes_are_refused_with_the_team_named(mini_rated):
    env = ExerciseEnv(mini_rated)
    env.reset(seed=1)
    with pytest.raises(ValueError, match=r"force: order code 21 is outside 0..20"):
        env.step({"force": [21, 0, 0, 0]})
    with pytest.raises(ValueError, match=r"force: 5 order codes for 4 slots"):
        env.step({"force": [0] * 5})


def test_the_exercise_ends_at_its_last_turn_with_the_debriefs_ratings(mini_rated):
    env = ExerciseEnv(mini_rated)
    env.reset(seed=2)
    patrol = env.encode("force", "patrol", {"unit": "coy_a", "location": "village",
                                            "mode": "guard"})
    for _ in range(3):
        _, rewards, terminations, truncations, infos = env.step({"force": [patrol]})
        assert terminations == truncations == dict.fromkeys(env.possible_agents, False)
        assert rewards == dict.fromkeys(env.possible_agents, 0.0)
        assert env.agents == env.possible_agents and "ratings" not in infos["force"]
    observations, rewards, terminations, truncations, infos = env.step({})
    assert terminations == dict.fromkeys(env.possible_agents, True)
    assert truncations == dict.fromkeys(env.possible_agents, False)
    assert env.agents == [] and set(observations) == set(env.possible_agents)
    # The force's one task, as the debrief rates the run.
    [task] = [t for o in rate_objectives(mini_rated, run_of(env.exercise)) for t in o.tasks]
    assert infos["force"]["ratings"] == [{"objective": "obj-protect", "task": "ct-presence",
                                          "title": "Presence before the raid",
                                          "rating": task.rating}]
    assert task.rating is not None and rewards["force"] == SCORES[task.rating]
    # Teams without a task have nothing to be rated on.
    assert infos["police"]["ratings"] == [] and rewards["police"] == 0.0
    with pytest.raises(RuntimeError, match="reset"):
        env.step({})


# --- what a team sees ---------------------------------------------------------------------

def test_an_observation_is_the_teams_report_and_nothing_more(mini_rated):
    env = ExerciseEnv(mini_rated)
    observations, _ = env.reset(seed=1)
    force = observations["force"]
    # Warned by phone of a raid on the village in 18 hours: one message, one threat.
    village = force["places"][PLACES["village"]]
    assert village[COLUMN["threats"]] == 1 and village[COLUMN["threat_in_hours"]] == 18
    assert village[COLUMN["messages_naming"]] == 1
    counts = dict(zip((*FACT_KINDS, "other"), force["facts"], strict=True))
    assert counts["message"] == 1 and counts["threat"] == 1
    assert force["clock"].tolist() == [1, 4, 0, 0]
    assert force["units"].tolist() == [[PLACES["base"], 0, 0, 0]] * 2  # coy_a, heli idle
    code = env.encode("force", "patrol", {"unit": "coy_a", "location": "village"})
    observations, *_ = env.step({"force": [code]})
    force, police = observations["force"], observations["police"]
    town = PLACES["town"]
    # People live in the town, and the police's unit there sees them; no unit of the force
    # is there, so the force does not know.
    assert env.exercise.model.civilians.present()[town].sum() > 3000
    assert police["places"][town][COLUMN["seen"]] == 1
    assert police["places"][town][COLUMN["population"]] > 3000
    assert force["places"][town][COLUMN["seen"]] == 0
    assert force["places"][town][[COLUMN["population"], COLUMN["displaced"],
                                  COLUMN["flood_level"], COLUMN["incidents_seen"]]].tolist() \
        == [UNKNOWN] * 4
    # The company on patrol reports the village it reached.
    village = force["places"][PLACES["village"]]
    assert village[COLUMN["seen"]] == 1 and village[COLUMN["population"]] > 1000
    assert village[COLUMN["threat_in_hours"]] == 6
    # Nobody assessed needs anywhere: every place's needs are unknown.
    assert (force["places"][:, COLUMN["needs_population"]] == UNKNOWN).all()


# --- bots ---------------------------------------------------------------------------------

def test_bots_play_their_teams_as_a_replay_does(mini_rated):
    bots = {"police": "doctrine", "civilian": "doctrine", "humanitarian": "random"}
    env = ExerciseEnv(mini_rated, bots=bots)
    assert env.possible_agents == ["force"]
    env.reset(seed=4)
    code = env.encode("force", "patrol", {"unit": "heli", "location": "village"})
    while env.agents:
        env.step({"force": [code] if env.exercise.turn == 1 else []})
    replayed = play(mini_rated, 4, [Decision(1, "force", *env.decode("force", code))], bots)
    assert env.exercise.events == replayed.events
    assert env.exercise.inputs == replayed.inputs
    assert {r["team"] for r in env.exercise.inputs} == {"force", "police", "civilian",
                                                        "humanitarian"}


def test_a_bad_bot_or_scenario_is_refused_at_once(mini_rated):
    with pytest.raises(ValueError, match=r"bots: no team 'army'; the teams: force, police"):
        ExerciseEnv(mini_rated, bots={"army": "doctrine"})
    with pytest.raises(ValueError, match=r"unknown bot 'clever'"):
        ExerciseEnv(mini_rated, bots={"police": "clever"})
    with pytest.raises(ValueError, match="leave at least one team"):
        ExerciseEnv(mini_rated, bots=dict.fromkeys(["force", "police", "civilian",
                                                    "humanitarian"], "passive"))
    assert ExerciseEnv(str(MINI)).possible_agents == ["force", "police", "civilian",
                                                      "humanitarian"]


# --- an optional extra ------------------------------------------------------------------

def test_without_pettingzoo_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pettingzoo", None)
    monkeypatch.delitem(sys.modules, "simulator.interop.pettingzoo_env")
    with pytest.raises(ImportError, match=r"pip install 'ttx-sim\[pettingzoo\]'"):
        importlib.import_module("simulator.interop.pettingzoo_env")


def test_only_the_adapter_imports_pettingzoo_or_gymnasium():
    importers = []
    for package in ("simulator", "agents", "debrief"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                    [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                if any(n.split(".")[0] in ("pettingzoo", "gymnasium") for n in names):
                    importers.append(path.relative_to(ROOT).as_posix())
    assert sorted(set(importers)) == ["simulator/interop/pettingzoo_env.py"]


def test_the_architecture_doc_describes_the_layout_the_code_has():
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = doc.split("## An exercise as a PettingZoo environment")[1].split("\n## ")[0]
    assert f"| `places` | places × {len(PLACE_FEATURES)}, map order |" in section
    assert f"| `units` | team's units × {len(UNIT_FEATURES)} |" in section
    assert f"| `agencies` | team's agencies × {len(AGENCY_FEATURES)} |" in section
    assert f"| `facts` | {len(FACT_KINDS) + 1} |" in section
    assert [f for f in PLACE_FEATURES + UNIT_FEATURES if f"`{f}`" not in section] == []
    assert [k for k in FACT_KINDS if k.replace("_", " ") not in section] == []
