"""benchmarks/sweep.py: the three places replays run, side by side, the same seed for seed."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import MINI, ROOT


def test_this_process_local_processes_and_dask_give_the_same_sweep():
    done = subprocess.run([sys.executable, "benchmarks/sweep.py", "--scenario", str(MINI),
                           "--seeds", "2", "--repeats", "1"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines[0] == "mini, 2 seeds, doctrine bots, median of 1"
    assert [line.split()[0] for line in lines[2:5]] == ["this", "2", "Dask,"]
    assert lines[2].endswith("1.00×")
    assert lines[-1] == "same result seed for seed"
