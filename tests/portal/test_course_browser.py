"""One course end to end in headless Chromium, through the pages only: a course created,
25 trainees imported from CSV, two exercises played with teams formed from the cohort, an
evaluator's sign-off on the class view, and the certificates printed to PDF."""

from __future__ import annotations

import pytest

from tests.debrief.test_print import A4, pdf_pages
from tests.portal.live_server import MINI, PortalProcess
from tests.portal.test_browser import browser, command, join  # noqa: F401 (a fixture)
from tests.simulator.classroom.test_courses import COHORT

pytestmark = pytest.mark.slow


def new_exercise(instructor, name: str, seed: str) -> tuple[str, str]:
    """An exercise of the mini world, the force played by trainees and the other teams by
    doctrine bots: its number and the evaluator's code."""
    instructor.goto(instructor.url.split("/instructor")[0] + "/instructor/new")
    instructor.fill("#name", name)
    instructor.set_input_files("#upload", str(MINI))
    instructor.fill("#seed", seed)
    instructor.click("form[action='/instructor/new'] button[type=submit]")
    for team in ("police", "civilian", "humanitarian"):
        instructor.select_option(f"#bot_{team}", "doctrine")
    instructor.click("form[action='/instructor/exercises'] button[type=submit]")
    slips = instructor.locator(".slip")
    codes = {slips.nth(i).locator("h2").inner_text(): slips.nth(i).locator(".code").inner_text()
             for i in range(slips.count())}
    evaluator = next(c for title, c in codes.items() if not title.endswith("Force"))
    instructor.click("a.button[href^='/instructor/exercises/']")
    return instructor.url.rstrip("/").rsplit("/", 1)[1], evaluator


def play_to_the_end(instructor, ex: str) -> None:
    instructor.goto(instructor.url.split("/instructor")[0] + f"/instructor/exercises/{ex}")
    command(instructor, ex, "start")
    command(instructor, ex, "close")
    for _ in range(3):  # the mini exercise has four turns
        command(instructor, ex, "open")
        command(instructor, ex, "close")


def test_a_course_from_enrolment_to_printed_certificates(browser, tmp_path):  # noqa: F811
    portal = PortalProcess(tmp_path / "ttx.db").start()
    try:
        instructor = join(browser, portal.url, portal.instructor_code)
        first, evaluator_code = new_exercise(instructor, "Delta, syndicate A", "4")
        second, _ = new_exercise(instructor, "Delta, syndicate B", "4")

        instructor.goto(portal.url + "/instructor")
        instructor.click("a[href='/instructor/courses']")
        form = instructor.locator("form[action='/instructor/courses']")
        form.locator("[name=name]").fill("PoC course 2027-1")
        form.locator("[name=school]").fill("École de maintien de la paix")
        form.locator("[name=start]").fill("2027-01-11")
        form.locator("[name=end]").fill("2027-01-22")
        form.locator("[name=lang]").select_option("fr")
        form.locator("button").click()
        course_url = instructor.url
        instructor.set_input_files("form[action$='/import'] input[type=file]", str(COHORT))
        instructor.click("form[action$='/import'] button")
        assert "(25)" in instructor.locator("h2", has_text="(25)").inner_text()

        names = [line.split(",")[0] for line in COHORT.read_text(encoding="utf-8").splitlines()]
        for ex, members in ((first, names[1:4]), (second, names[4:7])):
            instructor.goto(course_url)
            instructor.click(f"a[href$='/exercises/{ex}']")
            assert instructor.locator("select[name^=team_]").count() == 25
            for name in members:
                instructor.locator(f"select[aria-label$='{name}']").select_option("force")
            instructor.click(f"form[action$='/exercises/{ex}'] button")
            assert instructor.url == course_url
            play_to_the_end(instructor, ex)
        instructor.goto(course_url)
        assert names[1] == "Aïssata Asante"
        assert instructor.locator("td", has_text="Aïssata Asante").count() == 2  # team, cohort

        evaluator = join(browser, portal.url, evaluator_code)
        evaluator.click("a[href$='/class']")
        row = evaluator.locator("tr", has_text="Aïssata Asante")
        sign = row.locator("form.signoff").first  # the first competency of the framework
        sign.locator("[name=status]").select_option("met")
        sign.locator("[name=evaluator]").fill("Col. Keïta")
        sign.locator("[name=comment]").fill("Led the force's patrols.")
        sign.locator("button").click()
        assert "Col. Keïta" in evaluator.locator("tr", has_text="Aïssata Asante").inner_text()

        instructor.goto(course_url)
        instructor.click("a[href$='/certificates']")
        assert instructor.locator("section.certificate").count() == 25
        mine = instructor.locator("section.certificate", has_text="Aïssata Asante")
        assert "Col. Keïta" in mine.inner_text()
        assert "Delta, syndicate A" in mine.inner_text()
        assert "Delta, syndicate B" not in mine.inner_text()
        pdf = tmp_path / "certificates.pdf"
        instructor.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        pages = pdf_pages(pdf.read_bytes())
        assert len(pages) == 25
        assert all(abs(p["size"][0] - A4[0]) <= 1 and abs(p["size"][1] - A4[1]) <= 1
                   for p in pages)
    finally:
        portal.kill()
