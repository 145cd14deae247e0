"""`ttx serve` by hand, as a classroom would: the two first lines, pages, and no join code
in the server's output once used."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys

import httpx
import pytest

from tests.conftest import MINI, ROOT


@pytest.fixture
def server(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "simulator.cli", "serve", "--db",
                             str(tmp_path / "ttx.db"), "--port", "0"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    yield proc
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    proc.stdout.close()


def test_serve_prints_code_and_address_then_serves(server):
    first, second = server.stdout.readline(), server.stdout.readline()
    code = re.fullmatch(r"instructor code: ([A-Z2-7]{5}(?:-[A-Z2-7]{1,5}){5})\n", first).group(1)
    url = re.fullmatch(r"listening on (http://127\.0\.0\.1:\d+/)\n", second).group(1)
    with httpx.Client(base_url=url, timeout=30) as browser:
        assert "<form" in browser.get("/").text  # listening as soon as the line is out
        r = browser.post("/join", data={"code": code})
        assert (r.status_code, r.headers["location"]) == (303, "/instructor")
        csrf = re.search(r'name="csrf" value="([^"]+)"', browser.get("/instructor").text).group(1)
        r = browser.post("/api/exercises", headers={"X-CSRF-Token": csrf}, json={
            "name": "Live", "scenario_text": MINI.read_text(), "seed": 1, "lang": "fr"})
        assert r.status_code == 201
        codes = [*r.json()["codes"]["teams"].values(), r.json()["codes"]["evaluator"]]
        for team_code in codes:
            with httpx.Client(base_url=url, timeout=30) as phone:
                assert phone.post("/join", data={"code": team_code}).status_code == 303
                assert phone.get("/lang/fr", params={"next": "/"}).status_code == 303
        assert browser.get("/static/style.css").status_code == 200
    server.send_signal(signal.SIGINT)
    output = server.stdout.read()
    server.wait(timeout=20)
    assert "POST /join" in output  # the access log is there ...
    assert code not in output  # ... but no code: they travel in bodies only
    assert not any(c in output or c.replace("-", "") in output for c in codes)


def test_serve_says_when_it_cannot_listen(tmp_path):
    import socket
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "simulator.cli", "serve", "--db",
                            str(tmp_path / "ttx.db"), "--port", str(port)], cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and f"cannot listen on 127.0.0.1:{port}" in r.stderr
