"""Courses and cohorts in the portal's database: CSV import, enrolment, teams per
exercise, export and deletion of a trainee."""

from datetime import date
from pathlib import Path

import pytest

from simulator.classroom.courses import Course, Courses, CsvError, Trainee, parse_cohort
from simulator.classroom.store import Refused, Store

COHORT = Path(__file__).resolve().parents[2] / "fixtures" / "courses" / "cohort.csv"
COURSE = Course(name="PoC course 2027-1", school="École de maintien de la paix",
                start=date(2027, 1, 11), end=date(2027, 1, 22), lang="fr")


@pytest.fixture
def courses(tmp_path):
    store = Store(tmp_path / "ttx.db")
    return Courses(store)


def test_the_fixture_cohort_reads_as_25_trainees_of_three_services():
    cohort = parse_cohort(COHORT.read_text(encoding="utf-8"))
    assert len(cohort) == 25
    assert {t.service for t in cohort} == {"military", "police", "civilian"}
    assert sum(t.sex == "female" for t in cohort) == 10
    assert sum(t.email is None for t in cohort) == 9


@pytest.mark.parametrize("text", [
    # French, with semicolons, a byte-order mark, Windows line ends and a blank line
    "\ufeffNom;Pays;Service;Sexe;Courriel\r\nAwa Ndiaye;Sénégal;Civile;F;\r\n"
    "Issa Kaboré;Burkina Faso;militaire;H;issa@example.org\r\n\r\n",
    # Portuguese, as the class record writes its headers and values
    "Nome;País;Serviço;Sexo;Correio eletrónico\nAwa Ndiaye;Sénégal;civil;Feminino;\n"
    "Issa Kaboré;Burkina Faso;militar;masculino;issa@example.org\n"], ids=["fr", "pt"])
def test_a_spreadsheet_in_another_language(text):
    assert parse_cohort(text) == [
        Trainee(name="Awa Ndiaye", country="Sénégal", service="civilian", sex="female"),
        Trainee(name="Issa Kaboré", country="Burkina Faso", service="military", sex="male",
                email="issa@example.org")]


def test_every_problem_is_named_by_row_and_column():
    text = ("name,country,service,sex,email\n"
            "Awa Ndiaye,Senegal,navy,female,\n"
            ",Mali,police,male,not-an-address\n"
            "Issa Kaboré,Niger,police\n")
    with pytest.raises(CsvError) as err:
        parse_cohort(text)
    assert [str(p) for p in err.value.problems] == [
        "row 2, column 'service': 'navy' is not one of: 'military', 'police' or 'civilian'",
        "row 3, column 'name': empty",
        "row 3, column 'email': 'not-an-address' is not an email address",
        "row 4, column '': 3 cells for 5 columns"]


def test_a_header_without_a_needed_column_or_with_an_unknown_one():
    with pytest.raises(CsvError) as err:
        parse_cohort("name,country,rank,sex\nAwa,Mali,major,female\n")
    assert [str(p) for p in err.value.problems] == [
        "row 1, column 'service': this column is missing",
        "row 1, column 'rank': unknown column (known: name, country, service, sex, email)"]


def test_a_course_ends_after_it_starts():
    with pytest.raises(ValueError, match="ends before it starts"):
        Course(name="x", school="y", start=date(2027, 2, 1), end=date(2027, 1, 1))


def test_a_course_is_held_in_any_language_of_the_interface():
    dates = {"start": date(2027, 1, 11), "end": date(2027, 1, 22)}
    assert Course(name="x", school="y", lang="pt", **dates).lang == "pt"
    with pytest.raises(ValueError, match="the course's language is one of en, fr, pt, not 'de'"):
        Course(name="x", school="y", lang="de", **dates)


def test_enrolment_is_all_or_nothing_and_a_trainee_can_be_exported_then_deleted(courses):
    c = courses.create(COURSE)
    ids = courses.enrol(c, parse_cohort(COHORT.read_text(encoding="utf-8")))
    assert len(ids) == len(courses.trainees(c)) == 25
    with pytest.raises(Refused) as err:
        courses.enrol(c + 1, [Trainee(name="A", country="Mali", service="police", sex="male")])
    assert err.value.reason == "unknown_course"
    ex = courses.store.create_exercise("Delta 1", "text", 3, "en",
                                       {"force": None, "police": None})
    courses.attach(c, ex, {"force": ids[:3], "police": ids[3:5]})
    assert courses.members(ex) == {"force": ids[:3], "police": ids[3:5]}
    data = courses.export(c, ids[0])
    assert data["trainee"]["name"] == "Aïssata Asante" and data["trainee"]["service"] == "military"
    assert data["course"]["school"] == "École de maintien de la paix"
    assert data["exercises"] == [{"exercise": ex, "name": "Delta 1", "team": "force"}]
    courses.delete(c, ids[0])
    assert len(courses.trainees(c)) == 24
    assert courses.members(ex) == {"force": ids[1:3], "police": ids[3:5]}
    with pytest.raises(Refused):
        courses.export(c, ids[0])


def test_teams_take_only_the_cohort_each_trainee_once(courses):
    c = courses.create(COURSE)
    ids = courses.enrol(c, parse_cohort(COHORT.read_text(encoding="utf-8"))[:4])
    ex = courses.store.create_exercise("Delta 1", "text", 3, "en", {"force": None,
                                                                     "police": None})
    with pytest.raises(Refused) as err:
        courses.attach(c, ex, {"force": [ids[0], 999], "police": [ids[0]], "navy": []})
    assert err.value.reason == "invalid_teams"
    assert err.value.detail == ("no team 'navy' in the exercise; trainee 999 is not in the "
                                "course; trainee %d is in two teams" % ids[0])
    assert courses.members(ex) == {}  # nothing stored
    other = courses.create(COURSE.model_copy(update={"name": "Other"}))
    courses.attach(c, ex, {"force": ids[:2]})
    with pytest.raises(Refused) as err:
        courses.attach(other, ex, {})
    assert err.value.reason == "other_course"
    assert [r["id"] for r in courses.exercises(c)] == [ex] and not courses.exercises(other)
