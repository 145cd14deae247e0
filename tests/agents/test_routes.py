"""The map's routes as arrays: the routes open and those people use are those the map's
rules name, route by route."""

from pathlib import Path

import numpy as np

from agents.routes import RouteTable
from simulator.language.validation import load_scenario
from simulator.world.model import ExerciseModel

SAHEL = Path(__file__).resolve().parents[2] / "scenarios" / "prevention-central-sahel.yaml"


def test_open_routes_and_peoples_routes_follow_closures_and_boats():
    m = ExerciseModel(load_scenario(SAHEL), 1)
    edges = list(m.geo.graph.edges(data=True))
    table = RouteTable(m.n, edges)
    water = [(min(a, b), max(a, b)) for a, b, d in edges if not d["land"]]
    assert water  # a boat route
    shut = {(min(a, b), max(a, b)) for a, b, _ in edges[:5]}
    for boats in ({}, {water[0]: 0}, {water[0]: 120}):
        is_open = table.open(shut)
        used, limits = table.for_people(is_open, boats)
        expected = [(a, b) for a, b, d in edges if (min(a, b), max(a, b)) not in shut
                    and (d["land"] or boats.get((min(a, b), max(a, b))) != 0)]
        assert [(a, b) for a, b, _ in np.array(edges, dtype=object)[used]] == expected
        assert limits == {k: v for k, v in boats.items() if v and k not in shut}
        people = table.people_edges(used, boats)
        assert [(a, b) for a, b, _ in people] == expected
        assert all(d["hours"] == (e["foot"] if e["land"] else e["boat"]) for (_, _, d), (_, _, e)
                   in zip(people, [x for x in edges if (x[0], x[1]) in expected], strict=True))
    assert table.open(set()).all() and table.open(shut).sum() == len(edges) - 5
