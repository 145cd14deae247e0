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


def test_counted_event_sentences_take_the_plural_of_their_language():
    from debrief.words import Words
    from simulator.language.validation import load_scenario

    scenario = load_scenario("scenarios/flood-season.yaml")
    team = scenario.teams[0].id
    said = {lang: [Words(scenario, lang).what({"type": "information_shared", "team": team,
                                                 "to": team, "facts": n}) for n in (0, 1, 2)]
            for lang in ("en", "fr")}
    name = Words(scenario, "en").name(team)
    assert said["en"] == [f"{name} shared 0 facts with {name}", f"{name} shared 1 fact with {name}",
                          f"{name} shared 2 facts with {name}"]
    assert [s.split(" a transmis ")[1].split(" à ")[0] for s in said["fr"]] == \
        ["0 information", "1 information", "2 informations"]
    found = Words(scenario, "fr").what({"type": "investigation", "team": team,
                                        "incidents_found": ["e1", "e2"]})
    assert found.endswith(": 2 incidents trouvés")
    # A list counts by its length: one team warned, or two.
    alert = {"type": "tension_alert", "location": "dalou", "tension": 0.8}
    pt = Words(scenario, "pt")
    assert pt.what({**alert, "teams": [team]}).endswith(": Força (componente militar) alertada")
    assert pt.what({**alert, "teams": [team, "police"]}).endswith("alertadas")
