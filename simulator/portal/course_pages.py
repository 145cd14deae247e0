"""The course pages: the instructor's (courses, a course's cohort and exercises, teams
formed from the cohort), and the class view with sign-offs (the instructor reads it; the
course's evaluators sign competencies off on it). Forms post back here; the JSON API
(``simulator.portal.courses``) does the same through the same store."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from starlette.datastructures import FormData, UploadFile

from simulator.classroom.courses import Course, CsvError, SignOff, Trainee, cohort_from_bytes
from simulator.classroom.store import Refused
from simulator.i18n import N_, tr
from simulator.language.yamlsafe import InputError
from simulator.play.compare import OUTCOME_NAMES
from simulator.portal import auth
from simulator.portal.auth import ApiError, User
from simulator.portal.courses import _found, _reader, _records, cohort, courses_of, own_record
from simulator.portal.deps import field, form_data, live_of
from simulator.portal.render import lang_of, page

BAD_SIGNOFF = N_("That sign-off could not be stored: choose met or not yet met and give your "
                 "name.")

router = APIRouter()
Form = Annotated[FormData, Depends(form_data)]


def _instructor(request: Request) -> User:
    return auth.require(auth.current_user(request), "instructor")


def _poster(request: Request, form: FormData, role: str = "instructor") -> User:
    return auth.require(auth.form_poster(request, field(form, "csrf")), role)


# --- the instructor's courses -------------------------------------------------------------

@router.get("/instructor/courses", response_class=HTMLResponse)
def courses(request: Request):
    return _courses_page(request, _instructor(request))


def _courses_page(request: Request, user: User, status: int = 200, problems=(), values=None):
    c = courses_of(request)
    listed = [{**dict(r), "trainees": len(c.trainees(r["id"]))} for r in c.courses()]
    return page(request, "courses.html.j2", user=user, status=status, courses=listed,
                problems=list(problems), values=values or {})


@router.post("/instructor/courses")
def new_course(request: Request, form: Form):
    user = _poster(request, form)
    values = {k: field(form, k).strip() for k in ("name", "school", "start", "end", "lang")}
    try:
        course = courses_of(request).create(Course.model_validate(values))
    except ValidationError as exc:
        return _courses_page(request, user, 422, [_say(e) for e in exc.errors()], values)
    except InputError as exc:
        return _courses_page(request, user, 422, [str(p) for p in exc.problems], values)
    return RedirectResponse(f"/instructor/courses/{course}", status_code=303)


def _say(error: dict) -> str:
    where = ".".join(str(p) for p in error["loc"])
    return f"{where}: {error['msg']}" if where else error["msg"]


@router.get("/instructor/courses/{course}", response_class=HTMLResponse)
def course_page(course: int, request: Request):
    return _course_page(request, _instructor(request), course)


def _course_page(request: Request, user: User, course: int, status: int = 200,
                 problems=(), values=None):
    c = courses_of(request)
    row = _found(c.course, course)
    attached = {e["id"] for e in c.exercises(course)}
    free = [e for e in auth.store_of(request).exercises() if e["id"] not in attached]
    exercises = [{**dict(e), "teams": c.members(e["id"])} for e in c.exercises(course)]
    names = {t["id"]: t["name"] for t in c.trainees(course)}
    return page(request, "course.html.j2", user=user, status=status, course=dict(row),
                trainees=[dict(t) for t in c.trainees(course)], exercises=exercises,
                free=free, names=names, problems=list(problems), values=values or {})


@router.post("/instructor/courses/{course}/import")
async def import_cohort(course: int, request: Request):
    form = await form_data(request)
    user = _poster(request, form)
    upload = form.get("file")
    raw = await upload.read() if isinstance(upload, UploadFile) else b""
    try:
        cohort = cohort_from_bytes(raw)
    except CsvError as exc:
        return _course_page(request, user, course, 422, [str(p) for p in exc.problems])
    _found(courses_of(request).enrol, course, cohort)
    return RedirectResponse(f"/instructor/courses/{course}", status_code=303)


@router.post("/instructor/courses/{course}/trainees")
def add_trainee(course: int, request: Request, form: Form):
    user = _poster(request, form)
    values = {k: field(form, k).strip() for k in ("name", "country", "service", "sex", "email")}
    try:
        trainee = Trainee.model_validate({**values, "email": values["email"] or None})
    except ValidationError as exc:
        return _course_page(request, user, course, 422, [_say(e) for e in exc.errors()], values)
    _found(courses_of(request).enrol, course, [trainee])
    return RedirectResponse(f"/instructor/courses/{course}", status_code=303)


@router.post("/instructor/courses/{course}/trainees/{trainee}/delete")
def delete_trainee(course: int, trainee: int, request: Request, form: Form):
    _poster(request, form)
    _found(courses_of(request).delete, course, trainee)
    return RedirectResponse(f"/instructor/courses/{course}", status_code=303)


@router.get("/instructor/courses/{course}/exercises/{exercise}", response_class=HTMLResponse)
def teams_page(course: int, exercise: int, request: Request):
    return _teams_page(request, _instructor(request), course, exercise)


def _teams_page(request: Request, user: User, course: int, exercise: int, status: int = 200,
                problems=()):
    c = courses_of(request)
    row = _found(c.course, course)
    ex = _found(auth.store_of(request).exercise, exercise)
    scenario = live_of(request, exercise).scenario
    teams = [(t.id, t.name) for t in scenario.teams]  # named in the reader's language
    bots = auth.store_of(request).teams(exercise)
    chosen = {m: team for team, members in c.members(exercise).items() for m in members}
    return page(request, "course_teams.html.j2", user=user, status=status, course=dict(row),
                exercise=dict(ex), teams=[t for t in teams if bots.get(t[0]) is None],
                trainees=[dict(t) for t in c.trainees(course)], chosen=chosen,
                problems=list(problems))


@router.post("/instructor/courses/{course}/exercises/{exercise}")
def save_teams(course: int, exercise: int, request: Request, form: Form):
    """Each trainee's team in the exercise (or none): the exercise joins the course."""
    user = _poster(request, form)
    c = courses_of(request)
    teams: dict[str, list[int]] = {}
    for t in c.trainees(course):
        team = field(form, f"team_{t['id']}")
        if team:
            teams.setdefault(team, []).append(t["id"])
    try:
        c.attach(course, exercise, teams)
    except Refused as exc:
        return _teams_page(request, user, course, exercise, 422, [exc.detail or exc.reason])
    return RedirectResponse(f"/instructor/courses/{course}", status_code=303)


# --- the class view and sign-offs -------------------------------------------------------

@router.get("/courses/{course}/class", response_class=HTMLResponse)
def class_view(course: int, request: Request):
    """Every trainee against every competency: the ratings that count and the latest
    sign-off; a course evaluator signs off here."""
    user = _reader(request, course)
    return _class_page(request, user, course)


def _class_page(request: Request, user: User, course: int, status: int = 200, error=None):
    c = courses_of(request)
    row = _found(c.course, course)
    records = _records(request, course)
    competencies = [{"id": x.id, "name": x.name} for x in c.framework(course).competencies]
    return page(request, "course_class.html.j2", user=user, status=status, course=dict(row),
                competencies=competencies, trainees=[dict(t) for t in c.trainees(course)],
                records=records["trainees"], error=error,
                sign=user.role == "evaluator")


@router.post("/courses/{course}/signoffs")
def sign_off(course: int, request: Request, form: Form):
    user = _poster(request, form, role="evaluator")
    _reader(request, course)
    try:
        sign = SignOff(competency=field(form, "competency"), status=field(form, "status"),
                       comment=field(form, "comment"), evaluator=field(form, "evaluator"))
        trainee = int(field(form, "trainee"))
    except (ValidationError, ValueError):
        return _class_page(request, user, course, 422, error=BAD_SIGNOFF)
    try:
        courses_of(request).sign_off(course, trainee, sign, user.exercise)
    except Refused as exc:
        if exc.reason == "unknown_course":
            raise ApiError(404, exc.reason) from None
        return _class_page(request, user, course, 422, error=BAD_SIGNOFF)
    return RedirectResponse(f"/courses/{course}/class#trainee-{trainee}", status_code=303)


@router.get("/courses/{course}/cohort", response_class=HTMLResponse)
def cohort_page(course: int, request: Request, seeds: int = 5):
    """The cohort comparison, side by side (``simulator.portal.courses.cohort``)."""
    user = _reader(request, course)
    got = cohort(course, request, seeds)
    lang = lang_of(request)
    for g in got["groups"]:
        for o in g["outcomes"]:
            o["name"] = tr(OUTCOME_NAMES[o["key"]], lang)
    return page(request, "course_cohort.html.j2", user=user,
                course=dict(courses_of(request).course(course)), groups=got["groups"],
                seeds=seeds)


# --- trainees: their codes, and their own record ------------------------------------------

@router.post("/instructor/courses/{course}/codes", response_class=HTMLResponse)
def codes_sheet(course: int, request: Request, form: Form):
    """A printable sheet of new trainee codes (the earlier ones stop working)."""
    user = _poster(request, form)
    c = courses_of(request)
    codes = _found(c.issue_codes, course)
    names = {t["id"]: t["name"] for t in c.trainees(course)}
    return page(request, "course_codes.html.j2", user=user, course=dict(c.course(course)),
                codes=[(names[tid], code) for tid, code in codes.items()])


@router.get("/trainee", response_class=HTMLResponse)
def trainee_page(request: Request):
    user, record = own_record(request)
    return page(request, "trainee.html.j2", user=user, record=record)
