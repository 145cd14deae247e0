"""The decision form: a field for each parameter type, and the fields read back."""

from __future__ import annotations

import pytest

from simulator.language.scenario import Action
from simulator.portal import forms


def action(**params) -> Action:
    return Action.model_validate({"id": "act", "team": "force", "name": {"en": "Act", "fr": "Agir"},
                                  "params": params, "effects": [{"presence": {
                                      "unit": "$unit", "location": "$location"}}]})


@pytest.fixture
def everything():
    return action(
        unit={"type": "unit"}, location={"type": "location", "label": {"en": "Where",
                                                                      "fr": "Où"}},
        other_unit={"type": "unit", "own": False, "required": False},
        agency={"type": "agency", "own": False, "required": False},
        team={"type": "team", "required": False}, force={"type": "host_force", "required": False},
        group={"type": "armed_group", "required": False}, need={"type": "need", "required": False},
        mode={"type": "choice", "values": ["patrol", "guard"], "default": "patrol"},
        consult={"type": "choice", "values": ["leaders", "women", "youth"],
                 "default": ["leaders"]},
        level={"type": "choice", "values": [1, 2, 3], "required": False},
        count={"type": "int", "min": 1, "max": 9, "required": False},
        amount={"type": "number", "min": 0.5, "required": False},
        urgent={"type": "bool", "required": False},
        note={"type": "text", "required": False})


def test_each_parameter_type_has_its_field(mini, everything):
    f = {x.name[len(forms.PREFIX):]: x for x in forms.fields(mini, "force", everything, "fr")}
    assert [v for v, _ in f["unit"].options] == ["coy_a", "heli"]  # the team's own units
    assert [v for v, _ in f["other_unit"].options] == ["coy_a", "heli", "fpu"]
    assert f["location"].label == "Où" and ("village", "Village") in f["location"].options
    assert f["unit"].required and not f["team"].required
    assert [v for v, _ in f["agency"].options] == ["wfp"]
    assert [v for v, _ in f["team"].options] == ["force", "police", "civilian", "humanitarian"]
    assert f["force"].options == [("army", "National Army")]
    assert f["group"].options == [("band", "The Band")]
    assert ("water", "eau") in f["need"].options
    assert (f["mode"].kind, f["mode"].default) == ("select", ["patrol"])
    assert (f["consult"].kind, f["consult"].default) == ("multi", ["leaders"])
    assert (f["count"].kind, f["count"].step, f["count"].min, f["count"].max) == \
        ("number", "1", 1, 9)
    assert (f["amount"].kind, f["amount"].step) == ("number", "any")
    assert f["urgent"].kind == "bool" and f["note"].kind == "text"


def test_fields_read_back_as_values_the_engine_checks(everything):
    sent = {"p_unit": ["coy_a"], "p_location": ["village"], "p_other_unit": [""],
            "p_consult": ["women", "youth"], "p_level": ["2"], "p_count": ["3"],
            "p_amount": ["2.5"], "p_urgent": ["false"], "p_note": ["Go now"], "csrf": ["x"]}
    assert forms.parse(everything, sent) == {
        "unit": "coy_a", "location": "village", "consult": ["women", "youth"], "level": 2,
        "count": 3, "amount": 2.5, "urgent": False, "note": "Go now"}
    # What cannot be converted goes to the engine as typed, which refuses it with a reason.
    odd = forms.parse(everything, {"p_count": ["2.5"], "p_amount": ["lots"], "p_urgent": ["?"],
                                   "p_mode": ["sprint"]})
    assert odd == {"count": "2.5", "amount": "lots", "urgent": "?", "mode": "sprint"}


def test_the_forms_orders_pass_the_engines_checks(ex, everything):
    from simulator.play.decisions import Decision
    sent = {"p_unit": ["coy_a"], "p_location": ["village"], "p_mode": ["guard"]}
    patrol = ex.scenario.actions_of("force")["patrol"]
    params = forms.parse(patrol, sent)
    assert ex.check([Decision(1, "force", "patrol", params)]) == [None]
