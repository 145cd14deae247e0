"""The HTML debrief printed by headless Chromium: A4 pages, none blank, nothing cut off.

The demo's report (in every language) is printed to PDF with Chromium. The PDF is read
here with the standard library (its page objects are plain text in Skia's output), so the
test needs nothing but the `chromium` package. To check the width in the *print* layout,
the page is printed from a copy of report.html with one extra <script>: when Chromium
switches the page to print media, the script measures every element against the printable
width of the A4 page and writes the result into the document title, which Chromium stores
as the PDF's /Title. Without Chromium the test is skipped, except in CI (CI=true), where it
fails: .ci/run installs it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.i18n import LANGUAGES

# Headless as root in a closed network: no sandbox, and no background requests.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-pdf-header-footer"]
A4 = (595.28, 841.89)  # points
MARK = "PRINTCHECK"

# Runs in the print layout (the matchMedia listener fires when Chromium switches to print
# media, before it paints the pages). Widths in CSS px. The printable width is the A4 page
# (210 mm) less the @page margins; the layout width is the width Chromium laid the page out
# at: wider than the printable width means it shrank the whole page to fit ("shrink to
# fit"), which makes every font smaller. Title text is kept to plain ASCII.
PROBE = """<script>
(function () {
  var TOL = 1;
  function pageMargins() {
    var left = null, right = null;
    for (var i = 0; i < document.styleSheets.length; i++) {
      var rules = document.styleSheets[i].cssRules;
      for (var j = 0; j < rules.length; j++) {
        if (rules[j] instanceof CSSPageRule) {
          left = rules[j].style.marginLeft || left;
          right = rules[j].style.marginRight || right;
        }
      }
    }
    return [left, right];
  }
  function printableWidth() {
    var m = pageMargins();
    if (m[0] === null || m[1] === null) return -1;
    var probe = document.createElement("div");
    probe.style.cssText = "position:absolute;visibility:hidden;height:0;width:calc(210mm - "
      + m[0] + " - " + m[1] + ")";
    document.body.appendChild(probe);
    var w = probe.getBoundingClientRect().width;
    probe.remove();
    return w;
  }
  function clean(s) { return s.replace(/\\s+/g, " ").replace(/[^A-Za-z0-9 _.,:=#\\[\\]-]/g, "?"); }
  function describe(el, r) {
    var cls = el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : "";
    return clean(el.tagName.toLowerCase() + cls + " [" + (el.textContent || "").trim().slice(0, 40)
      + "] right=" + r.right.toFixed(1) + " left=" + r.left.toFixed(1));
  }
  function innermost(list) {
    return list.filter(function (a) {
      return !list.some(function (b) { return b[0] !== a[0] && a[0].contains(b[0]); });
    });
  }
  function measure() {
    var width = printableWidth();
    var layout = document.documentElement.clientWidth;
    var origin = document.body.getBoundingClientRect().left;
    var cut = [], wide = [], right = 0, all = document.body.querySelectorAll("*");
    for (var i = 0; i < all.length; i++) {
      var r = all[i].getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      right = Math.max(right, r.right);
      // Beyond the edge of the (possibly shrunk) page: not printed at all.
      if (r.right > Math.max(width, layout) + TOL || r.left < -TOL) cut.push([all[i], r]);
      // Wider than the printable width, measured from the body's left edge: the culprits.
      if (r.right - origin > width + TOL || r.left < origin - TOL) wide.push([all[i], r]);
    }
    // Name the innermost culprits (the cell, not the table, row and cell around it).
    document.title = "PRINTCHECK width=" + width.toFixed(2) + " layout=" + layout
      + " right=" + right.toFixed(2) + " cut=" + cut.length + " wide=" + wide.length + " :: "
      + innermost(wide).slice(0, 6).map(function (a) { return describe(a[0], a[1]); }).join(" | ");
  }
  var print = window.matchMedia("print");
  print.addEventListener("change", function () { if (print.matches) measure(); });
})();
</script>
"""


def _chromium() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if os.access(path, os.X_OK):
        return path
    reason = "headless Chromium is not installed (Debian: apt-get install chromium); " \
             "the printed debrief cannot be checked"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}. CI=true: .ci/run should have installed it.")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium() -> str:
    return _chromium()


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    """The demo's report in English (written by `ttx demo`) and in every other language
    (`ttx debrief`): longer words must not break the page."""
    base = tmp_path_factory.mktemp("print")
    run = base / "run"
    assert main(["demo", "--out", str(run), "--quiet", "--team-seeds", "1"]) == 0
    out = {"en": run / "debrief" / "report.html"}
    for lang in LANGUAGES[1:]:
        assert main(["--lang", lang, "debrief", str(run), "--out", str(base / lang), "--quiet",
                     "--team-seeds", "1"]) == 0
        out[lang] = base / lang / "report.html"
    return out


def print_to_pdf(chromium: str, html: Path, folder: Path) -> bytes:
    """Print a copy of `html` with the PROBE script to folder/report.pdf; its bytes."""
    source = html.read_text(encoding="utf-8")
    assert source.count("</head>") == 1
    copy = folder / "report-probe.html"
    copy.write_text(source.replace("</head>", PROBE + "</head>"), encoding="utf-8")
    pdf = folder / "report.pdf"
    profile = folder / "chromium-profile"
    profile.mkdir()
    proc = subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}",
                           f"--print-to-pdf={pdf}", copy.as_uri()],
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0 and pdf.is_file() and pdf.stat().st_size > 0, \
        f"chromium exited {proc.returncode} without a PDF:\n{proc.stderr[-3000:]}"
    return pdf.read_bytes()


def _objects(data: bytes) -> dict[int, bytes]:
    """Every indirect object of an uncompressed-xref PDF, by number (dict text + stream)."""
    starts = [(int(m.group(1)), m.end()) for m in re.finditer(rb"(?m)^(\d+) 0 obj\b", data)]
    out = {}
    for i, (num, start) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else len(data)
        out[num] = data[start:end]
    return out


def _stream(obj: bytes, objects: dict[int, bytes]) -> bytes:
    m = re.search(rb"/Length (\d+)( 0 R)?.*?>>\s*stream\r?\n", obj, re.S)
    length = int(objects[int(m.group(1))].split(b"endobj")[0]) if m.group(2) else int(m.group(1))
    raw = obj[m.end():m.end() + length]
    return zlib.decompress(raw) if b"/FlateDecode" in obj[:m.end()] else raw


def pdf_pages(data: bytes) -> list[dict]:
    """Each page's MediaBox (width, height) and whether its content draws text or images."""
    objects = _objects(data)
    counts = [int(c) for c in re.findall(rb"/Type /Pages\b.*?/Count (\d+)", data, re.S)]
    tree_box = re.search(rb"/Type /Pages\b[^>]*?/MediaBox \[([^\]]*)\]", data)
    pages = []
    for obj in objects.values():
        head = obj.split(b"stream", 1)[0]
        if not re.search(rb"/Type /Page\b", head):
            continue
        box = re.search(rb"/MediaBox \[([^\]]*)\]", head) or tree_box
        assert box, "a page without a MediaBox"
        x0, y0, x1, y1 = (float(v) for v in box.group(1).split())
        refs = re.search(rb"/Contents (\[[^\]]*\]|\d+ 0 R)", head)
        contents = [int(n) for n in re.findall(rb"(\d+) 0 R", refs.group(1))] if refs else []
        ops = b"".join(_stream(objects[n], objects) for n in contents)
        pages.append({"size": (x1 - x0, y1 - y0),
                      "drawn": bool(re.search(rb"\b(Tj|TJ|Do)\b", ops))})
    assert counts and len(pages) == max(counts), (len(pages), counts)
    return pages


def pdf_title(data: bytes) -> str:
    m = re.search(rb"/Title <FEFF([0-9A-Fa-f]*)>", data)
    if m:
        return bytes.fromhex(m.group(1).decode()).decode("utf-16-be")
    m = re.search(rb"/Title \(((?:[^\\)]|\\.)*)\)", data, re.S)
    return re.sub(rb"\\(.)", rb"\1", m.group(1)).decode("latin-1") if m else ""


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_report_prints_on_a4_without_cut_off(chromium, reports, lang, tmp_path):
    data = print_to_pdf(chromium, reports[lang], tmp_path)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")

    pages = pdf_pages(data)
    wrong = [(i + 1, p["size"]) for i, p in enumerate(pages)
             if abs(p["size"][0] - A4[0]) > 1 or abs(p["size"][1] - A4[1]) > 1]
    assert not wrong, f"pages not A4 portrait (595 x 842 pt): {wrong}"
    # The demo's report: summary, objectives, plan, counterfactuals, four figures and a
    # long annex of injects and decisions (16 pages in 2026). Far fewer means sections or
    # rows went missing; far more, a broken layout (a page per row, a forced break...).
    assert 8 <= len(pages) <= 40, f"{len(pages)} pages"
    blank = [i + 1 for i, p in enumerate(pages) if not p["drawn"]]
    assert not blank, f"blank pages: {blank}"

    title = pdf_title(data)
    assert title.startswith(MARK), (
        "the print-layout probe did not report (Chromium no longer runs matchMedia('print') "
        f"listeners before printing?); PDF title: {title!r}")
    head, _, culprits = title.partition("::")  # document.title drops trailing spaces
    fields = dict(re.findall(r"(\w+)=(-?[\d.]+)", head))
    width, layout = float(fields["width"]), float(fields["layout"])
    assert width > 0, "report.html has no @page rule with left and right margins"
    assert fields["cut"] == "0", (
        f"{fields['cut']} elements cross the edge of the page and are cut off; too wide for "
        f"the printable width of {width:.1f} px: {culprits}")
    assert layout <= width + 1, (
        f"Chromium laid the page out {layout:.0f} px wide for a printable width of "
        f"{width:.0f} px and shrank the whole report to fit; too wide: {culprits}")
    assert fields["wide"] == "0", f"wider than the printable width ({width:.1f} px): {culprits}"
