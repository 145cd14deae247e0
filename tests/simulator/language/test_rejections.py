"""Why a decision was refused, in English and in French (from the catalogue)."""

from simulator.language.rejections import explain


def test_a_refusal_says_the_ways_of_travelling_in_each_language():
    args = {"unit": "u1", "modes": ["road", "boat"], "place": "p9"}
    names = {"u1": "B Company", "p9": "Kidal"}.get
    assert explain("unit_no_way", args, "en", names) == (
        "unit B Company travels by road or boat: no route by road or boat joins its place "
        "to Kidal")
    assert explain("unit_no_way", args, "fr", names) == (
        "l'unité B Company se déplace par la route ou en bateau : aucun itinéraire par la "
        "route ou en bateau ne relie sa position à Kidal")


def test_a_refused_value_names_what_was_expected_and_the_kind_of_entity():
    bad = {"param": "open", "expected": {"as": "bool"}, "value": 3}
    assert explain("bad_value", bad, "en") == "parameter 'open': expected true or false, got 3"
    assert explain("bad_value", bad, "fr") == (
        "paramètre 'open' : on attendait vrai ou faux (true ou false), et non 3")
    unknown = {"param": "to", "kind": "location", "value": "x", "known": ["a", "b"]}
    assert explain("unknown_entity", unknown, "en") == (
        "parameter 'to': unknown location 'x' (known: a, b)")
    assert explain("unknown_entity", unknown, "fr") == (
        "paramètre 'to' : lieu inconnu 'x' (valeurs connues : a, b)")
    assert explain("unknown_entity", unknown, "pt") == (
        "parâmetro 'to': local desconhecido 'x' (valores conhecidos: a, b)")
    # Each kind its own noun phrase, the adjective in the gender of the noun.
    names = {"to": "to", "x": "Tank", "a": "A", "b": "B"}.get
    said = [explain("unknown_entity", {**unknown, "kind": "unit"}, lang, names)
            for lang in ("en", "fr", "pt")]
    assert said == ["parameter to: unknown unit Tank (known: A, B)",
                    "paramètre to : unité inconnue Tank (valeurs connues : A, B)",
                    "parâmetro to: unidade desconhecida Tank (valores conhecidos: A, B)"]
    assert explain("unknown_entity", unknown, "en", names) == (
        "parameter to: unknown place Tank (known: A, B)")
    from simulator.language.rejections import UNKNOWN
    from simulator.language.values import ENTITY_PARAMS
    assert set(UNKNOWN) == set(ENTITY_PARAMS)  # every kind a parameter may name
    assert explain("unknown_entity", unknown, "xx").startswith("parameter 'to'")  # no catalogue
