"""Each measure on a small hand-built event log with a known answer, within its scope."""

import pytest

from debrief.measures import (
    abuse_incidents,
    aid_as_leverage,
    assessed_before_aid,
    attacks_deterred,
    casualties,
    civilian_deaths,
    consulted,
    deaths_in_warned_attacks,
    detentions_founded,
    detentions_overdue,
    disaggregated,
    expected_actions_met,
    hrddp_before_support,
    incidents,
    incidents_by_type,
    information_shared,
    orders_effective,
    people_reached,
    principle_breaches,
    referral_before_first_case,
    response_hours,
    sgbv_referral_share,
    trust_mean_final,
    unmet_need_person_days,
    warnings_acted_on,
)
from debrief.rundata import RunData, RunError, load_run
from debrief.scope import Ctx, Scope
from simulator.language.scenario import Action

GROUPS = ("women", "men", "girls", "boys", "older")


def ev(n, type_, turn=1, hour=0.0, cause="rule:x", **data):
    return {"id": f"e{n:06d}", "type": type_, "turn": turn, "hour": hour, "cause": cause, **data}


def run_of(*events, outcomes=None, turns=4, rows=()):
    return RunData(list(events), list(rows), {"outcomes": outcomes or {}, "turns_played": turns},
                   [], [])


def row(turn, location, **values):
    base = {f"{k}_{g}": 0 for k in ("deaths", "injuries") for g in GROUPS}
    base.update({c: 0 for c in ("violence_deaths", "flood_deaths", "disease_deaths",
                                "deprivation_deaths", "injury_deaths")})
    return {**base, "turn": turn, "location": location, "population": 100, "displaced": 0,
            "unmet_person_days": 0.0, "aid_person_days": 0.0, "trust": 0.5, **values}


@pytest.fixture(scope="module")
def world(mini):
    """The mini world with the support, handover and detention actions the measures judge."""
    extra = [Action.model_validate({
        "id": aid, "team": ["force", "police"], "name": {"en": aid, "fr": aid},
        "params": params, "effects": [effect]})
        for aid, params, effect in (
            ("fuel", {}, {"support_host_forces": {"host_force": "army"}}),
            ("hand", {}, {"handover": {"host_force": "army"}}),
            ("detain", {"location": {"type": "location"}},
             {"detain": {"unit": "coy_a", "location": "$location", "armed_group": "band"}}),
            ("fly_aid", {"location": {"type": "location"}},
             {"supply": {"location": "$location", "need": "food", "amount": 100,
                         "unit": "heli"}}),
            ("evacuate", {"location": {"type": "location"}},
             {"evacuate": {"from": "$location", "to": "town", "unit": "coy_a"}}))]
    return mini.model_copy(update={"actions": [*mini.actions, *extra]})


def ctx(world, *events, scope=None, **kw):
    return Ctx(run_of(*events, **kw), world, scope or Scope())


def order(n, team, action, turn=1, hour=0.0, **params):
    return ev(n, "decision_accepted", turn=turn, hour=hour, cause=f"decision:d{n}", team=team,
              action=action, params=params)


def test_outcomes_at_the_scope_places_and_turns(world):
    rows = [row(1, "village", deaths_women=3, violence_deaths=3),
            row(2, "village", deaths_men=2, flood_deaths=2),
            row(2, "town", deaths_girls=5, disease_deaths=5)]
    events = [ev(1, "attack", location="village", deaths=3),
              ev(2, "flood_deaths", turn=2, location="village", deaths=2),
              ev(3, "disease_deaths", turn=2, location="town", deaths=5)]
    everywhere = ctx(world, *events, rows=rows)
    assert civilian_deaths(everywhere).value == 10
    village = Scope(places=frozenset({"village"}))
    r = civilian_deaths(ctx(world, *events, rows=rows, scope=village))
    assert (r.value, r.evidence) == (5, ["e000001", "e000002"])
    assert r.text("en") == "civilian_deaths: 5 at village"
    assert r.text("fr") == "civilian_deaths : 5 à village"
    turn2 = Scope(places=frozenset({"village"}), turns=(2, 2))
    assert civilian_deaths(ctx(world, *events, rows=rows, scope=turn2)).value == 2
    flood = casualties(ctx(world, *events, rows=rows, scope=village), cause="flood")
    assert (flood.value, flood.evidence) == (2, ["e000002"])
    women = casualties(ctx(world, *events, rows=rows), "deaths", "women")
    assert (women.value, women.text("en")) == (3, "3 deaths (women)")


def test_unmet_need_and_trust_at_places(world):
    rows = [row(1, "site", unmet_person_days=100.0, population=50, trust=0.4),
            row(2, "site", unmet_person_days=50.0, population=150, trust=0.6),
            row(2, "town", unmet_person_days=999.0, population=50, trust=0.2)]
    site = Scope(places=frozenset({"site", "town"}), turns=(1, 2))
    blocked = ev(1, "aid_blocked", location="site", team="humanitarian")
    r = unmet_need_person_days(ctx(world, blocked, rows=rows, scope=site))
    assert (r.value, r.evidence) == (1149.0, ["e000001"])
    # Final trust weighted by the people at each place.
    assert trust_mean_final(ctx(world, rows=rows, scope=site)).value == 0.5
    assert unmet_need_person_days(ctx(world, outcomes={"unmet_need_person_days": 7.0})).value == 7


def test_incidents_and_deterrence_by_place_and_team(world):
    events = [ev(1, "attack", tactic="raid", location="village", planned=True),
              ev(2, "attack", tactic="ied", location="town"),
              ev(3, "abuse_by_host_force", location="village"),
              ev(4, "attack_deterred", location="village", protected_by=["coy_a"]),
              ev(5, "attack_deterred", location="village", protected_by=["fpu"])]
    assert incidents(ctx(world, *events)).value == 3
    assert incidents(ctx(world, *events, scope=Scope(places=frozenset({"town"})))).value == 1
    r = incidents_by_type(ctx(world, *events))
    assert r.detail == "abuse_by_host_force: 1, ied: 1, raid: 1"
    force = attacks_deterred(ctx(world, *events, scope=Scope(teams=frozenset({"force"}))))
    # Deterred by the force's unit; the planned attack that came anyway is cited beside it.
    assert (force.value, force.evidence) == (1, ["e000004", "e000001"])
    assert attacks_deterred(ctx(world, *events)).value == 2


def test_harm_from_decisions_applies_only_where_decisions_were_taken(world):
    force = Scope(teams=frozenset({"force"}))
    assert abuse_incidents(ctx(world, scope=force)).value is None
    assert abuse_incidents(ctx(world, scope=force)).detail == \
        "no support to host forces: nothing to judge"
    given = ev(1, "host_force_supported", cause="decision:d1", team="force", host_force="army",
               hrddp_assessed=False)
    abuses = [ev(2, "abuse_by_host_force", cause="decision:d1", deaths=2, location="town"),
              ev(3, "abuse_by_host_force", cause="decision:other", deaths=5, location="town")]
    r = abuse_incidents(ctx(world, given, *abuses, scope=force))
    assert (r.value, r.evidence) == (1, ["e000002"])
    assert r.detail == "1 abuse (2 deaths) after 1 support by the mission"
    assert abuse_incidents(ctx(world, given, *abuses, scope=force), act="handover").value is None
    assert principle_breaches(ctx(world, scope=force)).value is None
    flights = [order(4, "force", "fly_aid", location="town"),
               ev(5, "principle_breach", team="force", location="town")]
    r = principle_breaches(ctx(world, *flights, scope=force))
    assert (r.value, r.evidence) == (1, ["e000005"])
    assert aid_as_leverage(ctx(world, scope=force)).value is None
    assert aid_as_leverage(ctx(world, *flights, scope=force)).value == 0


def test_hrddp_support_after_a_withhold_advice_is_a_breach(world):
    events = [ev(1, "host_force_supported", team="force", hrddp_assessed=False),
              ev(2, "host_force_supported", team="force", hrddp_assessed=True,
                 advice="support with mitigation"),
              ev(3, "host_force_supported", team="police", hrddp_assessed=True,
                 advice="withhold support"),
              ev(4, "handover", team="force", detainees=0, hrddp_assessed=False),  # nothing given
              ev(5, "handover", team="police", detainees=3, hrddp_assessed=True, advice="support")]
    r = hrddp_before_support(ctx(world, *events))
    assert (r.value, r.evidence) == (0.5, ["e000001", "e000002", "e000003", "e000005"])
    assert r.detail.endswith("(1 against a 'withhold' advice)")
    assert hrddp_before_support(ctx(world, *events, scope=Scope(teams=frozenset({"force"})))) \
        .value == 0.5
    assert hrddp_before_support(ctx(world, *events), act="handover").value == 1.0
    assert hrddp_before_support(ctx(world)).value is None


def expected(n, status, action="patrol", team="force", task="ct"):
    return ev(n, "expected_action", team=team, action=action, met=status == "met",
              status=status, critical_task=task)


def test_expected_actions_are_counted_by_their_effect(world):
    events = [expected(1, "met"), expected(2, "attempted"), expected(3, "missed"),
              expected(4, "met", team="civilian", action="engage"),
              expected(5, "met", task="other")]
    r = expected_actions_met(ctx(world, *events, scope=Scope(teams=frozenset({"force"}))), "ct")
    assert (r.value, r.evidence, r.kind) == (pytest.approx(1 / 3), ["e000001", "e000002",
                                                                     "e000003"], "effect")
    assert r.detail == "1 of 3 expected actions met by their effect (1 attempted without " \
        "effect, 0 refused, 1 not ordered)"
    paper = expected_actions_met(ctx(world, *events,
                                     scope=Scope(teams=frozenset({"civilian"}))), "ct")
    assert (paper.value, paper.kind) == (1.0, "process")  # consultations only: paperwork
    assert expected_actions_met(ctx(world, *events), "none").value is None


def test_warnings_acted_on_and_their_deaths(world):
    events = [ev(1, "inject_fired", cause="inject:w", inject="w", to=["force"]),
              ev(2, "threat_planned", cause="inject:w", location="village"),
              ev(3, "early_warning_reported", hour=2.0, cause="inject:x", location="town",
                 team="civilian"),
              ev(4, "attack_deterred", hour=10.0, cause="inject:w", location="village"),
              ev(5, "attack", hour=12.0, cause="inject:x", location="town", planned=True,
                 protected_by=[], deaths=7),
              ev(6, "attack", hour=14.0, cause="rule:raid", location="site", planned=False,
                 deaths=9)]
    assert warnings_acted_on(ctx(world, *events)).value == 0.5
    force = Scope(teams=frozenset({"force"}))
    r = warnings_acted_on(ctx(world, *events, scope=force))
    assert (r.value, r.evidence) == (1.0, ["e000001", "e000004"])
    networks = warnings_acted_on(ctx(world, *events), source="alert_network")
    assert (networks.value, networks.evidence) == (0.0, ["e000003", "e000005"])
    d = deaths_in_warned_attacks(ctx(world, *events))
    assert (d.value, d.evidence) == (7, ["e000005"])  # the unwarned raid is not counted
    assert warnings_acted_on(ctx(world, *events[5:])).value is None


def test_consultations_count_when_the_place_was_then_protected_in_time(world):
    warned = [ev(1, "inject_fired", inject="w", to=["civilian"]),
              ev(2, "threat_planned", cause="inject:w", location="village"),
              ev(3, "attack", hour=20.0, cause="inject:w", location="village", planned=True)]
    talk = ev(4, "engagement", hour=5.0, team="civilian", location="village",
              consulted=["leaders", "women"])
    act = order(5, "force", "patrol", hour=6.0, unit="coy_a", location="village")
    stood = ev(6, "presence", hour=6.0, cause="decision:d5", unit="coy_a", location="village",
               arrive_hour=8.0, until_hour=24.0)
    left = ev(6, "presence", hour=6.0, cause="decision:d5", unit="coy_a", location="village",
              arrive_hour=8.0, until_hour=12.0)
    r = consulted(ctx(world, *warned, talk, act, stood))
    assert (r.value, r.evidence) == (1.0, ["e000003", "e000004", "e000005"])
    assert r.text("en") == "women consulted, then the place protected when the attack came, " \
                           "for 1 of 1 warned attack"
    assert consulted(ctx(world, *warned, talk)).value == 0.0  # nothing followed
    # A patrol ordered there that had left before the attack protected no one.
    assert consulted(ctx(world, *warned, talk, act, left)).value == 0.0
    assert consulted(ctx(world, *warned, talk, act)).value == 0.0  # never got there
    assert consulted(ctx(world, *warned, talk, act, stood), "youth").value == 0.0
    assert consulted(ctx(world, talk, act, stood)).value is None  # no warned attack
    # An order given before the consultation was not informed by it.
    early = order(5, "force", "patrol", turn=0, hour=1.0, unit="coy_a", location="village")
    assert consulted(ctx(world, *warned, talk, early, stood)).value == 0.0
    # People evacuated before an attack that still struck, with no unit there: not protected.
    moved = order(7, "force", "evacuate", hour=6.0, location="village")
    evacuation = ev(8, "evacuation", hour=8.0, cause="decision:d7", location="village",
                    people=20)
    assert consulted(ctx(world, *warned, talk, moved, evacuation)).value == 0.0
    called_off = [warned[0], warned[1], dict(warned[2], type="attack_deterred")]
    assert consulted(ctx(world, *called_off, talk, moved, evacuation)).value == 1.0
    # A warning to another component is the mission's: the civilians consult on it too.
    civilian = Scope(teams=frozenset({"civilian"}))
    elsewhere = [ev(1, "inject_fired", inject="w", to=["police"])] + warned[1:]
    assert consulted(ctx(world, *elsewhere, talk, act, stood, scope=civilian)).value == 1.0


def test_sgbv_referral_share_and_pathway_timing(world):
    cases = [ev(1, "sgbv_referred", location="town", cases=3),
             ev(2, "sgbv_unattended", location="village", cases=1)]
    r = sgbv_referral_share(ctx(world, *cases))
    assert (r.value, r.evidence) == (0.75, ["e000001", "e000002"])
    assert sgbv_referral_share(ctx(world)).value is None
    assert referral_before_first_case(ctx(world, ev(3, "referral_pathway"))).value == 1
    assert referral_before_first_case(ctx(world, *cases, ev(3, "referral_pathway"))).value == 0


def test_detentions_founded_and_overdue(world):
    force = Scope(teams=frozenset({"force"}))
    assert detentions_founded(ctx(world, scope=force)).value is None
    events = [ev(1, "detention", team="force", location="village"),
              ev(2, "detention_failed", team="force", location="town"),
              ev(3, "detention_overdue", team="force")]
    assert detentions_founded(ctx(world, *events, scope=force)).value == 0.5
    assert detentions_overdue(ctx(world, *events, scope=force)).value == 1


def test_aid_after_an_assessment(world):
    events = [ev(1, "assessment", turn=1, location="town", team="humanitarian"),
              order(2, "humanitarian", "deliver", turn=3, location="town", need="food"),
              order(3, "humanitarian", "deliver", turn=5, location="town", need="food"),
              order(4, "humanitarian", "deliver", turn=2, location="site", need="food")]
    r = assessed_before_aid(ctx(world, *events, scope=Scope(teams=frozenset({"humanitarian"}))))
    assert (r.value, r.args["unassessed"]) == (0.333, ["e000003", "e000004"])


def test_orders_count_when_they_had_their_effect(world):
    """A patrol that got there counts; one that arrived after the next turn, aid blocked on
    the road, an assessment (paper) or the police's order do not; volume does not pay."""
    force = Scope(teams=frozenset({"force"}))
    assert orders_effective(ctx(world, scope=force)).value is None
    events = [order(1, "force", "patrol", unit="coy_a", location="village"),
              ev(2, "presence", hour=3.0, cause="decision:d1", location="village",
                 arrive_hour=3.0, until_hour=30.0),
              order(3, "force", "patrol", unit="heli", location="town"),
              ev(4, "presence", hour=40.0, cause="decision:d3", location="town",
                 arrive_hour=40.0, until_hour=50.0),
              order(5, "force", "fly_aid", location="site"),
              ev(6, "aid_blocked", hour=2.0, cause="decision:d5", location="site"),
              order(7, "humanitarian", "assess", location="site"),
              order(8, "police", "patrol", unit="fpu", location="town")]
    r = orders_effective(ctx(world, *events, scope=force))
    assert (r.value, r.evidence) == (0.333, ["e000001", "e000003", "e000005"])
    assert r.args["failed"] == [{"id": "e000003", "reason": "arrived_late"},
                                {"id": "e000005", "reason": "aid_blocked"}]
    # ``of`` judges only some primitives; a scope's places keep orders for those places.
    r = orders_effective(ctx(world, *events, scope=force), of="supply")
    assert (r.value, r.evidence) == (0.0, ["e000005"])
    at_village = Scope(teams=frozenset({"force"}), places=frozenset({"village"}))
    assert orders_effective(ctx(world, *events, scope=at_village)).value == 1.0
    # The same patrol ordered ten times more, none of them getting there, lowers the share.
    spam = [order(10 + k, "force", "patrol", unit="coy_a", location="site") for k in range(10)]
    assert orders_effective(ctx(world, *events, *spam, scope=force)).value == 0.077


def test_response_hours_from_warning_to_presence(world):
    events = [ev(1, "inject_fired", hour=12.0, cause="inject:w", inject="w"),
              ev(2, "threat_planned", hour=12.0, cause="inject:w", location="kono"),
              ev(3, "presence", hour=5.0, location="kono", team="force"),  # before: no credit
              ev(4, "presence", hour=24.0, location="sare", team="force"),  # elsewhere
              ev(5, "presence", hour=36.0, location="kono", team="police"),
              ev(6, "presence", hour=48.0, location="kono", team="force")]
    r = response_hours(ctx(world, *events), "w")
    assert (r.value, r.evidence) == (24.0, ["e000001", "e000005"])
    assert r.detail == "presence by police at kono 24 h after w"
    assert response_hours(ctx(world, *events, scope=Scope(teams=frozenset({"force"}))),
                          "w").value == 36.0
    assert response_hours(ctx(world), "w").detail == "inject w did not fire"


def test_process_measures(world):
    shares = [ev(1, "information_shared", turn=1, team="force", facts=3),
              ev(2, "information_shared", turn=2, team="force", facts=0),  # nothing new: no
              ev(3, "information_shared", turn=3, team="police", facts=1)]
    r = information_shared(ctx(world, *shares, turns=4, scope=Scope(teams=frozenset({"force"}))))
    assert (r.value, r.detail) == (0.25, "shared in 1 of 4 turns")
    assessments = [ev(1, "assessment", team="humanitarian", disaggregated=True),
                   ev(2, "assessment", team="humanitarian", disaggregated=False)]
    assert disaggregated(ctx(world, *assessments)).value == 0.5
    assert disaggregated(ctx(world)).value is None


def test_people_reached_per_need_over_the_days_played(world):
    events = [ev(1, "aid_delivered", team="humanitarian", need="water", amount=3000.0,
                 location="camp"),
              ev(2, "aid_delivered", team="force", need="water", amount=1800.0, location="town"),
              ev(3, "turn_closed", turn=2, hour=48.0)]
    r = people_reached(ctx(world, *events), "water")
    assert (r.value, r.evidence) == (2400.0, ["e000001", "e000002"])  # 4800 over 2 days
    assert people_reached(ctx(world, *events, scope=Scope(teams=frozenset({"force"}))),
                          "water").value == 900.0


def test_measures_on_a_real_run(tmp_path, mini):
    from debrief.ratings import rate_objectives
    from simulator.language.validation import scenario_from_text
    from simulator.play.decisions import Decision
    from simulator.play.outputs import write_run
    from simulator.play.runner import play
    from tests.conftest import MINI, MINI_OBJECTIVES
    s = scenario_from_text(MINI.read_text() + MINI_OBJECTIVES)
    patrols = [Decision(t, "force", "patrol", {"unit": "coy_a", "location": "village"})
               for t in (1, 2)]
    ex = play(s, 1, patrols)
    write_run(ex, tmp_path)
    run = load_run(tmp_path)
    (o,) = rate_objectives(s, run)
    (m,) = o.tasks[0].measures
    village = sum(r[f"deaths_{g}"] for r in run.timeseries if r["location"] == "village"
                  for g in GROUPS)
    assert m.result.value == village and m.scope.places == frozenset({"village"})
    assert run.timeseries[0]["population"] == 1450


def test_unreadable_run_folder(tmp_path):
    with pytest.raises(RunError, match="events.jsonl: cannot read"):
        load_run(tmp_path)
    (tmp_path / "events.jsonl").write_text('{"id": 1}\nnot json\n')
    with pytest.raises(RunError, match=r"events.jsonl:2: not JSON"):
        load_run(tmp_path)


def test_every_detail_reads_in_both_languages_with_the_same_fields():
    from debrief.sentences import NOTES, describe
    from simulator.i18n import tr
    from simulator.languages import fields
    for note, english in NOTES.items():
        assert fields(tr(english, "fr")) == fields(english), note
    assert describe("cause_missed", {"team": "force", "action": "share", "where": None,
                                     "by_turn": 2, "inject": "i1"}, "en") == \
        "force did not order share by turn 2, as inject i1 expected"
    assert describe("cause_attempted", {"team": "force", "action": "patrol", "where": "village",
                                        "by_turn": 2, "inject": "i1", "why": "left_early"},
                    "fr").endswith("sans effet à l'échéance (tour 2) : l'unité était repartie "
                                   "avant l'attaque")


def test_a_counted_detail_takes_the_plural_its_count_calls_for():
    from debrief.sentences import COUNTED, describe
    from simulator.languages import extract
    template = {m.id for m in extract()}
    assert [note for note, (_, text) in COUNTED.items() if text not in template] == []
    said = {(n, lang): describe("cause_unfounded", {"count": n, "places": "Dalou"}, lang)
            for n in (0, 1, 2) for lang in ("en", "fr")}
    assert said == {
        (0, "en"): "0 detention orders where there was nobody to detain (Dalou)",
        (1, "en"): "1 detention order where there was nobody to detain (Dalou)",
        (2, "en"): "2 detention orders where there was nobody to detain (Dalou)",
        (0, "fr"): "0 ordre de détention sans personne à appréhender (Dalou)",
        (1, "fr"): "1 ordre de détention sans personne à appréhender (Dalou)",
        (2, "fr"): "2 ordres de détention sans personne à appréhender (Dalou)"}


def test_a_detail_with_several_counts_gives_each_its_own_plural():
    from debrief.sentences import COUNT_WORDS, describe
    from simulator.languages import extract
    template = {m.id for m in extract()}
    assert [k for parts in COUNT_WORDS.values() for k, forms in parts.items()
            if forms not in template] == []
    one = {"met": 1, "due": 1, "attempted": 0, "refused": 1, "missed": 0}
    many = {"met": 2, "due": 5, "attempted": 1, "refused": 0, "missed": 2}
    said = {(lang, n): describe("expected", args, lang) for lang in ("en", "fr", "pt")
            for n, args in ((1, one), (5, many))}
    assert said == {
        ("en", 1): "1 of 1 expected action met by its effect (0 attempted without effect, "
                   "1 refused, 0 not ordered)",
        ("en", 5): "2 of 5 expected actions met by their effect (1 attempted without effect, "
                   "0 refused, 2 not ordered)",
        ("fr", 1): "1 action attendue sur 1 atteinte par son effet (0 tentée sans effet, "
                   "1 refusée, 0 non ordonnée)",
        ("fr", 5): "2 des 5 actions attendues atteintes par leur effet (1 tentée sans effet, "
                   "0 refusée, 2 non ordonnées)",
        ("pt", 1): "1 de 1 ação esperada realizada pelo seu efeito (0 tentadas sem efeito, "
                   "1 recusada, 0 não ordenadas)",
        ("pt", 5): "2 de 5 ações esperadas realizadas pelo seu efeito (1 tentada sem efeito, "
                   "0 recusadas, 2 não ordenadas)"}
    assert describe("harm", {"abuses": 2, "deaths": 1, "supports": 1}, "pt") == \
        "2 abusos (1 morte) após 1 apoio da missão"


def test_measure_parameter_values_are_checked_when_the_scenario_loads():
    from simulator.language.scenario import Measure
    with pytest.raises(ValueError, match="casualties group must be one of women, men, girls, "
                                         "boys, older, not 'babies'"):
        Measure(id="m", metric="casualties", params={"group": "babies"})
    with pytest.raises(ValueError, match="people_reached need must be one of"):
        Measure(id="m", metric="people_reached", params={"need": "fuel"})
    with pytest.raises(ValueError, match="a measure's team is its scope"):
        Measure(id="m", metric="consulted", params={"team": "force"})
    with pytest.raises(ValueError, match="metric 'civilian_deaths' cannot be scoped by teams"):
        Measure(id="m", metric="civilian_deaths", scope={"teams": ["force"]})


def _in_each_language(note, *args, words=None) -> dict:
    """The sentence ``note`` with each of ``args``, in English, French and Portuguese."""
    from debrief.sentences import describe
    return {lang: [describe(note, a, lang, words and words(lang)) for a in args]
            for lang in ("en", "fr", "pt")}


def test_a_share_of_a_total_takes_its_form_from_the_total():
    from debrief.sentences import describe
    assert _in_each_language("effective", {"effective": 1, "orders": 1},
                             {"effective": 1, "orders": 3}) == {
        "en": ["1 of 1 order had its effect", "1 of 3 orders had their effect"],
        "fr": ["1 ordre sur 1 a eu son effet", "1 des 3 ordres ont eu leur effet"],
        "pt": ["1 de 1 ordem teve efeito", "1 de 3 ordens tiveram efeito"]}
    # A survivor is said without a hedged gender: "personnes survivantes".
    assert describe("referral_share", {"referred": 2, "cases": 3}, "fr") == (
        "2 des 3 personnes survivantes de violences sexuelles ont atteint un circuit de "
        "référencement")


class _Words:
    """Names and numbers as debrief.words.Words gives them, for a sentence alone."""

    def __init__(self, lang):
        self.lang = lang

    def num(self, value):
        from debrief.words import number
        return number(value, self.lang)

    def name(self, key):
        return key

    def names(self, keys):
        raise AssertionError(f"a count taken for a list of places: {keys!r}")


def test_counts_said_with_their_own_words_keep_their_plural_in_a_shared_sentence():
    from debrief.sentences import describe
    one = {"need": "water", "amount": 1200, "drops": 1, "places": 1, "people": 300}
    many = {"need": "water", "amount": 12000, "drops": 3, "places": 2, "people": 3000}
    assert _in_each_language("reached", one, many, words=_Words) == {
        "en": ["1,200 person-days of water in 1 delivery to 1 place: 300 people a day",
               "12,000 person-days of water in 3 deliveries to 2 places: 3,000 people a day"],
        "fr": ["1\u202f200 personnes-jours (eau) en 1 livraison vers 1 lieu : 300 personnes par "
               "jour", "12\u202f000 personnes-jours (eau) en 3 livraisons vers 2 lieux : "
               "3\u202f000 personnes par jour"],
        "pt": ["1\u00a0200 pessoas-dia de água em 1 entrega a 1 local: 300 pessoas por dia",
               "12\u00a0000 pessoas-dia de água em 3 entregas a 2 locais: 3\u00a0000 pessoas "
               "por dia"]}
    assert describe("reached", {**many, "need": "all"}, "pt").startswith(
        "12000 pessoas-dia de ajuda em 3 entregas")
    assert _in_each_language("warned_deaths", {"deaths": 1, "warned": 2},
                             {"deaths": 2, "warned": 1}) == {
        "en": ["1 civilian killed in 2 warned attacks", "2 civilians killed in 1 warned attack"],
        "fr": ["1 civil tué lors de 2 attaques annoncées", "2 civils tués lors de 1 attaque "
               "annoncée"],
        "pt": ["1 civil morto em 2 ataques anunciados", "2 civis mortos em 1 ataque anunciado"]}
    assert describe("overdue", {"turns": 2, "detentions": 1}, "fr") == (
        "détenus gardés au-delà du délai pendant 2 tours (1 détention)")
    assert _in_each_language("cause_unguarded", {"location": "Dalou", "turn": 2, "deaths": 1},
                             {"location": "Dalou", "turn": 2, "deaths": 25}) == {
        "en": ["attack at Dalou in turn 2 (1 death): no unit was posted there",
               "attack at Dalou in turn 2 (25 deaths): no unit was posted there"],
        "fr": ["attaque à Dalou au tour 2 (1 décès) : aucune unité n'y était postée",
               "attaque à Dalou au tour 2 (25 décès) : aucune unité n'y était postée"],
        "pt": ["ataque em Dalou no turno 2 (1 morte): nenhuma unidade estava ali posicionada",
               "ataque em Dalou no turno 2 (25 mortes): nenhuma unidade estava ali posicionada"]}
