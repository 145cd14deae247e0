"""Who is asking: join codes, sessions, CSRF tokens and role checks.

A join code is typed once (never put in a URL, never logged) and exchanged for a session:
a random token kept in an HttpOnly, SameSite=Strict cookie, stored hashed. Every POST but
the join itself also carries the session's CSRF token, compared in constant time.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import Response

from simulator.store import Store

COOKIE = "ttx_session"
JOIN_WINDOW = 600  # seconds: failed joins counted over ten minutes ...
JOIN_LIMIT = 10  # ... and refused from the tenth on
MAX_CODE = 200  # characters: a code is 30


class ApiError(Exception):
    """A refusal answered as ``{"reason": ..., **extra}`` (JSON) or an error page."""

    def __init__(self, status: int, reason: str, **extra):
        super().__init__(reason)
        self.status, self.reason, self.extra = status, reason, extra


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


def join(request: Request, code: str) -> tuple[dict, str]:
    """Exchange a join code for a session: (who joined, session token). Raises 429 after
    too many failures from the client's address, 401 for an unknown code."""
    store, addr = store_of(request), client_address(request)
    if store.join_failures(addr, JOIN_WINDOW) >= JOIN_LIMIT:
        raise ApiError(429, "too_many_attempts")
    cred = store.credential(code) if code and len(code) <= MAX_CODE else None
    if cred is None:
        store.record_join_failure(addr)
        raise ApiError(401, "unknown_code")
    token, csrf = store.open_session(cred)
    return {"role": cred["role"], "exercise": cred["exercise"], "team": cred["team"],
            "csrf": csrf}, token


def set_cookie(response: Response, token: str) -> None:
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")


def optional_user(request: Request) -> User | None:
    token = request.cookies.get(COOKIE)
    if not token or len(token) > MAX_CODE:
        return None
    row = store_of(request).session(token)
    if row is None:
        return None
    return User(token, row["role"], row["exercise"], row["team"], row["csrf"], row["trainee"])


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
