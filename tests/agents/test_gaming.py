"""Gaming strategies: spam orders everything, paperwork only process actions, checklist
exactly the MSEL's expected actions on their due turns."""

from collections import Counter

import pytest

from agents.bots import BOTS
from agents.gaming import GAMING, PROCESS, ChecklistBot, PaperworkBot, SpamBot
from agents.players import make_bot
from simulator.language.validation import load_scenario
from simulator.play.exercise import Exercise
from simulator.play.runner import play
from tests.conftest import ROOT

POC = ROOT / "scenarios" / "poc-inner-delta.yaml"


@pytest.fixture(scope="module")
def poc():
    return load_scenario(POC)


@pytest.fixture(scope="module")
def runs(poc):
    """Seed 0 of the POC scenario with every team on each strategy."""
    return {kind: play(poc, 0, [], {t.id: kind for t in poc.teams}) for kind in GAMING}


def accepted(ex) -> list[dict]:
    return [r for r in ex.inputs if r.get("status") == "accepted"]


def test_make_bot_knows_the_strategies_but_teams_are_not_offered_them(mini):
    assert isinstance(make_bot("spam", mini, "force"), SpamBot)
    assert isinstance(make_bot("paperwork", mini, "force"), PaperworkBot)
    assert isinstance(make_bot("checklist", mini, "force"), ChecklistBot)
    assert not set(GAMING) & set(BOTS)


@pytest.mark.parametrize("kind", sorted(GAMING))
def test_most_orders_are_accepted(runs, kind):
    ex = runs[kind]
    assert len(accepted(ex)) >= 0.9 * len(ex.inputs) > 0


@pytest.mark.parametrize("kind", sorted(GAMING))
def test_same_seed_same_orders(poc, runs, kind):
    again = play(poc, 0, [], {t.id: kind for t in poc.teams})
    assert again.inputs == runs[kind].inputs


def test_spam_orders_every_action_it_can(poc, runs):
    ex = runs["spam"]
    catalogue = {(t.id, a) for t in poc.teams for a in poc.actions_of(t.id)}
    assert {(r["team"], r["action"]) for r in accepted(ex)} == catalogue
    # One order per action and turn, at most.
    assert max(Counter((r["turn"], r["team"], r["action"]) for r in ex.inputs).values()) == 1


def test_spam_goes_where_the_report_points(mini):
    report = Exercise(mini, seed=1).reset()["force"]  # warned of a threat to the village
    orders = SpamBot(mini, "force", seed=1).decide(report)
    assert [o["action"] for o in orders] == ["patrol", "share"]
    assert orders[0]["params"]["location"] == "village"


def test_paperwork_orders_only_process_actions(poc, runs):
    ex = runs["paperwork"]
    used = set()
    for r in accepted(ex):
        kinds = {e.kind for e in poc.actions_of(r["team"])[r["action"]].effects}
        assert kinds <= set(PROCESS), r
        used |= kinds
    assert used == set(PROCESS)
    engagements = [r for r in accepted(ex) if r["action"] == "community_engagement"]
    assert engagements and all(sorted(r["params"]["consult"]) == ["leaders", "women", "youth"]
                               for r in engagements)
    hrddp = {(r["turn"], r["params"]["host_force"]) for r in accepted(ex)
             if r["action"] == "hrddp_assessment"}
    assert {hf for turn, hf in hrddp if turn == 1} == {h.id for h in poc.actors.host_forces}


def _due(scenario, ex) -> set[tuple]:
    """(turn, team, action, location) the MSEL expects of each team on the turn due, for
    the injects the team can know have fired by then (timed ones whose turn has come, and
    those whose message reached the team's report), when a unit can carry it out."""
    due = set()
    for team in ex.teams:
        known = set()
        for turn in range(1, ex.turns + 1):
            report = ex.reports[turn][team]
            known |= {m.get("inject") for m in report["messages"]}
            known |= {i.id for i in scenario.msel if i.at and not i.hold and i.at.turn <= turn}
            due |= {(turn, team, x.action, x.location) for i in scenario.msel if i.id in known
                    for x in i.expected_actions if x.team == team and x.by_turn == turn
                    and _feasible(scenario.actions_of(team)[x.action], x.location, report)}
    return due


def _feasible(action, loc, report) -> bool:
    """False when the action needs an own unit and none that is idle reaches the place."""
    if not any(p.type == "unit" and p.own and p.is_required for p in action.params.values()):
        return True
    return any(u["task"] == "idle" and (loc is None or loc in u["reachable"])
               for u in report["units"])


@pytest.mark.parametrize("seed", [0, 1])
def test_checklist_orders_exactly_the_expected_actions_when_due(poc, runs, seed):
    ex = runs["checklist"] if seed == 0 else play(poc, seed, [], {t.id: "checklist"
                                                                 for t in poc.teams})
    fired = {e["inject"]: e["turn"] for e in ex.events if e["type"] == "inject_fired"}
    due = _due(poc, ex)
    assert {i.id for i in poc.msel if i.at} <= set(fired)
    assert len(due) > 10
    assert all(r["status"] == "accepted" for r in ex.inputs)
    assert len(ex.inputs) == len(due)
    for turn, team, action, loc in due:
        (order,) = [r for r in ex.inputs if (r["turn"], r["team"], r["action"]) ==
                    (turn, team, action) and (loc is None or loc in r["params"].values())]
    # Every expected action of a fired inject left out was learnt of too late.
    late = {(x.by_turn, x.team, x.action, x.location) for i in poc.msel if i.id in fired
            for x in i.expected_actions} - due
    for turn, team, action, loc in late:
        if any(d[:3] == (turn, team, action) for d in due):
            continue  # the same action was due then for another inject
        assert not any(r["action"] == action and r["team"] == team and r["turn"] == turn
                       and (loc is None or loc in r["params"].values()) for r in ex.inputs)


def test_checklist_on_the_mini_world(mini):
    ex = play(mini, 1, [], {t.id: "checklist" for t in mini.teams})
    assert [(r["turn"], r["team"], r["action"], r["params"]["location"]) for r in ex.inputs] == \
        [(1, "force", "patrol", "village")]
    assert ex.inputs[0]["status"] == "accepted"
