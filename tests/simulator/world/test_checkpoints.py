"""Checkpoints on routes: levies, delays, turning back and abduction; patrols and escorts
on routes; negotiated access; checkpoints set up and lifted by injects."""

import numpy as np
import pytest

from simulator.language.validation import scenario_from_text
from simulator.language.yamlsafe import InputError
from simulator.play.exercise import Exercise
from tests.conftest import MINI, calm_world, do, run_hours

V, T, B = 0, 1, 3  # village, town, base
CHECKPOINT = """  checkpoints:
    - {id: cp-gate, name: {en: Gate, fr: Barrière}, from: village, to: town, held_by: band,
       levy: 0.2, delay_hours: 3, turn_back: TURN, abduct: 0.05}
population:"""
ROUTE_ACTIONS = """  - id: patrol-route
    team: [force, police]
    name: {en: Patrol a route, fr: Patrouiller un itinéraire}
    params:
      unit: {type: unit}
      route: {type: route}
    effects:
      - presence: {unit: $unit, route: $route}
  - id: negotiate
    team: humanitarian
    name: {en: Negotiate access, fr: Négocier l'accès}
    params:
      checkpoint: {type: checkpoint}
    effects:
      - negotiate_access: {checkpoint: $checkpoint, hours: 48}
msel:"""


def world(turn_back: str = "0.0", holder: str = "band", route: str = "",
          parameters: str = "") -> str:
    """The mini world with a checkpoint village–town; ``route``: one more route (YAML
    flow mapping), ``parameters``: a parameters section."""
    text = MINI.read_text(encoding="utf-8")
    if route:
        text = text.replace("  checkpoints:", f"    - {route}\n  checkpoints:", 1) \
            if "  checkpoints:" in text else text.replace("population:", f"    - {route}\n"
                                                          "population:", 1)
    text = text.replace("population:", CHECKPOINT.replace("TURN", turn_back)
                        .replace("held_by: band", f"held_by: {holder}"), 1)
    return text.replace("msel:", ROUTE_ACTIONS, 1) + (f"parameters:\n  {parameters}\n"
                                                      if parameters else "")



def flee_village(e: Exercise, hours: int) -> dict:
    m = e.model
    m.civilians.conflict[V] = True
    people = int(m.civilians.present().sum() + m.civilians.incoming.sum())
    run_hours(e, hours)
    m.log_crossings()
    (ev,) = [x for x in e.events if x["type"] == "checkpoint_passage"]
    left = int(m.civilians.present().sum() + m.civilians.incoming.sum())
    assert people - left - int(m.civilians.deaths.sum()) == ev["abducted"]  # gone, no more
    return ev


def test_people_passing_are_delayed_and_some_abducted_boys_most():
    e = calm_world(world())
    ev = flee_village(e, 12)
    assert ev["route"] == "village--town" and ev["checkpoint"] == "cp-gate"
    assert ev["held_by"] == "band" and ev["cause"] == "rule:checkpoint:cp-gate"
    assert ev["passed"] > 500 and ev["turned_back"] == 0
    by = ev["abducted_by_group"]
    assert ev["abducted"] == sum(by.values()) > 10
    assert by["boys"] > by["women"] and by["boys"] > by["older"]



def test_the_checkpoint_delays_people_by_its_hours():
    """Riders from the village reach the town in 1.44 hours, and 3 more at the checkpoint."""
    for text, first in ((MINI.read_text(encoding="utf-8"), 2.0), (world(), 5.0)):
        e = calm_world(text)
        e.model.civilians.conflict[V] = True
        run_hours(e, 1)
        assert min(t.arrive for t in e.model.civilians.transit if t.dest == T) == first


def test_turned_back_people_stay_and_try_again():
    e = calm_world(world(turn_back="1.0"))
    ev = flee_village(e, 6)
    assert ev["passed"] == 0 and ev["turned_back"] > 100 and ev["abducted"] == 0
    assert e.model.civilians.dense()[V, V].sum() == 1450  # everyone is still at home


def test_a_patrol_on_the_route_clears_an_armed_groups_checkpoint():
    e = calm_world(world())
    e.step({"force": [{"action": "patrol-route", "params": {"unit": "coy_a",
                                                            "route": "town--village"}}]})
    cleared = [x for x in e.events if x["type"] == "checkpoint_cleared"]
    assert cleared and cleared[0]["protected_by"] == ["coy_a"]
    presence = next(x for x in e.events if x["type"] == "presence")
    assert presence["route"] == "village--town" and presence["location"] == "town"
    assert not e.model.geo.checkpoints["cp-gate"].operating


def test_a_host_force_checkpoint_levies_but_neither_abducts_nor_yields_to_a_patrol():
    e = calm_world(world(holder="army"))
    ev = flee_village(e, 12)
    assert ev["abducted"] == 0 and ev["passed"] > 500
    do(e, "presence", "force", unit="coy_a", route="village--town")
    run_hours(e, 2)
    assert e.model.geo.checkpoints["cp-gate"].operating


def test_convoys_pay_the_levy_unless_escorted_or_access_is_negotiated():
    e = calm_world(world())
    run_hours(e, 1)
    stock = e.model.agencies["wfp"].stocks["food"]
    do(e, "supply", "humanitarian", location="village", need="food", amount=1000)
    levy = next(x for x in e.events if x["type"] == "levy_paid")
    assert levy["amount"] == pytest.approx(200) and levy["checkpoint"] == "cp-gate"
    sent = next(x for x in e.events if x["type"] == "aid_dispatched")
    assert sent["amount"] == pytest.approx(800)
    assert e.model.agencies["wfp"].stocks["food"] == pytest.approx(stock - 1000)
    assert e.model.knowledge.knows("humanitarian", "checkpoint_met", checkpoint="cp-gate",
                                   met="levy")
    do(e, "negotiate_access", "humanitarian", checkpoint="cp-gate", hours=24)
    do(e, "supply", "humanitarian", location="village", need="food", amount=1000)
    assert e.events[-2]["type"] == "checkpoint_passed"
    assert e.events[-2]["reason"] == "negotiated_access" and e.events[-1]["amount"] == 1000


def test_a_convoy_can_be_turned_back():
    e = calm_world(world(turn_back="1.0"))
    run_hours(e, 1)
    ev = do(e, "supply", "humanitarian", location="village", need="food", amount=1000)
    assert ev["type"] == "convoy_turned_back" and ev["held_by"] == "band"
    assert not [x for x in e.events if x["type"] == "aid_dispatched"]


def test_an_inject_lifts_the_checkpoint_and_another_sets_it_up():
    e = calm_world(world())
    ev = do(e, "checkpoint", checkpoint="cp-gate", active=False)
    assert ev["type"] == "checkpoint_lifted"
    e.model.civilians.conflict[V] = True
    run_hours(e, 6)
    e.model.log_crossings()
    assert not [x for x in e.events if x["type"] == "checkpoint_passage"]
    assert do(e, "checkpoint", checkpoint="cp-gate")["type"] == "checkpoint_set_up"
    assert e.model.geo.checkpoints["cp-gate"].operating


def test_a_negotiation_order_names_a_checkpoint_and_a_route_order_a_route():
    e = calm_world(world())
    e.step({"humanitarian": [{"action": "negotiate", "params": {"checkpoint": "cp-none"}}],
            "force": [{"action": "patrol-route", "params": {"unit": "coy_a",
                                                            "route": "village--base"}}]})
    refused = {d["action"]: d["detail"] for d in e.inputs if d["status"] == "rejected"}
    assert refused == {
        "negotiate": "parameter 'checkpoint': unknown checkpoint 'cp-none' (known: cp-gate)",
        "patrol-route": "parameter 'route': unknown route 'village--base' (known: "
                        "town--base, town--site, village--town)"}


@pytest.mark.parametrize("change, where, words", [
    (("from: village, to: town, held_by", "from: village, to: base, held_by"),
     "map.checkpoints[0]", "no route joins village--base"),
    (("held_by: band", "held_by: bandits"), "map.checkpoints[0].held_by",
     "unknown armed group or host force 'bandits' (did you mean 'band'?)"),
    (("presence: {unit: $unit, route: $route}",
      "presence: {unit: $unit, route: $route, location: town}"),
     "actions[5].effects[0].presence", "give either a location or a route"),
    (("route: {type: route}", "route: {type: location}"), "actions[5].effects[0].presence.route",
     "a route"),
])
def test_checkpoint_mistakes_are_located(change, where, words):
    with pytest.raises(InputError) as err:
        scenario_from_text(world().replace(*change), "gate.yaml")
    (problem,) = err.value.problems
    assert problem.path == where and words in problem.message


def test_no_checkpoint_no_difference(mini):
    """Checkpoints watch nothing when there are none: no random draw, no delay."""
    a, b = Exercise(mini, seed=3), Exercise(mini, seed=3)
    a.reset(), b.reset()
    assert not a.model.geo.crossings
    for _ in range(2):
        a.step(), b.step()
    assert np.array_equal(a.model.civilians.dense(), b.model.civilians.dense())


def test_the_order_form_offers_routes_and_checkpoints_by_name():
    from simulator.portal.forms import fields
    s = scenario_from_text(world(), "gate.yaml")
    route = fields(s, "force", next(a for a in s.actions if a.id == "patrol-route"), "fr")
    assert [f.options for f in route if f.name == "p_route"] == [[
        ("village--town", "Village – Town"), ("town--site", "Town – Site"),
        ("town--base", "Town – Base")]]
    cp = fields(s, "humanitarian", next(a for a in s.actions if a.id == "negotiate"), "fr")
    assert [f.options for f in cp if f.name == "p_checkpoint"] == [[("cp-gate", "Barrière")]]


def test_an_ambush_planned_on_a_route_hits_convoys_on_it_unless_units_hold_the_route():
    hit = calm_world(world())
    hit.model.geo.checkpoints["cp-gate"].active = False
    do(hit, "threat", recipients=("force",), armed_group="band", route="town--village",
       tactic="ambush", in_hours=1)  # the convoy from the base needs 1.07 hours
    assert hit.model.knowledge.knows("force", "threat", route="village--town")
    do(hit, "supply", "humanitarian", location="village", need="food", amount=1000)
    run_hours(hit, 4)
    (attack,) = [x for x in hit.events if x["type"] == "attack"]
    assert attack["route"] == "village--town" and attack["aid_lost"] == 1000
    held = calm_world(world())
    held.model.geo.checkpoints["cp-gate"].active = False
    do(held, "presence", "force", unit="coy_a", route="village--town", hours=12)
    do(held, "threat", armed_group="band", route="town--village", tactic="ambush", in_hours=3)
    held.model.armed["band"].strength = 5  # 120 soldiers against 5 fighters: deterred
    run_hours(held, 4)
    (deterred,) = [x for x in held.events if x["type"] == "attack_deterred"]
    assert deterred["route"] == "village--town" and deterred["protected_by"] == ["coy_a"]


def test_an_expected_route_matches_an_order_written_either_way_round():
    from simulator.play.expectations import _matches
    assert _matches({"route": "town--village"}, None, {"route": "village--town"})
    assert not _matches({"route": "town--site"}, None, {"route": "village--town"})


def test_a_military_escort_through_a_checkpoint_without_approval_breaches_the_principles():
    e = calm_world(world(holder="army"))  # a host force's post: escorts pass, it stays
    run_hours(e, 1)
    do(e, "escort", "force", unit="coy_a", route="village--town")
    run_hours(e, 2)
    do(e, "supply", "humanitarian", location="village", need="food", amount=1000)
    passed = next(x for x in e.events if x["type"] == "checkpoint_passed")
    assert passed["reason"] == "escort"
    (breach,) = [x for x in e.events if x["type"] == "principle_breach"]
    assert breach["unit"] == "coy_a" and "checkpoint" in breach["reason"]


SHORT_WAY_ROUND = "{from: village, to: base, distance_km: 6}"  # village–base–town: 26 km


def test_people_go_round_an_armed_groups_checkpoint_when_the_way_round_costs_little():
    """12 km straight through the checkpoint (11.5 hours on foot, 3 waiting, and an armed
    group met), or 26 km round it (25 hours): 13.4 hours more, within the 3 + 12 people
    accept. They all go round: nobody is abducted or turned back, and riders and walkers
    both take the longer way."""
    e = calm_world(world(route=SHORT_WAY_ROUND))
    ev = flee_village(e, 12)
    assert e.model.geo.foot_hours[V, T] == pytest.approx(11.52)
    assert e.model.geo.crossings.way_round(V, T) == pytest.approx(24.96)
    assert ev["detoured"] > 400 and ev["passed"] == 0 and ev["abducted"] == 0
    assert ev["turned_back"] == 0
    e = calm_world(world(route=SHORT_WAY_ROUND))
    e.model.civilians.conflict[V] = True
    run_hours(e, 1)
    first = min(t.arrive for t in e.model.civilians.transit if t.dest == T)
    assert first == 4.0  # riders: 1.44 hours × 24.96 / 11.52 = 3.12, set down at hour 4


def test_people_meet_the_checkpoint_when_they_will_not_walk_further():
    """13.4 hours more against 3 + 10: villagers go through. (Some of the town's people
    bound for the base go round: 1.9 hours more than through the checkpoint.)"""
    e = calm_world(world(route=SHORT_WAY_ROUND,
                         parameters="movement: {checkpoint_detour_hours: 10}"))
    e.model.civilians.conflict[T] = False
    ev = flee_village(e, 12)
    assert ev["passed"] > 400 and ev["abducted"] > 0 and ev["detoured"] < 10


def test_nobody_goes_round_a_checkpoint_that_is_cleared():
    e = calm_world(world(route=SHORT_WAY_ROUND))
    do(e, "presence", "force", unit="coy_a", route="village--town", hours=48)
    run_hours(e, 4)
    assert not e.model.geo.checkpoints["cp-gate"].operating
    start = e.model.now
    e.model.civilians.conflict[V] = True
    run_hours(e, 2)
    e.model.log_crossings()
    assert not [x for x in e.events if x["type"] == "checkpoint_passage"]
    first = min(t.arrive - start for t in e.model.civilians.transit if t.dest == T)
    assert first == 2.0  # riders: 1.44 hours, set down at the next two-hour step


LONG_WAY_ROUND = "{from: base, to: village, distance_km: 40}"  # base–town–village: 32 km


def test_a_convoy_goes_round_a_checkpoint_only_where_the_scenario_lets_it():
    """By default convoys keep to their notified route and pay; with
    ``humanitarian.convoy_detour_hours`` they take a way round costing no more than that
    and the checkpoint's delay, and arrive later with their whole cargo."""
    paying = calm_world(world(route=LONG_WAY_ROUND))
    run_hours(paying, 1)
    do(paying, "supply", "humanitarian", location="village", need="food", amount=1000)
    assert "levy_paid" in [x["type"] for x in paying.events]
    going = calm_world(world(route=LONG_WAY_ROUND,
                             parameters="humanitarian: {convoy_detour_hours: 1}"))
    run_hours(going, 1)
    now = going.model.now
    do(going, "supply", "humanitarian", location="village", need="food", amount=1000)
    detour = next(x for x in going.events if x["type"] == "convoy_detoured")
    assert detour["checkpoints"] == ["cp-gate"] and 0 < detour["extra_hours"] < 1
    assert not [x for x in going.events if x["type"] == "levy_paid"]
    (convoy,) = going.model.agencies["wfp"].convoys
    assert convoy.amount == 1000
    assert convoy.arrive - now == pytest.approx(
        going.model.geo.vehicle_hours[B, V] + detour["extra_hours"], abs=0.05)


def test_the_debrief_tells_who_went_round_in_both_languages():
    from debrief.words import Words
    e = calm_world(world(route=LONG_WAY_ROUND,
                         parameters="humanitarian: {convoy_detour_hours: 1}"))
    run_hours(e, 1)
    do(e, "supply", "humanitarian", location="village", need="food", amount=1000)
    detour = next(x for x in e.events if x["type"] == "convoy_detoured")
    words = {lang: Words(e.scenario, lang).what(detour) for lang in ("en", "fr")}
    assert words == {"en": "a convoy of Food Agency to Village went round Gate: 0.30 hours "
                           "more on the way",
                     "fr": "un convoi de Food Agency vers Village a contourné Barrière : 0,30 "
                           "heures de plus en route"}
