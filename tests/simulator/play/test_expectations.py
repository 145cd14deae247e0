"""Expected actions are met by their effect, not by an accepted order."""

from simulator.language.scenario import Action, ExpectedAction, Inject
from simulator.play.decisions import Decision
from simulator.play.runner import play


def verdicts(ex):
    return [e for e in ex.events if e["type"] == "expected_action"]


def with_inject(mini, expected, effects=(), at_turn=1, actions=()):
    inj = Inject.model_validate({
        "id": "probe", "from": "EXCON", "to": ["all"], "message": "probe",
        "at": {"turn": at_turn}, "effects": list(effects),
        "expected_actions": [e.model_dump(by_alias=True) for e in expected]})
    return mini.model_copy(update={"msel": [inj], "actions": [*mini.actions, *actions]})


def patrol(turn, unit="coy_a", location="village", team="force"):
    return Decision(turn, team, "patrol", {"unit": unit, "location": location})


def test_presence_must_stand_when_the_strike_comes(mini):
    s = with_inject(mini, [ExpectedAction(team="force", action="patrol", location="village",
                                          by_turn=2)],
                    [{"threat": {"armed_group": "band", "location": "village", "in_hours": 13}}])
    # Ordered at hour 12, coy_a needs about an hour from the base: the raid at 13 comes first.
    (v,) = verdicts(play(s, 1, [patrol(2)]))
    assert (v["status"], v["reason"]) == ("attempted", "arrived_late")
    (v,) = verdicts(play(s, 1, [patrol(1)]))  # there in turn 1, gone when turn 1 ends
    assert (v["status"], v["reason"]) == ("attempted", "left_early")
    ex = play(s, 1, [patrol(1), patrol(2)])  # still there when the raid comes
    (v,) = verdicts(ex)
    assert v["status"] == "met" and v["met"] is True
    presence = [e["id"] for e in ex.events if e["type"] == "presence" and e["turn"] == 2]
    assert set(presence) <= set(v["evidence"])


def test_a_unit_that_cannot_reach_does_not_meet(mini):
    close = Action.model_validate({
        "id": "close", "team": "police", "name": {"en": "Close", "fr": "Fermer"},
        "params": {}, "effects": [{"close_route": {"from": "village", "to": "town"}}]})
    s = with_inject(mini, [ExpectedAction(team="force", action="patrol", location="village",
                                          by_turn=1)], actions=[close])
    ex = play(s, 1, [Decision(1, "police", "close", {}), patrol(1)])
    (v,) = verdicts(ex)
    assert (v["status"], v["reason"]) == ("attempted", "unit_cannot_reach")
    assert any(ex.events[int(i[1:]) - 1]["type"] == "unit_cannot_reach" for i in v["evidence"])


def test_refused_and_missed(mini):
    s = with_inject(mini, [ExpectedAction(team="force", action="patrol", location="village",
                                          by_turn=1)])
    (v,) = verdicts(play(s, 1, [patrol(1, unit="fpu")]))  # not a force asset
    assert (v["status"], v["reason"]) == ("refused", "missing_asset")
    (v,) = verdicts(play(s, 1, []))
    assert v["status"] == "missed" and v["evidence"] == []


def test_aid_must_arrive(mini):
    s = with_inject(mini, [ExpectedAction(team="humanitarian", action="deliver",
                                          location="town", by_turn=1)])
    order = {"location": "town", "need": "food", "amount": 500}
    (v,) = verdicts(play(s, 1, [Decision(1, "humanitarian", "deliver", order)]))
    assert v["status"] == "met"
    blocked = dict(order, need="health")  # the agency does not work in health
    (v,) = verdicts(play(s, 1, [Decision(1, "humanitarian", "deliver", blocked)]))
    assert (v["status"], v["reason"]) == ("attempted", "aid_blocked")


def _fired_mid_turn(mini, turn, by_turn):
    """An inject that fires three hours into ``turn`` and expects aid at the town."""
    s = with_inject(mini, [ExpectedAction(team="humanitarian", action="deliver",
                                          location="town", by_turn=by_turn)], at_turn=turn)
    inj = s.msel[0]
    later = inj.model_copy(update={"at": inj.at.model_copy(update={"hour": 3})})
    return s.model_copy(update={"msel": [later]})


def test_an_order_given_before_the_inject_fired_did_not_answer_it(mini):
    order = {"location": "town", "need": "food", "amount": 500}
    s = _fired_mid_turn(mini, 2, by_turn=2)
    # Aid sent at the start of turn 2 (hour 12) was on its way before anyone asked.
    (v,) = verdicts(play(s, 1, [Decision(2, "humanitarian", "deliver", order)]))
    assert v["status"] == "missed"
    # Orders are given as a turn opens: the first answer can come in turn 3, so a deadline
    # of turn 2 is read as turn 3.
    (v,) = verdicts(play(s, 1, [Decision(3, "humanitarian", "deliver", order)]))
    assert (v["status"], v["by_turn"]) == ("met", 3)
    # Fired in the last turn, after its orders: no turn is left to answer it, nothing judged.
    last = _fired_mid_turn(mini, 4, by_turn=4)
    assert verdicts(play(last, 1, [Decision(4, "humanitarian", "deliver", order)])) == []


def test_expected_parameters_must_be_carried(mini):
    s = with_inject(mini, [ExpectedAction(team="civilian", action="engage", location="town",
                                          params={"consult": ["women"]}, by_turn=1)])
    leaders = Decision(1, "civilian", "engage", {"location": "town", "consult": ["leaders"]})
    (v,) = verdicts(play(s, 1, [leaders]))
    assert v["status"] == "missed"
    both = Decision(1, "civilian", "engage", {"location": "town", "consult": ["leaders", "women"]})
    (v,) = verdicts(play(s, 1, [both]))
    assert v["status"] == "met"


def test_sharing_nothing_new_is_only_attempted(mini):
    s = with_inject(mini, [ExpectedAction(team="humanitarian", action="share", by_turn=2)],
                    at_turn=1)
    s = s.model_copy(update={"msel": [s.msel[0].model_copy(update={"to": ["force"]})]})
    # The humanitarian team received nothing and knows nothing to pass on.
    (v,) = verdicts(play(s, 1, [Decision(1, "humanitarian", "share", {"to": "force"})]))
    assert (v["status"], v["reason"]) == ("attempted", "nothing_new_shared")


def test_hrddp_assessment_must_come_before_support(mini):
    assess = Action.model_validate({
        "id": "hrddp", "team": "civilian", "name": {"en": "HRDDP", "fr": "HRDDP"},
        "params": {}, "effects": [{"hrddp_assessment": {"host_force": "army"}}]})
    support = Action.model_validate({
        "id": "fuel", "team": "force", "name": {"en": "Fuel", "fr": "Carburant"},
        "params": {}, "effects": [{"support_host_forces": {"host_force": "army"}}]})
    s = with_inject(mini, [ExpectedAction(team="civilian", action="hrddp", by_turn=2),
                           ExpectedAction(team="force", action="fuel", by_turn=2)],
                    actions=[assess, support])
    before = [Decision(1, "civilian", "hrddp", {}), Decision(2, "force", "fuel", {})]
    v = {e["action"]: e for e in verdicts(play(s, 1, before))}
    # The army's abuse risk (0.8) cannot be mitigated: the advice is to withhold.
    assert v["hrddp"]["status"] == "met"
    assert (v["fuel"]["status"], v["fuel"]["reason"]) == ("attempted", "against_withhold_advice")
    after = [Decision(1, "force", "fuel", {}), Decision(2, "civilian", "hrddp", {})]
    v = {e["action"]: e for e in verdicts(play(s, 1, after))}
    assert (v["hrddp"]["status"], v["hrddp"]["reason"]) == ("attempted", "after_support")
    assert (v["fuel"]["status"], v["fuel"]["reason"]) == ("attempted", "without_hrddp")
