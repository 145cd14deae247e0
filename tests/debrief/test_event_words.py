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


def test_an_event_with_several_counts_says_each_in_its_own_plural():
    from debrief.words import Words
    from simulator.language.validation import load_scenario

    scenario = load_scenario("scenarios/flood-season.yaml")
    group = scenario.actors.armed_groups[0].id
    place = scenario.map.locations[0].id
    attack = {"type": "attack", "armed_group": group, "location": place, "tactic": "raid"}
    said = {lang: [Words(scenario, lang).what({**attack, "deaths": d, "injuries": i})
                   .split(": ")[-1].split(" : ")[-1] for d, i in ((1, 2), (2, 1), (0, 0))]
            for lang in ("en", "fr", "pt")}
    assert said == {"en": ["1 killed, 2 injured", "2 killed, 1 injured", "0 killed, 0 injured"],
                    "fr": ["1 tué, 2 blessés", "2 tués, 1 blessé", "0 tué, 0 blessé"],
                    "pt": ["1 morto, 2 feridos", "2 mortos, 1 ferido", "0 mortos, 0 feridos"]}
    # One count decides a sentence's form; a person is said without a hedged gender.
    team = scenario.teams[0].id
    medevac = {"type": "medevac", "team": team, "unit": "x", "location": place}
    fr = Words(scenario, "fr")
    assert [fr.what({**medevac, "injured_treated": n}).split(" a évacué ")[1].split(" de ")[0]
            for n in (1, 3)] == ["1 personne blessée", "3 personnes blessées"]
    warning = {"type": "warning", "team": team, "location": place}
    assert [Words(scenario, "pt").what({**warning, "reached": n}).split("(")[-1]
            for n in (1, 40)] == ["1 pessoa alcançada)", "40 pessoas alcançadas)"]
    referred = {"type": "sgbv_referred", "location": place, "cases": 2}
    assert fr.what(referred).startswith("2 personnes survivantes de violences sexuelles")
