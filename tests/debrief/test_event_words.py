"""The values events carry, in words: the debrief's own French where other parts say it otherwise."""

from debrief.words import event_value


def test_event_values_keep_the_debriefs_french_beside_the_portals():
    assert [event_value(v, "fr") for v in ("shelter", "fuel", "rations", "transport", "met")] \
        == ["abri", "carburant", "rations", "transport", "atteinte"]
    assert [event_value(v, "en") for v in ("shelter", "fuel", "escort", "negotiated_access")] \
        == ["shelter", "fuel", "escorted", "access negotiated"]


def test_a_value_without_words_is_shown_as_written_or_as_the_default():
    assert event_value("hold_position", "fr") == "hold position"
    assert event_value("hold_position", "fr", "hold_position") == "hold_position"
    assert event_value(None, "en", "–") == "–"
