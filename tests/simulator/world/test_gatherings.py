"""Gatherings: people converge on a place for some hours and go back; crowd incidents grow
with tension and fall with police keeping public order; soldiers alone make them likelier."""

import numpy as np
import pytest

from agents.gatherings import Gathering, incident_chance
from tests.conftest import MINI, calm_world, do, run_hours

V, T, S, B = 0, 1, 2, 3  # village, town, site, base


@pytest.fixture
def e():
    return calm_world(MINI.read_text(encoding="utf-8"))


def test_a_market_day_fills_the_town_for_its_hours_and_everyone_goes_back(e):
    m = e.model
    before = m.civilians.present().sum(axis=1).copy()
    ev = do(e, "gathering", recipients=("police",), location="town", kind="market",
            people=600, hours=6, in_hours=2)
    assert m.knowledge.knows("police", "gathering", location="town", start_hour=2)
    assert ev["type"] == "gathering_planned" and ev["start_hour"] == 2 and ev["end_hour"] == 8
    run_hours(e, 3)
    started = next(x for x in e.events if x["type"] == "gathering_started")
    assert started["visitors"] == 600 and started["people"] == 3500 + 600
    assert started["came_from"] == ["village"]  # the only neighbour with people
    now = m.civilians.present().sum(axis=1)
    assert now[T] == before[T] + 600 and now[V] == before[V] - 600  # only the village has people
    assert m.civilians.displaced().sum() == 0  # visitors are not displaced
    assert m.measures.metric("displaced") == 0
    run_hours(e, 6)
    ended = next(x for x in e.events if x["type"] == "gathering_ended")
    assert ended["went_back"] == 600
    assert np.array_equal(m.civilians.present().sum(axis=1), before)
    assert not m.civilians.visitors and not m.gatherings


def test_visitors_do_not_wander_off_nor_go_home_early(e):
    m = e.model
    m.civilians.risk[T] = 1.0  # the town feels unsafe: its residents would leave
    do(e, "gathering", location="town", people=600, hours=12)
    run_hours(e, 1)
    assert m.civilians.dense()[V, T].sum() == 600
    run_hours(e, 10)
    assert m.civilians.dense()[V, T].sum() >= 600 - 1  # still there, bar harm


def _chance(e, **units) -> float:
    m = e.model
    g = Gathering(T, "rally", 0, 6, 2000, 1, 0.0, "test")
    m.tension[T] = 0.8
    for key, loc in units.items():
        u = m.units[key]
        u.location, u.task, u.until = loc, "guard", 100.0
    return incident_chance(m, g, 4000)[0]


def test_police_keep_public_order_and_soldiers_alone_escalate(e):
    bare = _chance(e)
    assert bare == pytest.approx(2.0 * 0.8 * 1.0 * 1 / 24)
    assert _chance(calm_world(MINI.read_text(encoding="utf-8")), coy_a=T) == \
        pytest.approx(1.5 * bare)
    # 140 police for 4,000 people: more than 1 per 100, full public order.
    assert _chance(calm_world(MINI.read_text(encoding="utf-8")), fpu=T) == 0.0
    fewer = calm_world(MINI.read_text(encoding="utf-8"))
    fewer.model.units["fpu"].strength = 10
    assert _chance(fewer, fpu=T) == pytest.approx(bare * (1 - 10 / 40))


def test_a_tense_rally_without_police_ends_in_incidents_with_police_it_does_not():
    results = {}
    for police in (False, True):
        incidents = 0
        for seed in range(6):
            e = calm_world(MINI.read_text(encoding="utf-8"), seed=seed)
            e.model.tension[T] = 0.9
            if police:
                do(e, "presence", "police", unit="fpu", location="town", mode="guard", hours=12)
            do(e, "gathering", location="town", kind="rally", people=1000, hours=12,
               tension=0.1)
            run_hours(e, 12)
            incidents += sum(1 for x in e.events if x["type"] == "crowd_incident")
            hurt = [x for x in e.events if x["type"] == "crowd_incident"]
            for x in hurt:
                assert x["injuries"] + x["deaths"] > 0 and x["kind"] == "rally"
        results[police] = incidents
    assert results[False] >= 3 and results[True] == 0
