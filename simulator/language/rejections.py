"""Why a decision was refused, in words, in the reader's language.

A refusal (``simulator.language.values.Rejected``) carries a stable ``reason`` code, the ``why`` of
one sentence below and its arguments as ids and numbers. ``explain`` renders it: with a
``name`` function ids become names, so a trainee reads "unit B Company already has an
order this turn"; without one, ids are quoted as they are in logs and the API (the
refusal's English ``detail``).
"""

from __future__ import annotations

from typing import Callable

from simulator.i18n import N_, pN_, say, tr

SENTENCES: dict[str, str] = {
    "unknown_team": N_("unknown team {team} (teams: {known})"),
    "past_turn": N_("turn {turn} is over; the open turn is {open}"),
    "future_turn": N_("turn {turn} is not open yet (open: {open})"),
    "unknown_action": N_("team {team} has no action {action} (has: {known})"),
    "not_an_asset": N_("{kind} {asset} is not an asset of team {team} (assets: {known})"),
    "unit_busy": N_("unit {unit} is busy ({task}) until {until}"),
    "unit_ordered": N_("unit {unit} already has an order this turn"),
    "over_budget": N_("costs {cost}, team has {left} left this turn"),
    "prerequisite": N_("prerequisite of {action} not met"),
    "unit_no_way": N_("unit {unit} travels by {modes}: no route by {modes} joins its place to "
                      "{place}"),
    "unknown_param": N_("action {action} has no parameter {param} (has: {known})"),
    "missing_param": N_("parameter {param} is required"),
    # TRANSLATORS: {unknown} is the kind of thing not found, with its adjective ("unknown unit")
    "unknown_entity": N_("parameter {param}: {unknown} {value} (known: {known})"),
    "bad_value": N_("parameter {param}: expected {expected}, got {value}"),
}
# What a parameter should have been, for ``bad_value``.
EXPECTED: dict[str, str | tuple[str, str]] = {
    "id": N_("a {kind} id"),
    # TRANSLATORS: what a yes/no parameter takes; keep the words true and false, as sent.
    "bool": pN_("expected value", "true or false"),
    "int": N_("an integer"),
    "number": N_("a number"),
    "finite": N_("a finite number"),
    "between": N_("a value between {min} and {max}"),
    "one_of": N_("one of {values}"),
    "values_from": N_("values from {values}"),
    "text": N_("text of at most {max} characters"),
}
KINDS = {"location": N_("place"), "unit": N_("unit"), "agency": N_("agency"), "team": N_("team"),
         "armed_group": N_("armed group"), "host_force": N_("host force"), "route": N_("route"),
         "checkpoint": N_("checkpoint")}
# "unknown place", for ``unknown_entity``: one noun phrase per kind, so that each language
# gives the adjective the gender of its noun (lieu inconnu, unité inconnue).
UNKNOWN = {"location": N_("unknown place"), "unit": N_("unknown unit"),
           "agency": N_("unknown agency"), "team": N_("unknown team"),
           "armed_group": N_("unknown armed group"), "host_force": N_("unknown host force"),
           "route": N_("unknown route"), "checkpoint": N_("unknown checkpoint")}
IDS = ("team", "action", "asset", "unit", "param", "place")  # arguments that are ids
# Ways of travelling, for ``unit_no_way``: "by road or boat" / "par la route ou en bateau".
MODES = {"foot": pN_("travel by", "foot"), "road": pN_("travel by", "road"),
         "boat": pN_("travel by", "boat"), "air": pN_("travel by", "air")}


def explain(why: str, args: dict, lang: str = "en", name: Callable[[str], str] | None = None,
            when: Callable[[float], str] | None = None) -> str:
    """The sentence ``why`` with ``args`` in ``lang``: ids through ``name`` and hours
    through ``when`` (the scenario clock); without them, ids quoted and hours as numbers."""
    shown = name or repr
    out = dict(args)
    for k in IDS:
        if k in out:
            out[k] = shown(out[k])
    if "value" in out:  # what was sent: a name if it is one, else as written
        out["value"] = name(out["value"]) if name and isinstance(out["value"], str) \
            else repr(out["value"])
    if "task" in out:
        out["task"] = name(out["task"]) if name else out["task"]
    if "known" in out:
        out["known"] = ", ".join(map(name or str, out["known"])) or tr("none", lang)
    if why == "unknown_entity":
        kind = out.pop("kind")
        # Without names, in English, the kind is said as the logs and the API write it.
        out["unknown"] = tr(UNKNOWN[kind], lang) if kind in UNKNOWN and (name or lang != "en") \
            else "unknown " + kind.replace("_", " ")
    if "kind" in out:
        out["kind"] = _kind(out["kind"], lang) if name or lang != "en" \
            else out["kind"].replace("_", " ")
    if "modes" in out:
        modes = [say(MODES[m], lang) for m in out["modes"]]
        out["modes"] = modes[0]
        for mode in modes[1:]:
            out["modes"] = tr("{either} or {other}", lang, either=out["modes"], other=mode)
    for k in ("cost", "left"):
        if k in out:
            out[k] = f"{out[k]:g}"
    if "until" in out:
        hour = format(out["until"], "g")
        out["until"] = when(out["until"]) if when else tr("hour {hour}", lang, hour=hour)
    if "expected" in out:
        exp = dict(out["expected"])
        key = exp.pop("as")
        if "kind" in exp:
            exp["kind"] = _kind(exp["kind"], lang) if name or lang != "en" else exp["kind"]
        if "values" in exp:
            exp["values"] = ", ".join(map(str, exp["values"]))
        out["expected"] = say(EXPECTED[key], lang, **exp)
    return tr(SENTENCES[why], lang, **out)


def _kind(kind: str, lang: str) -> str:
    """The name of a kind of entity in ``lang`` (an unknown kind as written)."""
    return tr(KINDS[kind], lang) if kind in KINDS else kind
