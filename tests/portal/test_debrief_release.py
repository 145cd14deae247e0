"""The debrief released to the teams by the instructor: stored, kept across a restart."""

from __future__ import annotations

import json
import re

import pytest

from simulator.portal import create_app
from simulator.portal.debrief import run_folder
from tests.portal.conftest import PATROL, User, command


def main_of(html: str) -> str:
    return html.split("<main>", 1)[1].split("</main>", 1)[0]


@pytest.mark.slow  # long: started first, so the workers finish together
def test_teams_see_their_debrief_once_released_and_after_a_restart(app, made, teams,
                                                                   instructor, evaluator):
    ex = made["id"]
    force, police = teams["force"], teams["police"]
    command(instructor, ex, "start")
    force.post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]})
    r = instructor.post(f"/api/exercises/{ex}/release")  # not before the end
    assert r.status_code == 409 and r.json()["reason"] == "not_finished"
    for name in ("close", "open", "close", "open", "close", "open", "close"):
        command(instructor, ex, name)
    why = "The patrol left the village before the raid came."
    assert evaluator.form("/evaluator/overrides", {"task": "ct-presence", "rating": "U",
                                                   "justification": why}).status_code == 303
    # Before the release: a clear message on the team page, 409 (not 404) for the report.
    page = main_of(force.get("/team", lang="en").text)
    assert "Your debrief is not released yet" in page and "Read the whole report" not in page
    assert "pas encore publié" in main_of(force.get("/team", lang="fr").text)
    r = force.get(f"/exercises/{ex}/debrief", lang="en")
    assert r.status_code == 409 and "not released to the teams yet" in r.text
    assert teams["force"].form(f"/instructor/exercises/{ex}/release").status_code == 403
    console = instructor.get(f"/instructor/exercises/{ex}", lang="en").text
    assert "Release the debrief to the teams" in console
    assert instructor.form(f"/instructor/exercises/{ex}/release").status_code == 303
    assert instructor.form(f"/instructor/exercises/{ex}/release").status_code == 303  # twice
    assert [i.kind for i in app.state.store.inputs(ex)].count("release") == 1
    assert "The debrief is released to the teams." in \
        instructor.get(f"/instructor/exercises/{ex}").text

    # A new server on the same database: the release is still there.
    app = create_app(app.state.store.path)
    again = User(app)
    again.http.cookies = force.http.cookies
    page = main_of(again.get("/team", lang="en").text)
    assert "Your debrief" in page and "not released" not in page
    row = re.search(r"<tr><td>Presence before the raid.*?</tr>", page, re.S).group(0)
    draft, final = re.findall(r'class="rating r([PSMU])"', row)
    assert (draft, final) == ("M", "U")  # 21 deaths at the village; the evaluators' U
    assert why in row and "Protect the village" in row
    assert f'href="/exercises/{ex}/debrief"' in page
    assert again.get(f"/exercises/{ex}/debrief", lang="en").status_code == 200
    # The same ratings as the report's.
    data = json.loads((run_folder(app.state.store, ex) / "debrief-en" / "debrief.json")
                      .read_text())
    (task,) = data["objectives"][0]["tasks"]
    assert (task["draft"], task["final"]) == (draft, final)
    assert "Présence avant le raid" in main_of(again.get("/team", lang="fr").text)
    # The police team has no critical task of its own: it is told so.
    other = User(app)
    other.http.cookies = police.http.cookies
    assert "No critical task of the scenario is your team" in \
        main_of(other.get("/team", lang="en").text)
