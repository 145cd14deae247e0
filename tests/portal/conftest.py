"""The portal in-process (FastAPI TestClient) on the mini world, and joined users."""

from __future__ import annotations

import warnings

import pytest

from simulator.portal import create_app
from tests.conftest import MINI, MINI_OBJECTIVES

with warnings.catch_warnings():  # starlette may prefer another HTTP client; httpx is fine
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

# The mini world, with a held inject and one objective (so evaluators can override).
HELD = """  - id: held-news
    at: {turn: 1}
    hold: true
    from: {en: Radio Delta, fr: Radio Delta}
    to: [humanitarian]
    message: {en: Boats missing on the river., fr: Des pirogues ont disparu sur le fleuve.}
"""
SCENARIO = MINI.read_text() + HELD + MINI_OBJECTIVES
TEAMS = ("force", "police", "civilian", "humanitarian")
PATROL = {"action": "patrol", "params": {"unit": "coy_a", "location": "village"}}


class User:
    """One browser or API client that joined with a code."""

    def __init__(self, app, code: str | None = None):
        self.http = TestClient(app, follow_redirects=False)
        self.csrf, self.me = "", {}
        if code is not None:
            r = self.http.post("/api/join", json={"code": code})
            assert r.status_code == 200, r.text
            self.me, self.csrf = r.json(), r.json()["csrf"]

    def post(self, path: str, body=None, key: str | None = None, csrf: bool = True, **kw):
        headers = {"X-CSRF-Token": self.csrf} if csrf else {}
        headers.update(kw.pop("headers", {}))
        if key:
            headers["Idempotency-Key"] = key
        return self.http.post(path, json=body if body is not None else {}, headers=headers, **kw)

    def form(self, path: str, data: dict | None = None, csrf: bool = True, **kw):
        fields = dict(data or {})
        if csrf:
            fields["csrf"] = self.csrf
        return self.http.post(path, data=fields, **kw)

    def get(self, path: str, lang: str | None = None, **kw):
        if lang:
            self.http.cookies.set("ttx_lang", lang)
        return self.http.get(path, **kw)


@pytest.fixture(autouse=True, scope="package")
def no_play_ahead():
    """The debrief's replays played as turns close are background work in the debrief
    worker (a whole exercise's replays a close), which only the tests of that feature turn
    on (tests/portal/test_debrief_ahead.py): every portal these tests make starts without,
    those of module fixtures too (hence the package scope)."""
    from simulator.portal import app as portal_app

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(portal_app, "PLAY_AHEAD", False)
        yield


@pytest.fixture
def app(tmp_path):
    return create_app(tmp_path / "ttx.db")


@pytest.fixture
def instructor(app):
    return User(app, app.state.store.add_credential("instructor"))


def new_exercise(instructor: User, bots: dict | None = None, text: str = SCENARIO) -> dict:
    r = instructor.post("/api/exercises", {"name": "Delta 1", "scenario_text": text, "seed": 3,
                                           "lang": "en", "bots": bots or {}})
    assert r.status_code == 201, r.text
    return r.json()


@pytest.fixture
def made(instructor):
    return new_exercise(instructor)


@pytest.fixture
def teams(app, made):
    return {t: User(app, code) for t, code in made["codes"]["teams"].items()}


@pytest.fixture
def evaluator(app, made):
    return User(app, made["codes"]["evaluator"])


def command(instructor: User, ex: int, name: str) -> dict:
    r = instructor.post(f"/api/exercises/{ex}/{name}")
    assert r.status_code == 200, r.text
    return r.json()
