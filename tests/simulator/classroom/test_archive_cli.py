"""`ttx export`, `ttx import` and `ttx backup` as the instructor guide shows them, and
their one-line errors in English and French."""

from __future__ import annotations

import re
import shlex
import sqlite3

import pytest

from simulator.classroom.live import LiveExercise
from simulator.classroom.store import Store
from simulator.cli import _parser, main
from tests.conftest import ROOT
from tests.simulator.classroom.played import SCENARIO, played_exercise

GUIDE = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")


def guide_commands() -> list[list[str]]:
    """The commands of the guide's section on export, import and backup."""
    section = GUIDE.split("## 7. Keeping and moving exercises", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [shlex.split(line)[1:] for line in block.splitlines() if line.startswith("./run")]


@pytest.fixture
def laptop(tmp_path, monkeypatch):
    """A working folder and a portal database whose exercise 3 was played in a course."""
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "laptop" / "ttx.db"
    store = Store(db)
    for name in ("morning rehearsal", "afternoon rehearsal"):
        store.create_exercise(name, SCENARIO, 1, "en", {"force": None})
    assert played_exercise(db).exercise == 3
    monkeypatch.setenv("TTX_DB", str(db))
    return db


def test_the_guides_commands_run_as_written(laptop, tmp_path, monkeypatch, capsys):
    commands = guide_commands()
    assert [c[0] for c in commands] == ["export", "export", "import", "backup", "serve"]
    assert main(commands[0]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed == ["    1  morning rehearsal (setup, turn 0)",
                      "    2  afternoon rehearsal (setup, turn 0)",
                      "    3  Inner Delta, group B (finished, turn 4)"]
    assert main(commands[1]) == 0
    out = capsys.readouterr().out
    assert out.startswith("exercise 3 written to exercise-3.zip: 14 inputs, 2 notes, "
                          "1 overrides, 2 sign-offs; replay hash ")
    assert (tmp_path / "exercise-3.zip").stat().st_mode & 0o777 == 0o600

    other = tmp_path / "other-laptop" / "ttx.db"
    monkeypatch.setenv("TTX_DB", str(other))  # the archive carried to another laptop
    assert main(commands[2]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ("exercise-3.zip: imported as exercise 1 (Inner Delta, group B); "
                        "replay hash checked. Join codes are not restored: issue new ones "
                        "from the console.")
    assert lines[1].startswith("course 'PoC course 2027-1' is not in this database")
    assert LiveExercise.load(Store(other), 1).replay_hash() == \
        LiveExercise.load(Store(laptop), 3).replay_hash()

    monkeypatch.setenv("TTX_DB", str(laptop))
    assert main(commands[3]) == 0
    assert capsys.readouterr().out.startswith("backup written to ttx-backup.db (3 exercises, ")
    copy = tmp_path / "ttx-backup.db"
    assert copy.stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(copy) as q:
        assert q.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert q.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert Store(copy).inputs(3) == Store(laptop).inputs(3)
    # restoring is serving the copy (run for real in tests/portal/test_backup.py)
    serve = _parser().parse_args(commands[4])
    assert serve.func.__name__ == "cmd_serve" and serve.db == copy.relative_to(tmp_path)


def test_errors_name_the_file_in_the_readers_language(laptop, tmp_path, capsys):
    assert main(["export", "3", "--out", "x.zip"]) == 0
    broken = tmp_path / "broken.zip"
    broken.write_bytes((tmp_path / "x.zip").read_bytes()[:500])
    capsys.readouterr()
    assert main(["import", "broken.zip", "--db", "target.db"]) == 1
    assert capsys.readouterr().err.startswith("error: broken.zip: not a readable zip archive")
    assert main(["--lang", "fr", "import", "broken.zip", "--db", "target.db"]) == 1
    assert capsys.readouterr().err.startswith(
        "erreur : broken.zip : pas une archive zip lisible")
    assert not (tmp_path / "target.db").exists()
    assert main(["export", "3", "--out", "x.zip"]) == 1
    assert capsys.readouterr().err == "error: x.zip: already exists: choose another name\n"
    assert main(["export", "7", "--out", "y.zip"]) == 1
    assert "no exercise 7 in this database" in capsys.readouterr().err
    assert main(["export", "3"]) == 1
    assert "--out FILE, or --list" in capsys.readouterr().err
    assert main(["backup", "--out", "copy.db", "--db", "absent.db"]) == 1
    assert capsys.readouterr().err == "error: absent.db: no database here\n"
    assert not (tmp_path / "absent.db").exists() and not (tmp_path / "copy.db").exists()
    (tmp_path / "notes.db").write_text("not a database, a text file " * 100)
    assert main(["backup", "--out", "copy.db", "--db", "notes.db"]) == 1
    assert "notes.db: cannot be copied" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.zip", "laptop", "notes.db",
                                                          "x.zip"]
