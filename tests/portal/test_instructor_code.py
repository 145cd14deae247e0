"""One instructor code per database: made and shown on the first start only, kept (and not
shown) on later starts, replaced by `ttx serve --new-instructor-code` or from the portal;
a replaced code and every session opened with it stop working."""

from __future__ import annotations

import re

import pytest

from simulator.classroom.store import Store, digest
from tests.portal.conftest import TestClient, User
from tests.portal.serve_cli import dry_serve

CODE = re.compile(r"[A-Z2-7]{5}(?:-[A-Z2-7]{1,5}){5}")


def instructor_rows(store: Store) -> int:
    return store.read("SELECT COUNT(*) AS n FROM credential WHERE role = 'instructor'")[0]["n"]


def test_the_store_makes_one_code_and_a_new_one_revokes_the_old_and_its_sessions(tmp_path):
    store = Store(tmp_path / "ttx.db")
    first = store.first_instructor_code()
    assert CODE.fullmatch(first) and store.first_instructor_code() is None
    assert instructor_rows(store) == 1
    stored = store.read("SELECT hash FROM credential WHERE role = 'instructor'")[0]["hash"]
    assert stored == digest(first) and first not in stored  # the hash only
    old_session, _ = store.open_session(store.credential(first))
    team_session, _ = store.open_session({"exercise": 1, "role": "team", "team": "force"})
    second = store.new_instructor_code()
    assert second != first and instructor_rows(store) == 1
    assert store.credential(first) is None and store.credential(second) is not None
    assert store.session(old_session) is None
    assert store.session(team_session) is not None  # teams are not the instructor's to end


def test_a_database_with_several_instructor_codes_keeps_them_until_a_new_one(tmp_path):
    """Before one code per database, each start added one: they all go on working until
    the first new code, which ends them all."""
    store = Store(tmp_path / "ttx.db")
    olds = [store.add_credential("instructor") for _ in range(3)]
    assert store.first_instructor_code() is None
    assert all(store.credential(c) for c in olds)
    new = store.new_instructor_code()
    assert not any(store.credential(c) for c in olds) and store.credential(new)


def test_serve_shows_the_code_on_the_first_start_only(tmp_path, monkeypatch, capsys):
    db = str(tmp_path / "ttx.db")
    first = dry_serve(monkeypatch, capsys, "--db", db)
    assert first.code == 0
    code = first.line("instructor code: ")
    assert CODE.fullmatch(code)
    again = dry_serve(monkeypatch, capsys, "--db", db)
    assert again.code == 0 and again.line("instructor code: ") is None
    assert not CODE.search(again.out)
    assert again.out.splitlines()[0].startswith("the instructor code is unchanged")
    assert "--new-instructor-code" in again.out.splitlines()[0]
    browser = TestClient(again.app, base_url="http://127.0.0.1")
    assert browser.post("/api/join", json={"code": code}).json()["role"] == "instructor"
    fr = dry_serve(monkeypatch, capsys, "--db", db, "--lang", "fr")
    assert fr.out.startswith("le code instructeur n'a pas changé")


@pytest.mark.slow
def test_new_instructor_code_at_start_ends_the_old_code_and_its_sessions(tmp_path, monkeypatch,
                                                                        capsys):
    """Three starts on one database: the code of the first works after a restart without
    the flag; a start with --new-instructor-code prints a new one, and the old code and the
    sessions opened with it get 401."""
    db = str(tmp_path / "ttx.db")
    first = dry_serve(monkeypatch, capsys, "--db", db).line("instructor code: ")
    before = TestClient(dry_serve(monkeypatch, capsys, "--db", db).app,
                        base_url="http://127.0.0.1")
    assert before.post("/api/join", json={"code": first}).status_code == 200
    assert before.get("/api/courses").status_code == 200
    rotated = dry_serve(monkeypatch, capsys, "--db", db, "--new-instructor-code")
    new = rotated.line("instructor code: ")
    assert CODE.fullmatch(new) and new != first
    assert rotated.out.splitlines()[1].startswith("the previous instructor code no longer works")
    after = TestClient(rotated.app, base_url="http://127.0.0.1", cookies=before.cookies)
    r = after.get("/api/courses")
    assert (r.status_code, r.json()) == (401, {"reason": "no_session"})
    r = after.post("/api/join", json={"code": first})
    assert (r.status_code, r.json()) == (401, {"reason": "unknown_code"})
    assert after.post("/api/join", json={"code": new}).json()["role"] == "instructor"


def test_the_portal_makes_a_new_code_after_a_confirmation(app):
    store = app.state.store
    old = store.first_instructor_code()
    me, other = User(app, old), User(app, old)
    r = me.form("/instructor/code", {})  # the box not ticked
    assert r.status_code == 422 and "Tick the box to confirm" in r.text
    assert store.credential(old) is not None
    assert me.form("/instructor/code", {"confirm": "yes"}, csrf=False).status_code == 403
    assert store.credential(old) is not None
    r = me.form("/instructor/code", {"confirm": "yes"})
    assert r.status_code == 200 and "shown only now" in r.text
    assert r.headers["cache-control"] == "no-store"
    new = CODE.search(r.text).group(0)
    assert new != old and store.credential(new) is not None and store.credential(old) is None
    assert me.get("/instructor").status_code == 200  # the one who asked stays signed in
    r = other.get("/api/courses")
    assert (r.status_code, r.json()) == (401, {"reason": "no_session"})  # every other: out
    assert other.http.post("/api/join", json={"code": old}).status_code == 401
    assert User(app, new).me["role"] == "instructor"


def test_the_exercises_page_offers_a_new_instructor_code(app, instructor):
    page = instructor.get("/instructor", lang="fr").text
    assert 'action="/instructor/code"' in page and 'name="confirm"' in page
    assert "Nouveau code instructeur" in page


def test_only_the_instructor_makes_a_new_instructor_code(app, made):
    team = User(app, made["codes"]["teams"]["force"])
    assert team.form("/instructor/code", {"confirm": "yes"}).status_code == 403
