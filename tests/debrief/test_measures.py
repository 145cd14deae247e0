"""Each measure on a small hand-built event log with a known answer."""

import pytest

from debrief.measures import (
    aid_as_leverage,
    casualties,
    consulted,
    disaggregated,
    expected_actions_met,
    harm_linked_to_mission,
    hrddp_before_support,
    incidents_by_type,
    information_shared,
    outcome,
    people_reached,
    principle_breaches,
    referral_before_first_case,
    response_hours,
)
from debrief.rundata import RunData, RunError, load_run


def ev(n, type_, turn=1, hour=0.0, cause="rule:x", **data):
    return {"id": f"e{n:06d}", "type": type_, "turn": turn, "hour": hour, "cause": cause, **data}


def run_of(*events, outcomes=None, turns=4):
    return RunData(list(events), [], {"outcomes": outcomes or {}, "turns_played": turns}, [], [])


def test_outcome_reads_the_summary_and_cites_events():
    r = outcome(run_of(ev(1, "attack"), ev(2, "aid_delivered"), ev(3, "flood_deaths"),
                       outcomes={"civilian_deaths": 12}), "civilian_deaths")
    assert (r.value, r.detail, r.evidence) == (12, "civilian_deaths = 12", ["e000001", "e000003"])
    with pytest.raises(KeyError, match="unknown outcome 'deaths'"):
        outcome(run_of(outcomes={"civilian_deaths": 1}), "deaths")


def test_incidents_by_type():
    r = incidents_by_type(run_of(ev(1, "attack", tactic="raid"), ev(2, "attack", tactic="ied"),
                                 ev(3, "abuse_by_host_force"), ev(4, "attack", tactic="raid"),
                                 ev(5, "attack_deterred", tactic="raid")))
    assert r.value == 4 and r.evidence == ["e000001", "e000002", "e000003", "e000004"]
    assert r.detail == "abuse_by_host_force: 1, ied: 1, raid: 2"


def test_harm_linked_to_mission_counts_abuses_after_decisions():
    r = harm_linked_to_mission(run_of(
        ev(1, "abuse_by_host_force", cause="decision:d01-force-1", deaths=2),
        ev(2, "abuse_by_host_force", cause="rule:x", deaths=5)))
    assert (r.value, r.evidence) == (1, ["e000001"])
    assert r.detail == "1 abuses (2 deaths) after mission support"


def test_response_hours_from_warning_to_presence():
    events = [ev(1, "inject_fired", hour=12.0, cause="inject:w", inject="w"),
              ev(2, "threat_planned", hour=12.0, cause="inject:w", location="kono"),
              ev(3, "presence", hour=5.0, location="kono", team="force"),  # before: no credit
              ev(4, "presence", hour=24.0, location="sare", team="force"),  # elsewhere
              ev(5, "presence", hour=36.0, location="kono", team="police"),
              ev(6, "presence", hour=48.0, location="kono", team="force")]
    r = response_hours(run_of(*events), "w")
    assert (r.value, r.evidence) == (24.0, ["e000001", "e000005"])
    assert r.detail == "presence by police at kono 24 h after w"
    assert response_hours(run_of(*events), "w", team="force").value == 36.0
    assert response_hours(run_of(*events[:2]), "w").value is None
    assert response_hours(run_of(), "w").detail == "inject w did not fire"


def test_expected_actions_met():
    events = [ev(1, "expected_action", team="force", met=True),
              ev(2, "expected_action", team="force", met=False),
              ev(3, "expected_action", team="civilian", met=True)]
    assert expected_actions_met(run_of(*events)).value == pytest.approx(2 / 3)
    assert expected_actions_met(run_of(*events), team="force").value == 0.5
    assert expected_actions_met(run_of()).value is None


def test_expected_actions_met_for_one_critical_task():
    events = [ev(1, "expected_action", team="force", met=True, critical_task="ct_a"),
              ev(2, "expected_action", team="force", met=False, critical_task="ct_b"),
              ev(3, "expected_action", team="force", met=False, critical_task=None)]
    r = expected_actions_met(run_of(*events), team="force", task="ct_a")
    assert (r.value, r.evidence) == (1.0, ["e000001"])
    assert expected_actions_met(run_of(*events), task="ct_b").value == 0.0
    assert expected_actions_met(run_of(*events), task="ct_c").value is None


def test_information_shared_per_turn():
    events = [ev(1, "information_shared", turn=1, team="force", facts=3),
              ev(2, "information_shared", turn=1, team="force", facts=2),
              ev(3, "information_shared", turn=2, team="force", facts=0),  # nothing new: no
              ev(4, "information_shared", turn=3, team="police", facts=1)]
    r = information_shared(run_of(*events, turns=4), "force")
    assert (r.value, r.detail) == (0.25, "shared in 1 of 4 turns")


def test_principle_breaches():
    r = principle_breaches(run_of(ev(1, "principle_breach"), ev(2, "asset_request_approved")))
    assert (r.value, r.detail) == (1, "1 breaches; 1 last-resort requests approved")


def test_hrddp_before_support():
    events = [ev(1, "host_force_supported", team="force", hrddp_assessed=False),
              ev(2, "host_force_supported", team="force", hrddp_assessed=True),
              ev(3, "handover", team="force", detainees=0, hrddp_assessed=False),  # nothing given
              ev(4, "handover", team="police", detainees=3, hrddp_assessed=True)]
    assert hrddp_before_support(run_of(*events)).value == pytest.approx(2 / 3)
    assert hrddp_before_support(run_of(*events), team="force").value == 0.5
    assert hrddp_before_support(run_of()).value is None


def test_consulted_women_and_youth():
    events = [ev(1, "engagement", team="civilian", consulted=["leaders", "women"]),
              ev(2, "engagement", team="civilian", consulted=["leaders"]),
              ev(3, "engagement", team="civilian", consulted=["women"], repeat=True),
              ev(4, "engagement", team="force", consulted=["youth", "women"])]
    assert consulted(run_of(*events)).value == pytest.approx(2 / 3)
    assert consulted(run_of(*events), "youth").value == pytest.approx(1 / 3)
    assert consulted(run_of(*events), team="civilian").value == 0.5


@pytest.mark.parametrize("events,value", [
    ([], 0),
    ([ev(1, "referral_pathway")], 1),
    ([ev(1, "referral_pathway"), ev(2, "sgbv_referred", cases=2)], 1),
    ([ev(1, "sgbv_unattended", cases=1), ev(2, "referral_pathway")], 0),
])
def test_referral_before_first_case(events, value):
    assert referral_before_first_case(run_of(*events)).value == value


def test_measures_on_a_real_run(tmp_path, mini):
    from simulator.decisions import Decision
    from simulator.outputs import write_run
    from simulator.runner import play
    ex = play(mini, 1, [Decision(1, "force", "patrol", {"unit": "coy_a", "location": "village"})])
    write_run(ex, tmp_path)
    run = load_run(tmp_path)
    r = response_hours(run, "warning")
    assert r.value == 0.0 and run.by_id(r.evidence[1])["type"] == "presence"
    assert expected_actions_met(run, "force").value == 1.0
    assert outcome(run, "civilian_deaths").value == ex.summary()["outcomes"]["civilian_deaths"]
    assert run.timeseries[0]["population"] == 1450


def test_unreadable_run_folder(tmp_path):
    with pytest.raises(RunError, match="events.jsonl: cannot read"):
        load_run(tmp_path)
    (tmp_path / "events.jsonl").write_text('{"id": 1}\nnot json\n')
    with pytest.raises(RunError, match=r"events.jsonl:2: not JSON"):
        load_run(tmp_path)


def test_every_detail_reads_in_both_languages_with_the_same_fields():
    import string

    from debrief.i18n import DETAILS, describe
    for note, by_lang in DETAILS.items():
        fields = {lang: {f for _, f, _, _ in string.Formatter().parse(text) if f}
                  for lang, text in by_lang.items()}
        assert set(fields) == {"en", "fr"} and fields["en"] == fields["fr"], note
    r = consulted(run_of(ev(1, "engagement", team="civilian", consulted=["youth"])), "youth")
    assert r.text("en") == "youth consulted in 1 of 1 engagements"
    assert r.text("fr") == "jeunes consulté(e)s dans 1 dialogue(s) sur 1"
    assert describe("cause_missed", {"team": "force", "action": "share", "where": None,
                                     "by_turn": 2, "inject": "i1"}, "en") == \
        "force did not order share by turn 2, as inject i1 expected"


def test_people_reached_per_need_over_the_days_played():
    events = [ev(1, "aid_delivered", team="humanitarian", need="water", amount=3000.0,
                 location="camp"),
              ev(2, "aid_delivered", team="force", need="water", amount=1800.0, location="town"),
              ev(3, "aid_delivered", team="humanitarian", need="food", amount=900.0,
                 location="camp"),
              ev(4, "turn_closed", turn=2, hour=48.0)]
    r = people_reached(run_of(*events), "water")
    assert (r.value, r.evidence) == (2400.0, ["e000001", "e000002"])  # 4800 over 2 days
    assert r.text("en") == "4800 person-days of water in 2 deliveries to 2 places: " \
        "2400.0 people a day"
    assert people_reached(run_of(*events), "water", team="force").value == 900.0
    assert people_reached(run_of(*events[:3]), "water").value is None  # no turn played


def test_disaggregated_assessments_and_aid_as_leverage():
    events = [ev(1, "assessment", team="humanitarian", disaggregated=True),
              ev(2, "assessment", team="humanitarian", disaggregated=False),
              ev(3, "assessment", team="civilian", disaggregated=True),
              ev(4, "aid_as_leverage", team="force", location="town"),
              ev(5, "aid_as_leverage", team="force", location="camp")]
    assert disaggregated(run_of(*events), team="humanitarian").value == 0.5
    assert disaggregated(run_of(*events)).value == pytest.approx(2 / 3)
    assert disaggregated(run_of()).value is None
    r = aid_as_leverage(run_of(*events))
    assert (r.value, r.evidence, r.detail) == (
        2, ["e000004", "e000005"], "aid made conditional on cooperation 2 time(s) (camp, town)")


def test_casualties_by_sex_and_age_from_the_time_series():
    base = {f"{k}_{g}": 0 for k in ("deaths", "injuries")
            for g in ("women", "men", "girls", "boys", "older")}
    rows = [{**base, "turn": 1, "deaths_women": 3, "deaths_girls": 2, "injuries_men": 4},
            {**base, "turn": 2, "deaths_women": 1}]
    run = RunData([ev(1, "attack")], rows, {"outcomes": {}, "turns_played": 2}, [], [])
    r = casualties(run, "deaths", "women")
    assert (r.value, r.evidence, r.text("en")) == (4, ["e000001"], "4 deaths (women)")
    assert r.text("fr") == "4 décès (femmes)"
    assert casualties(run).value == 6 and casualties(run, "injuries").value == 4
    assert casualties(run, "injuries").text("en") == "4 injuries (all groups)"


def test_measure_parameter_values_are_checked_when_the_scenario_loads():
    from simulator.scenario import Measure
    with pytest.raises(ValueError, match="casualties group must be one of women, men, girls, "
                                         "boys, older, not 'babies'"):
        Measure(id="m", metric="casualties", params={"group": "babies"})
    with pytest.raises(ValueError, match="people_reached need must be one of"):
        Measure(id="m", metric="people_reached", params={"need": "fuel"})
