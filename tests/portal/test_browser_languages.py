"""The portal's pages in real headless Chromium, in every language: longer words (French,
Portuguese) must not break the layout. Each page is shot whole at a laptop's and a phone's
width; a page that spills sideways makes its shot wider than the window, and a probe names
any element that sticks out of the page or has its text cut off."""

from __future__ import annotations

import struct

import pytest

from simulator.i18n import LANGUAGES
from tests.portal.live_server import Client, PortalProcess
from tests.portal.test_browser import browser  # noqa: F401 (the fixture)
from tests.simulator.classroom.test_courses import COHORT

pytestmark = pytest.mark.slow

WINDOWS = {"laptop": (1280, 800), "phone": (390, 844)}

# What sticks out: an element whose right edge passes the page's (unless a box made to
# scroll sideways holds it, as wide tables are), or whose text its own box cuts off.
PROBE = """() => {
  const width = document.documentElement.clientWidth, out = [];
  const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX; if (x === "auto" || x === "scroll") return true; }
    return false; };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : "") +
    " '" + (el.innerText || "").trim().slice(0, 40) + "'";
  for (const el of document.querySelectorAll("body *")) {
    const style = getComputedStyle(el), box = el.getBoundingClientRect();
    if (style.display === "none" || style.visibility === "hidden" || box.width === 0) continue;
    if (box.right > width + 1 && !scrolls(el)) out.push("past the edge: " + name(el));
    const clips = style.overflowX === "hidden" || style.overflowX === "clip";
    if (clips && el.scrollWidth > el.clientWidth + 1) out.push("text cut off: " + name(el));
  }
  if (document.documentElement.scrollWidth > width + 1) out.push("the page scrolls sideways");
  return out.slice(0, 10);
}"""


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """A Portuguese-written shipped exercise at turn 2, in a Portuguese course of 25
    trainees with six in the force, and the trainees' codes."""
    server = PortalProcess(tmp_path_factory.mktemp("langs") / "ttx.db").start()
    instructor = Client(server.url, server.instructor_code)
    made = instructor.post("/api/exercises", {"name": "Exercício de validação",
                                              "scenario": "flood-season", "seed": 2,
                                              "lang": "pt", "bots": {}}).json()
    ex = made["id"]
    for name in ("start", "close", "open"):
        assert instructor.post(f"/api/exercises/{ex}/{name}").status_code == 200, name
    course = instructor.post("/api/courses", {
        "name": "Curso de proteção de civis 2027-1", "school": "Escola de manutenção da paz",
        "start": "2027-01-11", "end": "2027-01-22", "lang": "pt"}).json()["id"]
    ids = instructor.http.post(f"/api/courses/{course}/trainees/import",
                               content=COHORT.read_bytes(),
                               headers={"Content-Type": "text/csv",
                                        "X-CSRF-Token": instructor.csrf}).json()["ids"]
    assert instructor.post(f"/api/courses/{course}/exercises/{ex}",
                           {"teams": {"force": ids[:6]}}).status_code == 200
    trainees = instructor.post(f"/api/courses/{course}/trainee-codes").json()["codes"]
    server.exercise, server.codes, server.course = ex, made["codes"], course
    server.trainee_code = trainees[str(ids[0])]
    yield server
    server.kill()


def pages(portal) -> dict[str, list[str]]:
    """Every kind of page a classroom sees, by the code one joins with to see them."""
    ex, codes, c = portal.exercise, portal.codes, portal.course
    out = {"": ["/"], codes["evaluator"]: ["/evaluator", f"/courses/{c}/class"],
           portal.instructor_code: ["/instructor", "/instructor/new", f"/instructor/exercises/{ex}",
                                    f"/instructor/exercises/{ex}/turns/1",
                                    "/instructor/practice", "/instructor/courses",
                                    f"/instructor/courses/{c}",
                                    f"/instructor/courses/{c}/exercises/{ex}",
                                    f"/courses/{c}/cohort"],
           portal.trainee_code: ["/trainee"]}
    return out | {code: ["/team"] for code in codes["teams"].values()}


def joined(browser, url: str, code: str, lang: str, window: str):  # noqa: F811
    """A new browser profile reading in ``lang`` in a window of that kind, joined with
    ``code`` (none: a stranger)."""
    width, height = WINDOWS[window]
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_cookies([{"name": "ttx_lang", "value": lang, "url": url}])
    page = context.new_page()
    if code:
        page.goto(url + "/")
        page.fill("#code", code)
        page.click("form[action='/join'] button[type=submit]")
    return context, page


@pytest.mark.parametrize("window", WINDOWS)
def test_no_page_spills_or_cuts_text_in_any_language(browser, portal, window,  # noqa: F811
                                                     tmp_path):
    for code, paths in pages(portal).items():
        context, page = joined(browser, portal.url, code, "en", window)
        try:
            for lang in LANGUAGES:  # the reader's choice, as the language switch sets it
                context.add_cookies([{"name": "ttx_lang", "value": lang, "url": portal.url}])
                for path in paths:
                    page.goto(portal.url + path)
                    assert page.locator("html").get_attribute("lang") == lang, path
                    shot = page.screenshot(
                        full_page=True, path=tmp_path / f"{lang}{path.replace('/', '_')}.png")
                    assert png_size(shot)[0] == WINDOWS[window][0], \
                        f"{path} ({lang}) is wider than the window"
                    assert page.evaluate(PROBE) == [], f"{path} ({lang}, {window})"
        finally:
            context.close()


def test_the_probe_finds_a_word_too_long_for_its_box(browser, portal):  # noqa: F811
    context, page = joined(browser, portal.url, "", "pt", "phone")
    try:
        page.goto(portal.url + "/")
        assert page.evaluate(PROBE) == []
        page.evaluate("""() => { const b = document.querySelector("button");
            b.style.whiteSpace = "nowrap"; b.textContent = "Desconflitualização".repeat(4); }""")
        assert any(p.startswith("past the edge: button") for p in page.evaluate(PROBE))
        shot = page.screenshot(full_page=True)
        assert png_size(shot)[0] > WINDOWS["phone"][0]
    finally:
        context.close()
