"""Draw the first rows of a scenario's MSEL sheet as a spreadsheet program shows them, to
a PNG for the instructor guide (headless Chromium).

    python docs/msel/screenshot.py scenarios/flood-season.yaml docs/msel/sheet.png [--rows 5]

The sheet is the one ``ttx msel export`` writes, read back cell by cell: its fills (grey
for the columns not read back), its bold header and its column widths.
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

PIXELS_PER_CHARACTER = 7  # a column's width in characters, drawn at 12 px Calibri-like text
CLIPPED = 240  # characters of a long cell shown; the rest is cut, as a row of fixed height


def page(path: Path, rows: int) -> str:
    from openpyxl import load_workbook

    sheet = load_workbook(path)["MSEL"]
    widths = [(sheet.column_dimensions[c[0].column_letter].width or 10) for c in sheet.columns]
    out = ["<table><tr><th class=corner></th>"]
    out += [f"<th class=letter style='width:{w * PIXELS_PER_CHARACTER}px'>"
            f"{c[0].column_letter}</th>" for w, c in zip(widths, sheet.columns, strict=True)]
    out.append("</tr>")
    for k, row in enumerate(sheet.iter_rows(max_row=rows + 1), start=1):
        out.append(f"<tr><th class=number>{k}</th>")
        for cell in row:
            value = "" if cell.value is None else str(cell.value)
            value = value if len(value) <= CLIPPED else value[:CLIPPED] + "…"
            grey = cell.fill.fill_type == "solid"
            style = ("font-weight:bold;" if cell.font.bold else "") + \
                ("background:#eeeeee;" if grey else "")
            out.append(f"<td style='{style}'>{html.escape(value).replace(chr(10), '<br>')}</td>")
        out.append("</tr>")
    out.append("</table>")
    return ("<!doctype html><meta charset=utf-8><style>body{margin:0;font:12px 'DejaVu Sans',"
            "sans-serif;background:#fff}table{border-collapse:collapse;table-layout:fixed}"
            "td,th{border:1px solid #c8c8c8;padding:3px 4px;vertical-align:top;"
            "overflow:hidden}td{height:112px}tr:nth-child(2) td{height:auto}"
            "th{background:#f3f3f3;font-weight:normal;color:#555}.corner{width:28px}"
            ".number{width:28px}</style>" + "".join(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=5)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    from simulator.interop.msel import export
    from simulator.language.validation import load_scenario

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        sheet = export(load_scenario(args.scenario), folder / "msel.xlsx", args.lang)
        (folder / "sheet.html").write_text(page(sheet, args.rows), encoding="utf-8")
        width = 1600
        height = 30 + 24 + 120 * args.rows
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--hide-scrollbars", f"--user-data-dir={folder / 'profile'}",
                        f"--window-size={width},{height}", f"--screenshot={args.out.resolve()}",
                        (folder / "sheet.html").as_uri()],
                       check=True, capture_output=True, timeout=120)
    print(f"{args.out}: the first {args.rows} rows of the MSEL sheet")


if __name__ == "__main__":
    main()
