"""docs/tutorial.md: the YAML it shows is the shipped example, and every command it shows
runs and prints what the tutorial says it prints.

The scenario file is shown in parts, each marked ``<!-- file: PATH -->``; the parts, in
order, make the file. Output the tutorial quotes is marked ``<!-- output -->`` (lines the
commands of the block above print) or ``<!-- output: PATH -->`` (lines of a file they
write); every quoted line must be there.
"""

from __future__ import annotations

import json
import re
import shlex

import pytest

from simulator.cli import _parser, main
from tests.conftest import ROOT

TUTORIAL = (ROOT / "docs" / "tutorial.md").read_text(encoding="utf-8")
SCENARIO = "examples/tutorial/three-villages.yaml"
DECISIONS = "examples/tutorial/decisions.yaml"
# Blocks in order: (marker or None, language, text).
BLOCKS = [(m or None, lang, text) for m, lang, text in re.findall(
    r"(?:^<!-- (.+?) -->\n)?^```(\w+)\n(.*?)^```$", TUTORIAL, flags=re.S | re.M)]
# Fewer seeds where a command replays many (the quoted lines do not depend on them).
FEWER = {"--seeds": "1", "--team-seeds": "1"}


def _parts(path: str) -> list[str]:
    return [text for marker, lang, text in BLOCKS if marker == f"file: {path}" and lang == "yaml"]


def _commands(block: str) -> list[str]:
    lines = block.replace("\\\n", " ").splitlines()
    return [" ".join(ln.split("#")[0].split()) for ln in lines if ln.startswith("./run")]


def _steps() -> list[tuple[list[str], list[tuple[str | None, str]]]]:
    """Each sh block's commands, with the output blocks quoted after it."""
    steps: list[tuple[list[str], list[tuple[str | None, str]]]] = []
    for marker, lang, text in BLOCKS:
        if lang == "sh":
            steps.append((_commands(text), []))
        elif marker and marker.startswith("output") and steps:
            steps[-1][1].append((marker.partition(": ")[2] or None, text))
    return steps


def test_the_tutorial_shows_the_shipped_files_whole():
    parts = _parts(SCENARIO)
    assert len(parts) == 9
    assert "\n".join(parts) == (ROOT / SCENARIO).read_text(encoding="utf-8")
    assert _parts(DECISIONS) == [(ROOT / DECISIONS).read_text(encoding="utf-8")]
    # No other YAML in the tutorial: what an instructor copies is what ships.
    assert [lang for _, lang, _ in BLOCKS].count("yaml") == 10


def test_the_tutorial_shows_a_command_of_every_kind_and_each_parses():
    commands = [c for cs, _ in _steps() for c in cs]
    assert {shlex.split(c)[1] for c in commands} == {"validate", "run", "sitrep", "debrief",
                                                      "check"}
    assert any("--bots" in c for c in commands) and any("--decisions" in c for c in commands)
    for command in commands:
        assert _parser().parse_args(shlex.split(command)[1:]).func


def _cheaper(argv: list[str]) -> list[str]:
    """The debrief with fewer seeds; the audit in this process, written out for reading."""
    out = list(argv)
    if out[0] == "debrief":
        for i, word in enumerate(out[:-1]):
            if word in FEWER:
                out[i + 1] = FEWER[word]
        if "--team-seeds" not in out:
            out += ["--team-seeds", FEWER["--team-seeds"]]
    if out[0] == "check":
        out += ["--jobs", "1", "--out", "runs/tutorial-check"]
    return out


@pytest.mark.slow
def test_every_command_of_the_tutorial_runs_and_prints_what_it_shows(tmp_path, monkeypatch,
                                                                     capsys):
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    for commands, quoted in _steps():
        printed = []
        for command in commands:
            assert main(_cheaper(shlex.split(command)[1:])) == 0, command
            out = capsys.readouterr()
            printed += (out.out + out.err).splitlines()
        for path, text in quoted:
            if path == "the comma mistake":
                continue  # test_the_comma_mistake_is_explained_as_shown
            lines = printed if path is None else \
                (tmp_path / path).read_text(encoding="utf-8").splitlines()
            missing = [ln for ln in text.splitlines() if ln not in lines]
            assert not missing, f"{commands}: not printed: {missing}"
    # The scenario's audit: doing nothing never earns P, doctrine does and beats it.
    check = json.loads((tmp_path / "runs/tutorial-check/check.json").read_text())
    plays = check["plays"]
    assert len(plays["doctrine"]) == len(plays["passive"]) == 10
    for lazy in ("passive", "paperwork"):
        assert {p["tasks"]["ct-protect"] for p in plays[lazy]} == {"U"}
    assert {p["tasks"]["ct-protect"] for p in plays["doctrine"]} == {"P"}
    for doctrine, passive in zip(plays["doctrine"], plays["passive"], strict=True):
        assert doctrine["seed"] == passive["seed"]
        assert doctrine["outcomes"]["civilian_deaths"] + 40 < passive["outcomes"]["civilian_deaths"]
    assert check["flags"] == []


def test_the_comma_mistake_is_explained_as_shown(tmp_path, monkeypatch, capsys):
    (shown,) = [text for marker, _, text in BLOCKS if marker == "output: the comma mistake"]
    good = "    - en: Act on a warning when it comes, not at the last moment.\n" \
           "      fr: Agir sur une alerte dès qu'elle arrive, pas au dernier moment.\n"
    bad = "    - {en: Act on a warning when it comes, not at the last moment., " \
          "fr: Agir sur une alerte dès qu'elle arrive, pas au dernier moment.}\n"
    assert "`- {en: Act on a warning when it comes, not at the last moment., fr: ...}`" in TUTORIAL
    text = (ROOT / SCENARIO).read_text(encoding="utf-8")
    assert text.count(good) == 1
    (tmp_path / "three-villages.yaml").write_text(text.replace(good, bad), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "three-villages.yaml"]) == 2
    assert capsys.readouterr().err.strip() == shown.strip()
