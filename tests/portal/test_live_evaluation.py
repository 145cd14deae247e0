"""The evaluator page while the exercise runs: draft ratings from the turns played, and
each inject's expected actions with whether they are met so far."""

from __future__ import annotations

import re

import pytest

from debrief.ratings import rate_objectives
from debrief.rundata import load_run
from simulator.play.outputs import write_run
from simulator.portal import assessment
from tests.conftest import MINI, MINI_OBJECTIVES
from tests.portal.conftest import HELD, PATROL, User, command, new_exercise

# An inject asking the humanitarians to assess the village by the end of turn 2.
ASK = """  - id: families
    at: {turn: 1}
    from: {en: Mayor, fr: Maire}
    to: [humanitarian]
    message: {en: Families in need at the village., fr: Des familles dans le besoin au village.}
    expected_actions:
      - {team: humanitarian, action: assess, location: village, by_turn: 2}
"""
ASSESS = {"action": "assess", "params": {"location": "village"}}


def main_of(html: str) -> str:
    return html.split("<main>", 1)[1].split("</main>", 1)[0]


def letters(html: str, task: str) -> list[str]:
    row = re.search(rf"<tr><td>{task}</td>.*?</tr>", html, re.S).group(0)
    return re.findall(r'class="rating r([PSMU])"', row)


def expected(html: str) -> dict[str, str]:
    """Each expected action's row: team, action, place, deadline → status so far."""
    out = {}
    for row in re.findall(r"<tr><td>[^<]*</td><td>[^<]*</td><td>[^<]*</td><td>[^<]*</td>\s*"
                          r"<td class=.*?</tr>", html, re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>",
                                                                       row, re.S)]
        out[" | ".join(cells[:4])] = cells[4]
    return out


@pytest.fixture
def played(app, instructor):
    made = new_exercise(instructor, text=MINI.read_text() + HELD + ASK + MINI_OBJECTIVES)
    users = {t: User(app, c) for t, c in made["codes"]["teams"].items()}
    return made["id"], users, User(app, made["codes"]["evaluator"])


def test_draft_ratings_and_expected_actions_so_far(played, instructor):
    ex, teams, evaluator = played
    assert "Draft ratings so far" not in evaluator.get("/evaluator", lang="en").text
    command(instructor, ex, "start")
    page = main_of(evaluator.get("/evaluator", lang="en").text)
    assert "Draft ratings appear once the first turn has been played." in page
    assert expected(page) == {
        "Force | Patrol | Village | day 1, 12:00": "not yet",
        "Humanitarian | Assess needs | Village | day 2, 00:00": "not yet"}
    teams["force"].post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]})
    teams["humanitarian"].post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [ASSESS]})
    command(instructor, ex, "close")
    page = main_of(evaluator.get("/evaluator", lang="en").text)
    assert "From the turns played so far (1 of 4)" in page
    assert letters(page, "Presence before the raid") == ["P"]  # nobody killed yet
    # The patrol leaves at noon, before the raid planned for 18:00: not met yet.
    assert expected(page) == {
        "Force | Patrol | Village | day 1, 12:00": "not yet",
        "Humanitarian | Assess needs | Village | day 2, 00:00": "met so far"}
    fr = main_of(evaluator.get("/evaluator", lang="fr").text)
    assert "Notes provisoires à ce stade" in fr and letters(fr, "Présence avant le raid") == ["P"]
    assert expected(fr) == {
        "Force | Patrouille | Village | jour 1, 12 h 00": "pas encore",
        "Humanitaire | Évaluer | Village | jour 2, 00 h 00": "réalisée à ce stade"}
    assert "déclenché jour 1, 00 h 00" in fr and "Des familles dans le besoin" in fr
    for name in ("open", "close", "open"):
        command(instructor, ex, name)
    page = main_of(evaluator.get("/evaluator", lang="en").text)
    assert letters(page, "Presence before the raid") == ["M"]  # 21 killed in the raid
    assert expected(page) == {
        "Force | Patrol | Village | day 1, 12:00":
            "attempted without effect: the unit had left before the attack",
        "Humanitarian | Assess needs | Village | day 2, 00:00": "met"}
    why = "The raid was foreseen and the village left alone."
    evaluator.form("/evaluator/overrides", {"task": "ct-presence", "rating": "U",
                                            "justification": why})
    page = main_of(evaluator.get("/evaluator", lang="en").text)
    assert letters(page, "Presence before the raid") == ["M", "U"]  # draft, then final
    assert "Presence before the raid: U" in page  # the override by the task's name


def test_ratings_so_far_are_the_debriefs_own_and_computed_once_per_state(app, played,
                                                                        instructor, tmp_path,
                                                                        monkeypatch):
    ex, teams, evaluator = played
    command(instructor, ex, "start")
    teams["force"].post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]})
    for name in ("close", "open", "close"):
        command(instructor, ex, name)
    live = app.state.registry.get(ex)
    # The run in memory rates as the run written to files and read back would.
    write_run(live.exercise, tmp_path / "run")
    from_files = rate_objectives(live.scenario, load_run(tmp_path / "run"))
    in_memory = assessment.ratings_so_far(live)
    assert [(t.id, t.rating, [m.result.value for m in t.measures])
            for o in in_memory for t in o.tasks] == \
        [(t.id, t.rating, [m.result.value for m in t.measures])
         for o in from_files for t in o.tasks] == [("ct-presence", "M", [21])]
    calls = []
    monkeypatch.setattr(assessment, "rate_objectives",
                        lambda *a: calls.append(1) or rate_objectives(*a))
    for _ in range(3):
        assert evaluator.get("/evaluator").status_code == 200
    assert calls == []  # the state has not changed: the cached ratings serve
    command(instructor, ex, "open")
    evaluator.get("/evaluator")
    evaluator.get("/evaluator")
    assert calls == [1]


def test_an_inject_due_later_in_the_turn_is_listed_before_it_fires(app, instructor):
    late = ASK.replace("id: families", "id: late").replace("at: {turn: 1}",
                                                          "at: {turn: 2, hour: 6}")
    made = new_exercise(instructor, text=MINI.read_text() + late + MINI_OBJECTIVES)
    ex, evaluator = made["id"], User(app, made["codes"]["evaluator"])
    command(instructor, ex, "start")
    assert "Families in need" not in evaluator.get("/evaluator", lang="en").text  # turn 2's
    for name in ("close", "open"):
        command(instructor, ex, name)
    page = main_of(evaluator.get("/evaluator", lang="en").text)
    assert "due day 1, 18:00" in page  # hour 6 of turn 2, of 12 hours each
    # Fired after turn 2's orders, it can first be answered in turn 3: its deadline then.
    assert expected(page)["Humanitarian | Assess needs | Village | day 2, 12:00"] == \
        "inject not fired yet"
    command(instructor, ex, "close")
    page = main_of(evaluator.get("/evaluator", lang="en").text)
    assert "fired day 1, 18:00" in page
    assert expected(page)["Humanitarian | Assess needs | Village | day 2, 12:00"] == "not yet"
