"""Joining: a code exchanged for a session, never silently replacing another one.

A browser that already holds a valid session of someone else (another role, exercise,
team or trainee) is asked first: the JSON join answers 409 ``signed_in_elsewhere`` unless
its body says ``"replace": true``; the form answers a question page. Joining again as the
same person just signs in. Whenever a join replaces a session, that session ends in the
store, not only in the browser.

The question page does not carry the code typed back into the page (codes are typed once
and shown nowhere). The server keeps a *pending join* instead: the credential's hash and
the session it would replace, under a random token that is the only thing the page's
confirm button posts. A pending join is used once, lasts ``PENDING_AGE`` seconds, lives in
memory (a restart forgets it: type the code again), and works only with the session
cookie it was made for: a token seen by anyone else is of no use to them.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping

from fastapi import Request

from simulator.portal import auth, joinlimit
from simulator.portal.auth import ApiError, User

PENDING_AGE = 300  # seconds to answer the question
PENDING_KEEP = 500  # pending joins kept at most (the oldest go first)


class SignedInElsewhere(ApiError):
    """409: this browser is signed in as someone else; ``cred`` is the code's credential."""

    def __init__(self, current: User, cred: Mapping):
        super().__init__(409, "signed_in_elsewhere", role=current.role, team=current.team,
                         exercise=current.exercise)
        self.current, self.cred = current, cred


class PendingJoins:
    """Joins waiting for their confirmation: token → (credential hash, replaced session)."""

    def __init__(self):
        self._items: OrderedDict[str, tuple[str, str, float]] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, cred_hash: str, replaces: User) -> str:
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._items[token] = (cred_hash, replaces.token, time.monotonic())
            while len(self._items) > PENDING_KEEP:
                self._items.popitem(last=False)
        return token

    def take(self, token: str, current: User | None) -> str | None:
        """The credential hash of a pending join made for ``current``'s session, once."""
        with self._lock:
            item = self._items.pop(token, None)
        if item is None or current is None:
            return None
        cred_hash, replaces, made = item
        if not hmac.compare_digest(replaces, current.token) or time.monotonic() - made > PENDING_AGE:
            return None
        return cred_hash


def same_person(user: User, cred: Mapping) -> bool:
    return (user.role, user.exercise, user.team, user.trainee) == \
        (cred["role"], cred["exercise"], cred["team"], cred["trainee"])


def join(request: Request, code: str, replace: bool = False) -> tuple[dict, str]:
    """Exchange a join code for a session: (who joined, session token). 429 while this
    device must wait (``joinlimit``), 401 for an unknown code, ``SignedInElsewhere``
    unless ``replace`` when the browser is signed in as someone else."""
    joinlimit.check(request)
    store = auth.store_of(request)
    cred = store.credential(code) if code and len(code) <= auth.MAX_CODE else None
    if cred is None:
        joinlimit.failed(request)
        raise ApiError(401, "unknown_code")
    current = auth.optional_user(request)
    if current is not None and not replace and not same_person(current, cred):
        raise SignedInElsewhere(current, cred)
    return sign_in(request, cred, current)


def ask(request: Request, asked: SignedInElsewhere) -> str:
    """Keep the join the browser is asked about; the token its confirmation posts."""
    return request.app.state.joins.add(asked.cred["hash"], asked.current)


def confirm(request: Request, token: str) -> tuple[dict, str]:
    """The join a question page asked about, confirmed; 409 ``join_expired`` if it is no
    longer pending (answered, too old, another session, or its code revoked)."""
    current = auth.optional_user(request)
    cred_hash = request.app.state.joins.take(token, current)
    cred = auth.store_of(request).credential_of_hash(cred_hash) if cred_hash else None
    if cred is None:
        raise ApiError(409, "join_expired")
    return sign_in(request, cred, current)


def sign_in(request: Request, cred: Mapping, replaced: User | None) -> tuple[dict, str]:
    """A new session for ``cred``; the one it replaces ends. Expired sessions and old
    failed joins are pruned meanwhile."""
    store = auth.store_of(request)
    if replaced is not None:
        store.end_session(replaced.token)
    store.prune()
    token, csrf = store.open_session(cred)
    return {"role": cred["role"], "exercise": cred["exercise"], "team": cred["team"],
            "csrf": csrf}, token
