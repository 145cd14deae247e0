"""Pages for everyone: the join form (and its question when the browser is signed in as
someone else), the language switch, logging out, the style sheet, and a finished
exercise's debrief (instructor and its evaluators)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from simulator.i18n import tr
from simulator.portal import auth, debrief_worker, joining, joinlimit
from simulator.portal.auth import ApiError, User
from simulator.portal.deps import field, form_data, live_of
from simulator.portal.i18n import LANGUAGES, ROLES, say
from simulator.portal.practice import team_name
from simulator.portal.render import LANG_COOKIE, lang_of, page

router = APIRouter()
STATIC = Path(__file__).resolve().parent / "static"
HOME = {"instructor": "/instructor", "team": "/team", "evaluator": "/evaluator",
        "trainee": "/trainee"}
Form = Annotated[FormData, Depends(form_data)]


@router.get("/", response_class=HTMLResponse)
def join_page(request: Request):
    user = auth.optional_user(request)
    response = page(request, "join.html.j2", user=user,
                    home=HOME.get(user.role) if user else None, error=None)
    joinlimit.give_device(request, response)  # failed joins are counted per device
    return response


def _join_refused(request: Request, exc: ApiError):
    """The form again, with the reason; never the code typed."""
    response = page(request, "join.html.j2", status=exc.status, home=None, error=exc.reason)
    response.headers.update(exc.headers)
    return response


def _signed_in(who: dict, token: str):
    response = RedirectResponse(HOME[who["role"]], status_code=303)
    auth.set_cookie(response, token)
    return response


def identity(request: Request, role: str, ex: int | None, team: str | None) -> str:
    """Who a session or a code is, in words: role, team, exercise."""
    lang = lang_of(request)
    name = say(ROLES[role], lang)
    if ex is None:
        return name
    if team:
        name += " · " + team_name(live_of(request, ex).scenario, team, lang)
    return tr("{who} of the exercise “{exercise}”", lang, who=name,
              exercise=auth.store_of(request).exercise(ex)["name"])


@router.post("/join")
def join(request: Request, form: Form):
    try:
        return _signed_in(*joining.join(request, field(form, "code")))
    except joining.SignedInElsewhere as asked:  # ask first (joining: the pending join)
        now: User = asked.current
        return page(request, "join_replace.html.j2", status=409,
                    current=identity(request, now.role, now.exercise, now.team),
                    new=identity(request, asked.cred["role"], asked.cred["exercise"],
                                 asked.cred["team"]),
                    home=HOME[now.role], pending=joining.ask(request, asked))
    except ApiError as exc:
        return _join_refused(request, exc)


@router.post("/join/confirm")
def join_confirm(request: Request, form: Form):
    """The answer to the question: join as the code's user, ending the other session."""
    try:
        return _signed_in(*joining.confirm(request, field(form, "pending")))
    except ApiError as exc:
        return _join_refused(request, exc)


@router.post("/logout")
def logout(request: Request, form: Form):
    user = auth.form_poster(request, field(form, "csrf"))
    auth.store_of(request).end_session(user.token)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(auth.COOKIE, path="/")
    return response


@router.get("/lang/{lang}")
def switch_language(lang: str, next: str = "/"):
    if lang not in LANGUAGES:
        raise ApiError(404, "unknown_language")
    if not next.startswith("/") or next.startswith("//") or "\\" in next:
        next = "/"  # only pages of this site
    response = RedirectResponse(next, status_code=303)
    response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax", path="/")
    return response


@router.get("/static/style.css")
def style():
    return FileResponse(STATIC / "style.css", media_type="text/css",
                        headers={"cache-control": "max-age=3600"})


def _debrief_job(ex: int, request: Request):
    """Who may read the debrief, and its build (``debrief_worker.request``)."""
    user = auth.require_viewer(auth.current_user(request), ex)
    live = live_of(request, ex)
    if live.phase != "finished":
        raise ApiError(409, "not_finished")  # the debrief is written when the exercise ends
    store = auth.store_of(request)
    if user.role == "team" and not store.released(ex):  # teams read it once released
        raise ApiError(409, "not_released")
    return user, debrief_worker.request(store, live, lang_of(request))


@router.get("/exercises/{ex}/debrief", response_class=HTMLResponse)
async def debrief(ex: int, request: Request):
    """The report, once built in the worker process: the request waits for it a while
    (``app.state.debrief_wait`` seconds) without holding a thread, then answers 202 with a
    page that reloads itself until the report is there."""
    user, job = await run_in_threadpool(_debrief_job, ex, request)
    built = asyncio.wrap_future(job)
    done, _ = await asyncio.wait([built], timeout=request.app.state.debrief_wait)
    if not done:
        built.add_done_callback(lambda f: f.cancelled() or f.exception())  # seen later
        return page(request, "debrief_wait.html.j2", user=user, status=202, refresh=3)
    html = await run_in_threadpool(built.result().read_text, encoding="utf-8")
    # The report is one self-contained page: inline style, embedded images, no script.
    return HTMLResponse(html, headers={
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                   "img-src data:; frame-ancestors 'none'"})
