"""A real portal server in its own process, for crash, concurrency and load tests.

``PortalProcess`` starts ``ttx serve`` on a free port, reads the instructor code it
prints on the first start, and can be killed with SIGKILL and started again on the same
database.
``Client`` speaks the portal's JSON API as one joined user (session cookie + CSRF token).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import yaml

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PortalProcess:
    """``ttx serve --db DB [ARGS]`` in a child process. The instructor code is printed on
    the first start only; a restart on the same database keeps using it, and a database
    made elsewhere (a backup) is started with the code it was made with."""

    def __init__(self, db: Path, *args: str, instructor_code: str = ""):
        self.db, self.args, self.proc, self.url = db, args, None, ""
        self.instructor_code = instructor_code
        self.lines: list[str] = []  # what the server printed up to its address, this start
        self.output: list[str] = []  # what the server printed after that

    def start(self, timeout: float = 60) -> PortalProcess:
        port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "simulator.cli", "serve", "--db", str(self.db),
             "--port", str(port), *self.args], cwd=ROOT, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self.lines = []
        while not self.lines or "listening on " not in self.lines[-1]:
            line = self.proc.stdout.readline()
            if not line or len(self.lines) > 20:
                self.kill()
                raise RuntimeError(f"ttx serve printed {self.lines!r}")
            self.lines.append(line)
            if line.startswith("instructor code: "):
                self.instructor_code = line.split(": ", 1)[1].strip()
        if not self.instructor_code:
            self.kill()
            raise RuntimeError(f"ttx serve printed no instructor code: {self.lines!r}")
        # Keep reading what the server prints (the access log): a full pipe would block it.
        threading.Thread(target=self._drain, args=(self.proc.stdout,), daemon=True).start()
        self.url = self.lines[-1].split("listening on ", 1)[1].strip().rstrip("/")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:  # the lines come before uvicorn listens
            try:  # a self-signed certificate is checked by the TLS tests, not here
                httpx.get(self.url + "/", timeout=1, verify=False)
                return self
            except httpx.TransportError:
                time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"the portal did not answer on {self.url} in {timeout} s")

    def _drain(self, stream) -> None:
        try:
            for line in stream:
                self.output.append(line)
        except ValueError:  # closed by kill()
            pass

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, as in a crash or a flat battery."""
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()


class Client:
    """One joined user of the JSON API."""

    def __init__(self, url: str, code: str):
        self.http = httpx.Client(base_url=url, timeout=60)
        r = self.http.post("/api/join", json={"code": code})
        r.raise_for_status()
        self.me = r.json()
        self.csrf = self.me["csrf"]

    def rebase(self, url: str) -> None:
        """The same session against a restarted server (sessions live in the database)."""
        cookies = self.http.cookies
        self.http.close()
        self.http = httpx.Client(base_url=url, timeout=60, cookies=cookies)

    def post(self, path: str, body: dict | None = None, key: str | None = None):
        headers = {"X-CSRF-Token": self.csrf}
        if key:
            headers["Idempotency-Key"] = key
        return self.http.post(path, json=body or {}, headers=headers)

    def state(self, ex: int) -> dict:
        r = self.http.get(f"/api/exercises/{ex}/state")
        r.raise_for_status()
        return r.json()


def many_teams_scenario(n: int) -> str:
    """The mini world with ``n`` extra civilian teams that can all share information."""
    data = yaml.safe_load(MINI.read_text())
    names = [f"t{i:02d}" for i in range(1, n + 1)]
    data["metadata"]["id"] = f"mini-{n}-teams"
    data["teams"] += [{"id": t, "name": {"en": f"Team {t}", "fr": f"Équipe {t}"},
                       "role": "civilian"} for t in names]
    share = next(a for a in data["actions"] if a["id"] == "share")
    share["team"] = list(share["team"]) + names
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def create(instructor: Client, scenario_text: str, seed: int = 1) -> dict:
    r = instructor.post("/api/exercises", {"name": "test", "scenario_text": scenario_text,
                                           "seed": seed, "lang": "en", "bots": {}})
    if r.status_code != 201:
        raise RuntimeError(f"create: {r.status_code} {r.text}")
    return r.json()
