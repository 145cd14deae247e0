"""The MSEL as a spreadsheet: what the sheets say, and a sheet exported then imported with
no edit gives back the same scenario, byte for byte, on every shipped scenario."""

import pytest
from openpyxl import load_workbook

from simulator.interop.msel import Sheet, export
from simulator.interop.msel_read import import_msel, read_sheet
from simulator.language.validation import load_scenario
from tests.conftest import ROOT

SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))
FLOOD = ROOT / "scenarios" / "flood-season.yaml"
PREVENTION = ROOT / "scenarios" / "prevention-central-sahel.yaml"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_exported_then_imported_with_no_edit_is_the_same_scenario(path, lang, suffix, tmp_path):
    sheet = export(load_scenario(path), tmp_path / f"msel{suffix}", lang)
    result = import_msel(sheet, path, tmp_path / "back.yaml", lang)
    assert (tmp_path / "back.yaml").read_bytes() == path.read_bytes()
    assert result.scenario == load_scenario(path)
    assert (result.changed, result.added, result.removed, result.warnings) == ([], [], [], [])


def test_the_msel_sheet_says_each_inject_in_words(tmp_path):
    export(load_scenario(FLOOD), tmp_path / "msel.xlsx")
    book = load_workbook(tmp_path / "msel.xlsx")
    assert book.sheetnames == ["MSEL", "Expected actions", "Reference"]
    rows = [[c.value for c in row] for row in book["MSEL"].iter_rows()]
    assert rows[0] == ["No.", "Turn", "Hour of the turn", "Scenario time", "From", "To",
                       "Method", "Message", "Trigger", "Expected actions", "Inject id"]
    first = rows[1]
    assert first[:7] == [1, 1, 0, "day 1, 06:00", "Hydrological service", "all teams",
                         "written report"]
    assert first[7].startswith("Flood bulletin no. 14: the Béli gauge at Dalou reads 5.9 m")
    assert first[8:] == ["at its time",
                         "Civilian component (civil affairs, human rights, public information)"
                         " · Set up a community alert network · by turn 1\n"
                         "Humanitarian coordination (OCHA and clusters, with civil protection)"
                         " · Multi-sector rapid needs assessment · by turn 2\n"
                         "Force (military component) · Share information · by turn 1",
                         "i01_forecast"]
    assert len(rows) == 1 + 20
    sheet = book["MSEL"]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "B2"
    # Read-only columns are grey, the ones read back white; the header's note says so.
    assert sheet["D2"].fill.fgColor.rgb.endswith("EEEEEE")
    assert sheet["H2"].fill.fill_type is None
    assert "white columns" in sheet["A1"].comment.text


def test_the_sheet_in_french(tmp_path):
    export(load_scenario(FLOOD), tmp_path / "msel.xlsx", "fr")
    book = load_workbook(tmp_path / "msel.xlsx")
    assert book.sheetnames == ["MSEL", "Actions attendues", "Référence"]
    row = [c.value for c in book["MSEL"][2]]
    assert row[:7] == [1, 1, 0, "jour 1, 06 h 00", "Service hydrologique",
                       "toutes les équipes", "rapport écrit"]
    assert row[8] == "à son heure"
    assert row[9].endswith("Partager l'information · au plus tard au tour 1")


def test_a_condition_is_said_in_words_and_kept_in_the_file():
    sheet = Sheet(load_scenario(PREVENTION))
    said = {inj.id: sheet.trigger(inj) for inj in sheet.scenario.msel if inj.when}
    assert said["c01-no-agreement-tiogou"] == (
        "when not (Civilian component (civil affairs, human rights, child protection) ordered "
        "Support a local agreement at Tiogou (farming village) by turn 3) (kept as written in "
        "the scenario file)")
    assert said["c06-site-full"] == ("when site occupancy at Sébéra displacement site "
                                     "(Bodiara) above 0.95 (kept as written in the scenario "
                                     "file)")
    fr = Sheet(sheet.scenario, "fr")
    assert fr.trigger(next(i for i in fr.scenario.msel if i.id == "c06-site-full")) == (
        "quand occupation des sites à Site de déplacés de Sébéra (Bodiara) au-dessus de 0,95 "
        "(gardé tel qu'écrit dans le fichier du scénario)")


def test_parameters_of_expected_actions_in_words():
    sheet = Sheet(load_scenario(PREVENTION))
    briefing = sheet.scenario.msel[0]
    assert sheet.expected(briefing.expected_actions[1]) == (
        "Civilian component (civil affairs, human rights, child protection) · Community "
        "dialogue · Tiogou (farming village) · Consult: women, youth · by turn 2")
    fr = Sheet(sheet.scenario, "fr")
    assert "· Consulter : femmes, jeunes · au plus tard au tour 2" in \
        fr.expected(briefing.expected_actions[1])


def test_expected_actions_by_team_and_the_reference(tmp_path):
    scenario = load_scenario(FLOOD)
    export(scenario, tmp_path / "msel.xlsx")
    book = load_workbook(tmp_path / "msel.xlsx")
    by_team = [[c.value for c in row] for row in book["Expected actions"].iter_rows()]
    assert by_team[0] == ["Team", "No.", "Action", "Place", "Parameters", "by turn …",
                          "Inject id"]
    assert len(by_team) - 1 == sum(len(i.expected_actions) for i in scenario.msel)
    teams = [r[0] for r in by_team[1:]]
    order = [t.name.en for t in scenario.teams]
    assert teams == sorted(teams, key=order.index)  # grouped by team, in the scenario's order
    reference = [[c.value for c in row] for row in book["Reference"].iter_rows()]
    # A name column per language the scenario is written in.
    assert reference[0] == ["Kind", "Name (English)", "Name (French)", "Name (Portuguese)", "Id"]
    assert ["team", "Force (military component)", "Force (composante militaire)",
            "Força (componente militar)", "force"] in reference
    kassa = next(loc for loc in scenario.map.locations if loc.id == "kassa")
    assert ["place", kassa.name.en, kassa.name.fr, kassa.name.pt, "kassa"] in reference
    assert len(reference) == 1 + len(scenario.teams) + len(scenario.map.locations) + \
        len(scenario.actions)


def test_a_csv_holds_the_msel_sheet_with_a_byte_order_mark(tmp_path):
    export(load_scenario(FLOOD), tmp_path / "msel.csv", "fr")
    raw = (tmp_path / "msel.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    name, rows = read_sheet(tmp_path / "msel.csv")
    assert rows[0][:3] == ["N°", "Tour", "Heure du tour"] and len(rows) == 21
