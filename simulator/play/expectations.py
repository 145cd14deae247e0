"""Whether an inject's expected action was met: judged by its effect, not by the order.

An order only starts something: a unit may not reach the place, a convoy may be blocked,
a request declined. An expected action is **met** when one of the team's orders for it,
given after the inject fired (or at any time before, for standing arrangements) and by
the deadline, had the effect the action exists for. Otherwise it was **attempted** (orders
were given but none had its effect in time: the reason says why), **refused** (every
order was rejected) or **missed** (no order at all).

The effect that meets each primitive (``EFFECT_TESTS``):

- ``presence``, ``escort``: the unit stood at the place while it mattered. Where the inject
  threatens the place, that is the moment of the strike (arrived before it, still there);
  otherwise arriving by the deadline.
- ``supply``: the aid reached the place by the deadline, and was neither a breach of the
  humanitarian principles nor made conditional on cooperation.
- ``request_asset``: approved, and not left to expire unused at the approved place.
- ``hrddp_assessment``: made before any support to the force it assesses.
- ``support_host_forces``, ``handover``: given after an HRDDP assessment that did not
  advise withholding (and, for a handover, with detainees to hand over).
- ``share_information``: something new reached another component.
- every other primitive: its own event happened (an engagement held, a pathway set up,
  people evacuated, a route repaired ...), not its failure.

Everything here reads the event log only, so the debrief can check it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

# Primitives that set up something lasting: an order given before the inject still answers
# it (a referral pathway in place already answers an SGBV report).
STANDING = ("early_warning", "referral_pathway", "hrddp_assessment")
STRIKES = ("attack", "attack_deterred", "attack_abandoned")


@dataclass(frozen=True)
class Verdict:
    status: str  # met, attempted, refused, missed
    reason: str | None = None  # for attempted and refused: why the orders did not meet it
    evidence: list[str] = field(default_factory=list)

    @property
    def met(self) -> bool:
        return self.status == "met"


@dataclass(frozen=True)
class Window:
    """What an order is judged against: when the inject fired, the deadline, and the strike
    it should prevent."""

    fired_hour: float
    deadline_hour: float  # end of the by_turn turn
    strike_hour: float | None = None  # the threatened strike at the expected place, if any


@dataclass
class _Outcome:
    ok: bool
    reason: str | None
    evidence: list[str]


def judge(events: list[dict], team: str, action: str, primitives: list[str],
          location: str | None, params: dict, since_turn: int, last_turn: int,
          window: Window, standing: bool = False) -> Verdict:
    """The verdict on one expected action, from the event log so far.

    ``primitives`` are the effect kinds the action composes; orders count from
    ``since_turn`` to ``last_turn`` (the deadline, or the turn of the strike if later),
    and, unless they set up something ``standing``, only from the hour the inject fired:
    an order given earlier in its turn did not answer it.
    """
    by_cause: dict[str, list[dict]] = {}
    orders, refused = [], []
    for e in events:
        by_cause.setdefault(e["cause"], []).append(e)
        if e.get("team") != team or e.get("action") != action:
            continue
        if not since_turn <= e["turn"] <= last_turn or \
                (not standing and e["hour"] < window.fired_hour):
            continue
        if e["type"] == "decision_accepted" and _matches(e["params"], location, params):
            orders.append(e)
        elif e["type"] == "decision_rejected":
            refused.append(e)
    if not orders:
        if refused:
            return Verdict("refused", refused[-1]["reason"], [e["id"] for e in refused])
        return Verdict("missed")
    reason, tried = None, []
    for order in orders:
        effects = [e for e in by_cause.get(order["cause"], []) if e is not order]
        results = [EFFECT_TESTS.get(p, _happened)(effects, order, location, window, events)
                   for p in dict.fromkeys(primitives)]
        if all(r.ok for r in results):
            return Verdict("met", None, [order["id"]] + [i for r in results for i in r.evidence])
        failed = next(r for r in results if not r.ok)
        reason = failed.reason
        tried += [order["id"]] + failed.evidence
    return Verdict("attempted", reason, list(dict.fromkeys(tried)))


def order_effect(events: list[dict], order: dict, primitives: list[str],
                 deadline_hour: float, location: str | None = None,
                 strike_hour: float | None = None) -> tuple[bool, str | None, list[str]]:
    """Whether one accepted order (its ``decision_accepted`` event) had the effect of each
    of ``primitives`` by ``deadline_hour`` (at ``location``, and at the moment of a strike
    there, when given): (ok, reason, evidence)."""
    effects = [e for e in events if e["cause"] == order["cause"] and e is not order]
    window = Window(order["hour"], deadline_hour, strike_hour)
    tests = {**EFFECT_TESTS, **REPEAT_TESTS}
    for p in dict.fromkeys(primitives):
        r = tests.get(p, _happened)(effects, order, location, window, events)
        if not r.ok:
            return False, r.reason, r.evidence
    return True, None, []


def _matches(given: dict, location: str | None, wanted: dict) -> bool:
    """The order is for the expected place and carries the expected parameter values."""
    if location is not None and location not in given.values():
        return False
    for key, value in wanted.items():
        have = given.get(key)
        if _route(have) and _route(value):  # a route either way round
            if _route(have) != _route(value):
                return False
        elif isinstance(have, list):
            if not set(value if isinstance(value, list) else [value]) <= set(have):
                return False
        elif have != value:
            return False
    return True


def _route(value) -> frozenset | None:
    """A route id (``from--to``) as its two ends, in no order; None for anything else."""
    if isinstance(value, str) and value.count("--") == 1:
        return frozenset(value.split("--"))
    return None


def _of(effects: list[dict], *types: str) -> list[dict]:
    return [e for e in effects if e["type"] in types]


def _failure(effects: list[dict], default: str) -> _Outcome:
    """The first failure event an order left, or ``default`` when it left none."""
    failed = [e for e in effects if e["type"] in FAILURES]
    if failed:
        return _Outcome(False, failed[0]["type"], [failed[0]["id"]])
    return _Outcome(False, default, [])


def _stood(effects, order, location, window, events) -> _Outcome:
    """Presence or escort: at the place when the strike came, else by the deadline."""
    posts = [e for e in _of(effects, "presence", "escort")
             if location is None or e.get("location") == location]
    if not posts:
        return _failure(effects, "no_effect")
    for post in posts:
        arrive, until = post.get("arrive_hour", post["hour"]), post.get("until_hour", post["hour"])
        if window.strike_hour is not None:
            if arrive <= window.strike_hour < until:
                return _Outcome(True, None, [post["id"]])
        elif arrive <= window.deadline_hour and arrive < until:
            return _Outcome(True, None, [post["id"]])
    post = posts[-1]
    arrive = post.get("arrive_hour", post["hour"])
    late = arrive > (window.strike_hour if window.strike_hour is not None else window.deadline_hour)
    return _Outcome(False, "arrived_late" if late else "left_early", [post["id"]])


def _delivered(effects, order, location, window, events) -> _Outcome:
    """Aid reached the place by the deadline, lawfully and unconditionally."""
    harm = _of(effects, "principle_breach", "aid_as_leverage")
    if harm:
        return _Outcome(False, harm[0]["type"], [harm[0]["id"]])
    drops = [e for e in _of(effects, "aid_delivered")
             if (location is None or e["location"] == location)
             and e["hour"] <= window.deadline_hour]
    if drops:
        return _Outcome(True, None, [drops[0]["id"]])
    late = _of(effects, "aid_delivered")
    if late:
        return _Outcome(False, "delivered_after_deadline", [late[0]["id"]])
    sent = _of(effects, "aid_dispatched")
    if sent:
        return _Outcome(False, "not_delivered_by_deadline", [sent[0]["id"]])
    return _failure(effects, "no_effect")


def _approved_and_used(effects, order, location, window, events) -> _Outcome:
    """A last-resort request approved, and not left to expire unused."""
    approved = _of(effects, "asset_request_approved")
    if not approved:
        return _failure(effects, "no_effect")
    ok = approved[0]
    until = ok.get("until_hour", window.deadline_hour)
    used = [e for e in events if e["type"] == "aid_delivered" and e.get("by") == ok["unit"]
            and e["location"] == ok["location"] and ok["hour"] <= e["hour"] <= until]
    if used:
        return _Outcome(True, None, [ok["id"], used[0]["id"]])
    if until <= window.deadline_hour:
        return _Outcome(False, "approved_unused", [ok["id"]])
    return _Outcome(True, None, [ok["id"]])


def _assessed_first(effects, order, location, window, events) -> _Outcome:
    """An HRDDP assessment made before any support to the force it assesses."""
    done = _of(effects, "hrddp_assessment")
    if not done:
        return _failure(effects, "no_effect")
    first = done[0]
    before = [e for e in events if e["type"] in ("host_force_supported", "handover")
              and e["host_force"] == first["host_force"]
              and window.fired_hour <= e["hour"] and _seq(e) < _seq(first)
              and (e["type"] == "host_force_supported" or e.get("detainees", 0) > 0)]
    if before:
        return _Outcome(False, "after_support", [first["id"], before[0]["id"]])
    return _Outcome(True, None, [first["id"]])


def _cleared(effects, order, location, window, events) -> _Outcome:
    """Support or a handover after an HRDDP assessment that did not advise withholding."""
    acts = _of(effects, "host_force_supported", "handover")
    if not acts:
        return _failure(effects, "no_effect")
    act = acts[0]
    if act["type"] == "handover" and not act.get("detainees"):
        return _Outcome(False, "no_detainees", [act["id"]])
    if not act.get("hrddp_assessed"):
        return _Outcome(False, "without_hrddp", [act["id"]])
    if act.get("advice") == "withhold support":
        return _Outcome(False, "against_withhold_advice", [act["id"]])
    return _Outcome(True, None, [act["id"]])


def _shared(effects, order, location, window, events) -> _Outcome:
    shares = _of(effects, "information_shared")
    new = [e for e in shares if e.get("facts", 0) > 0]
    if new:
        return _Outcome(True, None, [new[0]["id"]])
    return _Outcome(False, "nothing_new_shared", [e["id"] for e in shares[:1]])


def _event(*types: str, positive: Callable[[dict], bool] = lambda e: True):
    """The effect is an event of one of ``types`` (that ``positive`` accepts), by the
    deadline."""
    def test(effects, order, location, window, events) -> _Outcome:
        hits = [e for e in _of(effects, *types) if positive(e)]
        in_time = [e for e in hits if e["hour"] <= window.deadline_hour]
        if in_time:
            return _Outcome(True, None, [in_time[0]["id"]])
        if hits:
            return _Outcome(False, "after_deadline", [hits[0]["id"]])
        done = _of(effects, *types)
        if done:  # it happened, but changed nothing
            return _Outcome(False, "no_change", [done[0]["id"]])
        return _failure(effects, "no_effect")
    return test


def _seq(event: dict) -> int:
    """Position in the log (ids are e000001, e000002 ...)."""
    return int(event["id"][1:])


def _happened(effects, order, location, window, events) -> _Outcome:
    """Any other primitive: something other than a failure happened because of it."""
    done = [e for e in effects if e["type"] not in FAILURES]
    if done:
        return _Outcome(True, None, [done[0]["id"]])
    return _failure(effects, "no_effect")


# Events that say an order did not work out on the ground.
FAILURES = ("unit_cannot_reach", "aid_blocked", "convoy_ambushed", "evacuation_failed",
            "detention_failed", "engagement_failed", "repair_failed", "repair_not_needed",
            "route_not_found", "asset_request_declined", "children_handover_failed",
            "local_agreement_failed", "herd_already_moving", "shared_asset_conflict",
            "convoy_turned_back")

EFFECT_TESTS: dict[str, Callable[..., _Outcome]] = {
    "presence": _stood, "escort": _stood, "supply": _delivered,
    "request_asset": _approved_and_used, "hrddp_assessment": _assessed_first,
    "support_host_forces": _cleared, "handover": _cleared, "share_information": _shared,
    "engage": _event("engagement"), "assess": _event("assessment"),
    "evacuate": _event("evacuation", positive=lambda e: e.get("people", 0) > 0),
    "detain": _event("detention"), "medevac": _event("medevac"),
    "repair_route": _event("route_repaired"), "open_site": _event("site_opened"),
    "early_warning": _event("alert_network_set_up"), "referral_pathway": _event("referral_pathway"),
    "investigate": _event("investigation"), "mediate": _event("mediation"),
    "warn": _event("warning"),
    # Children handed to a host force are not handed over as doctrine expects.
    "hand_over_children": _event("children_handed_over"),
    "local_agreement": _event("local_agreement"), "counter_rumour": _event("rumour_countered"),
    "negotiate_access": _event("access_negotiated"),
}
# An order judged on its own: a network or pathway set up again where one stood adds
# nothing (for an expected action, one in place, whoever set it up, is what counts).
REPEAT_TESTS = {
    "early_warning": _event("alert_network_set_up", positive=lambda e: e.get("new", True)),
    "referral_pathway": _event("referral_pathway", positive=lambda e: e.get("new", True)),
}
