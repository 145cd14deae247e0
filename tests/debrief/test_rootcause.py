"""Root causes: why a critical task fell short, from hand-built event logs."""

from debrief.rootcause import causes
from tests.debrief.test_measures import ev, run_of


def expected(n, met, action="patrol", location="village", by_turn=2, task="ct", team="force"):
    return ev(n, "expected_action", turn=by_turn + 1, team=team, action=action,
              location=location, by_turn=by_turn, met=met, inject="warn", critical_task=task)


def order(n, kind, turn, action="patrol", location="village", team="force", **data):
    return ev(n, kind, turn=turn, team=team, action=action,
              params={"unit": "coy_a", "location": location}, **data)


def test_a_missed_action_is_told_apart_from_a_late_or_refused_one():
    missed = causes(run_of(expected(1, False)), "ct", "force", {"protection"})
    assert [(c.note, c.evidence) for c in missed] == [("cause_missed", ["e000001"])]
    assert missed[0].text("en") == ("force did not order patrol (at village) by turn 2, "
                                    "as inject warn expected")
    late = causes(run_of(expected(1, False), order(2, "decision_accepted", 4)), "ct", "force",
                  set())
    assert [(c.note, c.args["turn"], c.evidence) for c in late] == \
        [("cause_late", 4, ["e000001", "e000002"])]
    refused = causes(run_of(expected(1, False), order(2, "decision_rejected", 1,
                                                      reason="unit_busy")), "ct", "force", set())
    assert refused[0].text("fr") == ("l'ordre patrol de force a été refusé (unit_busy) avant "
                                     "l'échéance (tour 2) de l'inject warn")


def test_met_actions_other_tasks_and_other_teams_are_not_causes():
    run = run_of(expected(1, True), expected(2, False, task="other"),
                 expected(3, False, team="police"))
    assert causes(run, "ct", "force", {"protection"}) == []
    assert [c.evidence for c in causes(run, "ct", None, set())] == [["e000003"]]


def test_an_attack_after_a_warning_with_no_protection_in_between():
    warn = ev(1, "threat_planned", hour=0, cause="inject:warn", location="village")
    attack = ev(2, "attack", hour=20, cause="inject:warn", location="village", deaths=7)
    link = expected(3, True)
    (c,) = causes(run_of(warn, attack, link), "ct", "force", {"protection"})
    assert (c.note, c.evidence, c.args["hours"], c.args["deaths"]) == \
        ("cause_unprotected", ["e000001", "e000002"], "20", 7)
    guard = ev(4, "presence", hour=10, location="village", team="force")
    assert causes(run_of(warn, guard, attack, link), "ct", "force", {"protection"}) == []
    # An attack is a cause only for tasks whose measures look at protection.
    assert causes(run_of(warn, attack, link), "ct", "force", {"needs"}) == []


def test_an_attack_without_warning_where_no_unit_was_posted():
    raid = ev(1, "attack", turn=4, hour=44, cause="rule:raid", location="kondiala", deaths=25)
    (c,) = causes(run_of(raid), "ct", "force", {"protection"})
    assert c.text("en") == "attack at kondiala in turn 4 (25 deaths): no unit was posted there"
    posted = ev(2, "presence", turn=4, hour=36, location="kondiala", team="force",
                arrive_hour=37.5, until_hour=48)
    assert causes(run_of(posted, raid), "ct", "force", {"protection"}) == []
    late = ev(2, "presence", turn=4, hour=36, location="kondiala", team="force",
              arrive_hour=45, until_hour=48)
    assert len(causes(run_of(late, raid), "ct", "force", {"protection"})) == 1


def test_failed_orders_are_grouped_by_kind_for_the_tasks_they_hold_back():
    blocked = [ev(n, "aid_blocked", cause=f"decision:d01-humanitarian-{n}", team="humanitarian",
                  location=loc) for n, loc in ((1, "camp"), (2, "town"), (3, "camp"))]
    (c,) = causes(run_of(*blocked), "ct", "humanitarian", {"needs"})
    assert c.text("en") == "3 × aid deliveries blocked (camp, town)"
    assert c.text("fr") == "3 × livraisons d'aide bloquées (camp, town)"
    assert causes(run_of(*blocked), "ct", "humanitarian", {"protection"}) == []
    assert causes(run_of(*blocked), "ct", "force", {"needs"}) == []


def test_breaches_and_blind_support_for_principle_tasks():
    events = [ev(1, "principle_breach", team="force", location="camp"),
              ev(2, "host_force_supported", team="force", host_force="fat", hrddp_assessed=False),
              ev(3, "host_force_supported", team="force", host_force="gn", hrddp_assessed=True),
              ev(4, "handover", team="force", host_force="gn", hrddp_assessed=False,
                 detainees=0),
              ev(5, "aid_as_leverage", team="force", location="town", need="food")]
    found = causes(run_of(*events), "ct", "civilian", {"principles"})
    assert [(c.note, c.evidence) for c in found] == [("cause_breach", ["e000001"]),
                                                    ("cause_leverage", ["e000005"]),
                                                    ("cause_blind_support", ["e000002"])]
    assert found[2].text("en") == "1 support(s) to host forces without an HRDDP assessment (fat)"
