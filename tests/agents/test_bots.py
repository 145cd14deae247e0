"""Bot teams: passive does nothing, random gives valid orders, doctrine acts on warnings."""

import pytest

from agents.bots import DoctrineBot, PassiveBot, RandomBot, make_bot
from simulator.exercise import Exercise
from simulator.runner import play


def test_passive_bot(mini):
    ex = play(mini, 1, [], {t.id: "passive" for t in mini.teams})
    assert ex.summary()["decisions"] == {"accepted": 0, "rejected": 0}


def test_random_bot_orders_are_valid(mini):
    for seed in range(5):
        ex = play(mini, seed, [], {t.id: "random" for t in mini.teams})
        rejected = [r for r in ex.inputs if r.get("status") == "rejected"]
        # Only state-dependent refusals: a random order may exceed the budget.
        assert {r["reason"] for r in rejected} <= {"over_budget"}
        assert ex.summary()["decisions"]["accepted"] > 10


def test_random_bot_is_seeded_per_team(mini):
    reports = Exercise(mini, seed=1).reset()
    a = RandomBot(mini, "force", seed=4).decide(reports["force"])
    b = RandomBot(mini, "force", seed=4).decide(reports["force"])
    c = RandomBot(mini, "force", seed=5).decide(reports["force"])
    assert a == b and a != c


def test_doctrine_bot_sends_presence_to_the_warned_place(mini):
    reports = Exercise(mini, seed=1).reset()
    orders = DoctrineBot(mini, "force", seed=1).decide(reports["force"])
    assert {"action": "patrol", "params": {"location": "village", "unit": "coy_a",
                                           "mode": "patrol"}} in orders
    assert [o["params"]["to"] for o in orders if o["action"] == "share"] == \
        ["police", "civilian", "humanitarian"]


def test_doctrine_bot_consults_women_where_threatened(mini):
    bot = DoctrineBot(mini, "civilian", seed=1)
    report = Exercise(mini, seed=1).reset()["civilian"]
    report["threats"] = [{"location": "village", "expected_hour": 10, "armed_group": "band"}]
    orders = bot.decide(report)
    (engage,) = [o for o in orders if o["action"] == "engage"]
    assert engage["params"] == {"location": "village", "consult": ["women", "youth", "leaders"]}


def test_doctrine_beats_passive_on_the_mini_world(mini):
    deaths = {}
    for kind in ("passive", "doctrine"):
        deaths[kind] = sum(play(mini, seed, [], {t.id: kind for t in mini.teams})
                           .summary()["outcomes"]["civilian_deaths"] for seed in range(10))
    assert deaths["doctrine"] < 0.6 * deaths["passive"]


def test_unknown_bot_kind(mini):
    with pytest.raises(ValueError, match="unknown bot 'genius'; expected one of: passive, "
                                         "random, doctrine"):
        make_bot("genius", mini, "force")
    assert isinstance(make_bot("passive", mini, "force"), PassiveBot)


def test_doctrine_never_makes_aid_conditional_but_disaggregates():
    from agents.bots import _doctrine_flag
    from simulator.scenario import Action
    deliver = Action.model_validate({
        "id": "deliver", "team": ["force"], "name": "Deliver",
        "params": {"location": {"type": "location"}, "for_info": {"type": "bool"},
                   "split": {"type": "bool"}},
        "effects": [{"supply": {"location": "$location", "need": "food", "amount": 10,
                                "conditional": "$for_info"}},
                    {"assess": {"location": "$location", "disaggregated": "$split"}}]})
    assert _doctrine_flag(deliver, "for_info") is False
    assert _doctrine_flag(deliver, "split") is True


def test_doctrine_bot_goes_to_listen_where_a_message_reports_trouble(mini):
    ex = Exercise(mini, 1)
    report = ex.reset()["civilian"]
    report["threats"] = []  # only the message speaks of the town
    report["messages"] = [{"inject": "rumour", "places": ["town"], "turn": 1}]
    bot = DoctrineBot(mini, "civilian", 1)
    engage = [o for o in bot.decide(report) if o["action"] == "engage"]
    assert [o["params"]["location"] for o in engage] == ["town"]
    assert "women" in engage[0]["params"]["consult"]
    again = [o for o in bot.decide(report) if o["action"] == "engage"]
    assert again == []  # a message is answered once
