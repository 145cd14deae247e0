"""The debrief follows the play: its counterfactual replays advance in the debrief worker
as each turn closes, and its report is built as soon as the last turn closes. The report
is the same, byte for byte, as one built with every replay played after the end."""

from __future__ import annotations

import time
from collections import OrderedDict

import pytest

from debrief import counterfactuals
from debrief.report import build, write_files
from debrief.rundata import load_run
from simulator.language.validation import load_scenario
from simulator.portal import ahead, debrief_worker
from simulator.portal.debrief import report_page, run_folder, stamp, write_report
from tests.portal.conftest import PATROL, User, command, new_exercise

FILES = ("debrief.json", "report.md", "report.html")
RUMOUR = {"id": "rumour", "from": "Radio", "to": ["all"], "message": "Boats seen."}


def play(app, instructor, after_close=lambda ex: None) -> int:
    """An exercise played to its end: the force's patrols, the police a bot, a held inject
    fired on turn 1 and an ad-hoc inject written on turn 2."""
    made = new_exercise(instructor, bots={"police": "doctrine"})
    ex = made["id"]
    force = User(app, made["codes"]["teams"]["force"])
    live = app.state.registry.get(ex)
    command(instructor, ex, "start")
    for turn in range(1, 5):
        if turn == 1:
            live.fire("held-news")
        if turn == 2:
            live.add_inject(RUMOUR, hour=3)
        r = force.post(f"/api/exercises/{ex}/submit", {"turn": turn, "decisions": [PATROL]})
        assert r.status_code == 200, r.text
        command(instructor, ex, "close")
        after_close(ex)
        if turn < 4:
            command(instructor, ex, "open")
    return ex


def from_scratch(folder, out) -> dict[str, bytes]:
    """The report of a run folder built with every replay played now."""
    run, scenario = load_run(folder), load_scenario(folder / "scenario.yaml")
    write_files(out, build(folder, run, scenario, "en", 0, {}, notes=[]), run, scenario)
    return {name: (out / name).read_bytes() for name in FILES}


def test_with_the_replays_played_ahead_nothing_is_left_to_replay(app, instructor, tmp_path,
                                                                  monkeypatch):
    """The worker's two jobs, run here: ``ahead.advance`` after each close, then the
    report."""
    monkeypatch.setattr(ahead, "_kept", OrderedDict())
    store = app.state.store
    db = str(store.path)
    ex = play(app, instructor, lambda ex: ahead.advance(db, ex))
    replayed = []
    real = counterfactuals.replay_all
    monkeypatch.setattr(counterfactuals, "replay_all",
                        lambda jobs, *a: replayed.extend(jobs) or real(jobs, *a))
    live = app.state.registry.get(ex)
    page = write_report(db, ex, "en", {}, [], stamp(live, "en", {}, []))
    assert replayed == []
    assert all(p.result for p in ahead.kept(db, ex)._played.values())
    built = {name: page.with_name(name).read_bytes() for name in FILES}
    assert built == from_scratch(run_folder(store, ex), tmp_path / "scratch")


def played_ahead(db: str, ex: int) -> list[int] | None:
    """In the worker: how far each of the exercise's replays was played."""
    kept = ahead.kept(db, ex)
    return None if kept is None else sorted({p.played for p in kept._played.values()})


@pytest.mark.slow  # a debrief built in the worker process
def test_the_report_is_built_when_the_last_turn_closes(app, instructor):
    app.state.play_ahead = True
    store = app.state.store
    ex = play(app, instructor)
    page = report_page(store, ex, "en")
    deadline = time.monotonic() + 300
    while not page.with_name("source.sha256").exists() and time.monotonic() < deadline:
        time.sleep(0.2)  # nobody asked for it
    assert debrief_worker.elsewhere(played_ahead, str(store.path), ex).result(60) == [4]
    r = instructor.get(f"/exercises/{ex}/debrief", lang="en")
    assert r.status_code == 200 and "After-action report" in r.text


def test_a_close_stands_when_the_worker_cannot_take_the_work(app, instructor, monkeypatch,
                                                            caplog):
    app.state.play_ahead = True

    def broken(fn, *args):
        raise OSError("no process left")
    monkeypatch.setattr(debrief_worker, "_submit", broken)
    ex = new_exercise(instructor)["id"]
    command(instructor, ex, "start")
    assert command(instructor, ex, "close") == {"phase": "closed", "turn": 1}
    assert app.state.store.inputs(ex)[-1].kind == "close"
    assert "the debrief's work after a close could not start" in caplog.text


def test_practice_and_large_maps_are_not_played_ahead(app, instructor):
    made = new_exercise(instructor)
    live = app.state.registry.get(made["id"])
    assert ahead.wanted(live)
    live.practice = True
    assert not ahead.wanted(live)
    live.practice = False
    many = [live.scenario.map.locations[0]] * (ahead.MAX_PLACES + 1)  # only their number
    live.scenario = live.scenario.model_copy(update={"map": live.scenario.map.model_copy(
        update={"locations": many})})
    assert not ahead.wanted(live)
