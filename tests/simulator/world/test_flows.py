"""Displacement flows: people who set off from one place to another, per turn (flows.csv)."""

import numpy as np
import pytest

from debrief.rundata import RunError, load_run
from simulator.play.outputs import write_run
from simulator.play.runner import play
from tests.conftest import do

V, T, S, B = 0, 1, 2, 3


def turn_flows(ex, turn):
    return {(f["from"], f["to"]): f["people"] for f in ex.recorder.flows if f["turn"] == turn}


def test_an_evacuation_is_a_flow_of_exactly_the_people_carried(calm):
    ex = calm
    do(ex, "evacuate", "force", unit="coy_a", **{"from": "village", "to": "town"}, people=150)
    ex.step()
    ev = next(e for e in ex.events if e["type"] == "evacuation")
    assert ev["people"] == 150 and ev["turn"] == 1
    flows = turn_flows(ex, 1)
    assert flows.pop(("village", "town")) == 150
    # Nobody else moves in the calm world, but a few evacuees may already walk home
    # (the village is safe) or move on from the town to a site: flows too.
    onward = {("town", "village"), ("town", "site"), ("town", "base")}
    assert set(flows) <= onward
    ex.step()
    # The convoy is counted once, in the turn it left; then only returns and onward moves.
    assert set(turn_flows(ex, 2)) <= onward | {("site", "village"), ("base", "village")}
    # Each evacuee is still at the town, set off from it (home or onward: a flow), or died
    # there (the town's own people stay: the world is calm).
    home = sum(f["people"] for f in ex.recorder.flows if f["from"] == "town")
    died_in_town = sum(v for r in ex.timeseries if r["location"] == "town"
                       for k, v in r.items() if k.startswith("deaths_"))
    assert 0 <= 150 - home - ex.model.civilians.dense()[V, T].sum() <= died_in_town


def test_flows_balance_population_arrivals_and_deaths_at_every_place(calm, monkeypatch):
    """start − end = people who set off − people who arrived + deaths, per place and turn."""
    ex = calm
    c = ex.model.civilians
    arrived = np.zeros(ex.model.n, dtype=np.int64)
    real_arrive = c.arrive

    def counting_arrive(now):
        for t in c.transit:
            if t.arrive <= now:
                arrived[t.dest] += int(t.total().sum())
        real_arrive(now)

    monkeypatch.setattr(c, "arrive", counting_arrive)
    c.risk[V], c.risk[T] = 1.0, 0.7
    ids = ex.model.loc_ids
    for turn in range(1, ex.turns + 1):
        if turn == 3:
            c.risk[:] = 0  # safe again: the displaced start going home
        before = c.present().sum(axis=1)
        arrived[:] = 0
        ex.step()
        rows = {r["location"]: r for r in ex.timeseries if r["turn"] == turn}
        flows = turn_flows(ex, turn)
        for i, loc in enumerate(ids):
            left = sum(n for (src, _), n in flows.items() if src == loc)
            deaths = sum(v for k, v in rows[loc].items() if k.startswith("deaths_"))
            assert before[i] - rows[loc]["population"] == left - arrived[i] + deaths, (turn, loc)
        if turn == 1:
            assert sum(n for (src, _), n in flows.items() if src == "village") > 500
            assert sum(n for (src, _), n in flows.items() if src == "town") > 500
        if turn >= 3:
            # risk is gone: what moves now is people going home (and the odd site leaver)
            assert sum(n for (_, dest), n in flows.items() if dest in ("village", "town")) > 0
    # The per-turn rows add up to everything the engine counted (no move to the same place).
    total = sum(n for (src, dest), n in c.flows.items() if src != dest)
    assert sum(f["people"] for f in ex.recorder.flows) == total > 0
    assert all(f["people"] > 0 and f["from"] != f["to"] for f in ex.recorder.flows)


@pytest.fixture
def played(mini):
    return play(mini, 3, [], {"force": "random", "civilian": "doctrine"})


def test_flows_csv_is_written_sorted_and_read_back(played, tmp_path):
    write_run(played, tmp_path)
    text = (tmp_path / "flows.csv").read_text()
    assert text.splitlines()[0] == "turn,from,to,people"
    run = load_run(tmp_path)
    keys = [(f["turn"], f["from"], f["to"]) for f in run.flows]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert run.flows == sorted(played.recorder.flows, key=lambda f: (f["turn"], f["from"], f["to"]))
    assert run.flows and all(isinstance(f["turn"], int) and isinstance(f["people"], int)
                             for f in run.flows)


def test_flows_csv_same_bytes_for_the_same_seed(mini, played, tmp_path):
    write_run(played, tmp_path / "a")
    write_run(play(mini, 3, [], {"force": "random", "civilian": "doctrine"}), tmp_path / "b")
    assert (tmp_path / "a" / "flows.csv").read_bytes() == (tmp_path / "b" / "flows.csv").read_bytes()


def test_a_run_with_no_flows_still_has_the_header(calm, tmp_path):
    calm.step()
    write_run(calm, tmp_path)
    assert (tmp_path / "flows.csv").read_text() == "turn,from,to,people\n"
    assert load_run(tmp_path).flows == []


@pytest.mark.parametrize("content,message", [
    (None, r"flows.csv: cannot read"),
    ("", r"flows.csv: expected the columns turn,from,to,people"),
    ("turn,src,dest,people\n1,village,town,3\n", r"flows.csv: expected the columns"),
    ("turn,from,to,people\n1,village,town,3\n2,town,site,many\n", r"flows.csv:3: turn and people"),
    ("turn,from,to,people\n1,village\n", r"flows.csv:2: turn and people"),
])
def test_missing_or_broken_flows_csv(played, tmp_path, content, message):
    write_run(played, tmp_path)
    if content is None:
        (tmp_path / "flows.csv").unlink()
    else:
        (tmp_path / "flows.csv").write_text(content)
    with pytest.raises(RunError, match=message):
        load_run(tmp_path)


def test_each_turns_flows_are_the_growth_of_the_running_totals(mini):
    """Only the pairs that moved someone are looked at each turn: the flows recorded are
    still every pair whose running total grew, sorted, and nothing else."""
    from simulator.play.exercise import Exercise

    ex = Exercise(mini, 5)
    ex.reset()
    before: dict = {}
    for turn in range(1, 4):
        ex.step()
        total = ex.model.civilians.flows
        ids = ex.model.loc_ids
        grew = [{"turn": turn, "from": ids[a], "to": ids[b], "people": n - before.get((a, b), 0)}
                for (a, b), n in sorted(total.items()) if n > before.get((a, b), 0) and a != b]
        assert [f for f in ex.recorder.flows if f["turn"] == turn] == grew
        assert grew or turn == 1
        before = dict(total)
