"""Each kind of scenario error is reported as FILE:LINE:COL: path: message, all at once."""

import json

import pytest

from simulator.cli import main
from simulator.language.validation import load_scenario, scenario_from_text
from simulator.language.yamlsafe import InputError
from tests.conftest import MINI

BASE = MINI.read_text()


def errors(old: str, new: str) -> list[str]:
    assert old in BASE, old
    with pytest.raises(InputError) as info:
        scenario_from_text(BASE.replace(old, new, 1), "mini.yaml")
    return [str(p) for p in info.value.problems]


def test_fixture_is_valid():
    s = load_scenario(MINI)
    assert [loc.id for loc in s.map.locations] == ["village", "town", "site", "base"]


@pytest.mark.parametrize("old,new,expected", [
    ("  turns: 4\n", "",
     "mini.yaml:2:1: metadata.turns: required field is missing"),
    ("turns: 4", "turns: four",
     "mini.yaml:8:3: metadata.turns: expected: a valid integer, unable to parse string as an "
     "integer"),
    ("turn_hours: 12", "turn_hours: 500",
     "mini.yaml:7:3: metadata.turn_hours: expected: less than or equal to 168"),
    ("  category: civilian_protection\n", "  category: civilian_protection\n  colour: blue\n",
     "mini.yaml:7:3: metadata.colour: unknown field 'colour'; allowed here: id, title, "
     "summary, category, turn_hours, turns, step_hours, start, learning_objectives"),
    ("category: civilian_protection", "category: war",
     "mini.yaml:6:3: metadata.category: expected: 'civilian_protection', 'disaster_response', "
     "'civil_military_coordination' or 'conflict_prevention'"),
    ("title: {en: Mini exercise, fr: Mini exercice}", "title: {en: Mini exercise}",
     "mini.yaml:4:3: metadata.title.fr: required field is missing"),
    ("turn_hours: 12", "turn_hours: 12\n  step_hours: 5",
     "mini.yaml:2:1: metadata: step_hours (5) must divide turn_hours (12)"),
    ("{from: town, to: base, distance_km: 20}", "{from: town, to: nowhere, distance_km: 20}",
     "mini.yaml:18:20: map.routes[2].to: unknown location 'nowhere' (known: base, site, town, "
     "village)"),
    ("    team: humanitarian\n    name: {en: Assess", "    team: ngo\n    name: {en: Assess",
     "mini.yaml:71:5: actions[3].team: unknown team 'ngo' (known: civilian, force, "
     "humanitarian, police)"),
    ("- assess: {location: $location}", "- assess: {location: $place}",
     "mini.yaml:76:18: actions[3].effects[0].assess.location: $place: the action has no "
     "parameter 'place' (has: location)"),
    ("- presence: {unit: $unit, location: $location",
     "- presence: {unit: $location, location: $location",
     "mini.yaml:53:20: actions[0].effects[0].presence.unit: $location: parameter of type "
     "'location' where a unit is expected"),
    ("at: {turn: 1}", "at: {turn: 9}",
     "mini.yaml:88:10: msel[0].at.turn: turn 9 is after the last turn (4)"),
    ("    when:\n      not:", "    at: {turn: 2}\n    when:\n      not:",
     "mini.yaml:97:5: msel[1]: an inject needs exactly one of 'at' (a time) or 'when' "
     "(a trigger)"),
    ("action_taken: {team: force, action: patrol", "action_taken: {team: force, action: fly",
     "mini.yaml:100:37: msel[1].when.not.action_taken.action: unknown action 'fly'"),
    ("assets: [fpu]", "assets: [fpu, tank]",
     "mini.yaml:40:78: teams[1].assets[1]: unknown asset 'tank': expected a unit or agency id"),
    ("{id: site, name: Site", "{id: village, name: Site",
     "mini.yaml:13:8: map.locations[2].id: duplicate id 'village' (first at "
     "map.locations[0].id)"),
])
def test_each_error_is_located(old, new, expected):
    assert expected in errors(old, new)


def test_inject_places_and_actors_must_exist():
    found = errors("    method: phone\n",
                   "    method: phone\n    places: [village, market]\n    actors: [army, rebels]\n")
    assert any("msel[0].places[1]: unknown location 'market'" in e for e in found), found
    assert any("msel[0].actors[1]: unknown actor 'rebels' (known: army, band, coy_a, fpu, "
               "heli, wfp)" in e for e in found), found
    assert len(found) == 2


@pytest.mark.parametrize("old,new,expected", [
    ("  category: civilian_protection\n", "  category: civilian_protection\n  turn: 3\n",
     "mini.yaml:7:3: metadata.turn: unknown field 'turn' (did you mean 'turns'?); allowed "
     "here: id, title, summary, category, turn_hours, turns, step_hours, start, "
     "learning_objectives"),
    ("title: {en: Mini exercise, fr: Mini exercice}", "title: {en: Raid, Kéno, fr: Raid}",
     "mini.yaml:4:21: metadata.title.Kéno: unknown language 'Kéno' (known: en, fr, pt). "
     "If it belongs to a text with a comma or a colon, put the whole text in quotes: "
     "en: \"Raid, Sabéré\""),
    ("{from: town, to: base, distance_km: 20}", "{from: town, to: bsae, distance_km: 20}",
     "mini.yaml:18:20: map.routes[2].to: unknown location 'bsae' (did you mean 'base'?) "
     "(known: base, site, town, village)"),
    ("- presence: {unit: $unit, location: $location", "- presense: {unit: $unit, location: "
     "$location", "mini.yaml:53:9: actions[0].effects[0]: unknown effect 'presense' "
     "(did you mean 'presence'?)"),
    ("action_taken: {team: force, action: patrol", "action_taken: {team: force, action: patrl",
     "mini.yaml:100:37: msel[1].when.not.action_taken.action: unknown action 'patrl' "
     "(did you mean 'patrol'?)"),
])
def test_a_misspelt_name_gets_the_nearest_and_the_allowed_ones(old, new, expected):
    assert expected in errors(old, new)


def test_an_expected_action_due_after_the_last_turn_is_refused():
    found = errors("location: village, by_turn: 1}", "location: village, by_turn: 6}")
    assert any("by_turn 6 is after the last turn (4)" in e for e in found), found


def test_unknown_effect_lists_the_primitives():
    (msg,) = errors("- assess: {location: $location}", "- scan: {location: $location}")
    assert msg.startswith("mini.yaml:76:9: actions[3].effects[0]: unknown effect 'scan'; "
                          "expected one of: presence, engage,")


def test_parameters_only_in_actions():
    (msg,) = errors("threat: {armed_group: band, location: village",
                    "threat: {armed_group: band, location: $where")
    assert msg == "mini.yaml:94:37: msel[0].effects[0].threat.location: $where: parameters " \
                  "can only be used in actions"


def test_every_error_is_reported_at_once():
    text = BASE.replace("turns: 4", "turns: -1").replace("type: idp_site", "type: camping")
    with pytest.raises(InputError) as info:
        scenario_from_text(text, "mini.yaml")
    lines = str(info.value).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("mini.yaml:8:3: metadata.turns:")
    assert lines[1].startswith("mini.yaml:13:30: map.locations[2].type:")


def test_reference_errors_all_reported():
    text = BASE.replace("to: nowhere", "").replace(
        "{from: town, to: base,", "{from: town, to: moon,").replace(
        "base: village, strength: 40", "base: sun, strength: 40")
    with pytest.raises(InputError) as info:
        scenario_from_text(text, "mini.yaml")
    msgs = [p.message for p in info.value.problems]
    assert any("unknown location 'moon'" in m for m in msgs)
    assert any("unknown location 'sun'" in m for m in msgs)


def test_cli_validate_exit_codes(tmp_path, capsys):
    assert main(["validate", str(MINI)]) == 0
    assert "valid (4 locations, 4 teams, 5 actions, 2 injects)" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text(BASE.replace("turns: 4", "turns: zero"))
    assert main(["validate", str(MINI), str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:8:3: metadata.turns: expected: a valid integer" in err
    assert "1 problem found" in err


def test_cli_validate_in_french(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("metadata: [\n")
    assert main(["--lang", "fr", "validate", str(bad)]) == 2
    assert "1 problème trouvé" in capsys.readouterr().err


def test_schema_is_json_schema_with_every_section(tmp_path, capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert set(schema["properties"]) == {"metadata", "map", "population", "arrivals", "actors",
                                         "teams", "actions", "msel", "objectives",
                                         "parameters"}
    assert "from" in schema["$defs"]["Route"]["properties"]
    out = tmp_path / "schema.json"
    assert main(["schema", "--out", str(out)]) == 0
    assert json.loads(out.read_text())["title"] == "Scenario"


def test_shipped_schema_file_is_up_to_date(tmp_path):
    """scenarios/scenario.schema.json is what `ttx schema` prints (regenerate if this fails:
    `./run schema --out scenarios/scenario.schema.json`)."""
    from tests.conftest import ROOT
    out = tmp_path / "schema.json"
    assert main(["schema", "--out", str(out)]) == 0
    assert (ROOT / "scenarios" / "scenario.schema.json").read_text() == out.read_text()


@pytest.mark.parametrize("old,new,expected", [
    ("- assess: {location: $location}", "- supply: {location: $location, need: food, "
     "amount: $location}",
     "actions[3].effects[0].supply.amount: $location: parameter of type 'location' where a "
     "number is expected"),
    ("mode: {type: choice, values: [patrol, guard], default: patrol}",
     "mode: {type: choice, values: [patrol, standby], default: patrol}",
     "actions[0].effects[0].presence.mode: $mode: parameter of type 'choice' (values "
     "['patrol', 'standby']) where one of guard, patrol is expected"),
    ("      - threat: {armed_group: band, location: village, in_hours: 18}",
     "      - share_information: {to: police}",
     "msel[0].effects[0].share_information: share_information needs an acting team: use it "
     "in an action, not an inject"),
    ("in_hours: 18}", "in_hours: .nan}",
     "msel[0].effects[0].threat.in_hours: expected: a finite number"),
    ("{location: village, women: 400,", "{location: village, women: 1e20,",
     "population[0].women: expected: a valid integer"),
])
def test_effect_arguments_are_checked(old, new, expected):
    assert any(expected in e for e in errors(old, new)), errors(old, new)


def test_expected_actions_that_could_never_be_met():
    assert "mini.yaml:96:58: msel[0].expected_actions[0].by_turn: by_turn 1 is before the " \
           "inject fires (turn 2)" in errors("at: {turn: 1}", "at: {turn: 2}")
    (msg,) = errors("- {team: force, action: patrol, location: village, by_turn: 1}",
                    "- {team: civilian, action: share, location: village, by_turn: 1}")
    assert msg.endswith("msel[0].expected_actions[0].location: action 'share' has no location "
                        "parameter, so it can never be taken at a place")


def test_a_scenario_is_written_back_as_held_without_warnings():
    """Whole-number defaults of a number-or-$parameter stay whole, and pydantic is quiet."""
    import warnings

    s = load_scenario(MINI.parents[2] / "scenarios" / "flood-season.yaml")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dumped = s.model_dump(mode="json", by_alias=True, exclude_none=True)
    floods = [e["hazard"] for i in dumped["msel"] for e in i.get("effects", []) if "hazard" in e]
    assert floods and all(isinstance(f["in_hours"], int | float) for f in floods)
    assert any(type(f["in_hours"]) is int for f in floods)  # a default of 0, as written
