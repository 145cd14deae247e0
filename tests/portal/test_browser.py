"""End to end in real headless Chromium: instructor → two teams → close turn → evaluator
note → debrief link, through the pages a classroom uses (no API calls)."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.portal.live_server import MINI, PortalProcess

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium")
                                        else None)
# As root in a closed network: no sandbox, and no background requests to Google.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "playwright is not installed (pip install -e '.[test]')"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: {reason}")
        pytest.skip(reason)
    if CHROMIUM is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true: no chromium; .ci/run should have installed it")
        pytest.skip("no chromium on this machine (Debian package 'chromium')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def join(browser, url: str, code: str):
    """A new browser profile (its own cookies) that joins with a code."""
    page = browser.new_context().new_page()
    page.goto(url + "/")
    page.fill("#code", code)
    page.click("form[action='/join'] button[type=submit]")
    return page


def add_order(page, action: str, **fields: str) -> None:
    form = page.locator(f"form[action='/team/orders']:has(input[name=action][value={action}])")
    page.locator("details.action", has=form).locator("summary").click()  # folded by default
    for name, value in fields.items():
        form.locator(f"[name=p_{name}]").select_option(value)
    form.locator("button[type=submit]").click()


def command(page, ex: str, name: str) -> None:
    page.click(f"form[action='/instructor/exercises/{ex}/command/{name}'] button")


def test_a_classroom_turn_in_the_browser(browser, tmp_path):
    portal = PortalProcess(tmp_path / "ttx.db").start()
    try:
        instructor = join(browser, portal.url, portal.instructor_code)
        assert instructor.url.endswith("/instructor")
        instructor.click("a[href='/instructor/new']")
        instructor.fill("#name", "Classroom")
        instructor.set_input_files("#upload", str(MINI))
        instructor.fill("#seed", "4")
        instructor.click("form[action='/instructor/new'] button[type=submit]")
        # Two teams played by trainees, two by bots.
        instructor.select_option("#bot_civilian", "doctrine")
        instructor.select_option("#bot_humanitarian", "passive")
        instructor.click("form[action='/instructor/exercises'] button[type=submit]")
        slips = instructor.locator(".slip")
        codes = {slips.nth(i).locator("h2").inner_text(): slips.nth(i).locator(".code")
                 .inner_text() for i in range(slips.count())}
        force_code = next(c for name, c in codes.items() if name.endswith("Force"))
        police_code = next(c for name, c in codes.items() if name.endswith("Police"))
        evaluator_code = next(c for name, c in codes.items() if "Force" not in name
                              and "Police" not in name)
        assert len(codes) == 3  # two teams and the evaluator: bots need no code
        instructor.click("a.button[href^='/instructor/exercises/']")
        ex = instructor.url.rstrip("/").rsplit("/", 1)[1]
        command(instructor, ex, "start")

        force = join(browser, portal.url, force_code)
        police = join(browser, portal.url, police_code)
        add_order(force, "patrol", unit="coy_a", location="village")
        assert "patrol" in force.locator("ol.orders").inner_text()
        add_order(police, "patrol", unit="fpu", location="town")
        add_order(police, "patrol", unit="fpu", location="site")  # the unit has an order
        assert police.locator("p.error[role=alert]").count() == 1
        assert police.locator("ol.orders li").count() == 1

        instructor.reload()
        command(instructor, ex, "close")
        force.reload()
        assert force.locator("form[action='/team/orders']").count() == 0  # turn closed

        evaluator = join(browser, portal.url, evaluator_code)
        evaluator.select_option("#note-team", "force")
        evaluator.fill("#note-text", "Patrol ordered to the village before the warning ran out.")
        evaluator.click("form[action='/evaluator/notes'] button[type=submit]")
        assert "before the warning ran out" in evaluator.locator("ul.notes").inner_text()

        for _ in range(3):  # the mini exercise has four turns
            command(instructor, ex, "open")
            command(instructor, ex, "close")
        instructor.click(f"a.button[href='/exercises/{ex}/debrief']")
        assert "After-action report" in instructor.locator("h1").first.inner_text()
    finally:
        portal.kill()
