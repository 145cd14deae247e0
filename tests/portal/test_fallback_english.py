"""An exercise in a language its scenario lacks a text in: refused (422, saying how to
choose otherwise), or, by the instructor's choice stored with the exercise, played with
the missing text in English, marked, on its pages."""

from __future__ import annotations

import re

import pytest

from tests.conftest import with_language
from tests.portal.conftest import SCENARIO, User, command

PATROL_NAME = ("actions", 0, "name")  # "Patrol": the one text left without its xx


@pytest.fixture
def short(extra_language):
    """The portal tests' scenario in xx but for the name of the patrol action."""
    return with_language(SCENARIO, extra_language, (PATROL_NAME,))


REFUSED = ("mini is written in xx for {done} of its {total} texts: choose a language it is "
           "written in (en, fr); or {how}: each text not written in xx is then shown in "
           "English, marked [EN]")


def test_the_api_refuses_it_unless_the_instructor_chooses_english_for_what_is_missing(
        app, instructor, short):
    store = app.state.store
    body = {"name": "Delta xx", "scenario_text": short, "seed": 3, "lang": "xx", "bots": {}}
    r = instructor.post("/api/exercises", body)
    assert r.status_code == 422
    assert r.json()["detail"] == REFUSED.format(done=18, total=19,
                                                how='send "fallback_english": true')
    assert store.exercises() == []
    r = instructor.post("/api/exercises", {**body, "fallback_english": True})
    assert r.status_code == 201, r.text
    assert store.fallback_english(r.json()["id"])
    plain = instructor.post("/api/exercises", {**body, "lang": "fr"})  # written in French
    assert plain.status_code == 201 and not store.fallback_english(plain.json()["id"])


def test_the_form_offers_the_choice_and_the_exercise_shows_the_mark(app, instructor, short):
    store = app.state.store
    fields = {"csrf": instructor.csrf, "name": "Upload", "seed": "2", "lang": "xx",
              "scenario": ""}
    upload = {"upload": ("mini.yaml", short.encode())}
    page = instructor.get("/instructor/new").text
    assert 'name="fallback_english" value="yes"' in page
    r = instructor.http.post("/instructor/new", data=fields, files=upload)
    assert r.status_code == 422
    how = "choose “Show the texts the scenario lacks in this language in English, marked [EN]”"
    assert REFUSED.format(done=18, total=19, how=how) in r.text.replace("&#34;", '"')
    assert store.exercises() == []

    r = instructor.http.post("/instructor/new", data={**fields, "fallback_english": "yes"},
                             files=upload)
    assert r.status_code == 200, r.text
    assert '<input type="hidden" name="fallback_english" value="yes">' in r.text
    draft = re.search(r'name="draft" value="([^"]+)"', r.text).group(1)
    r = instructor.form("/instructor/exercises", {"draft": draft, "name": "Upload", "seed": "2",
                                                  "lang": "xx", "fallback_english": "yes"})
    assert r.status_code == 200
    ex = store.exercises()[-1]["id"]
    assert store.fallback_english(ex) and store.exercise(ex)["lang"] == "xx"

    codes = re.findall(r'<p class="code">([A-Z2-7-]+)</p>', r.text)
    command(instructor, ex, "start")
    force = User(app, codes[0])
    assert force.me["team"] == "force"
    page = force.get("/team", lang="xx").text
    assert "[EN] Patrol" in page  # the text missing in xx
    assert "XX Share information" in page and "[EN] Share" not in page
    assert page.count("[EN]") == page.count("[EN] Patrol")
    assert "[EN]" not in force.get("/team", lang="fr").text  # written in French: no mark


def test_a_practice_offer_takes_the_choice_to_its_exercises(app, instructor, short):
    store = app.state.store
    offer = {"name": "xx practice", "scenario_text": short, "team": "force", "seed": 3,
             "lang": "xx"}
    r = instructor.post("/api/practice", offer)
    assert r.status_code == 422
    assert r.json()["detail"] == REFUSED.format(done=18, total=19,
                                                how='send "fallback_english": true')
    r = instructor.post("/api/practice", {**offer, "fallback_english": True})
    assert r.status_code == 201, r.text
    teams = {"force": None, "police": "doctrine", "civilian": "doctrine",
             "humanitarian": "doctrine"}
    ex = store.create_practice(r.json()["id"], teams, "203.0.113.9")
    assert store.fallback_english(ex)


def test_a_text_written_out_per_language_shows_english_marked_where_it_lacks_one():
    """A record's texts arrive as {"en": ..., "fr": ...} (a framework without Portuguese)."""
    from simulator.portal.render import said

    name = {"en": "Human rights", "fr": "Droits de l'homme"}
    assert [said(name, lang) for lang in ("en", "fr", "pt")] == [
        "Human rights", "Droits de l'homme", "[EN] Human rights"]
    assert said({**name, "pt": "Direitos humanos"}, "pt") == "Direitos humanos"
