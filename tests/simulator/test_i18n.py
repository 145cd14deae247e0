"""Fixed text from translators' catalogues: complete, with plurals and numbers as each
language writes them, and the languages those catalogues offer."""

import shutil

import pytest

from simulator import i18n, languages
from simulator.cli import main
from simulator.i18n import LANGUAGES, count, decimal, ntr, tr


def test_the_languages_are_english_and_those_with_a_catalogue():
    assert LANGUAGES == ("en", *languages.languages())
    assert "fr" in LANGUAGES


def test_every_catalogue_has_every_text_of_the_code_with_its_placeholders():
    assert languages.check() == []


def test_the_template_is_the_texts_of_the_code(tmp_path):
    """ttx.pot is extracted again by ``ttx languages --update``: a text added to the code
    and not to the template fails here."""
    from babel.messages.pofile import read_po

    with languages.TEMPLATE.open("rb") as f:
        written = {(m.id, m.context) for m in read_po(f) if m.id}
    assert written == {(m.id, m.context) for m in languages.extract() if m.id}


def test_a_missing_fuzzy_or_changed_translation_is_found(tmp_path, monkeypatch):
    folder = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE, folder)
    po = folder / "fr" / "LC_MESSAGES" / "ttx.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgstr "résultats écrits dans {path}"', 'msgstr ""')
    text = text.replace('msgstr "{path} : compilé"', 'msgstr "{chemin} : compilé"')
    text = text.replace('\nmsgid "every catalogue is complete"',
                        '\n#, fuzzy\nmsgid "every catalogue is complete"')
    po.write_text(text, encoding="utf-8")
    monkeypatch.setattr(languages, "LOCALE", folder)
    monkeypatch.setattr(languages, "catalogue_path",
                        lambda lang, suffix=".po": folder / lang / "LC_MESSAGES" / f"ttx{suffix}")
    assert sorted(map(str, languages.check())) == [
        "fr: fuzzy: 'every catalogue is complete'",
        "fr: missing: 'outputs written to {path}'",
        "fr: placeholders: '{path}: compiled'"]


def test_text_in_each_language():
    assert tr("outputs written to {path}", "fr", path="x") == "résultats écrits dans x"
    assert tr("outputs written to {path}", "en", path="x") == "outputs written to x"
    assert tr("a text no catalogue has", "fr") == "a text no catalogue has"


def test_plural_forms_follow_each_language():
    found = "{n} problem found", "{n} problems found"
    assert [ntr(*found, n, "en") for n in (0, 1, 2)] == [
        "0 problems found", "1 problem found", "2 problems found"]
    # French says 0 and 1 in the singular; Portuguese (pt_PT) 1 only.
    assert [ntr(*found, n, "fr") for n in (0, 1, 2, 1000)] == [
        "0 problème trouvé", "1 problème trouvé", "2 problèmes trouvés", "1000 problèmes trouvés"]
    assert [ntr(*found, n, "pt") for n in (0, 1, 2)] == [
        "0 problemas encontrados", "1 problema encontrado", "2 problemas encontrados"]


def test_no_text_hedges_its_number_or_gender_with_a_bracket():
    """A sentence says each number and gender in its own form ("1 tué, 2 blessés",
    "personnes survivantes"), never "tué(s)", "survivant(e)s", "lieu(x)" or "seed(s)"."""
    import re

    from babel.messages.pofile import read_po

    hedge = re.compile(r"(?<=[^\W\d_])\((?:s|e|a|x|es)\)")

    def texts(strings):
        return strings if isinstance(strings, tuple) else (strings,)

    hedged = [("en", text) for m in languages.extract() if m.id for text in texts(m.id)
              if hedge.search(text)]
    for lang in languages.languages():
        with i18n.catalogue_path(lang).open("rb") as f:
            catalogue = read_po(f, locale=lang)
        hedged += [(lang, text) for m in catalogue if m.id for text in texts(m.string)
                   if text and hedge.search(text)]
    assert hedged == []
    assert hedge.search("détenu(s)") and hedge.search("connu(e)s") and hedge.search("lieu(x)")
    assert not hedge.search("(s) après un chiffre : 2(s)") and not hedge.search("f (x)")


def test_numbers_are_written_as_each_language_writes_them():
    assert count(34179.1) == "34,179" and count(7) == "7" and count(1234567.5) == "1,234,568"
    assert count(34179.1, "fr") == "34\u202f179"  # a narrow no-break space
    # The catalogue's Language header gives the convention: Portuguese as written in
    # Guinea-Bissau and Cabo Verde (pt_PT) groups with a no-break space.
    assert i18n.number_locale("pt") == "pt_PT" and count(34179.1, "pt") == "34\u00a0179"
    assert [decimal(0.685, lang) for lang in ("en", "fr", "pt")] == ["0.69", "0,69", "0,69"]
    assert decimal(1234.25, "pt", 1) == "1\u00a0234,2" and decimal(-0.5, "en") == "-0.50"
    from simulator.interop.msel_read import _plain_number
    assert [_plain_number(w, lang) for w, lang in (("1,234.5", "en"), ("1\u202f234,5", "fr"),
                                                   ("1 234,5", "pt"))] == ["1234.5"] * 3


def test_an_edited_catalogue_is_read_without_compiling(tmp_path, monkeypatch):
    """A .po newer than its .mo (or without one) is compiled in memory: a translator's edit
    shows at once."""
    folder = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE, folder)
    po = folder / "fr" / "LC_MESSAGES" / "ttx.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "résultats écrits dans {path}"', 'msgstr "sorties écrites dans {path}"'),
        encoding="utf-8")
    (folder / "fr" / "LC_MESSAGES" / "ttx.mo").unlink(missing_ok=True)
    monkeypatch.setattr(i18n, "LOCALE", folder)
    i18n.translations.cache_clear()
    try:
        assert tr("outputs written to {path}", "fr", path="x") == "sorties écrites dans x"
    finally:
        i18n.translations.cache_clear()


@pytest.mark.parametrize("lang, heading", [("en", "fr:"), ("fr", "fr :")])
def test_ttx_languages_shows_what_each_language_covers(lang, heading, capsys):
    assert main(["--lang", lang, "languages"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] in ("en:", "en :") and heading in out
    covered = out[out.index(heading) + 1:]
    covered = covered[:next((k for k, line in enumerate(covered) if not line.startswith("  ")),
                            len(covered))]  # up to the next language
    assert any(line.startswith(("  interface, debrief: ", "  interface, debrief : "))
               for line in covered)
    scenarios = [line for line in covered if "flood-season" in line]
    assert scenarios == (["  scenario flood-season: 207 of 207 texts"] if lang == "en" else
                         ["  scénario flood-season : 207 textes sur 207"])


def test_ttx_languages_check_and_compile(tmp_path, capsys):
    assert main(["languages", "--check"]) == 0
    assert capsys.readouterr().out == "every catalogue is complete\n"


def test_a_text_is_known_translated_only_where_its_catalogue_has_it():
    from simulator.i18n import has_translation
    assert has_translation("Observers", "pt") and has_translation("Observers", "en")
    assert not has_translation("A text no catalogue has", "fr")
    assert has_translation("A text no catalogue has", "en")  # the code's own language
