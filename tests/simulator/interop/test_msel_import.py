"""An edited MSEL sheet back into its scenario: the edits come back, the rest of the file
stays as written, and every problem names its sheet, row and column."""

import pytest
from openpyxl import load_workbook

from simulator.cli import main
from simulator.interop.msel import export
from simulator.interop.msel_read import import_msel
from simulator.language.validation import load_scenario, scenario_from_text
from simulator.language.yamlsafe import InputError
from tests.conftest import ROOT

FLOOD = ROOT / "scenarios" / "flood-season.yaml"
CIVILIAN = "Civilian component (civil affairs, human rights, public information)"
HUMANITARIAN = "Humanitarian coordination (OCHA and clusters, with civil protection)"


@pytest.fixture
def book(tmp_path):
    """The flood scenario's MSEL sheet, to edit; ``save()`` writes it as edited.xlsx."""
    export(load_scenario(FLOOD), tmp_path / "msel.xlsx")
    wb = load_workbook(tmp_path / "msel.xlsx")

    def save():
        wb.save(tmp_path / "edited.xlsx")
        return tmp_path / "edited.xlsx"
    wb.save_edited = save
    return wb


def imported(book, tmp_path, lang="en"):
    return import_msel(book.save_edited(), FLOOD, tmp_path / "new.yaml", lang)


def problems(book, tmp_path, lang="en") -> list[str]:
    with pytest.raises(InputError) as caught:
        imported(book, tmp_path, lang)
    assert not (tmp_path / "new.yaml").exists()  # nothing written
    return [p.text(lang).split(": ", 1)[1] for p in caught.value.problems]


def test_edits_come_back_and_the_rest_of_the_file_stays_as_written(book, tmp_path):
    before = load_scenario(FLOOD)
    sheet = book["MSEL"]
    sheet["H2"] = "Flood bulletin no. 15: the gauge reads 6.2 m."
    sheet["B3"], sheet["C3"] = 2, 6
    sheet["F4"] = f"Force (military component), {HUMANITARIAN}"
    sheet["J4"] = (f"{CIVILIAN} · Public flood warning · Kassa (riverside village) · "
                   "by turn 3\nForce (military component) · Evacuate people · by turn 4")
    removed = sheet["K5"].value
    sheet.delete_rows(5)
    sheet.append([None, 3, 4, None, "Mayor of Dalou", "Police component (UNPOL)", "phone",
                  "The market stays closed tomorrow.", None,
                  "Police component (UNPOL) · Patrol or guard · Dalou (regional capital) · "
                  "by turn 4", None])
    result = imported(book, tmp_path)
    after = load_scenario(tmp_path / "new.yaml")
    one, two, three = (next(i for i in after.msel if i.id == k) for k in
                       ("i01_forecast", "i02_flood_wave_1", "i03_roads_cut"))
    assert one.message.en == "Flood bulletin no. 15: the gauge reads 6.2 m."
    assert one.message.fr == before.msel[0].message.fr  # kept, and the reader told to check
    assert [w.text() for w in result.warnings] == [
        f"{tmp_path / 'edited.xlsx'}:2:8: MSEL!H2 (Message): changed in en; the text in fr, "
        "pt was kept as it was: check that it still says the same"]
    assert (two.at.turn, two.at.hour) == (2, 6)
    assert three.to == ["force", "humanitarian"]
    assert [(e.team, e.action, e.location, e.by_turn) for e in three.expected_actions] == [
        ("civilian", "public_warning", "kassa", 3), ("force", "evacuate", None, 4)]
    assert removed not in {i.id for i in after.msel}
    new = after.msel[-1]
    assert new.id == "i21-the-market-stays" and (new.at.turn, new.at.hour) == (3, 4)
    assert (new.from_, new.to, new.method, new.message) == (
        "Mayor of Dalou", ["police"], "phone", "The market stays closed tomorrow.")
    assert [(e.team, e.action, e.location) for e in new.expected_actions] == [
        ("police", "patrol", "dalou")]
    assert (result.changed, result.added, result.removed) == (
        ["i01_forecast", "i02_flood_wave_1", "i03_roads_cut"], ["i21-the-market-stays"],
        [removed])
    # Everything before the MSEL, and every inject left alone, keeps its text.
    old_text, new_text = FLOOD.read_text(), (tmp_path / "new.yaml").read_text()
    head = old_text[:old_text.index("\nmsel:")]
    assert new_text.startswith(head)
    untouched = old_text[old_text.index("  - id: i05"):old_text.index("  - id: i06")]
    assert untouched in new_text
    assert [i.id for i in after.msel[3:-1]] == [i.id for i in before.msel[4:]]


def test_a_timed_inject_can_be_held_and_released(book, tmp_path):
    book["MSEL"]["I3"] = "held for the instructor"
    held = load_scenario(FLOOD).msel[1].id
    imported(book, tmp_path)
    assert next(i for i in load_scenario(tmp_path / "new.yaml").msel if i.id == held).hold


def test_every_problem_names_sheet_row_and_column(book, tmp_path):
    sheet = book["MSEL"]
    conditional = next(r for r in range(2, 22) if sheet[f"I{r}"].value.startswith("when"))
    assert conditional == 8
    sheet["F2"] = "Force (military componant)"
    sheet["B3"] = "two"
    sheet["G4"] = "pigeon"
    sheet["D5"] = "day 9, 06:00"
    sheet["I6"] = "when the river rises"
    sheet["J7"] = "Force (military component) · Patrol"
    sheet["B8"] = 3
    sheet["K10"] = sheet["K9"].value
    sheet["K11"] = "i99_nowhere"
    sheet["J12"] = "Force (military component) · Dance · by turn 2"
    assert problems(book, tmp_path) == [
        "MSEL!F2 (To): unknown team 'Force (military componant)' (did you mean "
        "'Force (military component)'?)",
        "MSEL!B3 (Turn): 'two' is not a whole number",
        "MSEL!G4 (Method): unknown method 'pigeon' (known: radio, phone, written report, "
        "media, meeting, email, alert network)",
        "MSEL!D5 (Scenario time): the scenario time says day 9, 06:00 but the turn and hour "
        "say day 2, 18:00: change the turn and the hour (the scenario time follows them)",
        "MSEL!I6 (Trigger): the trigger is kept in the scenario file; here it can only change "
        "between 'at its time' and 'held for the instructor'",
        "MSEL!J7 (Expected actions): an expected action is written 'team · action · place · by "
        "turn N' (the place if any, then 'parameter: values'), not 'Force (military "
        "component) · Patrol'",
        "MSEL!B8 (Turn): this inject fires on a condition kept in the scenario file: leave "
        "its turn and hour empty",
        f"MSEL!K10 (Inject id): inject {sheet['K9'].value!r} is already on row 9",
        "MSEL!K11 (Inject id): no inject 'i99_nowhere' in the scenario: leave the id empty "
        "for a new inject",
        "MSEL!J12 (Expected actions): unknown action 'Dance'"]


def test_problems_in_french_on_a_french_sheet(tmp_path):
    export(load_scenario(FLOOD), tmp_path / "msel.xlsx", "fr")
    wb = load_workbook(tmp_path / "msel.xlsx")
    wb["MSEL"]["B3"] = "deux"
    wb["MSEL"]["F4"] = "Forse (composante militaire)"
    wb.save_edited = lambda: (wb.save(tmp_path / "edited.xlsx"), tmp_path / "edited.xlsx")[1]
    assert problems(wb, tmp_path, "fr") == [
        "MSEL!B3 (Tour): 'deux' n'est pas un nombre entier",
        "MSEL!F4 (À): équipe inconnue 'Forse (composante militaire)' (vouliez-vous dire "
        "'Force (composante militaire)' ?)"]


def test_a_problem_of_the_new_scenario_is_located_in_the_sheet(book, tmp_path):
    book["MSEL"]["B4"] = 99  # the exercise has 16 turns
    assert problems(book, tmp_path) == [
        "MSEL!B4 (Turn): turn 99 is after the last turn (16)",
        "MSEL!J4 (Expected actions): by_turn 4 is before the inject fires (turn 99)",
        "MSEL!J4 (Expected actions): by_turn 3 is before the inject fires (turn 99)"]


def test_a_french_spreadsheet_saves_semicolons_in_windows_1252(tmp_path):
    export(load_scenario(FLOOD), tmp_path / "msel.csv", "fr")
    text = (tmp_path / "msel.csv").read_text(encoding="utf-8-sig")
    import csv
    import io
    rows = list(csv.reader(io.StringIO(text)))
    rows[1][7] = "Bulletin de crue n° 15."
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    # Windows-1252 has no narrow no-break space (French thousands): Excel writes a space.
    (tmp_path / "edited.csv").write_bytes(out.getvalue().replace("\u202f", " ").encode("cp1252"))
    import_msel(tmp_path / "edited.csv", FLOOD, tmp_path / "new.yaml", "fr")
    assert load_scenario(tmp_path / "new.yaml").msel[0].message.fr == "Bulletin de crue n° 15."


def test_an_msel_written_in_flow_style_is_written_again_whole(tmp_path):
    from simulator.language.generate import generate

    district = tmp_path / "district.yaml"
    district.write_text(generate(40, 10_000, 1, 3).text)
    export(load_scenario(district), tmp_path / "msel.xlsx")
    import_msel(tmp_path / "msel.xlsx", district, tmp_path / "same.yaml")
    assert (tmp_path / "same.yaml").read_bytes() == district.read_bytes()
    wb = load_workbook(tmp_path / "msel.xlsx")
    wb["MSEL"]["H2"] = "Changed."
    wb.save(tmp_path / "edited.xlsx")
    import_msel(tmp_path / "edited.xlsx", district, tmp_path / "new.yaml")
    before, after = load_scenario(district), scenario_from_text(
        (tmp_path / "new.yaml").read_text())
    assert after.msel[0].message == "Changed." or after.msel[0].message.en == "Changed."
    assert after.map == before.map and after.msel[1:] == before.msel[1:]


def test_the_commands(tmp_path, capsys):
    sheet, new = tmp_path / "msel.xlsx", tmp_path / "new.yaml"
    assert main(["msel", "export", str(FLOOD), "--out", str(sheet)]) == 0
    assert capsys.readouterr().out == (
        f"{sheet}: MSEL written (20 injects, 40 expected actions; sheets MSEL, expected "
        "actions by team, reference)\n")
    assert main(["msel", "import", str(sheet), "--into", str(FLOOD), "--out", str(new)]) == 0
    assert capsys.readouterr().out == (
        f"{new}: scenario written with the sheet's MSEL (20 injects: 0 changed, 0 added, "
        "0 removed)\n")
    assert new.read_bytes() == FLOOD.read_bytes()
    assert main(["msel", "export", str(FLOOD), "--out", str(tmp_path / "msel.ods")]) == 1
    assert "--out must end in .xlsx or .csv, not .ods" in capsys.readouterr().err


def test_a_broken_sheet_is_refused_and_nothing_is_lost(tmp_path, capsys):
    new = tmp_path / "new.yaml"
    new.write_text("kept")
    (tmp_path / "broken.xlsx").write_bytes(b"not a spreadsheet")
    assert main(["--lang", "fr", "msel", "import", str(tmp_path / "broken.xlsx"), "--into",
                 str(FLOOD), "--out", str(new)]) == 2
    err = capsys.readouterr().err
    assert "pas un classeur que ce programme sait lire" in err
    assert new.read_text() == "kept"


def test_a_column_added_by_staff_is_not_lost_silently(book, tmp_path):
    book["MSEL"]["L1"] = "Controller"
    book["MSEL"]["L2"] = "Maj. Diallo"
    result = imported(book, tmp_path)
    assert [w.text().split(": ", 1)[1] for w in result.warnings] == [
        "MSEL!L1: column Controller is not read back into the scenario"]


def test_an_empty_message_or_sender_is_refused(book, tmp_path):
    book["MSEL"]["E2"] = None
    book["MSEL"]["H3"] = "  "
    assert problems(book, tmp_path) == ["MSEL!E2 (From): From is empty",
                                        "MSEL!H3 (Message): Message is empty"]


def test_a_sheet_too_long_or_too_big_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from simulator.interop import msel_read

    export(load_scenario(FLOOD), tmp_path / "msel.csv")
    monkeypatch.setattr(msel_read, "MAX_ROWS", 10)
    with pytest.raises(InputError, match="the sheet has more than 10 rows: not an MSEL"):
        import_msel(tmp_path / "msel.csv", FLOOD, tmp_path / "new.yaml")
    monkeypatch.setattr(msel_read, "MAX_BYTES", 1000)
    with pytest.raises(InputError, match="the sheet is over 1000 bytes: not an MSEL"):
        import_msel(tmp_path / "msel.csv", FLOOD, tmp_path / "new.yaml")
    assert not (tmp_path / "new.yaml").exists()


def test_a_portuguese_sheet_reads_its_deadlines_as_it_writes_them(tmp_path):
    """An expected action edited on a Portuguese sheet is read with its deadline written as
    the sheet writes it ("o mais tardar no turno N")."""
    export(load_scenario(FLOOD), tmp_path / "msel.xlsx", "pt")
    wb = load_workbook(tmp_path / "msel.xlsx")
    cell = wb["MSEL"]["J4"]
    lines = cell.value.splitlines()
    assert len(lines) == 2 and lines[0].endswith(" · o mais tardar no turno 4")
    cell.value = lines[0].replace("turno 4", "turno 5")  # one removed, one a turn later
    wb.save(tmp_path / "edited.xlsx")
    import_msel(tmp_path / "edited.xlsx", FLOOD, tmp_path / "new.yaml", "pt")
    three = next(i for i in load_scenario(tmp_path / "new.yaml").msel if i.id == "i03_roads_cut")
    assert [(e.team, e.action, e.by_turn) for e in three.expected_actions] == [
        ("humanitarian", "assess_needs", 5)]
