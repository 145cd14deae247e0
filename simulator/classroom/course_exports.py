"""A course's class record as a table (CSV, XLSX) and its certificates (A4 HTML, both
languages), from the records the portal rolls up (``simulator.portal.courses``).

One row per trainee: who they are, then per competency the evaluators' latest sign-off
and the final ratings that count towards it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from simulator.i18n import LANGUAGES, N_, SOURCE, number_locale, pN_, say, tr

TEMPLATES = Path(__file__).resolve().parent / "templates"
_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)

# The class record's headers and words, in English (said in the record's language).
WORDS: dict[str, str | tuple[str, str]] = {
    "name": N_("Name"), "country": N_("Country"), "service": N_("Service"), "sex": N_("Sex"),
    "email": N_("Email"), "met": pN_("sign-off", "met"), "not_yet_met": N_("not yet met"),
    "ratings": N_("ratings"), "signed": N_("sign-off"), "military": N_("military"),
    "police": N_("police"), "civilian": N_("civilian"), "female": N_("female"), "male": N_("male"),
}


def certificate_languages(course_lang: str) -> tuple[str, str]:
    """The two languages a certificate says everything in, side by side: English, which
    every partner reads, and the course's language (French for a course in English)."""
    other = course_lang if course_lang in LANGUAGES and course_lang != SOURCE else "fr"
    return SOURCE, other


def long_date(iso: str, lang: str) -> str:
    """2027-01-11 → 11 January 2027, 11 janvier 2027, 11 de janeiro de 2027 (the long date
    of the catalogue's locale)."""
    from babel.dates import format_date

    return format_date(dt.date.fromisoformat(iso[:10]), "long", locale=number_locale(lang))


def class_rows(trainees: list[dict], records: dict, competencies: list[dict],
               lang: str) -> list[list]:
    """The class record: a header row, then one row per trainee (integers stay numbers)."""
    w = {key: say(text, lang) for key, text in WORDS.items()}
    head = [w[k] for k in ("name", "country", "service", "sex", "email")]
    for c in competencies:
        name = c["name"][lang]
        head += [f"{name}: {w['signed']}", f"{name}: {w['ratings']}"]
    rows = [head]
    for t in trainees:
        row = [t["name"], t["country"], w[t["service"]], w[t["sex"]], t["email"] or ""]
        mine = {c["id"]: c for c in records[t["id"]]["competencies"]}
        for c in competencies:
            got = mine[c["id"]]
            signed = got["signoff"]
            row.append(w[signed["status"]] if signed else "")
            row.append(" ".join(f"{r}{n}" for r, n in got["counts"].items() if n))
        rows.append(row)
    return rows


def to_csv(rows: list[list]) -> bytes:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read accents right."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(rows: list[list], title: str) -> bytes:
    """One sheet, bold frozen header, columns wide enough to read."""
    from openpyxl import Workbook

    book = Workbook()
    fill_sheet(book.active, title, rows)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def fill_sheet(sheet, title: str, rows: list[list]) -> None:
    """``rows`` into an openpyxl sheet: the first row a bold header frozen with the first
    column, each column as wide as its longest cell (10 to 50 characters)."""
    from openpyxl.styles import Font

    sheet.title = title[:31]
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 50)


def certificates_html(course: dict, people: list[dict]) -> str:
    """Certificates, one A4 page per trainee, each in English and French: the school, the
    course and its dates, the competencies signed off as met (by whom, when) and the
    exercises played. ``people``: {trainee, met: [...], exercises: [...]}."""
    first, second = course["langs"]
    return _env.get_template("certificate.html.j2").render(
        course=course, people=people, first=first, second=second,
        both=lambda text: Markup("{} / <span class=\"second\" lang=\"{}\">{}</span>").format(
            tr(text, first), second, tr(text, second)),
        tr=tr)
