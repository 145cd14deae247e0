"""Every reason a decision is rejected, logged and reported; inputs files are checked."""

import pytest

from simulator.cli import main
from simulator.language.yamlsafe import InputError
from simulator.play.decisions import AdHocInject, Decision, load_inputs
from tests.conftest import MINI


def submit(ex, team, action, turn=1, **params):
    record = ex.submit(Decision(turn, team, action, params))
    return record, ex.inputs[-1]


@pytest.mark.parametrize("team,action,params,reason,detail", [
    ("navy", "patrol", {}, "unknown_team",
     "unknown team 'navy' (teams: force, police, civilian, humanitarian)"),
    ("force", "bomb", {}, "unknown_action",
     "team 'force' has no action 'bomb' (has: patrol, share)"),
    ("force", "patrol", {"unit": "coy_a", "location": "town", "speed": 3}, "unknown_param",
     "action 'patrol' has no parameter 'speed' (has: unit, location, mode)"),
    ("force", "patrol", {"unit": "coy_a"}, "missing_param", "parameter 'location' is required"),
    ("force", "patrol", {"unit": "coy_a", "location": "town", "mode": "charge"}, "bad_value",
     "parameter 'mode': expected one of patrol, guard, got 'charge'"),
    ("force", "patrol", {"unit": "coy_a", "location": "atlantis"}, "unknown_location",
     "parameter 'location': unknown location 'atlantis' (known: base, site, town, village)"),
    ("force", "patrol", {"unit": "tank", "location": "town"}, "unknown_entity",
     "parameter 'unit': unknown unit 'tank' (known: coy_a, fpu, heli)"),
    ("force", "patrol", {"unit": "fpu", "location": "town"}, "missing_asset",
     "unit 'fpu' is not an asset of team 'force' (assets: coy_a, heli)"),
    ("humanitarian", "deliver", {"location": "town", "need": "food", "amount": "lots"},
     "bad_value", "parameter 'amount': expected a number, got 'lots'"),
    ("humanitarian", "deliver", {"location": "town", "need": "food", "amount": 0},
     "bad_value", "parameter 'amount': expected a value between 1.0 and 50000.0, got 0"),
    ("humanitarian", "deliver", {"location": "town", "need": "food", "amount": float("nan")},
     "bad_value", "parameter 'amount': expected a finite number, got nan"),
    ("humanitarian", "deliver", {"location": "town", "need": "fuel", "amount": 5},
     "bad_value", "parameter 'need': expected one of water, food, shelter, health, got 'fuel'"),
])
def test_rejection_reasons(ex, team, action, params, reason, detail):
    accepted, record = submit(ex, team, action, **params)
    assert accepted is None
    assert (record["status"], record["reason"], record["detail"]) == ("rejected", reason, detail)
    event = ex.events[-1]
    assert event["type"] == "decision_rejected" and event["reason"] == reason
    assert event["cause"] == f"decision:{record['id']}"


def test_past_and_future_turns(ex):
    ex.step({})
    _, rec = submit(ex, "force", "patrol", turn=1, unit="coy_a", location="town")
    assert (rec["reason"], rec["detail"]) == ("past_turn", "turn 1 is over; the open turn is 2")
    _, rec = submit(ex, "force", "patrol", turn=3, unit="coy_a", location="town")
    assert (rec["reason"], rec["detail"]) == ("future_turn", "turn 3 is not open yet (open: 2)")


def test_busy_unit_is_a_missing_asset(ex):
    assert submit(ex, "force", "patrol", unit="coy_a", location="town")[0]
    _, rec = submit(ex, "force", "patrol", unit="coy_a", location="village")
    assert (rec["reason"], rec["detail"]) == ("missing_asset",
                                             "unit 'coy_a' already has an order this turn")


def test_over_budget(ex):
    # civilian budget 10, engagement costs 2: five engagements, the sixth is refused
    results = [submit(ex, "civilian", "engage", location="village")[1] for _ in range(6)]
    assert [r["status"] for r in results] == ["accepted"] * 5 + ["rejected"]
    assert results[-1]["reason"] == "over_budget"
    assert results[-1]["detail"] == "costs 2, team has 0 left this turn"


def test_prerequisite(mini):
    from simulator.play.exercise import Exercise
    action = mini.actions_of("civilian")["engage"]
    gated = action.model_copy(update={"requires": type(action).model_fields["requires"]
                                      .annotation.__args__[0].model_validate(
                                          {"inject_fired": "no-patrol"})})
    s = mini.model_copy(update={"actions": [gated if a.id == "engage" else a
                                            for a in mini.actions]})
    ex = Exercise(s, seed=1)
    ex.reset()
    _, rec = submit(ex, "civilian", "engage", location="village")
    assert (rec["reason"], rec["detail"]) == ("prerequisite", "prerequisite of 'engage' not met")


def test_rejected_decision_reaches_the_team_report(ex):
    submit(ex, "force", "patrol", unit="coy_a", location="atlantis")
    reports = ex.step({})
    (fact,) = reports["force"]["other"]
    assert fact["kind"] == "rejected" and fact["reason"] == "unknown_location"


def test_accepted_decision_is_logged_with_its_params(ex):
    record, _ = submit(ex, "force", "patrol", unit="coy_a", location="town")
    assert record["params"] == {"unit": "coy_a", "location": "town"}  # as submitted
    assert record["resolved"] == {"unit": "coy_a", "location": "town", "mode": "patrol"}
    ex.step({})
    accepted = [e for e in ex.events if e["type"] == "decision_accepted"]
    assert accepted[0]["cause"] == "decision:d01-force-1"


def test_inputs_file_shape_errors_are_located(tmp_path, mini):
    path = tmp_path / "inputs.yaml"
    path.write_text("- {turn: 1, team: force, action: patrol, params: {unit: coy_a}}\n"
                    "- {turn: x, team: force, action: patrol}\n"
                    "- {turn: 9, team: force, action: patrol}\n"
                    "- {turn: 1, team: force, acton: patrol}\n")
    with pytest.raises(InputError) as info:
        load_inputs(path, mini)
    lines = str(info.value).splitlines()
    assert lines[0] == f"{path}:2:4: [1].turn: expected: a valid integer, unable to parse " \
                       "string as an integer"
    assert lines[1] == f"{path}:3:4: [2].turn: turn 9 is after the last turn (4)"
    assert f"{path}:4:26: [3].acton: unknown field 'acton' (did you mean 'action'?); " \
           "allowed here: turn, team, action, params" in lines
    assert f"{path}:4:3: [3].action: required field is missing" in lines


def test_inputs_file_with_adhoc_inject(tmp_path, mini):
    path = tmp_path / "inputs.json"
    path.write_text('[{"turn": 2, "team": "force", "action": "patrol", '
                    '"params": {"unit": "coy_a", "location": "town"}},'
                    '{"turn": 2, "hour": 3, "inject": {"id": "adhoc-1", "from": "EXCON", '
                    '"to": ["police"], "message": {"en": "Riot", "fr": "Émeute"}}}]')
    inputs = load_inputs(path, mini)
    assert inputs[0] == Decision(2, "force", "patrol", {"unit": "coy_a", "location": "town"})
    assert isinstance(inputs[1], AdHocInject) and inputs[1].inject.at.hour == 3


def test_inputs_file_inject_references_checked(tmp_path, mini):
    path = tmp_path / "inputs.yaml"
    path.write_text("- turn: 1\n  inject:\n    id: x\n    from: EXCON\n    to: [navy]\n"
                    "    message: hello\n")
    with pytest.raises(InputError) as info:
        load_inputs(path, mini)
    assert str(info.value) == f"{path}:5:10: [0].inject.to[0]: unknown team 'navy' " \
                              "(known: civilian, force, humanitarian, police)"


def test_cli_prints_rejections_and_does_not_crash(tmp_path, capsys):
    path = tmp_path / "d.yaml"
    path.write_text("- {turn: 1, team: force, action: patrol, params: {unit: coy_a, "
                    "location: atlantis}}\n- {turn: 2, team: navy, action: sail}\n")
    out = tmp_path / "run"
    assert main(["run", str(MINI), "--seed", "1", "--decisions", str(path), "--out", str(out),
                 "--quiet"]) == 0
    err = capsys.readouterr().err
    # Names where the scenario has them, the value as written where it has none.
    assert "refused, turn 1, Force: Patrol: parameter location: unknown place atlantis " \
           "(known: Base, Site, Town, Village)" in err
    assert "refused, turn 2, navy: sail: unknown team navy (teams: Force, Police, " in err
    assert '"rejected": 2' in (out / "summary.json").read_text()


def test_cli_bad_bots_option(capsys):
    assert main(["run", str(MINI), "--bots", "force=genius", "--out", "/tmp/x"]) == 1
    assert "--bots expects TEAM=KIND (KIND: passive, random, doctrine)" in capsys.readouterr().err
    assert main(["run", str(MINI), "--bots", "navy=random", "--out", "/tmp/x"]) == 1
    assert "unknown team 'navy' in --bots" in capsys.readouterr().err


def test_cli_refuses_negative_seed_and_unwritable_output(tmp_path, capsys):
    import pytest as _pytest
    with _pytest.raises(SystemExit) as info:
        main(["run", str(MINI), "--seed", "-1", "--out", str(tmp_path / "x")])
    assert info.value.code == 1
    assert "a seed is 0 or more, got -1" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["run", str(MINI), "--out", str(blocker / "run"), "--quiet"]) == 1
    assert capsys.readouterr().err.startswith("error: Not a directory:")


def test_rerun_into_the_same_folder_leaves_no_stale_reports(tmp_path, mini):
    from simulator.play.outputs import write_run
    from simulator.play.runner import play
    longer = mini.model_copy(update={"metadata": mini.metadata.model_copy(update={"turns": 6})})
    write_run(play(longer, 1), tmp_path)
    write_run(play(mini, 1), tmp_path)
    assert sorted(p.name for p in (tmp_path / "reports" / "force").iterdir()) == \
        [f"turn-0{i}.json" for i in range(1, 5)]


def test_the_ids_an_order_may_name_follow_the_scenarios_lists():
    """Worked out once, and again for a copy with other places or routes."""
    from simulator.language.validation import load_scenario
    from simulator.language.values import ids_of

    s = load_scenario(MINI)
    assert ids_of(s, "location") == {"base", "site", "town", "village"}
    assert ids_of(s, "location") is ids_of(s, "location")
    routes = {r.key for r in s.map.routes}
    assert ids_of(s, "route") == routes | {f"{r.to}--{r.from_}" for r in s.map.routes}
    town = next(x for x in s.map.locations if x.id == "town")
    more = s.model_copy(update={"map": s.map.model_copy(update={
        "locations": [*s.map.locations, town.model_copy(update={"id": "port"})],
        "routes": s.map.routes[:1]})})
    assert ids_of(more, "location") == {"base", "site", "town", "village", "port"}
    assert len(ids_of(more, "route")) == 2
    assert ids_of(s, "location") == {"base", "site", "town", "village"}
    assert ids_of(s, "route") == routes | {f"{r.to}--{r.from_}" for r in s.map.routes}
