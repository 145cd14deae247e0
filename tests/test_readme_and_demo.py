"""The README's promises: its two commands, its Python example, the demo's output."""

import json
import re

import pytest

from simulator.cli import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()


def test_readme_opens_with_the_two_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()]
    assert commands == ["./run demo", "./run tests"]
    assert (ROOT / "run").stat().st_mode & 0o111
    assert "./run tests" in (ROOT / ".ci" / "run").read_text()


def test_readme_python_example_runs(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    block = re.search(r"```python\n(.*?)```", README, re.S).group(1)
    exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "'civilian_deaths'" in out


@pytest.mark.slow
def test_demo_shows_progress_outcomes_and_where(tmp_path, capsys):
    out = tmp_path / "demo"
    # The README's `./run demo`, with its counterfactuals over 2 seeds instead of 5 (as
    # tests/test_readme_commands.py cuts the seeds of the other commands).
    assert main(["demo", "--out", str(out), "--team-seeds", "2"]) == 0
    captured = capsys.readouterr()
    progress = [line for line in captured.err.splitlines() if line.startswith("turn ")]
    assert [p.split(":")[0] for p in progress] == [f"turn {i}/10" for i in range(1, 11)]
    assert "Outcome of poc-inner-delta (seed 1)" in captured.out
    assert f"outputs written to {out}" in captured.out
    assert f"debrief report: {out / 'debrief' / 'report.html'}" in captured.out
    assert (out / "debrief" / "report.md").read_text().startswith("# After-action report")
    summary = json.loads((out / "summary.json").read_text())
    assert summary["run"]["bots"] == {t: "doctrine" for t in
                                      ("force", "police", "civilian", "humanitarian")}
    deaths = summary["outcomes"]["civilian_deaths"]
    assert re.search(rf"civilian deaths\s+{deaths:,}\n", captured.out)
    # Counts as people read them: whole numbers, thousands grouped.
    unmet = summary["outcomes"]["unmet_need_person_days"]
    assert unmet > 1000
    assert re.search(rf"unmet need \(person-days\)\s+{round(unmet):,}\n", captured.out)


@pytest.mark.slow  # long: started first, so the workers finish together
def test_demo_in_french(tmp_path, capsys):
    assert main(["--lang", "fr", "demo", "--out", str(tmp_path / "d"), "--quiet",
                 "--team-seeds", "1"]) == 0
    out = capsys.readouterr().out
    assert "Résultat de poc-inner-delta (graine 1)" in out and "civils tués" in out
    assert (tmp_path / "d" / "debrief" / "report.md").read_text().startswith(
        "# Rapport après action : ")


def test_run_without_debrief(tmp_path, capsys):
    from tests.conftest import MINI
    assert main(["run", str(MINI), "--out", str(tmp_path / "r"), "--quiet", "--no-debrief"]) == 0
    assert not (tmp_path / "r" / "debrief").exists()
    assert "debrief report" not in capsys.readouterr().out


def test_the_readme_yaml_examples_load(tmp_path):
    """The decisions and evaluator examples the README shows are valid for the demo."""
    from debrief.overrides import load_evaluation
    from simulator.language.validation import load_scenario
    from simulator.play.decisions import load_inputs

    scenario = load_scenario(ROOT / "scenarios" / "poc-inner-delta.yaml")
    tasks = {c.id for o in scenario.objectives for c in o.critical_tasks}
    blocks = re.findall(r"```yaml\n(.*?)```", README, re.S)
    evaluation = next(b for b in blocks if b.startswith("overrides:"))
    (tmp_path / "e.yaml").write_text(evaluation)
    overrides, notes = load_evaluation(tmp_path / "e.yaml", tasks,
                                       {t.id for t in scenario.teams})
    assert set(overrides) == {"ct_deter"} and notes[0]["team"] == "force"
    decisions = next(b for b in blocks if b.startswith("- {turn:"))
    # The third entry names a placeholder: the demo holds no inject to fire.
    (tmp_path / "d.yaml").write_text(decisions.split("- {turn: 4, fire")[0])
    assert len(load_inputs(tmp_path / "d.yaml", scenario)) == 2
