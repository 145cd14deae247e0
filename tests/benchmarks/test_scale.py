"""benchmarks/scale.py: its quick mode prints the one table; budgets stop a case; the floor
and the Mesa model keep the rule they compare (people conserved, moves to known places)."""

from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pytest

from benchmarks import scale
from tests.conftest import ROOT


def run(*args: str) -> str:
    done = subprocess.run([sys.executable, "benchmarks/scale.py", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.slow  # twelve cases, each in its own subprocess
def test_the_quick_mode_prints_one_table_with_every_case_and_the_exponents():
    out = run("--quick").splitlines()
    head = [h.strip() for h in out[0].split("|")]
    assert head == ["places", "civilians", "start-up s", "s / turn", "move s / turn", "peak MB",
                    "Mesa s / turn", "Mesa ÷ move", "Mesa peak MB", "floor s / turn",
                    "move ÷ floor", "floor peak MB"]
    rows = [[c.strip() for c in line.split("|")] for line in out[2:6]]
    assert [(r[0], r[1]) for r in rows] == [("60", "2,000"), ("60", "4,000"), ("120", "2,000"),
                                            ("120", "4,000")]
    for r in rows:  # every figure measured: seconds, megabytes, ratios
        assert all(float(x) > 0 for x in (r[2], r[3], r[4], r[6], r[9]))
        assert all(int(x) > 50 for x in (r[5], r[8], r[11]))
        assert re.fullmatch(r"\d+\.\d×", r[7]) and re.fullmatch(r"\d+\.\d×", r[10])
    assert out[6] == "" and out[7].startswith("growth exponents of time per turn (1 turns")
    for line, label in zip(out[8:12], ("engine", "engine movement", "mesa", "floor"),
                           strict=True):
        assert line.startswith(f"  {label}: ")
        assert len(re.findall(r"(?:places|civilians)\^-?\d+\.\d\d at", line)) == 4


def test_a_case_over_its_budget_is_reported_and_the_larger_ones_are_not_run():
    out = run("--places", "60,120", "--civilians", "2000", "--kinds", "floor",
              "--budget-seconds", "0.2")
    rows = [[c.strip() for c in line.split("|")] for line in out.splitlines()[2:4]]
    assert [r[9] for r in rows] == ["over budget (0.2 s)"] * 2
    assert [r[10] for r in rows] == ["n/a"] * 2  # the engine did not run: no ratio
    out = run("--places", "60", "--civilians", "2000", "--kinds", "floor", "--budget-gb", "0.03")
    assert "over budget (0.03 GB)" in out.splitlines()[2]


@pytest.fixture(scope="module")
def rule():
    return scale.Rule(scale._scenario(200, 30_000))


def _known(rule) -> set[tuple[int, int]]:
    return {(a, int(b)) for a in range(rule.n)
            for b in rule.known[rule.indptr[a]:rule.indptr[a + 1]]}


def test_the_floor_conserves_people_and_moves_them_only_to_known_places(rule):
    floor = scale.SparseFloor(rule, np.random.default_rng(4))
    assert floor.total() == 30_000
    floor.step()  # everyone is at home: each traveller goes from home to a place it knows
    n = rule.n
    home, dest = floor.road_key // 5 // n, (floor.road_key // 5) % n
    assert len(home) > 10 and set(zip(home.tolist(), dest.tolist(), strict=True)) <= _known(rule)
    assert (rule.p_hour[home] > 0).all()
    for _ in range(47):  # two days: people arrive, some move on; nobody is lost
        floor.step()
        assert floor.total() == 30_000
    assert floor.moved > 1000 and (floor.count[floor.key // 5 // n != (floor.key // 5) % n] > 0).any()


def test_the_mesa_model_moves_one_agent_per_civilian_by_the_same_rule(rule):
    model = scale.Movement(rule, seed=4)
    assert len(model.agents) == 30_000
    model.step()
    going = [a for a in model.agents if a.dest >= 0]
    assert len(going) > 10 and {(a.place, int(a.dest)) for a in going} <= _known(rule)
    assert all(rule.p_hour[a.place] > 0 for a in going)
    for _ in range(47):
        model.step()
    assert len(model.agents) == 30_000 and sum(a.place != a.home for a in model.agents) > 1000
