"""The floor of the portal load benchmark: the least a durable submission can cost here.

    python benchmarks/floor_server.py --db DB --port PORT

A second server on the portal's own database file, with one endpoint that commits one row
through ``simulator.classroom.store.Store`` (so with the portal's durability: WAL, ``synchronous=
FULL``, ``BEGIN IMMEDIATE``, the same busy timeout), served by uvicorn as ``ttx serve``
serves the portal (a plain ``def`` endpoint in the threadpool, access log on). Whatever a
portal submission costs beyond this is the portal's own. Not part of the portal: the
production app has no such endpoint.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fastapi import Body, FastAPI  # noqa: E402

from simulator.classroom.store import Store  # noqa: E402

TABLE = """CREATE TABLE IF NOT EXISTS floor_row (
    id INTEGER PRIMARY KEY, body TEXT NOT NULL, created REAL NOT NULL);"""


def create_floor_app(db: str | Path) -> FastAPI:
    store = Store(db)
    store.add_schema(TABLE)
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/")
    def ready():
        return {"floor": True}

    # Writers queue on a lock, as the portal's do on their exercise's lock: without it,
    # 30 threads contending for SQLite's write lock sleep in its busy handler (1, 2, 5 ...
    # 100 ms), and the floor would measure that back-off rather than the commit.
    queue = threading.Lock()

    @app.post("/floor")
    def floor(body: dict = Body(...)):  # noqa: B008 (FastAPI's way of reading a body)
        with queue, store.write() as db:
            seq = db.execute("INSERT INTO floor_row (body, created) VALUES (?, ?)",
                             (json.dumps(body, sort_keys=True), time.time())).lastrowid
        return {"seq": seq}

    return app


def main() -> int:
    import uvicorn

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("--port", type=int, required=True)
    args = p.parse_args()
    app = create_floor_app(args.db)
    print(f"listening on http://127.0.0.1:{args.port}/", flush=True)
    config = uvicorn.Config(app, host="127.0.0.1", port=args.port, log_level="info",
                            proxy_headers=False, server_header=False)
    uvicorn.Server(config).run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
