"""The engine's displacement rules: arrivals, conflict, admission, forced redirection,
routes reopening (the primitives an imported case uses, open to any scenario)."""

import numpy as np

from simulator.displacement.fleecase import read_case
from simulator.displacement.fleeimport import to_scenario
from simulator.language.scenario import Scenario
from simulator.play.exercise import Exercise
from tests.simulator.displacement.test_fleecase import tiny

ROUTES = "#name1,name2,distance,forced\nZone,Town,10,\nTown,C1,10,\nTown,C2,30,\nFar,C2,5,\n"


def world(tmp_path, closures: str = "", routes: str = ROUTES, **change) -> Exercise:
    case = tiny(tmp_path, **{"input/closures.csv": "#type,name1,name2,start,end\n" + closures,
                             "input/routes.csv": routes})
    raw = to_scenario(read_case(case))
    raw.update(change)
    ex = Exercise(Scenario.model_validate(raw), seed=3)
    ex.reset()
    return ex


def entered(ex) -> list[dict]:
    return [e["at"] for e in ex.events if e["type"] == "people_entered"]


def test_arrivals_enter_at_places_in_conflict_by_weight(tmp_path):
    ex = world(tmp_path)
    i = ex.model.index
    ex.step()  # day 0: nobody
    ex.step()  # day 1: 135 people, only Zone is in conflict
    assert entered(ex) == [{"zone": 135}]
    ex.step()  # day 2: 135 people; Far joins the fighting: 300 : 100
    assert entered(ex)[-1] == {"zone": 101, "far": 34}
    c = ex.model.civilians
    # The newcomers' home is where they entered: 34 people from Far, here or on the road.
    assert c.dense()[i["far"], :, :].sum() + sum(t.of(i["far"]).sum() for t in c.transit) == 34


def test_arrivals_wait_for_a_place_in_conflict(tmp_path):
    ex = world(tmp_path, arrivals={"people": [0, 50, 70], "places": {"far": 1.0}})
    for _ in range(3):
        ex.step()
    # Far is in conflict from day 2: the 50 of day 1 enter with the 70 of day 2.
    assert entered(ex) == [{"far": 120}]
    ev = next(e for e in ex.events if e["type"] == "people_entered")
    assert ev["turn"] == 3 and ev["people"] == 120


def test_conflict_holds_the_risk_and_people_flee(tmp_path):
    ex = world(tmp_path)
    m = ex.model
    for _ in range(2):
        ex.step()
    # Far is in conflict from day 2 (turn 3): from then on nobody heads there.
    towards_far = m.civilians.flow_array()[:, m.index["far"]].sum()
    ex.step()
    assert m.civilians.flow_array()[:, m.index["far"]].sum() == towards_far
    assert m.civilians.risk[m.index["zone"]] == 1.0
    assert m.civilians.risk[m.index["town"]] < 0.01
    # Of the 135 + 101 who entered at Zone, at most a few (p = 0.1 a day) are still there.
    assert m.civilians.dense()[:, m.index["zone"]].sum() < 40
    m.civilians.conflict[m.index["zone"]] = False  # what `conflict: {active: false}` does
    ex.step()
    ex.step()
    assert m.civilians.risk[m.index["zone"]] < 0.5  # the risk fades once fighting stops


def test_a_closed_camp_admits_nobody_until_it_reopens(tmp_path):
    ex = world(tmp_path, "camp,C1,,0,3\n")
    m = ex.model
    c1 = m.index["c1"]
    for _ in range(2):  # days 0 and 1 (turn 4, day 3, opens with the camp admitting again)
        ex.step()
    assert m.civilians.flow_array()[:, c1].sum() == 0 and m.civilians.closed_sites[c1]
    assert m.civilians.flow_array()[:, m.index["c2"]].sum() > 0
    for _ in range(3):
        ex.step()
    assert not m.civilians.closed_sites[c1]
    assert m.civilians.flow_array()[:, c1].sum() > 0
    assert [e["type"] for e in ex.events if e["type"].startswith("site_")] == \
        ["site_closed", "site_admits"]


def test_a_forced_redirection_sends_everyone_on(tmp_path):
    routes = ROUTES.replace("Town,C1,10,", "Town,C1,10,2")
    ex = world(tmp_path, routes=routes)
    m = ex.model
    town, c1 = m.index["town"], m.index["c1"]
    for _ in range(5):
        ex.step()
    c = m.civilians
    # Everyone who reached the town went on to C1 at once, none elsewhere.
    assert c.flow_array()[town, c1] + c.incoming[town] == c.flow_array()[:, town].sum()
    assert c.flow_array()[town].sum() == c.flow_array()[town, c1] > 0
    assert c.dense()[:, town].sum() == 0


def test_a_redirection_ends(tmp_path):
    routes = ROUTES.replace("Town,C1,10,", "Town,C1,10,2")
    ex = world(tmp_path, "remove_forced_redirection,Town,C1,0,0\n", routes=routes)
    ex.step()
    assert ex.model.civilians.redirect == {}
    assert [e["type"] for e in ex.events if e["type"].startswith("redirect_")] == \
        ["redirect_started", "redirect_ended"]


def test_a_closed_route_reopens(tmp_path):
    ex = world(tmp_path, "link,Zone,Town,1,3\n")
    m = ex.model
    zone, town = m.index["zone"], m.index["town"]
    ex.step()
    ex.step()
    assert not m.geo.route_open(zone, town) and not np.isfinite(m.geo.hops[zone, town])
    ex.step()
    ex.step()
    assert m.geo.route_open(zone, town) and m.geo.hops[zone, town] == 1
    assert [e["type"] for e in ex.events if e["type"] in ("route_closed", "route_opened")] == \
        ["route_closed", "route_opened"]


def test_people_with_nowhere_safe_nearby_look_further(tmp_path):
    """Zone's only neighbour is in conflict too: people aware of one hop still find the
    places beyond it."""
    routes = "#name1,name2,distance,forced\nZone,Far,10,\nFar,Town,10,\nTown,C1,10,\n" \
             "Town,C2,30,\n"
    ex = world(tmp_path, routes=routes, arrivals={"people": [500], "places": {"zone": 1.0}},
               parameters={"needs": {"base_mortality": 0.0},
                           "movement": {"awareness_hops": 1, "sites_known": False}})
    m = ex.model
    m.civilians.conflict[m.index["far"]] = True
    ex.step()
    flows = m.civilians.flow_array()[m.index["zone"]]
    assert flows.sum() > 400 and flows[m.index["far"]] == 0
    assert flows[[m.index["town"], m.index["c1"], m.index["c2"]]].all()


def test_camps_are_known_from_afar(tmp_path):
    """People aware of one hop only still head for the camps two and three hops away, not
    for the town between (sites_known); without it they all stop at the next place."""
    routes = "#name1,name2,distance,forced\nZone,Far,10,\nFar,Town,10,\nTown,C1,10,\n" \
             "Town,C2,30,\n"
    for known in (True, False):
        ex = world(tmp_path / str(known), routes=routes,
                   arrivals={"people": [500], "places": {"zone": 1.0}},
                   parameters={"needs": {"base_mortality": 0.0},
                               "movement": {"awareness_hops": 1, "sites_known": known}})
        m = ex.model
        ex.step()
        flows = m.civilians.flow_array()[m.index["zone"]]
        if known:
            assert flows[m.index["town"]] == 0
            assert flows[m.index["c1"]] > 0 and flows[m.index["c2"]] > 0
        else:
            assert flows[m.index["far"]] == flows.sum() > 400
