"""CSRF tokens are kept nowhere: each is an HMAC of its session token, which only the
browser has. A database of an older version, with tokens in clear, loses them on opening;
its sessions stay signed in and a page reload gives the new token."""

from __future__ import annotations

import re
import sqlite3

from simulator.classroom.store import Store, csrf_of
from simulator.portal import create_app
from tests.portal.conftest import PATROL, User, command


def test_the_store_keeps_no_csrf_token(app, made, tmp_path, teams, instructor):
    force = teams["force"]
    token = force.http.cookies["ttx_session"]
    assert force.csrf == csrf_of(token) and force.csrf != token
    assert app.state.store.read("SELECT DISTINCT csrf FROM session")[0]["csrf"] == ""
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("ttx.db*"))
    for user in (force, instructor):
        assert user.csrf.encode() not in raw
    command(instructor, made["id"], "start")
    r = force.post(f"/api/exercises/{made['id']}/submit", {"turn": 1, "decisions": [PATROL]})
    assert r.status_code == 200
    force.csrf = csrf_of(teams["police"].http.cookies["ttx_session"])  # another session's
    r = force.post(f"/api/exercises/{made['id']}/submit", {"turn": 1, "decisions": [PATROL]})
    assert (r.status_code, r.json()) == (403, {"reason": "csrf"})


def test_an_older_database_keeps_its_sessions_and_drops_tokens_in_clear(tmp_path):
    path = tmp_path / "ttx.db"
    store = Store(path)
    token, _ = store.open_session(store.credential(store.add_credential("instructor")))
    with sqlite3.connect(path) as db:  # as an older version stored it: the token in clear
        db.execute("UPDATE session SET csrf = 'old-token-in-clear'")
    app = create_app(path)  # the upgraded server opens it
    assert app.state.store.read("SELECT csrf FROM session")[0]["csrf"] == ""
    browser = User(app)
    browser.http.cookies.set("ttx_session", token)
    page = browser.get("/instructor")
    assert page.status_code == 200  # still signed in
    assert browser.form("/logout", {"csrf": "old-token-in-clear"}, csrf=False).status_code == 403
    fresh = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # the reloaded page
    assert fresh == csrf_of(token)
    assert browser.form("/logout", {"csrf": fresh}, csrf=False).status_code == 303
