"""Every cited event supports what it is cited for, in the shipped scenarios' ratings.

Every rating of a run is walked (``check_evidence``; the shipped scenarios' audit runs it
on every play of every strategy): a measure cites only events of the kinds it counts, within its scope,
and its number agrees with what it cites; a task's causes cite only its own measures'
evidence, for measures below P, events that show a shortfall, ranked by harm.
"""

import tempfile

import pytest

from debrief.measures import EVIDENCE
from debrief.ratings import rate_objectives
from debrief.rootcause import causes
from debrief.rundata import load_run
from simulator.language.measure_specs import SPECS
from simulator.language.validation import load_scenario
from simulator.play.outputs import write_run
from simulator.play.runner import play
from tests.conftest import ROOT

STRATEGIES = ("doctrine", "passive", "random", "spam", "paperwork", "checklist")


def rated(path, strategy, seed=0):
    scenario = load_scenario(path)
    ex = play(scenario, seed, [], {t.id: strategy for t in scenario.teams})
    with tempfile.TemporaryDirectory() as folder:
        write_run(ex, folder)
        run = load_run(folder)
    return scenario, run, rate_objectives(scenario, run)


def within_scope(e: dict, m, ctx_unit_team: dict) -> bool:
    s = m.scope
    if s.turns and not s.turns[0] <= e["turn"] <= s.turns[1]:
        return False
    if s.places and e.get("location") is not None and e["location"] not in s.places:
        return m.metric in ("orders_effective", "assessed_before_aid")  # orders cite decisions
    if m.metric == "consulted" and e["type"] == "decision_accepted":
        return True  # the mission's order that protected the place, whichever team gave it
    if s.teams and "teams" in SPECS[m.metric].scope and "team" in e and e["type"] not in (
            "inject_fired", "early_warning_reported"):
        carrier = ctx_unit_team.get(e.get("by"))
        return e["team"] in s.teams or carrier in s.teams
    return True


def agrees(m, cited: list[dict]) -> bool:
    """The measure's number is what its cited events add up to."""
    v = m.result.value
    counted = {"incidents": len, "attacks": lambda c: sum(e["type"] == "attack" for e in c),
               "principle_breaches": len, "aid_as_leverage": len, "abuse_incidents": len,
               "detentions_overdue": len,
               "sgbv_cases": lambda c: sum(e["cases"] for e in c),
               "sgbv_referred": lambda c: sum(e["cases"] for e in c),
               "deaths_in_warned_attacks": lambda c: sum(e.get("deaths", 0) for e in c)}
    if m.metric in counted:
        return v == counted[m.metric](cited)
    if m.metric == "expected_actions_met":
        return abs(v - sum(e["met"] for e in cited) / len(cited)) < 1e-9
    if m.metric == "hrddp_before_support":
        ok = sum(e["hrddp_assessed"] and e.get("advice") != "withhold support" for e in cited)
        return abs(v - ok / len(cited)) < 1e-9
    if m.metric == "sgbv_referral_share":
        total = sum(e["cases"] for e in cited)
        return abs(v - round(sum(e["cases"] for e in cited
                                 if e["type"] == "sgbv_referred") / total, 3)) < 1e-9
    if m.metric in ("orders_effective", "detentions_founded"):
        return m.result.args["orders"] == len(cited)
    return True


# Events a cause may cite: each shows a shortfall.
ADVERSE = {"attack", "abuse_by_host_force", "principle_breach", "aid_as_leverage",
           "sgbv_unattended", "detention_overdue", "detention_failed", "aid_blocked",
           "convoy_ambushed", "trust_lost", "flood_deaths", "disease_deaths",
           "deprivation_deaths", "injury_deaths", "intercommunal_clash", "crowd_incident",
           "recruitment", "children_handover_overdue", "children_handed_to_security_forces",
           "children_handover_failed", "convoy_turned_back", "levy_paid", "crop_damage",
           "local_agreement_failed"}


def adverse(e: dict, m) -> bool:
    if e["type"] in ADVERSE:
        return True
    if e["type"] == "expected_action":
        return not e["met"]
    if e["type"] in ("host_force_supported", "handover"):
        return not e["hrddp_assessed"] or e.get("advice") == "withhold support"
    if e["type"] == "decision_accepted":  # an order without effect, or aid not assessed
        failed = {f["id"] for f in m.result.args.get("failed", [])}
        return e["id"] in failed or e["id"] in m.result.args.get("unassessed", [])
    if e["type"] == "checkpoint_passage":  # people taken at the checkpoint
        return e.get("abducted", 0) > 0
    if e["type"] == "assessment":
        return not e.get("disaggregated", True)
    if e["type"] == "attack_deterred":  # a warned attack nobody consulted the people before
        return e["id"] in m.result.args.get("missed", [])
    return False


def check_evidence(scenario, run, objectives) -> None:
    """Walk every rating of one run (see the module's docstring); assert on any fault."""
    index = {e["id"]: e for e in run.events}
    unit_team = {a: t.id for t in scenario.teams for a in t.assets}
    for o in objectives:
        for task in o.tasks:
            for m in task.measures:
                cited = [index[i] for i in m.result.evidence]
                assert len(set(m.result.evidence)) == len(m.result.evidence), m.id
                for e in cited:
                    assert e["type"] in EVIDENCE[m.metric], (m.id, e)
                    assert within_scope(e, m, unit_team), (m.id, m.scope, e)
                if m.result.value is not None and cited:
                    assert agrees(m, cited), (m.id, m.result.value, m.result.args)
            found = causes(run, task)
            assert [c.harm for c in found] == sorted((c.harm for c in found), reverse=True)
            by_measure = {m.id: m for m in task.measures}
            for c in found:
                m = by_measure[c.measure]
                assert m.rating not in (None, "P"), (task.id, c)
                assert set(c.evidence) <= set(m.result.evidence), (task.id, c)
                assert all(adverse(index[i], m) for i in c.evidence), (task.id, c)


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_cited_events_support_their_ratings(strategy):
    """On the civilian-protection scenario, one seed per strategy (the shipped scenarios'
    audit, tests/scenarios/test_shipped.py, walks every play of every strategy too)."""
    check_evidence(*rated(ROOT / "scenarios" / "poc-inner-delta.yaml", strategy))


def test_a_task_that_protects_no_one_is_never_p():
    """Passive and paperwork teams protect nobody: no task of theirs is rated P."""
    for strategy in ("passive", "paperwork"):
        _, _, objectives = rated(ROOT / "scenarios" / "poc-inner-delta.yaml", strategy, seed=1)
        assert [t.id for o in objectives for t in o.tasks if t.rating == "P"] == [], strategy
