"""A join never silently replaces a signed-in session of someone else: the API answers
409 signed_in_elsewhere unless told to replace it, the form asks first; a replaced
session ends in the store. Joining again as the same person just signs in."""

from __future__ import annotations

import html
import re

from tests.portal.conftest import User

COOKIE = "ttx_session"


def joined(app, code: str) -> User:
    """A browser that joined through the form (its cookie jar keeps the session)."""
    browser = User(app)
    assert browser.http.post("/join", data={"code": code}).status_code == 303
    return browser


def sessions(app) -> list[tuple]:
    return [tuple(r) for r in app.state.store.read("SELECT role, team FROM session "
                                                   "WHERE role != 'instructor' ORDER BY role")]


def test_the_api_asks_before_replacing_and_ends_the_replaced_session(app, made, teams):
    force, ex = teams["force"], made["id"]
    old = force.http.cookies[COOKIE]
    r = force.http.post("/api/join", json={"code": made["codes"]["teams"]["police"]})
    assert (r.status_code, r.json()) == (409, {"reason": "signed_in_elsewhere", "role": "team",
                                               "team": "force", "exercise": ex})
    assert force.http.cookies[COOKIE] == old and app.state.store.session(old)["team"] == "force"
    r = force.http.post("/api/join", json={"code": made["codes"]["teams"]["police"],
                                           "replace": True})
    assert r.status_code == 200 and r.json()["team"] == "police"
    assert force.http.cookies[COOKIE] != old
    assert app.state.store.session(old) is None  # ended in the store, not only in the browser
    assert app.state.store.session(force.http.cookies[COOKIE])["team"] == "police"


def test_joining_again_as_the_same_person_just_signs_in(app, made, teams):
    force = teams["force"]
    old = force.http.cookies[COOKIE]
    r = force.http.post("/api/join", json={"code": made["codes"]["teams"]["force"]})
    assert r.status_code == 200 and r.json()["team"] == "force"
    assert app.state.store.session(old) is None
    assert sessions(app).count(("team", "force")) == 1
    browser = joined(app, made["codes"]["evaluator"])
    r = browser.http.post("/join", data={"code": made["codes"]["evaluator"]})
    assert (r.status_code, r.headers["location"]) == (303, "/evaluator")


def test_an_ended_or_unknown_session_is_no_reason_to_ask(app, made, teams):
    force = teams["force"]
    force.form("/logout")
    r = force.http.post("/api/join", json={"code": made["codes"]["teams"]["police"]})
    assert r.status_code == 200 and r.json()["team"] == "police"
    stranger = User(app)
    stranger.http.cookies.set(COOKIE, "made-up")
    assert stranger.http.post("/join", data={"code": made["codes"]["evaluator"]}).status_code == 303


def test_the_form_asks_first_without_the_code_in_the_page(app, made):
    browser = joined(app, made["codes"]["teams"]["force"])
    old = browser.http.cookies[COOKIE]
    code = made["codes"]["evaluator"]
    browser.http.cookies.set("ttx_lang", "en")
    page = browser.http.post("/join", data={"code": code})
    assert page.status_code == 409 and page.headers["cache-control"] == "no-store"
    assert "You are signed in as Team · Force of the exercise “Delta 1”. Join as Evaluator " \
           "of the exercise “Delta 1” instead?" in page.text
    assert code not in page.text and code.replace("-", "") not in page.text
    assert 'href="/team"' in page.text  # stay as before
    assert app.state.store.session(old)["team"] == "force"  # nothing changed yet
    pending = re.search(r'name="pending" value="([^"]+)"', page.text).group(1)
    r = browser.http.post("/join/confirm", data={"pending": pending})
    assert (r.status_code, r.headers["location"]) == (303, "/evaluator")
    assert app.state.store.session(old) is None
    assert app.state.store.session(browser.http.cookies[COOKIE])["role"] == "evaluator"
    again = browser.http.post("/join/confirm", data={"pending": pending})  # used once
    assert again.status_code == 409 and "type the code again" in again.text


def test_the_question_in_french(app, made):
    browser = joined(app, made["codes"]["teams"]["force"])
    browser.http.cookies.set("ttx_lang", "fr")
    page = browser.http.post("/join", data={"code": made["codes"]["teams"]["police"]})
    assert "Vous êtes connecté comme Équipe · Force de l'exercice « Delta 1 ». Rejoindre " \
           "plutôt comme Équipe · Police de l'exercice « Delta 1 » ?" in html.unescape(page.text)


def test_a_pending_join_works_only_for_the_browser_it_was_made_for(app, made, instructor):
    browser = joined(app, made["codes"]["teams"]["force"])
    page = browser.http.post("/join", data={"code": made["codes"]["evaluator"]})
    pending = re.search(r'name="pending" value="([^"]+)"', page.text).group(1)
    other = joined(app, made["codes"]["teams"]["police"])  # another browser, another session
    r = other.http.post("/join/confirm", data={"pending": pending})
    assert r.status_code == 409 and app.state.store.session(other.http.cookies[COOKIE])
    assert User(app).http.post("/join/confirm", data={"pending": pending}).status_code == 409
    assert browser.http.post("/join/confirm", data={"pending": "made-up"}).status_code == 409
    assert sessions(app) == [("team", "force"), ("team", "police")]  # no evaluator joined


def test_a_code_revoked_while_the_question_waits_does_not_join(app, made, instructor):
    browser = joined(app, made["codes"]["teams"]["force"])
    page = browser.http.post("/join", data={"code": made["codes"]["teams"]["police"]})
    pending = re.search(r'name="pending" value="([^"]+)"', page.text).group(1)
    with app.state.store.write() as db:  # the police code stops working meanwhile
        db.execute("DELETE FROM credential WHERE team = 'police'")
    r = browser.http.post("/join/confirm", data={"pending": pending})
    assert r.status_code == 409 and "type the code again" in r.text
    assert sessions(app) == [("team", "force")]  # still signed in as before


def test_the_instructor_is_asked_too(app, made, instructor):
    r = instructor.http.post("/api/join", json={"code": made["codes"]["teams"]["force"]})
    assert (r.status_code, r.json()["reason"], r.json()["role"]) == \
        (409, "signed_in_elsewhere", "instructor")
    assert instructor.http.get("/instructor").status_code == 200  # still the instructor
