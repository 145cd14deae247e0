"""A team sees whether the other teams have submitted, never how many orders, or nothing
at all if the instructor chooses so; the instructor and the evaluators see the counts."""

from __future__ import annotations

from tests.portal.conftest import PATROL, command

POLICE = {"action": "patrol", "params": {"unit": "fpu", "location": "village"}}
SHARE = {"action": "share", "params": {"to": "force"}}


def submitted(user, ex: int) -> dict:
    r = user.http.get(f"/api/exercises/{ex}/state")
    assert r.status_code == 200
    return r.json()["submitted"]


def others_line(user) -> str:
    page = user.get("/team", lang="en").text
    return page.split('class="meta others">', 1)[1].split("</p>", 1)[0] \
        if 'class="meta others"' in page else ""


def test_teams_see_who_submitted_and_staff_see_the_counts(made, teams, instructor, evaluator):
    ex = made["id"]
    command(instructor, ex, "start")
    assert others_line(teams["force"]) == "No other team has submitted orders yet."
    assert teams["force"].post(f"/api/exercises/{ex}/submit",
                               {"turn": 1, "decisions": [PATROL]}).status_code == 200
    assert teams["police"].post(f"/api/exercises/{ex}/submit",
                                {"turn": 1, "decisions": [POLICE, SHARE]}).status_code == 200
    for team in ("force", "police", "civilian"):
        seen = submitted(teams[team], ex)
        assert seen == {"force": True, "police": True}
        assert all(v is True for v in seen.values())  # a yes, never a count
    assert submitted(instructor, ex) == submitted(evaluator, ex) == {"force": 1, "police": 2}
    assert others_line(teams["civilian"]) == "Other teams that have submitted orders: Force, " \
                                             "Police."
    assert others_line(teams["force"]) == "Other teams that have submitted orders: Police."
    assert "2" not in others_line(teams["force"])


def test_the_instructor_can_show_the_teams_nothing(app, made, teams, instructor):
    ex = made["id"]
    command(instructor, ex, "start")
    assert instructor.http.get(f"/api/exercises/{ex}/state").json()["others_shown"] == "submitted"
    teams["force"].post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]})
    r = instructor.form(f"/instructor/exercises/{ex}/others", {"shown": "nothing"})
    assert r.status_code == 303
    assert app.state.store.others_shown(ex) == "nothing"
    assert submitted(teams["police"], ex) == {}
    assert submitted(teams["force"], ex) == {"force": True}  # its own orders, still a yes
    assert others_line(teams["police"]) == ""
    assert submitted(instructor, ex) == {"force": 1}
    state = instructor.http.get(f"/api/exercises/{ex}/state").json()
    assert state["others_shown"] == "nothing"
    console = instructor.get(f"/instructor/exercises/{ex}", lang="en").text
    assert '<option value="nothing" selected>Nothing</option>' in console


def test_only_the_instructor_changes_it_and_only_to_a_known_choice(app, made, teams, instructor):
    ex = made["id"]
    assert teams["force"].form(f"/instructor/exercises/{ex}/others",
                               {"shown": "nothing"}).status_code == 403
    bad = instructor.form(f"/instructor/exercises/{ex}/others", {"shown": "counts"})
    assert bad.status_code == 422
    assert instructor.form("/instructor/exercises/999/others",
                           {"shown": "nothing"}).status_code == 404
    assert app.state.store.others_shown(ex) == "submitted"
