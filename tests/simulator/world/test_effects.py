"""Every effect primitive changes the world as documented and logs its cause."""

import numpy as np
import pytest

from tests.conftest import do, run_hours

V, T, S, B = 0, 1, 2, 3  # village, town, site, base in the mini world


def test_presence_protects_the_place_and_patrol_covers_neighbours(ex):
    m = ex.model
    assert m.protection.at(T) == 0
    ev = do(ex, "presence", "force", unit="coy_a", location="town", mode="patrol")
    assert ev["type"] == "presence" and ev["cause"] == "test:presence"
    run_hours(ex, 2)
    assert m.protection.at(T) == pytest.approx(120 * (1 - 0.5 * m.units["coy_a"].fatigue))
    assert m.protection.at(V) == pytest.approx(0.5 * m.protection.at(T))  # one hop away
    assert m.protection.protectors_at(V) == ["coy_a"]


def test_guard_covers_only_its_place(ex):
    do(ex, "presence", "police", unit="fpu", location="town", mode="guard")
    run_hours(ex, 1)
    assert ex.model.protection.at(T) > 0 and ex.model.protection.at(V) == 0


def test_engage_builds_trust_lowers_tension_and_hears_women(ex):
    m = ex.model
    m.trust[V] = 0.3
    ev = do(ex, "engage", "force", location="village", consult=["women", "leaders"],
            unit="coy_a")  # a mixed team: coy_a has women officers
    assert m.trust[V] == pytest.approx(0.3 + 0.1 + 0.05)
    assert m.tension[V] == pytest.approx(0.15)
    assert ev["consulted"] == ["leaders", "women"] and ev["women_in_team"] is True
    assert m.knowledge.knows("force", "protection_concerns", location="village")


def test_engage_women_without_women_officers_reaches_half(ex):
    ex.model.trust[[T, V]] = 0.3
    do(ex, "engage", "police", location="town", consult=["women"], unit="fpu")
    assert ex.model.trust[T] == pytest.approx(0.3 + 0.1 + 0.025)
    do(ex, "engage", "civilian", location="village", consult=["women"])  # no unit named
    assert ex.model.trust[V] == pytest.approx(0.3 + 0.1 + 0.025)


def test_words_lift_trust_only_to_a_ceiling_deeds_beyond(ex):
    m = ex.model
    for turn in range(5):  # meeting the village turn after turn
        m.turn = turn + 1
        do(ex, "engage", "civilian", location="village", consult=["leaders", "women"])
        do(ex, "investigate", "civilian", location="village")
    assert m.trust[V] == pytest.approx(m.params.community.talk_trust_ceiling)
    m.violence.deterred(V)  # protectors stood between the people and an attack
    assert m.trust[V] == pytest.approx(0.6 + m.params.community.protection_trust)
    do(ex, "engage", "civilian", location="village", consult=["leaders"])
    assert m.trust[V] == pytest.approx(0.7)  # above the ceiling, words neither add nor take


def test_engage_again_in_the_same_turn_adds_nothing(ex):
    ex.model.trust[T] = 0.3
    do(ex, "engage", "civilian", location="town", consult=["leaders"])
    ev = do(ex, "engage", "police", location="town", consult=["leaders"])
    assert ev["repeat"] is True and ex.model.trust[T] == pytest.approx(0.4)


def test_engage_needs_a_unit_that_can_reach(ex):
    ex.model.geo.close_route(V, T, "test")
    ev = do(ex, "engage", "police", location="village", consult=["leaders"], unit="fpu")
    assert ev["type"] == "engagement_failed" and ex.model.trust[V] == 0.5


def test_engage_without_women_gives_no_bonus(ex):
    ex.model.trust[T] = 0.3
    do(ex, "engage", "civilian", location="town", consult=["leaders"])
    assert ex.model.trust[T] == pytest.approx(0.4)
    assert not ex.model.knowledge.knows("civilian", "protection_concerns", location="town")


def test_engage_reveals_planned_attacks_when_trusted(ex):
    m = ex.model
    m.trust[V] = 0.95  # near-certain that the community speaks
    do(ex, "engage", "civilian", location="village", consult=["leaders"])
    assert m.knowledge.knows("civilian", "threat", location="village", armed_group="band")


def test_mediate_lowers_grievance_and_tension(ex):
    m = ex.model
    do(ex, "mediate", "civilian", location="village", armed_group="band", amount=0.2)
    assert m.armed["band"].grievance == pytest.approx(0.4)
    assert m.tension[V] == pytest.approx(0.0)


def test_mediate_without_group_halves_effect_on_groups_in_reach(ex):
    do(ex, "mediate", "civilian", location="town", amount=0.2)
    assert ex.model.armed["band"].grievance == pytest.approx(0.5)


def test_warn_raises_risk_within_radius(ex):
    m = ex.model
    ev = do(ex, "warn", "civilian", location="village", amount=0.5, radius_hops=1)
    assert ev["reached"] == ["village", "town"]
    assert m.civilians.risk[V] == pytest.approx(0.5) and m.civilians.risk[S] == 0


def test_assess_reveals_needs_to_the_team_only(ex):
    do(ex, "assess", "humanitarian", location="town")
    (fact,) = ex.model.knowledge.of("humanitarian", "needs")
    assert fact["population"] == 3500 and fact["road_open"] is True
    assert fact["unmet"] == {"water": 0.0, "food": 0.0, "shelter": 0.0, "health": 0.0}
    assert ex.model.knowledge.of("force", "needs") == []


def test_an_assessment_without_disaggregation_does_not_tell_who_is_there(ex):
    do(ex, "assess", "humanitarian", location="town")
    ev = do(ex, "assess", "humanitarian", location="site", disaggregated=False)
    first, second = ex.model.knowledge.of("humanitarian", "needs")
    assert sum(first["by_group"].values()) == first["population"] == 3500
    assert "by_group" not in second and ev["disaggregated"] is False


def test_aid_used_as_leverage_costs_access_and_trust(ex):
    m = ex.model
    trust = float(m.trust[T])
    ev = do(ex, "supply", "humanitarian", location="town", need="food", amount=500,
            agency="wfp", conditional=True)
    (lever,) = [e for e in ex.events if e["type"] == "aid_as_leverage"]
    assert lever["team"] == "humanitarian" and lever["need"] == "food"
    assert m.humanitarian_access == pytest.approx(1 - 0.15)
    assert m.trust[T] == pytest.approx(trust - 0.2)
    assert ev["type"] == "aid_dispatched"  # the aid still goes


def test_assess_finds_needs_before_any_hour_has_passed(calm):
    m = calm.model
    m.civilians.coverage[T] = [0.5, 0.8, 1.0, 1.0]
    m.civilians.aid_stock[T, 1] = 3500 * 0.1  # a day of food for a tenth of the people
    do(calm, "assess", "humanitarian", location="town")
    (fact,) = m.knowledge.of("humanitarian", "needs")
    assert fact["unmet"] == {"water": 0.5, "food": 0.1, "shelter": 0.0, "health": 0.0}


def test_supply_by_agency_arrives_after_travel(ex):
    m = ex.model
    ev = do(ex, "supply", "humanitarian", location="town", need="food", amount=500, agency="wfp")
    assert ev["type"] == "aid_dispatched" and m.agencies["wfp"].stocks["food"] == 19500
    run_hours(ex, 1)
    assert m.civilians.aid_stock[T, 1] == 0  # 20 km by truck: not yet there
    run_hours(ex, 2)
    assert "aid_delivered" in [e["type"] for e in ex.events]
    assert m.civilians.aid_stock[T, 1] + m.civilians.aid_used[T, 1] == pytest.approx(500)


@pytest.mark.parametrize("setup,reason", [
    (lambda m: m.geo.close_route(T, B, "test"), "no open road to the place"),
    (lambda m: setattr(m, "humanitarian_access", 0.2),
     "operations suspended: humanitarian access too low"),
    (lambda m: m.agencies["wfp"].stocks.update(food=0), "no food stock left"),
    (lambda m: setattr(m.agencies["wfp"], "sectors", ["water"]),
     "agency does not work in food"),
    (lambda m: setattr(m.agencies["wfp"], "trucks_left", 0), "no trucks left this turn"),
])
def test_supply_blocked_with_reason(ex, setup, reason):
    setup(ex.model)
    ev = do(ex, "supply", "humanitarian", location="town", need="food", amount=500, agency="wfp")
    assert ev["type"] == "aid_blocked" and ev["reason"] == reason


def test_supply_to_insecure_place_needs_escort(ex):
    m = ex.model
    m.civilians.risk[T] = 0.9
    m.armed["band"].strength = 0  # nobody to ambush: the convoy just cannot go
    ev = do(ex, "supply", "humanitarian", location="town", need="food", amount=5, agency="wfp")
    assert ev["reason"] == "destination insecure without escort"
    do(ex, "escort", "force", unit="coy_a", location="town")
    assert m.protection.escorted(T)
    ev = do(ex, "supply", "humanitarian", location="town", need="food", amount=5, agency="wfp")
    assert ev["type"] == "aid_dispatched"


def test_military_supply_without_last_resort_breaches_principles(ex):
    m = ex.model
    do(ex, "supply", "force", location="town", need="food", amount=300, unit="coy_a")
    breach = [e for e in ex.events if e["type"] == "principle_breach"]
    assert len(breach) == 1 and breach[0]["unit"] == "coy_a"
    assert m.humanitarian_access == pytest.approx(0.7)
    assert m.trust[T] == pytest.approx(0.25)
    assert "aid_dispatched" in [e["type"] for e in ex.events]


def test_military_supply_with_approved_request_is_lawful(ex):
    m = ex.model
    m.geo.close_route(T, B, "flood")  # no civilian road from the warehouse
    ev = do(ex, "request_asset", "humanitarian", unit="heli", location="town", last_resort=True,
            justification="Road cut; cholera risk")
    assert ev["type"] == "asset_request_approved"
    do(ex, "supply", "force", location="town", need="water", amount=300, unit="heli")
    assert "principle_breach" not in [e["type"] for e in ex.events]
    assert m.humanitarian_access == 1.0
    assert m.knowledge.knows("force", "asset_request", unit="heli", approved=True)


@pytest.mark.parametrize("last_resort,justification,close,reason", [
    (False, "urgent", True, "no last-resort justification"),
    (True, "  ", True, "no last-resort justification"),
    (True, "urgent", False, "a civilian alternative exists (open road, secure destination)"),
])
def test_request_asset_declined(ex, last_resort, justification, close, reason):
    if close:
        ex.model.geo.close_route(T, B, "flood")
    ev = do(ex, "request_asset", "humanitarian", unit="heli", location="town",
            last_resort=last_resort, justification=justification)
    assert ev["type"] == "asset_request_declined" and ev["reason"] == reason
    assert ("heli", T) not in ex.model.access.approvals


def test_evacuate_moves_people_with_transport(ex):
    m = ex.model
    before = m.civilians.present()[V].sum()
    do(ex, "evacuate", "force", unit="coy_a", **{"from": "village", "to": "town"}, people=150)
    run_hours(ex, 6)
    ev = next(e for e in ex.events if e["type"] == "evacuation")
    assert ev["people"] == 150
    assert m.civilians.present()[V].sum() <= before - 150
    # all reached the town; some may have moved on since, looking for a site
    assert m.civilians.flows[V, T] == 150
    c = m.civilians
    away = c.dense()[V].sum(axis=0) - c.dense()[V, V] + sum(t.of(V) for t in c.transit)
    # displaced from the village (baseline mortality may take one)
    assert 145 <= away.sum() <= 150
    # older people board first (all 100), then girls
    assert away[4] >= 98 and away[1] == 0
    # the convoy ends at the destination, out of the village
    assert m.units["coy_a"].location == T


def test_open_site_adds_capacity_and_shelter(ex):
    m = ex.model
    ev = do(ex, "open_site", "humanitarian", location="town", capacity=2000, shelter=0.7)
    # the town had no limit: the site adds room beside its 3,500 residents
    assert ev["capacity"] == 5500 and m.civilians.capacity[T] == 5500
    do(ex, "open_site", "humanitarian", location="site", capacity=500)
    assert m.civilians.capacity[S] == 3500
    assert m.civilians.attractiveness[T] == 3.0 and m.site_shelter[T] == 0.7


def test_close_and_repair_route(ex):
    m = ex.model
    do(ex, "close_route", None, **{"from": "village", "to": "town"})
    assert m.geo.road_hours(V, T) is None
    ev = do(ex, "close_route", None, **{"from": "village", "to": "base"})
    assert ev["type"] == "route_not_found"
    do(ex, "repair_route", "force", **{"from": "village", "to": "town"}, unit="coy_a")
    run_hours(ex, 2)
    assert m.geo.road_hours(V, T) is None  # engineers at work
    run_hours(ex, 10)
    assert m.geo.road_hours(V, T) is not None
    assert "route_repaired" in [e["type"] for e in ex.events]


def test_medevac_treats_the_injured(ex):
    m = ex.model
    m.civilians.wound(V, np.array([5, 5, 0, 0, 0]))
    do(ex, "medevac", "force", unit="heli", location="village")
    run_hours(ex, 2)  # 35 km by helicopter: there within the second hour
    ev = next(e for e in ex.events if e["type"] == "medevac")
    assert ev["injured_treated"] == 10 and m.civilians.injured[V].sum() == 0


def test_hrddp_then_support_lowers_abuse_risk(ex):
    hf = ex.model.host_forces["army"]
    hf.abuse_risk = 0.3  # a risk that mitigation measures can reduce
    do(ex, "support_host_forces", "force", host_force="army", kind="fuel")
    blind = hf.abuse_chance(24)
    assert hf.unassessed == ["test:support_host_forces"] and blind > 0
    hf.unassessed.clear()
    ev = do(ex, "hrddp_assessment", "civilian", host_force="army", mitigation=True)
    assert ev["advice"] == "support with mitigation"
    ev = do(ex, "support_host_forces", "force", host_force="army", kind="fuel")
    assert ev["hrddp_assessed"] is True
    assert hf.abuse_chance(24) == pytest.approx(blind * 0.1)


def test_hrddp_finds_high_risk_unmitigable(ex):
    hf = ex.model.host_forces["army"]  # abuse_risk 0.8
    ev = do(ex, "hrddp_assessment", "civilian", host_force="army", mitigation=True)
    assert (ev["advice"], ev["mitigation"]) == ("withhold support", False)
    assert ex.model.knowledge.knows("civilian", "hrddp", advice="withhold support")
    do(ex, "support_host_forces", "force", host_force="army", kind="fuel")
    assert hf.abuse_chance(24) == pytest.approx(0.6 * 0.8 * 1.0)  # no safeguard


def test_joint_operation_adds_host_protection(ex):
    do(ex, "support_host_forces", "force", host_force="army", kind="joint_operation")
    assert ex.model.protection.at(T) == pytest.approx(50)


def test_unassessed_support_leads_to_abuse_events(ex):
    do(ex, "support_host_forces", "force", host_force="army", kind="transport")
    run_hours(ex, 96)
    abuses = [e for e in ex.events if e["type"] == "abuse_by_host_force"]
    assert abuses and all(e["cause"] == "test:support_host_forces" for e in abuses)
    assert ex.model.armed["band"].grievance > 0.6


def test_detain_and_handover(ex):
    m = ex.model
    do(ex, "detain", "force", unit="coy_a", location="village", armed_group="band")
    run_hours(ex, 3)
    assert m.armed["band"].strength == 36 and m.custody.detainees["force"] == 4
    ev = do(ex, "handover", "force", host_force="army")
    assert ev["detainees"] == 4 and ev["hrddp_assessed"] is False
    assert m.host_forces["army"].detainees == 4 and m.custody.detainees["force"] == 0


def test_detain_where_the_group_is_not(ex):
    do(ex, "detain", "force", unit="coy_a", location="base", armed_group="band")
    run_hours(ex, 1)
    ev = next(e for e in ex.events if e["type"].startswith("detention"))
    assert ev["type"] == "detention_failed"


def test_referral_pathway_refers_sgbv_survivors(ex):
    m = ex.model
    m.violence.after_violence(T, "test", sgbv=2)
    do(ex, "referral_pathway", "civilian", location="village")
    assert V in m.outreach.referral
    m.violence.after_violence(V, "test", sgbv=3)
    m.violence.after_violence(T, "test", sgbv=1)  # one hop from the pathway: survivors reach it
    m.violence.after_violence(S, "test", sgbv=4)  # two hops: they do not
    sgbv = [(e["type"], e["location"], e["cases"]) for e in ex.events if "cases" in e]
    assert sgbv == [("sgbv_unattended", "town", 2), ("sgbv_referred", "village", 3),
                    ("sgbv_referred", "town", 1), ("sgbv_unattended", "site", 4)]


def test_investigate_deters_abuse_and_finds_incidents(ex):
    m = ex.model
    hf = m.host_forces["army"]
    do(ex, "support_host_forces", "force", host_force="army", kind="fuel")
    before = hf.abuse_chance(24)
    ev = do(ex, "investigate", "civilian", location="town")
    assert hf.abuse_chance(24) == pytest.approx(before * 0.5)
    assert m.trust[T] == pytest.approx(0.55) and ev["incidents_found"] == []


def test_early_warning_network_reports_to_its_team(ex):
    m = ex.model
    m.trust[V] = 1.0
    do(ex, "early_warning", "civilian", location="village")
    assert m.outreach.alert_networks[V] == {"civilian"}
    run_hours(ex, 1)  # the planned raid (hour 18) is within the 24 h lead time
    assert m.knowledge.knows("civilian", "threat", location="village", source="alert_network")
    assert "early_warning_reported" in [e["type"] for e in ex.events]


def test_threat_plans_an_attack_and_tells_recipients(ex):
    m = ex.model
    do(ex, "threat", None, recipients=("police",), armed_group="band", location="town",
       in_hours=2, tactic="raid")
    assert m.knowledge.knows("police", "threat", location="town")
    run_hours(ex, 3)
    (ev,) = [e for e in ex.events if e["cause"] == "test:threat"
             and e["type"] in ("attack", "attack_deterred")]
    assert ev["type"] == "attack" and ev["deaths"] > 0 and ev["planned"] is True
    assert ev["location"] == "town"


def test_a_false_alarm_is_told_like_a_threat_and_nothing_comes(ex):
    m = ex.model
    ev = do(ex, "threat", None, recipients=("police",), armed_group="band", location="town",
            in_hours=2, tactic="raid", false_alarm=True)
    assert (ev["type"], ev["location"], ev["expected_hour"]) == ("false_alarm", "town", 2.0)
    # The police cannot tell it from a real warning ...
    assert m.knowledge.knows("police", "threat", location="town", armed_group="band")
    assert not [p for p in m.armed["band"].plans if p.cause == "test:threat"]
    run_hours(ex, 4)
    # ... but no attack comes, and no measure finds a warned attack in it.
    assert not [e for e in ex.events if e["cause"] == "test:threat"
                and e["type"] in ("attack", "attack_deterred", "attack_abandoned",
                                  "threat_planned")]


def test_threat_deterred_by_presence(ex):
    do(ex, "presence", "force", unit="coy_a", location="town", mode="guard")
    do(ex, "presence", "police", unit="fpu", location="town", mode="guard")
    do(ex, "threat", None, armed_group="band", location="town", in_hours=3)
    run_hours(ex, 4)
    (ev,) = [e for e in ex.events if e["cause"] == "test:threat"
             and e["type"] in ("attack", "attack_deterred")]
    assert ev["type"] == "attack_deterred" and ev["protected_by"] == ["coy_a", "fpu"]


def test_flood_hazard_raises_water_and_closes_routes(ex):
    m = ex.model
    do(ex, "hazard", None, recipients=("force",), kind="flood", locations=["site"], level=1.0,
       rise_hours=2, duration_hours=4)
    assert m.knowledge.knows("force", "hazard", hazard="flood")
    run_hours(ex, 3)
    assert m.floods.level[S] == pytest.approx(1.0)
    assert m.geo.road_hours(T, S) is None  # town--site is flood-prone
    run_hours(ex, 6)
    assert m.floods.level[S] == 0 and m.geo.road_hours(T, S) is not None
    assert [e["type"] for e in ex.events].count("route_reopened") == 1


def test_flood_forecast_lead_time(ex):
    m = ex.model
    do(ex, "hazard", None, recipients=("force",), kind="flood", locations=["site"], level=1.0,
       in_hours=6, rise_hours=2, duration_hours=4)
    (fact,) = m.knowledge.of("force", "hazard")
    assert fact["peak_hour"] == 8.0
    run_hours(ex, 6)
    assert m.floods.level[S] == 0
    run_hours(ex, 3)
    assert m.floods.level[S] == pytest.approx(1.0)


def test_flood_kills_people_who_stay(ex):
    m = ex.model
    do(ex, "hazard", None, kind="flood", locations=["town"], level=2.0, rise_hours=1,
       duration_hours=48)
    run_hours(ex, 24)
    assert m.civilians.deaths[1].sum() > 0  # cause index 1: flood


def test_outbreak_hazard_seeds_infection(ex):
    do(ex, "hazard", None, kind="outbreak", locations=["town"], level=20)
    assert ex.model.epidemic.i[T] == 20
    run_hours(ex, 48)
    assert ex.model.epidemic.r[T] > 0


def test_rumour_and_tension(ex):
    m = ex.model
    do(ex, "rumour", None, location="town", amount=0.4, tension=0.3)
    assert m.civilians.risk[T] == pytest.approx(0.4) and m.tension[T] == pytest.approx(0.5)
    do(ex, "tension", None, location="town", amount=-0.7)
    assert m.tension[T] == 0.0


def test_message_reaches_one_team(ex):
    ev = do(ex, "message", None, to="police", topic="curfew", location="town")
    assert ev["type"] == "message_delivered"
    assert ex.model.knowledge.knows("police", "message", topic="curfew")
    assert not ex.model.knowledge.knows("force", "message", topic="curfew")


def test_share_information_copies_private_facts(ex):
    do(ex, "assess", "humanitarian", location="town")
    ev = do(ex, "share_information", "humanitarian", to="force")
    assert ev["facts"] == 1
    (fact,) = ex.model.knowledge.of("force", "needs")
    assert fact["shared_by"] == "humanitarian"


# --- community structures make engagement, mediation, warnings and alerts work better ---

@pytest.fixture
def organised(mini):
    from simulator.language.scenario import CommunityStructure
    from simulator.play.exercise import Exercise
    structures = [CommunityStructure(id=f"s{i}", name=kind, kind=kind, location=loc)
                  for i, (kind, loc) in enumerate([
                      ("women_association", "village"), ("leaders", "village"),
                      ("alert_network", "village"), ("local_radio", "town"),
                      ("youth_association", "town")])]
    actors = mini.actors.model_copy(update={"community": structures})
    e = Exercise(mini.model_copy(update={"actors": actors}), seed=7)
    e.reset()
    return e


def test_womens_association_doubles_the_women_bonus(organised):
    organised.model.trust[V] = 0.3
    do(organised, "engage", "force", location="village", consult=["women"], unit="coy_a")
    assert organised.model.trust[V] == pytest.approx(0.3 + 0.1 + 2 * 0.05)


def test_youth_consulted_lower_tension_more_with_an_association(organised):
    m = organised.model
    do(organised, "engage", "civilian", location="town", consult=["youth"])
    assert m.tension[T] == pytest.approx(0.2 - 0.05 - 2 * 0.05)
    do(organised, "engage", "civilian", location="site", consult=["youth"])
    assert m.tension[S] == pytest.approx(0.2 - 0.05 - 0.05)


def test_leaders_make_mediation_more_effective(organised):
    do(organised, "mediate", "civilian", location="village", armed_group="band", amount=0.2)
    assert organised.model.armed["band"].grievance == pytest.approx(0.6 - 0.3)


def test_local_radio_amplifies_warnings(organised, ex):
    # the radio is in the town, one hop from the site and two from nowhere in the mini world
    do(ex, "warn", "civilian", location="site", amount=0.4, radius_hops=0)
    ev = do(organised, "warn", "civilian", location="site", amount=0.4, radius_hops=0)
    assert ev["reached"] == ["site"] and ev["amount"] == pytest.approx(0.6)
    assert ex.model.civilians.risk[S] == pytest.approx(0.4)
    assert organised.model.civilians.risk[S] == pytest.approx(0.6)


def test_existing_alert_network_reports_even_with_low_trust(organised, ex):
    assert organised.model.outreach.alert_reliability(V) == 0.8
    organised.model.trust[V] = 0.1
    assert organised.model.outreach.alert_reliability(V) == 0.8
    ex.model.trust[V] = 0.1
    assert ex.model.outreach.alert_reliability(V) == 0.0  # below alert_min_trust: silent
    ex.model.trust[V] = 0.3
    assert ex.model.outreach.alert_reliability(V) == pytest.approx(0.3)


# --- rules added after review --------------------------------------------------------

def test_detention_raises_grievance_and_becomes_overdue(ex):
    m = ex.model
    do(ex, "detain", "force", unit="coy_a", location="village", armed_group="band")
    run_hours(ex, 3)
    assert m.armed["band"].grievance == pytest.approx(0.63)
    for _ in range(3):
        ex.step({})
    overdue = [e for e in ex.events if e["type"] == "detention_overdue"]
    assert [(e["turn"], e["team"], e["detainees"]) for e in overdue] == [(4, "force", 4)]


def test_group_without_fighters_abandons_the_attack(ex):
    m = ex.model
    m.armed["band"].strength = 0
    m.armed["band"].strike(T, "raid", "test", planned=True)
    assert ex.events[-1]["type"] == "attack_abandoned"


def test_deaths_capped_by_the_number_of_fighters(ex):
    m = ex.model
    g = m.armed["band"]
    g.strength, g.capability = 5, 1.0
    # A crowded town: the share alone would kill far more.
    m.civilians.people.add(T, T, 19 * m.civilians.people.cell(T, T))
    g.strike(T, "raid", "test", planned=False)
    (ev,) = [e for e in ex.events if e["type"] == "attack"]
    assert ev["deaths"] <= 15  # expected 5, binomial spread


def test_ambush_hits_people_on_the_road_not_residents(calm):
    m = calm.model
    m.civilians.risk[V] = 1.0
    run_hours(calm, 2)  # people walking from the village to the town and the site
    on_road = int(m.civilians.incoming[T])
    residents = int(m.civilians.dense()[T, T].sum())
    assert on_road > 50
    m.armed["band"].strength = 400  # a strong group: about 3 % of travellers killed
    m.violence.ambush(m.armed["band"], T, "ambush", "test")
    (ev,) = [e for e in calm.events if e["type"] == "attack"]
    assert ev["deaths"] > 0 and int(m.civilians.incoming[T]) == on_road - ev["deaths"]
    assert int(m.civilians.dense()[T, T].sum()) == residents


def test_military_escort_without_approval_breaches_principles(ex):
    m = ex.model
    m.civilians.risk[T] = 0.9
    do(ex, "escort", "force", unit="coy_a", location="town")
    do(ex, "supply", "humanitarian", location="town", need="food", amount=5, agency="wfp")
    (breach,) = [e for e in ex.events if e["type"] == "principle_breach"]
    assert breach["unit"] == "coy_a" and "armed escort" in breach["reason"]
    assert m.humanitarian_access == pytest.approx(0.7)


def test_police_escort_is_no_military_breach(ex):
    ex.model.civilians.risk[T] = 0.9
    do(ex, "escort", "police", unit="fpu", location="town")
    do(ex, "supply", "humanitarian", location="town", need="food", amount=5, agency="wfp")
    assert "principle_breach" not in [e["type"] for e in ex.events]
    assert "aid_dispatched" in [e["type"] for e in ex.events]


def test_guard_protects_more_than_patrol_at_its_place(mini):
    from simulator.play.exercise import Exercise
    level = {}
    for mode in ("patrol", "guard"):
        e = Exercise(mini, seed=1)
        e.reset()
        do(e, "presence", "police", unit="fpu", location="town", mode=mode)
        level[mode] = e.model.protection.at(T)
    assert level["guard"] == pytest.approx(1.5 * level["patrol"])


def test_supply_of_nothing_is_refused(ex):
    ev = do(ex, "supply", "humanitarian", location="town", need="food", amount=-5, agency="wfp")
    assert (ev["type"], ev["reason"]) == ("aid_blocked", "nothing to deliver")


def test_mean_trust_is_weighted_by_people(ex):
    m = ex.model
    m.trust[:] = [0.2, 0.6, 1.0, 1.0]  # the site and the base are empty
    assert m.measures.metric("trust") == pytest.approx((0.2 * 1450 + 0.6 * 3500) / 4950)


@pytest.fixture
def washout(mini):
    """The mini world where water above 0.8 m washes a flooded route out."""
    from simulator.play.exercise import Exercise
    hazards = mini.parameters.hazards.model_copy(update={"washout_m": 0.8})
    params = mini.parameters.model_copy(update={"hazards": hazards})
    e = Exercise(mini.model_copy(update={"parameters": params, "msel": []}), seed=7)
    e.reset()
    return e


def _report(ex, team):
    from simulator.world.sitrep import situation_report
    spec = next(t for t in ex.scenario.teams if t.id == team)
    return situation_report(ex.model, spec, 0.0, ex.turns)


def test_high_water_washes_a_route_out_until_engineers_repair_it(washout):
    ex, m = washout, washout.model
    do(ex, "hazard", None, kind="flood", locations=["site"], level=1.0, rise_hours=2,
       duration_hours=4)
    run_hours(ex, 10)  # the water has come and gone
    assert m.floods.level[S] == 0
    (gone,) = [e for e in ex.events if e["type"] == "route_washed_out"]
    assert gone["route"] == "town--site" and gone["peak_m"] == pytest.approx(1.0)
    assert "route_reopened" not in [e["type"] for e in ex.events]
    assert m.geo.road_hours(T, S) is None
    # Civil protection tells every team, whatever its sources.
    for team in ("force", "police", "civilian", "humanitarian"):
        report = _report(ex, team)
        assert report["routes_closed"] == ["town--site"]
        assert [(r["route"], r["state"]) for r in report["routes"]] == [("town--site",
                                                                         "washed_out")]
    do(ex, "repair_route", "force", **{"from": "town", "to": "site"}, unit="coy_a")
    run_hours(ex, 12)
    assert m.geo.road_hours(T, S) is not None
    assert [e["route"] for e in ex.events if e["type"] == "route_repaired"] == ["town--site"]
    assert _report(ex, "police")["routes_closed"] == []


def test_water_below_the_washout_level_leaves_the_road_usable(washout):
    ex, m = washout, washout.model
    do(ex, "hazard", None, kind="flood", locations=["site"], level=0.6, rise_hours=2,
       duration_hours=4)
    run_hours(ex, 10)
    kinds = [e["type"] for e in ex.events]
    assert "route_reopened" in kinds and "route_washed_out" not in kinds
    assert m.geo.road_hours(T, S) is not None and _report(ex, "force")["routes_closed"] == []


def test_repairing_an_open_route_is_not_needed(calm):
    from simulator.play.expectations import order_effect
    do(calm, "repair_route", "force", **{"from": "village", "to": "town"}, unit="coy_a")
    run_hours(calm, 12)
    (ev,) = [e for e in calm.events if e["type"] == "repair_not_needed"]
    assert ev["route"] == "village--town" and ev["cause"] == "test:repair_route"
    order = {"cause": "test:repair_route", "hour": 0.0, "id": "x"}
    assert order_effect(calm.events, order, ["repair_route"], 24.0) == (
        False, "repair_not_needed", [ev["id"]])


def test_an_evacuation_is_reported_to_the_team_that_ordered_it(ex):
    do(ex, "evacuate", "force", unit="coy_a", **{"from": "village", "to": "town"}, people=150)
    run_hours(ex, 6)
    (fact,) = [f for f in ex.model.knowledge.of("force") if f["kind"] == "evacuation"]
    assert fact["location"] == "village" and fact["people"] == 150
    assert not [f for f in ex.model.knowledge.of("police") if f["kind"] == "evacuation"]
