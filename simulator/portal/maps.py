"""Maps on the pages: what a team knows (its team page) and the ground truth (console and
evaluator pages), drawn by ``debrief.plots.situation_map_svg`` from a *picture*:

    {"places": {place: {"people": int | None, "displaced": int | None}},
     "threats": [place], "incidents": [place], "closed_routes": [[a, b]],
     "units": {place: [unit name]}}

A team's picture comes from its own situation reports only, never from the world: a place
it has no report of is left out. The ground truth comes from the live model.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict

from debrief import plots
from simulator.classroom.live import LiveExercise
from simulator.portal.history import played_turns
from simulator.world.records import VIOLENT
from simulator.world.sitrep_text import names

_CACHE: OrderedDict[tuple, str] = OrderedDict()
_CACHE_LOCK = threading.Lock()
KEEP = 64  # drawings kept: each team's and the truth, in two languages, for a few exercises


def team_picture(live: LiveExercise, team: str, report: dict, lang: str) -> dict:
    """What ``team`` knows at ``report``: people and displaced people at each place from its
    latest observation or assessment there (in any of its reports so far), the threats and
    incidents and closed routes this report tells, and where its own units are."""
    known = names(live.scenario, lang)
    latest: dict[str, tuple] = {}
    reports = [live.exercise.reports.get(n, {}).get(team) for n in range(1, report["turn"])]
    for rep in [r for r in reports if r] + [report]:
        for fact in (rep.get("needs") or []) + (rep.get("observations") or []):
            place = fact.get("location")
            if place and "population" in fact:
                when = (fact.get("turn", 0), fact.get("hour", 0.0))
                if place not in latest or when >= latest[place][0]:
                    latest[place] = (when, fact)
    places = {p: {"people": _whole(f.get("population")), "displaced": _whole(f.get("displaced"))}
              for p, (_, f) in sorted(latest.items())}
    incidents = {f["location"] for f in report.get("incidents") or []
                 if f.get("kind") == "incident" and f.get("location")}
    incidents |= {f["location"] for f in report.get("observations") or []
                  if f.get("incidents") and f.get("location")}
    units: dict[str, list[str]] = {}
    for u in report.get("units") or []:
        units.setdefault(u["location"], []).append(known["units"].get(u["id"], u["id"]))
    return {"places": places,
            "threats": sorted({f["location"] for f in report.get("threats") or []
                               if f.get("location")}),
            "incidents": sorted(incidents),
            "closed_routes": [r.split("--") for r in report.get("routes_closed") or []],
            "units": units}


def truth_picture(live: LiveExercise, lang: str) -> dict:
    """The situation on the ground now (call under ``live.lock``): people and displaced
    people everywhere, the places armed groups plan to strike, the violence of the last
    turn played, the routes closed or flooded, every unit."""
    m = live.exercise.model
    ids, known = m.loc_ids, names(live.scenario, lang)
    present, displaced = m.civilians.present().sum(axis=1), m.civilians.displaced().sum(axis=1)
    last = played_turns(live)
    units: dict[str, list[str]] = {}
    for u in m.units.values():
        units.setdefault(ids[u.location], []).append(known["units"].get(u.key, u.key))
    return {"places": {p: {"people": int(present[i]), "displaced": int(displaced[i])}
                       for i, p in enumerate(ids)},
            "threats": sorted({ids[p.target] for g in m.armed.values() for p in g.plans}),
            "incidents": sorted({e["location"] for e in m.events.of_type(*VIOLENT)
                                 if e["turn"] == last and e.get("location")}),
            "closed_routes": [[ids[a], ids[b]]
                              for a, b in sorted(set(m.geo.closed) | set(m.geo.flooded_routes))],
            "units": units}


def _whole(value) -> int | None:
    return None if value is None else int(round(value))


def map_svg(live: LiveExercise, lang: str, team: str | None = None,
            report: dict | None = None) -> str:
    """The map as inline SVG: the team's (with its report) or, without a team, the ground
    truth. Drawn once per picture: a team's map is not drawn again until what it knows
    changes (orders given, a pause, another team's news do not change it)."""
    with live.lock:
        picture = team_picture(live, team, report, lang) if team else truth_picture(live, lang)
    key = (live.id, lang, json.dumps(picture, sort_keys=True))
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    svg = plots.situation_map_svg(live.scenario, picture, lang, title="")
    with _CACHE_LOCK:
        _CACHE[key] = svg
        while len(_CACHE) > KEEP:
            _CACHE.popitem(last=False)
    return svg
