"""Every `./run` command the README shows: parsed verbatim, then run with fewer seeds."""

import glob
import re
import shlex

import pytest

from simulator.cli import _parser, main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()
# Run by other tests: the suite itself, the portal server (tests/portal/test_tls.py),
# the demo (tests/test_readme_and_demo.py checks its output line by line), the displacement
# validation (tests/simulator/displacement/test_displacement_validation.py checks its figures) and the
# audit (tests/scenarios/test_shipped.py runs it with its 10 seeds, and --strict).
RUN_ELSEWHERE = {"./run tests", "./run serve --host 0.0.0.0 --tls", "./run demo",
                 "./run --lang fr demo",
                 "./run validate-displacement tests/data/displacement/car --seeds 5 --out runs/val-car",
                 "./run check scenarios/poc-inner-delta.yaml --seeds 10 --out runs/check-poc"}
# Seeds cut to keep the suite fast, and `run` without the debrief it writes by default
# (the README's `debrief` commands debrief a run right after); otherwise the README's own.
FEWER = {"--seeds": "1", "--team-seeds": "1"}


def readme_commands() -> list[str]:
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            command = " ".join(line.split("#")[0].split())
            if command.startswith("./run"):
                commands.append(command)
    return commands


def cheaper(argv: list[str]) -> list[str]:
    out = list(argv)
    for i, word in enumerate(out[:-1]):
        if word in FEWER:
            out[i + 1] = FEWER[word]
    if out[0] == "run":
        out.append("--no-debrief")
    elif out[0] == "debrief" and "--team-seeds" not in out:
        out += ["--team-seeds", FEWER["--team-seeds"]]
    return out


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A folder with the project's scenarios, examples and test data, like a clone."""
    for name in ("scenarios", "examples", "tests"):
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_readme_shows_commands_of_every_kind():
    kinds = {shlex.split(c)[1] for c in readme_commands()}
    assert {"validate", "schema", "run", "compare", "check", "sweep", "debrief", "import-flee",
            "validate-displacement", "generate", "serve", "demo", "tests", "msel"} <= kinds


@pytest.mark.parametrize("command", readme_commands())
def test_every_readme_command_parses_as_written(command):
    if command == "./run tests":
        assert "./run tests" in (ROOT / ".ci" / "run").read_text()
        return
    args = _parser().parse_args(shlex.split(command)[1:])
    assert args.func


@pytest.mark.slow
@pytest.mark.parametrize("command", [c for c in readme_commands() if c not in RUN_ELSEWHERE])
def test_every_readme_command_runs(command, workdir, capsys):
    argv = [word for part in shlex.split(command)[1:]
            for word in (sorted(glob.glob(part)) if "*" in part else [part])]
    if argv[0] in ("debrief", "sitrep"):  # reads the run the README's command wrote
        assert main(["run", "scenarios/poc-inner-delta.yaml", "--seed", "1", "--decisions",
                     "examples/my-decisions.yaml", "--out", "runs/poc", "--no-debrief",
                     "--quiet"]) == 0
    if argv[:2] == ["msel", "import"]:  # reads the sheet the README's export wrote
        assert main(["msel", "export", argv[4], "--out", argv[2]]) == 0
    assert main(cheaper(argv)) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    target = argv[argv.index("--out") + 1] if "--out" in argv else None
    if target:
        assert (workdir / target).exists(), f"{command}: nothing written to {target}"
    if argv[0] == "validate":
        assert out.count(": valid") == len(argv) - 1
