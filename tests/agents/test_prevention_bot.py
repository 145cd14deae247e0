"""The doctrine bot on the constructs of prevention, children and access: it answers
rising tension (inclusive mediation, dialogue, a confidence patrol, then an agreement),
hands released children to child protection, negotiates access at a checkpoint that
taxed its convoy, puts police at a gathering, and holds a route an ambush threatens."""

from agents.bots import DoctrineBot
from simulator.language.validation import scenario_from_text
from tests.conftest import MINI

EXTRA = """  - id: mediate
    team: civilian
    name: {en: Mediate, fr: Médier}
    params:
      location: {type: location}
      inclusive: {type: bool, default: false}
    effects:
      - mediate: {location: $location, inclusive: $inclusive}
  - id: agree
    team: civilian
    name: {en: Support an agreement, fr: Appuyer un accord}
    params:
      location: {type: location}
    effects:
      - local_agreement: {location: $location}
  - id: children
    team: civilian
    name: {en: Hand over children, fr: Remettre les enfants}
    params:
      location: {type: location}
      agency: {type: agency, own: false}
    effects:
      - hand_over_children: {location: $location, agency: $agency}
  - id: negotiate
    team: humanitarian
    name: {en: Negotiate access, fr: Négocier l'accès}
    params:
      checkpoint: {type: checkpoint}
    effects:
      - negotiate_access: {checkpoint: $checkpoint}
  - id: patrol-route
    team: force
    name: {en: Patrol a route, fr: Patrouiller un itinéraire}
    params:
      unit: {type: unit}
      route: {type: route}
    effects:
      - presence: {unit: $unit, route: $route}
msel:"""
WORLD = MINI.read_text(encoding="utf-8").replace("msel:", EXTRA, 1).replace(
    "  units:", """    - {id: unicef, name: Child protection, location: town, sectors: [health],
       child_protection: true}
  units:""", 1).replace("population:", """  checkpoints:
    - {id: cp-gate, name: Gate, from: village, to: town, held_by: band}
population:""", 1)


def report(team: str, turn: int = 1, **kinds) -> dict:
    base = {"team": team, "turn": turn, "turns": 4, "hour": 12.0 * (turn - 1), "budget": 10,
            "threats": [], "messages": [], "hazards": [], "needs": [], "observations": [],
            "incidents": [], "investigations": [], "hrddp": [], "asset_requests": [],
            "routes": [], "routes_closed": [], "other": [], "units": [], "agencies": []}
    base.update(kinds)
    return base


def fact(n: int, kind: str, **data) -> dict:
    return {"id": f"f{n:05d}", "kind": kind, "turn": 1, "hour": 0.0, "source": "messages",
            **data}


def orders(bot, rep) -> list[tuple]:
    return [(o["action"], tuple(sorted(o["params"].items()))) for o in bot.decide(rep)]


def test_rising_tension_gets_an_inclusive_mediation_then_an_agreement():
    s = scenario_from_text(WORLD, "w.yaml")
    bot = DoctrineBot(s, "civilian", seed=1)
    first = orders(bot, report("civilian", other=[fact(1, "tension_rising", location="town",
                                                       tension=0.6)]))
    assert ("mediate", (("inclusive", True), ("location", "town"))) in first
    assert any(a == "engage" and ("location", "town") in p for a, p in first)
    second = orders(bot, report("civilian", turn=2))
    assert ("agree", (("location", "town"),)) in second
    assert ("agree", (("location", "town"),)) not in orders(bot, report("civilian", turn=3))


def test_released_children_go_to_the_child_protection_agency():
    s = scenario_from_text(WORLD, "w.yaml")
    bot = DoctrineBot(s, "civilian", seed=1)
    got = orders(bot, report("civilian", other=[fact(1, "children_released",
                                                     location="village", children=6)]))
    assert ("children", (("agency", "unicef"), ("location", "village"))) in got


def test_a_taxed_convoy_leads_to_negotiated_access():
    s = scenario_from_text(WORLD, "w.yaml")
    bot = DoctrineBot(s, "humanitarian", seed=1)
    got = orders(bot, report("humanitarian", other=[fact(1, "checkpoint_met", checkpoint="cp-gate",
                                                         met="levy")]))
    assert ("negotiate", (("checkpoint", "cp-gate"),)) in got


def test_police_keep_order_at_a_gathering_that_starts_this_turn():
    s = scenario_from_text(WORLD, "w.yaml")
    fpu = {"id": "fpu", "kind": "fpu", "location": "town", "task": "idle", "capacity": 0,
           "women": 0, "military": False, "reachable": ["village", "town", "site", "base"]}
    market = fact(1, "gathering", location="village", gathering="market", people=500,
                  start_hour=6.0, end_hour=12.0)
    bot = DoctrineBot(s, "police", seed=1)
    later = dict(market, start_hour=30.0, end_hour=36.0)
    assert not [o for o in orders(bot, report("police", units=[fpu], other=[later]))
                if o[0] == "patrol" and ("location", "village") in o[1]]
    got = orders(DoctrineBot(s, "police", seed=1), report("police", units=[fpu], other=[market]))
    assert ("patrol", (("location", "village"), ("mode", "guard"), ("unit", "fpu"))) in got


def test_police_keep_their_gathering_before_a_threat_another_team_shared():
    """One police unit, a market this turn and a raid another team warned of: the unit
    keeps order at the market; the force may be covering the raid. Its own warning would
    come first."""
    s = scenario_from_text(WORLD, "w.yaml")
    fpu = {"id": "fpu", "kind": "fpu", "location": "town", "task": "idle", "capacity": 0,
           "women": 0, "military": False, "reachable": ["village", "town", "site", "base"]}
    market = fact(1, "gathering", location="village", gathering="market", people=500,
                  start_hour=6.0, end_hour=12.0)
    raid = {"id": "f00002", "kind": "threat", "location": "site", "armed_group": "band",
            "expected_hour": 8.0, "tactic": "raid"}
    shared = dict(raid, shared_by="force")
    got = orders(DoctrineBot(s, "police", seed=1),
                 report("police", units=[fpu], other=[market], threats=[shared]))
    assert [o for o in got if o[0] == "patrol"] == [
        ("patrol", (("location", "village"), ("mode", "guard"), ("unit", "fpu")))]
    got = orders(DoctrineBot(s, "police", seed=1),
                 report("police", units=[fpu], other=[market], threats=[raid]))
    assert [o for o in got if o[0] == "patrol"] == [
        ("patrol", (("location", "site"), ("mode", "guard"), ("unit", "fpu")))]


def test_an_ambush_threatened_on_a_route_is_met_on_the_route():
    s = scenario_from_text(WORLD, "w.yaml")
    coy = {"id": "coy_a", "kind": "infantry", "location": "base", "task": "idle",
           "capacity": 200, "women": 10, "military": True,
           "reachable": ["village", "town", "site", "base"]}
    threat = {"id": "f00001", "kind": "threat", "location": "village", "route": "village--town",
              "armed_group": "band", "expected_hour": 6.0, "tactic": "ambush"}
    got = orders(DoctrineBot(s, "force", seed=1), report("force", units=[coy], threats=[threat]))
    assert ("patrol-route", (("route", "village--town"), ("unit", "coy_a"))) in got


def test_a_later_herd_does_not_hide_an_earlier_one_due_at_the_same_village():
    s = scenario_from_text(WORLD, "w.yaml")
    bot = DoctrineBot(s, "civilian", seed=1)
    first = fact(1, "transhumance", location="camp", herd="a", cattle=900, due={"village": 30.0})
    later = fact(2, "transhumance", location="camp", herd="b", cattle=900, due={"village": 300.0})
    got = orders(bot, report("civilian", other=[first, later]))
    assert ("mediate", (("inclusive", True), ("location", "village"))) in got
