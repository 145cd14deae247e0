"""Another site cannot post here: every POST whose Origin (or Referer) is not the portal's
own origin is refused with 403 cross_origin, the join included; a POST with neither
(a script) goes on to the session's CSRF check."""

from __future__ import annotations

import pytest

from tests.portal.conftest import PATROL, User, command

OWN = "http://testserver"  # the TestClient's scheme, host and port


@pytest.mark.parametrize("headers", [
    {"origin": "http://evil.example"},
    {"origin": "null"},  # another site's sandboxed page
    {"origin": "http://testserver:8080"},  # another port
    {"origin": "https://testserver"},  # another scheme
    {"referer": "http://evil.example/page"},  # no Origin: the Referer's origin counts
    {"origin": "http://evil.example", "referer": f"{OWN}/"},  # Origin first
    {"origin": "http://[broken"},
])
def test_a_join_from_another_site_is_refused_and_counts_nothing(app, made, headers):
    code = made["codes"]["teams"]["force"]
    store = app.state.store
    r = User(app).http.post("/api/join", json={"code": code}, headers=headers)
    assert (r.status_code, r.json()) == (403, {"reason": "cross_origin"})
    page = User(app).http.post("/join", data={"code": code}, headers=headers)
    assert page.status_code == 403 and "another site" in page.text
    assert code not in page.text and "set-cookie" not in page.headers
    assert store.read("SELECT COUNT(*) AS n FROM session WHERE role = 'team'")[0]["n"] == 0
    assert store.read("SELECT COUNT(*) AS n FROM join_failure")[0]["n"] == 0


@pytest.mark.parametrize("headers", [{"origin": OWN}, {"referer": f"{OWN}/"},
                                     {"origin": "HTTP://TESTSERVER:80"}, {}])
def test_the_portals_own_pages_and_scripts_join(app, made, headers):
    r = User(app).http.post("/api/join", json={"code": made["codes"]["teams"]["force"]},
                            headers=headers)
    assert r.status_code == 200 and r.json()["team"] == "force"
    form = User(app).http.post("/join", data={"code": made["codes"]["evaluator"]},
                               headers=headers)
    assert (form.status_code, form.headers["location"]) == (303, "/evaluator")


def test_a_signed_in_post_from_another_site_is_refused_even_with_its_csrf_token(app, made,
                                                                                 teams, instructor):
    ex = made["id"]
    command(instructor, ex, "start")
    force = teams["force"]
    evil = {"origin": "http://evil.example"}
    r = force.post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]}, headers=evil)
    assert (r.status_code, r.json()) == (403, {"reason": "cross_origin"})
    page = force.form("/team/orders", {"action": "patrol", "turn": "1", "p_unit": "coy_a",
                                       "p_location": "village"}, headers=evil)
    assert page.status_code == 403
    assert instructor.post(f"/api/exercises/{ex}/close", headers=evil).status_code == 403
    assert [i.kind for i in app.state.store.inputs(ex)] == ["start"]
    # Without Origin or Referer (a script), the CSRF token decides.
    r = force.post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]}, csrf=False)
    assert (r.status_code, r.json()) == (403, {"reason": "csrf"})
    r = force.post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]},
                   headers={"origin": OWN})
    assert r.status_code == 200
    # Reading is not changing: a GET with another Origin is answered.
    assert force.http.get(f"/api/exercises/{ex}/state", headers=evil).status_code == 200


def test_pages_send_their_referrer_to_the_portal_only(app):
    r = User(app).http.get("/")
    assert r.headers["referrer-policy"] == "same-origin"
