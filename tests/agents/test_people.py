"""People stored only where they are: the same counts as a whole [home, place, group]
array, totals kept current, nobody lost or made up on the way."""

import numpy as np
import pytest

from agents.people import People
from tests.conftest import run_hours


def test_cells_follow_a_dense_array_through_random_moves():
    rng = np.random.default_rng(7)
    n, g = 6, 5
    dense = np.zeros((n, n, g), dtype=np.int64)
    people = People(n, g)
    for _ in range(400):
        home, place = rng.integers(n, size=2)
        if rng.random() < 0.6 or not dense[home, place].any():
            counts = rng.integers(0, 4, size=g)
            people.add(home, place, counts)
            dense[home, place] += counts
        else:
            counts = rng.integers(0, dense[home, place] + 1)
            people.sub(home, place, counts)
            dense[home, place] -= counts
        assert np.array_equal(people.dense(), dense)
        assert np.array_equal(people.here, dense.sum(axis=0))
        assert np.array_equal(people.home, dense[np.arange(n), np.arange(n)])
    for place in range(n):
        homes, counts = people.at(place)
        assert homes.tolist() == np.flatnonzero(dense[:, place].any(axis=1)).tolist()
        assert np.array_equal(counts, dense[homes, place])
    away = [h for h in range(n) if any(dense[h, p].any() for p in range(n) if p != h)]
    assert people.homes_away() == away
    for home in away:
        places, counts = people.away(home)
        assert all(p != home for p in places.tolist())
        assert np.array_equal(counts, dense[home, places])
    assert people.cells() == int(dense.any(axis=2).sum())


def test_an_empty_cell_is_gone():
    people = People(3, 5)
    people.add(0, 2, np.array([1, 0, 0, 0, 2]))
    people.sub(0, 2, np.array([1, 0, 0, 0, 2]))
    assert people.cells() == 0 and people.homes_away() == [] and not people.here.any()
    assert people.cell(0, 2).tolist() == [0] * 5


@pytest.mark.parametrize("hours", [6, 30])
def test_everyone_is_somewhere_during_flight_and_return(calm, hours):
    """Each hour: totals match the cells, people on the road match ``incoming``, and
    present + on the road + dead is everyone (the calm world recruits nobody)."""
    ex = calm
    c = ex.model.civilians
    everyone = int(c.present().sum())
    c.risk[0], c.risk[1] = 1.0, 0.7
    for hour in range(hours):
        if hour == hours // 2:
            c.risk[:] = 0  # safe again: people go home
        run_hours(ex, 1)
        dense = c.dense()
        assert np.array_equal(c.present(), dense.sum(axis=0))
        assert np.array_equal(c.residents(), dense[np.arange(ex.model.n), np.arange(ex.model.n)])
        on_road = np.zeros(ex.model.n, dtype=np.int64)
        for t in c.transit:
            on_road[t.dest] += int(t.total().sum())
        assert np.array_equal(on_road, c.incoming)
        assert int(c.present().sum() + c.incoming.sum() + c.deaths.sum()) == everyone
    assert c.displaced_total() > 0 and c.flows
