"""Courses in the JSON API: only the instructor manages them; bad input is a located 4xx
that stores nothing."""

from tests.portal.conftest import User, new_exercise
from tests.simulator.classroom.test_courses import COHORT

COURSE = {"name": "PoC course 2027-1", "school": "École de maintien de la paix",
          "start": "2027-01-11", "end": "2027-01-22", "lang": "fr"}


def csv_post(user: User, path: str, text: str, csrf: bool = True):
    headers = {"Content-Type": "text/csv"}
    if csrf:
        headers["X-CSRF-Token"] = user.csrf
    return user.http.post(path, content=text.encode("utf-8"), headers=headers)


def test_a_course_its_cohort_and_an_exercise_with_teams_from_it(instructor):
    r = instructor.post("/api/courses", COURSE)
    assert r.status_code == 201
    c = r.json()["id"]
    r = csv_post(instructor, f"/api/courses/{c}/trainees/import",
                 COHORT.read_text(encoding="utf-8"))
    assert r.status_code == 201 and r.json()["imported"] == 25
    ids = r.json()["ids"]
    r = instructor.post(f"/api/courses/{c}/trainees",
                        {"name": "Hadiza Bello", "country": "Nigeria", "service": "police",
                         "sex": "female", "email": "hadiza@example.org"})
    assert r.status_code == 201
    assert instructor.get("/api/courses").json()[0]["trainees"] == 26
    ex = new_exercise(instructor)["id"]
    r = instructor.post(f"/api/courses/{c}/exercises/{ex}",
                        {"teams": {"force": ids[:6], "police": ids[6:12]}})
    assert r.status_code == 200 and r.json()["teams"]["police"] == ids[6:12]
    shown = instructor.get(f"/api/courses/{c}").json()
    assert shown["course"]["school"] == "École de maintien de la paix"
    assert [e["id"] for e in shown["exercises"]] == [ex]
    assert shown["exercises"][0]["teams"]["force"] == ids[:6]


def test_a_bad_csv_row_imports_nothing_and_says_where(instructor):
    c = instructor.post("/api/courses", COURSE).json()["id"]
    text = COHORT.read_text(encoding="utf-8").replace(",police,", ",gendarme,", 1)
    r = csv_post(instructor, f"/api/courses/{c}/trainees/import", text)
    assert r.status_code == 422 and r.json()["reason"] == "invalid_csv"
    (problem,) = r.json()["problems"]
    assert problem["row"] == 12 and problem["column"] == "service"
    assert "'gendarme' is not one of" in problem["message"]
    assert instructor.get(f"/api/courses/{c}").json()["trainees"] == []


def test_unknown_course_or_trainee_is_404_and_bad_dates_422(instructor):
    assert instructor.get("/api/courses/9").status_code == 404
    assert instructor.get("/api/courses/9/trainees/1").status_code == 404
    r = instructor.post("/api/courses", dict(COURSE, end="2026-12-01"))
    assert r.status_code == 422 and "ends before it starts" in r.json()["detail"]


def test_export_then_delete_a_trainee(instructor):
    c = instructor.post("/api/courses", COURSE).json()["id"]
    ids = csv_post(instructor, f"/api/courses/{c}/trainees/import",
                   COHORT.read_text(encoding="utf-8")).json()["ids"]
    data = instructor.get(f"/api/courses/{c}/trainees/{ids[1]}").json()
    assert data["trainee"]["email"] == "trainee02@example.org"
    no_csrf = instructor.http.delete(f"/api/courses/{c}/trainees/{ids[1]}")
    assert no_csrf.status_code == 403
    r = instructor.http.delete(f"/api/courses/{c}/trainees/{ids[1]}",
                               headers={"X-CSRF-Token": instructor.csrf})
    assert r.status_code == 204
    assert instructor.get(f"/api/courses/{c}/trainees/{ids[1]}").status_code == 404
    assert len(instructor.get(f"/api/courses/{c}").json()["trainees"]) == 24


def test_only_the_instructor_manages_courses(app, instructor, made):
    c = instructor.post("/api/courses", COURSE).json()["id"]
    team = User(app, made["codes"]["teams"]["force"])
    evaluator = User(app, made["codes"]["evaluator"])
    for user in (team, evaluator):
        assert user.get("/api/courses").status_code == 403
        assert user.get(f"/api/courses/{c}").status_code == 403
        assert user.post("/api/courses", COURSE).status_code == 403
        assert csv_post(user, f"/api/courses/{c}/trainees/import",
                        COHORT.read_text(encoding="utf-8")).status_code == 403
    assert User(app).get("/api/courses").status_code == 401
    assert csv_post(instructor, f"/api/courses/{c}/trainees/import", "name\n",
                    csrf=False).status_code == 403
