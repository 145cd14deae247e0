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

from agents.geo import km as _km

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
        if p.type == "armed_group":
            return pick(sorted(g.id for g in s.actors.armed_groups))
        if p.type == "host_force":
            return pick(sorted(h.id for h in s.actors.host_forces))
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

    Prevention first: alert networks, referral pathways and HRDDP assessments in the
    first turn; on early warning, engagement (consulting women) and presence at the
    threatened place; after violence, investigation, needs assessment and a referral
    pathway where it happened; a community engagement where a message reports trouble;
    sites protected; people evacuated before a flood peaks; needs
    assessed then supplied; military assets only through an approved last-resort
    request; host forces supported only after an HRDDP assessment; information shared
    with every other component each turn.
    """

    def __init__(self, scenario, team: str, seed: int = 0):
        super().__init__(scenario, team, seed)
        self.responded: set[str] = set()  # places whose violence the team has answered
        self.heard: set[str] = set()  # messages (inject ids) the team has answered

    def decide(self, report: dict) -> list[dict]:
        self.report = report
        self.orders: list[dict] = []
        self.free = [u for u in report["units"] if u["task"] == "idle"]
        self.budget = report.get("budget", 0.0)
        self.now = report["hour"]
        self.turn_hours = self.scenario.metadata.turn_hours
        self._protect_threatened()
        self._evacuate_flood()
        self._prevent()
        self._engage_threatened()
        self._respond_to_incidents()
        self._answer_messages()
        self._humanitarian()
        self._carry_approved_aid()
        self._host_forces()
        self._protect_sites()
        self._share()
        return self.orders

    # --- helpers ----------------------------------------------------------------------

    def _with(self, primitive: str) -> list:
        return [a for a in self.catalogue.values() if any(e.kind == primitive for e in a.effects)]

    def _order(self, primitive: str, **wanted: Any) -> bool:
        """Issue the first catalogue action composing ``primitive`` whose parameters fill."""
        for action in self._with(primitive):
            if action.cost.budget > self.budget + 1e-9:
                continue
            params = self._fill(action, wanted)
            if params is None:
                continue
            self.budget -= action.cost.budget
            self.orders.append({"action": action.id, "params": params})
            for k, p in action.params.items():
                if p.type == "unit" and p.own:
                    self.free = [u for u in self.free if u["id"] != params.get(k)]
            return True
        return False

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
        pool = [u for u in self.free if (not protecting or u["kind"] in PROTECTORS)
                and (not transport or u["capacity"] > 0) and loc in u.get("reachable", [loc])]
        if not pool:
            return None
        here = self.locations[loc].coords
        return min(pool, key=lambda u: (_km(self.locations[u["location"]].coords, here), u["id"]))

    def _pending_threats(self) -> list[dict]:
        horizon = self.now + 2 * self.turn_hours
        seen, out = set(), []
        for t in sorted(self.report["threats"], key=lambda t: (t["expected_hour"], t["location"])):
            if self.now - 1 <= t["expected_hour"] <= horizon and t["location"] not in seen:
                seen.add(t["location"])
                out.append(t)
        return out

    # --- doctrine ---------------------------------------------------------------------

    def _protect_threatened(self) -> None:
        for t in self._pending_threats():
            loc = t["location"]
            mode = "guard" if self.locations[loc].type in SITES else "patrol"
            unit = self._nearest_unit(loc)
            if unit and self._order("presence", location=loc, unit=unit, mode=mode):
                continue

    def _engage_threatened(self) -> None:
        for t in self._pending_threats():
            # A mixed team (women officers) reaches the women of the community.
            mixed = [u for u in self.free if u.get("women", 0) > 0
                     and t["location"] in u.get("reachable", [])]
            self._order("engage", location=t["location"], unit=mixed[0] if mixed else None)
            if self._with("mediate"):
                self._order("mediate", location=t["location"], armed_group=t.get("armed_group"))

    def _respond_to_incidents(self) -> None:
        """Violence the team learnt of in the last two turns: investigate it, assess the
        needs it left and open a survivor-centred referral pathway where it happened."""
        recent = {i["location"] for i in self.report["incidents"]
                  if i.get("location") and i["turn"] >= self.report["turn"] - 2}
        for loc in sorted(recent - self.responded):
            self.responded.add(loc)
            self._order("investigate", location=loc)
            self._order("assess", location=loc)
            self._order("referral_pathway", location=loc)

    def _answer_messages(self) -> None:
        """A report about a place (a rumour, tension, a call for help): go and listen to
        the community there, consulting women and youth."""
        for msg in self.report["messages"]:
            if msg.get("inject") in self.heard or not msg.get("places"):
                continue
            self.heard.add(msg.get("inject"))
            for loc in msg["places"]:
                if loc in self.locations:
                    mixed = [u for u in self.free if u.get("women", 0) > 0
                             and loc in u.get("reachable", [])]
                    self._order("engage", location=loc, unit=mixed[0] if mixed else None)

    def _prevent(self) -> None:
        if self.report["turn"] != 1:
            return
        villages = sorted(self.scenario.population, key=lambda p: -(p.women + p.men + p.girls
                                                                  + p.boys + p.older))
        for p in villages[:3]:
            self._order("early_warning", location=p.location)
        for loc in self.locations.values():
            if loc.type in SITES:
                self._order("referral_pathway", location=loc.id)
        for hf in self.scenario.actors.host_forces:
            self._order("hrddp_assessment", host_force=hf.id)

    def _evacuate_flood(self) -> None:
        done: set[str] = set()  # the same forecast may arrive by several channels
        for h in self.report["hazards"]:
            if h["hazard"] != "flood" or h["peak_hour"] < self.now:
                continue
            flooded = set(h["locations"])
            safe = [loc for loc in self.locations.values() if loc.id not in flooded
                    and loc.type in SITES + ("town", "city", "base")]
            for loc in h["locations"]:
                if loc in done:
                    continue
                done.add(loc)
                self._order("warn", location=loc)
                if not safe:
                    continue
                here = self.locations[loc].coords
                dest = min(safe, key=lambda x: (_km(x.coords, here), x.id))
                unit = self._nearest_unit(loc, protecting=False, transport=True)
                if unit:
                    self._order("evacuate", **{"from": loc, "to": dest.id, "unit": unit,
                                               "location": loc})
                self._order("open_site", location=dest.id)

    def _humanitarian(self) -> None:
        if not self._with("supply") and not self._with("assess"):
            return
        known = {n["location"]: n for n in self.report["needs"]}
        targets = self._places_of_concern()
        for loc in targets:
            if loc not in known or known[loc]["turn"] < self.report["turn"] - 1:
                self._order("assess", location=loc)
        for loc, n in sorted(known.items(), key=lambda kv: -kv[1]["population"]):
            for need, short in sorted(n["unmet"].items(), key=lambda kv: -kv[1]):
                if short < 0.1:
                    continue
                amount = n["population"] * short * self.turn_hours / 24 * 2
                if n.get("road_open", True):
                    self._order("supply", location=loc, need=need, amount=amount)
                else:
                    self._request_asset(loc, need)
                    break  # one request per place covers every need

    def _request_asset(self, loc: str, need: str) -> None:
        if any(f.get("location") == loc and f.get("approved")
               for f in self.report["asset_requests"]):
            return
        helis = [u for u in self.scenario.actors.units if u.kind in ("helicopter", "transport")]
        if helis:
            self._order("request_asset", location=loc, unit=helis[0].id, last_resort=True,
                        justification=f"No civilian alternative: road to {loc} cut; "
                                      f"life-saving {need} need.")

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
        cleared = {f["host_force"] for f in self.report["hrddp"]
                   if f.get("advice") != "withhold support"}
        for hf in self.scenario.actors.host_forces:
            if hf.id in cleared:
                self._order("support_host_forces", host_force=hf.id)
                self._order("handover", host_force=hf.id)

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

    def _places_of_concern(self) -> list[str]:
        """Sites and places where the team has seen displaced people or incidents."""
        out = [loc.id for loc in self.locations.values() if loc.type in SITES]
        for o in self.report["observations"]:
            if (o.get("displaced", 0) > 100 or o.get("incidents")) and o["location"] not in out:
                out.append(o["location"])
        return out


PROTECTORS = ("infantry", "fpu", "ipo", "engineer")


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


BOTS = {"passive": PassiveBot, "random": RandomBot, "doctrine": DoctrineBot}


def make_bot(kind: str, scenario, team: str, seed: int = 0) -> Bot:
    if kind not in BOTS:
        raise ValueError(f"unknown bot {kind!r}; expected one of: {', '.join(BOTS)}")
    return BOTS[kind](scenario, team, seed)
