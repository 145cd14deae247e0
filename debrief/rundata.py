"""A run as the debrief sees it: the files of a run directory, never the live model.

    events.jsonl, timeseries.csv, flows.csv, summary.json, inputs.json
    (see docs/architecture.md)

``load_run`` reads them; ``run_of`` gives the same data from a finished exercise in
memory, as the files ``simulator.play.outputs.write_run`` would write (for audits that rate
hundreds of plays, where writing and reading each costs more than the rating).
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


def run_of(ex) -> RunData:
    """What ``load_run`` would read from the folder ``write_run(ex, ...)`` writes (without
    its ``run`` record): the same values and types, with no file written."""
    # The JSON lines of events.jsonl (keys sorted), encoded and parsed in one go.
    events = json.loads(json.dumps(ex.model.events.events, sort_keys=True,
                                   ensure_ascii=False))
    # The CSV holds each value as str() writes it; reading parses it back.
    rows = [{k: _as_read(v) for k, v in r.items()} for r in ex.timeseries]
    flows = [{"turn": int(f["turn"]), "from": str(f["from"]), "to": str(f["to"]),
              "people": int(f["people"])}
             for f in sorted(ex.recorder.flows, key=lambda f: (f["turn"], f["from"], f["to"]))]
    return RunData(events, rows, json.loads(json.dumps(ex.summary())),
                   json.loads(json.dumps(ex.inputs)), flows)


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


def _as_read(value):
    """``value`` as the time series' CSV gives it back: its ``str()`` parsed by
    ``_numbers``. A Python int or float comes back as itself (the shortest repr of a float
    reads back to the same float, and always has a point, an exponent, inf or nan, so it
    never reads as an int); anything else goes through its text."""
    if type(value) is int or type(value) is float:
        return value
    return _number(str(value))


def _number(text: str):
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def _numbers(row: dict) -> dict:
    return {k: _number(v) for k, v in row.items()}
