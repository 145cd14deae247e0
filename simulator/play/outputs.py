"""Write a played exercise to a run directory.

    events.jsonl        the event log, one JSON object per line
    timeseries.csv      one row per turn and location
    flows.csv           people who set off from one place to another, per turn
    reports/TEAM/turn-NN.json   each team's situation report at the start of each turn
    inputs.json         every input as submitted, with its outcome (the replay record)
    summary.json        outcomes (see docs/architecture.md)
    scenario.yaml       a copy of the scenario file, so the folder replays on its own

Files depend only on scenario, seed and inputs: the same run writes the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from simulator.play.exercise import Exercise


def _json(data) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


FLOW_COLUMNS = ("turn", "from", "to", "people")


def _flows_csv(flows: list[dict]) -> str:
    """``turn,from,to,people``, sorted by turn then place ids; the header even if empty."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FLOW_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(sorted(flows, key=lambda f: (f["turn"], f["from"], f["to"])))
    return buf.getvalue()


def write_run(ex: Exercise, out: str | Path, meta: dict | None = None,
              scenario_file: str | Path | None = None) -> Path:
    """Write the run's files into ``out``, replacing an earlier run's files there."""
    out = Path(out)
    # Reports of an earlier, longer run would otherwise sit beside this one's.
    shutil.rmtree(out / "reports", ignore_errors=True)
    (out / "reports").mkdir(parents=True, exist_ok=True)
    (out / "events.jsonl").write_text(ex.model.events.to_jsonl(), encoding="utf-8")
    buf = io.StringIO()
    if ex.timeseries:
        writer = csv.DictWriter(buf, fieldnames=list(ex.timeseries[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(ex.timeseries)
    (out / "timeseries.csv").write_text(buf.getvalue(), encoding="utf-8")
    (out / "flows.csv").write_text(_flows_csv(ex.recorder.flows), encoding="utf-8")
    for turn, reports in sorted(ex.reports.items()):
        for team, report in reports.items():
            folder = out / "reports" / team
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"turn-{turn:02d}.json").write_text(_json(report), encoding="utf-8")
    (out / "inputs.json").write_text(_json(ex.inputs), encoding="utf-8")
    summary = ex.summary()
    if meta:
        summary["run"] = meta
    (out / "summary.json").write_text(_json(summary), encoding="utf-8")
    if scenario_file is not None:
        shutil.copyfile(scenario_file, out / "scenario.yaml")
    return out
