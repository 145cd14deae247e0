"""Why a decision was refused, in words, in either language.

A refusal (``simulator.language.values.Rejected``) carries a stable ``reason`` code, the ``why`` of
one sentence below and its arguments as ids and numbers. ``explain`` renders it: with a
``name`` function ids become names, so a trainee reads "unit B Company already has an
order this turn"; without one, ids are quoted as they are in logs and the API (the
refusal's English ``detail``).
"""

from __future__ import annotations

from typing import Callable

SENTENCES: dict[str, dict[str, str]] = {
    "unknown_team": {"en": "unknown team {team} (teams: {known})",
                     "fr": "équipe inconnue {team} (équipes : {known})"},
    "past_turn": {"en": "turn {turn} is over; the open turn is {open}",
                  "fr": "le tour {turn} est terminé ; le tour ouvert est le {open}"},
    "future_turn": {"en": "turn {turn} is not open yet (open: {open})",
                    "fr": "le tour {turn} n'est pas encore ouvert (tour ouvert : {open})"},
    "unknown_action": {"en": "team {team} has no action {action} (has: {known})",
                       "fr": "l'équipe {team} n'a pas d'action {action} (actions : {known})"},
    "not_an_asset": {"en": "{kind} {asset} is not an asset of team {team} (assets: {known})",
                     "fr": "{kind} {asset} n'est pas un moyen de l'équipe {team} (moyens : "
                           "{known})"},
    "unit_busy": {"en": "unit {unit} is busy ({task}) until {until}",
                  "fr": "l'unité {unit} est occupée ({task}) jusqu'à {until}"},
    "unit_ordered": {"en": "unit {unit} already has an order this turn",
                     "fr": "l'unité {unit} a déjà reçu un ordre ce tour-ci"},
    "over_budget": {"en": "costs {cost}, team has {left} left this turn",
                    "fr": "coûte {cost}, il reste {left} à l'équipe pour ce tour"},
    "prerequisite": {"en": "prerequisite of {action} not met",
                     "fr": "la condition préalable de {action} n'est pas remplie"},
    "unit_no_way": {"en": "unit {unit} travels by {modes}: no route by {modes} joins its place "
                          "to {place}",
                    "fr": "l'unité {unit} se déplace {modes} : aucun itinéraire {modes} ne "
                          "relie sa position à {place}"},
    "unknown_param": {"en": "action {action} has no parameter {param} (has: {known})",
                      "fr": "l'action {action} n'a pas de paramètre {param} (paramètres : "
                            "{known})"},
    "missing_param": {"en": "parameter {param} is required",
                      "fr": "le paramètre {param} est obligatoire"},
    "unknown_entity": {"en": "parameter {param}: unknown {kind} {value} (known: {known})",
                       "fr": "paramètre {param} : {kind} inconnu(e) {value} (connu(e)s : "
                             "{known})"},
    "bad_value": {"en": "parameter {param}: expected {expected}, got {value}",
                  "fr": "paramètre {param} : {expected} attendu(e), reçu {value}"},
}
# What a parameter should have been, for ``bad_value``.
EXPECTED: dict[str, dict[str, str]] = {
    "id": {"en": "a {kind} id", "fr": "un identifiant ({kind})"},
    "bool": {"en": "true or false", "fr": "vrai ou faux (true ou false)"},
    "int": {"en": "an integer", "fr": "un nombre entier"},
    "number": {"en": "a number", "fr": "un nombre"},
    "finite": {"en": "a finite number", "fr": "un nombre fini"},
    "between": {"en": "a value between {min} and {max}", "fr": "une valeur entre {min} et {max}"},
    "one_of": {"en": "one of {values}", "fr": "l'une des valeurs {values}"},
    "values_from": {"en": "values from {values}", "fr": "des valeurs parmi {values}"},
    "text": {"en": "text of at most {max} characters",
             "fr": "un texte d'au plus {max} caractères"},
}
KINDS = {"en": {"location": "place", "unit": "unit", "agency": "agency", "team": "team",
                "armed_group": "armed group", "host_force": "host force", "route": "route",
                "checkpoint": "checkpoint"},
         "fr": {"location": "lieu", "unit": "unité", "agency": "agence", "team": "équipe",
                "armed_group": "groupe armé", "host_force": "force nationale",
                "route": "itinéraire", "checkpoint": "point de contrôle"}}
IDS = ("team", "action", "asset", "unit", "param", "place")  # arguments that are ids
# Ways of travelling, for ``unit_no_way``: "by road or boat" / "par la route ou en bateau".
MODES = {"en": {"foot": "foot", "road": "road", "boat": "boat", "air": "air", "or": " or "},
         "fr": {"foot": "à pied", "road": "par la route", "boat": "en bateau",
                "air": "par les airs", "or": " ou "}}


def explain(why: str, args: dict, lang: str = "en", name: Callable[[str], str] | None = None,
            when: Callable[[float], str] | None = None) -> str:
    """The sentence ``why`` with ``args`` in ``lang``: ids through ``name`` and hours
    through ``when`` (the scenario clock); without them, ids quoted and hours as numbers."""
    lang = lang if lang in SENTENCES["bad_value"] else "en"
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
        out["known"] = ", ".join(map(name or str, out["known"])) or "none"
    if "kind" in out:
        out["kind"] = KINDS[lang].get(out["kind"], out["kind"]) if name or lang != "en" \
            else out["kind"].replace("_", " ")
    if "modes" in out:
        words = MODES[lang]
        out["modes"] = words["or"].join(words[m] for m in out["modes"])
    for k in ("cost", "left"):
        if k in out:
            out[k] = f"{out[k]:g}"
    if "until" in out:
        out["until"] = when(out["until"]) if when else f"hour {out['until']:g}"
    if "expected" in out:
        exp = dict(out["expected"])
        key = exp.pop("as")
        if "kind" in exp:
            exp["kind"] = KINDS[lang].get(exp["kind"], exp["kind"]) if name or lang != "en" \
                else exp["kind"]
        if "values" in exp:
            exp["values"] = ", ".join(map(str, exp["values"]))
        out["expected"] = EXPECTED[key][lang].format(**exp)
    return SENTENCES[why][lang].format(**out)
