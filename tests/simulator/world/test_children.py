"""Children and armed groups: abductions counted by sex and age (boys recruited), children
released and handed over (to child protection in time, or wrongly to security forces),
family tracing; the debrief's measures of both."""

import pytest

from debrief.measures import abducted, children_handed_over
from debrief.scope import Ctx, Scope
from tests.conftest import MINI, calm_world, do, run_hours
from tests.debrief.test_measures import ev, run_of

V = 0
UNICEF = """    - {id: unicef, name: Child protection agency, location: town, sectors: [health],
       child_protection: true}
  units:"""


@pytest.fixture
def e():
    return calm_world(MINI.read_text(encoding="utf-8").replace("  units:", UNICEF, 1))


def test_an_abduction_takes_boys_most_and_swells_the_group(e):
    m = e.model
    before = int(m.civilians.present()[V].sum())
    m.armed["band"].strike(V, "abduction", "test:abduction", planned=True)
    (attack,) = [x for x in e.events if x["type"] == "attack"]
    taken = attack["abducted_by_group"]
    assert attack["tactic"] == "abduction" and attack["abducted"] == 20  # 0.5 × 40 fighters
    assert taken["boys"] > taken["girls"] > taken["women"] and taken["older"] <= 1
    assert attack["deaths"] == 0 and attack["recruited"] == taken["boys"] + taken["men"]
    assert m.armed["band"].strength == 40 + attack["recruited"]
    assert int(m.civilians.present()[V].sum()) == before - 20


def test_released_children_handed_to_child_protection_in_time_are_reunified(e):
    do(e, "children_released", recipients=("civilian",), armed_group="band",
       location="village", girls=3, boys=9)
    assert e.model.knowledge.knows("civilian", "children_released", location="village",
                                   children=12)
    run_hours(e, 24)
    ev_ = do(e, "hand_over_children", "civilian", location="village", agency="unicef")
    assert ev_["type"] == "children_handed_over" and ev_["in_time"] is True
    assert ev_["children"] == 12 and ev_["hours_after_release"] == 24
    run_hours(e, 97)  # families traced 96 hours after the handover
    (done,) = [x for x in e.events if x["type"] == "children_reunified"]
    assert done["agency"] == "unicef" and done["children_by_group"] == {"girls": 3, "boys": 9}


def test_children_waiting_too_long_are_flagged_each_turn_and_handed_to_soldiers_too():
    e = calm_world(MINI.read_text(encoding="utf-8").replace("  units:", UNICEF, 1)
                   + "parameters:\n  violence: {children_handover_hours: 20}\n")
    do(e, "children_released", armed_group="band", location="village", boys=5)
    for _ in range(3):  # 12-hour turns: past 20 hours at the third and fourth openings
        e.step()
    overdue = [x for x in e.events if x["type"] == "children_handover_overdue"]
    assert [(x["turn"], x["children"]) for x in overdue] == [(3, 5), (4, 5)]
    wrong = do(e, "hand_over_children", "force", location="village", host_force="army")
    assert wrong["type"] == "children_handed_to_security_forces" and wrong["in_time"] is False


def test_a_handover_with_nobody_waiting_or_to_a_non_child_protection_agency_fails(e):
    assert do(e, "hand_over_children", "civilian", location="village",
              agency="unicef")["reason"] == "no released child waiting there"
    do(e, "children_released", armed_group="band", location="village", girls=2)
    assert do(e, "hand_over_children", "civilian", location="village",
              agency="wfp")["reason"] == "the agency is not a child-protection actor"


def test_the_measures_count_abducted_children_and_handovers_in_time(mini):
    events = [ev(1, "attack", location="village", tactic="abduction", abducted=7,
                 abducted_by_group={"women": 1, "men": 1, "girls": 2, "boys": 3, "older": 0}),
              ev(2, "checkpoint_passage", abducted=2, route="village--town",
                 abducted_by_group={"women": 0, "men": 0, "girls": 0, "boys": 2, "older": 0}),
              ev(3, "children_released", location="village", children=10),
              ev(4, "children_handed_over", turn=2, team="civilian", children=6, in_time=True),
              ev(5, "children_handed_to_security_forces", turn=3, team="force", children=4,
                 in_time=False)]
    everyone = Ctx(run_of(*events), mini, Scope())
    assert abducted(everyone).value == 9 and abducted(everyone, "children").value == 7
    r = children_handed_over(everyone)
    assert (r.value, r.args["to_security_forces"]) == (0.6, 4)
    assert r.text("en") == ("6 of 10 released children handed to a child-protection actor "
                            "in time (4 handed to security forces)")
    civil = Ctx(run_of(*events), mini, Scope(teams=frozenset({"civilian"})))
    assert children_handed_over(civil).value == 0.6
    force = Ctx(run_of(*events), mini, Scope(teams=frozenset({"force"})))
    assert children_handed_over(force).value == 0.0
    assert children_handed_over(Ctx(run_of(events[0]), mini, Scope())).value is None


def test_an_expected_handover_is_met_only_by_children_in_child_protection(mini):
    from simulator.language.scenario import Action, ExpectedAction, Inject
    from simulator.language.validation import scenario_from_text
    from simulator.play.decisions import Decision
    from simulator.play.runner import play
    s = scenario_from_text(MINI.read_text(encoding="utf-8").replace("  units:", UNICEF, 1),
                           "m.yaml")
    hand = Action.model_validate({
        "id": "hand", "team": "civilian", "name": {"en": "Hand over", "fr": "Remettre"},
        "params": {"agency": {"type": "agency", "own": False, "required": False},
                   "host_force": {"type": "host_force", "required": False}},
        "effects": [{"hand_over_children": {"location": "village", "agency": "$agency"}}]})
    inj = Inject.model_validate({
        "id": "release", "from": "EXCON", "to": ["civilian"], "message": "released",
        "at": {"turn": 1}, "effects": [{"children_released": {"armed_group": "band",
                                                              "location": "village",
                                                              "boys": 4}}],
        "expected_actions": [ExpectedAction(team="civilian", action="hand", by_turn=2)
                             .model_dump(by_alias=True)]})
    s = s.model_copy(update={"msel": [inj], "actions": [*s.actions, hand]})
    good = play(s, 1, [Decision(1, "civilian", "hand", {"agency": "unicef"})])
    (v,) = [e for e in good.events if e["type"] == "expected_action"]
    assert v["status"] == "met"
    bad = play(s, 1, [Decision(1, "civilian", "hand", {"agency": "wfp"})])
    (v,) = [e for e in bad.events if e["type"] == "expected_action"]
    assert (v["status"], v["reason"]) == ("attempted", "children_handover_failed")


def test_every_failure_has_its_reason_in_words():
    from debrief.sentences import REASONS
    from simulator.play.expectations import FAILURES
    assert [f for f in FAILURES if f not in REASONS] == []


def test_one_action_can_offer_both_receivers_and_the_order_chooses():
    text = MINI.read_text(encoding="utf-8").replace("  units:", UNICEF, 1).replace(
        "msel:", """  - id: hand
    team: civilian
    name: {en: Hand over children, fr: Remettre les enfants}
    params:
      location: {type: location}
      agency: {type: agency, own: false, required: false}
      host_force: {type: host_force, required: false}
    effects:
      - hand_over_children: {location: $location, agency: $agency, host_force: $host_force}
msel:""", 1)
    e = calm_world(text)
    do(e, "children_released", armed_group="band", location="village", boys=3)
    e.step({"civilian": [{"action": "hand", "params": {"location": "village",
                                                        "host_force": "army"}}]})
    (wrong,) = [x for x in e.events if x["type"] == "children_handed_to_security_forces"]
    assert wrong["host_force"] == "army"
    e.step({"civilian": [{"action": "hand", "params": {"location": "village",
                                                        "host_force": "army",
                                                        "agency": "unicef"}}]})
    (both,) = [x for x in e.events if x["type"] == "children_handover_failed"]
    assert both["reason"] == "name one receiver: an agency or a host force"
