"""Where each final rating counts: under every competency its task maps to, for the
trainees who played its team in that exercise."""

from simulator.classroom.competencies import shipped_framework
from simulator.classroom.course_records import TaskRating, roll_up


def rating(ex, task, team, final, draft=None):
    return TaskRating(exercise=ex, exercise_name=f"Exercise {ex}", scenario="poc-inner-delta",
                      task=task, team=team, title={"en": task, "fr": task},
                      draft=draft or final, final=final, evidence=("e000001",))


def test_a_task_counts_for_its_team_members_under_each_competency_it_maps_to():
    framework = shipped_framework()
    # ct_engage_women: gender and WPS, and (through obj_dialogue) protection of civilians.
    ratings = [rating(1, "ct_engage_women", "civilian", "S"),
               rating(1, "ct_site", "police", "P", draft="S"),
               rating(2, "ct_engage_women", "civilian", "P"),
               rating(2, "ct_site", "police", None)]  # not applicable: counts nowhere
    members = {1: {"civilian": [10, 11], "police": [12]}, 2: {"civilian": [11]}}
    trainees, teams = roll_up(framework, ratings, members)
    assert set(trainees) == {10, 11, 12}
    assert set(trainees[11].competencies) == {"gender_wps", "protection_of_civilians"}
    assert trainees[11].summary("gender_wps") == {
        "tasks": 2, "counts": {"P": 1, "S": 1, "M": 0, "U": 0}, "latest": "P"}
    assert trainees[10].summary("gender_wps")["latest"] == "S"
    assert set(trainees[12].competencies) == {"protection_of_civilians", "un_police"}
    assert trainees[12].competencies["un_police"][0].plain()["overridden"] is True
    assert trainees[12].summary("human_rights") == {
        "tasks": 0, "counts": {"P": 0, "S": 0, "M": 0, "U": 0}, "latest": None}
    assert set(teams) == {(1, "civilian"), (1, "police"), (2, "civilian")}


def test_a_task_of_a_scenario_the_framework_does_not_know_counts_nowhere():
    framework = shipped_framework()
    other = TaskRating(exercise=1, exercise_name="x", scenario="my-own", task="ct_a",
                       team="force", title={"en": "a", "fr": "a"}, draft="P", final="P")
    assert roll_up(framework, [other], {1: {"force": [1]}}) == ({}, {})
