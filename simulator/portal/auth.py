"""Who is asking: sessions, CSRF tokens and role checks.

A join code is typed once (never put in a URL, never logged) and exchanged for a session
(``joining``): a random token kept in an HttpOnly, SameSite=Strict cookie, stored hashed.
Every POST but the join itself also carries the session's CSRF token (an HMAC of the
session token, kept nowhere), compared in constant time. A session other than the
instructor's makes at most ``quotas.BURST`` requests at once and ``quotas.RATE`` a second
after that (429).
"""

from __future__ import annotations

import hmac
import math
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import Response

from simulator.classroom.store import Store, csrf_of

COOKIE = "ttx_session"
MAX_CODE = 200  # characters: a code is 30
SCOPE_KEY = "ttx.user"  # the request's user, once looked up


class ApiError(Exception):
    """A refusal answered as ``{"reason": ..., **extra}`` (JSON) or an error page."""

    def __init__(self, status: int, reason: str, *, headers: dict | None = None, **extra):
        super().__init__(reason)
        self.status, self.reason, self.extra = status, reason, extra
        self.headers = headers or {}  # e.g. Retry-After


def retry_after(status: int, reason: str, seconds: float) -> ApiError:
    """A refusal that says, in Retry-After, how many seconds to wait."""
    return ApiError(status, reason, headers={"Retry-After": str(max(1, math.ceil(seconds)))})


@dataclass(frozen=True)
class User:
    token: str
    role: str  # instructor, team, evaluator
    exercise: int | None  # None for the instructor: every exercise
    team: str | None
    csrf: str
    trainee: int | None = None  # a trainee's own session: their record only

    def may_see(self, ex: int) -> bool:
        return self.role == "instructor" or self.exercise == ex


def store_of(request: Request) -> Store:
    return request.app.state.store


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def set_cookie(response: Response, token: str) -> None:
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")


def optional_user(request: Request) -> User | None:
    """The session's user, or None; 429 when the session is over its request rate."""
    if SCOPE_KEY not in request.scope:  # looked up once per request, counted once
        user = _session_user(request)
        try:
            if user is not None:
                _count_request(request, user)
        except ApiError as exc:
            request.scope[SCOPE_KEY] = exc
            raise
        request.scope[SCOPE_KEY] = user
    found = request.scope[SCOPE_KEY]
    if isinstance(found, ApiError):
        raise found
    return found


def _session_user(request: Request) -> User | None:
    token = request.cookies.get(COOKIE)
    if not token or len(token) > MAX_CODE:
        return None
    row = store_of(request).session(token)
    if row is None:
        return None
    return User(token, row["role"], row["exercise"], row["team"], csrf_of(token),
                row["trainee"])


def _count_request(request: Request, user: User) -> None:
    """The instructor is not limited (one trusted person whose commands must go through
    mid-exercise); anyone else over the rate gets 429, and the console is told."""
    if user.role == "instructor":
        return
    rates = request.app.state.rates
    wait = rates.take(user.token)
    if wait <= 0:
        return
    if user.exercise is not None and rates.first_in((user.exercise, user.role, user.team,
                                                     "rate")):
        store_of(request).record_limit_hit(user.exercise, user.role, user.team, "rate")
    raise retry_after(429, "rate_limited", wait)


def current_user(request: Request) -> User:
    """The session's user; 401 without a (known) session cookie."""
    user = optional_user(request)
    if user is None:
        raise ApiError(401, "no_session")
    return user


def check_csrf(user: User, token: str | None) -> None:
    if not token or not hmac.compare_digest(token.encode(), user.csrf.encode()):
        raise ApiError(403, "csrf")


def api_poster(request: Request) -> User:
    """A user sending a JSON POST: session cookie and the X-CSRF-Token header."""
    user = current_user(request)
    check_csrf(user, request.headers.get("x-csrf-token"))
    return user


def form_poster(request: Request, csrf: str) -> User:
    """A user sending a form: session cookie and the hidden ``csrf`` field."""
    user = current_user(request)
    check_csrf(user, csrf)
    return user


def require(user: User, role: str, ex: int | None = None) -> User:
    """403 unless ``user`` has ``role`` and, for an exercise, belongs to it."""
    if user.role != role or (ex is not None and not user.may_see(ex)):
        raise ApiError(403, "forbidden")
    return user


def require_viewer(user: User, ex: int) -> User:
    """The instructor, or anyone who joined exercise ``ex``."""
    if not user.may_see(ex):
        raise ApiError(403, "forbidden")
    return user
