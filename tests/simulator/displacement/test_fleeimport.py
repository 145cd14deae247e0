"""ttx import-flee: a Flee-format case becomes a scenario of this project."""

import re

import numpy as np
import pytest
import yaml

from simulator.cli import main
from simulator.displacement.fleecase import CaseError, arrivals, observed, read_case
from simulator.displacement.fleeimport import to_scenario
from simulator.i18n import LANGUAGES
from simulator.language.coverage import coverage, texts
from simulator.language.validation import load_scenario
from tests.simulator.displacement.test_fleecase import DATA, tiny


def effects_by_day(scenario: dict) -> dict[int, list[dict]]:
    return {inj["at"]["turn"] - 1: inj["effects"] for inj in scenario["msel"]}


def test_the_tiny_case_converts_day_by_day(tmp_path):
    case = tiny(tmp_path, **{
        "input/routes.csv": "#name1,name2,distance,forced\nZone,Town,10,\nTown,C1,10,2\n"
                            "Town,C2,30,\nFar,C2,5,\n",
        "input/closures.csv": "#type,name1,name2,start,end\ncamp,C2,,0,1\n"
                              "country,A,B,2,4\nlink,Zone,Town,3,9\nlocation,Far,,1,2\n"
                              "remove_forced_redirection,Town,C1,3,0\n"})
    s = to_scenario(read_case(case))
    assert s["metadata"]["turns"] == 5 and s["metadata"]["turn_hours"] == 24
    assert s["metadata"]["step_hours"] == 24
    types = {loc["id"]: (loc["type"], loc.get("attributes")) for loc in s["map"]["locations"]}
    assert types == {"zone": ("town", None), "far": ("town", None), "town": ("town", None),
                     "c1": ("camp", {"capacity": 1000}), "c2": ("camp", {"capacity": 3000})}
    # Camps start with their day-0 count (C1: 100 reported on 2020-01-01, corrected ×0.5).
    assert [(p["location"], sum(v for k, v in p.items() if k != "location"))
            for p in s["population"]] == [("c1", 50)]
    # Daily arrivals as whole people, their sum the rounded total; zones weighted by people.
    obs = observed(read_case(case))
    assert s["arrivals"]["people"] == [0, 135, 135, 110, 110]  # camps: 50, 185, 320, 430, 540
    assert sum(s["arrivals"]["people"]) == round(arrivals(obs).sum())
    assert s["arrivals"]["places"] == {"zone": 300.0, "far": 100.0}
    days = effects_by_day(s)
    assert days[0] == [{"conflict": {"location": "zone", "active": True}},
                       {"redirect": {"from": "town", "to": "c1"}},
                       {"admission": {"location": "c2", "open": False}}]
    assert days[1] == [{"admission": {"location": "c2", "open": True}},
                       {"close_route": {"from": "far", "to": "c2"}}]
    # The border A–B crosses Town–C1, Town–C2 and Far–C2; it reopens on day 4.
    assert {"close_route": {"from": "town", "to": "c1"}} in days[2]
    assert {"close_route": {"from": "far", "to": "c2"}} in days[2]
    assert {"conflict": {"location": "far", "active": True}} in days[2]
    assert {"open_route": {"from": "far", "to": "c2"}} in days[2]  # the 'location' closure ends
    assert days[3] == [{"close_route": {"from": "zone", "to": "town"}},  # ends after the case
                       {"redirect": {"from": "town", "to": "c1", "active": False}}]
    assert {"open_route": {"from": "town", "to": "c2"}} in days[4]
    assert s["msel"][0]["message"]["en"].startswith("Day 0: fighting starts at Zone; ")
    assert s["parameters"] == {"needs": {"displaced_coverage": 1.0, "base_mortality": 0.0}}


@pytest.mark.parametrize("closures,message", [
    ("border,A,B,0,1\n", "closures.csv:2: unknown closure type 'border'"),
    ("link,Zone,C2,0,1\n", "closures.csv:2: no route between 'Zone' and 'C2'"),
    ("camp,Nowhere,,0,1\n", "closures.csv:2: unknown location 'Nowhere'"),
    ("country,A,Z,0,1\n", "closures.csv:2: unknown country 'Z'"),
    ("camp,C2,,zero,1\n", "closures.csv:2: start day is not a number: 'zero'"),
    ("camp,C2\n", "closures.csv:2: expected type, name1, name2, start day, end day"),
])
def test_a_broken_case_gets_one_located_error(tmp_path, closures, message, capsys):
    case = tiny(tmp_path, **{"input/closures.csv": "#type,name1,name2,start,end\n" + closures})
    with pytest.raises(CaseError, match=re.escape(message)):
        to_scenario(read_case(case))
    out = tmp_path / "s.yaml"
    assert main(["import-flee", str(case), "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_an_unknown_location_type_is_named(tmp_path):
    case = tiny(tmp_path, **{"input/locations.csv": "Zone,R,A,0,0,conflict_zone,0,300\n"
                             "Far,R,A,0,1,conflict_zone,2,100\nTown,R,A,0,2,village,,50\n"
                             "C1,R,B,0,3,camp,,1000\nC2,R,B,0,4,camp,,3000\n"})
    with pytest.raises(CaseError, match="location 'Town': unknown location type 'village'"):
        to_scenario(read_case(case))


def test_burundi_converts_with_its_closures_and_forced_redirections(tmp_path, capsys):
    out = tmp_path / "burundi.yaml"
    assert main(["import-flee", str(DATA / "burundi"), "--out", str(out)]) == 0
    assert f"{out}: scenario written (396 days, 30 locations, 9 injects)" in capsys.readouterr().out
    s = load_scenario(out)  # a valid scenario
    raw = yaml.safe_load(out.read_text())
    assert raw["metadata"]["turns"] == 396
    assert {loc.id: loc.type for loc in s.map.locations}["kagunga"] == "transit_centre"
    assert {loc.id: loc.attributes.capacity for loc in s.map.locations
            if loc.type == "camp"} == {"mahama": 49451, "nduta": 55320, "nyarugusu": 100925,
                                       "nakivale": 18734, "lusenda": 17210}
    days = effects_by_day(raw)
    assert {"redirect": {"from": "kagunga", "to": "nyarugusu"}} in days[0]
    assert {"redirect": {"from": "nduta", "to": "nyarugusu"}} in days[0]
    assert {"admission": {"location": "nduta", "open": False}} in days[0]
    assert {"admission": {"location": "lusenda", "open": False}} in days[0]
    assert days[90] == [{"admission": {"location": "lusenda", "open": True}}]
    assert {"redirect": {"from": "nduta", "to": "nyarugusu", "active": False}} in days[101]
    assert {"admission": {"location": "nduta", "open": True}} in days[101]
    case = read_case(DATA / "burundi")
    assert sum(raw["arrivals"]["people"]) == round(arrivals(observed(case)).sum())
    assert len(raw["arrivals"]["places"]) == len(case.conflict) == 7
    # the movement parameters are the engine's defaults
    assert "movement" not in raw["parameters"]
    # Written in every language with a catalogue, from the catalogues' words.
    assert coverage(s) == {lang: (len(list(texts(s))),) * 2 for lang in LANGUAGES}
    first = next(i for i in raw["msel"] if i["id"] == "day0090")
    assert first["message"] == {"en": "Day 90: Lusenda admits people again.",
                                "fr": "Jour 90 : Lusenda admet de nouveau.",
                                "pt": "Dia 90: Lusenda volta a admitir pessoas."}


def test_car_converts_with_its_border_closures():
    case = read_case(DATA / "car")
    s = to_scenario(case)
    days = effects_by_day(s)
    country = {n: loc.country for n, loc in case.locations.items()}
    drc = sorted((a, b) for a, b, _ in case.routes if {country[a], country[b]} == {"CAR", "DRC"})
    closed = [e["close_route"] for e in days[5] if "close_route" in e]
    assert len(closed) == len(drc) > 0
    reopened = [e["open_route"] for e in days[212] if "open_route" in e]
    assert reopened == closed
    chad = [e for e in days[163] if "close_route" in e]
    assert chad and not any("open_route" in e for d, es in days.items() if d > 163
                            for e in es if e.get("open_route") in [c["close_route"]
                                                                   for c in chad])
    onsets = [e for es in days.values() for e in es if "conflict" in e]
    assert len(onsets) == len(case.conflict) == 28
    assert all(e["conflict"]["active"] for e in onsets)
    assert np.isclose(sum(s["arrivals"]["people"]), arrivals(observed(case)).sum(), atol=1)


def test_an_idp_camp_closure_is_an_admission_like_a_camp_closure(tmp_path):
    case = tiny(tmp_path, **{
        "input/locations.csv": "Zone,R,A,0,0,conflict_zone,0,300\nFar,R,A,0,1,conflict_zone,2,100\n"
                               "Town,R,A,0,2,idpcamp,,50\nC1,R,B,0,3,camp,,1000\n"
                               "C2,R,B,0,4,camp,,3000\n",
        "input/closures.csv": "#type,name1,name2,start,end\nidpcamp,Town,,1,3\n"})
    s = to_scenario(read_case(case))
    assert {loc["id"]: loc["type"] for loc in s["map"]["locations"]}["town"] == "idp_site"
    days = effects_by_day(s)
    assert days[1] == [{"admission": {"location": "town", "open": False}}]
    assert days[3] == [{"admission": {"location": "town", "open": True}}]


def test_a_route_written_twice_is_one_road_with_the_last_distance(tmp_path):
    case = tiny(tmp_path, **{
        "input/routes.csv": "#name1,name2,distance,forced\nZone,Town,10,\nTown,C1,10,\n"
                            "Town,C2,30,\nFar,C2,5,\nC1,Town,14,\n"})
    s = to_scenario(read_case(case))
    routes = [(r["from"], r["to"], r["distance_km"]) for r in s["map"]["routes"]]
    assert routes == [("zone", "town", 10), ("c1", "town", 14), ("town", "c2", 30),
                      ("far", "c2", 5)]
    out = tmp_path / "case.yaml"
    out.write_text(yaml.safe_dump(s, allow_unicode=True))
    assert load_scenario(out).map.routes[1].distance_km == 14  # valid: one road per pair
