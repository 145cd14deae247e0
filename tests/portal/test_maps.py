"""Maps: a team's picture holds only what its reports told it; the ground truth, the world."""

from __future__ import annotations

import pytest

from simulator.portal.maps import team_picture, truth_picture
from tests.portal.conftest import PATROL, command

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
