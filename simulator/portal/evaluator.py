"""The evaluators' page: a read-only view of every team of their exercise, notes tied to
a turn, a team and a critical task, and rating overrides the debrief uses."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup
from pydantic import ValidationError
from starlette.datastructures import FormData

from debrief.overrides import Override
from simulator.portal import auth
from simulator.portal.assessment import draft_ratings, expected_actions
from simulator.portal.auth import User
from simulator.portal.deps import field, form_data, live_of
from simulator.portal.exercises import critical_tasks, id_names, state
from simulator.portal.history import played_turns
from simulator.portal.maps import map_svg
from simulator.portal.render import lang_of, page
from simulator.portal.views import turn_reports, visible_turns

router = APIRouter(prefix="/evaluator")
Form = Annotated[FormData, Depends(form_data)]
RATINGS = ("P", "S", "M", "U")
MAX_NOTE = 5000


def _evaluator(request: Request) -> User:
    return auth.require(auth.current_user(request), "evaluator")


def _poster(request: Request, form: FormData) -> User:
    return auth.require(auth.form_poster(request, field(form, "csrf")), "evaluator")


def evaluator_page(request: Request, user: User, turn: int | None = None,
                   error: str | None = None, status: int = 200):
    store, live = auth.store_of(request), live_of(request, user.exercise)
    lang = lang_of(request)
    turns = visible_turns(live)
    if turn not in turns:
        turn = turns[-1] if turns else None
    overrides = store.overrides(user.exercise)
    started, played = live.phase != "setup", played_turns(live)
    return page(request, "evaluator.html.j2", user=user, status=status, error=error,
                exercise=store.exercise(user.exercise), scenario=live.scenario,
                course=request.app.state.courses.course_of(user.exercise),
                state=state(live), turns=turns, turn=turn,
                teams=turn_reports(live, turn, lang) if turn else [],
                tasks=critical_tasks(live.scenario), ratings=RATINGS,
                notes=store.notes(user.exercise), overrides=overrides,
                names=id_names(live.scenario, lang), played=played,
                drafts=draft_ratings(live, lang, {o["task"]: o["rating"] for o in overrides})
                if played else [],
                expected=expected_actions(live, lang) if started else [],
                map_svg=Markup(map_svg(live, lang)) if started else "")


@router.get("", response_class=HTMLResponse)
def evaluator_view(request: Request, turn: int | None = None):
    return evaluator_page(request, _evaluator(request), turn)


@router.post("/notes")
def add_note(request: Request, form: Form):
    user = _poster(request, form)
    live = live_of(request, user.exercise)
    teams = {t.id for t in live.scenario.teams}
    tasks = {c.id for c in critical_tasks(live.scenario)}
    note, team, task = field(form, "text").strip(), field(form, "team"), field(form, "task")
    try:
        turn = int(field(form, "turn"))
    except ValueError:
        turn = -1
    if not note or len(note) > MAX_NOTE or (team and team not in teams) or \
            (task and task not in tasks) or turn not in visible_turns(live) + [0]:
        return evaluator_page(request, user, error="bad_note", status=422)
    auth.store_of(request).add_note(user.exercise, turn, team or None, task or None, note)
    return RedirectResponse(f"/evaluator?turn={turn}", status_code=303)


@router.post("/overrides")
def set_override(request: Request, form: Form):
    user = _poster(request, form)
    live = live_of(request, user.exercise)
    tasks = {c.id for c in critical_tasks(live.scenario)}
    try:  # the same rules as an overrides file given to `ttx debrief`
        o = Override(task=field(form, "task"), rating=field(form, "rating"),
                     justification=field(form, "justification").strip())
    except ValidationError:
        return evaluator_page(request, user, error="bad_override", status=422)
    if o.task not in tasks or len(o.justification) > MAX_NOTE:
        return evaluator_page(request, user, error="bad_override", status=422)
    auth.store_of(request).set_override(user.exercise, o.task, o.rating, o.justification)
    return RedirectResponse("/evaluator", status_code=303)
