"""What people meet on the way: the watched routes on the quickest way, found for many
destinations at once, are those every route checked one by one gives, ties included."""

import pickle

import networkx as nx
import numpy as np
import pytest

from agents.crossings import Checkpoint, Crossings
from agents.paths import Lengths


def _crossings(hours: str, seed: int = 3, n: int = 80):
    """Crossings on a random connected map whose route hours are whole numbers (many ways
    equally quick: ``ties``) or floats that do not add up exactly (``floats``); every
    fifth route has few boats, every seventh a checkpoint, and a place is joined to
    nothing."""
    rng = np.random.default_rng(seed)
    g = nx.connected_watts_strogatz_graph(n - 1, 4, 0.3, seed=seed)
    g.add_node(n - 1)
    edges = []
    for a, b in g.edges:
        h = float(rng.integers(1, 4)) if hours == "ties" else float(rng.uniform(0.1, 9.0))
        edges.append((a, b, {"hours": h}))
    crossings = Crossings()
    crossings.limits = {(min(a, b), max(a, b)): 50 for a, b, _ in edges[::5]}
    for k, (a, b, _) in enumerate(edges[::7]):
        route = (min(a, b), max(a, b))
        crossings.checkpoints[route] = [Checkpoint(f"cp{k}", route, "g", True, 0.0, 2.0,
                                                   0.1, 0.0, True, operating=k % 2 == 0)]
    a, b, h = (np.array(x) for x in zip(*((a, b, d["hours"]) for a, b, d in edges),
                                        strict=True))
    hours_of = Lengths(n, a, b, h)
    crossings.routes_changed(hours_of, [(min(a, b), max(a, b)) for a, b, _ in edges], h, g.copy)
    return crossings, hours_of, edges


def _one_by_one(crossings, hours, edges, src, dest):
    """Every watched route checked in turn: through it as quick as the quickest way."""
    d = hours
    watched = [((min(a, b), max(a, b)), e["hours"]) for a, b, e in edges
               if (min(a, b), max(a, b)) in crossings.limits
               or (min(a, b), max(a, b)) in crossings.checkpoints]
    return [(a, b) for (a, b), w in watched
            if np.isclose(min(d[src, a] + w + d[b, dest], d[src, b] + w + d[a, dest]),
                          d[src, dest])]


@pytest.mark.parametrize("hours", ["ties", "floats"])
def test_routes_on_the_way_are_those_checked_one_by_one(hours):
    crossings, lengths, edges = _crossings(hours)
    n = lengths.n
    found_any = 0
    for src in range(0, n, 6):
        dests = [d for d in range(n) if d != src]
        acting = crossings.acting(src, dests)
        for dest, acts in zip(dests, acting, strict=True):
            expected = _one_by_one(crossings, lengths, edges, src, dest)
            assert crossings.on_way(src, dest) == expected
            assert acts == crossings.acts_on(src, dest)
            found_any += bool(expected)
    assert found_any > 50  # the map has ways through watched routes to check


def test_ways_found_one_at_a_time_or_all_at_once_agree():
    at_once, lengths, edges = _crossings("ties", seed=8)
    one_by_one, _, _ = _crossings("ties", seed=8)
    at_once.acting(5, list(range(lengths.n)))
    assert all(at_once.on_way(5, d) == one_by_one.on_way(5, d) for d in range(lengths.n))
    assert any(one_by_one.on_way(5, d) for d in range(lengths.n - 1))


def test_a_pickled_copy_finds_the_same_ways_without_the_rows():
    crossings, lengths, _ = _crossings("floats")
    before = [crossings.on_way(2, d) for d in range(lengths.n)]
    copy = pickle.loads(pickle.dumps(crossings))
    assert copy._end_rows == {} and copy._reach == {}
    copy._ways.clear()
    assert [copy.on_way(2, d) for d in range(lengths.n)] == before


@pytest.mark.parametrize("hours", ["ties", "floats"])
def test_ways_settled_from_the_routes_ends_are_the_exact_ones(hours):
    """Given the hours to each destination summed the other way round (as from a site's
    row), the ways found from the rows of the routes' ends alone are those the exact test
    finds; with whole hours (every way settled) no row from the place is read."""
    crossings, lengths, edges = _crossings(hours, seed=11)
    exact, _, _ = _crossings(hours, seed=11)
    n = lengths.n
    ends = {e for route in crossings._routes for e in route}
    for src in range(0, n - 1, 4):
        dests = [d for d in range(n - 1) if d != src]
        back = np.array([lengths.row(d)[src] for d in dests])  # from each place to src
        lengths._rows.pop(src, None)
        acting = crossings.acting(src, dests, back)
        assert acting == exact.acting(src, dests)
        assert [crossings.on_way(src, d) for d in dests] == [exact.on_way(src, d) for d in dests]
        if hours == "ties" and src not in ends:
            assert src not in lengths._rows  # settled without the row from src


def test_an_estimate_too_close_to_call_falls_back_to_the_exact_test():
    crossings, lengths, edges = _crossings("floats", seed=11)
    exact, _, _ = _crossings("floats", seed=11)
    src, dests = 3, list(range(10, 40))
    total = lengths.row(src)[dests]
    tol = 1e-8 + 1e-5 * np.abs(total)
    # An estimate on the edge of isclose's margin for every way: nothing is settled.
    assert crossings.acting(src, dests, total + tol) == exact.acting(src, dests)
    assert [crossings.on_way(src, d) for d in dests] == [exact.on_way(src, d) for d in dests]
