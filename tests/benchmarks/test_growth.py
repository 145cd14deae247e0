"""benchmarks/growth.py: one row per number of armed groups, a column per turn (beyond the
district's four), the slope."""

from __future__ import annotations

import subprocess
import sys

import pytest

from benchmarks.growth import slope
from tests.conftest import ROOT


def test_the_table_has_a_row_per_armed_groups_and_a_cell_per_turn():
    done = subprocess.run([sys.executable, "benchmarks/growth.py", "--places", "40",
                           "--civilians", "5000", "--turns", "5", "--armed-groups", "1,2"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines[0] == "40 places, 5,000 civilians, doctrine bots; seconds per turn"
    assert [c.strip() for c in lines[1].split("|")] == \
        ["armed groups", *(f"turn {t}" for t in range(1, 6)), "slope s/turn"]
    rows = [[c.strip() for c in line.split("|")] for line in lines[2:]]
    assert [r[0] for r in rows] == ["1", "2"]
    for r in rows:
        seconds = [float(c) for c in r[1:6]]  # a district of four turns, played on to five
        assert all(s > 0 for s in seconds)
        assert float(r[6]) == pytest.approx(slope(seconds), abs=1e-3)


def test_the_slope_is_least_squares_over_the_turn_number():
    assert slope([1.0, 2.0, 3.0]) == pytest.approx(1.0)
    assert slope([2.0, 2.0, 2.0, 2.0]) == pytest.approx(0.0)
    assert slope([0.0, 1.0, 0.0]) == pytest.approx(0.0)


def test_fewer_than_two_turns_is_refused():
    done = subprocess.run([sys.executable, "benchmarks/growth.py", "--turns", "1"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--turns must be 2 or more" in done.stderr
