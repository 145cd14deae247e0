"""Every fixed user-facing text exists in English and French."""

import string

from simulator.i18n import LANGUAGES, MESSAGES, t


def test_every_key_in_every_language_with_the_same_placeholders():
    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
    for key, entry in MESSAGES.items():
        assert set(entry) == set(LANGUAGES), key
        assert fields(entry["en"]) == fields(entry["fr"]), key


def test_format_and_fallback():
    assert t("wrote", "fr", path="x") == "résultats écrits dans x"
    assert t("wrote", "pt", path="x") == "outputs written to x"


def test_counts_are_whole_numbers_with_thousands_grouped():
    from simulator.i18n import count
    assert count(34179.1) == "34,179" and count(7) == "7" and count(1234567.5) == "1,234,568"
    assert count(34179.1, "fr") == "34\u202f179"
