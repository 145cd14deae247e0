"""A course's records: final ratings (after overrides) rolled up onto the competency
framework per team and per trainee; sign-offs by the course's evaluators only."""

import pytest

from tests.portal.conftest import User, command
from tests.portal.test_courses_api import COURSE, csv_post
from tests.simulator.test_courses import COHORT


def play_poc(instructor: User) -> dict:
    """poc-inner-delta with the force played by trainees who order nothing, every other
    team by doctrine bots, to the end."""
    r = instructor.post("/api/exercises", {
        "name": "Inner delta", "scenario": "poc-inner-delta", "seed": 1, "lang": "en",
        "bots": {"police": "doctrine", "civilian": "doctrine", "humanitarian": "doctrine"}})
    assert r.status_code == 201, r.text
    made = r.json()
    ex = made["id"]
    command(instructor, ex, "start")
    while True:
        if command(instructor, ex, "close")["phase"] == "finished":
            return made
        command(instructor, ex, "open")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """One course, 25 trainees, one finished exercise: six trainees in the force."""
    from simulator.portal import create_app
    app = create_app(tmp_path_factory.mktemp("course") / "ttx.db")
    instructor = User(app, app.state.store.add_credential("instructor"))
    c = instructor.post("/api/courses", COURSE).json()["id"]
    ids = csv_post(instructor, f"/api/courses/{c}/trainees/import",
                   COHORT.read_text(encoding="utf-8")).json()["ids"]
    made = play_poc(instructor)
    r = instructor.post(f"/api/courses/{c}/exercises/{made['id']}",
                        {"teams": {"force": ids[:6], "civilian": ids[6:10]}})
    assert r.status_code == 200, r.text
    return {"app": app, "instructor": instructor, "course": c, "ids": ids, "made": made}


def competency(record: dict, cid: str) -> dict:
    return next(x for x in record["competencies"] if x["id"] == cid)


def test_the_force_trainees_carry_the_force_tasks_under_their_competencies(course):
    got = course["instructor"].get(f"/api/courses/{course['course']}/records").json()
    ids = course["ids"]
    mine = got["trainees"][str(ids[0])]
    assert mine["name"] == "Aïssata Asante"
    assert len(mine["competencies"]) == 7
    poc = competency(mine, "protection_of_civilians")
    # A force that ordered nothing: every force task it counts for is rated U, with evidence.
    assert poc["tasks"] >= 1 and poc["counts"]["U"] == poc["tasks"] and poc["latest"] == "U"
    assert all(r["team"] == "force" and r["exercise"] == course["made"]["id"]
               and r["evidence"] for r in poc["ratings"])
    # Trainees in no team of any exercise have nothing under any competency.
    idle = got["trainees"][str(ids[20])]
    assert all(x["tasks"] == 0 and x["ratings"] == [] for x in idle["competencies"])
    # The teams' records: the force's and the civilians' (bots also played, but no
    # trainee: still listed per team).
    teams = {(t["exercise"], t["team"]) for t in got["teams"]}
    assert (course["made"]["id"], "force") in teams


def test_an_override_changes_the_final_rating_and_is_marked(course):
    evaluator = User(course["app"], course["made"]["codes"]["evaluator"])
    before = course["instructor"].get(f"/api/courses/{course['course']}/records").json()
    rating = competency(before["trainees"][str(course["ids"][1])],
                        "protection_of_civilians")["ratings"][0]
    r = evaluator.form("/evaluator/overrides", {"task": rating["task"], "rating": "M",
                                                "justification": "Some presence, late."})
    assert r.status_code == 303
    after = evaluator.get(f"/api/courses/{course['course']}/records").json()
    moved = next(x for x in competency(after["trainees"][str(course["ids"][1])],
                                       "protection_of_civilians")["ratings"]
                 if x["task"] == rating["task"])
    assert (moved["draft"], moved["final"], moved["overridden"]) == ("U", "M", True)
    assert moved["justification"] == "Some presence, late."


def test_an_evaluator_signs_off_once_per_key_and_the_latest_counts(course):
    evaluator = User(course["app"], course["made"]["codes"]["evaluator"])
    c, t = course["course"], course["ids"][2]
    path = f"/api/courses/{c}/trainees/{t}/signoffs"
    body = {"competency": "un_police", "status": "not_yet_met", "evaluator": "Cdt. Sawadogo",
            "comment": "Did not keep public order at the site."}
    first = evaluator.post(path, body, key="k1")
    assert first.status_code == 201
    again = evaluator.post(path, body, key="k1")
    assert again.status_code == 200 and again.json()["seq"] == first.json()["seq"]
    assert evaluator.post(path, dict(body, status="met", comment="Retested."),
                          key="k2").status_code == 201
    got = course["instructor"].get(f"/api/courses/{c}/records").json()
    signed = competency(got["trainees"][str(t)], "un_police")["signoff"]
    assert signed["status"] == "met" and signed["evaluator"] == "Cdt. Sawadogo"
    export = course["instructor"].get(f"/api/courses/{c}/trainees/{t}").json()
    assert [s["status"] for s in export["signoffs"]] == ["not_yet_met", "met"]


def test_sign_offs_refuse_bad_input_and_other_roles(course):
    app, c, t = course["app"], course["course"], course["ids"][3]
    evaluator = User(app, course["made"]["codes"]["evaluator"])
    path = f"/api/courses/{c}/trainees/{t}/signoffs"
    body = {"competency": "un_police", "status": "met", "evaluator": "X"}
    r = evaluator.post(path, dict(body, competency="piloting"))
    assert r.status_code == 422 and r.json()["reason"] == "unknown_competency"
    assert "protection_of_civilians" in r.json()["detail"]
    assert evaluator.post(path, dict(body, status="maybe")).status_code == 422
    assert evaluator.post(f"/api/courses/{c}/trainees/99999/signoffs", body).status_code == 404
    assert evaluator.post(path, body, csrf=False).status_code == 403
    team = User(app, course["made"]["codes"]["teams"]["force"])
    assert team.post(path, body).status_code == 403
    assert team.get(f"/api/courses/{c}/records").status_code == 403
    assert course["instructor"].post(path, body).status_code == 403  # evaluators sign
    # An evaluator of an exercise outside the course sees and signs nothing of it.
    other = course["instructor"].post("/api/exercises", {
        "name": "Elsewhere", "scenario": "poc-inner-delta", "seed": 2, "lang": "en",
        "bots": {}}).json()
    outsider = User(app, other["codes"]["evaluator"])
    assert outsider.get(f"/api/courses/{c}/records").status_code == 403
    assert outsider.post(path, body).status_code == 403
    signed = competency(course["instructor"].get(f"/api/courses/{c}/records").json()
                        ["trainees"][str(t)], "un_police")["signoff"]
    assert signed is None  # nothing refused was stored
