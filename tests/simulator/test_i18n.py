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
