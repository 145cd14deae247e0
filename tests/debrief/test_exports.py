"""The debrief as CSV tables and one workbook for evaluators (debrief.exports)."""

import copy
import csv

import pytest
from openpyxl import load_workbook

from debrief.exports import LABELS, sheet_names, write_exports
from simulator.i18n import tr

LONG = "Protect civilians in the northern sector"  # two titles alike in their first 31 letters


def _measure(mid, metric, value, rating, detail, evidence, name=None):
    m = {"id": mid, "metric": metric, "kind": "outcome", "value": value, "rating": rating,
         "detail": detail, "evidence": evidence, "scope": {}}
    if name:
        m["name"] = name
    return m


@pytest.fixture
def data():
    """A debrief.json as ``debrief.report.build`` writes it, small enough to read."""
    return {
        "lang": "en", "seed": 4,
        "scenario": {"id": "mini", "title": "Mini exercise"},
        "teams": [{"id": "force", "name": "Force"}, {"id": "police", "name": "UN Police"}],
        "outcomes": {"unmet_need_person_days": 1486.1, "civilian_deaths": 1234,
                     "civilian_injuries": 66.0},
        "task_counts": {"rated": 2, "P": 1, "below": 1, "not_observed": 1},
        "objectives": [
            {"id": "obj-north-1", "title": LONG + " by day", "capability": "Physical protection",
             "draft": "U", "final": "U", "tasks": [
                 {"id": "ct-presence", "title": "Presence before the raid", "team": "force",
                  "team_name": "Force", "draft": "U", "final": "U", "justification": None,
                  "measures": [
                      _measure("m-deaths", "civilian_deaths", 31.0, "U",
                               "civilian deaths: 31 at Village",
                               ["e000007", "e000011", "e000011"]),
                      _measure("m-response", "response_hours", None, None,
                               "no protection at Village", ["e000002"],
                               name="time from warning to presence")]},
                 {"id": "ct-patrol", "title": "Patrol the market", "team": "police",
                  "team_name": "UN Police", "draft": "P", "final": "P", "justification": None,
                  "measures": [_measure("m-patrol", "orders_effective", 0.75, "P",
                                        "3 of 4 orders had their effect", ["e000002"])]}]},
            {"id": "obj-north-2", "title": LONG + " by night: [camps]", "capability": "Dialogue",
             "draft": None, "final": "M", "tasks": [
                 {"id": "ct-engage", "title": "Engage women leaders", "team": None,
                  "team_name": "-", "draft": None, "final": "M",
                  "justification": "=Nobody met the women's association; no interpreter.",
                  "measures": []}]},
        ],
        "evidence": [
            {"ref": 1, "id": "e000002", "turn": 1, "hour": 0.0, "when": "day 1, 00:00",
             "team": None, "text": "inject to Force: armed men seen near the village"},
            {"ref": 2, "id": "e000007", "turn": 2, "hour": 18.0, "when": "day 1, 18:00",
             "team": None, "text": "The Band attacked Village (raid): 26 killed, 66 injured"},
            {"ref": 3, "id": "e000011", "turn": 2, "hour": 24.0, "when": "day 2, 00:00",
             "team": "Force", "text": "1 death from untreated injuries at Village"},
        ],
    }


def _csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert len({len(r) for r in rows}) == 1, "every row as wide as the header"
    return rows[0], rows[1:]


def test_csv_tables(data, tmp_path):
    paths = write_exports(tmp_path, data)
    assert [p.name for p in paths] == ["ratings.csv", "measures.csv", "evidence.csv",
                                       "debrief.xlsx"]
    assert all(p.stat().st_size > 0 for p in paths)

    header, rows = _csv(tmp_path / "ratings.csv")
    assert header[0] == "Objective" and header[-2:] == ["Task id", "Objective id"]
    assert len(rows) == 3  # one per critical task
    assert rows[0] == [LONG + " by day", "Physical protection", "Presence before the raid",
                       "Force", "U", "U", "", "ct-presence", "obj-north-1"]
    engage = rows[2]
    assert engage[4:7] == ["not observed", "M",
                           "'=Nobody met the women's association; no interpreter."]

    header, rows = _csv(tmp_path / "measures.csv")
    assert len(rows) == 3  # one per measure
    deaths, response, patrol = rows
    # A measure the scenario does not describe is named by its metric in words.
    assert deaths == ["Presence before the raid", "civilian deaths",
                      "civilian deaths: 31 at Village", "U", "2, 3", "m-deaths",
                      "civilian_deaths"]
    assert response[1:5] == ["time from warning to presence", "no protection at Village",
                             "does not apply", "1"]
    assert patrol[0] == "Patrol the market"

    header, rows = _csv(tmp_path / "evidence.csv")
    assert header == ["No.", "Turn", "When (scenario clock)", "Team", "What happened",
                      "Event id"]
    assert rows[2] == ["3", "2", "day 2, 00:00", "Force",
                       "1 death from untreated injuries at Village", "e000011"]


def test_evidence_without_the_appendix(data, tmp_path):
    """A debrief.json without its evidence appendix: the events the measures cite, by id."""
    del data["evidence"]
    write_exports(tmp_path, data)
    _, rows = _csv(tmp_path / "evidence.csv")
    assert rows == [["1", "", "", "", "", "e000002"], ["2", "", "", "", "", "e000007"],
                    ["3", "", "", "", "", "e000011"]]
    _, measures = _csv(tmp_path / "measures.csv")
    assert measures[0][4] == "2, 3"


def test_workbook(data, tmp_path):
    write_exports(tmp_path, data)
    book = load_workbook(tmp_path / "debrief.xlsx")
    first, second = sheet_names([o["title"] for o in data["objectives"]],
                                reserved=["Summary", "Evidence", "Analysts"])
    assert book.sheetnames == ["Summary", first, second, "Evidence", "Analysts"]
    assert first == LONG[:31] and second == LONG[:27] + " (2)"
    for ws in book.worksheets:
        assert len(ws.title) <= 31 and not set(ws.title) & set("[]:*?/\\")
        assert ws.freeze_panes == "A3"  # title row and header stay in view
        assert ws.cell(2, 1).font.b

    summary = book["Summary"]
    counts = {summary.cell(r, 1).value: summary.cell(r, 2).value
              for r in range(3, summary.max_row + 1)}
    assert counts["civilian deaths"] == 1234 and type(counts["civilian deaths"]) is int
    assert counts["unmet need (person-days)"] == 1486
    assert type(counts["civilian injuries"]) is int
    assert counts["critical tasks not observed"] == 1
    # The report's order, not debrief.json's alphabetical one.
    assert list(counts)[:3] == ["civilian deaths", "civilian injuries", "unmet need (person-days)"]
    assert summary.cell(3, 2).number_format == "#,##0"

    ws = book[first]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert [c.value for c in ws[2]] == ["Critical task", "Team", "Draft rating", "Final rating",
                                        "Measure", "Value", "Rating", "Evidence (no.)",
                                        "Evaluator's justification"]
    assert rows[0][:8] == ("Presence before the raid", "Force", "U", "U", "civilian deaths",
                           "civilian deaths: 31 at Village", "U", "2, 3")
    assert rows[1][:4] == (None, None, None, None)  # the task's cells on its first row only
    assert ws.cell(3, 6).alignment.wrap_text
    assert 8 < ws.column_dimensions["F"].width <= 47

    engage = book[second].cell(3, 9)
    assert engage.value.startswith("=Nobody") and engage.data_type == "s"  # text, not formula

    evidence = list(book["Evidence"].iter_rows(min_row=3, values_only=True))
    assert evidence[1] == (2, 2, "day 1, 18:00", None,
                           "The Band attacked Village (raid): 26 killed, 66 injured", "e000007")
    analysts = list(book["Analysts"].iter_rows(min_row=3, values_only=True))
    assert analysts[0] == ("obj-north-1", "ct-presence", "Presence before the raid", "m-deaths",
                           "civilian_deaths", "outcome", 31, "U", "e000007, e000011, e000011")
    assert type(analysts[0][6]) is int and analysts[2][6] == 0.75


def test_french(data, tmp_path):
    fr = copy.deepcopy(data)
    fr["lang"] = "fr"
    write_exports(tmp_path, fr)
    header, rows = _csv(tmp_path / "ratings.csv")
    assert header[:4] == ["Objectif", "Capacité", "Tâche critique", "Équipe"]
    assert rows[2][4] == "non observé"
    header, _ = _csv(tmp_path / "measures.csv")
    assert header[1] == "Mesure"
    book = load_workbook(tmp_path / "debrief.xlsx")
    assert book.sheetnames[0] == "Synthèse" and book.sheetnames[-2:] == ["Preuves", "Analystes"]
    summary = book["Synthèse"]
    assert [summary.cell(2, c).value for c in (1, 2)] == ["Résultat", "Nombre"]
    assert summary.cell(3, 1).value == "civils tués"


def test_sheet_names_are_valid_and_unique():
    names = sheet_names(["Dialogue: tier I [early]", "dialogue  tier I  early", "'Quoted'",
                         "", "Summary", "history", "x" * 40, "x" * 40],
                        reserved=["Summary"], fallback="Objective {n}")
    assert names == ["Dialogue tier I early", "dialogue tier I early (2)", "Quoted",
                     "Objective 4", "Summary (2)", "history (2)", "x" * 31, "x" * 27 + " (2)"]


def test_labels_in_french_from_the_catalogue():
    said = {key: tr(text, "fr") for key, text in LABELS.items()}
    assert [key for key, text in LABELS.items() if said[key] == text] == []
    assert said["summary_title"].format(title="Crue", seed=7) == \
        "Données après action : Crue (graine 7)"
