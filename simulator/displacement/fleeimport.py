"""Convert a Flee-format displacement case into a scenario of this project.

The scenario has one turn per day (one daily sub-step), the case's map (Flee's location
types mapped to ours), camps holding their observed count on day 0, the case's daily
arrivals entering at conflict zones in proportion to population, and the case's changes
over time as injects: conflict onsets, border, place and route closures, camps that stop
admitting people, forced redirections and their end. Movement parameters are not set:
the engine's defaults apply, as in every shipped scenario. Needs are set so that nobody
dies of deprivation: the case's counts are registrations, which a model of deaths would
only blur.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import numpy as np
import yaml

from agents.civilians import GROUPS, split_counts
from simulator.displacement.fleecase import Case, CaseError, arrivals, observed
from simulator.i18n import LANGUAGES, N_, SOURCE, has_translation, tr
from simulator.language.problem_text import UNKNOWN_NAMES, Say
from simulator.language.scenario import Arrivals

# Flee's location types → ours.
TYPES = {"camp": "camp", "idpcamp": "idp_site", "forwarding_hub": "transit_centre",
         "forcedredirection": "transit_centre", "marker": "transit_centre", "town": "town"}
CITY_PEOPLE = 100_000  # a conflict zone of this many people or more is a city, else a town
CLOSURE_TYPES = ("country", "location", "link", "camp", "idpcamp", "remove_forced_redirection")
# Parameters of the case that are not movement: registered refugees do not die.
NO_DEATHS = {"needs": {"displaced_coverage": 1.0, "base_mortality": 0.0}}


def slug(name: str) -> str:
    """A location id from a Flee name: lower case, other characters as '_'."""
    out = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    return out if out[:1].isalpha() else f"l_{out}"


def to_scenario(case: Case) -> dict:
    """The scenario (a plain dict, ready for YAML) of a case."""
    ids = {name: slug(name) for name in case.locations}
    clash = [n for n in ids if list(ids.values()).count(ids[n]) > 1]
    if clash:
        raise CaseError(str(case.folder / "input" / "locations.csv"),
                        Say(N_("names {names} give the same location id"), names=clash))
    obs = observed(case)
    changes: dict[int, list] = defaultdict(list)  # day → [(effect, why: a Say)]
    _conflicts(case, ids, changes)
    _redirections(case, ids, changes)
    _closures(case, ids, changes)
    return {
        "metadata": {
            "id": slug(case.folder.name) or "case",
            "title": in_every_language(Say(N_("Displacement case {case} ({start})"),
                                           case=case.folder.name, start=str(case.start))),
            "summary": in_every_language(Say(N_(
                "Imported from the Flee-format case in {case}: {days} days from {start}."),
                case=case.folder.name, days=case.days, start=str(case.start))),
            "category": "civilian_protection",
            "turn_hours": 24, "step_hours": 24, "turns": case.days,
            "start": f"{case.start}T00:00",
        },
        "map": {"locations": [_location(loc, ids) for loc in case.locations.values()],
                "routes": [{"from": ids[a], "to": ids[b], "distance_km": max(km, 0.1)}
                           for a, b, km in _one_per_pair(case.routes)]},
        "population": _camp_population(case, obs, ids),
        "arrivals": {"people": _whole_days(arrivals(obs)),
                     "places": {ids[z]: float(max(case.locations[z].population, 1))
                                for z in case.conflict}},
        "teams": [{"id": "observers", "role": "custom",
                   "name": in_every_language(Say(N_("Observers")))}],
        "msel": [_inject(day, effects) for day, effects in sorted(changes.items())],
        "parameters": NO_DEATHS,
    }


def write_scenario(case: Case, path: Path) -> None:
    header = (f"# Converted from the Flee-format case {case.folder.name} by `ttx import-flee`.\n"
              "# Movement parameters are the engine's defaults, as in every shipped scenario.\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + yaml.safe_dump(to_scenario(case), allow_unicode=True,
                                            sort_keys=False, width=100), encoding="utf-8")


def _location(loc, ids) -> dict:
    if loc.kind == "conflict_zone":
        kind = "city" if loc.population >= CITY_PEOPLE else "town"
    elif loc.kind in TYPES:
        kind = TYPES[loc.kind]
    else:
        raise CaseError("", Say(N_("location {name}: unknown location type "
                                   "{value}{known}"), name=repr(loc.name), value=repr(loc.kind),
                                known=Say(N_(" (known: "
                                             "{names})"), names=f"conflict_zone, {', '.join(TYPES)}")))
    out = {"id": ids[loc.name], "name": loc.name.replace("_", " "), "type": kind,
           "coords": [loc.lat, loc.lon]}
    if kind in ("camp", "idp_site"):
        out["attributes"] = {"capacity": int(loc.population)} if loc.population > 0 else {}
    return out


def _camp_population(case: Case, obs: dict, ids: dict) -> list[dict]:
    """Camps start with their observed count, split by the arrivals' group shares."""
    shares = np.array([Arrivals.model_fields["groups"].default[g] for g in GROUPS])
    out = []
    for camp in case.camps:
        people = split_counts(int(round(obs[camp][0])), shares)
        if people.any():
            out.append({"location": ids[camp], **dict(zip(GROUPS, map(int, people), strict=True))})
    return out


def _whole_days(daily: np.ndarray) -> list[int]:
    """Daily arrivals as whole people, rounding the running total so nothing is lost."""
    total = np.round(np.cumsum(daily)).astype(np.int64)
    return np.diff(total, prepend=0).clip(min=0).tolist()


def _conflicts(case, ids, changes) -> None:
    for zone, on in case.conflict.items():
        before = False
        for day, now in enumerate(on.tolist()):
            if now != before:
                why = N_("fighting starts at {place}") if now else N_("fighting ends at {place}")
                changes[day].append(({"conflict": {"location": ids[zone], "active": now}},
                                     Say(why, place=zone)))
            before = now


def _redirections(case, ids, changes) -> None:
    """Routes.csv's fifth column: 2 sends everyone at name1 on to name2, 1 the reverse."""
    for a, b, flag in case.redirects:
        src, dest = (a, b) if flag == 2 else (b, a)
        changes[0].append(({"redirect": {"from": ids[src], "to": ids[dest]}},
                           Say(N_("everyone reaching {place} is sent on to {other}"),
                               place=src, other=dest)))


def _closures(case, ids, changes) -> None:
    path = case.folder / "input" / "closures.csv"
    country = {name: loc.country for name, loc in case.locations.items()}
    for n, (kind, a, b, start, end) in case.closures:
        where = f"{path}:{n}"
        if kind not in CLOSURE_TYPES:
            raise CaseError(where, Say(N_("unknown closure type {value}{known}"), value=repr(kind),
                                       known=Say(N_(" (known: {names})"), names=", ".join(CLOSURE_TYPES))))
        start = max(start or 0, 0)
        ends = end is not None and start < end < case.days
        if kind == "remove_forced_redirection":
            _known(where, case, a, b)
            changes[start].append(({"redirect": {"from": ids[a], "to": ids[b], "active": False}},
                                   Say(N_("{place} no longer sends people on to {other}"),
                                       place=a, other=b)))
            continue
        if kind in ("camp", "idpcamp"):
            _known(where, case, a)
            changes[start].append(({"admission": {"location": ids[a], "open": False}},
                                   Say(N_("{place} admits nobody"), place=a)))
            if ends:
                changes[end].append(({"admission": {"location": ids[a], "open": True}},
                                     Say(N_("{place} admits people again"), place=a)))
            continue
        if kind == "country":
            if a not in country.values() or b not in country.values():
                raise CaseError(where, Say(N_("unknown country {value}"), value=repr(
                    a if a not in country.values() else b)))
            routes = [(x, y) for x, y, _ in case.routes if {country[x], country[y]} == {a, b}]
            closes, opens = (N_("the border between {place} and {other} closes"),
                             N_("the border between {place} and {other} reopens"))
        elif kind == "location":
            _known(where, case, a)
            routes = [(x, y) for x, y, _ in case.routes if a in (x, y)]
            closes, opens = (N_("every route of {place} closes"),
                             N_("every route of {place} reopens"))
        else:
            _known(where, case, a, b)
            routes = [(x, y) for x, y, _ in case.routes if {x, y} == {a, b}]
            if not routes:
                raise CaseError(where, Say(N_("no route between {a} and {b}"), a=repr(a), b=repr(b)))
            closes, opens = N_("the route {place}–{other} closes"), N_("the route {place}–{other} reopens")
        for x, y in routes:
            changes[start].append(({"close_route": {"from": ids[x], "to": ids[y]}},
                                   Say(closes, place=a, other=b)))
            if ends:
                changes[end].append(({"open_route": {"from": ids[x], "to": ids[y]}},
                                     Say(opens, place=a, other=b)))


def _known(where: str, case: Case, *names: str) -> None:
    for name in names:
        if name not in case.locations:
            raise CaseError(where, Say(UNKNOWN_NAMES["location"], value=repr(name), hint="", known=""))


def _inject(day: int, effects: list[tuple[dict, Say]]) -> dict:
    changes = _Joined(dict.fromkeys(why for _, why in effects))
    return {"id": f"day{day:04d}", "at": {"turn": day + 1},
            "from": in_every_language(Say(N_("Case data"))), "to": ["all"],
            "message": in_every_language(Say(N_("Day {day}: {changes}."), day=str(day),
                                             changes=changes)),
            "effects": [e for e, _ in effects]}


class _Joined:
    """Several changes of one day, worded in one language and joined."""

    def __init__(self, parts):
        self.parts = list(parts)

    def text(self, lang: str) -> str:
        # TRANSLATORS: between two changes of one day of a displacement case
        return tr("; ", lang).join(part.text(lang) for part in self.parts)


def in_every_language(said: Say) -> dict[str, str]:
    """A scenario text in English, French (which a scenario requires) and every other
    language whose catalogue has its words."""
    return {lang: said.text(lang) for lang in LANGUAGES
            if lang in (SOURCE, "fr") or has_translation(said.message, lang)}


def _one_per_pair(routes: list[tuple[str, str, float]]) -> list[tuple[str, str, float]]:
    """One route per pair of places, as a scenario's map holds: a pair written twice keeps
    its last distance, as Flee's own graph does."""
    out: dict[frozenset, tuple[str, str, float]] = {}
    for a, b, km in routes:
        out[frozenset((a, b))] = (a, b, km)
    return list(out.values())
