"""benchmarks/debrief_time.py: both ways of building a debrief, their ratio, the same bytes."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import MINI, ROOT


def test_the_debrief_from_scratch_and_played_ahead_side_by_side():
    done = subprocess.run([sys.executable, "benchmarks/debrief_time.py", "--scenario", str(MINI),
                           "--repeats", "1", "--only", "run", "--workers", "1"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert re.search(r"^from scratch +(\d+\.\d\d +){3}\d+\.\d\d$", out, re.M)
    assert re.search(r"^replays played ahead +(\d+\.\d\d +){3}\d+\.\d\d$", out, re.M)
    assert re.search(r"^ahead ÷ from scratch: \d+\.\d\d$", out, re.M)
    assert "reports byte-identical: True" in out
