"""Which languages a scenario is written in, said by `ttx validate`, and no exercise
played or reported in a language its scenario is not written in."""

import pytest

from simulator import cli
from simulator.cli import main
from simulator.language.coverage import coverage, covers
from simulator.language.validation import load_scenario, scenario_from_text
from tests.conftest import ROOT

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


def test_no_exercise_in_a_language_its_scenario_is_not_written_in(one_short):
    """Said in the language asked for (its name as its readers write it)."""
    cli._covered(load_scenario(FLOOD), "pt")  # every text: played
    with pytest.raises(cli.UsageError) as refused:
        cli._covered(scenario_from_text(one_short), "pt")
    assert str(refused.value) == (
        "flood-season está escrito em português em 206 dos seus 207 textos: escolha uma "
        "língua em que esteja escrito (en, fr)")
