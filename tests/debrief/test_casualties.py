"""Deaths and injuries by cause: every kind of event that reports harm has its cause in
the report's words, in both languages, so no run's report fails for want of one."""

import pytest

from debrief.report import CAUSES, HARM_EVENTS, casualties_by_cause
from debrief.rundata import RunData
from simulator.i18n import tr


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_harmful_event_has_its_cause_in_words(lang):
    missing = [k for k in HARM_EVENTS if k not in CAUSES
               or lang != "en" and tr(CAUSES[k], lang) == CAUSES[k]]
    assert missing == []
    assert {"intercommunal_clash", "crowd_incident"} <= set(HARM_EVENTS)


def test_clashes_and_crowd_incidents_are_causes_of_their_own():
    events = [{"id": "e000001", "type": "intercommunal_clash", "turn": 2, "hour": 14.0,
               "cause": "rule:intercommunal_tension", "location": "v", "deaths": 3,
               "injuries": 9},
              {"id": "e000002", "type": "crowd_incident", "turn": 3, "hour": 30.0,
               "cause": "inject:market", "location": "v", "deaths": 1, "injuries": 20}]
    rows = casualties_by_cause(RunData(events, [], {"outcomes": {}}, [], []))
    assert [(r["cause"], r["deaths"], r["injuries"]) for r in rows] == [
        ("intercommunal_clash", 3, 9), ("crowd_incident", 1, 20)]
