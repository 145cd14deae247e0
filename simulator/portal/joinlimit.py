"""The failed-join limit: a slow rate per device, never a lock-out by someone else.

Codes (and practice links) are 128 random bits: no rate of guessing finds one, so this
limit is against noise (a stuck script, a code mistyped again and again, a table that
grows), not for secrecy.

- **Who is counted.** A device: the join page gives each browser a random id in an
  HttpOnly, SameSite=Strict cookie (``ttx_device``), signed with a key of the running
  server so that no client can make ids up. A client without a valid one (a script, a
  browser that refuses cookies, a device after a restart of the server) is counted with
  its address, shared with every such client there.
- **What is counted.** Every failed attempt (unknown code or practice link) of that
  device, over ``WINDOW`` seconds.
- **What it does.** The first ``LIMIT`` failures cost nothing; after that the device may
  try once every ``SLOW`` seconds (429 ``too_many_attempts`` with Retry-After, the code
  not even looked at). A slow rate, never a lock-out: a trainee who mistyped ten times
  still gets in half a minute later.
- **Nobody else's failures count.** A third party on the same Wi-Fi or behind the same
  address fails under its own device or under the address, never under a trainee's
  device (another site cannot post a join at all: ``origin``; nor send the Strict
  cookie).
- **Many devices at once.** Ids are free to get, so one address is given at most
  ``DEVICES_PER_ADDRESS`` new ones per ``WINDOW`` (a class behind one address needs about
  thirty); past that, its new clients are counted with the address. A guesser thus gets at
  most about ``DEVICES_PER_ADDRESS * LIMIT`` free attempts per window, then a few a
  minute: noise kept down, while a 128-bit code stays out of reach anyway.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque

from fastapi import Request
from fastapi.responses import Response

from simulator.portal.auth import client_address, retry_after, store_of

COOKIE = "ttx_device"
WINDOW = 600  # seconds over which failures (and new device ids) are counted
LIMIT = 10  # failures of a device that cost nothing ...
SLOW = 30  # ... then one attempt every this many seconds
DEVICES_PER_ADDRESS = 100  # new device ids one address gets per WINDOW
DEVICE_AGE = 365 * 86400


class Devices:
    """Device ids signed with this server's key, and how many each address was given."""

    def __init__(self):
        self._key = secrets.token_bytes(32)
        self._given: dict[str, deque] = {}
        self._lock = threading.Lock()

    def _mac(self, device: str) -> str:
        return hmac.new(self._key, device.encode(), hashlib.sha256).hexdigest()[:32]

    def valid(self, cookie: str | None) -> str | None:
        """The device id of a cookie this server signed, else None."""
        device, _, mac = (cookie or "").partition(".")
        if device and len(cookie) < 100 and hmac.compare_digest(mac.encode(),
                                                                self._mac(device).encode()):
            return device
        return None

    def new(self, addr: str) -> str | None:
        """A new signed cookie value for a client at ``addr``; None if that address had
        its share of new ids in the last ``WINDOW`` seconds."""
        now = time.monotonic()
        with self._lock:
            given = self._given.setdefault(addr, deque())
            while given and given[0] < now - WINDOW:
                given.popleft()
            if len(given) >= DEVICES_PER_ADDRESS:
                return None
            given.append(now)
            if len(self._given) > 10_000:  # forget addresses with nothing recent
                self._given = {a: d for a, d in self._given.items() if d and d[-1] > now - WINDOW}
        device = secrets.token_urlsafe(16)
        return f"{device}.{self._mac(device)}"


def give_device(request: Request, response: Response) -> None:
    """Set a device cookie on ``response`` unless the browser has a valid one."""
    devices: Devices = request.app.state.devices
    if devices.valid(request.cookies.get(COOKIE)):
        return
    value = devices.new(client_address(request))
    if value:
        # over HTTPS, middleware.SecureCookies adds Secure, as to every cookie
        response.set_cookie(COOKIE, value, max_age=DEVICE_AGE, httponly=True,
                            samesite="strict", path="/")


def who_tries(request: Request) -> str:
    """What a failed join is counted against: the device, else the client's address."""
    device = request.app.state.devices.valid(request.cookies.get(COOKIE))
    return f"device:{device}" if device else client_address(request)


def check(request: Request) -> None:
    """429 ``too_many_attempts`` (with Retry-After) while this device must wait."""
    failures, last = store_of(request).join_record(who_tries(request), WINDOW)
    wait = SLOW - (time.time() - last)
    if failures >= LIMIT and wait > 0:
        raise retry_after(429, "too_many_attempts", wait)


def failed(request: Request) -> None:
    """Count one failed attempt against this device."""
    store_of(request).record_join_failure(who_tries(request))
