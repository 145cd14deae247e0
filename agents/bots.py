"""Bot teams that play like trainees: from their situation report and their catalogue.

Bots see what a team sees (its report, the scenario briefing: map and actors) and choose
actions by the effect primitives those actions compose, so they work on any scenario
whose catalogue offers the primitives. ``doctrine`` plays as DOMAIN.md says a good team
does; ``random`` issues valid random orders; ``passive`` does nothing.
"""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np

from agents import prevention
from agents.geo import km as _km
from agents.geo import nearest

SITES = ("idp_site", "camp")


def bot_rng(seed: int, team: str) -> np.random.Generator:
    """A bot's own random stream: fixed by exercise seed and team, independent of others."""
    return np.random.default_rng([seed, zlib.crc32(team.encode())])


class Bot:
    """Base: ``decide(report)`` returns a list of ``{action, params}``."""

    def __init__(self, scenario, team: str, seed: int = 0):
        self.scenario = scenario
        self.team = team
        self.spec = next(t for t in scenario.teams if t.id == team)
        self.catalogue = scenario.actions_of(team)
        self.rng = bot_rng(seed, team)
        self.locations = {loc.id: loc for loc in scenario.map.locations}

    def decide(self, report: dict) -> list[dict]:
        raise NotImplementedError


class PassiveBot(Bot):
    """Does nothing: the baseline every counterfactual is measured against."""

    def decide(self, report: dict) -> list[dict]:
        return []


class RandomBot(Bot):
    """One to three valid random orders per turn."""

    def decide(self, report: dict) -> list[dict]:
        if not self.catalogue:
            return []
        out, used = [], set()
        free = [u["id"] for u in report["units"] if u["task"] == "idle"]
        for _ in range(int(self.rng.integers(1, 4))):
            action = self.catalogue[self.rng.choice(sorted(self.catalogue))]
            params = {}
            for name, p in action.params.items():
                value = self._random_value(p, [u for u in free if u not in used])
                if value is None and p.is_required:
                    break
                if value is not None:
                    params[name] = value
            else:
                used.update(v for k, v in params.items() if action.params[k].type == "unit")
                out.append({"action": action.id, "params": params})
        return out

    def _random_value(self, p, free_units: list[str]) -> Any:
        pick = lambda xs: xs[int(self.rng.integers(len(xs)))] if xs else None  # noqa: E731
        s = self.scenario
        if p.values:
            return pick(list(p.values))
        if p.type == "location":
            return pick(sorted(self.locations))
        if p.type == "unit":
            return pick(sorted(free_units)) if p.own else pick(sorted(u.id for u in s.actors.units))
        if p.type == "agency":
            return pick(sorted(a for a in self.spec.assets if a in {x.id for x in s.actors.agencies}))
        if p.type == "team":
            return pick(sorted(t.id for t in s.teams if t.id != self.team))
        if p.type in ("armed_group", "host_force", "route", "checkpoint"):
            return pick(sorted(i for i, _ in s.entities(p.type)))
        if p.type == "need":
            return pick(["water", "food", "shelter", "health"])
        if p.type == "bool":
            return bool(self.rng.integers(2))
        if p.type in ("int", "number"):
            lo = p.min if p.min is not None else 1
            hi = p.max if p.max is not None else 1000
            v = float(self.rng.uniform(lo, hi))
            return int(v) if p.type == "int" else round(v, 1)
        if p.type == "text":
            return "random order"
        return None


class DoctrineBot(Bot):
    """Plays as doctrine says a good team does.

    Prevention first: in the first turn, alert networks in the places most exposed to
    the armed groups, referral pathways at sites and health centres, HRDDP assessments;
    on early warning, presence at the threatened place (warnings the team received
    itself first), engagement consulting women and youth, and a referral pathway there
    before the attack; after violence, investigation, needs assessment, a referral
    pathway and the detention of those who attacked; at a place a message names, a
    community engagement (and supplies for a health centre that asks for them); sites
    protected; people evacuated before a flood peaks; needs assessed then supplied;
    military assets only through an approved last-resort request, used as approved;
    host forces supported once, after an HRDDP assessment that did not advise
    withholding, and detainees handed over only to them; information shared with every
    other component each turn.
    """

    def __init__(self, scenario, team: str, seed: int = 0):
        super().__init__(scenario, team, seed)
        self._composing: dict[str, list] = {}  # primitive → actions composing it
        self.responded: dict[str, int] = {}  # place → turn the team answered violence there
        self.preempted: set[str] = set()  # threatened places where the team sent arrests
        self.heard: set[str] = set()  # messages (inject ids) the team has answered
        self.pathways: set[str] = set()  # places where the team set up a referral pathway
        self.supported: set[str] = set()  # host forces the team has supported
        self.held = 0  # detainees the team knows it holds and has not handed over
        self.handed_hour = -1.0  # hour of its last handover (which took all it held then)
        self.threatened_by: dict[str, str] = {}  # place → armed group the team was told of
        self.warned: set[tuple[str, float]] = set()  # threats (place, hour) looked into
        self.decongested: dict[str, int] = {}  # site → turn the team last extended it
        self.repaired: set[str] = set()  # routes the team sent engineers to
        self.responded_outbreak: set[str] = set()  # places whose outbreak the team answered
        self.requested_until = 0  # turn until which the team's last asset request stands
        self.requested_for: str | None = None  # the place it serves
        self.asked: list[str] = []  # places messages named, the latest first
        self.asked_turn: dict[str, int] = {}  # place → last turn a message named it
        self.neighbours: dict[str, set[str]] = {}
        for r in scenario.map.routes:
            self.neighbours.setdefault(r.from_, set()).add(r.to)
            self.neighbours.setdefault(r.to, set()).add(r.from_)
        self.answered: set[str] = set()  # messages whose requests to host forces were seen
        self.emptied: set[str] = set()  # places an evacuation found nobody left at
        self.moved: dict[str, int] = {}  # place → people the team evacuated from it
        self.counted: set[str] = set()  # evacuation facts already counted
        self.residents = {p.location: p.women + p.men + p.girls + p.boys + p.older
                          for p in scenario.population}
        self.seen: set[str] = set()  # facts of the kinds below already acted on
        self.mediated_at: dict[str, int] = {}  # place → turn the team mediated rising tension
        self.agreed: set[str] = set()  # places where it supported a local agreement
        self.children_waiting: set[str] = set()  # places where released children wait
        self.negotiated: dict[str, int] = {}  # checkpoint → turn access was negotiated
        self.policed: set[tuple[str, float]] = set()  # gatherings given public order
        self.herds_due: set[tuple[str, float]] = set()  # (farming village, hour a herd is due)
        self.patrolled: set[tuple[str, int]] = set()  # (place, turn) confidence patrols
        self.held_routes: set[tuple[str, int]] = set()  # (checkpoint route, turn) held
        self.handed: dict[str, float] = {}  # place → hour released children were handed over

    def decide(self, report: dict) -> list[dict]:
        self.report = report
        self.orders: list[dict] = []
        self.assessing: set[str] = set()  # places assessed this turn
        self.free = free_units(report)
        self.budget = report.get("budget", 0.0)
        self.now = report["hour"]
        self.turn_hours = self.scenario.metadata.turn_hours
        for t in report["threats"]:
            if t.get("location") and t.get("armed_group"):
                self.threatened_by.setdefault(t["location"], t["armed_group"])
        for msg in report["messages"]:
            if msg.get("inject") not in self.heard and msg.get("places"):
                self.asked = list(msg["places"]) + [p for p in self.asked
                                                    if p not in msg["places"]]
                self.asked_turn.update({p: report["turn"] for p in msg["places"]})
        for f in report["other"]:
            # Detainees its own operations took (not a shared copy of another team's).
            if f["kind"] == "detention" and f["id"] not in self.counted \
                    and "shared_by" not in f and f["hour"] > self.handed_hour:
                self.counted.add(f["id"])
                self.held += f.get("detainees", 0)
            # A place evacuated empty, or of as many people as live there, has nobody left.
            if f["kind"] == "evacuation" and f["id"] not in self.counted:
                self.counted.add(f["id"])
                self.moved[f["location"]] = self.moved.get(f["location"], 0) + f["people"]
                if not f["people"] or self.moved[f["location"]] >= self.residents.get(
                        f["location"], float("inf")):
                    self.emptied.add(f["location"])
        # Threats the team was warned of itself come first, then the gatherings it must
        # keep in order; what another component shared, that component may be covering.
        self._protect_threatened(shared=False)
        prevention.hand_over_children(self)
        prevention.police_gatherings(self)
        self._protect_threatened(shared=True)
        prevention.prevent_clashes(self)
        prevention.negotiate_access(self)
        prevention.hold_checkpoint_routes(self)
        # Getting people out of rising water comes before flying aid to them; once the
        # water has crested, aid to those who stayed comes first.
        self._evacuate_flood(rising=True)
        self._carry_approved_aid()
        self._evacuate_flood(rising=False)
        self._prevent()
        self._engage_threatened()
        self._respond_to_incidents()
        self._answer_messages()
        self._outbreaks()
        self._humanitarian()
        self._decongest()
        self._repair()
        self._host_forces()
        self._protect_sites()
        self._share()
        return self.orders

    # --- helpers ----------------------------------------------------------------------

    def _with(self, primitive: str) -> list:
        """The team's actions that compose ``primitive``, in catalogue order."""
        if primitive not in self._composing:
            self._composing[primitive] = [a for a in self.catalogue.values()
                                          if any(e.kind == primitive for e in a.effects)]
        return self._composing[primitive]

    def _order(self, primitive: str, **wanted: Any) -> bool:
        """Issue the first catalogue action composing ``primitive`` whose parameters fill."""
        return any(self._issue(action, wanted) for action in self._with(primitive))

    def _issue(self, action, wanted: dict) -> bool:
        """Order ``action`` if the budget allows and its parameters fill; its own units are
        then no longer free this turn."""
        if action.cost.budget > self.budget + 1e-9:
            return False
        params = self._fill(action, wanted)
        if params is None:
            return False
        self.budget -= action.cost.budget
        self.orders.append({"action": action.id, "params": params})
        for k, p in action.params.items():
            if p.type == "unit" and p.own:
                self.free = [u for u in self.free if u["id"] != params.get(k)]
        return True

    def _fill(self, action, wanted: dict) -> dict | None:
        params = {}
        for name, p in action.params.items():
            value = wanted.get(name, wanted.get(p.type))
            if p.type == "unit" and p.own and isinstance(value, dict):
                value = value["id"]
            if value is None and p.type == "choice":
                value = self._prefer(name, p, wanted)
            if value is None and p.type == "bool":
                value = _doctrine_flag(action, name)
            if value is None and p.type == "text":
                value = wanted.get("justification")
            if value is None:
                if p.is_required:
                    return None
                continue
            if p.values and not isinstance(value, list) and value not in p.values:
                return None
            if p.type in ("int", "number"):
                value = _clamp(value, p)
            params[name] = value
        return params

    def _prefer(self, name: str, p, wanted: dict) -> Any:
        values = list(p.values)
        if name == "consult" or {"women", "youth"} & set(values):
            chosen = [v for v in ("women", "youth", "leaders") if v in values]
            return chosen if isinstance(p.default, list) else chosen[0]
        if name == "mode" and wanted.get("mode") in values:
            return wanted["mode"]
        if name == "kind" and "fuel" in values and "joint_operation" in values:
            return "joint_operation"
        return p.default if p.default is not None else values[0]

    def _nearest_unit(self, loc: str, protecting: bool = True, transport: bool = False):
        """The nearest free unit able to reach ``loc``; a unit standing at a site (where
        displaced people shelter) leaves it only if no other unit can go."""
        pool = [u for u in self.free if (not protecting or u["kind"] in PROTECTORS)
                and (not transport or u["capacity"] > 0) and loc in u.get("reachable", [loc])]
        if not pool:
            return None
        here = self.locations[loc].coords
        return min(pool, key=lambda u: (u["location"] != loc
                                        and self.locations[u["location"]].type in SITES,
                                        _km(self.locations[u["location"]].coords, here), u["id"]))

    def _pending_threats(self) -> list[dict]:
        """Threats expected within two turns, one per place: those the team was warned of
        itself first (another component may be covering what was shared), then by hour."""
        horizon = self.now + 2 * self.turn_hours
        seen, out = set(), []
        for t in sorted(self.report["threats"], key=lambda t: ("shared_by" in t,
                                                               t["expected_hour"], t["location"])):
            if self.now - 1 <= t["expected_hour"] <= horizon and t["location"] not in seen:
                seen.add(t["location"])
                out.append(t)
        return out

    # --- doctrine ---------------------------------------------------------------------

    def _protect_threatened(self, shared: bool) -> None:
        """Protect the places (and routes) threatened within two turns: those the team was
        warned of itself, or (``shared``) those another team shared."""
        threats = [t for t in self._pending_threats() if ("shared_by" in t) == shared]
        for t in threats:
            loc = t["location"]
            if t.get("route"):  # an ambush along a route: hold the route itself
                unit = self._nearest_unit(loc)
                if unit is not None and not self._order("escort", route=t["route"], unit=unit):
                    self._order("presence", route=t["route"], unit=unit, mode="patrol")
                continue
            mode = "guard" if self.locations[loc].type in SITES else "patrol"
            unit = self._nearest_unit(loc)
            if unit is None:
                continue
            # Convoys threatened: police escort them (armed military escorts of aid are a
            # last resort); escorting units protect the place they go to as well.
            if t.get("tactic") in CONVOY_TACTICS and not unit.get("military", True) and \
                    self._order("escort", location=loc, unit=unit):
                continue
            self._order("presence", location=loc, unit=unit, mode=mode)
        # Pre-emption: a second unit apprehends the group's members gathering near the place
        # (once per place, and not where the team has just answered violence).
        for t in threats:
            loc = t["location"]
            if loc not in self.preempted and t.get("armed_group") and t["expected_hour"] > \
                    self.now and self.responded.get(loc, -9) < self.report["turn"] - 2:
                self.preempted.add(loc)
                self._detain(loc)

    def _engage_threatened(self) -> None:
        for t in self._pending_threats():
            self._order("engage", location=t["location"], unit=self._mixed_team(t["location"]))
            if self._with("mediate"):
                self._order("mediate", location=t["location"], armed_group=t.get("armed_group"))
            # Survivors of an attack need a pathway in place before it comes.
            self._pathway(t["location"])
            if (t["location"], t["expected_hour"]) not in self.warned:
                self.warned.add((t["location"], t["expected_hour"]))
                # Intimidation and threats are looked into.
                self._order("investigate", location=t["location"])

    def _mixed_team(self, loc: str) -> dict | None:
        """A free unit with women officers to meet the community (they reach its women),
        not one needed to protect: civil affairs, liaison or transport first; else none."""
        # Not an aircraft: its crew is no engagement team, and the order would ground it.
        mixed = [u for u in self.free if u.get("women", 0) > 0 and loc in u.get("reachable", [])
                 and u["kind"] not in PROTECTORS and u["kind"] != "helicopter"]
        return mixed[0] if mixed else None

    def _pathway(self, loc: str) -> None:
        if loc not in self.pathways and self._order("referral_pathway", location=loc):
            self.pathways.add(loc)

    def _respond_to_incidents(self) -> None:
        """Violence the team learnt of in the last two turns: investigate it, assess the
        needs it left and open a survivor-centred referral pathway where it happened."""
        turn = self.report["turn"]
        # Violence reported, or found by an investigation (one that found none is not).
        violent = [i for i in self.report["incidents"] if i.get("location")
                   and (i["kind"] == "incident" or i.get("incidents"))]
        recent = {i["location"] for i in violent if i["turn"] >= turn - 2}
        # Those who attacked are still near only for a turn or so after it.
        fresh = {i["location"] for i in violent if i["hour"] >= self.now - self.turn_hours}
        # Violence again at a place answered more than two turns ago is answered again.
        for loc in sorted(x for x in recent if self.responded.get(x, -9) < turn - 2):
            self.responded[loc] = turn
            if loc in fresh:
                self._detain(loc)
            self._medevac(loc)
            self._order("investigate", location=loc)
            self._assess(loc)
            self._pathway(loc)

    def _medevac(self, loc: str) -> None:
        """Casualty evacuation after an attack: aircraft and medical units first."""
        if not self._with("medevac"):
            return
        pool = [u for u in self.free if loc in u.get("reachable", [])
                and u["kind"] in ("helicopter", "medical", "transport")]
        if pool:
            self._order("medevac", location=loc, unit=min(pool, key=lambda u: u["id"]))

    def _outbreaks(self) -> None:
        """An outbreak at a place: water and health together, with the action that carries
        most needs at once."""
        actions = sorted(self._with("supply"),
                         key=lambda a: -sum(e.kind == "supply" for e in a.effects))
        for h in self.report["hazards"]:
            if h["hazard"] != "outbreak":
                continue
            for loc in h["locations"]:
                if loc in self.responded_outbreak:
                    continue
                self.responded_outbreak.add(loc)
                for action in actions:
                    if self._issue(action, {"location": loc, "need": "water", "amount": 3000}):
                        break

    def _decongest(self) -> None:
        """A site over its capacity is extended, and a site opened where many displaced
        people shelter outside one (again at most every three turns)."""
        if not self._with("open_site"):
            return
        for n in self.report["needs"]:
            loc = n["location"]
            if loc not in self.locations:
                continue
            cap = self.locations[loc].attributes.capacity
            crowded = cap is not None and n["population"] > cap
            outside = self.locations[loc].type not in SITES and n.get("displaced", 0) > 1000
            if (crowded or outside) and self.report["turn"] - self.decongested.get(loc, -9) >= 3 \
                    and self._order("open_site", location=loc):
                self.decongested[loc] = self.report["turn"]

    def _repair(self) -> None:
        """Engineers reopen routes the floods washed out."""
        for route in self.report.get("routes_closed", []):
            if route in self.repaired:
                continue
            a, b = route.split("--")
            pool = [u for u in self.free if u["kind"] == "engineer"
                    and (a in u.get("reachable", []) or b in u.get("reachable", []))]
            if pool and self._order("repair_route", **{"from": a, "to": b, "unit": pool[0]}):
                self.repaired.add(route)

    def _detain(self, loc: str) -> None:
        """Apprehend members of the group that attacked, where the team knew who threatened
        the place; detainees are then handed over (``_host_forces``)."""
        group = self.threatened_by.get(loc)
        unit = self._nearest_unit(loc) if group and self._with("detain") else None
        if unit and unit["kind"] in POLICE_KINDS and unit["location"] != loc and \
                self.locations[unit["location"]].type in SITES:
            return  # police secure the sites: they do not leave them to arrest
        if unit:
            self._order("detain", location=loc, unit=unit, armed_group=group)

    def _answer_messages(self) -> None:
        """A report about a place (a rumour, tension, a call for help): go and listen to
        the community there, consulting women and youth."""
        for msg in self.report["messages"]:
            if msg.get("inject") in self.heard or not msg.get("places"):
                continue
            self.heard.add(msg.get("inject"))
            for loc in msg["places"]:
                if loc in self.locations:
                    self._order("engage", location=loc, unit=self._mixed_team(loc))
                    self._assess(loc)
                    if self.locations[loc].type == "health_centre":
                        # A health centre that raises the alarm needs supplies and a pathway.
                        self._order("supply", location=loc, need="health", amount=2000)
                        self._pathway(loc)

    def _prevent(self) -> None:
        if self.report["turn"] != 1:
            return
        for loc in _exposed(self.scenario)[:3]:
            self._order("early_warning", location=loc)
        for loc in self.locations.values():
            if loc.type in SITES + ("health_centre",):
                self._pathway(loc.id)
        for hf in self.scenario.actors.host_forces:
            self._order("hrddp_assessment", host_force=hf.id)

    def _evacuate_flood(self, rising: bool) -> None:
        """Warn before the peak; evacuate people, by road while it is open and by air after,
        for as long as the water stands (floods still ``rising``, or those past their peak)."""
        done: set[str] = set()  # the same forecast may arrive by several channels
        for h in self.report["hazards"]:
            if h["hazard"] != "flood" or h.get("until_hour", h["peak_hour"]) < self.now \
                    or (h["peak_hour"] >= self.now) != rising:
                continue
            flooded = set(h["locations"])
            safe = [loc for loc in self.locations.values() if loc.id not in flooded
                    and loc.type in SITES + ("town", "city", "base")]
            safe_at = np.array([loc.coords for loc in safe], dtype=float).reshape(-1, 2)
            safe_ids = [loc.id for loc in safe]
            peopled = self._peopled()  # what the team knows does not change in the loop
            for loc in sorted(h["locations"], key=self._asked_first):
                if loc in done or loc not in peopled or loc in self.emptied:
                    continue
                done.add(loc)
                if h["peak_hour"] >= self.now:
                    self._order("warn", location=loc)
                if not safe:
                    continue
                here = self.locations[loc].coords
                dest = safe[nearest(here, safe_at, safe_ids)]
                unit = self._nearest_unit(loc, protecting=False, transport=True)
                if unit:
                    self._order("evacuate", **{"from": loc, "to": dest.id, "unit": unit,
                                               "location": loc})
                if self.report["turn"] - self.decongested.get(dest.id, -9) >= 3 and \
                        self._order("open_site", location=dest.id):
                    self.decongested[dest.id] = self.report["turn"]

    def _humanitarian(self) -> None:
        if not self._with("supply") and not self._with("assess"):
            return
        known = {n["location"]: n for n in self.report["needs"]}
        targets = self._places_of_concern()
        # Places a message named in the last three turns (a call for help) are served too.
        targets += [loc for loc, turn in self.asked_turn.items() if loc in self.locations
                    and turn >= self.report["turn"] - 3 and loc not in targets]
        # A flood that began or ended since an assessment, or an outbreak, changes needs and
        # access there and on the roads next to it; so does a road washed out or repaired,
        # at both its ends.
        news: dict[str, float] = {}
        for h in self.report["hazards"]:
            hour = max([h["hour"]] + ([h["until_hour"]] if h.get("until_hour", self.now + 1)
                                      <= self.now else []))
            for place in h["locations"]:
                for loc in {place} | self.neighbours.get(place, set()):
                    news[loc] = max(news.get(loc, -1.0), hour)
        # A road repaired since leaves the needs assessed as they were, with the way open.
        reopened: dict[str, float] = {}
        for r in self.report.get("routes", []):
            for loc in r["route"].split("--"):
                if r["state"] == "open":
                    reopened[loc] = max(reopened.get(loc, -1.0), r["hour"])
                else:
                    news[loc] = max(news.get(loc, -1.0), r["hour"])
        for loc in targets:
            if loc not in known or known[loc]["turn"] < self.report["turn"] - 1 \
                    or known[loc]["hour"] < news.get(loc, -1.0):
                self._assess(loc)
        # Aid follows a recent assessment (an older one, or one made before the latest
        # flood, may tell of roads since cut), as many convoys as the agencies have trucks.
        fresh = {loc: n for loc, n in known.items() if n["turn"] >= self.report["turn"] - 2
                 and n["hour"] >= news.get(loc, -1.0)}
        for loc, n in fresh.items():
            if not n.get("road_open", True) and reopened.get(loc, -1.0) > n["hour"]:
                fresh[loc] = dict(n, road_open=True)
        # The team's agencies: each sends as many convoys a turn as it has trucks, and
        # only in the sectors it works in.
        trucks = {a.id: a.trucks for a in self.scenario.actors.agencies
                  if a.id in self.spec.assets}
        sectors = {a.id: set(a.sectors) for a in self.scenario.actors.agencies
                   if a.id in trucks}
        # Places under flood water: no convoy gets there by road while it stands.
        flooded = {loc for h in self.report["hazards"] if h["hazard"] == "flood"
                   and self.now <= h.get("until_hour", h["peak_hour"]) for loc in h["locations"]}
        # A place whose every road is under water or washed out is cut off, as the map
        # shows: ask for the last-resort asset at once on what the team knew of its needs.
        closed = set(self.report.get("routes_closed", []))
        cut_off: dict[str, tuple[str, dict]] = {}  # place → (its worst need, assessment)
        for loc in targets:
            n = known.get(loc)
            if n and loc not in fresh and self._cut_off(loc, flooded, closed) and n["unmet"]:
                need, short = max(n["unmet"].items(), key=lambda kv: kv[1])
                if short >= 0.1:
                    cut_off[loc] = (need, n)
        for loc, n in sorted(fresh.items(), key=lambda kv: (self._asked_first(kv[0]),
                                                             -kv[1]["population"])):
            for need, short in sorted(n["unmet"].items(), key=lambda kv: -kv[1]):
                if short < 0.1:
                    continue
                amount = n["population"] * short * self.turn_hours / 24 * 2
                if n.get("road_open", True) and loc not in flooded:
                    able = sorted((-trucks[ag], ag) for ag in trucks
                                  if need in sectors[ag] and trucks[ag] > 0)
                    if able and self._order("supply", location=loc, need=need,
                                            amount=amount, agency=able[0][1]):
                        trucks[able[0][1]] -= 1
                else:
                    cut_off[loc] = (need, n)
                    break  # one request per place covers every need
        if cut_off:
            # The asset keeps serving its place while it is cut off and in need; then it goes
            # where a message last asked for it, else where most people lack most.
            loc = self.requested_for if self.requested_for in cut_off and \
                self.report["turn"] < self.requested_until else \
                min(cut_off, key=lambda x: (self._asked_first(x), -cut_off[x][1]["population"]
                                            * cut_off[x][1]["unmet"][cut_off[x][0]], x))
            self._request_asset(loc, cut_off[loc][0])

    def _request_asset(self, loc: str, need: str) -> None:
        """One last-resort request at a time: renewed in the approval's last turn while the
        need lasts (so that the asset does not stand idle between two approvals), or made
        for the next place once its place is served; not while a flood rises and the asset
        evacuates."""
        turn = self.report["turn"]
        if turn < self.requested_until - 1 and loc == self.requested_for:
            return
        # While floodwater rises the asset evacuates first (from this place, or else
        # anywhere): aid asked for now would lapse unflown.
        rising = [h for h in self.report["hazards"]
                  if h["hazard"] == "flood" and h["peak_hour"] >= self.now]
        if any(loc in h["locations"] for h in rising) or \
                (rising and turn < self.requested_until):
            return
        helis = [u for u in self.scenario.actors.units if u.kind in ("helicopter", "transport")]
        if helis and self._order("request_asset", location=loc, unit=helis[0].id,
                                 last_resort=True,
                                 justification=f"No civilian alternative: road to "
                                               f"{self.place_name(loc)} cut; life-saving "
                                               f"{need} need."):
            turns = self.scenario.parameters.humanitarian.approval_turns
            self.requested_until, self.requested_for = turn + turns, loc

    def place_name(self, loc: str) -> str:
        """A place as a team writes it in free text: by its name, not its id."""
        found = next((x for x in self.scenario.map.locations if x.id == loc), None)
        if found is None:
            return loc
        # A name is one string or one per language; a team of bots writes in English.
        return found.name if isinstance(found.name, str) else found.name.en

    def _assess(self, loc: str) -> None:
        """A needs assessment, at most one per place and turn."""
        if loc not in self.assessing and self._order("assess", location=loc):
            self.assessing.add(loc)

    def _cut_off(self, loc: str, flooded: set[str], closed: set[str]) -> bool:
        """Every road to ``loc`` is under water or washed out (or ``loc`` itself is)."""
        roads = self.neighbours.get(loc, set())
        return loc in flooded or bool(roads) and all(
            other in flooded or f"{loc}--{other}" in closed or f"{other}--{loc}" in closed
            for other in roads)

    def _carry_approved_aid(self) -> None:
        """Fly the most-needed supply where an approved last-resort request allows it."""
        known = {n["location"]: n for n in self.report["needs"]}
        for f in self.report["asset_requests"]:
            unit = next((u for u in self.free if u["id"] == f["unit"]), None)
            if not f.get("approved") or unit is None:
                continue
            unmet = known.get(f["location"], {}).get("unmet", {})
            need = max(("water", "food", "health", "shelter"), key=lambda k: unmet.get(k, 0))
            self._order("supply", location=f["location"], unit=unit, need=need, amount=2000)

    def _host_forces(self) -> None:
        """Support each host force once, after an HRDDP assessment that did not advise
        withholding it; hand detainees over only to such a force."""
        advice = {f["host_force"]: f.get("advice") for f in self.report["hrddp"]}
        cleared = [hf.id for hf in self.scenario.actors.host_forces
                   if advice.get(hf.id) not in (None, "withhold support")]
        # A request (a message naming the force) is answered once it is cleared.
        asked = [a for msg in self.report["messages"] for a in msg.get("actors", ())
                 if msg.get("inject") not in self.answered]
        self.answered |= {msg.get("inject") for msg in self.report["messages"]}
        for hf in cleared:
            if (hf not in self.supported or hf in asked) and \
                    self._order("support_host_forces", host_force=hf):
                self.supported.add(hf)
        # Detainees the team knows it holds are handed over (none: nothing to hand over).
        if self.held and cleared and self._order("handover", host_force=cleared[0]):
            self.held, self.handed_hour = 0, self.now

    def _protect_sites(self) -> None:
        for loc in sorted(self._places_of_concern(),
                          key=lambda x: self.locations[x].type not in SITES):
            unit = self._nearest_unit(loc)
            if unit is None:
                return
            mode = "guard" if self.locations[loc].type in SITES else "patrol"
            self._order("presence", location=loc, unit=unit, mode=mode)

    def _share(self) -> None:
        for team in self.scenario.teams:
            if team.id != self.team:
                self._order("share_information", to=team.id, team=team.id)

    def _asked_first(self, loc: str) -> int:
        """Sort key: places a message asked about come first, the latest first."""
        return self.asked.index(loc) if loc in self.asked else len(self.asked)

    def _peopled(self) -> set[str]:
        """Places where the team knows people live or shelter."""
        out = {p.location for p in self.scenario.population}
        out |= {loc.id for loc in self.locations.values() if loc.type in SITES}
        out |= {o["location"] for o in self.report["observations"] if o.get("population")}
        return out

    def _places_of_concern(self) -> list[str]:
        """Sites and places where the team has seen displaced people or incidents."""
        out = [loc.id for loc in self.locations.values() if loc.type in SITES]
        for o in self.report["observations"]:
            if (o.get("displaced", 0) > 100 or o.get("incidents")) and o["location"] not in out:
                out.append(o["location"])
        return out


class Places:
    """A list of place ids that answers ``in`` from a set made when first asked."""

    __slots__ = ("ids", "_set")

    def __init__(self, ids: list[str]):
        self.ids, self._set = ids, None

    def __contains__(self, place) -> bool:
        if self._set is None:
            self._set = frozenset(self.ids)
        return place in self._set

    def __iter__(self):
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


def free_units(report: dict) -> list[dict]:
    """The report's idle units, the places each reaches looked up as a set (a district
    has thousands)."""
    return [{**u, "reachable": Places(u["reachable"])} if "reachable" in u else u
            for u in report["units"] if u["task"] == "idle"]


PROTECTORS = ("infantry", "fpu", "ipo", "engineer")
CONVOY_TACTICS = ("attack_convoy", "ambush", "ied")
POLICE_KINDS = ("fpu", "ipo")


def _exposed(scenario) -> list[str]:
    """Inhabited places within the armed groups' reach by road (the briefing's map and
    actors), most populous first."""
    from agents.paths import Lengths

    ids = [loc.id for loc in scenario.map.locations]
    index = {x: i for i, x in enumerate(ids)}
    routes = scenario.map.routes
    a, b = (np.array([index[getattr(r, end)] for r in routes], dtype=np.int64)
            for end in ("from_", "to"))
    graph = Lengths(len(ids), a, b, np.array([r.distance_km for r in routes], dtype=float))
    on_map = set(a.tolist()) | set(b.tolist())  # a base no route reaches raids nowhere
    reach: set[str] = set()
    for g in scenario.actors.armed_groups:
        if index.get(g.base) in on_map:
            reach |= {ids[i] for i in graph.within(index[g.base], g.reach_km)}
    people = {p.location: p.women + p.men + p.girls + p.boys + p.older
              for p in scenario.population}
    return sorted((loc for loc in reach if people.get(loc)), key=lambda loc: (-people[loc], loc))


# Effect arguments doctrine answers "no" to; every other flag (last resort when justified,
# mitigation, disaggregated data) it answers "yes".
REFUSED_FLAGS = ("conditional",)


def _doctrine_flag(action, param: str) -> bool:
    """Doctrine's answer to a yes/no parameter: no if it feeds an argument doctrine refuses
    (aid made conditional on cooperation), yes otherwise."""
    for effect in action.effects:
        for arg, value in effect.args.model_dump().items():
            if value == f"${param}" and arg in REFUSED_FLAGS:
                return False
    return True


def _clamp(value, p):
    value = float(value)
    if p.min is not None:
        value = max(value, p.min)
    if p.max is not None:
        value = min(value, p.max)
    return int(round(value)) if p.type == "int" else round(value, 1)


# The kinds a team can be given to play (``ttx run``, ``ttx compare``, the portal). The
# strategies that game the ratings (agents.gaming) only audit scenarios (``ttx check``);
# agents.players makes a player of either.
BOTS = {"passive": PassiveBot, "random": RandomBot, "doctrine": DoctrineBot}

