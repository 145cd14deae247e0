"""Shared assets: a sector unit tasked on request by several teams; priority decides a
conflict, the log and the instructor's console show it."""

from types import SimpleNamespace

import pytest

from simulator.language.validation import scenario_from_text
from simulator.language.yamlsafe import InputError
from simulator.portal.exercises import shared_requests
from simulator.portal.forms import fields
from tests.conftest import MINI, calm_world

SECTOR = """    - {id: sector_heli, name: Sector helicopter, kind: helicopter, location: base,
       strength: 12, capacity: 20, speed_kmh: 180, shared_by: [police, force]}
    - {id: fpu, name: FPU"""


def world() -> str:
    return MINI.read_text(encoding="utf-8").replace("    - {id: fpu, name: FPU", SECTOR, 1)


def patrol(unit: str, place: str) -> dict:
    return {"action": "patrol", "params": {"unit": unit, "location": place}}


def test_the_team_with_priority_gets_the_unit_and_the_other_is_told():
    e = calm_world(world())
    e.step({"force": [patrol("sector_heli", "village")],
            "police": [patrol("sector_heli", "town")]})
    (conflict,) = [x for x in e.events if x["type"] == "shared_asset_conflict"]
    assert conflict["team"] == "force" and conflict["unit"] == "sector_heli"
    assert conflict["given_to"] == "police" and conflict["cause"] == "decision:d01-force-1"
    (presence,) = [x for x in e.events if x["type"] == "presence"]
    assert presence["team"] == "police" and presence["location"] == "town"
    assert e.model.knowledge.knows("force", "shared_asset", unit="sector_heli")
    assert "sector_heli" in [u["id"] for u in e.reports[2]["force"]["units"]]


def test_a_lone_request_is_carried_out_for_the_team_that_made_it():
    e = calm_world(world())
    e.step({"force": [patrol("sector_heli", "village")]})
    (presence,) = [x for x in e.events if x["type"] == "presence"]
    assert presence["team"] == "force" and e.model.units["sector_heli"].team == "force"
    assert not [x for x in e.events if x["type"] == "shared_asset_conflict"]


def test_one_request_per_team_and_only_from_the_teams_listed():
    e = calm_world(world())
    e.step({"force": [patrol("sector_heli", "village"), patrol("sector_heli", "town")],
            "civilian": [{"action": "engage", "params": {"location": "village"}}]})
    refused = [d for d in e.inputs if d["status"] == "rejected"]
    assert [(d["team"], d["why"]) for d in refused] == [("force", "unit_ordered")]
    s = e.scenario
    assert s.assets_of("police") == ["fpu", "sector_heli"] and s.assets_of("civilian") == []


def test_the_console_shows_who_asked_and_who_gets_it():
    s = scenario_from_text(world(), "sector.yaml")
    live = SimpleNamespace(scenario=s, pending={
        "force": [patrol("sector_heli", "village"), patrol("coy_a", "town")],
        "police": [patrol("sector_heli", "town")]})
    assert shared_requests(live) == [{"unit": "sector_heli", "given_to": "police",
                                      "requests": [("force", "patrol"), ("police", "patrol")]}]
    options = [f.options for f in fields(s, "police", s.actions[0], "en") if f.name == "p_unit"]
    assert options == [[("sector_heli", "Sector helicopter"), ("fpu", "FPU")]]


@pytest.mark.parametrize("change, where, words", [
    (("shared_by: [police, force]", "shared_by: [police, forces]"),
     "actors.units[2].shared_by[1]", "unknown team 'forces' (did you mean 'force'?)"),
    (("assets: [coy_a, heli]", "assets: [coy_a, heli, sector_heli]"), "teams[0].assets[2]",
     "'sector_heli' is a shared unit (shared_by): no team owns it"),
])
def test_sharing_mistakes_are_located(change, where, words):
    with pytest.raises(InputError) as err:
        scenario_from_text(world().replace(*change), "sector.yaml")
    (problem,) = err.value.problems
    assert problem.path == where and words in problem.message
