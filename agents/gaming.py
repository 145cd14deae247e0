"""Strategies that game the ratings: how a skeptical trainee would try to score well.

``ttx check`` plays them to audit a scenario's measures. Like every bot (agents.bots) they
see only their team's situation report and the briefing (map, actors, their catalogue);
``checklist`` also reads the MSEL, as a team holding the evaluators' checklist would.
Orders are filled as DoctrineBot fills them (own idle units, one order each, the budget).
"""

from __future__ import annotations

import itertools
from typing import Any

from agents.bots import PROTECTORS, SITES, DoctrineBot, _doctrine_flag, free_units
from agents.geo import km as _km

# Primitives that record a process (assess, consult, set up, check, pass on) rather than
# change what happens to people.
PROCESS = ("assess", "engage", "hrddp_assessment", "referral_pathway", "early_warning",
           "share_information")
NEEDS = ("water", "food", "shelter", "health")
ROUTE_EFFECTS = {"repair_route", "close_route", "open_route"}  # from/to: a route's two ends
SAFE_TYPES = SITES + ("town", "city", "base")  # where doctrine takes people out of harm's way
ENTITIES = ("team", "armed_group", "host_force", "agency")


def is_process(action) -> bool:
    """Whether every effect of ``action`` is a process primitive."""
    return all(e.kind in PROCESS for e in action.effects)


def _own_unit_required(action) -> bool:
    return any(p.type == "unit" and p.own and p.is_required for p in action.params.values())


class GamingBot(DoctrineBot):
    """DoctrineBot's turn state and helpers, and any catalogue action filled for a place."""

    def decide(self, report: dict) -> list[dict]:
        self.report = report
        self.orders = []
        self.free = free_units(report)
        self.budget = report.get("budget", 0.0)
        self.now = report["hour"]
        self.turn_hours = self.scenario.metadata.turn_hours
        self._play()
        return self.orders

    def _play(self) -> None:
        raise NotImplementedError

    # Open choices: the first option, doctrine's answer to a flag. Spam draws both.
    def _choose(self, options: list) -> Any:
        return options[0] if options else None

    def _flag(self, action, name: str) -> bool:
        return _doctrine_flag(action, name)

    def _named_places(self) -> list[str]:
        """Places the report names (threats, messages, incidents), first mention first."""
        r = self.report
        named = [t.get("location") for t in r["threats"]]
        named += [p for m in r["messages"] for p in m.get("places", ())]
        named += [i.get("location") for i in r["incidents"]]
        return [p for p in dict.fromkeys(named) if p in self.locations]

    def _most_populous(self, n: int) -> list[str]:
        """The ``n`` places with the most residents (doctrine's alert network places)."""
        people = lambda p: p.women + p.men + p.girls + p.boys + p.older  # noqa: E731
        return [p.location for p in sorted(self.scenario.population, key=lambda p: -people(p))][:n]

    def _wanted(self, action, loc: str | None, hint: dict | None = None) -> dict | None:
        """A value for each parameter of ``action``, for ``_fill``: ``loc`` in the first
        location parameter, a second place as doctrine would pick it, the nearest fitting
        own unit, ``hint``'s values (by type) first for other entities; None leaves the
        rest to ``_fill`` (defaults, doctrine's choices and flags). None: it cannot fill."""
        hint = hint or {}
        places = [n for n, p in action.params.items() if p.type == "location"]
        if places and loc is None:
            return None
        wanted: dict[str, Any] = {}
        for name, p in action.params.items():
            value = None
            if p.type == "location":
                value = loc if name == places[0] else self._second_place(action, loc)
            elif p.type == "unit":
                value = self._unit_for(action, loc, p.is_required) if p.own else \
                    self._asset_unit(p)
            elif p.type in ENTITIES and p.is_required:
                value = self._entity(p, hint.get(p.type, ()))
            elif p.type == "need":
                value = self._need(loc)
            elif p.type in ("int", "number") and p.default is None:
                value = self._amount(loc)
            elif p.type == "bool":
                value = self._flag(action, name)
            elif p.type == "text":
                value = f"No civilian alternative at {self.place_name(loc)}: life-saving " \
                    "needs." if loc else None
            wanted[name] = value
        return wanted

    def _second_place(self, action, first: str) -> str | None:
        """The other end of a route for route work; else the nearest safe place."""
        if {e.kind for e in action.effects} & ROUTE_EFFECTS:
            ends = sorted({r.to if r.from_ == first else r.from_ for r in self.scenario.map.routes
                           if first in (r.from_, r.to)})
            return self._choose(ends)
        safe = [x for x in self.locations.values() if x.id != first and x.type in SAFE_TYPES]
        here = self.locations[first].coords
        return min(safe, key=lambda x: (_km(x.coords, here), x.id)).id if safe else None

    def _unit_for(self, action, loc: str | None, required: bool) -> dict | None:
        """The nearest free own unit that reaches ``loc``, of the kind the effects want
        first (engineers for route work, transport to carry, protectors to protect, women
        officers to consult; only them for an optional unit on an engagement)."""
        kinds = {e.kind for e in action.effects}
        fits = []
        if kinds & ROUTE_EFFECTS:
            fits.append(lambda u: u["kind"] == "engineer")
        if kinds & {"evacuate", "supply"}:
            fits.append(lambda u: u["capacity"] > 0)
        if kinds & {"presence", "escort", "detain"}:
            fits.append(lambda u: u["kind"] in PROTECTORS)
        if "engage" in kinds:
            fits.append(lambda u: u.get("women", 0) > 0)
        if required or "engage" not in kinds:
            fits.append(lambda u: True)
        for fit in fits:
            pool = [u for u in self.free if fit(u) and (loc is None or loc in u.get("reachable", [loc]))]
            if pool and loc is None:
                return min(pool, key=lambda u: u["id"])
            if pool:
                here = self.locations[loc].coords
                return min(pool, key=lambda u: (_km(self.locations[u["location"]].coords, here),
                                                u["id"]))
        return None

    def _asset_unit(self, p) -> str | None:
        """Another component's unit to ask for: an aircraft or transport, as doctrine asks."""
        units = [u for u in self.scenario.actors.units if not p.values or u.id in p.values]
        preferred = [u.id for u in units if u.kind in ("helicopter", "transport")]
        return self._choose(preferred or [u.id for u in units])

    def _entity(self, p, preferred) -> str | None:
        s = self.scenario
        if p.type == "team":
            ids = [t.id for t in s.teams if t.id != self.team]
        elif p.type == "agency":
            ids = [a["id"] for a in self.report["agencies"]] if p.own else \
                [a.id for a in s.actors.agencies]
        else:
            ids = [x.id for x in getattr(s.actors, p.type + "s")]
        ids = [x for x in ids if not p.values or x in p.values]
        return self._choose([x for x in preferred if x in ids] or ids)

    def _need(self, loc: str | None) -> str:
        """The largest unmet need known at ``loc``, else anywhere, else an open choice."""
        known = {n["location"]: n["unmet"] for n in self.report["needs"]}
        unmet = dict(known.get(loc, {}))
        if not any(v > 0 for v in unmet.values()):
            unmet = {}
            for place in sorted(known):
                for need, short in known[place].items():
                    unmet[need] = max(unmet.get(need, 0), short)
        if any(v > 0 for v in unmet.values()):
            return max(sorted(unmet), key=lambda k: unmet[k])
        return self._choose(list(NEEDS))

    def _amount(self, loc: str | None) -> float:
        """Two turns of the unmet need known at ``loc`` (doctrine's convoy), else 2000."""
        n = next((n for n in self.report["needs"] if n["location"] == loc), None)
        short = max(n["unmet"].values(), default=0) if n else 0
        return n["population"] * short * self.turn_hours / 24 * 2 if short else 2000


class SpamBot(GamingBot):
    """Every catalogue action every turn, one order each, at places the report names (else
    anywhere); the fixed order starts one action later each turn so scarce units go round."""

    def _choose(self, options: list) -> Any:
        return options[int(self.rng.integers(len(options)))] if options else None

    def _flag(self, action, name: str) -> bool:
        return bool(self.rng.integers(2))

    def _play(self) -> None:
        actions = list(self.catalogue.values())
        if not actions:
            return
        k = (self.report["turn"] - 1) % len(actions)
        named = self._named_places()
        for action in actions[k:] + actions[:k]:
            loc = self._place(action, named) if any(
                p.type == "location" for p in action.params.values()) else None
            wanted = self._wanted(action, loc)
            if wanted is not None:
                self._issue(action, wanted)

    def _place(self, action, named: list[str]) -> str | None:
        """A named place (else any) that a free unit reaches when the action needs one."""
        needs_unit = _own_unit_required(action)
        ok = lambda x: not needs_unit or any(x in u.get("reachable", [x])  # noqa: E731
                                             for u in self.free)
        return self._choose([x for x in named if ok(x)] or [x for x in sorted(self.locations)
                                                           if ok(x)])


class PaperworkBot(GamingBot):
    """Only process actions (assess, engage, alert networks, referral pathways, HRDDP,
    sharing) every turn, as many as the budget allows; never acts on the ground."""

    def _play(self) -> None:
        named = self._named_places()
        sites = [x.id for x in self.locations.values() if x.type in SITES]
        where = list(dict.fromkeys(named + sites))
        queues = [
            [("engage", x, {}) for x in where],
            [("assess", x, {}) for x in where],
            [("early_warning", x, {}) for x in dict.fromkeys(self._most_populous(3) + named)],
            [("referral_pathway", x, {}) for x in dict.fromkeys(sites + named)],
            [("hrddp_assessment", None, {"host_force": [h.id]})
             for h in self.scenario.actors.host_forces],
            [("share_information", None, {"team": [t.id]})
             for t in self.scenario.teams if t.id != self.team],
        ]
        # One of each kind in turn, so that the first kinds do not spend the whole budget.
        for batch in itertools.zip_longest(*queues):
            for item in batch:
                if item:
                    self._paper(*item)

    def _paper(self, primitive: str, loc: str | None, hint: dict) -> bool:
        for action in self._with(primitive):
            wanted = self._wanted(action, loc, hint) if is_process(action) else None
            if wanted is None:
                continue
            for name, p in action.params.items():
                if p.type == "choice" and name == "consult" and isinstance(p.default, list):
                    wanted[name] = list(p.values)  # every group the choice offers
            if self._issue(action, wanted):
                return True
        return False


class ChecklistBot(GamingBot):
    """Exactly the MSEL's expected actions of its team, each on its due turn, for the
    injects it knows have fired (timed and due, or their message received); nothing else."""

    def __init__(self, scenario, team: str, seed: int = 0):
        super().__init__(scenario, team, seed)
        self.msel = {inj.id: inj for inj in scenario.msel}
        self.known: set[str] = set()  # injects the team knows have fired

    def _play(self) -> None:
        turn = self.report["turn"]
        self.known.update(m["inject"] for m in self.report["messages"]
                          if m.get("inject") in self.msel)
        self.known.update(i.id for i in self.scenario.msel
                          if i.at and not i.hold and i.at.turn <= turn)
        done: set[tuple] = set()
        for inj in self.scenario.msel:
            if inj.id not in self.known:
                continue
            for ex in inj.expected_actions:
                action = self.catalogue.get(ex.action)
                if ex.team != self.team or ex.by_turn != turn or action is None \
                        or (ex.action, ex.location) in done:
                    continue
                done.add((ex.action, ex.location))  # one order answers the same ask twice
                wanted = self._wanted(action, ex.location or self._place_for(inj), _hint(inj, self.team))
                if wanted is not None:
                    self._issue(action, wanted)

    def _place_for(self, inj) -> str | None:
        """Where to act when the checklist names no place: where the inject acts, else the
        most populous place."""
        places = _inject_places(inj)
        return (places or self._most_populous(1) or sorted(self.locations))[0]


def _inject_places(inj) -> list[str]:
    named = [getattr(e.args, "location", None) for e in inj.effects]
    named += [p for e in inj.effects for p in getattr(e.args, "locations", None) or ()]
    return [p for p in dict.fromkeys(named) if isinstance(p, str)]


def _hint(inj, team: str) -> dict[str, list[str]]:
    """Entities the inject points at: the other teams it expects to act, its armed groups."""
    return {"team": [x.team for x in inj.expected_actions if x.team != team],
            "armed_group": [g for e in inj.effects
                            if isinstance(g := getattr(e.args, "armed_group", None), str)]}


GAMING = {"spam": SpamBot, "paperwork": PaperworkBot, "checklist": ChecklistBot}
