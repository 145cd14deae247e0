"""Maps: a team's picture holds only what its reports told it; the ground truth, the world."""

from __future__ import annotations

import re

import pytest

from simulator.portal.maps import team_picture, truth_picture
from tests.portal.conftest import PATROL, SCENARIO, User, command, new_exercise

ASSESS = {"action": "assess", "params": {"location": "village"}}


@pytest.fixture
def two_turns(app, made, teams, instructor):
    """Force patrols the village and the humanitarians assess it in turn 1; turn 3 is open
    (the raid struck the village in turn 2)."""
    ex = made["id"]
    command(instructor, ex, "start")
    teams["force"].post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]})
    teams["humanitarian"].post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [ASSESS]})
    for name in ("close", "open", "close", "open"):
        command(instructor, ex, name)
    return app.state.registry.get(ex)


def test_a_teams_picture_is_what_its_reports_told_it(two_turns):
    live = two_turns
    hum = team_picture(live, "humanitarian", live.report("humanitarian"), "en")
    # Its assessment of turn 1, not today's count (1,133 after the raid); nothing elsewhere.
    assert hum == {"places": {"village": {"people": 1450, "displaced": 0}}, "threats": [],
                   "incidents": [], "closed_routes": [], "units": {}}
    force = team_picture(live, "force", live.report("force"), "fr")
    assert force["places"] == {"village": {"people": 1133, "displaced": 1},
                               "base": {"people": 29, "displaced": 29}}  # its units saw them
    assert (force["threats"], force["incidents"]) == (["village"], ["village"])
    assert force["units"] == {"village": ["A Company"], "base": ["Helicopter"]}
    police = team_picture(live, "police", live.report("police"), "en")
    assert set(police["places"]) == {"town"} and police["units"] == {"town": ["FPU"]}


def test_the_ground_truth_picture_is_the_world_now(two_turns):
    truth = truth_picture(two_turns, "en")
    assert truth["places"] == {"village": {"people": 1133, "displaced": 1},
                               "town": {"people": 3351, "displaced": 15},
                               "site": {"people": 81, "displaced": 81},
                               "base": {"people": 29, "displaced": 29}}
    assert (truth["threats"], truth["incidents"], truth["closed_routes"]) == \
        ([], ["village"], [])
    assert truth["units"] == {"village": ["A Company"], "base": ["Helicopter"], "town": ["FPU"]}


def test_closed_routes_and_planned_strikes_are_on_the_ground_truth(app, instructor):
    text = SCENARIO.replace("{from: town, to: site, distance_km: 10, flood_prone: true}",
                            "{from: town, to: site, distance_km: 10, condition: closed}")
    ex = new_exercise(instructor, text=text)["id"]
    command(instructor, ex, "start")
    truth = truth_picture(app.state.registry.get(ex), "en")
    assert truth["closed_routes"] == [["town", "site"]]
    assert truth["threats"] == ["village"]  # the band plans its raid for 18:00


def svg_of(html: str) -> str:
    (svg,) = re.findall(r"<svg.*?</svg>", html, re.S)
    return svg


def tips(svg: str) -> list[str]:
    return re.findall(r"<title>(.*?)</title>", svg)


def place_tip(svg: str, place: str) -> str:
    """The tooltip of a place (its numbers), not of its units."""
    (tip,) = [t for t in tips(svg) if t.startswith(place)
              and re.search(r"people|personnes|not known|inconnue", t)]
    return tip


def test_the_team_page_maps_what_the_team_knows_and_the_console_the_truth(two_turns, teams,
                                                                         instructor, evaluator,
                                                                         made):
    for lang, unknown, village in (("en", "not known", "1,450"), ("fr", "inconnue", "1\u202f450")):
        r = teams["humanitarian"].get("/team", lang=lang)
        assert "style-src 'self' 'unsafe-inline'" in r.headers["content-security-policy"]
        svg = svg_of(r.text)
        names = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
        assert {"Village", "Town", "Site", "Base"} <= set(names)  # the map, by name
        assert village in place_tip(svg, "Village")  # its own assessment of turn 1
        for place in ("Town", "Site", "Base"):  # no report there: no number
            tip = place_tip(svg, place)
            assert unknown in tip and not re.search(r"\d", tip)
        assert not re.search(r"1.133|3.351", svg)  # today's counts are not the team's
    for user, path in ((instructor, f"/instructor/exercises/{made['id']}"),
                       (evaluator, "/evaluator")):
        r = user.get(path, lang="en")
        svg = svg_of(r.text)
        assert "3,351" in place_tip(svg, "Town") and "1,133" in place_tip(svg, "Village")
        assert "Town: FPU" in tips(svg) and "Base: Helicopter" in tips(svg)
        assert "style-src 'self' 'unsafe-inline'" in r.headers["content-security-policy"]
    r = User(instructor.http.app).get("/")
    assert "<svg" not in r.text and "unsafe-inline" not in r.headers["content-security-policy"]
