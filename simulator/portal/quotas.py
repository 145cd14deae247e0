"""Quotas per session: a request rate, and the bytes a team stores in a turn.

Rate: a token bucket per session (in memory; a restart refills them). A session may make
``BURST`` requests at once, then ``RATE`` a second: a team clicking around, or a client
polling its state every second, never notices; 30 teams submitting together as fast as
the server answers (``benchmarks/portal_load.py``: 60 submissions each) neither. Over it:
429 ``rate_limited`` with Retry-After. The instructor is never limited (``auth``).

Storage: the decisions a team stores in one turn (every submission counts, the ones it
replaced too, since they stay in the file) add up to at most ``TURN_BYTES``; a submission
that would go over is refused with 413 ``quota_exceeded`` and nothing is stored. Nothing
stored before is lost, and a retry of a stored request still gets its first answer.

Either limit reached is recorded (``Store.record_limit_hit``) at most once a minute per
team and limit, for the instructor's console.
"""

from __future__ import annotations

import json
import threading
import time
from datetime import datetime, timezone

from simulator.classroom.live import LiveExercise, submit_payload
from simulator.classroom.store import Input, Refused, Store

RATE = 2.0  # requests a second a session may keep up ...
BURST = 120  # ... after this many at once
TURN_BYTES = 256 * 1024  # bytes of decisions a team stores in one turn
RECORD_EVERY = 60.0  # seconds: one record per team and limit at most this often
KINDS = ("rate", "storage")


class RateLimits:
    """Token buckets by session, and when each limit hit was last recorded."""

    def __init__(self, rate: float = RATE, burst: int = BURST, keep: int = 10_000):
        self.rate, self.burst, self.keep = rate, burst, keep
        self._buckets: dict[str, tuple[float, float]] = {}  # key → (tokens, at)
        self._recorded: dict[tuple, float] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Spend one request of ``key``: 0 if it may go, else the seconds to wait."""
        now = time.monotonic()
        with self._lock:
            tokens, at = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - at) * self.rate)
            if tokens < 1:
                self._buckets[key] = (tokens, now)
                return (1 - tokens) / self.rate
            self._buckets[key] = (tokens - 1, now)
            if len(self._buckets) > self.keep:  # forget the full ones: they start full
                full = now - self.burst / self.rate
                self._buckets = {k: v for k, v in self._buckets.items() if v[1] > full}
            return 0.0

    def first_in(self, what: tuple, every: float = RECORD_EVERY) -> bool:
        """Whether ``what`` was not seen in the last ``every`` seconds (then it is now)."""
        now = time.monotonic()
        with self._lock:
            if now - self._recorded.get(what, -every) < every:
                return False
            self._recorded[what] = now
            return True


class QuotaExceeded(Refused):
    """A submission over the team's bytes for the turn; ``extra`` goes into the answer."""

    def __init__(self, used: int, size: int):
        super().__init__("quota_exceeded", f"this turn's orders would take {used + size} "
                                           f"bytes; a team may store {TURN_BYTES} per turn")
        self.extra = {"limit": "storage", "allowed": TURN_BYTES, "used": used, "size": size}


def payload_size(decisions: list[dict]) -> int:
    """The bytes a list of decisions takes in the store (as ``LiveExercise.submit``
    stores it)."""
    return len(json.dumps(submit_payload(decisions), sort_keys=True).encode())


def check_turn_bytes(store: Store, rates: RateLimits, live: LiveExercise, team: str,
                     turn: int, decisions: list[dict], key: str | None) -> None:
    """Refuse (``QuotaExceeded``) a submission that takes the team over ``TURN_BYTES``
    in ``turn``. Call it under ``live.lock``, so two phones of a team cannot both pass
    it. A request already stored under ``key`` passes: the store answers it."""
    if live.open_turn != turn:
        return  # refused by the store anyway
    size = payload_size(decisions)
    used, seen = store.stored_bytes(live.id, team, turn, key)
    if used + size > TURN_BYTES and not seen:
        if rates.first_in((live.id, "team", team, "storage")):
            store.record_limit_hit(live.id, "team", team, "storage")
        raise QuotaExceeded(used, size)


def submit(request, live: LiveExercise, team: str, decisions: list[dict], turn: int,
           key: str | None, client_key: bool = False) -> Input:
    """``live.submit`` within the team's bytes for the turn (the API's and the form's
    submissions alike)."""
    with live.lock:
        check_turn_bytes(request.app.state.store, request.app.state.rates, live, team, turn,
                         decisions, key)
        return live.submit(team, decisions, key=key, turn=turn, client_key=client_key)


def limit_hits(store: Store, ex: int) -> list[dict]:
    """The limits reached in an exercise, oldest first: who, which, turn, when (UTC)."""
    return [{"role": r["role"], "team": r["team"], "limit": r["kind"], "turn": r["turn"],
             "at": datetime.fromtimestamp(r["at"], timezone.utc).isoformat(timespec="seconds")}
            for r in store.limit_hits(ex)]
