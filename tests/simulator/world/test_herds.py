"""Herds on transhumance: a pastoral camp, a corridor of places, seasonal departures;
crop damage raises tension in farming villages, less under a local agreement or where the
mission stands; mistakes in a corridor are located."""

import pytest

from simulator.language.validation import scenario_from_text
from simulator.language.yamlsafe import InputError
from tests.conftest import MINI, calm_world, do, run_hours

V, T, S, B, CAMP = 0, 1, 2, 3, 4
CAMP_PLACE = """    - {id: camp, name: Pastoral camp, type: pastoral_camp, coords: [13.9, -3.9]}
  routes:
    - {from: camp, to: village, distance_km: 15}"""
HERD = """  herds:
    - {id: herd, name: {en: Peul herd, fr: Troupeau peul}, camp: camp, cattle: 2000,
       corridor: [village, town, site], DEPARTS}
  units:"""


def world(departs: str = "departs: {turn: 1, hour: 2}") -> str:
    text = MINI.read_text(encoding="utf-8").replace("  routes:", CAMP_PLACE, 1)
    return text.replace("  units:", HERD.replace("DEPARTS", departs), 1)


def test_a_herd_sets_off_in_season_and_tramples_the_fields_of_the_village():
    e = calm_world(world())
    m = e.model
    e.step()
    (left,) = [x for x in e.events if x["type"] == "herd_departed"]
    assert left["location"] == "camp" and left["corridor"] == ["village", "town", "site"]
    assert left["cause"] == "rule:transhumance:herd" and left["hour"] == 2
    e.step()
    e.step()  # 15 km at 15 km a day: in the village at hour 26
    (damage,) = [x for x in e.events if x["type"] == "crop_damage"]
    assert damage["location"] == "village" and damage["hour"] == 26
    assert m.tension[V] == pytest.approx(0.2 + 0.15)  # 2,000 head: the full herd_tension
    assert not [x for x in e.events if x["type"] == "crop_damage" and x["location"] == "town"]


def test_an_agreement_and_the_missions_presence_soften_the_damage():
    e = calm_world(world("departs: null"))
    m = e.model
    do(e, "mediate", "civilian", location="village", amount=0.0)
    do(e, "local_agreement", "civilian", location="village", days=5)
    do(e, "presence", "force", unit="coy_a", location="village", mode="guard", hours=60)
    ev = do(e, "transhumance", herd="herd")
    assert ev["type"] == "herd_departed"
    run_hours(e, 26)
    (passed,) = [x for x in e.events if x["type"] == "herd_passed"]
    assert passed["agreement"] is True and passed["protected"] is True
    assert m.tension[V] == pytest.approx(0.2 + 0.15 * 0.2 * 0.5 - 0.1 * 25 / 24, abs=0.01)
    assert do(e, "transhumance", herd="herd")["type"] == "herd_already_moving"


def test_the_herd_ends_its_corridor():
    e = calm_world(world("departs: null"))
    do(e, "transhumance", herd="herd")
    run_hours(e, 24 * 37 // 15 + 2)  # 15 + 12 + 10 km at 15 km a day
    (end,) = [x for x in e.events if x["type"] == "herd_arrived"]
    assert end["location"] == "site"


@pytest.mark.parametrize("change, where, words", [
    (("corridor: [village, town, site]", "corridor: [village, base, town]"),
     "actors.herds[0].corridor[1]", "no route joins village--base"),
    (("corridor: [village, town, site]", "corridor: [village, town, sit]"),
     "actors.herds[0].corridor[2]", "unknown location 'sit' (did you mean 'site'?)"),
    (("departs: {turn: 1, hour: 2}", "departs: {turn: 9, hour: 2}"),
     "actors.herds[0].departs.turn", "turn 9"),
])
def test_corridor_mistakes_are_located(change, where, words):
    with pytest.raises(InputError) as err:
        scenario_from_text(world().replace(*change), "herd.yaml")
    (problem,) = err.value.problems
    assert problem.path == where and words in problem.message
