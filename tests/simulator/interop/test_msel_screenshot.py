"""The instructor guide's picture of the MSEL sheet is drawn by its script, from the sheet
`ttx msel export` writes (headless Chromium)."""

import os
import shutil
import struct
import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_the_guide_shows_the_sheet_its_script_draws(tmp_path):
    if not shutil.which("chromium") and not os.access("/usr/bin/chromium", os.X_OK):
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true: .ci/run should have installed chromium")
        pytest.skip("headless Chromium is not installed")
    out = tmp_path / "sheet.png"
    done = subprocess.run([sys.executable, str(ROOT / "docs" / "msel" / "screenshot.py"),
                           str(ROOT / "scenarios" / "flood-season.yaml"), str(out),
                           "--rows", "4"], capture_output=True, text=True, timeout=180,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{out}: the first 4 rows of the MSEL sheet\n"
    width, height = struct.unpack(">II", out.read_bytes()[16:24])  # the PNG's IHDR
    assert (width, height) == (1600, 534)
    assert "![The MSEL sheet of the flood scenario, as a spreadsheet program shows it]" \
        "(msel/sheet.png)" in (ROOT / "docs" / "instructor-guide.md").read_text()
    assert (ROOT / "docs" / "msel" / "sheet.png").read_bytes()[16:24] == \
        out.read_bytes()[16:24]
