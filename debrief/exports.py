"""The debrief as files evaluators open in a spreadsheet: three CSV tables and one workbook.

``write_exports(out, data)`` reads a debrief dict (the content of ``debrief.json``) and
writes ``ratings.csv`` (one row per critical task), ``measures.csv`` (one per measure),
``evidence.csv`` (one per cited event) and ``debrief.xlsx`` (a summary, a sheet per
objective, the evidence, and the ids for analysts). Headers in the debrief's language;
names and words first, ids in the last columns or on the analysts' sheet.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from debrief.words import TERMS, metric_name, term
from simulator.i18n import N_, tr

# The sheets' headers, titles and words, in English (translated for the debrief's language).
LABELS: dict[str, str] = {
    "objective": N_("Objective"),
    "capability": N_("Capability"),
    "task": N_("Critical task"),
    "team": N_("Team"),
    "draft": N_("Draft rating"),
    "final": N_("Final rating"),
    "justification": N_("Evaluator's justification"),
    "task_id": N_("Task id"),
    "objective_id": N_("Objective id"),
    "measure": N_("Measure"),
    "value": N_("Value"),
    "rating": N_("Rating"),
    "refs": N_("Evidence (no.)"),
    "measure_id": N_("Measure id"),
    "metric_id": N_("Metric id"),
    "kind": N_("Measure kind"),
    "number": N_("Value (number)"),
    "event_ids": N_("Evidence (event ids)"),
    "ref": N_("No."),
    "turn": N_("Turn"),
    "when": N_("When (scenario clock)"),
    "happened": N_("What happened"),
    "event_id": N_("Event id"),
    "outcome": N_("Outcome"),
    "count": N_("Count"),
    "not_observed": N_("not observed"),
    "not_applicable": N_("does not apply"),
    "tasks_rated": N_("critical tasks rated"),
    "tasks_p": N_("critical tasks performed without challenges (P)"),
    "tasks_below": N_("critical tasks below P"),
    "tasks_unseen": N_("critical tasks not observed"),
    "summary": N_("Summary"),
    "evidence": N_("Evidence"),
    "analysts": N_("Analysts"),
    "objective_n": N_("Objective {n}"),
    "summary_title": N_("After-action data: {title} (seed {seed})"),
    "practice": N_("Practice — not for certification"),
    "objective_title": N_("{title}: {capability}; final rating {final}"),
    "evidence_title": N_("Events cited as evidence, in the order they happened"),
    "analysts_title": N_("Ids for analysts: the same as in debrief.json and the run's events.jsonl"),
}
SHEET_NAME_MAX = 31  # Excel's limit
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
FRACTIONS = {"trust_mean_final", "humanitarian_access_final"}  # outcomes that are not counts
# The report's order of the outcomes (debrief.json sorts its keys); any other key follows.
OUTCOMES = ("civilian_deaths", "civilian_injuries", "displaced_peak", "unmet_need_person_days",
            "people_assisted", "incidents", "abuse_incidents", "principle_breaches")
WIDE, NARROW = 45, 8  # column widths (characters) for long text and for the shortest column
HEADER_WIDTH = 18  # a longer header wraps rather than widen a column of short values
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")


def write_exports(out: Path, data: dict) -> list[Path]:
    """Write ratings.csv, measures.csv, evidence.csv and debrief.xlsx into ``out`` from the
    debrief ``data``; return their paths in that order."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    lang = data.get("lang", "en")
    lab = {key: tr(text, lang) for key, text in LABELS.items()}
    evidence = evidence_rows(data)
    refs = {e["id"]: e["ref"] for e in evidence}
    paths = [out / "ratings.csv", out / "measures.csv", out / "evidence.csv"]
    _write_csv(paths[0], [lab[k] for k in ("objective", "capability", "task", "team", "draft",
                                            "final", "justification", "task_id", "objective_id")],
               [[o["title"], o["capability"], t["title"], _team(t, data),
                 _rating(t["draft"], lab), _rating(t["final"], lab), t.get("justification") or "",
                 t["id"], o["id"]] for o, t in _tasks(data)])
    _write_csv(paths[1], [lab[k] for k in ("task", "measure", "value", "rating", "refs",
                                            "measure_id", "metric_id")],
               [[t["title"], _measure_name(m, data), m["detail"],
                 _rating(m["rating"], lab, lab["not_applicable"]), _refs(m, refs), m["id"],
                 m["metric"]] for _, t in _tasks(data) for m in t["measures"]])
    _write_csv(paths[2], [lab[k] for k in ("ref", "turn", "when", "team", "happened", "event_id")],
               [[e["ref"], e.get("turn", ""), e.get("when") or "", e.get("team") or "",
                 e.get("text") or "", e["id"]] for e in evidence])
    paths.append(out / "debrief.xlsx")
    _save(_workbook(data, lab, evidence, refs), paths[3])
    return paths


FIXED_TIME = datetime.datetime(2000, 1, 1)  # the workbook's dates: the same bytes every time


def _save(book: Workbook, path: Path) -> None:
    """Write ``book`` with fixed dates in its properties and its zip entries, so the same
    debrief gives the same bytes (openpyxl's own save stamps the time of saving)."""
    book.properties.created = book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    with ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).write_data()
    with ZipFile(buffer) as source, ZipFile(path, "w", ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(ZipInfo(item.filename, FIXED_TIME.timetuple()[:6]),
                            source.read(item.filename), ZIP_DEFLATED)


# --- what the tables hold -------------------------------------------------------------------


def evidence_rows(data: dict) -> list[dict]:
    """The cited events, numbered: the debrief's ``evidence`` appendix, then any event a
    measure cites that it lacks (with no text: a debrief.json written before the appendix
    existed has only the ids)."""
    rows = [dict(e) for e in data.get("evidence", [])]
    known = {e["id"] for e in rows}
    cited = sorted({i for _, t in _tasks(data) for m in t["measures"] for i in m["evidence"]}
                   - known)
    for n, event in enumerate(cited, start=len(rows) + 1):
        rows.append({"ref": n, "id": event, "turn": None, "when": "", "team": None, "text": ""})
    return rows


def _tasks(data: dict):
    for o in data["objectives"]:
        for t in o["tasks"]:
            yield o, t


def _team(task: dict, data: dict) -> str:
    names = {t["id"]: t["name"] for t in data.get("teams", [])}
    return task.get("team_name") or names.get(task.get("team"), task.get("team") or "")


def _rating(rating: str | None, lab: dict, missing: str | None = None) -> str:
    return rating or missing or lab["not_observed"]


def _measure_name(m: dict, data: dict) -> str:
    if m.get("name"):
        return m["name"]
    lang = data.get("lang", "en")
    return metric_name(m["metric"], lang)


def _refs(m: dict, refs: dict[str, int]) -> str:
    return ", ".join(str(n) for n in sorted({refs[i] for i in m["evidence"] if i in refs}))


def _outcome_name(key: str, lang: str) -> str:
    return term(key, lang) if key in TERMS else metric_name(key, lang)


def _number(value):
    """Whole numbers as int (a count of deaths is 34, not 34.0); other numbers kept."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# --- CSV ------------------------------------------------------------------------------------


def _write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    """UTF-8 with a byte-order mark, so that Excel reads accents; every row as wide as the
    header."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for row in rows:
            assert len(row) == len(header), (path.name, row)
            w.writerow([_csv_cell(v) for v in row])


def _csv_cell(value):
    """A cell as text; text that a spreadsheet would run as a formula (=, +, -, @ followed by
    more than a space) is quoted with an apostrophe, as spreadsheets expect."""
    if value is None:
        return ""
    if isinstance(value, str) and len(value) > 1 and value[0] in "=+-@" and value[1] != " ":
        return "'" + value
    return value


# --- the workbook -----------------------------------------------------------------------------


def _workbook(data: dict, lab: dict, evidence: list[dict], refs: dict[str, int]) -> Workbook:
    lang = data.get("lang", "en")
    book = Workbook()
    fixed = [lab["summary"], lab["evidence"], lab["analysts"]]
    names = sheet_names([o["title"] for o in data["objectives"]], reserved=fixed,
                        fallback=lab["objective_n"])

    summary = book.active
    summary.title = lab["summary"]
    scenario = data.get("scenario", {})
    given = data.get("outcomes", {})
    keys = [k for k in OUTCOMES if k in given] + [k for k in given if k not in OUTCOMES]
    outcomes = [[_outcome_name(k, lang), _outcome_value(k, given[k])] for k in keys]
    counts = data.get("task_counts", {})
    outcomes += [[lab[label], counts[key]] for key, label in
                 (("rated", "tasks_rated"), ("P", "tasks_p"), ("below", "tasks_below"),
                  ("not_observed", "tasks_unseen")) if key in counts]
    tasks = [[o["title"], t["title"], _team(t, data), _rating(t["draft"], lab),
              _rating(t["final"], lab)] for o, t in _tasks(data)]
    # Side by side, so that both tables' headers sit in the one frozen row.
    width = max(len(outcomes), len(tasks))
    rows = [(outcomes[i] if i < len(outcomes) else [None, None]) + [None] +
            (tasks[i] if i < len(tasks) else [None] * 5) for i in range(width)]
    title = lab["summary_title"].format(title=scenario.get("title", ""), seed=data.get("seed", ""))
    if data.get("practice"):  # a self-paced practice run: never for certification
        title += " — " + lab["practice"]
    _fill(summary, title,
          [lab["outcome"], lab["count"], None, lab["objective"], lab["task"], lab["team"],
           lab["draft"], lab["final"]], rows)

    for o, name in zip(data["objectives"], names, strict=True):
        rows = []
        for t in o["tasks"]:
            task = [t["title"], _team(t, data), _rating(t["draft"], lab), _rating(t["final"], lab)]
            note = t.get("justification") or None
            # The task's cells on its first measure's row only: it reads as a group.
            for i, m in enumerate(t["measures"] or [None]):
                shown = task + [note] if i == 0 else [None] * 5
                measure = [_measure_name(m, data), m["detail"],
                           _rating(m["rating"], lab, lab["not_applicable"]), _refs(m, refs)] \
                    if m else [None] * 4
                rows.append(shown[:4] + measure + shown[4:])
        title = lab["objective_title"].format(title=o["title"], capability=o["capability"],
                                              final=_rating(o["final"], lab))
        _fill(book.create_sheet(name), title,
              [lab[k] for k in ("task", "team", "draft", "final", "measure", "value", "rating",
                                "refs", "justification")], rows)

    _fill(book.create_sheet(lab["evidence"]), lab["evidence_title"],
          [lab[k] for k in ("ref", "turn", "when", "team", "happened", "event_id")],
          [[e["ref"], e.get("turn"), e.get("when") or None, e.get("team"), e.get("text") or None,
            e["id"]] for e in evidence], filters=True)

    _fill(book.create_sheet(lab["analysts"]), lab["analysts_title"],
          [lab[k] for k in ("objective_id", "task_id", "task", "measure_id", "metric_id", "kind",
                            "number", "rating", "event_ids")],
          [[o["id"], t["id"], t["title"]] +
           ([m["id"], m["metric"], m.get("kind"), _number(m.get("value")), m["rating"],
             ", ".join(m["evidence"])] if m else [None] * 6)
           for o, t in _tasks(data) for m in t["measures"] or [None]], filters=True)
    return book


def _outcome_value(key: str, value):
    """An outcome as the workbook stores it: counts as whole numbers (person-days too)."""
    if key in FRACTIONS or not isinstance(value, (int, float)) or isinstance(value, bool):
        return value
    return round(value)


def sheet_names(titles: list[str], reserved: list[str] = (), fallback: str = "{n}") -> list[str]:
    """A valid, unique Excel sheet name for each title: no []:*?/\\, no apostrophe at either
    end, at most 31 characters, unique ignoring case (as Excel compares them) and distinct
    from ``reserved``; a name cut short or taken gets " (2)", " (3)"..."""
    taken = {r.casefold() for r in reserved} | {"history"}  # Excel keeps "History" for itself
    out = []
    for n, title in enumerate(titles, start=1):
        base = " ".join(SHEET_FORBIDDEN.sub(" ", title or "").split()).strip("'").strip()
        base = base or fallback.format(n=n)
        name, k = base[:SHEET_NAME_MAX].rstrip().rstrip("'"), 1
        while name.casefold() in taken:
            k += 1
            suffix = f" ({k})"
            name = base[:SHEET_NAME_MAX - len(suffix)].rstrip().rstrip("'") + suffix
        taken.add(name.casefold())
        out.append(name)
    return out


def _fill(ws, title: str, header: list, rows: list[list], filters: bool = False) -> None:
    """A sheet: its title on the first row, the header (bold, frozen) on the second, the
    rows below with wrapped text, and columns as wide as their content (up to a limit)."""
    ws.cell(1, 1, title).font = Font(bold=True, size=13)
    ws.cell(1, 1).data_type = "s"
    top = Alignment(wrap_text=True, vertical="top")
    for c, value in enumerate(header, start=1):
        cell = ws.cell(2, c, value)
        cell.font, cell.alignment = Font(bold=True), top
        if value is not None:
            cell.fill = HEADER_FILL
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=1):
            _put(ws.cell(r, c), _number(value), top)
    ws.freeze_panes = "A3"
    if filters and rows:
        ws.auto_filter.ref = f"A2:{get_column_letter(len(header))}{len(rows) + 2}"
    for c, value in enumerate(header, start=1):
        longest = max([min(_length(value), HEADER_WIDTH)] + [_length(row[c - 1]) for row in rows])
        ws.column_dimensions[get_column_letter(c)].width = \
            2 if value is None else min(max(longest, NARROW), WIDE) + 2


def _put(cell, value, alignment: Alignment) -> None:
    """A value in its type: numbers as numbers (counts with thousands grouped), text as text
    (never read as a formula, even when it starts with "=")."""
    cell.value = value
    cell.alignment = alignment
    if isinstance(value, str):
        cell.data_type = "s"
    elif isinstance(value, int) and not isinstance(value, bool):
        cell.number_format = "#,##0"
    elif isinstance(value, float):
        cell.number_format = "#,##0.0" if abs(value) >= 10 else "0.00"


def _length(value) -> int:
    return 0 if value is None else max(len(line) for line in str(value).split("\n"))
