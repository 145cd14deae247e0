"""Bot teams: passive does nothing, random gives valid orders, doctrine acts on warnings."""

import pytest

from agents.bots import DoctrineBot, PassiveBot, RandomBot
from agents.players import make_bot
from simulator.play.exercise import Exercise
from simulator.play.runner import play


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
    from simulator.language.scenario import Action
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


# --- doctrine on the protection-of-civilians scenario: what the team knows decides ---------

@pytest.fixture(scope="module")
def poc():
    from simulator.language.validation import load_scenario
    from tests.conftest import ROOT
    return load_scenario(ROOT / "scenarios" / "poc-inner-delta.yaml")


def _first_report(scenario, team):
    report = Exercise(scenario, seed=1).reset()[team]
    report["threats"], report["messages"] = [], []
    return report


def test_doctrine_hands_over_only_the_detainees_it_knows_it_holds(poc):
    bot = DoctrineBot(poc, "force", seed=1)
    report = _first_report(poc, "force")
    report["hrddp"] = [{"host_force": "gendarmerie", "advice": "support with mitigation"}]
    found_none = {"kind": "detention", "id": "f1", "turn": 1, "hour": 2.0,
                  "location": "tieloba", "armed_group": "fanb", "detainees": 0}
    report["other"] = [found_none]
    assert not [o for o in bot.decide(report) if o["action"] == "handover_detainees"]
    report["other"] = [dict(found_none, id="f2", detainees=6)]
    (handover,) = [o for o in bot.decide(report) if o["action"] == "handover_detainees"]
    assert handover["params"]["host_force"] == "gendarmerie"
    assert not [o for o in bot.decide(report) if o["action"] == "handover_detainees"]


def test_an_investigation_that_found_nothing_is_not_violence_to_answer(poc):
    report = _first_report(poc, "force")
    report["incidents"] = [{"kind": "investigation", "id": "f1", "turn": 1, "hour": 0.0,
                            "location": "walide", "incidents": []}]
    orders = DoctrineBot(poc, "force", seed=1).decide(report)
    assert not [o for o in orders if o["params"].get("location") == "walide"
                and o["action"] in ("detain_suspects", "casualty_evacuation")]
    report["incidents"][0]["incidents"] = ["e000009"]
    orders = DoctrineBot(poc, "force", seed=1).decide(report)
    assert [o["action"] for o in orders if o["params"].get("location") == "walide"
            and o["action"] == "casualty_evacuation"] == ["casualty_evacuation"]


def _cut_off_report(poc, place, turn, peak_hour):
    """The humanitarians' report: ``place`` assessed before a flood covered every place
    its roads lead to."""
    report = _first_report(poc, "humanitarian")
    around = sorted({r.to for r in poc.map.routes if r.from_ == place}
                    | {r.from_ for r in poc.map.routes if r.to == place})
    report.update(turn=turn, hour=(turn - 1) * 12.0, needs=[
        {"location": place, "turn": turn - 1, "hour": (turn - 2) * 12.0, "population": 3000,
         "road_open": True, "unmet": {"food": 0.6, "water": 0.3}}],
        hazards=[{"hazard": "flood", "locations": around, "hour": (turn - 2) * 12.0 + 1,
                  "peak_hour": peak_hour, "until_hour": 500.0}])
    return report


def _requests(bot, report):
    return [o["params"]["location"] for o in bot.decide(report)
            if o["action"] == "request_military_asset"]


def test_doctrine_asks_for_the_last_resort_asset_as_soon_as_the_map_shows_a_place_cut_off(poc):
    bot = DoctrineBot(poc, "humanitarian", seed=1)
    assert _requests(bot, _cut_off_report(poc, "sabere", 3, peak_hour=20.0)) == ["sabere"]
    # Renewed in the approval's last turn, so that the asset is not idle between approvals.
    assert _requests(bot, _cut_off_report(poc, "sabere", 4, peak_hour=20.0)) == ["sabere"]
    assert _requests(bot, _cut_off_report(poc, "sabere", 5, peak_hour=20.0)) == ["sabere"]


def test_no_last_resort_request_while_the_flood_still_rises(poc):
    # The asset evacuates people first: aid asked for now would lapse unflown.
    bot = DoctrineBot(poc, "humanitarian", seed=1)
    report = _cut_off_report(poc, "sabere", 3, peak_hour=60.0)
    report["hazards"][0]["locations"].append("sabere")  # the water rises there too
    assert _requests(bot, report) == []
    # Rising around it only: asked for, but not renewed early; asked again once it lapsed.
    assert _requests(bot, _cut_off_report(poc, "sabere", 3, peak_hour=60.0)) == ["sabere"]
    assert _requests(bot, _cut_off_report(poc, "sabere", 4, peak_hour=60.0)) == []
    assert _requests(bot, _cut_off_report(poc, "sabere", 5, peak_hour=60.0)) == ["sabere"]


def test_aid_goes_by_the_agency_that_works_in_the_need_as_many_convoys_as_it_has_trucks(poc):
    """WFP (food, 4 trucks), UNICEF (water and health, 4) and UNHCR (shelter, 2): each order
    names an agency working in its need, and no agency is sent more convoys than it has
    trucks, however many places lack everything."""
    report = _first_report(poc, "humanitarian")
    places = ["sabere", "walide", "beredou", "gamena", "sorinde"]
    report.update(budget=50, needs=[
        {"location": p, "turn": 1, "hour": 0.0, "population": 2000, "road_open": True,
         "unmet": {"food": 0.6, "water": 0.5, "shelter": 0.4, "health": 0.3}} for p in places])
    supplies = [o["params"] for o in DoctrineBot(poc, "humanitarian", seed=1).decide(report)
                if o["action"] == "deliver_aid"]
    sectors = {a.id: a.sectors for a in poc.actors.agencies}
    assert all(o["need"] in sectors[o["agency"]] for o in supplies)
    sent = {ag: sum(o["agency"] == ag for o in supplies) for ag in sectors}
    assert sent == {"wfp": 4, "unicef": 4, "unhcr": 2}


def test_free_units_answer_where_they_reach_and_leave_the_report_alone():
    from agents.bots import free_units

    report = {"units": [{"id": "a", "task": "idle", "reachable": ["town", "site"]},
                        {"id": "b", "task": "patrol", "reachable": ["town"]},
                        {"id": "c", "task": "idle"}]}
    free = free_units(report)
    assert [u["id"] for u in free] == ["a", "c"]
    assert "site" in free[0]["reachable"] and "base" not in free[0]["reachable"]
    assert list(free[0]["reachable"]) == ["town", "site"] and len(free[0]["reachable"]) == 2
    assert report["units"][0]["reachable"] == ["town", "site"]  # the report is not changed


def _exposed_by_networkx(scenario) -> list[str]:
    import networkx as nx

    graph = nx.Graph()
    graph.add_weighted_edges_from((r.from_, r.to, r.distance_km) for r in scenario.map.routes)
    reach: set[str] = set()
    for g in scenario.actors.armed_groups:
        if g.base in graph:
            reach |= set(nx.single_source_dijkstra_path_length(graph, g.base, cutoff=g.reach_km))
    people = {p.location: p.women + p.men + p.girls + p.boys + p.older
              for p in scenario.population}
    return sorted((loc for loc in reach if people.get(loc)), key=lambda loc: (-people[loc], loc))


def test_places_exposed_to_armed_groups_are_networkxs():
    """Within each group's reach by road, the limit itself included (reach set to a
    length some place lies at exactly)."""
    from pathlib import Path

    from agents.bots import _exposed
    from simulator.language.generate import generate
    from simulator.language.validation import load_scenario, scenario_from_text

    root = Path(__file__).resolve().parents[2] / "scenarios"
    scenarios = [load_scenario(p) for p in sorted(root.glob("*.yaml"))]
    scenarios.append(scenario_from_text(generate(300, 30000, 3, 2).text))
    tried = 0
    for s in scenarios:
        assert _exposed(s) == _exposed_by_networkx(s)
        for k, g in enumerate(s.actors.armed_groups):  # a place exactly at the reach
            route = next(r for r in s.map.routes if g.base in (r.from_, r.to))
            groups = list(s.actors.armed_groups)
            groups[k] = g.model_copy(update={"reach_km": route.distance_km})
            near = s.model_copy(update={"actors": s.actors.model_copy(
                update={"armed_groups": groups})})
            assert _exposed(near) == _exposed_by_networkx(near)
            assert (route.to if route.from_ == g.base else route.from_) in _exposed(near) or \
                not any(p.location in (route.from_, route.to) for p in s.population)
            tried += 1
    assert tried >= 5
