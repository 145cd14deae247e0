"""`ttx serve` run in the test's own process up to the moment it would serve: what it
printed, its exit code, and the application and uvicorn settings it built."""

from __future__ import annotations

import os
from dataclasses import dataclass

import uvicorn

from simulator.cli import main


@dataclass
class Served:
    code: int
    out: str
    err: str
    config: uvicorn.Config | None

    @property
    def app(self):
        return self.config.app

    def line(self, start: str) -> str | None:
        """The printed line that starts with ``start``, without it."""
        found = [line[len(start):] for line in self.out.splitlines() if line.startswith(start)]
        return found[0] if found else None


def dry_serve(monkeypatch, capsys, *args: str) -> Served:
    """``ttx serve --port 0 ARGS``; uvicorn's run only closes the socket it was given."""
    seen = {}

    def run(server, sockets=None):
        seen["config"] = server.config
        for sock in sockets or ():
            sock.close()

    monkeypatch.setattr(uvicorn.Server, "run", run)
    capsys.readouterr()
    umask = os.umask(0o022)  # serve sets the process's umask: the test's is put back
    os.umask(umask)
    try:
        code = main(["serve", "--port", "0", *args])
    finally:
        os.umask(umask)
    out, err = capsys.readouterr()
    return Served(code, out, err, seen.get("config"))
