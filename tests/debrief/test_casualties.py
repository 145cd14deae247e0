"""Deaths and injuries by cause: every kind of event that reports harm has its cause in
the report's words, in both languages, so no run's report fails for want of one."""

import pytest

from debrief.i18n import TEXT
from debrief.report import HARM_EVENTS, casualties_by_cause
from debrief.rundata import RunData


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_harmful_event_has_its_cause_in_words(lang):
    missing = [k for k in HARM_EVENTS if f"cause_{k}" not in TEXT[lang]]
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
