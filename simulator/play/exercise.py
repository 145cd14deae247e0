"""An exercise in play: the turn protocol and a small reset/step API.

    ex = Exercise(load_scenario("scenarios/poc-inner-delta.yaml"), seed=1)
    reports = ex.reset()                      # turn 1 is open: one report per team
    while not ex.done:
        reports = ex.step({"force": [{"action": "patrol", "params": {...}}]})
    ex.events                                 # the event log so far

Each turn: open (fire due injects, deliver reports) → decisions → adjudicate (apply
accepted decisions as effects, then the hourly sub-steps) → record the turn.
"""

from __future__ import annotations

from typing import Any, Iterable

from agents import herds
from simulator.language.scenario import Inject, Scenario, text
from simulator.language.values import Rejected, resolve_params
from simulator.play.decisions import AdHocInject, Decision
from simulator.play.expectations import STANDING, STRIKES, Window, judge
from simulator.world import effects
from simulator.world.conditions import evaluate
from simulator.world.model import ExerciseModel
from simulator.world.records import Recorder
from simulator.world.sharing import allot, shared_units
from simulator.world.sitrep import observe, situation_report


class Exercise:
    """Scenario + seed + inputs → the world, turn by turn."""

    def __init__(self, scenario: Scenario, seed: int = 0, lang: str = "en"):
        self.scenario = scenario
        self.seed = seed
        self.lang = lang
        self.model = ExerciseModel(scenario, seed)
        self.turns = scenario.metadata.turns
        self.inputs: list[dict] = []  # every input as submitted, in order, with its outcome
        self.reports: dict[int, dict[str, dict]] = {}
        self.adhoc: list[AdHocInject] = []
        self._ordered: dict[int, set[str]] = {}  # turn → units with an accepted order
        self._submitted: dict[tuple[int, str], int] = {}  # (turn, team) → decisions so far
        self.recorder = Recorder(self.model.n)
        self.budget: dict[str, float] = {}
        self._judged: set[tuple[str, int]] = set()  # (inject, index) of expected actions judged
        self._windows: dict[tuple[str, int], tuple[float, float | None]] = {}
        self.done = False

    # --- the API ----------------------------------------------------------------------

    @property
    def turn(self) -> int:
        return self.model.turn

    @property
    def events(self) -> list[dict]:
        return self.model.events.events

    @property
    def teams(self) -> list[str]:
        return [t.id for t in self.scenario.teams]

    def reset(self) -> dict[str, dict]:
        """Open turn 1 and return each team's situation report."""
        if self.model.turn:
            raise RuntimeError("reset() is for a new exercise; create another Exercise")
        return self._open_turn()

    def step(self, decisions: dict[str, Iterable[Any]] | Iterable[Decision] = (),
             injects: Iterable[AdHocInject] = ()) -> dict[str, dict]:
        """Adjudicate the open turn with these decisions; return the next turn's reports."""
        if self.done:
            raise RuntimeError("the exercise is over")
        if not self.model.turn:
            self.reset()
        for inj in injects:
            self.add_inject(inj)
        for d in self._normalise(decisions):
            self.submit(d)
        self._adjudicate([r for r in self.inputs if r.get("status") == "accepted"
                          and r["turn"] == self.model.turn])
        if self.model.turn >= self.turns:
            self._close_expected(final=True)
            self.done = True
            return {}
        return self._open_turn()

    def submit(self, d: Decision) -> dict | None:
        """Validate a decision for the open turn and log it; return its record if accepted.

        Accepted decisions are carried out when the turn is adjudicated (``step``).
        """
        m = self.model
        n = self._submitted[(d.turn, d.team)] = self._submitted.get((d.turn, d.team), 0) + 1
        record = {"input": "decision", **d.as_dict(), "id": f"d{d.turn:02d}-{d.team}-{n}"}
        try:
            params = self._validate(d)
        except Rejected as r:
            said = {"reason": r.reason, "detail": r.detail, "why": r.why, "args": r.values}
            record.update(status="rejected", **said)
            self.inputs.append(record)
            m.log("decision_rejected", f"decision:{record['id']}", team=d.team,
                  action=d.action, **said)
            if d.team in m.knowledge.facts:
                m.knowledge.learn(d.team, "rejected", "messages", m.turn, m.now, None,
                                  decision=record["id"], action=d.action, **said)
            return None
        record.update(status="accepted", resolved=params)
        self.inputs.append(record)
        self._ordered.setdefault(d.turn, set()).update(
            _own_units(self.scenario, d.team, self.scenario.actions_of(d.team)[d.action],
                       params))
        return record

    def check(self, decisions: Iterable[Decision]) -> list[Rejected | None]:
        """Validate decisions for the open turn as if submitted together, in order, and
        change nothing: a form's inline messages before the turn closes."""
        budget, ordered = dict(self.budget), {k: set(v) for k, v in self._ordered.items()}
        out: list[Rejected | None] = []
        try:
            for d in decisions:
                try:
                    params = self._validate(d)
                except Rejected as r:
                    out.append(r)
                    continue
                self._ordered.setdefault(d.turn, set()).update(
                    _own_units(self.scenario, d.team, self.scenario.actions_of(d.team)[d.action],
                               params))
                out.append(None)
        finally:
            self.budget, self._ordered = budget, ordered
        return out

    def add_inject(self, inj: AdHocInject) -> None:
        """An instructor's ad-hoc inject, for the open turn or a later one.

        One due at the start of the open turn fires at once (that moment has passed).
        """
        if inj.turn < max(self.model.turn, 1):
            raise ValueError(f"inject {inj.inject.id!r}: turn {inj.turn} is over")
        taken = {i.id for i in self.scenario.msel} | {a.inject.id for a in self.adhoc}
        if inj.inject.id in taken:
            raise ValueError(f"inject {inj.inject.id!r}: an inject with this id exists already")
        self.adhoc.append(inj)
        self.inputs.append({"input": "inject", **inj.as_dict()})
        if inj.turn == self.model.turn and inj.hour == 0:
            self._fire(inj.inject)
            self.reports[self.model.turn] = {t: self.report(t) for t in self.teams}

    def fire_held(self, inject_id: str) -> dict[str, dict]:
        """Fire a held MSEL inject now (instructor's choice); return the updated reports."""
        inj = next((i for i in self.scenario.msel if i.id == inject_id), None)
        if inj is None or not inj.hold:
            raise ValueError(f"no held inject {inject_id!r}")
        self.inputs.append({"input": "fire", "turn": self.model.turn, "inject_id": inject_id})
        self._fire(inj)
        self.reports[self.model.turn] = {t: self.report(t) for t in self.teams}
        return self.reports[self.model.turn]

    # --- turn protocol ----------------------------------------------------------------

    def _open_turn(self) -> dict[str, dict]:
        m = self.model
        m.turn += 1
        m.now = float((m.turn - 1) * m.turn_hours)
        self.recorder.start_turn(m)
        m.civilians.turn_aid[:] = 0
        self.budget = {t.id: t.budget for t in self.scenario.teams}
        for ag in m.agencies.values():
            ag.new_turn()
        m.log("turn_opened", "rule:turn")
        m.custody.overdue_detentions()
        m.custody.overdue_children()
        self._close_expected(final=False)
        self._fire_due(hour=0)
        self._fire_conditional()
        reports = {t: self.report(t) for t in self.teams}
        self.reports[m.turn] = reports
        return reports

    def _adjudicate(self, accepted: list[dict]) -> None:
        m = self.model
        lost = allot(self.scenario, accepted)
        for record in accepted:
            if record["id"] in lost:
                self._not_given(record, *lost[record["id"]])
            else:
                self._apply(record)
        steps = int(m.turn_hours // m.dt)
        for k in range(steps):
            hour = k * m.dt
            if k:
                self._fire_due(hour=hour)
            m.substep()
            self.recorder.after_substep(m)
            self._fire_conditional()
        observe(m, self.recorder.turn_events(m))
        m.log_quiet_deaths(self.recorder.turn_deaths(m))
        m.log_crossings()
        self.recorder.end_turn(m)
        m.log("turn_closed", "rule:turn")

    def _not_given(self, record: dict, winner: dict, unit: str) -> None:
        """An order that asked for a shared unit another team had priority for."""
        m = self.model
        m.log("shared_asset_conflict", f"decision:{record['id']}", team=record["team"],
              unit=unit, action=record["action"], given_to=winner["team"],
              given_for=winner["action"])
        m.knowledge.learn(record["team"], "shared_asset", "messages", m.turn, m.now, None,
                          unit=unit, given_to=winner["team"], decision=record["id"])

    def _apply(self, record: dict) -> None:
        m = self.model
        team, params = record["team"], record["resolved"]
        action = self.scenario.actions_of(team)[record["action"]]
        for unit in shared_units(self.scenario, action, params):
            m.units[unit].team = team  # a shared unit works for the team that tasked it
        cause = f"decision:{record['id']}"
        m.taken.append({"turn": record["turn"], "team": team, "action": action.id,
                        "params": params})
        m.log("decision_accepted", cause, team=team, action=action.id, params=params)
        ctx = effects.Context(team, cause, (team,))
        for e in action.effects:
            effects.apply(m, e, params, ctx)
        unit = m.units.get(params.get("unit") or "")
        if unit and action.cost.unit_hours:
            if not unit.busy:
                unit.task, unit.task_location, unit.cause = action.id, unit.location, cause
            unit.until = max(unit.until, m.now + action.cost.unit_hours)

    def _validate(self, d: Decision) -> dict:
        s, m = self.scenario, self.model
        if d.team not in self.teams:
            raise Rejected("unknown_team", team=d.team, known=list(self.teams))
        if d.turn < m.turn:
            raise Rejected("past_turn", turn=d.turn, open=m.turn)
        if d.turn > m.turn:
            raise Rejected("future_turn", turn=d.turn, open=m.turn)
        catalogue = s.actions_of(d.team)
        if d.action not in catalogue:
            raise Rejected("unknown_action", team=d.team, action=d.action, known=list(catalogue))
        action = catalogue[d.action]
        params = resolve_params(s, action, d.params)
        for key, p in action.params.items():
            value = params.get(key)
            if p.type in ("unit", "agency") and p.own and value is not None:
                if value not in s.assets_of(d.team):
                    raise Rejected("missing_asset", "not_an_asset", kind=p.type, asset=value,
                                   team=d.team, known=s.assets_of(d.team))
                if p.type == "unit" and m.units[value].busy:
                    u = m.units[value]
                    raise Rejected("missing_asset", "unit_busy", unit=value, task=u.task,
                                   until=float(u.until))
        for unit in _own_units(s, d.team, action, params):
            if unit in self._ordered.get(m.turn, ()):
                raise Rejected("missing_asset", "unit_ordered", unit=unit.split("@")[0])
        for unit, place in _destinations(action, params):
            u = m.units[unit]
            if not m.geo.can_ever_reach(u, m.index[place]):
                raise Rejected("unreachable", "unit_no_way", unit=unit, place=place,
                               modes=list(u.modes))
        if action.cost.budget > self.budget[d.team] + 1e-9:
            raise Rejected("over_budget", cost=float(action.cost.budget),
                           left=float(self.budget[d.team]))
        if action.requires is not None and evaluate(action.requires, m) is not True:
            raise Rejected("prerequisite", action=d.action)
        self.budget[d.team] -= action.cost.budget
        return params

    def _normalise(self, decisions) -> list[Decision]:
        out = []
        if isinstance(decisions, dict):
            for team, items in decisions.items():
                for item in items:
                    out.append(item if isinstance(item, Decision) else
                               Decision(item.get("turn", self.model.turn), team,
                                        item.get("action", ""), item.get("params", {})))
        else:
            out = list(decisions)
        return out

    # --- injects ----------------------------------------------------------------------

    def _fire_due(self, hour: float) -> None:
        turn = self.model.turn
        for h in self.scenario.actors.herds:  # seasonal departures, as timed injects
            if h.departs and h.departs.turn == turn and h.departs.hour == hour:
                herds.set_off(self.model, self.model.herds[h.id], f"rule:transhumance:{h.id}")
        for inj in self.scenario.msel:
            if inj.at and not inj.hold and inj.at.turn == turn and inj.at.hour == hour:
                self._fire(inj)
        for a in self.adhoc:
            if a.turn == turn and a.hour == hour:
                self._fire(a.inject)

    def _fire_conditional(self) -> None:
        for inj in self.scenario.msel:
            if inj.when and not inj.hold and inj.id not in self.model.fired \
                    and evaluate(inj.when, self.model) is True:
                self._fire(inj)

    def _fire(self, inj: Inject) -> None:
        m = self.model
        if inj.id in m.fired:
            return
        m.fired[inj.id] = m.turn
        to = tuple(self.teams) if "all" in inj.to else tuple(inj.to)
        cause = f"inject:{inj.id}"
        m.log("inject_fired", cause, inject=inj.id, to=list(to), method=inj.method,
              trigger="time" if inj.at else "condition")
        # The places the inject acts on, as the message names them to a reader.
        named = list(inj.places) + [getattr(e.args, k, None) for e in inj.effects
                                    for k in ("location", "from_", "to")]
        named += [p for e in inj.effects for p in getattr(e.args, "locations", None) or ()]
        # Only places: a message's or a share's ``to`` names teams.
        known = {loc.id for loc in self.scenario.map.locations}
        places = sorted({p for p in named if isinstance(p, str) and p in known})
        names = {"places": places, "actors": sorted(inj.actors)}
        for team in to:
            m.knowledge.learn(team, "message", "messages", m.turn, m.now, None, inject=inj.id,
                              sender=text(inj.from_, self.lang), method=inj.method,
                              text=text(inj.message, self.lang),
                              **{k: v for k, v in names.items() if v})
        ctx = effects.Context(None, cause, to)
        for e in inj.effects:
            effects.apply(m, e, {}, ctx)

    def _close_expected(self, final: bool) -> None:
        """Once its deadline has passed (and the strike it should prevent, if any), log
        whether each fired inject's expected action was met, by its effect
        (``simulator.play.expectations``)."""
        m = self.model
        for inj in list(self.scenario.msel) + [a.inject for a in self.adhoc]:
            if inj.id not in m.fired:
                continue
            for k, ex in enumerate(inj.expected_actions):
                # An inject that fires after the deadline expects nothing of that order.
                if (inj.id, k) in self._judged or m.fired[inj.id] > ex.by_turn:
                    continue
                if (inj.id, k) not in self._windows:  # worked out once, when first needed
                    self._windows[(inj.id, k)] = self._plan(inj, ex)
                fired, planned = self._windows[(inj.id, k)]
                action = self.scenario.actions_of(ex.team)[ex.action]
                primitives = [e.kind for e in action.effects]
                # Only an answer to the inject counts, unless the action sets up something
                # lasting (a referral pathway in place already answers an SGBV report).
                standing = all(p in STANDING for p in primitives)
                # Orders are given as a turn opens: an inject that fires later in its turn
                # is first answered in the next one, so the deadline is at least that turn
                # (and there is nothing to judge when the exercise ends before it).
                opened = (m.fired[inj.id] - 1) * m.turn_hours
                by_turn = ex.by_turn if standing or fired <= opened else \
                    max(ex.by_turn, m.fired[inj.id] + 1)
                if by_turn > self.turns:
                    self._judged.add((inj.id, k))
                    continue
                last = by_turn
                if planned is not None:
                    # The strike comes at the first sub-step at or after the hour planned.
                    at = -(-planned // m.dt) * m.dt
                    last = max(last, min(self.turns, int(at // m.turn_hours) + 1))
                if not final and last >= m.turn:
                    continue
                self._judged.add((inj.id, k))
                came = [e["hour"] for e in m.events.of_type(*STRIKES)
                        if e["cause"] == f"inject:{inj.id}" and e.get("location") == ex.location]
                window = Window(fired, by_turn * m.turn_hours, came[0] if came else planned)
                verdict = judge(m.events.events, ex.team, ex.action, primitives, ex.location,
                                dict(ex.params), 1 if standing else m.fired[inj.id], last, window,
                                standing)
                m.log("expected_action", f"inject:{inj.id}", inject=inj.id, team=ex.team,
                      action=ex.action, location=m.index.get(ex.location) if ex.location
                      else None, by_turn=by_turn, met=verdict.met, status=verdict.status,
                      reason=verdict.reason, evidence=verdict.evidence,
                      critical_task=inj.critical_task)

    def _plan(self, inj: Inject, ex) -> tuple[float, float | None]:
        """When the inject fired, and the hour of the strike it planned at the expected
        action's place (None if it planned none there)."""
        m = self.model
        cause = f"inject:{inj.id}"
        fired = next(e["hour"] for e in reversed(m.events.events)
                     if e["type"] == "inject_fired" and e["inject"] == inj.id)
        plans = [e["expected_hour"] for e in m.events.of_type("threat_planned")
                 if e["cause"] == cause and e["location"] == ex.location] if ex.location else []
        return fired, (plans[0] if plans else None)

    # --- what teams see, what is recorded ---------------------------------------------

    def summary(self) -> dict:
        """Outcomes of the exercise so far (the debrief's starting numbers)."""
        return {
            "scenario": self.scenario.metadata.id, "seed": self.seed,
            "turns_played": self.model.turn,
            "outcomes": self.recorder.outcomes(self.model),
            "decisions": {
                "accepted": sum(1 for r in self.inputs if r.get("status") == "accepted"),
                "rejected": sum(1 for r in self.inputs if r.get("status") == "rejected"),
            },
        }

    def report(self, team: str) -> dict:
        """The situation report ``team`` gets now (built from its own knowledge only)."""
        spec = next(t for t in self.scenario.teams if t.id == team)
        return situation_report(self.model, spec, self.budget[team], self.turns)

    @property
    def timeseries(self) -> list[dict]:
        return self.recorder.rows


# Effects that send their unit to a place (a request only asks for one).
_SENDS = {"presence": "location", "escort": "location", "medevac": "location",
          "detain": "location", "engage": "location", "supply": "location", "evacuate": "from_"}


def _destinations(action, params: dict) -> list[tuple[str, str]]:
    """(unit, place) for each effect of the order that sends a unit of the map somewhere."""
    out = []
    for e in action.effects:
        if e.kind in _SENDS:
            a = effects.resolve(e, params)
            unit, place = a.get("unit"), a.get(_SENDS[e.kind])
            if isinstance(unit, str) and isinstance(place, str):
                out.append((unit, place))
    return out


def _own_units(scenario: Scenario, team: str, action, params: dict) -> list[str]:
    """The units an order tasks, each with one order a turn: a shared unit once per team
    (``unit@team``: several teams may request it; ``simulator.world.sharing`` decides)."""
    shared = set(shared_units(scenario, action, params))
    return [f"{params[k]}@{team}" if params[k] in shared else params[k]
            for k, p in action.params.items() if p.type == "unit" and p.own and params.get(k)]
