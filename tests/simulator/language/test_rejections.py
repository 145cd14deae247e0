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
        "paramètre 'open' : vrai ou faux (true ou false) attendu(e), reçu 3")
    unknown = {"param": "to", "kind": "location", "value": "x", "known": ["a", "b"]}
    assert explain("unknown_entity", unknown, "en") == (
        "parameter 'to': unknown location 'x' (known: a, b)")
    assert explain("unknown_entity", unknown, "fr") == (
        "paramètre 'to' : lieu inconnu(e) 'x' (connu(e)s : a, b)")
    assert explain("unknown_entity", unknown, "pt") == (
        "parâmetro 'to': local 'x' desconhecido(a) (valores conhecidos: a, b)")
    assert explain("unknown_entity", unknown, "xx").startswith("parameter 'to'")  # no catalogue
