"""The course pages: the instructor creates a course, imports the cohort, forms teams for
an exercise; the course's evaluator signs off on the class view; bad input is shown on
the page with a 422 and stores nothing."""

import re

from simulator.i18n import LANGUAGES
from tests.portal.conftest import User
from tests.simulator.classroom.test_courses import COHORT
from tests.untranslated import english_left, keys_shown, shown_text


def new_course(instructor: User) -> int:
    r = instructor.form("/instructor/courses", {"name": "PoC course 2027-1",
                                                "school": "École de maintien de la paix",
                                                "start": "2027-01-11", "end": "2027-01-22",
                                                "lang": "fr"})
    assert r.status_code == 303, r.text
    return int(r.headers["location"].rsplit("/", 1)[1])


def upload(instructor: User, course: int, text: str):
    return instructor.http.post(f"/instructor/courses/{course}/import",
                                data={"csrf": instructor.csrf},
                                files={"file": ("cohort.csv", text.encode("utf-8"), "text/csv")})


def test_a_course_from_the_pages_import_teams_and_sign_off(app, instructor, made):
    c = new_course(instructor)
    assert "PoC course 2027-1" in instructor.get("/instructor/courses").text
    assert upload(instructor, c, COHORT.read_text(encoding="utf-8")).status_code == 303
    page = instructor.get(f"/instructor/courses/{c}", lang="en").text
    assert "Trainees (25)" in page and "Aïssata Asante" in page and "military" in page
    ex = made["id"]
    form = instructor.get(f"/instructor/courses/{c}/exercises/{ex}", lang="en").text
    ids = app.state.courses.trainees(c)
    first, second = ids[0]["id"], ids[1]["id"]
    assert f'name="team_{first}"' in form
    r = instructor.form(f"/instructor/courses/{c}/exercises/{ex}",
                        {f"team_{first}": "force", f"team_{second}": "police"})
    assert r.status_code == 303
    assert app.state.courses.members(ex) == {"force": [first], "police": [second]}
    evaluator = User(app, made["codes"]["evaluator"])
    view = evaluator.get(f"/courses/{c}/class", lang="fr").text
    assert "Protection des civils" in view and 'action="/courses/%d/signoffs"' % c in view
    r = evaluator.form(f"/courses/{c}/signoffs", {
        "trainee": str(first), "competency": "un_police", "status": "met",
        "evaluator": "Cne. Diarra", "comment": "Solide."})
    assert r.status_code == 303
    assert app.state.courses.standing(c)[(first, "un_police")]["status"] == "met"
    assert "Cne. Diarra" in instructor.get(f"/courses/{c}/class").text
    # The instructor reads the class view but does not sign; a team sees none of it.
    assert "signoffs" not in instructor.get(f"/courses/{c}/class").text.split("<main>")[1]
    team = User(app, made["codes"]["teams"]["force"])
    assert team.get(f"/courses/{c}/class").status_code == 403
    assert team.get(f"/instructor/courses/{c}").status_code == 403


def test_bad_input_is_shown_and_nothing_stored(app, instructor):
    r = instructor.form("/instructor/courses", {"name": "X", "school": "Y",
                                                "start": "2027-02-01", "end": "2027-01-01",
                                                "lang": "en"})
    assert r.status_code == 422 and "ends before it starts" in r.text
    assert app.state.courses.courses() == []
    c = new_course(instructor)
    bad = COHORT.read_text(encoding="utf-8").replace(",police,", ",gendarme,", 1)
    r = upload(instructor, c, bad)
    assert r.status_code == 422 and "row 12, column &#39;service&#39;" in r.text
    assert app.state.courses.trainees(c) == []
    r = instructor.form(f"/instructor/courses/{c}/trainees", {
        "name": "Awa", "country": "Mali", "service": "navy", "sex": "female", "email": ""})
    assert r.status_code == 422 and app.state.courses.trainees(c) == []
    assert instructor.form("/instructor/courses", {"name": "X"}, csrf=False).status_code == 403


def test_the_pages_render_in_every_language(app, instructor, made):
    """Each course page, the codes sheet and a trainee's own page, in every language: no
    sentence of the interface left in English, no code shown."""
    c = new_course(instructor)
    upload(instructor, c, COHORT.read_text(encoding="utf-8"))
    instructor.form(f"/instructor/courses/{c}/exercises/{made['id']}", {})
    heading = {"en": "Import the cohort", "fr": "Importer la promotion",
               "pt": "Importar a turma"}
    assert set(heading) == set(LANGUAGES)
    for lang in LANGUAGES:
        pages = {path: instructor.get(path, lang=lang) for path in (
            "/instructor/courses", f"/instructor/courses/{c}",
            f"/instructor/courses/{c}/exercises/{made['id']}", f"/courses/{c}/class",
            f"/courses/{c}/cohort")}
        instructor.http.cookies.set("ttx_lang", lang)
        pages["codes sheet"] = instructor.form(f"/instructor/courses/{c}/codes", {})  # new codes
        trainee = User(app, re.findall(r"<code>([A-Z2-7-]+)</code>", pages["codes sheet"].text)[0])
        pages["/trainee"] = trainee.get("/trainee", lang=lang)
        for path, r in pages.items():
            assert r.status_code == 200 and f'<html lang="{lang}">' in r.text, (path, lang)
            shown = shown_text(r.text)
            assert keys_shown(shown) == [], (path, lang)
            if lang != "en":
                assert english_left(shown, lang) == [], (path, lang)
        assert heading[lang] in pages[f"/instructor/courses/{c}"].text


def test_a_practice_exercise_never_joins_a_course(app, instructor):
    from tests.portal.test_practice import make_offer, trainee

    c = new_course(instructor)
    practising = trainee(app, make_offer(instructor)["link"])
    ex = practising.me["exercise"]
    r = instructor.post(f"/api/courses/{c}/exercises/{ex}", {"teams": {}})
    assert r.status_code == 409 and r.json()["reason"] == "practice_exercise"
    assert app.state.courses.exercises(c) == []


def test_the_evaluator_of_a_course_exercise_finds_the_class_view(app, instructor, made):
    c = new_course(instructor)
    evaluator = User(app, made["codes"]["evaluator"])
    assert f"/courses/{c}/class" not in evaluator.get("/evaluator").text
    instructor.form(f"/instructor/courses/{c}/exercises/{made['id']}", {})
    assert f"/courses/{c}/class" in evaluator.get("/evaluator").text


def test_the_codes_sheet_lists_a_new_code_per_trainee(app, instructor):
    c = new_course(instructor)
    upload(instructor, c, COHORT.read_text(encoding="utf-8"))
    r = instructor.form(f"/instructor/courses/{c}/codes", {})
    assert r.status_code == 200
    codes = re.findall(r"<code>([A-Z2-7-]+)</code>", r.text)
    assert len(codes) == len(set(codes)) == 25 and "Aïssata Asante" in r.text
    trainee = User(app, codes[0])
    assert trainee.get("/trainee").status_code == 200
    assert instructor.form(f"/instructor/courses/{c}/codes", {}, csrf=False).status_code == 403
