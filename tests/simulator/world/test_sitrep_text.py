"""`ttx sitrep`: a team's situation report in plain words, names and the scenario clock."""

import pytest

from simulator.cli import main
from simulator.world.sitrep_text import clock, render
from tests.conftest import MINI


def _report(**parts):
    base = {"team": "force", "turn": 2, "turns": 4, "hour": 12.0, "budget": 1234.0,
            "messages": [], "threats": [], "hazards": [], "needs": [], "incidents": [],
            "units": [], "routes_closed": []}
    return {**base, **parts}


def test_times_are_on_the_scenario_clock(mini):
    starting = mini.model_copy(update={"metadata": mini.metadata.model_copy(
        update={"start": "2027-08-01T06:00"})})
    assert clock(0, starting) == "day 1, 06:00"
    assert clock(20.5, starting, "fr") == "jour 2, 02 h 30"
    assert clock(36, mini) == "day 2, 12:00"  # no start given: the first day from 00:00


def test_names_whole_numbers_and_one_line_per_fact(mini):
    flood = {"kind": "hazard", "hazard": "flood", "locations": ["village"], "hour": 3.0,
             "peak_hour": 20.0, "id": "f1"}
    report = _report(
        hazards=[flood, dict(flood, id="f2", shared_by="police")],
        threats=[{"kind": "threat", "location": "village", "armed_group": "band",
                  "expected_hour": 20.0, "id": "f3", "shared_by": "civilian"}],
        needs=[{"location": "site", "population": 12345, "hour": 6.0, "road_open": False,
                "unmet": {"food": 0.6, "water": 0.25, "health": 0.0}}],
        incidents=[{"kind": "investigation", "location": "town", "hour": 8.0,
                    "incidents": [], "id": "f4"}],
        units=[{"id": "coy_a", "location": "village", "task": "patrol"},
               {"id": "heli", "location": "base", "task": "idle"}],
        routes_closed=["village--town"])
    page = render(report, mini, "en")
    assert page.startswith("# Situation report: Force\n\nTurn 2 of 4, day 1, 12:00. "
                           "Budget left: 1,234.\n")
    # The flood the team holds twice (its own and a copy from the police) is told once.
    assert page.count("flood at Village") == 1
    assert "- flood at Village, reported day 1, 03:00 (passed on by Police)" in page
    hazard = _report(hazards=[flood])
    assert [render(hazard, mini, lang).split("\n- ")[1].split("\n")[0] for lang in ("fr", "pt")] \
        == ["crue à Village, signalement le jour 1, 03 h 00",
            "cheia em Village, com alerta no dia 1, 03:00"]
    assert "- Village: The Band expected around day 1, 20:00 (passed on by Civilian)" in page
    assert "- Site: 12,345 people, assessed day 1, 06:00; unmet: food 60 %, water 25 %; " \
           "road cut" in page
    assert "- Town: investigated day 1, 08:00, no violence found" in page
    assert "- A Company: at Village, on patrol" in page
    assert "- Helicopter: at Base, available" in page
    assert "- Village – Town" in page
    for raw in ("coy_a", "village--town", "band", "f1"):
        assert raw not in page
    french = render(report, mini, "fr")
    assert "- Site : 12\u202f345 personnes, évalué jour 1, 06 h 00 ; non couverts : vivres 60 %, " \
           "eau 25 % ; route coupée" in french


def test_messages_of_the_scenario_in_the_reports_language(mini):
    inj = mini.msel[0]
    report = _report(messages=[{"kind": "message", "inject": inj.id, "hour": 0.0,
                                "places": ["village"], "sender": "x", "text": "y", "id": "f5"},
                               {"kind": "message", "inject": "adhoc-1", "hour": 1.0,
                                "sender": "EXCON", "text": "Crowd at the site", "id": "f6"}])
    page = render(report, mini, "fr")
    assert f"- jour 1, 00 h 00, de {inj.from_.fr} : {inj.message.fr} (lieux : Village)" in page
    assert "- jour 1, 01 h 00, de EXCON : Crowd at the site" in page


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("sitrep") / "run"
    assert main(["run", str(MINI), "--seed", "1", "--bots", "all=doctrine", "--out", str(out),
                 "--quiet", "--no-debrief"]) == 0
    return out


def test_the_command_prints_and_writes_a_turns_report(run, tmp_path, capsys):
    capsys.readouterr()
    out = tmp_path / "sr" / "force-2.md"
    assert main(["sitrep", str(run), "--team", "force", "--turn", "2", "--out", str(out),
                 "--lang", "fr"]) == 0
    printed = capsys.readouterr()
    assert printed.out.startswith("# Rapport de situation : Force\n\nTour 2 sur 4, jour 1, ")
    assert out.read_text() == printed.out
    assert f"rapport de situation écrit dans {out}" in printed.err
    assert main(["sitrep", str(run), "--team", "police"]) == 0  # the last turn by default
    assert "Turn 4 of 4" in capsys.readouterr().out


def test_an_unknown_team_or_turn_is_one_clear_error(run, capsys):
    assert main(["sitrep", str(run), "--team", "ngo"]) == 1
    assert "no team 'ngo' in this run (teams: force, police, civilian, humanitarian)" in \
        capsys.readouterr().err
    assert main(["sitrep", str(run), "--team", "force", "--turn", "9"]) == 1
    assert "no report for turn 9 (turns 1 to 4)" in capsys.readouterr().err


def test_the_report_as_a_printable_page(run, tmp_path, capsys):
    out = tmp_path / "force-2.html"
    assert main(["sitrep", str(run), "--team", "force", "--turn", "2", "--out", str(out)]) == 0
    page = out.read_text()
    printed = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>") and "<title>Situation report: Force</title>" in page
    assert "<h2>Own units</h2>" in page and page.count("<li>") == printed.count("\n- ")
    assert "http" not in page and "<script" not in page
