"""The command line when its reader stops reading (`ttx schema | head`): no error text."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_a_closed_pipe_ends_quietly():
    proc = subprocess.Popen([sys.executable, "-m", "simulator.cli", "schema"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)  # the schema is far longer than a pipe holds
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 1
    assert err == ""
