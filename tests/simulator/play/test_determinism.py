"""Same scenario, seed and inputs give byte-identical outputs; another seed does not."""

from pathlib import Path

import pytest

from simulator.cli import main
from tests.conftest import MINI


def run(tmp_path: Path, name: str, seed: int, *extra: str) -> dict[str, bytes]:
    out = tmp_path / name
    assert main(["run", str(MINI), "--seed", str(seed), "--out", str(out), "--quiet",
                 *extra]) == 0
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.slow  # long: started first, so the workers finish together
def test_same_inputs_same_bytes(tmp_path):
    decisions = tmp_path / "d.yaml"
    decisions.write_text("- {turn: 2, team: humanitarian, action: deliver, "
                         "params: {location: town, need: water, amount: 400}}\n")
    args = ("--bots", "force=doctrine", "police=random", "civilian=doctrine",
            "--decisions", str(decisions), "--team-seeds", "2")
    a = run(tmp_path, "a", 11, *args)
    b = run(tmp_path, "b", 11, *args)
    assert set(a) >= {"events.jsonl", "timeseries.csv", "summary.json", "inputs.json",
                      "reports/force/turn-01.json", "reports/humanitarian/turn-04.json",
                      "debrief/debrief.json", "debrief/report.md", "debrief/report.html"}
    assert a == b


def test_other_seed_other_outcome(tmp_path):
    a = run(tmp_path, "a", 1, "--bots", "all=random", "--no-debrief")
    b = run(tmp_path, "b", 2, "--bots", "all=random", "--no-debrief")
    assert a["events.jsonl"] != b["events.jsonl"]
    assert a["timeseries.csv"] != b["timeseries.csv"]


def test_outputs_have_the_documented_shape(tmp_path):
    import csv
    import io
    import json
    files = run(tmp_path, "a", 3, "--bots", "all=doctrine", "--no-debrief")
    summary = json.loads(files["summary.json"])
    for key in ("civilian_deaths", "civilian_injuries", "displaced_peak",
                "unmet_need_person_days", "incidents"):
        assert isinstance(summary["outcomes"][key], (int, float))
    meta = summary["run"]
    assert {k: meta[k] for k in ("scenario", "seed", "bots", "lang")} == {
        "scenario": "mini", "seed": 3, "lang": "en",
        "bots": {t: "doctrine" for t in ("force", "police", "civilian", "humanitarian")}}
    assert set(meta["versions"]) == {"python", "numpy", "mesa", "networkx", "pydantic"}
    rows = list(csv.DictReader(io.StringIO(files["timeseries.csv"].decode())))
    assert len(rows) == 4 * 4  # turns × locations
    assert {"deaths_women", "injuries_older", "displaced", "water_met", "incidents"} <= set(rows[0])
    events = [json.loads(line) for line in files["events.jsonl"].decode().splitlines()]
    assert all({"id", "turn", "hour", "type", "cause"} <= set(e) for e in events)
    assert [e["id"] for e in events] == [f"e{i:06d}" for i in range(1, len(events) + 1)]


def test_replaying_a_runs_inputs_gives_the_same_run(tmp_path):
    """outcome = replay(scenario, seed, inputs): bots' orders are inputs like any other."""
    original = run(tmp_path, "a", 5, "--bots", "all=random", "--no-debrief")
    record = tmp_path / "a" / "inputs.json"
    replay = run(tmp_path, "b", 5, "--decisions", str(record), "--no-debrief")
    assert replay["events.jsonl"] == original["events.jsonl"]
    assert replay["timeseries.csv"] == original["timeseries.csv"]
    assert replay["inputs.json"] == original["inputs.json"]


def test_replay_of_a_shipped_scenario_with_optional_parameters(tmp_path):
    """Doctrine bots leave optional parameters out; the replay must accept the record."""
    from tests.conftest import ROOT
    poc = str(ROOT / "scenarios" / "poc-inner-delta.yaml")
    for name, extra in (("a", ["--bots", "all=doctrine"]),
                        ("b", ["--decisions", str(tmp_path / "a" / "inputs.json")])):
        assert main(["run", poc, "--seed", "3", "--out", str(tmp_path / name), "--quiet",
                     "--no-debrief", *extra]) == 0
    a, b = (tmp_path / "a" / "events.jsonl").read_bytes(), (tmp_path / "b" / "events.jsonl").read_bytes()
    assert b"decision_rejected" not in b
    assert a == b


@pytest.mark.slow
def test_outputs_do_not_depend_on_the_hash_seed(tmp_path):
    """Two processes with different PYTHONHASHSEED write the same bytes."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT
    outs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / hash_seed
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        subprocess.run([sys.executable, "-m", "simulator.cli", "run",
                        str(ROOT / "scenarios" / "poc-inner-delta.yaml"), "--seed", "2",
                        "--bots", "all=doctrine", "--out", str(out), "--quiet",
                        "--team-seeds", "1"],
                       check=True, env=env, cwd=ROOT, capture_output=True)
        outs.append({str(p.relative_to(out)): p.read_bytes()
                     for p in sorted(out.rglob("*")) if p.is_file()})
    assert outs[0] == outs[1]


def test_the_time_series_read_each_turn_or_at_the_end_is_the_same(mini):
    """Rows are made when read: read after every turn or once at the end, the same rows,
    one per turn and place, the first turn's numbers kept as they were then."""
    from simulator.play.exercise import Exercise

    each, once = Exercise(mini, 3), Exercise(mini, 3)
    each.reset(), once.reset()
    seen = []
    for _ in range(3):
        each.step(), once.step()
        seen.append([dict(r) for r in each.timeseries])
    assert once.timeseries == each.timeseries == seen[-1]
    assert seen[0] == seen[-1][:len(seen[0])] and len(seen[0]) == len(mini.map.locations)
    assert [r["turn"] for r in once.timeseries][::len(mini.map.locations)] == [1, 2, 3]
