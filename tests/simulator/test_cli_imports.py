"""The commands that only read a scenario start at once: they never import the world
model's libraries, the charts, the web server, the debrief or the portal."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

HEAVY = ("matplotlib", "mesa", "fastapi", "uvicorn", "debrief", "simulator.portal",
         "networkx", "scipy", "simulator.world.model", "simulator.play.exercise")

# Runs the command line in a fresh interpreter, then prints what it had imported.
PROBE = """
import json, sys
from simulator.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


def imported(*argv: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], cwd=ROOT, check=True,
                          capture_output=True, text=True, timeout=120)
    return set(json.loads(done.stdout.splitlines()[-1]))


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.mark.parametrize("argv", [("--help",), ("validate", "scenarios/poc-inner-delta.yaml"),
                                  ("schema",), ("run", "--help")])
def test_reading_commands_leave_the_heavy_libraries_alone(argv):
    modules = imported(*argv)
    assert "simulator.cli" in modules
    assert heavy(modules) == []


def test_the_probe_sees_what_a_playing_command_imports(tmp_path):
    """The same probe on a command that plays: the world model is there (the test above
    would fail if the engine were imported at start-up)."""
    modules = imported("run", "scenarios/poc-inner-delta.yaml", "--bots", "all=passive",
                       "--no-debrief", "--quiet", "--out", str(tmp_path / "run"))
    assert {"mesa", "simulator.play.exercise"} <= set(heavy(modules))
    assert "matplotlib" not in modules


def test_the_package_still_offers_its_names():
    from simulator import Exercise, load_scenario

    assert Exercise.__name__ == "Exercise" and callable(load_scenario)
