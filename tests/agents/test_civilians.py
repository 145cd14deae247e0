"""Vectorised civilians: flight from risk (Flee-style), capacity, needs and aid."""

import numpy as np
import pytest

from agents.civilians import split_counts
from tests.conftest import run_hours

V, T, S, B = 0, 1, 2, 3


def test_split_counts_is_exact_and_proportional():
    assert split_counts(10, np.array([1.0, 1.0, 2.0])).tolist() == [3, 2, 5]
    assert split_counts(7, np.array([0.0, 0.0])).tolist() == [0, 0]
    assert split_counts(1000, np.array([0.2, 0.3, 0.5])).sum() == 1000


def test_nobody_moves_without_risk(calm):
    ex = calm
    c = ex.model.civilians
    run_hours(ex, 48)
    assert c.displaced_total() == 0


def test_people_flee_risk_towards_safer_attractive_places(calm):
    ex = calm
    c = ex.model.civilians
    c.risk[V] = 1.0
    before = c.present()[V].sum()
    run_hours(ex, 24)
    assert c.present()[V].sum() < 0.7 * before
    # they are displaced (at other places or walking), not at home
    assert c.displaced_total() > 0.3 * before
    away = c.dense()[V].sum() - c.dense()[V, V].sum()
    assert away + c.in_transit().sum() == c.displaced_total()
    # the safe, attractive site and town draw more than the base further away
    assert c.dense()[V, S].sum() + c.dense()[V, T].sum() > c.dense()[V, B].sum()


def test_protection_reassures(mini):
    from simulator.play.exercise import Exercise
    from tests.conftest import do
    left = []
    for protect in (False, True):
        ex = Exercise(mini.model_copy(update={"msel": []}), seed=5)
        ex.reset()
        ex.model.armed["band"].grievance = 0.0
        if protect:
            do(ex, "presence", "police", unit="fpu", location="village", mode="guard")
            run_hours(ex, 1)
        ex.model.civilians.risk[V] = 0.6
        run_hours(ex, 12)
        left.append(ex.model.civilians.displaced_total())
    assert left[1] < 0.5 * left[0]


def test_full_site_is_avoided(mini):
    from simulator.play.exercise import Exercise
    at_site = []
    for capacity in (3000, 100):
        ex = Exercise(mini.model_copy(update={"msel": []}), seed=5)
        ex.reset()
        ex.model.armed["band"].grievance = 0.0
        c = ex.model.civilians
        c.capacity[S] = capacity
        c.risk[T] = 1.0
        run_hours(ex, 24)
        at_site.append(c.dense()[T, S].sum())
    # Flee's soft capacity: people stop choosing a full site (some were already on the way)
    assert at_site[1] < 0.5 * at_site[0]


def test_displaced_go_home_when_safe(calm):
    ex = calm
    c = ex.model.civilians
    c.risk[V] = 1.0
    run_hours(ex, 12)
    away = c.displaced_total()
    c.risk[:] = 0
    run_hours(ex, 24 * 10)
    assert c.displaced_total() < 0.7 * away  # return_chance 0.05/day: about 40 % in 10 days


def test_displaced_lack_what_residents_have_and_aid_fills_it(calm):
    ex = calm
    c = ex.model.civilians
    c.risk[V] = 1.0
    run_hours(ex, 24)
    unmet_before = c.unmet[T].sum()
    # the people who stayed home lack nothing
    assert unmet_before > 0 and c.unmet[V].sum() == 0
    c.aid_stock[T] = 1e6
    run_hours(ex, 12)
    assert c.unmet[T].sum() == pytest.approx(unmet_before, abs=1.0)
    assert c.aid_used[T].sum() > 0


def test_unmet_water_kills_the_vulnerable_first(calm):
    ex = calm
    c = ex.model.civilians
    c.coverage[:, 0] = 0.0  # no water anywhere
    run_hours(ex, 24 * 4)
    dead = c.deaths[3].sum(axis=0)  # deprivation, by group
    assert dead.sum() > 0
    per_capita = dead / np.array([1400, 1250, 1000, 1000, 300])
    assert per_capita[4] > per_capita[1]  # older people before men


def test_untreated_injured_die_more_than_treated(mini):
    from simulator.play.exercise import Exercise
    deaths = []
    for care in (0, 48):
        ex = Exercise(mini, seed=2)
        ex.reset()
        c = ex.model.civilians
        c.wound(T, np.array([100, 100, 0, 0, 0]))
        c.treated[T] = care
        run_hours(ex, 24)
        deaths.append(c.deaths[4].sum())
    assert deaths[0] > deaths[1]


def test_site_with_no_room_attracts_nobody(calm):
    c = calm.model.civilians
    c.capacity[S] = 0
    c.risk[T] = 1.0
    run_hours(calm, 24)
    assert c.dense()[:, S].sum() == 0 and c.incoming[S] == 0
