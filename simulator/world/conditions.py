"""Evaluate scenario conditions against the world, with three values.

``action_taken`` with a deadline is undecided (``None``) until the action is taken or the
deadline has passed, so "not taken by turn 3" cannot fire early. An inject fires only on
``True``.
"""

from __future__ import annotations

from simulator.language.scenario import Condition


def evaluate(c: Condition, world) -> bool | None:
    """True, False or None (not yet known) for condition ``c`` on ``world``."""
    if c.all is not None:
        values = [evaluate(x, world) for x in c.all]
        return False if False in values else (None if None in values else True)
    if c.any is not None:
        values = [evaluate(x, world) for x in c.any]
        return True if True in values else (None if None in values else False)
    if c.not_ is not None:
        v = evaluate(c.not_, world)
        return None if v is None else not v
    if c.metric is not None:
        value = world.measures.metric(c.metric, c.location)
        return (c.above is None or value > c.above) and (c.below is None or value < c.below)
    if c.action_taken is not None:
        a = c.action_taken
        if world.measures.action_taken(a.team, a.action, a.location, a.by_turn):
            return True
        if a.by_turn is not None and world.turn <= a.by_turn:
            return None  # the deadline has not passed yet
        return False
    if c.inject_fired is not None:
        return c.inject_fired in world.fired
    if c.turn_at_least is not None:
        return world.turn >= c.turn_at_least
    raise AssertionError("validated conditions have one form")
