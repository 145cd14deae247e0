"""Which languages a scenario is written in, said by `ttx validate`, and no exercise
played or reported in a language its scenario is not written in."""

import json

import pytest
from pydantic import ValidationError

from simulator import cli, i18n
from simulator.cli import main
from simulator.i18n import LANGUAGES
from simulator.language.coverage import coverage, covers, missing
from simulator.language.scenario import text
from simulator.language.validation import load_scenario, scenario_from_text
from simulator.language.yamlsafe import InputError
from tests.conftest import MINI, ROOT, with_language

FLOOD = ROOT / "scenarios" / "flood-season.yaml"


@pytest.fixture(scope="module")
def one_short():
    """The flood scenario with the Portuguese of its title left out."""
    text = FLOOD.read_text(encoding="utf-8")
    line = '    pt: "Época das cheias no Béli: inundações, deslocações e cólera na região de ' \
        'Dalou"\n'
    assert text.count(line) == 1
    return text.replace(line, "", 1)


def test_every_shipped_scenario_is_written_in_english_french_and_portuguese():
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        found = coverage(load_scenario(path))
        assert list(found) == ["en", "fr", "pt"], path
        assert len({total for _, total in found.values()}) == 1
        assert all(done == total for done, total in found.values()), path


def test_a_text_left_untranslated_is_counted(one_short):
    scenario = scenario_from_text(one_short)
    assert coverage(scenario) == {"en": (207, 207), "fr": (207, 207), "pt": (206, 207)}
    assert covers(scenario, "en") and covers(scenario, "fr") and not covers(scenario, "pt")


def test_validate_says_the_languages(one_short, tmp_path, capsys):
    assert main(["validate", str(FLOOD)]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == ["  languages: English, French, Portuguese"]
    (tmp_path / "short.yaml").write_text(one_short, encoding="utf-8")
    assert main(["--lang", "fr", "validate", str(tmp_path / "short.yaml")]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "  langues : anglais, français", "  portugais : 206 textes sur 207"]


WARNING = ("msel", 0, "message")  # mini.yaml's first inject: read by the force in turn 1


def test_a_scenario_may_be_written_in_any_language_with_a_catalogue(extra_language):
    scenario = scenario_from_text(with_language(MINI.read_text(), "xx"))
    assert covers(scenario, "xx")
    assert coverage(scenario)["xx"] == (15, 15)
    assert scenario.msel[0].message.get("xx") == "XX Armed men seen near the village."
    assert scenario.msel[0].message.languages() == ("en", "fr", "xx")
    assert text(scenario.msel[0].message, "xx") == "XX Armed men seen near the village."
    hash(scenario.msel[0].message)  # texts stay frozen, usable as keys
    with pytest.raises(ValidationError):
        scenario.msel[0].message.xx = "changed"


def test_a_language_without_a_catalogue_is_refused_where_it_is_written(extra_language):
    source = MINI.read_text().replace("fr: Mini exercice}", "fr: Mini exercice, xxx: Mini}")
    with pytest.raises(InputError) as refused:
        scenario_from_text(source, "mini.yaml")
    assert str(refused.value) == (
        "mini.yaml:4:49: metadata.title.xxx: unknown language 'xxx' (did you mean 'xx'?) "
        f"(known: {', '.join(i18n.LANGUAGES)})")
    assert i18n.LANGUAGES[-1] == "xx"  # the catalogue the test adds


def test_a_language_without_a_catalogue_is_refused_in_french():
    source = MINI.read_text().replace("fr: Mini exercice}", "fr: Mini exercice, FR: Mini}")
    with pytest.raises(InputError) as refused:
        scenario_from_text(source, "mini.yaml", "fr")
    assert str(refused.value) == (
        "mini.yaml:4:49: metadata.title.FR: langue inconnue 'FR' (vouliez-vous dire 'fr' ?) "
        f"(valeurs possibles : {', '.join(LANGUAGES)})")


def test_a_text_not_written_in_the_language_shows_in_english_marked(extra_language):
    scenario = scenario_from_text(with_language(MINI.read_text(), "xx", (WARNING,)))
    warning = scenario.msel[0]
    assert text(warning.message, "xx") == "[EN] Armed men seen near the village."
    assert text(warning.from_, "xx") == "XX Village chief"  # written: no mark
    assert text(warning.message, "fr") == "Hommes armés vus près du village."
    assert missing(scenario, "xx") == 1 and missing(scenario, "fr") == 0


def test_no_exercise_in_a_language_its_scenario_is_not_written_in(extra_language):
    """Refused, and the refusal says the option that plays it anyway."""
    short = scenario_from_text(with_language(MINI.read_text(), "xx", (WARNING,)))
    cli._covered(scenario_from_text(with_language(MINI.read_text(), "xx")), "xx")  # played
    cli._covered(short, "xx", fallback=True)  # played, one text in English
    with pytest.raises(cli.UsageError) as refused:
        cli._covered(short, "xx")
    assert str(refused.value) == (
        "mini is written in xx for 14 of its 15 texts: choose a language it is written in "
        "(en, fr); or run it again with --fallback-english: each text not written in xx is "
        "then shown in English, marked [EN]")


def test_played_by_choice_with_each_missing_text_in_english_marked(extra_language, tmp_path,
                                                                   capsys):
    """Without --fallback-english: refused (exit 1, nothing written); with it, the one
    text missing in xx shows in English with the mark in the situation report and the
    debrief, the others in xx without it; the engine's results are those in English."""
    path = tmp_path / "mini-xx.yaml"
    path.write_text(with_language(MINI.read_text(), "xx", (WARNING,)), encoding="utf-8")
    out = tmp_path / "run"
    run = ["run", str(path), "--bots", "all=doctrine", "--out", str(out), "--quiet",
           "--team-seeds", "1"]
    assert main([*run, "--lang", "xx"]) == 1
    assert "or run it again with --fallback-english" in capsys.readouterr().err
    assert not out.exists()
    assert main([*run, "--lang", "xx", "--fallback-english"]) == 0
    report = (out / "debrief" / "report.md").read_text(encoding="utf-8")
    assert report.splitlines()[2] == ("1 scenario text is not written in xx: it is shown in "
                                      "English, marked [EN].")
    assert "# After-action report: XX Mini exercise" in report
    html = (out / "debrief" / "report.html").read_text(encoding="utf-8")
    assert ('<p class="in-english">1 scenario text is not written in xx: it is shown in '
            "English, marked [EN].</p>") in html

    sitrep = ["sitrep", str(out), "--team", "force", "--turn", "1", "--lang", "xx"]
    capsys.readouterr()
    assert main(sitrep) == 1
    assert "run it again with --fallback-english" in capsys.readouterr().err
    assert main([*sitrep, "--fallback-english"]) == 0
    page = capsys.readouterr().out
    assert "[EN] Armed men seen near the village." in page
    assert "XX Village chief" in page and page.count("[EN]") == 1

    english = tmp_path / "run-en"
    assert main([*run[:-5], "--out", str(english), "--quiet", "--no-debrief"]) == 0
    summary = [json.loads((d / "summary.json").read_text()) for d in (out, english)]
    assert summary[0]["outcomes"] == summary[1]["outcomes"]
    assert summary[0]["decisions"] == summary[1]["decisions"]


def test_each_unknown_language_of_a_text_is_a_problem_of_its_own():
    source = MINI.read_text().replace("fr: Mini exercice}", "fr: Mini exercice, de: A, es: B}")
    with pytest.raises(InputError) as refused:
        scenario_from_text(source, "mini.yaml")
    known = ", ".join(LANGUAGES)
    assert str(refused.value).splitlines() == [
        f"mini.yaml:4:49: metadata.title.de: unknown language 'de' (known: {known})",
        f"mini.yaml:4:56: metadata.title.es: unknown language 'es' (known: {known})"]
