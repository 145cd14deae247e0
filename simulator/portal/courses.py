"""Courses in the JSON API: a course, its cohort (typed in or imported from CSV), a
trainee's data exported or deleted, the course's exercises with their teams formed from
the cohort (the instructor); the records rolled up onto the competency framework (the
instructor and the course's evaluators) and the evaluators' sign-offs."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel

from debrief.cohort import compare_cohort
from simulator.classroom.course_exports import (
    WORDS,
    certificate_languages,
    certificates_html,
    class_rows,
    long_date,
    to_csv,
    to_xlsx,
)
from simulator.classroom.course_records import Record, TaskRating, roll_up
from simulator.classroom.courses import Course, Courses, CsvError, SignOff, Trainee, cohort_from_bytes
from simulator.classroom.store import Refused
from simulator.i18n import LANGUAGES, say
from simulator.language.scenario import Lang, text
from simulator.language.yamlsafe import InputError
from simulator.play.outputs import write_run
from simulator.portal import auth, debrief_worker
from simulator.portal.assessment import ratings_so_far
from simulator.portal.auth import ApiError, User
from simulator.portal.debrief import overrides
from simulator.portal.deps import json_body, live_of
from simulator.portal.middleware import CSP_MAP

MAX_KEY = 200  # characters of an Idempotency-Key

router = APIRouter()
COURSES = "/api/courses"
Poster = Annotated[User, Depends(auth.api_poster)]


class Teams(BaseModel):
    teams: dict[str, list[int]]


def courses_of(request: Request) -> Courses:
    return request.app.state.courses


def _instructor(request: Request) -> User:
    return auth.require(auth.current_user(request), "instructor")


def _found(call, *args):
    """Call a course store method; an unknown course or trainee is a 404."""
    try:
        return call(*args)
    except Refused as exc:
        status = 404 if exc.reason.startswith("unknown_") else 409
        if exc.reason == "invalid_teams":
            status = 422
        raise ApiError(status, exc.reason, detail=exc.detail) from None


@router.post(COURSES)
def new_course(request: Request, user: Poster,
               body: Annotated[Course, Depends(json_body(Course))]):
    auth.require(user, "instructor")
    try:
        course = courses_of(request).create(body)
    except InputError as exc:
        raise ApiError(422, "invalid_framework", problems=[str(p) for p in exc.problems]) \
            from None
    return JSONResponse({"id": course}, status_code=201)


@router.get(COURSES)
def list_courses(request: Request):
    _instructor(request)
    c = courses_of(request)
    return [{**dict(r), "trainees": len(c.trainees(r["id"]))} for r in c.courses()]


@router.get(COURSES + "/{course}")
def show_course(course: int, request: Request):
    _instructor(request)
    c = courses_of(request)
    row = _found(c.course, course)
    return {"course": dict(row),
            "trainees": [dict(t) for t in c.trainees(course)],
            "exercises": [{**dict(e), "teams": c.members(e["id"])} for e in c.exercises(course)]}


@router.post(COURSES + "/{course}/trainees")
def add_trainee(course: int, request: Request, user: Poster,
                body: Annotated[Trainee, Depends(json_body(Trainee))]):
    auth.require(user, "instructor")
    (tid,) = _found(courses_of(request).enrol, course, [body])
    return JSONResponse({"id": tid}, status_code=201)


@router.post(COURSES + "/{course}/trainees/import")
async def import_trainees(course: int, request: Request, user: Poster):
    """The cohort from a CSV body (UTF-8, or a spreadsheet's Windows-1252): all rows or
    none; 422 ``invalid_csv`` with every problem by row and column."""
    auth.require(user, "instructor")
    try:
        cohort = cohort_from_bytes(await request.body())
    except CsvError as exc:
        raise ApiError(422, "invalid_csv",
                       problems=[p.model_dump() for p in exc.problems]) from None
    ids = _found(courses_of(request).enrol, course, cohort)
    return JSONResponse({"imported": len(ids), "ids": ids}, status_code=201)


@router.get(COURSES + "/{course}/trainees/{trainee}")
def export_trainee(course: int, trainee: int, request: Request):
    """Everything stored about a trainee, for them to take away."""
    _instructor(request)
    return _found(courses_of(request).export, course, trainee)


@router.delete(COURSES + "/{course}/trainees/{trainee}")
def delete_trainee(course: int, trainee: int, request: Request, user: Poster):
    auth.require(user, "instructor")
    _found(courses_of(request).delete, course, trainee)
    return Response(status_code=204)


@router.post(COURSES + "/{course}/exercises/{exercise}")
def attach_exercise(course: int, exercise: int, request: Request, user: Poster,
                    body: Annotated[Teams, Depends(json_body(Teams))]):
    """One of the course's exercises, its teams formed of these trainees."""
    auth.require(user, "instructor")
    _found(auth.store_of(request).exercise, exercise)
    _found(courses_of(request).attach, course, exercise, body.teams)
    return {"course": course, "exercise": exercise,
            "teams": courses_of(request).members(exercise)}


# --- records and sign-offs ----------------------------------------------------------------

def _reader(request: Request, course: int) -> User:
    """The instructor, or an evaluator of one of the course's exercises."""
    user = auth.current_user(request)
    if user.role == "instructor":
        return user
    c = courses_of(request)
    if user.role == "evaluator" and user.exercise in {e["id"] for e in
                                                      _found(c.exercises, course)}:
        return user
    raise ApiError(403, "forbidden")


def _plain(title) -> dict:
    """A scenario's text per language, as written (one written once: in every language)."""
    return title.model_dump() if isinstance(title, Lang) else dict.fromkeys(LANGUAGES, title)


def course_ratings(request: Request, course: int) -> list[TaskRating]:
    """The final ratings of every finished exercise of the course (practice never counts)."""
    store, out = auth.store_of(request), []
    for e in courses_of(request).exercises(course):
        row = store.exercise(e["id"])
        if row["phase"] != "finished" or row["practice"] is not None:
            continue
        live = live_of(request, e["id"])
        spec = {c.id: c for o in live.scenario.objectives for c in o.critical_tasks}
        chosen = overrides(store, e["id"], set(spec))
        for o in ratings_so_far(live):
            for t in o.tasks:
                final = chosen[t.id].rating if t.id in chosen else t.rating
                cited = (i for m in t.measures for i in m.result.evidence)
                out.append(TaskRating(
                    exercise=e["id"], exercise_name=e["name"],
                    scenario=live.scenario.metadata.id, task=t.id, team=t.team or "",
                    title=_plain(spec[t.id].title), draft=t.rating, final=final,
                    justification=chosen[t.id].justification if t.id in chosen else None,
                    evidence=tuple(dict.fromkeys(cited))))
    return out


def _records(request: Request, course: int) -> dict:
    c = courses_of(request)
    framework = c.framework(course)
    members = {e["id"]: c.members(e["id"]) for e in c.exercises(course)}
    trainees, teams = roll_up(framework, course_ratings(request, course), members)
    standing = c.standing(course)

    def competencies(record, trainee=None) -> list[dict]:
        out = []
        for comp in framework.competencies:
            signed = standing.get((trainee, comp.id)) if trainee is not None else None
            out.append({"id": comp.id, "name": comp.name.model_dump(),
                        **record.summary(comp.id),
                        "ratings": [r.plain() for r in record.competencies.get(comp.id, [])],
                        "signoff": {k: signed[k] for k in ("status", "comment", "evaluator",
                                                           "created")} if signed else None})
        return out

    return {
        "trainees": {t["id"]: {"name": t["name"], "competencies": competencies(
            trainees.get(t["id"], Record()), t["id"])} for t in c.trainees(course)},
        "teams": [{"exercise": ex, "team": team, "competencies": competencies(record)}
                  for (ex, team), record in sorted(teams.items())]}


@router.get(COURSES + "/{course}/records")
def records(course: int, request: Request):
    """Every trainee of the course against every competency, and every team of its
    exercises: the ratings that count (with their evidence) and the latest sign-off."""
    _reader(request, course)
    return _records(request, course)


@router.post(COURSES + "/{course}/trainees/{trainee}/signoffs")
def sign_off(course: int, trainee: int, request: Request, user: Poster,
             body: Annotated[SignOff, Depends(json_body(SignOff))]):
    """An evaluator of one of the course's exercises signs a competency off (met or not
    yet met): stored before the answer, once per ``Idempotency-Key``."""
    if user.role != "evaluator":
        raise ApiError(403, "forbidden")
    _reader(request, course)
    key = request.headers.get("idempotency-key")
    if key is not None and not 0 < len(key) <= MAX_KEY:
        raise ApiError(422, "malformed", detail=f"Idempotency-Key: 1 to {MAX_KEY} characters")
    try:
        row, new = courses_of(request).sign_off(course, trainee, body, user.exercise, key)
    except Refused as exc:
        status = 404 if exc.reason in ("unknown_course", "unknown_trainee") else 422
        raise ApiError(status, exc.reason, detail=exc.detail) from None
    return JSONResponse({"seq": row["seq"], "competency": row["competency"],
                         "status": row["status"]}, status_code=201 if new else 200)


# --- exports and certificates -----------------------------------------------------------

def _course_lang(request: Request, course: int, lang: str | None) -> str:
    return lang if lang in LANGUAGES else courses_of(request).course(course)["lang"]


def _class_table(request: Request, course: int, lang: str | None) -> tuple[list[list], str]:
    _instructor(request)
    c = courses_of(request)
    row = _found(c.course, course)
    lang = _course_lang(request, course, lang)
    rec = _records(request, course)
    rows = class_rows([dict(t) for t in c.trainees(course)], rec["trainees"],
                      [{"id": x.id, "name": x.name.model_dump()}
                       for x in c.framework(course).competencies], lang)
    return rows, row["name"]


@router.get(COURSES + "/{course}/record.csv")
def record_csv(course: int, request: Request, lang: str | None = None):
    """The class record: every trainee against every competency (CSV, UTF-8)."""
    rows, name = _class_table(request, course, lang)
    return Response(to_csv(rows), media_type="text/csv; charset=utf-8", headers={
        "content-disposition": f'attachment; filename="course-{course}-record.csv"'})


@router.get(COURSES + "/{course}/record.xlsx")
def record_xlsx(course: int, request: Request, lang: str | None = None):
    rows, name = _class_table(request, course, lang)
    return Response(to_xlsx(rows, name), media_type="application/vnd.openxmlformats-"
                    "officedocument.spreadsheetml.sheet", headers={
                        "content-disposition": f'attachment; filename="course-{course}-record.xlsx"'})


@router.get("/courses/{course}/certificates", response_class=HTMLResponse)
def certificates(course: int, request: Request, trainee: int | None = None):
    """Printable certificates (A4, in English and the course's language), one page per
    trainee or for one."""
    _instructor(request)
    c = courses_of(request)
    row = dict(_found(c.course, course))
    langs = certificate_languages(row["lang"])
    chosen = [dict(_found(c.trainee, course, trainee))] if trainee is not None else \
        [dict(t) for t in c.trainees(course)]
    names = {x.id: {lang: text(x.name, lang) for lang in langs}
             for x in c.framework(course).competencies}
    standing = c.standing(course)
    played = _played(request, course, langs)
    people = []
    for t in chosen:
        signed = [(comp, standing.get((t["id"], comp))) for comp in names]  # framework order
        met = [{"name": names[comp], "evaluator": s["evaluator"],
                "date": dt.date.fromtimestamp(s["created"]).isoformat()}
               for comp, s in signed if s is not None and s["status"] == "met"]
        people.append({"trainee": t, "met": met, "exercises": played.get(t["id"], []),
                       "service": {lang: say(WORDS[t["service"]], lang)
                                   for lang in langs}})
    course_info = {**row, "printed": dt.date.today().isoformat(), "langs": langs,
                   **{f"{k}_{lang}": long_date(row[k], lang) for k in ("start", "end")
                      for lang in langs}}
    return HTMLResponse(certificates_html(course_info, people),
                        headers={"content-security-policy": CSP_MAP})


def _played(request: Request, course: int,
            langs: tuple[str, ...] | None = None) -> dict[int, list[dict]]:
    """Trainee → the course's exercises they played (practice never counts): exercise
    name, scenario title and team name in each of ``langs`` (without: as written)."""

    def said(value) -> dict:
        return _plain(value) if langs is None else {lang: text(value, lang) for lang in langs}

    store, c, out = auth.store_of(request), courses_of(request), {}
    for e in c.exercises(course):
        row = store.exercise(e["id"])
        if row["practice"] is not None:
            continue
        scenario = live_of(request, e["id"]).scenario
        teams = {t.id: t.name for t in scenario.teams}
        for team, members in c.members(e["id"]).items():
            for trainee in members:
                out.setdefault(trainee, []).append({
                    "name": e["name"],
                    "scenario": said(scenario.metadata.title),
                    "team": said(teams.get(team, team))})
    return out


# --- cohort comparison ------------------------------------------------------------------

MAX_SEEDS = 10  # replays per exercise and reference: seconds each on a laptop


@router.get(COURSES + "/{course}/cohort")
def cohort(course: int, request: Request, seeds: int = 5):
    """The course's finished exercises grouped by scenario and seed, side by side: final
    ratings and outcomes, doctrine and passive references, and where the difference may
    be luck (the decisions replayed over ``seeds`` seeds)."""
    _reader(request, course)
    if not 1 <= seeds <= MAX_SEEDS:
        raise ApiError(422, "malformed", detail=f"seeds: 1 to {MAX_SEEDS}")
    store = auth.store_of(request)
    finals: dict[int, dict[str, str | None]] = {}
    for r in course_ratings(request, course):
        finals.setdefault(r.exercise, {})[r.task] = r.final
    groups: dict[tuple, list[dict]] = {}
    for e in courses_of(request).exercises(course):
        if e["id"] not in finals:
            continue  # not finished, or practice
        row = store.exercise(e["id"])
        live = live_of(request, e["id"])
        groups.setdefault((live.scenario.metadata.id, row["seed"]), []).append(
            {"id": e["id"], "name": e["name"], "live": live, "row": row,
             "finals": finals[e["id"]]})
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for (scenario_id, seed), plays in sorted(groups.items()):
            for p in plays:
                p["folder"] = Path(tmp) / f"exercise-{p['id']}"
                p["folder"].mkdir()
                (p["folder"] / "scenario.yaml").write_text(p["row"]["scenario"],
                                                           encoding="utf-8")
                with p["live"].lock:
                    write_run(p["live"].exercise, p["folder"],
                              {"scenario": scenario_id, "seed": seed, "lang": p["row"]["lang"]})
            # The replays over seeds run in the debrief worker, never in the server's
            # interpreter, where they would hold up the teams' submissions.
            compared = debrief_worker.elsewhere(compare_cohort, [
                {k: p[k] for k in ("id", "name", "folder", "finals")} for p in plays],
                seeds).result()
            spec = {c.id: c for o in plays[0]["live"].scenario.objectives
                    for c in o.critical_tasks}
            for t in compared["tasks"]:
                t.update(title=_plain(spec[t["task"]].title), team=spec[t["task"]].team)
            out.append({"scenario": scenario_id, "seed": seed,
                        "title": _plain(plays[0]["live"].scenario.metadata.title), **compared})
    return {"groups": out}


# --- trainees' own records --------------------------------------------------------------

@router.post(COURSES + "/{course}/trainee-codes")
def trainee_codes(course: int, request: Request, user: Poster):
    """A join code per trainee (their earlier ones revoked), shown once."""
    auth.require(user, "instructor")
    codes = _found(courses_of(request).issue_codes, course)
    return JSONResponse({"codes": {str(k): v for k, v in codes.items()}}, status_code=201)


def own_record(request: Request) -> tuple[User, dict]:
    """A trainee's own record (their session says who they are); 403 for anyone else."""
    user = auth.current_user(request)
    if user.role != "trainee" or user.trainee is None:
        raise ApiError(403, "forbidden")
    c = courses_of(request)
    course = _found(c.course_of_trainee, user.trainee)
    record = _records(request, course)["trainees"][user.trainee]
    return user, {"course": {k: c.course(course)[k] for k in ("name", "school", "start", "end")},
                  **record, "exercises": _played(request, course).get(user.trainee, [])}


@router.get("/api/me/record")
def my_record(request: Request):
    return own_record(request)[1]
