"""Integers out of range anywhere a request carries one (path, query, JSON, form) get a 4xx,
never a 500: every route of the portal is walked with huge, negative and non-numeric
values, as the instructor, a team and an evaluator."""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute

from tests.portal.conftest import User, command

HUGE = 2**70  # past SQLite's 64-bit integers
VALUES = (HUGE, -1, "x")
# Every integer field a form or a JSON body of the portal reads, with out-of-range values.
INT_FIELDS = ("turn", "hour", "index", "trainee", "seed", "seeds", "exercise", "course",
              "offer", "amount", "people", "trucks")


def _routes(routes, prefix: str = ""):
    """Every APIRoute with its full path (FastAPI wraps an included router in an object
    that keeps the router and its prefix)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix + route.path, route
        elif hasattr(route, "original_router"):
            yield from _routes(route.original_router.routes,
                               prefix + route.include_context.prefix)


def _paths(app) -> list[tuple[str, str]]:
    found = [(method, path) for path, route in _routes(app.routes)
             for method in sorted(route.methods - {"HEAD"})]
    assert len(found) > 60  # the walk reaches the routers' routes
    return sorted(found, key=lambda mp: mp[1] == "/logout")  # still signed in until the end


def _filled(path: str, value) -> str:
    # a name or token segment ({lang}, {token}, {command}) keeps a plausible word
    return re.sub(r"\{(\w+)\}", lambda m: str(value) if m.group(1) in (
        "ex", "course", "trainee", "exercise", "turn", "offer") else "force", path)


@pytest.fixture
def people(app, made, instructor, teams, evaluator):
    command(instructor, made["id"], "start")
    return {"instructor": instructor, "team": teams["force"], "evaluator": evaluator}


@pytest.mark.parametrize("who", ["instructor", "team", "evaluator"])
def test_no_route_answers_500_to_an_out_of_range_integer(app, people, who):
    user: User = people[who]
    failures = []
    for method, path in _paths(app):
        for value in VALUES:
            url = _filled(path, value)
            if method == "GET":
                tries = [(user.get, url, {}),
                         (user.get, url, {"params": {f: value for f in INT_FIELDS}})]
            else:
                body = {f: value for f in INT_FIELDS} | {"decisions": [],
                                                         "teams": {"force": [value]}}
                tries = [(user.post, url, {"body": body}),
                         (user.form, url, {"data": {f: str(value) for f in INT_FIELDS}})]
            for send, where, kw in tries:
                try:  # the test client raises what the server did not answer
                    status = send(where, **kw).status_code
                except Exception as exc:  # noqa: BLE001
                    status = f"{type(exc).__name__}: {exc}"
                if not isinstance(status, int) or status >= 500:
                    failures.append(f"{method} {url} -> {status}")
    assert not failures, "\n".join(failures)


def test_an_id_out_of_range_is_422_naming_it_and_an_unknown_course_404(people):
    user = people["instructor"]
    r = user.get(f"/api/exercises/{HUGE}/state")
    assert r.status_code == 422
    assert r.json() == {"reason": "out_of_range", "detail": "ex: 0 to 9223372036854775807"}
    assert user.get("/api/courses/-1/records").json()["reason"] == "out_of_range"
    r = user.get("/api/courses/7/records")
    assert (r.status_code, r.json()["reason"]) == (404, "unknown_course")
    page = user.get(f"/instructor/exercises/{HUGE}", lang="fr")
    assert page.status_code == 422 and "est hors limites" in page.text
