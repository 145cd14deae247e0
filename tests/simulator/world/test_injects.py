"""MSEL injects fire on time, on conditions, on the instructor's word, and record outcomes."""

import numpy as np
import pytest

from simulator.language.scenario import Action, ExpectedAction, Inject
from simulator.play.decisions import AdHocInject, Decision, FireHeld
from simulator.play.exercise import Exercise
from simulator.play.runner import play


def fired(ex):
    return [(e["inject"], e["turn"], e["hour"], e["trigger"]) for e in ex.events
            if e["type"] == "inject_fired"]


def patrol_village(turn=1):
    return Decision(turn, "force", "patrol", {"unit": "coy_a", "location": "village"})


def test_timed_inject_fires_at_its_turn_and_hour(mini):
    s = mini.model_copy(update={"msel": [mini.msel[0].model_copy(
        update={"at": mini.msel[0].at.model_copy(update={"turn": 2, "hour": 5})})]})
    ex = Exercise(s, seed=1)
    ex.reset()
    assert fired(ex) == []
    ex.step({})
    assert fired(ex) == []
    ex.step({})
    assert fired(ex) == [("warning", 2, 17.0, "time")]  # turn 2 starts at hour 12


def test_message_reaches_only_the_addressees(mini):
    ex = Exercise(mini, seed=1)
    reports = ex.reset()
    (msg,) = reports["force"]["messages"]
    assert msg["text"] == "Armed men seen near the village." and msg["method"] == "phone"
    assert "expected" not in msg  # expected actions are for controllers and evaluators
    assert reports["police"]["messages"] == []


def test_messages_in_french(mini):
    reports = Exercise(mini, seed=1, lang="fr").reset()
    assert reports["force"]["messages"][0]["text"] == "Hommes armés vus près du village."


def test_conditional_inject_waits_for_the_deadline(mini):
    ex = Exercise(mini, seed=1)
    ex.reset()
    ex.step({})  # turn 1 ends without a patrol to the village
    assert ("no-patrol", 2, 12.0, "condition") in fired(ex)


def test_conditional_inject_does_not_fire_when_action_taken(mini):
    ex = play(mini, 1, [patrol_village()])
    assert "no-patrol" not in [f[0] for f in fired(ex)]


def test_expected_action_outcome_is_logged(mini):
    # The raid is planned for hour 18 (turn 2): a patrol that ends with turn 1 is too short.
    for inputs, status in (([patrol_village(1), patrol_village(2)], "met"),
                           ([patrol_village(1)], "attempted"), ([], "missed")):
        ex = play(mini, 1, inputs)
        (ev,) = [e for e in ex.events if e["type"] == "expected_action"]
        assert (ev["inject"], ev["team"], ev["by_turn"], ev["status"], ev["met"]) == \
            ("warning", "force", 1, status, status == "met")


def test_metric_condition(mini):
    watch = Inject.model_validate({
        "id": "many-displaced", "from": "OCHA", "to": ["humanitarian"], "message": "Influx",
        "when": {"metric": "displaced", "location": "town", "above": 50}})
    s = mini.model_copy(update={"msel": list(mini.msel) + [watch]})
    ex = play(s, 1, [])  # the unprotected raid on the village sends people to the town
    (hit,) = [f for f in fired(ex) if f[0] == "many-displaced"]
    assert hit[3] == "condition"
    rows = {r["turn"]: r["displaced"] for r in ex.timeseries if r["location"] == "town"}
    assert rows[hit[1]] > 50


def test_held_inject_fires_only_when_the_instructor_says(mini):
    held = mini.msel[0].model_copy(update={"hold": True})
    s = mini.model_copy(update={"msel": [held, mini.msel[1]]})
    assert "warning" not in [f[0] for f in fired(play(s, 1, []))]
    ex = play(s, 1, [FireHeld(2, "warning")])
    assert [f for f in fired(ex) if f[0] == "warning"] == [("warning", 2, 12.0, "time")]
    assert ex.reports[2]["force"]["messages"][0]["inject"] == "warning"
    with pytest.raises(ValueError, match="no held inject 'no-patrol'"):
        Exercise(s, 1).fire_held("no-patrol")


def test_adhoc_inject_with_effects(mini):
    inj = Inject.model_validate({
        "id": "adhoc-riot", "from": "EXCON", "to": ["police"], "message": "Riot at the site",
        "at": {"turn": 2, "hour": 3},
        "effects": [{"rumour": {"location": "town", "amount": 0.6}}]})
    ex = play(mini, 1, [AdHocInject(2, inj, 3)])
    assert ("adhoc-riot", 2, 15.0, "time") in fired(ex)
    assert any(e["type"] == "rumour" and e["cause"] == "inject:adhoc-riot" for e in ex.events)
    assert ex.inputs[0]["input"] == "inject"


def test_adhoc_inject_for_a_past_turn_is_refused(mini):
    ex = Exercise(mini, 1)
    ex.reset()
    ex.step({})
    inj = Inject.model_validate({"id": "late", "from": "EXCON", "to": ["all"], "message": "x",
                                 "at": {"turn": 1}})
    with pytest.raises(ValueError, match="inject 'late': turn 1 is over"):
        ex.add_inject(AdHocInject(1, inj))


def test_orders_before_an_inject_do_not_answer_it(mini):
    late = mini.msel[0].model_copy(update={
        "at": mini.msel[0].at.model_copy(update={"turn": 2}),
        "expected_actions": [mini.msel[0].expected_actions[0].model_copy(
            update={"by_turn": 3})]})
    s = mini.model_copy(update={"msel": [late]})
    early = [Decision(1, "force", "patrol", {"unit": "coy_a", "location": "village"})]
    (ev,) = [e for e in play(s, 1, early).events if e["type"] == "expected_action"]
    assert ev["met"] is False
    answer = [Decision(3, "force", "patrol", {"unit": "coy_a", "location": "village"})]
    (ev,) = [e for e in play(s, 1, answer).events if e["type"] == "expected_action"]
    assert ev["met"] is True


def test_a_standing_set_up_before_an_inject_answers_it(mini):
    # A referral pathway already in place answers an SGBV report; a patrol does not last.
    pathway = Action.model_validate({
        "id": "pathway", "team": ["force"], "name": {"en": "Pathway", "fr": "Circuit"},
        "params": {"location": {"type": "location"}},
        "effects": [{"referral_pathway": {"location": "$location"}}]})
    late = mini.msel[0].model_copy(update={
        "at": mini.msel[0].at.model_copy(update={"turn": 2}),
        "expected_actions": [ExpectedAction(team="force", action="pathway", location="village",
                                            by_turn=3)]})
    s = mini.model_copy(update={"actions": [*mini.actions, pathway], "msel": [late]})
    early = [Decision(1, "force", "pathway", {"location": "village"})]
    (ev,) = [e for e in play(s, 1, early).events if e["type"] == "expected_action"]
    assert ev["met"] is True
    elsewhere = [Decision(1, "force", "pathway", {"location": "site"})]
    (ev,) = [e for e in play(s, 1, elsewhere).events if e["type"] == "expected_action"]
    assert ev["met"] is False


def test_adhoc_inject_due_now_fires_at_once_and_replays(mini, tmp_path):
    import json

    from simulator.play.decisions import load_inputs
    ex = Exercise(mini, seed=1)
    ex.reset()
    inj = Inject.model_validate({"id": "now", "from": "EXCON", "to": ["police"],
                                 "message": "Now", "at": {"turn": 1}})
    ex.step({}, injects=[AdHocInject(1, inj, 0)])
    assert ("now", 1, 0, "time") in fired(ex)
    with pytest.raises(ValueError, match="an inject with this id exists already"):
        ex.add_inject(AdHocInject(2, inj, 0))
    while not ex.done:
        ex.step({})
    record = tmp_path / "inputs.json"
    record.write_text(json.dumps(ex.inputs))
    replay = play(mini, 1, load_inputs(record, mini))
    assert replay.events == ex.events


def test_adhoc_inject_file_problems(tmp_path, mini):
    from simulator.language.yamlsafe import InputError
    from simulator.play.decisions import load_inputs
    path = tmp_path / "i.yaml"
    path.write_text("- {turn: 2, inject: {id: a, from: X, to: [all], message: m,"
                    " at: {turn: 3}}}\n"
                    "- {turn: 2, inject: {id: b, from: X, to: [all], message: m}}\n"
                    "- {turn: 3, inject: {id: b, from: X, to: [all], message: m}}\n"
                    "- {turn: 3, hour: 5, inject: {id: c, from: X, to: [all], message: m}}\n")
    mini_2h = mini.model_copy(update={"metadata": mini.metadata.model_copy(
        update={"step_hours": 2})})
    with pytest.raises(InputError) as info:
        load_inputs(path, mini_2h)
    msgs = [p.message for p in info.value.problems]
    assert msgs == ["an ad-hoc inject fires at the entry's turn and hour; remove 'at'",
                    "duplicate inject id 'b'",
                    "hour must be a multiple of step_hours (2)"]


def test_a_message_names_the_places_its_inject_acts_on(mini):
    ex = Exercise(mini, 1)
    reports = ex.reset()
    (msg,) = [m for m in reports["force"]["messages"] if m["inject"] == "warning"]
    assert msg["places"] == ["village"]  # its effect: a threat on the village


def test_a_message_names_the_places_and_actors_its_author_lists(mini):
    inject = mini.msel[0].model_copy(update={"places": ["town"], "actors": ["army"]})
    ex = Exercise(mini.model_copy(update={"msel": [inject]}), 1)
    (msg,) = ex.reset()["force"]["messages"]
    assert msg["places"] == ["town", "village"] and msg["actors"] == ["army"]


def test_a_message_effect_names_teams_as_recipients_not_places(mini):
    from simulator.language.scenario import Inject
    from simulator.world.sitrep_text import render

    inject = Inject.model_validate({
        "id": "note", "at": {"turn": 1}, "from": "EXCON", "to": ["force"],
        "message": "Look at the town.",
        "effects": [{"message": {"to": "civilian", "topic": "water_shortage",
                                 "location": "town"}}]})
    ex = Exercise(mini.model_copy(update={"msel": [inject]}), 1)
    reports = ex.reset()
    (msg,) = reports["force"]["messages"]
    assert msg["places"] == ["town"]  # the team the effect writes to is no place
    # The civilian team reads the effect's topic and place, from the inject's sender.
    page = render(reports["civilian"], ex.scenario)
    assert "from EXCON: water shortage (places: Town)" in page


def test_occupancy_against_capacity(mini):
    """The crowding condition: people present against a site's capacity."""
    ex = Exercise(mini, 1)
    ex.reset()
    m = ex.model
    present = m.civilians.present().sum(axis=1)
    site, town = m.index["site"], m.index["town"]
    assert m.measures.metric("occupancy", "site") == pytest.approx(present[site] / 3000)
    assert m.measures.metric("occupancy", "town") == 0.0  # no capacity: never crowded
    assert m.measures.metric("occupancy") == pytest.approx(present[site] / 3000)  # the one site
    crowd = np.zeros(5, dtype=np.int64)
    crowd[0] = 3000 - int(present[site]) + 600
    m.civilians.people.add(town, site, crowd)  # a crowd arrives
    assert m.measures.metric("occupancy", "site") == pytest.approx(1.2)
    crowded = Inject.model_validate({
        "id": "crowded", "from": "Camp management", "to": ["humanitarian"],
        "message": "The site is over capacity",
        "when": {"metric": "occupancy", "location": "site", "above": 1.0}})
    from simulator.world.conditions import evaluate
    assert evaluate(crowded.when, m) is True
