"""Courses in the JSON API (instructor only): a course, its cohort (typed in or imported
from CSV), a trainee's data exported or deleted, and the course's exercises with their
teams formed from the cohort."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from simulator.courses import Course, Courses, CsvError, Trainee, parse_cohort
from simulator.portal import auth
from simulator.portal.auth import ApiError, User
from simulator.portal.deps import json_body
from simulator.store import Refused

router = APIRouter(prefix="/api/courses")
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


@router.post("")
def new_course(request: Request, user: Poster,
               body: Annotated[Course, Depends(json_body(Course))]):
    auth.require(user, "instructor")
    return JSONResponse({"id": courses_of(request).create(body)}, status_code=201)


@router.get("")
def list_courses(request: Request):
    _instructor(request)
    c = courses_of(request)
    return [{**dict(r), "trainees": len(c.trainees(r["id"]))} for r in c.courses()]


@router.get("/{course}")
def show_course(course: int, request: Request):
    _instructor(request)
    c = courses_of(request)
    row = _found(c.course, course)
    return {"course": dict(row),
            "trainees": [dict(t) for t in c.trainees(course)],
            "exercises": [{**dict(e), "teams": c.members(e["id"])} for e in c.exercises(course)]}


@router.post("/{course}/trainees")
def add_trainee(course: int, request: Request, user: Poster,
                body: Annotated[Trainee, Depends(json_body(Trainee))]):
    auth.require(user, "instructor")
    (tid,) = _found(courses_of(request).enrol, course, [body])
    return JSONResponse({"id": tid}, status_code=201)


@router.post("/{course}/trainees/import")
async def import_trainees(course: int, request: Request, user: Poster):
    """The cohort from a CSV body (UTF-8, or a spreadsheet's Windows-1252): all rows or
    none; 422 ``invalid_csv`` with every problem by row and column."""
    auth.require(user, "instructor")
    raw = await request.body()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    try:
        cohort = parse_cohort(text)
    except CsvError as exc:
        raise ApiError(422, "invalid_csv",
                       problems=[p.model_dump() for p in exc.problems]) from None
    ids = _found(courses_of(request).enrol, course, cohort)
    return JSONResponse({"imported": len(ids), "ids": ids}, status_code=201)


@router.get("/{course}/trainees/{trainee}")
def export_trainee(course: int, trainee: int, request: Request):
    """Everything stored about a trainee, for them to take away."""
    _instructor(request)
    return _found(courses_of(request).export, course, trainee)


@router.delete("/{course}/trainees/{trainee}")
def delete_trainee(course: int, trainee: int, request: Request, user: Poster):
    auth.require(user, "instructor")
    _found(courses_of(request).delete, course, trainee)
    return Response(status_code=204)


@router.post("/{course}/exercises/{exercise}")
def attach_exercise(course: int, exercise: int, request: Request, user: Poster,
                    body: Annotated[Teams, Depends(json_body(Teams))]):
    """One of the course's exercises, its teams formed of these trainees."""
    auth.require(user, "instructor")
    _found(auth.store_of(request).exercise, exercise)
    _found(courses_of(request).attach, course, exercise, body.teams)
    return {"course": course, "exercise": exercise,
            "teams": courses_of(request).members(exercise)}
