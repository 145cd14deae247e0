"""An exercise in play: commands stored before they count, state rebuilt by replay."""

import threading

import pytest

from simulator.classroom.live import LiveExercise, Registry
from simulator.classroom.store import Refused, Store
from simulator.play.decisions import Decision
from simulator.play.runner import play
from tests.conftest import MINI

PATROL = {"action": "patrol", "params": {"unit": "coy_a", "location": "village"}}


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "ttx.db")


def new(store, bots=None, seed=3):
    teams = {"force": None, "police": None, "civilian": None, "humanitarian": None,
             **(bots or {})}
    ex = store.create_exercise("mini", MINI.read_text(), seed, "en", teams)
    return LiveExercise.load(store, ex)


def test_a_played_exercise_equals_the_same_decisions_played_in_one_go(store):
    live = new(store)
    live.start()
    live.submit("force", [PATROL])
    live.submit("police", [{"action": "patrol", "params": {"unit": "fpu", "location": "town"}}])
    live.withdraw("police")
    live.close()
    live.open()
    live.submit("force", [PATROL])
    live.close()
    batch = play(live.scenario, 3, [Decision(1, "force", "patrol", PATROL["params"]),
                                    Decision(2, "force", "patrol", PATROL["params"])])
    assert live.exercise.model.events.to_jsonl().split("turn_opened")[:3] == \
        batch.model.events.to_jsonl().split("turn_opened")[:3]
    assert live.turn == 3 and live.phase == "closed"


def test_state_rebuilt_by_replay_has_the_same_hash(store):
    live = new(store, {"police": "doctrine"})
    live.start()
    live.submit("force", [PATROL], key="a")
    live.close()
    live.open()
    live.submit("civilian", [{"action": "engage", "params": {"location": "village"}}])
    again = LiveExercise.load(store, live.id)
    assert again.replay_hash() == live.replay_hash()
    assert again.submitted() == {"civilian": 1} and again.phase == "open" and again.turn == 2
    assert {e["team"] for e in again.exercise.events if e["type"] == "decision_accepted"
            and e["turn"] == 1} == {"force", "police"}  # the bot played turn 1


def test_refusals_say_why_and_store_nothing(store):
    live = new(store, {"police": "passive"})
    with pytest.raises(Refused, match="turn_closed"):
        live.submit("force", [PATROL])  # not started
    live.start()
    with pytest.raises(Refused, match="invalid_decision: 1: missing_asset"):
        live.submit("force", [{"action": "patrol", "params": {"unit": "fpu",
                                                              "location": "town"}}])
    with pytest.raises(Refused, match="invalid_decision: 2: missing_asset: unit 'coy_a' "
                                      "already has an order this turn"):
        live.submit("force", [PATROL, PATROL])
    with pytest.raises(Refused, match="bot_team"):
        live.submit("police", [])
    with pytest.raises(Refused, match="unknown_team"):
        live.submit("navy", [])
    live.pause()
    with pytest.raises(Refused, match="paused"):
        live.submit("force", [PATROL])
    live.resume()
    with pytest.raises(Refused, match="wrong_phase"):
        live.open()
    with pytest.raises(Refused, match="unknown_inject"):
        live.fire("nothing")
    with pytest.raises(Refused, match="invalid_inject"):
        live.add_inject({"id": "x", "from": "EXCON", "to": ["navy"], "message": "Hi"})
    kinds = [i.kind for i in store.inputs(live.id)]
    assert kinds == ["start", "pause", "resume"]


def test_an_adhoc_inject_reaches_its_team(store):
    live = new(store)
    live.start()
    live.add_inject({"id": "x1", "from": {"en": "EXCON", "fr": "EXCON"}, "to": ["police"],
                     "message": {"en": "Crowd at the site", "fr": "Foule au site"}})
    assert any(m.get("inject") == "x1" for m in live.report("police")["messages"])
    assert not any(m.get("inject") == "x1" for m in live.report("force")["messages"])


def test_closed_turn_hides_the_next_report_until_it_opens(store):
    live = new(store)
    live.start()
    assert live.report("force")["turn"] == 1
    live.close()
    assert live.open_turn is None and live.report("force") is None
    assert live.report("force", turn=1)["turn"] == 1  # the past stays readable
    live.open()
    assert live.report("force")["turn"] == 2


def test_a_late_submission_is_either_in_the_turn_or_refused(store):
    live = new(store)
    live.start()
    outcomes = {}

    def submit(n):
        try:
            outcomes[n] = live.submit("force", [PATROL], key=f"k{n}").seq
        except Refused as r:
            outcomes[n] = r.reason
    threads = [threading.Thread(target=submit, args=(n,)) for n in range(20)]
    closer = threading.Thread(target=live.close)
    for t in threads[:10]:
        t.start()
    closer.start()
    for t in threads[10:]:
        t.start()
    for t in threads + [closer]:
        t.join()
    close_seq = next(i.seq for i in store.inputs(live.id) if i.kind == "close")
    stored = [v for v in outcomes.values() if isinstance(v, int)]
    assert all(seq < close_seq for seq in stored)
    assert set(outcomes.values()) - set(stored) <= {"turn_closed"}
    assert len(outcomes) == 20
    orders = [e for e in live.exercise.events if e["type"] == "decision_accepted"]
    assert len(orders) == (1 if stored else 0)  # the last submission replaces the others


def test_an_exercise_being_loaded_holds_up_only_its_own_requests(store, monkeypatch):
    """A restart's replay of one exercise (or of a practice exercise dropped when idle)
    never makes the others' requests, such as their submissions, wait; the requests for the
    exercise being loaded wait for that one load and share it."""
    slow, other = new(store).id, new(store).id
    registry = Registry(store)
    release, loads = threading.Event(), []
    load = LiveExercise.load

    def held_load(store, ex, **kw):
        loads.append(ex)
        if ex == slow:
            assert release.wait(30)
        return load(store, ex, **kw)
    monkeypatch.setattr(LiveExercise, "load", held_load)
    got = []
    waiting = [threading.Thread(target=lambda: got.append(registry.get(slow)))
               for _ in range(3)]
    for t in waiting:
        t.start()
    assert registry.get(other).id == other and loads.count(other) == 1
    assert not got  # the slow one is still loading
    release.set()
    for t in waiting:
        t.join(30)
    assert len(got) == 3 and got[0] is got[1] is got[2] and loads.count(slow) == 1
