"""Armed groups: Epstein deterrence, opportunistic targets, attacks' harm."""

import pytest

from agents.armed_groups import deterrence
from tests.conftest import do, run_hours


def test_deterrence_curve():
    assert deterrence(0, 40, 2.3) == 0
    assert deterrence(40, 40, 2.3) == pytest.approx(0.8997, abs=1e-4)
    assert deterrence(120, 40, 2.3) > 0.99


def test_opportunistic_raids_avoid_protected_places(mini):
    from simulator.play.exercise import Exercise
    targets = {True: [], False: []}
    for protect in (False, True):
        for seed in range(30):
            ex = Exercise(mini, seed=seed)
            ex.reset()
            if protect:
                do(ex, "presence", "police", unit="fpu", location="town", mode="guard", hours=200)
                run_hours(ex, 1)
            g = ex.model.armed["band"]
            targets[protect].append(g.pick_target())
    assert targets[False].count(1) > 15  # the town is the biggest prize
    assert targets[True].count(1) < 3


def test_attack_harms_by_group_and_raises_risk(ex):
    m = ex.model
    m.armed["band"].strike(1, "raid", "test", planned=False)
    (ev,) = [e for e in ex.events if e["type"] == "attack"]
    assert ev["deaths"] == sum(ev["deaths_by_group"].values()) > 0
    assert ev["injuries"] == sum(ev["injuries_by_group"].values()) > 0
    assert m.civilians.risk[1] == pytest.approx(0.8)
    assert m.civilians.risk[0] == pytest.approx(0.32)  # neighbour share 0.4
    assert m.violence.incidents[1] == 1


def test_warned_but_unprotected_attack_costs_trust(ex):
    m = ex.model  # the mini MSEL warned the force of a raid on the village at hour 18
    m.armed["band"].strike(0, "raid", "test", planned=False)  # hour 0: not the warned attack
    assert not [e for e in ex.events if e["type"] == "trust_lost"]
    m.now = 12.0
    m.armed["band"].strike(0, "raid", "test", planned=False)
    lost = [e for e in ex.events if e["type"] == "trust_lost"]
    assert lost and lost[0]["warned_teams"] == ["force"]
    assert m.trust[0] == pytest.approx(0.35)
