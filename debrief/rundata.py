"""A run directory as the debrief sees it: files only, never the live model.

    events.jsonl, timeseries.csv, flows.csv, summary.json, inputs.json
    (see docs/architecture.md)
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path


class RunError(Exception):
    """A run directory that cannot be read: one line saying which file and why."""


@dataclass(frozen=True)
class RunData:
    events: list[dict]
    timeseries: list[dict]
    summary: dict
    inputs: list[dict]
    flows: list[dict]  # {turn, from, to, people}: people who set off during the turn

    def of_type(self, *types: str) -> list[dict]:
        return [e for e in self.events if e["type"] in types]

    def by_id(self, event_id: str) -> dict:
        return next(e for e in self.events if e["id"] == event_id)


def load_run(folder: str | Path) -> RunData:
    """Read a run directory written by ``ttx run``."""
    folder = Path(folder)

    def read(name: str) -> str:
        try:
            return (folder / name).read_text(encoding="utf-8")
        except OSError as exc:
            raise RunError(f"{folder / name}: cannot read ({exc.strerror})") from None

    events = []
    for n, line in enumerate(read("events.jsonl").splitlines(), 1):
        try:
            events.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise RunError(f"{folder / 'events.jsonl'}:{n}: not JSON ({exc.msg})") from None
    rows = [_numbers(r) for r in csv.DictReader(read("timeseries.csv").splitlines())]
    try:
        summary, inputs = json.loads(read("summary.json")), json.loads(read("inputs.json"))
    except json.JSONDecodeError as exc:
        raise RunError(f"{folder}: summary.json or inputs.json is not JSON ({exc.msg})") from None
    flows = _flows(folder / "flows.csv", read("flows.csv"))
    return RunData(events, rows, summary, inputs, flows)


FLOW_COLUMNS = ["turn", "from", "to", "people"]


def _flows(path: Path, text: str) -> list[dict]:
    reader = csv.DictReader(text.splitlines())
    if reader.fieldnames != FLOW_COLUMNS:
        raise RunError(f"{path}: expected the columns {','.join(FLOW_COLUMNS)}")
    out = []
    for n, row in enumerate(reader, 2):
        try:
            out.append({"turn": int(row["turn"]), "from": row["from"], "to": row["to"],
                        "people": int(row["people"])})
        except (TypeError, ValueError):
            raise RunError(f"{path}:{n}: turn and people must be whole numbers") from None
    return out


def _numbers(row: dict) -> dict:
    out = {}
    for k, v in row.items():
        try:
            out[k] = int(v)
        except ValueError:
            try:
                out[k] = float(v)
            except ValueError:
                out[k] = v
    return out
