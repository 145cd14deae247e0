"""The load benchmarks still run against the portal as it is: a short run of each prints
its table (the figures themselves depend on the machine)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run(*args: str) -> str:
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.slow  # real servers in subprocesses
def test_portal_load_prints_submit_beside_the_floor():
    out = run("benchmarks/portal_load.py", "--teams", "3", "--rounds", "2", "--turns", "2",
              "--cases", "quiet")
    row = next(line for line in out.splitlines() if line.startswith("quiet"))
    numbers = [float(x) for x in re.findall(r"\d+\.\d+", row)]
    assert len(numbers) >= 7 and all(n > 0 for n in numbers[:6])  # p50-p99 twice, ratio
    assert "target: submit p99 at most 3x the floor's p99" in out


@pytest.mark.slow  # a real server, killed and started again
def test_restart_state_finds_the_same_state_after_each_restart():
    out = run("benchmarks/restart_state.py", "--turns", "2", "--restarts", "1")
    assert re.search(r"first state after a restart \(ms\): \d+; median \d+", out)
