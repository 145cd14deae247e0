"""The portal's application factory: ``create_app(db_path)`` wires store, routes and limits."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse

from simulator.classroom.courses import Courses
from simulator.classroom.live import Registry
from simulator.classroom.store import Refused, Store
from simulator.portal import api, course_pages, courses, evaluator, instructor, pages, practice, team
from simulator.portal.auth import ApiError
from simulator.portal.debrief import prune_runs
from simulator.portal.debrief_worker import turn_closed
from simulator.portal.deps import ids_in_range, refusal
from simulator.portal.drafts import Drafts
from simulator.portal.hosts import Allowlist, HostCheck
from simulator.portal.joining import PendingJoins
from simulator.portal.joinlimit import Devices
from simulator.portal.middleware import BodyLimit, SecureCookies, SecurityHeaders
from simulator.portal.origin import same_origin
from simulator.portal.quotas import RateLimits
from simulator.portal.render import page

DEBRIEF_WAIT = 60  # seconds a debrief request waits for its build, then "being prepared"


class HideLinks(logging.Filter):
    """The access log shows a practice link's path without its token (a link lets anyone
    start exercises: it is a secret, like a join code)."""

    LINK = re.compile(r"(?<![\w./-])(/practice/)[^/?\s\"]+")

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = self.LINK.sub(r"\1…", record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(self.LINK.sub(r"\1…", a) if isinstance(a, str) else a
                                for a in record.args)
        return True


def hide_links(logger: logging.Logger) -> None:
    if not any(isinstance(f, HideLinks) for f in logger.filters):
        logger.addFilter(HideLinks())


# Whether a new portal plays the debrief's replays ahead as turns close (a cache: the
# report is the same without it). Tests that do not look at it turn it off.
PLAY_AHEAD = True


def create_app(db_path: str | Path, allowed_hosts: Allowlist | None = None) -> FastAPI:
    """The portal on the database ``db_path``. ``allowed_hosts``: the Host names it answers
    (others get 400); None checks none (an app that is not on a network, as in tests)."""
    app = FastAPI(title="ttx portal", docs_url=None, redoc_url=None, openapi_url=None,
                  dependencies=[Depends(ids_in_range)])
    app.state.store = store = Store(db_path)
    # The debrief follows the play: its replays advance in the worker as turns close, and
    # its report is built when the last one does.
    app.state.play_ahead = PLAY_AHEAD
    app.state.registry = Registry(store, after_close=lambda live: app.state.play_ahead
                                  and turn_closed(store, live))
    app.state.courses = Courses(store)
    app.state.drafts = Drafts()
    app.state.joins, app.state.devices, app.state.rates = PendingJoins(), Devices(), RateLimits()
    app.state.debrief_wait = DEBRIEF_WAIT
    store.prune()  # sessions past their age, old failed joins
    for folder in prune_runs(store):
        logging.getLogger("ttx.portal").info("removed the old run folder %s", folder)
    for module in (api, courses, course_pages, pages, instructor, team, evaluator, practice):
        app.include_router(module.router, dependencies=[Depends(same_origin)])

    @app.exception_handler(ApiError)
    def refused(request: Request, exc: ApiError):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"reason": exc.reason, **exc.extra}, status_code=exc.status,
                                headers=exc.headers)
        if exc.status == 401:  # a page without a session: back to the join form
            return RedirectResponse("/", status_code=303)
        response = page(request, "error.html.j2", status=exc.status, reason=exc.reason,
                        detail=exc.extra.get("detail", ""))
        response.headers.update(exc.headers)
        return response

    @app.exception_handler(Refused)
    def not_done(request: Request, exc: Refused):
        """A refusal no route answered itself: an unknown course, trainee ... is 404."""
        err = ApiError(404, exc.reason, detail=exc.detail) if exc.reason.startswith(
            "unknown_") else refusal(exc)
        return refused(request, err)

    hide_links(logging.getLogger("uvicorn.access"))
    app.add_middleware(BodyLimit)
    if allowed_hosts is not None:  # before the body is read: a stranger's request costs nothing
        app.add_middleware(HostCheck, allowed=allowed_hosts)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(SecureCookies)
    return app
