"""Decisions that doctrine warns against have the consequences doctrine predicts."""

from pathlib import Path

import pytest

from simulator.language.scenario import Action
from simulator.language.validation import load_scenario
from simulator.play.decisions import Decision
from simulator.play.runner import play

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture(scope="module")
def poc():
    return load_scenario(SCENARIOS / "poc-inner-delta.yaml")


@pytest.fixture(scope="module")
def cmcoord():
    return load_scenario(SCENARIOS / "cmcoord-corridor.yaml")


def _outcome(ex, inject):
    return [e["type"] for e in ex.events if e["cause"] == f"inject:{inject}"
            and e["type"] in ("attack", "attack_deterred")]


@pytest.mark.slow
def test_ignored_early_warning_lets_the_attack_happen(poc):
    """Tiéloba is warned of a raid (inject i02, hour 20). Presence deters it; none does not."""
    presence = [Decision(2, "force", "patrol", {"unit": "coy_b", "location": "tieloba"})]
    for seed in range(6):
        ignored, heeded = play(poc, seed, []), play(poc, seed, presence)
        assert _outcome(ignored, "i02-tieloba-warning") == ["attack"]
        assert _outcome(heeded, "i02-tieloba-warning") == ["attack_deterred"]
        assert heeded.summary()["outcomes"]["civilian_deaths"] < \
            ignored.summary()["outcomes"]["civilian_deaths"]


@pytest.mark.slow
def test_support_without_hrddp_raises_abuse(poc):
    """Joint operations with the gendarmerie, blind or after an HRDDP assessment."""
    blind = [Decision(1, "force", "support_host_forces",
                      {"host_force": "gendarmerie", "kind": "joint_operation"})]
    careful = [Decision(1, "civilian", "hrddp_assessment",
                        {"host_force": "gendarmerie", "mitigation": True}),
               Decision(2, "force", "support_host_forces",
                        {"host_force": "gendarmerie", "kind": "joint_operation"})]
    abuses = {}
    # Without support there is nothing to abuse with: a few seeds show it.
    for label, inputs, seeds in (("blind", blind, 10), ("careful", careful, 10),
                                 ("none", [], 4)):
        abuses[label] = sum(play(poc, seed, inputs).summary()["outcomes"]["abuse_incidents"]
                            for seed in range(seeds))
    assert abuses["none"] == 0
    # Mitigation divides the chance by 10 (violence.abuse_mitigated): on seeds 0-9, 14
    # abuses after blind support, 1 after a mitigated one (25 and 1 on seeds 0-19).
    assert abuses["blind"] >= 4 * max(abuses["careful"], 1)
    assert abuses["blind"] >= 10


def test_handover_without_hrddp_raises_abuse(mini):
    detain = Decision(1, "force", "detain", {"unit": "coy_a", "location": "village",
                                             "armed_group": "band"})
    extra = [Action.model_validate(a) for a in (
        {"id": "detain", "team": "force", "name": "Detain",
         "params": {"unit": {"type": "unit"}, "location": {"type": "location"},
                    "armed_group": {"type": "armed_group"}},
         "effects": [{"detain": {"unit": "$unit", "location": "$location",
                                 "armed_group": "$armed_group"}}]},
        {"id": "handover", "team": "force", "name": "Handover",
         "params": {"to": {"type": "host_force"}},
         "effects": [{"handover": {"host_force": "$to"}}]},
        {"id": "hrddp", "team": "civilian", "name": "HRDDP",
         "params": {"of": {"type": "host_force"}},
         "effects": [{"hrddp_assessment": {"host_force": "$of"}}]})]
    # A host force whose risk HRDDP measures can mitigate (monitoring, conditions).
    actors = mini.actors.model_copy(update={"host_forces": [
        mini.actors.host_forces[0].model_copy(update={"abuse_risk": 0.4})]})
    s = mini.model_copy(update={"actions": list(mini.actions) + extra, "actors": actors})
    blind = [detain, Decision(2, "force", "handover", {"to": "army"})]
    careful = [detain, Decision(1, "civilian", "hrddp", {"of": "army"}),
               Decision(2, "force", "handover", {"to": "army"})]
    counts = {}
    for label, inputs in (("blind", blind), ("careful", careful)):
        runs = [play(s, seed, inputs) for seed in range(20)]
        assert all(any(e["type"] == "handover" and e["detainees"] == 4 for e in r.events)
                   for r in runs)
        counts[label] = sum(r.summary()["outcomes"]["abuse_incidents"] for r in runs)
    assert counts["blind"] >= 4 and counts["blind"] >= 3 * max(counts["careful"], 1), counts


@pytest.mark.slow
def test_military_aid_without_last_resort_costs_access_and_trust(cmcoord):
    """The force trucks food to camps a civilian convoy could reach, without a request."""
    doctrine = {t.id: "doctrine" for t in cmcoord.teams}
    breach = [Decision(2, "force", "military_aid_delivery",
                       {"unit": "transport_coy", "location": "egharo", "need": "food",
                        "amount": 3000}),
              Decision(3, "force", "military_aid_delivery",
                       {"unit": "transport_coy", "location": "tinfaral", "need": "water",
                        "amount": 3000})]
    for seed in range(3):
        lawful, blurred = play(cmcoord, seed, [], doctrine), play(cmcoord, seed, breach, doctrine)
        lo, bo = lawful.summary()["outcomes"], blurred.summary()["outcomes"]
        assert (lo["principle_breaches"], bo["principle_breaches"]) == (0, 2)
        assert bo["humanitarian_access_final"] < lo["humanitarian_access_final"] - 0.3
        trust = {r["turn"]: r["trust"] for r in blurred.timeseries if r["location"] == "egharo"}
        trust_lawful = {r["turn"]: r["trust"] for r in lawful.timeseries
                        if r["location"] == "egharo"}
        assert trust[2] <= trust_lawful[2] - 0.25
        suspended = [e for e in blurred.events if e["type"] == "aid_suspended"]
        assert suspended and not [e for e in lawful.events if e["type"] == "aid_suspended"]
