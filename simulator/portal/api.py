"""The JSON API (tests, load benchmark, crash test): join, create, command, submit, state.

Every answer to a command comes after the store committed it.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from simulator.classroom.store import Refused
from simulator.language.yamlsafe import InputError
from simulator.portal import auth, joining, practice, quotas
from simulator.portal.auth import ApiError, User
from simulator.portal.debrief import release
from simulator.portal.deps import json_body, live_of, refusal
from simulator.portal.exercises import (
    IN_API,
    check_setup,
    create,
    scenario_source,
    state,
    team_view,
)

router = APIRouter(prefix="/api")
COMMANDS = ("start", "close", "open", "pause", "resume")
MAX_KEY = 200  # characters of an Idempotency-Key
MAX_DECISIONS = 200


class JoinBody(BaseModel):
    code: str = Field(max_length=auth.MAX_CODE)
    replace: bool = False  # end this browser's session of someone else (else 409)


class NewExercise(BaseModel):
    name: str
    scenario: str | None = None
    scenario_text: str | None = None
    seed: int = 0
    lang: str = "en"
    bots: dict[str, str | None] = {}
    # play in a language the scenario is not wholly written in: missing texts in English,
    # marked
    fallback_english: bool = False


class DecisionBody(BaseModel):
    action: str
    params: dict[str, Any] = {}


class Submission(BaseModel):
    turn: int
    decisions: list[DecisionBody] = Field(max_length=MAX_DECISIONS)


Poster = Annotated[User, Depends(auth.api_poster)]


@router.post("/join")
def join(request: Request, body: Annotated[JoinBody, Depends(json_body(JoinBody))]):
    who, token = joining.join(request, body.code, body.replace)
    response = JSONResponse(who)
    auth.set_cookie(response, token)
    return response


@router.post("/exercises")
def new_exercise(request: Request, user: Poster,
                 body: Annotated[NewExercise, Depends(json_body(NewExercise))]):
    auth.require(user, "instructor")
    if (body.scenario is None) == (body.scenario_text is None):
        raise ApiError(422, "malformed", detail="give one of scenario or scenario_text")
    try:
        text, scenario = scenario_source(body.scenario, body.scenario_text)
        teams = check_setup(scenario, body.name, body.seed, body.lang, body.bots,
                            body.fallback_english, IN_API)
    except InputError as exc:
        raise ApiError(422, "invalid_scenario", problems=[str(p) for p in exc.problems]) from None
    except ValueError as exc:
        raise ApiError(422, "malformed", detail=str(exc)) from None
    ex, codes = create(auth.store_of(request), body.name, text, body.seed, body.lang, teams,
                       body.fallback_english)
    return JSONResponse({"id": ex, "codes": codes}, status_code=201)


@router.post("/exercises/{ex}/submit")
def submit(ex: int, request: Request, user: Poster,
           body: Annotated[Submission, Depends(json_body(Submission))]):
    auth.require(user, "team", ex)
    key = request.headers.get("idempotency-key")
    if key is not None and not 0 < len(key) <= MAX_KEY:
        raise ApiError(422, "malformed", detail=f"Idempotency-Key: 1 to {MAX_KEY} characters")
    live = live_of(request, ex)
    decisions = [d.model_dump() for d in body.decisions]
    key = f"{user.team}:{key}" if key else None  # per team: never another team's input
    try:
        with live.lock:
            item = quotas.submit(request, live, user.team, decisions, body.turn, key,
                                 client_key=True)
            if not live.practice:
                return {"seq": item.seq, "turn": item.turn}
            # Practice: the team's whole list is final; its turn closes, the next opens.
            practice.end_turn(auth.store_of(request), live, user.team, body.turn)
            s = state(live)
    except Refused as exc:
        raise refusal(exc) from None
    return {"seq": item.seq, "turn": item.turn, "phase": s["phase"], "open_turn": s["open_turn"]}


@router.post("/exercises/{ex}/{command}")
def command(ex: int, command: str, request: Request, user: Poster):
    if command not in COMMANDS + ("release",):
        raise ApiError(404, "unknown_command")
    auth.require(user, "instructor")
    live = live_of(request, ex)
    with live.lock:  # the state this command left, not a later one's
        try:
            if command == "release":  # the debrief to the teams: the replay is not touched
                release(auth.store_of(request), ex)
            else:
                getattr(live, command)()
        except Refused as exc:
            raise refusal(exc) from None
        s = state(live)
    answer = {"phase": s["phase"], "turn": s["turn"]}
    return {**answer, "released": True} if command == "release" else answer


@router.get("/exercises/{ex}/state")
def exercise_state(ex: int, request: Request):
    """The instructor's state adds the setting of what teams see and the limits teams
    reached; a team's shows only whether each team has submitted (or only its own)."""
    user = auth.require_viewer(auth.current_user(request), ex)
    s, store = state(live_of(request, ex)), auth.store_of(request)
    if user.role == "instructor":
        return {**s, "others_shown": store.others_shown(ex),
                "limits": quotas.limit_hits(store, ex)}
    if user.role == "team":
        return {**s, "submitted": team_view(s["submitted"], user.team, store.others_shown(ex))}
    return s
