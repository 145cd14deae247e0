"""benchmarks/startup.py: each reading command beside importing the world model."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_each_command_has_its_median_and_its_ratio_to_the_world_model():
    done = subprocess.run([sys.executable, "benchmarks/startup.py", "--runs", "1"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = {line[:30].strip(): line[30:].split() for line in done.stdout.splitlines()[1:]}
    assert set(rows) == {"python (nothing imported)", "ttx --help", "ttx validate",
                         "ttx schema", "import simulator.play.exercise"}
    assert rows["import simulator.play.exercise"][1] == "1.00"
    assert all(float(seconds) > 0 for seconds, _ in rows.values())
