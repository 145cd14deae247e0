"""Tension between communities: clashes above a threshold (fewer with confidence patrols
and agreements), warnings from alert networks and peace committees, inclusive and timely
mediation, local agreements, rumours spread by radio and countered; the debrief's measures."""

import pytest

from agents.communities import clash_chance
from debrief.measures import clashes, tension_alerts_acted_on
from debrief.scope import Ctx, Scope
from tests.conftest import MINI, calm_world, do, run_hours
from tests.debrief.test_measures import ev, run_of

V, T, S, B = 0, 1, 2, 3
COMMITTEE = """  community:
    - {id: committee, name: Peace committee, kind: peace_committee, location: town}
  units:"""


def world(extra: str = "") -> str:
    return MINI.read_text(encoding="utf-8").replace("  units:", extra or "  units:", 1)


@pytest.fixture
def e():
    return calm_world(world())


def test_no_clash_below_the_threshold_and_more_the_higher_tension_runs(e):
    m = e.model
    m.tension[T] = 0.69
    assert clash_chance(m, T) == 0.0
    m.tension[T] = 0.85
    half = clash_chance(m, T)
    m.tension[T] = 1.0
    assert half == pytest.approx(0.5 / 24) and clash_chance(m, T) == pytest.approx(1 / 24)


def test_confidence_patrols_and_agreements_make_clashes_rarer(e):
    m = e.model
    m.tension[T] = 1.0
    bare = clash_chance(m, T)
    m.agreements[T] = 100.0
    assert clash_chance(m, T) == pytest.approx(bare / 2)
    del m.agreements[T]
    do(e, "presence", "police", unit="fpu", location="town", mode="guard")
    run_hours(e, 1)
    assert clash_chance(m, T) == 0.0  # 140 police × 0.6 × 1.5: more than 50 protectors


def test_a_clash_kills_and_spreads_tension_and_counts_as_an_incident(e):
    m = e.model
    m.tension[T] = 1.0
    for _ in range(120):
        run_hours(e, 1)
        if any(x["type"] == "intercommunal_clash" for x in e.events):
            break
    (c,) = [x for x in e.events if x["type"] == "intercommunal_clash"][:1]
    assert c["location"] == "town" and c["deaths"] + c["injuries"] > 0
    assert m.violence.incidents[T] >= 1 and m.tension[V] >= 0.2 + 0.05 - 1e-9  # half of 0.1 spreads
    assert m.clashes[T] == c["hour"]


def test_a_peace_committee_warns_every_team_once_as_tension_rises():
    e = calm_world(world(COMMITTEE))
    m = e.model
    m.tension[T] = 0.6
    run_hours(e, 3)
    (alert,) = [x for x in e.events if x["type"] == "tension_alert"]
    assert alert["location"] == "town" and alert["teams"] == sorted(e.teams)
    assert m.knowledge.knows("civilian", "tension_rising", location="town")
    m.tension[T] = 0.3
    run_hours(e, 1)
    m.tension[T] = 0.6
    run_hours(e, 1)
    assert len([x for x in e.events if x["type"] == "tension_alert"]) == 2  # it rose again


def test_inclusive_mediation_does_more_and_mediation_just_after_a_clash_less(e):
    m = e.model
    m.tension[[V, T]] = 0.8
    do(e, "mediate", "civilian", location="village", amount=0.1)
    do(e, "mediate", "civilian", location="town", amount=0.1, inclusive=True)
    assert m.tension[V] == pytest.approx(0.7) and m.tension[T] == pytest.approx(0.65)
    m.clashes[V] = m.now
    do(e, "mediate", "civilian", location="village", amount=0.1)
    assert m.tension[V] == pytest.approx(0.65)


def test_a_local_agreement_needs_mediation_first_then_calms_the_place(e):
    m = e.model
    m.tension[T] = 0.6
    assert do(e, "local_agreement", "civilian", location="town")["type"] == \
        "local_agreement_failed"
    do(e, "mediate", "civilian", location="town", amount=0.1)
    ev_ = do(e, "local_agreement", "civilian", location="town", days=1)
    assert ev_["type"] == "local_agreement" and ev_["until_hour"] == 24
    run_hours(e, 12)
    assert m.tension[T] == pytest.approx(0.5 - 0.05)  # 0.1 a day for half a day
    run_hours(e, 13)
    assert any(x["type"] == "local_agreement_ended" for x in e.events)


def test_rumours_spread_by_radio_and_facts_counter_them():
    e = calm_world(world("""  community:
    - {id: radio, name: Radio, kind: local_radio, location: town}
  units:"""))
    m = e.model
    ev_ = do(e, "rumour", location="town", amount=0.4, tension=0.2, spread_hops=1)
    assert ev_["reached"] == ["village", "site", "base"]
    assert m.tension[V] == pytest.approx(0.3) and m.tension[T] == pytest.approx(0.4)
    ev_ = do(e, "counter_rumour", "civilian", location="town")
    assert ev_["reached"] == ["town", "village", "site", "base"]
    assert m.tension[V] == pytest.approx(0.15) and m.tension[T] == pytest.approx(0.25)


def test_the_measures_count_clashes_and_alerts_answered_in_time(mini):
    events = [ev(1, "tension_alert", hour=2, location="town", teams=["civilian"]),
              ev(2, "mediation", hour=10, location="town", team="civilian"),
              ev(3, "tension_alert", turn=2, hour=14, location="village", teams=["civilian"]),
              ev(4, "intercommunal_clash", turn=2, hour=16, location="village"),
              ev(5, "mediation", turn=2, hour=20, location="village", team="civilian")]
    c = Ctx(run_of(*events), mini, Scope(teams=frozenset({"civilian"})))
    r = tension_alerts_acted_on(c)
    assert (r.value, r.evidence) == (0.5, ["e000001", "e000002", "e000003", "e000004"])
    assert r.text("en") == "1 of 2 warnings of rising tension answered at the place in time"
    assert clashes(Ctx(run_of(*events), mini, Scope())).value == 1
    police = Ctx(run_of(*events), mini, Scope(teams=frozenset({"police"})))
    assert tension_alerts_acted_on(police).value is None


def _patrol(n, hour, location, until=30.0, arrive=None):
    return ev(n, "presence", hour=hour, location=location, team="force", unit="coy_a",
              mode="patrol", arrive_hour=hour + 1 if arrive is None else arrive,
              until_hour=until)


def _order(n, hour, unit="coy_a"):
    return ev(n, "decision_accepted", hour=hour, team="force", action="patrol",
              params={"unit": unit, "location": "site"})


@pytest.mark.parametrize("before, answered", [
    ([_patrol(1, 0, "town")], 1.0),  # standing there when the alert came, kept there
    ([_patrol(1, 0, "town", until=3)], 0.0),  # its patrol was over
    ([_patrol(1, 0, "town", arrive=6)], 0.0),  # still on its way
    ([_patrol(1, 0, "village")], 0.0),  # elsewhere
    ([_patrol(1, 0, "town"), _order(2, 2)], 0.0),  # sent elsewhere before the alert
    ([_patrol(1, 0, "town"), _order(2, 2, unit="coy_b")], 1.0),  # another unit sent
])
def test_a_unit_already_standing_at_the_place_answers_the_alert(mini, before, answered):
    events = before + [ev(9, "tension_alert", hour=4, location="town", teams=["force"])]
    c = Ctx(run_of(*events), mini, Scope(teams=frozenset({"force"})))
    r = tension_alerts_acted_on(c)
    assert r.value == answered
    assert ("e000001" in r.evidence) == bool(answered)


def test_recruitment_pressure_takes_boys_and_men_where_tension_runs_high_less_where_youth_are_engaged():
    text = world().replace("tactics: [raid, ambush], reach_km: 40}",
                           "tactics: [raid, ambush], reach_km: 40, recruitment: 0.3}")
    counts = {}
    for engaged in (False, True):
        e = calm_world(text)
        m = e.model
        m.tension[:] = 0.0
        m.tension[T] = 1.0
        if engaged:
            do(e, "engage", "civilian", location="town", consult=["youth"])
            m.tension[T] = 1.0
        run_hours(e, 24)
        m.log_crossings()
        (r,) = [x for x in e.events if x["type"] == "recruitment"]  # nobody where tension is 0
        by = r["recruited_by_group"]
        assert r["location"] == "town" and by["women"] == by["girls"] == by["older"] == 0
        assert r["recruited"] == by["boys"] + by["men"]
        assert m.armed["band"].strength == 40 + r["recruited"]
        counts[engaged] = r["recruited"]
    assert counts[False] == pytest.approx(0.3 * 1600, rel=0.15)  # 700 boys and 900 men a day
    assert counts[True] < 0.65 * counts[False]
