"""A language added as docs/translating.md says, with no change to the code: a copy of the
program gains a Hausa catalogue (the guide's `pybabel init`, a few texts translated), and
the command line offers it, speaks it, checks it, accepts it in a scenario and writes an
MSEL sheet in it."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINI, with_language

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
VALID = "{path}: valid ({locations} locations, {teams} teams, {actions} actions, {injects} injects)"


def ttx(tree: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([sys.executable, "-m", "simulator.cli", *args], cwd=tree, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """A copy of the program with a Hausa catalogue begun as the guide says."""
    from babel.messages.pofile import read_po, write_po

    out = tmp_path_factory.mktemp("copy")
    for part in ("simulator", "debrief", "agents", "scenarios"):
        shutil.copytree(ROOT / part, out / part,
                        ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run([sys.executable, "-c", "from babel.messages.frontend import main; main()",
                    "init", "-i", "simulator/locale/ttx.pot", "-d", "simulator/locale",
                    "-D", "ttx", "-l", "ha"], cwd=out, check=True, capture_output=True)
    po = out / "simulator" / "locale" / "ha" / "LC_MESSAGES" / "ttx.po"
    with po.open("rb") as f:
        catalog = read_po(f)
    catalog[VALID].string = "HA " + VALID  # a translator's first text
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    po.write_bytes(buffer.getvalue())
    return out


def test_the_new_language_is_offered_and_spoken(tree):
    listed = ttx(tree, "languages")
    assert listed.returncode == 0 and "\nha:\n" in listed.stdout
    said = ttx(tree, "--lang", "ha", "validate", "scenarios/flood-season.yaml")
    assert said.returncode == 0, said.stderr
    assert said.stdout.startswith("HA scenarios/flood-season.yaml: valid (14 locations")
    checked = ttx(tree, "languages", "--check")  # the rest is still to translate
    assert checked.returncode == 2 and "ha: missing: " in checked.stderr


def test_a_scenario_may_be_written_in_it_and_is_played_in_it(tree, tmp_path):
    source = tmp_path / "mini-ha.yaml"
    source.write_text(with_language(MINI.read_text(), "ha"), encoding="utf-8")
    said = ttx(tree, "validate", str(source))
    assert said.returncode == 0, said.stderr
    assert said.stdout.splitlines()[1] == "  languages: English, French, Hausa"
    played = ttx(tree, "--lang", "ha", "run", str(source), "--quiet", "--no-debrief",
                 "--out", str(tmp_path / "run"))
    assert played.returncode == 0, played.stderr
    refused = ttx(tree, "--lang", "ha", "run", "scenarios/flood-season.yaml", "--quiet",
                  "--no-debrief", "--out", str(tmp_path / "refused"))
    assert refused.returncode != 0 and "--fallback-english" in refused.stderr
    assert not (tmp_path / "refused").exists()
    sheet = ttx(tree, "msel", "export", str(source), "--lang", "ha", "--out",
                str(tmp_path / "msel.xlsx"))
    assert sheet.returncode == 0, sheet.stderr
    from openpyxl import load_workbook
    rows = list(load_workbook(tmp_path / "msel.xlsx")["Reference"].iter_rows(values_only=True))
    # The languages' names as Hausa writes them (CLDR), the rest still English.
    assert rows[0][1:4] == ("Name (Turanci)", "Name (Faransanci)", "Name (Hausa)")
