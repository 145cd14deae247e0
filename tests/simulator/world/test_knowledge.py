"""Fog of war: a team's report holds only what its own sources told it, until shared."""

from simulator.play.decisions import Decision
from simulator.play.exercise import Exercise


def test_report_lacks_other_teams_private_knowledge_until_shared(mini):
    ex = Exercise(mini, seed=3)
    reports = ex.reset()
    assert reports["force"]["threats"] and not reports["humanitarian"]["threats"]
    reports = ex.step([Decision(1, "humanitarian", "assess", {"location": "town"})])
    assert [n["location"] for n in reports["humanitarian"]["needs"]] == ["town"]
    assert reports["force"]["needs"] == []
    reports = ex.step([Decision(2, "humanitarian", "share", {"to": "force"})])
    (need,) = reports["force"]["needs"]
    assert need["location"] == "town" and need["shared_by"] == "humanitarian"
    assert reports["police"]["needs"] == []


def test_units_observe_only_where_they_are(mini):
    ex = Exercise(mini, seed=3)
    ex.reset()
    reports = ex.step({})
    seen = {o["location"] for o in reports["force"]["observations"]}
    assert seen == {"base"}  # coy_a and heli at the base
    assert {o["location"] for o in reports["police"]["observations"]} == {"town"}
    assert reports["civilian"]["observations"] == []  # no units, no own-unit source


def test_report_lists_only_own_assets(mini):
    reports = Exercise(mini, seed=3).reset()
    assert [u["id"] for u in reports["force"]["units"]] == ["coy_a", "heli"]
    assert reports["force"]["agencies"] == []
    assert [a["id"] for a in reports["humanitarian"]["agencies"]] == ["wfp"]


def test_shared_source_required_to_receive(mini):
    teams = [t.model_copy(update={"sources": ["messages"]}) if t.id == "police" else t
             for t in mini.teams]
    ex = Exercise(mini.model_copy(update={"teams": teams}), seed=3)
    ex.reset()
    assert ex.model.knowledge.share("force", "police", 1) == 0
    assert ex.model.knowledge.share("force", "civilian", 1) == 2  # the message and the threat
