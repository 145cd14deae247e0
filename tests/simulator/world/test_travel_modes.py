"""Travel modes: routes carry foot, road or boat; units, agencies and civilians move only by
the ways they have; boats carry a limited number of people a day; islands can be cut off."""

import numpy as np
import pytest

from simulator.language.validation import scenario_from_text
from simulator.language.yamlsafe import InputError
from simulator.play.exercise import Exercise
from tests.conftest import MINI, calm_world, do, run_hours

# The mini world with an island on the lake, two hours by boat from the town, and a
# riverine company that travels by boat and on foot.
ISLAND = """    - {id: island, name: Island, type: village, coords: [14.05, -4.3]}
  routes:
    - {from: town, to: island, distance_km: 18, modes: [boat], travel_hours: {boat: 2}BOATS}
"""
RIVERINE = """    - {id: riverine, name: Riverine Company, kind: infantry, location: town, strength: 80,
       modes: [boat, foot]}
    - {id: fpu, name: FPU"""


def lake(boats: str = "", extra: str = "") -> str:
    text = MINI.read_text(encoding="utf-8")
    text = text.replace("  routes:\n", ISLAND.replace("BOATS", boats), 1)
    text = text.replace("    - {id: fpu, name: FPU", RIVERINE, 1)
    text = text.replace("assets: [coy_a, heli]", "assets: [coy_a, heli, riverine]", 1)
    text = text.replace("  - {location: town,", "  - {location: island, women: 300, men: 250, "
                        "girls: 200, boys: 200, older: 50}\n  - {location: town,", 1)
    return text + extra



ISL, T = 4, 1  # island, town


def test_units_move_only_by_their_modes():
    e = calm_world(lake())
    m = e.model
    assert m.units["coy_a"].modes == ("road",) and m.units["heli"].modes == ("air",)
    assert m.geo.drive_hours(m.units["coy_a"], T, ISL) is None  # no road to the island
    assert m.geo.drive_hours(m.units["riverine"], T, ISL) == pytest.approx(2.0)
    assert m.geo.drive_hours(m.units["heli"], T, ISL) > 0  # flies straight
    # By boat to the town, then on foot along the road to the village (12 km, 24 km a day).
    riverine = m.units["riverine"]
    riverine.location = ISL
    assert m.geo.drive_hours(riverine, ISL, 0) == pytest.approx(2.0 + 24 * 12 / 25)
    assert "island" not in e.report("force")["units"][0]["reachable"]  # coy_a: road only
    assert "island" in e.report("force")["units"][2]["reachable"]


def test_an_order_for_a_place_the_unit_cannot_reach_is_refused_with_why():
    e = calm_world(lake())
    e.step({"force": [{"action": "patrol", "params": {"unit": "coy_a", "location": "island"}},
                      {"action": "patrol", "params": {"unit": "riverine",
                                                      "location": "island"}}]})
    refused = [d for d in e.inputs if d["status"] == "rejected"]
    assert [(d["reason"], d["params"]["unit"]) for d in refused] == [("unreachable", "coy_a")]
    assert refused[0]["detail"] == ("unit 'coy_a' travels by road: no route by road joins its "
                                    "place to 'island'")
    assert e.model.units["riverine"].location == ISL


def test_trucks_do_not_cross_water_unless_the_agency_has_boats():
    e = calm_world(lake())
    ev = do(e, "supply", "humanitarian", location="island", need="food", amount=500)
    assert ev["type"] == "aid_blocked" and ev["reason"] == "no open road to the place"
    by_boat = calm_world(lake().replace("sectors: [food, water],",
                                      "sectors: [food, water], modes: [road, boat],"))
    ev = do(by_boat, "supply", "humanitarian", location="island", need="food", amount=500)
    assert ev["type"] == "aid_dispatched"


def _flee_island(e: Exercise, hours: int) -> int:
    m = e.model
    m.civilians.conflict[ISL] = True
    before = int(m.civilians.dense()[ISL, ISL].sum())
    run_hours(e, hours)
    return before - int(m.civilians.dense()[ISL, ISL].sum())


def test_without_boats_the_island_is_cut_off():
    e = calm_world(lake(boats=", boats: 0"))
    assert not np.isfinite(e.model.geo.hops[ISL]).sum() > 1  # nobody can leave by water
    assert _flee_island(e, 12) == 0
    assert e.model.geo.drive_hours(e.model.units["riverine"], T, ISL) == pytest.approx(2.0)


def test_boats_carry_so_many_people_a_day_and_the_rest_wait():
    limited = calm_world(lake(boats=", boats: 40"))
    free = calm_world(lake())
    assert _flee_island(free, 12) > 400  # a place in conflict empties fast
    left = _flee_island(limited, 12)
    assert left == 40
    limited.model.log_crossings()
    (ev,) = [x for x in limited.events if x["type"] == "crossing_full"]
    assert ev["route"] == "town--island" and ev["carried"] == 40 and ev["turned_away"] > 100
    assert ev["cause"] == "rule:boats" and ev["boats_per_day"] == 40
    run_hours(limited, 12)  # the rest of the day: no seat left
    assert int(limited.model.civilians.dense()[ISL, ISL].sum()) == 1000 - 40
    run_hours(limited, 12)  # a new day: new seats
    assert int(limited.model.civilians.dense()[ISL, ISL].sum()) == 1000 - 80


def test_an_inject_stops_the_boats_and_another_brings_them_back():
    e = calm_world(lake())
    ev = do(e, "boats", **{"from": "town", "to": "island", "people": 0})
    assert ev["type"] == "boats_changed" and ev["route"] == "town--island" and ev["people"] == 0
    assert _flee_island(e, 6) == 0
    do(e, "boats", **{"from": "town", "to": "island", "people": 25})
    assert _flee_island(e, 18) == 25  # the rest of the first day


def test_default_routes_are_foot_and_road_and_change_nothing(mini):
    assert all(r.modes == ["foot", "road"] for r in mini.map.routes)
    assert mini.actors.units[0].travel_modes == ("road",)


@pytest.mark.parametrize("change, where, words", [
    (("modes: [boat], travel_hours: {boat: 2}", "modes: [road], travel_hours: {boat: 2}"),
     "map.routes[0].travel_hours.boat",
     "travel_hours.boat is given but the route's modes (road) do not include boat"),
    (("travel_hours: {boat: 2}BOATS", "travel_hours: {boat: 2}, boats: 5"), None, None),
    (("location: town, strength: 80,\n       modes: [boat, foot]",
      "location: island, strength: 80,\n       modes: [road]"),
     "actors.units[2].modes", "'riverine' travels by road but no route from 'island' "
     "carries road"),
])
def test_modes_that_do_not_fit_are_located(change, where, words):
    text = lake().replace(*change) if "BOATS" not in change[0] else \
        MINI.read_text(encoding="utf-8")
    if where is None:  # boats on a road route
        text = text.replace("{from: village, to: town, distance_km: 12}",
                            "{from: village, to: town, distance_km: 12, boats: 5}")
        where, words = "map.routes[0].boats", "boats are given but the route's modes " \
            "(foot, road) do not include boat"
    with pytest.raises(InputError) as err:
        scenario_from_text(text, "lake.yaml")
    (problem,) = err.value.problems
    assert problem.path == where and words in problem.message


def test_a_boats_inject_on_a_road_is_refused_where_it_is_written():
    text = lake(extra="""  - id: ban
    at: {turn: 2}
    from: Chief
    to: [force]
    message: The group bans pirogues.
    effects:
      - boats: {from: village, to: town, people: 0}
""")
    with pytest.raises(InputError) as err:
        scenario_from_text(text, "lake.yaml")
    (problem,) = err.value.problems
    assert problem.path == "msel[2].effects[0].boats"
    assert "no boat route joins village--town" in problem.message
