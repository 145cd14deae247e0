"""The failed-join limit slows a device down after its own failures and never locks a
device out because of someone else's: failures are counted per device (the join page's
signed cookie), else per address; after ten, one attempt every thirty seconds."""

from __future__ import annotations

import pytest

from simulator.portal import joinlimit
from tests.portal.conftest import User

WRONG = "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-F"


def device(app) -> User:
    """A browser that opened the join page, so it has a device cookie."""
    browser = User(app)
    assert browser.http.get("/").status_code == 200
    assert browser.http.cookies.get(joinlimit.COOKIE)
    return browser


def fail(user: User, times: int) -> None:
    for _ in range(times):
        assert user.http.post("/api/join", json={"code": WRONG}).status_code == 401


def later(app, seconds: float) -> None:
    """As if ``seconds`` had passed for the failures recorded so far."""
    with app.state.store.write() as db:
        db.execute("UPDATE join_failure SET at = at - ?", (seconds,))


def test_the_join_page_gives_a_strict_http_only_device_cookie_once(app):
    browser = User(app)
    cookie = browser.http.get("/").headers["set-cookie"]
    assert cookie.startswith("ttx_device=") and "HttpOnly" in cookie
    assert "samesite=strict" in cookie.lower()
    assert "set-cookie" not in browser.http.get("/").headers  # it has one


def test_a_device_is_slowed_by_its_own_failures_never_locked_out(app, made):
    phone = device(app)
    fail(phone, joinlimit.LIMIT)
    good = made["codes"]["teams"]["force"]
    r = phone.http.post("/api/join", json={"code": good})
    assert (r.status_code, r.json()) == (429, {"reason": "too_many_attempts"})
    assert 1 <= int(r.headers["retry-after"]) <= joinlimit.SLOW
    page = phone.http.post("/join", data={"code": good})
    assert page.status_code == 429 and "half a minute" in page.text
    assert int(page.headers["retry-after"]) >= 1
    later(app, joinlimit.SLOW)
    fail(phone, 1)  # one attempt per SLOW seconds: a wrong one starts the wait again
    assert phone.http.post("/api/join", json={"code": good}).status_code == 429
    later(app, joinlimit.SLOW)
    assert phone.http.post("/api/join", json={"code": good}).status_code == 200
    later(app, joinlimit.WINDOW)  # the window over: the first failures cost nothing again
    fail(phone, joinlimit.LIMIT)


def test_someone_else_on_the_same_address_cannot_slow_a_trainees_device(app, made):
    trainee = device(app)
    fail(User(app), joinlimit.LIMIT)  # a script on the same address, no device cookie ...
    assert User(app).http.post("/api/join", json={"code": WRONG}).status_code == 429
    noisy = device(app)
    fail(noisy, joinlimit.LIMIT)  # ... or a device of its own: its failures are its own
    assert noisy.http.post("/api/join", json={"code": WRONG}).status_code == 429
    r = trainee.http.post("/join", data={"code": made["codes"]["teams"]["police"]})
    assert (r.status_code, r.headers["location"]) == (303, "/team")


def test_a_made_up_device_cookie_counts_with_the_address(app, made):
    fail(User(app), joinlimit.LIMIT)
    forger = User(app)
    forger.http.cookies.set(joinlimit.COOKIE, "my-own-id.0123456789abcdef0123456789abcdef")
    assert forger.http.post("/api/join", json={"code": WRONG}).status_code == 429
    stored = {r["addr"] for r in app.state.store.read("SELECT addr FROM join_failure")}
    assert stored == {"testclient"}  # the address TestClient reports


def test_one_address_gets_only_so_many_new_devices(app, monkeypatch):
    monkeypatch.setattr(joinlimit, "DEVICES_PER_ADDRESS", 2)
    device(app)
    device(app)
    third = User(app)
    assert "set-cookie" not in third.http.get("/").headers  # counted with its address


def test_practice_links_are_limited_the_same_way(app, instructor):
    link = instructor.post("/api/practice", {"scenario": "poc-inner-delta", "team": "force",
                                             "seed": 1, "lang": "en"}).json()["link"]
    visitor = device(app)
    for i in range(joinlimit.LIMIT):
        assert visitor.get(f"/practice/NOT-A-LINK-{i}").status_code == 404
    assert visitor.get(link).status_code == 429
    assert device(app).get(link).status_code == 200  # another device is not slowed


@pytest.mark.parametrize("cookie", ["", ".", "x" * 200, "a.b.c"])
def test_broken_device_cookies_are_no_device(app, cookie):
    assert app.state.devices.valid(cookie) is None
