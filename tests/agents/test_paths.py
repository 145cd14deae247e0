"""Shortest paths one row at a time: the same floats as networkx, bounded searches that
agree with whole rows, and rows dropped when a route closes, opens or floods."""

import pickle
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from scipy.sparse.csgraph import dijkstra

from agents.hazards import FloodWave
from agents.paths import Lengths, PeoplePaths, Ways, mode_hours
from agents.routes import RouteTable
from simulator.language.validation import load_scenario
from simulator.world.model import ExerciseModel

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini.yaml"


def _graph(n=60, seed=4):
    """A connected random graph with lengths that do not add up exactly in floats, and a
    place joined to nothing."""
    rng = np.random.default_rng(seed)
    g = nx.connected_watts_strogatz_graph(n - 1, 4, 0.3, seed=seed)
    g.add_node(n - 1)
    for a, b in g.edges:
        g.edges[a, b]["km"] = float(rng.uniform(0.1, 30.0))
    g.edges[0, next(iter(g.adj[0]))]["km"] = 0.0  # a route of no length is a route
    a = np.array([e[0] for e in g.edges])
    b = np.array([e[1] for e in g.edges])
    km = np.array([g.edges[e]["km"] for e in g.edges])
    return g, a, b, km


def test_rows_are_networkx_lengths_to_the_bit():
    g, a, b, km = _graph()
    lengths, hops = Lengths(g.number_of_nodes(), a, b, km), Lengths(g.number_of_nodes(), a, b, None)
    for src, found in nx.all_pairs_dijkstra_path_length(g, weight="km"):
        row = lengths[src]
        assert {i: row[i] for i in np.flatnonzero(np.isfinite(row))} == found  # exact floats
    for src, found in nx.all_pairs_shortest_path_length(g):
        assert {i: int(h) for i, h in enumerate(hops[src]) if np.isfinite(h)} == found
    assert lengths[0, g.number_of_nodes() - 1] == np.inf


def test_nearby_is_the_rows_within_hops():
    g, a, b, km = _graph()
    hours = km / 5.0 + 0.25
    paths = PeoplePaths(g.number_of_nodes(), a, b, km, hours)
    whole = Lengths(g.number_of_nodes(), a, b, hours)
    for src in range(g.number_of_nodes()):
        for reach in (1, 2, 3):
            near = paths.nearby(src, reach)
            expected = np.flatnonzero((paths.hops[src] <= reach) & (paths.hops[src] >= 1))
            assert near.places.tolist() == expected.tolist()
            assert near.km.tolist() == paths.km[src][expected].tolist()
            assert near.hours.tolist() == whole[src][expected].tolist()
    assert paths.neighbours(5).tolist() == sorted(g.adj[5])
    assert not paths.joined(0, g.number_of_nodes() - 1) and paths.joined(0, 7)


def test_rows_kept_are_bounded():
    g, a, b, km = _graph()
    lengths = Lengths(g.number_of_nodes(), a, b, km)
    lengths.keep = 3
    first = lengths[0].copy()
    for src in range(1, 10):
        lengths.row(src)
    assert len(lengths._rows) == 3 and 0 not in lengths._rows
    assert lengths[0].tolist() == first.tolist()  # found again, the same


def test_routes_closing_opening_and_flooding_change_the_paths():
    m = ExerciseModel(load_scenario(MINI), seed=1)
    village, town, site = m.index["village"], m.index["town"], m.index["site"]
    assert m.geo.hops[village, site] == 2 and m.geo.road_km[village, site] == 22
    m.geo.close_route(town, site, "test")
    assert m.geo.hops[village, site] == np.inf and not m.geo.paths.joined(village, site)
    m.geo.open_route(town, site)
    assert m.geo.hops[village, site] == 2
    assert m.geo.foot_hours[site, village] == m.geo.foot_hours[village, site]
    m.floods.add(FloodWave([site], start=0, rise_hours=1, duration_hours=2, peak_m=5.0,
                           cause="test"))  # town–site is flood prone
    m.now = 1.0
    m.hazards.flood()
    assert (min(town, site), max(town, site)) in m.geo.flooded_routes
    assert m.geo.road_km[town, site] == np.inf and m.geo.foot_hours[village, site] == np.inf
    assert m.geo.paths.nearby(village, 2).places.tolist() == [town, m.index["base"]]
    m.now = 10.0  # the water is gone
    m.hazards.flood()
    assert not m.geo.flooded_routes and m.geo.hops[village, site] == 2


def test_a_pickled_copy_leaves_the_rows_behind_and_finds_the_same():
    g, a, b, km = _graph()
    paths = PeoplePaths(g.number_of_nodes(), a, b, km, km * 2)
    before = (paths.km[3].tolist(), paths.nearby(3, 2).km.tolist())
    copy = pickle.loads(pickle.dumps(paths))
    assert not copy.km._rows and not copy._nearby
    assert (copy.km[3].tolist(), copy.nearby(3, 2).km.tolist()) == before


def test_nearby_on_a_map_of_a_hundred_thousand_places():
    """Route keys of far-numbered places do not overflow (a * n + b needs 64 bits)."""
    n = 100_000
    a = np.array([99_990, 99_991, 99_990, 70_000])
    b = np.array([99_991, 99_992, 70_000, 99_992])
    km = np.array([1.5, 2.25, 9.0, 0.5])
    paths = PeoplePaths(n, a, b, km, km * 3)
    near = paths.nearby(99_990, 2)
    assert near.places.tolist() == [70_000, 99_991, 99_992]
    assert near.km.tolist() == [4.25, 1.5, 3.75] == paths.km[99_990][near.places].tolist()
    # The places as the sparse graph numbers them (32 bits) name the same routes.
    ends = np.array([99_991, 70_000], dtype=np.int32)
    assert paths.km.edge(ends, np.array([99_992, 99_992], dtype=np.int32)).tolist() == [2.25, 0.5]


def _mixed_map(n=70, seed=5):
    """A random map of roads (some also walked), tracks on foot and boat routes, with
    lengths that do not add up exactly in floats."""
    rng = np.random.default_rng(seed)
    g = nx.connected_watts_strogatz_graph(n, 4, 0.3, seed=seed)
    kinds = [frozenset({"road", "foot"}), frozenset({"road"}), frozenset({"foot"}),
             frozenset({"boat"})]
    for a, b in g.edges:
        modes = kinds[int(rng.integers(len(kinds)))]
        g.edges[a, b].update(modes=modes, land=bool(modes & {"foot", "road"}), km=1.0,
                             vehicle=float(rng.uniform(0.1, 5)), foot=float(rng.uniform(1, 20)),
                             boat=float(rng.uniform(0.5, 8)))
    return g


MODES = [("road",), ("foot",), ("boat",), ("road", "boat"), ("foot", "boat"),
         ("road", "foot", "boat")]


def test_ways_by_modes_are_networkx_lengths_to_the_bit():
    g = _mixed_map()
    ways = Ways(g.number_of_nodes(), RouteTable(g.number_of_nodes(), list(g.edges(data=True))))
    for modes in MODES:
        for scale in (1.0, 1.7):
            def weight(a, b, d, modes=frozenset(modes), scale=scale):
                return mode_hours(d, modes, scale)
            for src in range(0, g.number_of_nodes(), 7):
                found = nx.single_source_dijkstra_path_length(g, src, weight=weight)
                row = ways.hours(modes, scale).row(src)
                assert {i: row[i] for i in np.flatnonzero(np.isfinite(row))} == found
                for dest in range(g.number_of_nodes()):
                    assert ways.joined(modes, src, dest) == (dest in found)


def test_ways_neighbours_are_the_maps():
    g = _mixed_map()
    ways = Ways(g.number_of_nodes(), RouteTable(g.number_of_nodes(), list(g.edges(data=True))))
    assert all(ways.neighbours(p) == sorted(g.neighbors(p)) for p in g.nodes)
    nothing = Ways(3, RouteTable(3, []))
    assert nothing.hours(("road",))[0, 2] == np.inf and not nothing.joined(("foot",), 0, 1)


def test_a_units_way_on_a_mixed_map_is_networkxs():
    """The model's hours by each mix of modes on a map of roads, tracks and boat routes,
    one of them washed out: those networkx finds over the open routes, and None where no
    route the traveller can use joins the places."""
    model = ExerciseModel(load_scenario(MINI.parents[2] / "scenarios" / "prevention-central-sahel.yaml"), 1)
    assert {m for _, _, d in model.geo.graph.edges(data=True) for m in d["modes"]} == \
        {"road", "foot", "boat"}
    model.geo.close_route(*next(iter(model.geo.graph.edges)), "flood")
    edges = [(a, b, d) for a, b, d in model.geo.graph.edges(data=True) if model.geo.route_open(a, b)]
    g = nx.Graph(edges)
    g.add_nodes_from(range(model.n))
    for modes in MODES:
        def weight(a, b, d, modes=frozenset(modes)):
            return mode_hours(d, modes, 1.0)
        for a in range(model.n):
            found = nx.single_source_dijkstra_path_length(g, a, weight=weight)
            assert [model.geo.travel_hours(a, b, modes) for b in range(model.n)] == \
                [found.get(b) for b in range(model.n)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rows_kept_over_a_change_of_routes_are_the_rows_found_afresh(seed):
    """Routes close, open again and change length (one or two at a time, as floods do;
    some of no length, some tied): every row kept, and every row from a site, is the row
    a search over the new routes finds, to the bit; many are kept, not all."""
    g, a, b, km = _graph(n=300, seed=seed)
    km = np.round(km) if seed == 3 else km  # whole numbers: many ways equally short
    rng = np.random.default_rng(seed)
    n, sites = g.number_of_nodes(), np.array([2, 17, 40, 299])
    paths = PeoplePaths(n, a, b, km, km * 1.7)
    open_ = np.ones(len(a), dtype=bool)
    kept = total = 0
    for step in range(8):
        for src in range(0, n, 5):
            paths.km.row(src), paths.hours.row(src), paths.hops.row(src)
        paths.known(5, 2, sites)
        km = km.copy()
        km[rng.integers(len(a))] = rng.uniform(0.5, 30.0)  # a route changes length
        open_ = open_.copy()
        open_[rng.integers(len(a))] = step % 3 == 2  # one closes, or opens again
        new = PeoplePaths(n, a[open_], b[open_], km[open_], km[open_] * 1.7)
        new.keep(paths)
        fresh = PeoplePaths(n, a[open_], b[open_], km[open_], km[open_] * 1.7)
        for mine, theirs in ((new.km, fresh.km), (new.hours, fresh.hours),
                             (new.hops, fresh.hops)):
            for src, row in mine._rows.items():
                assert row.tolist() == theirs.row(src).tolist()
            kept += len(mine._rows)
            total += len(range(0, n, 5))
        for mine, theirs in zip(new._sites[1:], (dijkstra(fresh.km.graph, indices=sites),
                                                 dijkstra(fresh.hours.graph, indices=sites)),
                                strict=True):
            assert mine.tolist() == theirs.tolist()
        paths = new
    assert total / 4 < kept < total
