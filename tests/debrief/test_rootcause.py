"""Root causes: only from the evidence of a task's own measures below P, ranked by harm."""

from debrief.measures import Result
from debrief.ratings import MeasureRating, TaskRating
from debrief.rootcause import causes
from tests.debrief.test_measures import ev, run_of


def task(*measures):
    return TaskRating("ct", "force", "U", list(measures))


def measure(metric, evidence, rating="U", **args):
    return MeasureRating(f"m-{metric}", metric, Result(0, evidence, args=args), rating, "effect")


def expected(n, status, action="patrol", location="village", by_turn=2, reason=None):
    return ev(n, "expected_action", turn=by_turn + 1, team="force", action=action,
              location=location, by_turn=by_turn, met=status == "met", status=status,
              inject="warn", critical_task="ct", **({"reason": reason} if reason else {}))


def test_expected_actions_missed_late_refused_or_without_effect():
    run = run_of(expected(1, "missed"), expected(2, "refused", reason="missing_asset"),
                 expected(3, "attempted", reason="unit_cannot_reach"),
                 expected(4, "missed", action="share", location=None), expected(5, "met"),
                 ev(6, "decision_accepted", turn=4, team="force", action="share", params={}))
    found = causes(run, task(measure("expected_actions_met",
                                     ["e000001", "e000002", "e000003", "e000004", "e000005"])))
    assert [(c.note, c.evidence) for c in found] == [
        ("cause_missed", ["e000001"]), ("cause_refused", ["e000002"]),
        ("cause_attempted", ["e000003"]), ("cause_late", ["e000004"])]
    assert found[0].text("en") == ("force did not order patrol (at village) by turn 2, "
                                   "as inject warn expected")
    assert found[2].text("en").endswith("without effect by the deadline (turn 2): the unit "
                                        "could not reach the place")
    assert found[3].args["turn"] == 4


def test_attacks_are_causes_only_where_a_measure_counted_them_and_rank_by_harm():
    warn = ev(1, "threat_planned", hour=0, cause="inject:warn", location="village")
    warned = ev(2, "attack", turn=2, hour=20, cause="inject:warn", location="village", deaths=7,
                protected_by=[])
    raid = ev(3, "attack", turn=4, hour=44, cause="rule:raid", location="town", deaths=25,
              protected_by=[])
    elsewhere = ev(4, "attack", turn=4, hour=45, cause="rule:raid", location="site", deaths=90)
    run = run_of(warn, warned, raid, elsewhere)
    found = causes(run, task(measure("incidents", ["e000002", "e000003"])))
    assert [(c.note, c.evidence, c.harm) for c in found] == [
        ("cause_unguarded", ["e000003"], 25), ("cause_unprotected", ["e000002"], 7)]
    assert found[0].text("en") == "attack at town in turn 4 (25 deaths): no unit was posted there"
    assert found[1].text("en") == ("attack at village in turn 2 (7 deaths), warned 20 h "
                                   "before, found no protection there")
    # A measure rated P, or not rated, explains nothing.
    assert causes(run, task(measure("incidents", ["e000002"], rating="P"))) == []
    assert causes(run, task(measure("incidents", ["e000002"], rating=None))) == []


def test_quiet_deaths_are_grouped_by_place_and_cause():
    run = run_of(ev(1, "deprivation_deaths", location="camp", deaths=3),
                 ev(2, "deprivation_deaths", turn=2, location="camp", deaths=2),
                 ev(3, "flood_deaths", location="town", deaths=4))
    found = causes(run, task(measure("civilian_deaths", ["e000001", "e000002", "e000003"])))
    assert [(c.text("en"), c.harm) for c in found] == [
        ("5 deaths from unmet needs at camp", 5), ("4 deaths in the flood at town", 4)]


def test_support_without_assessment_or_against_advice():
    events = [ev(1, "host_force_supported", cause="decision:a", team="force", host_force="fat",
                 hrddp_assessed=False, kind="fuel"),
              ev(2, "host_force_supported", team="force", host_force="gn", hrddp_assessed=True,
                 advice="withhold support", kind="transport"),
              ev(3, "host_force_supported", team="force", host_force="gn", hrddp_assessed=True,
                 advice="support"),
              ev(4, "abuse_by_host_force", cause="decision:a", deaths=4, location="town")]
    found = causes(run_of(*events), task(measure("hrddp_before_support",
                                                 ["e000001", "e000002", "e000003"])))
    assert [(c.note, c.harm) for c in found] == [("cause_blind_support", 4),
                                                 ("cause_withheld_support", 0)]
    assert found[0].text("en") == "force gave fuel to fat in turn 1 without an HRDDP assessment"


def test_aid_that_did_not_get_through_and_survivors_unattended():
    blocked = [ev(n, "aid_blocked", team="humanitarian", location=loc)
               for n, loc in ((1, "camp"), (2, "town"), (3, "camp"))]
    (c,) = causes(run_of(*blocked), task(measure("unmet_need_person_days",
                                                 ["e000001", "e000002", "e000003"])))
    assert c.text("en") == "3 × aid deliveries blocked (camp, town)"
    assert c.text("fr") == "3 × livraisons d'aide bloquées (camp, town)"
    cases = [ev(1, "sgbv_referred", location="town", cases=2),
             ev(2, "sgbv_unattended", turn=3, location="village", cases=1)]
    (c,) = causes(run_of(*cases), task(measure("sgbv_referral_share", ["e000001", "e000002"])))
    assert (c.note, c.evidence) == ("cause_unattended", ["e000002"])


def test_breaches_are_grouped():
    events = [ev(1, "principle_breach", team="force", location="camp"),
              ev(2, "principle_breach", team="force", location="town")]
    (c,) = causes(run_of(*events), task(measure("principle_breaches", ["e000001", "e000002"])))
    assert c.text("en") == "2 uses of military assets for aid without an approved last " \
        "resort (camp, town)"
    assert c.text("fr") == "2 emplois de moyens militaires pour l'aide sans dernier recours " \
        "approuvé (camp, town)"
    (c,) = causes(run_of(events[0]), task(measure("principle_breaches", ["e000001"])))
    assert c.text("en") == "1 use of military assets for aid without an approved last " \
        "resort (camp)"
    assert c.text("fr") == "1 emploi de moyens militaires pour l'aide sans dernier recours " \
        "approuvé (camp)"
