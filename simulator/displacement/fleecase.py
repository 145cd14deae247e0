"""A conflict-displacement case in Flee's format, and the validation metric.

Reads a case folder (``input/`` and ``validation/``, as in ``../shared/data/displacement``,
described in its README), and gives, per day of the case:
- each validated camp's observed count: registration corrections applied, linear
  interpolation between reports, held constant before the first and after the last;
- the people entering the system: the daily increase of the camps' summed counts, a fall
  being made up by later arrivals (nobody is removed);
- the averaged relative difference (ARD) of simulated against observed camp counts, and
  the two naive forecasts every model should be compared with.

A broken file gives one ``CaseError`` naming the file and line, its message in English or
French (``simulator.language.problem_text``).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from simulator.i18n import N_
from simulator.language.problem_text import UNKNOWN_NAMES, Say, os_reason


class CaseError(Exception):
    """A case file that cannot be read: ``FILE:LINE: message`` (``where``: the file and
    line, or empty); ``str()`` in English, ``text(lang)`` in either language."""

    def __init__(self, where: str, say: Say):
        self.where, self.say = where, say
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        return f"{self.where}: {self.say.text(lang)}" if self.where else self.say.text(lang)


@dataclass(frozen=True)
class Location:
    name: str
    country: str
    lat: float
    lon: float
    kind: str  # conflict_zone, town, camp, forcedredirection
    population: int  # for a camp: its capacity


@dataclass(frozen=True)
class Case:
    folder: Path
    start: dt.date
    days: int
    locations: dict[str, Location]
    routes: list[tuple[str, str, float]]
    conflict: dict[str, np.ndarray]  # conflict zone → bool per day
    closures: list[tuple[int, tuple[str, str, str, int, int]]]  # (line, (type, a, b, start, end))
    redirects: list[tuple[str, str, int]]  # routes with a forced redirection flag (1 or 2)
    corrections: dict[str, dt.date]
    reports: dict[str, list[tuple[int, float]]]  # camp → (day, count), files summed
    unmapped: list[str]  # camps with counts but no place on the map: not validated

    @property
    def camps(self) -> list[str]:
        """The validated camps, in the order of data_layout.csv."""
        return list(self.reports)


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    """Non-empty, non-comment rows with their line numbers."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CaseError(str(path), Say(N_("cannot read ({reason})"), reason=os_reason(exc))) from None
    out = []
    for n, row in enumerate(csv.reader(text.splitlines()), 1):
        if row and row[0].strip() and not row[0].lstrip().startswith("#"):
            out.append((n, [c.strip() for c in row]))
    return out


# The columns a number is read from, as a problem names them.
COLUMNS = {"latitude": N_("latitude"), "longitude": N_("longitude"),
           "population": N_("population"), "distance": N_("distance"),
           "flag": N_("forced redirection flag"), "start_day": N_("start day"),
           "end_day": N_("end day"), "day": N_("day"), "count": N_("count"),
           "length": N_("Length")}


def _number(path: Path, n: int, value: str, what: str, kind=float):
    """``value`` as a number; ``what``: the column, a key of ``COLUMNS``."""
    try:
        return kind(value) if value != "" else None
    except ValueError:
        raise CaseError(f"{path}:{n}", Say(N_("{what} is not a number: {value}"), what=Say(COLUMNS[what]),
                                           value=repr(value))) from None


def _date(path: Path, n: int, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CaseError(f"{path}:{n}", Say(N_("not a date (YYYY-MM-DD): "
                                              "{value}"), value=repr(value))) from None


def read_case(folder: str | Path) -> Case:
    """Read a Flee-format case folder."""
    folder = Path(folder)
    inp, val = folder / "input", folder / "validation"
    period = {row[0]: (n, row[1:]) for n, row in _rows(inp / "sim_period.csv")}
    if "StartDate" not in period or "Length" not in period:
        raise CaseError(f"{inp / 'sim_period.csv'}:1", Say(N_("needs StartDate and Length rows")))
    start = _date(inp / "sim_period.csv", period["StartDate"][0], period["StartDate"][1][0])
    days = _number(inp / "sim_period.csv", period["Length"][0], period["Length"][1][0],
                   "length", int)
    locations = {}
    for n, row in _rows(inp / "locations.csv"):
        if len(row) < 8:
            raise CaseError(f"{inp / 'locations.csv'}:{n}", Say(N_("expected 8 columns, got "
                                                                   "{count}"), count=len(row)))
        p = inp / "locations.csv"
        locations[row[0]] = Location(row[0], row[2], _number(p, n, row[3], "latitude"),
                                     _number(p, n, row[4], "longitude"), row[5],
                                     _number(p, n, row[7], "population", int) or 0)
    routes, redirects = [], []
    for n, row in _rows(inp / "routes.csv"):
        p = inp / "routes.csv"
        if len(row) < 3:
            raise CaseError(f"{p}:{n}", Say(N_("expected name1, name2, distance")))
        for name in row[:2]:
            if name not in locations:
                raise CaseError(f"{p}:{n}", Say(UNKNOWN_NAMES["location"], value=repr(name), hint="",
                                                known=""))
        routes.append((row[0], row[1], _number(p, n, row[2], "distance")))
        flag = _number(p, n, row[3], "flag", int) if len(row) > 3 else None
        if flag not in (None, 0, 1, 2):
            raise CaseError(f"{p}:{n}", Say(N_("forced redirection flag must be 0, 1 or 2, not "
                                               "{flag}"), flag=flag))
        if flag:
            redirects.append((row[0], row[1], flag))
    conflict = _conflicts(inp / "conflicts.csv", days, locations)
    closures = [_closure(inp / "closures.csv", n, row) for n, row in _rows(inp / "closures.csv")] \
        if (inp / "closures.csv").exists() else []
    corrections = {row[0]: _date(inp / "registration_corrections.csv", n, row[1])
                   for n, row in _rows(inp / "registration_corrections.csv")} \
        if (inp / "registration_corrections.csv").exists() else {}
    reports, unmapped = {}, []
    for _n, row in _rows(val / "data_layout.csv"):
        if row[0] == "total":
            continue
        if row[0] not in locations:  # counted by UNHCR, absent from the map (CAR's Bossobolo)
            unmapped.append(row[0])
            continue
        reports[row[0]] = _summed([_series(val / f, start) for f in row[1:] if f])
    return Case(folder, start, days, locations, routes, conflict, closures, redirects,
                corrections, reports, unmapped)


def _closure(path: Path, n: int, row: list[str]) -> tuple[int, tuple]:
    if len(row) < 5:
        raise CaseError(f"{path}:{n}", Say(N_("expected type, name1, name2, start day, end day")))
    return n, (row[0], row[1], row[2], _number(path, n, row[3], "start_day", int),
               _number(path, n, row[4], "end_day", int))


def _conflicts(path: Path, days: int, locations: dict) -> dict[str, np.ndarray]:
    rows = _rows_with_header(path)
    header, body = rows[0][1], rows[1:]
    names = [h for h in header[1:] if h]
    table = np.zeros((days, len(names)), dtype=bool)
    for n, row in body:
        day = _number(path, n, row[0], "day", int)
        if 0 <= day < days:
            table[day] = [c == "1" for c in row[1:len(names) + 1]]
    # A column of a place the map lacks is harmless while it stays 0 (Burundi's Isale).
    for i, name in enumerate(names):
        if name not in locations and table[:, i].any():
            raise CaseError(f"{path}:{rows[0][0]}", Say(N_("conflict at unknown location "
                                                           "{value}"), value=repr(name)))
    return {name: table[:, i] for i, name in enumerate(names)
            if name in locations and table[:, i].any()}


def _rows_with_header(path: Path) -> list[tuple[int, list[str]]]:
    """Like ``_rows`` but keeps a first line that starts with '#' (the header)."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise CaseError(str(path), Say(N_("cannot read ({reason})"), reason=os_reason(exc))) from None
    out = [(n, [c.strip() for c in row]) for n, row in enumerate(csv.reader(lines), 1) if row]
    if not out:
        raise CaseError(f"{path}:1", Say(N_("empty file")))
    out[0] = (out[0][0], [out[0][1][0].lstrip("#").strip()] + out[0][1][1:])
    return out


def _series(path: Path, start: dt.date) -> list[tuple[int, float]]:
    out = []
    for n, row in _rows(path):
        if row[0].lower() in ("date", "datetime"):  # a header line, as Flee's reader allows
            continue
        out.append(((_date(path, n, row[0]) - start).days, _number(path, n, row[1], "count")))
    if not out:
        raise CaseError(f"{path}:1", Say(N_("no counts")))
    return sorted(out)


def _summed(series: list[list[tuple[int, float]]]) -> list[tuple[int, float]]:
    """Several files of one camp (inside and outside it) added on the union of dates."""
    if len(series) == 1:
        return series[0]
    days = sorted({d for s in series for d, _ in s})
    return [(d, float(sum(np.interp(d, [x for x, _ in s], [y for _, y in s])
                          for s in series))) for d in days]


# --- observed counts and arrivals -----------------------------------------------------

def corrected(case: Case, camp: str) -> list[tuple[int, float]]:
    """A camp's reports with Flee's level-1 registration correction: reports before the
    correction date are scaled so that the last of them equals the first reliable one."""
    reports = case.reports[camp]
    if camp not in case.corrections:
        return reports
    day = (case.corrections[camp] - case.start).days
    i = next((k for k, (d, _) in enumerate(reports) if d >= day), None)
    if not i or reports[i - 1][1] <= 0:
        return reports
    factor = reports[i][1] / reports[i - 1][1]
    return [(d, c * factor) for d, c in reports[:i]] + reports[i:]


def observed(case: Case) -> dict[str, np.ndarray]:
    """Each validated camp's count for every day of the case (linear between reports,
    held constant before the first and after the last)."""
    days = np.arange(case.days)
    out = {}
    for camp in case.camps:
        points = corrected(case, camp)
        out[camp] = np.interp(days, [d for d, _ in points], [c for _, c in points])
    return out


def arrivals(obs: dict[str, np.ndarray]) -> np.ndarray:
    """People entering the system each day: the daily increase of the camps' total; when
    the total falls, nobody is removed and later arrivals are reduced until it is made up."""
    total = np.sum(list(obs.values()), axis=0)
    out = np.zeros_like(total)
    debt = 0.0
    for t in range(1, len(total)):
        change = total[t] - total[t - 1] - debt
        out[t], debt = (change, 0.0) if change > 0 else (0.0, -change)
    return out


# --- the metric and the naive forecasts -----------------------------------------------

def ard(sim: dict[str, np.ndarray], obs: dict[str, np.ndarray], rescaled: bool = False,
        ) -> float:
    """Averaged relative difference over the days: sum over camps of |sim − obs| divided
    by the observed camp total, averaged; ``rescaled`` first scales the simulated camps so
    that their total equals the observed total each day."""
    camps = list(obs)
    s = np.array([sim[c] for c in camps], dtype=float)
    o = np.array([obs[c] for c in camps], dtype=float)
    total = o.sum(axis=0)
    if rescaled:
        sim_total = s.sum(axis=0)
        s = s * np.divide(total, sim_total, out=np.ones_like(total), where=sim_total > 0)
    keep = total > 0
    return float(np.mean(np.abs(s - o).sum(axis=0)[keep] / total[keep]))


def capacity_split(case: Case, obs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Naive: every day's arrivals shared among the camps by capacity (a hindsight
    reference: the capacities were derived from the counts)."""
    arrived = np.cumsum(arrivals(obs))
    caps = {c: case.locations[c].population for c in case.camps}
    whole = sum(caps.values())
    return {c: obs[c][0] + arrived * caps[c] / whole for c in case.camps}


def nearest_camp(case: Case, obs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Naive: arrivals spawned at the active conflict zones in proportion to population,
    each zone's share all going to the validated camp nearest it by road."""
    import networkx as nx  # only here: reading a case needs no graph library

    graph = nx.Graph()
    graph.add_weighted_edges_from(case.routes)
    nearest = {}
    for zone in case.conflict:
        lengths = nx.single_source_dijkstra_path_length(graph, zone) if zone in graph else {}
        reach = [(lengths[c], c) for c in case.camps if c in lengths]
        nearest[zone] = min(reach)[1] if reach else None
    daily = arrivals(obs)
    out = {c: np.full(case.days, obs[c][0], dtype=float) for c in case.camps}
    added = {c: np.zeros(case.days) for c in case.camps}
    for t in range(case.days):
        active = [z for z, on in case.conflict.items() if on[t] and nearest[z]]
        weight = sum(case.locations[z].population for z in active)
        for z in active:
            added[nearest[z]][t] += daily[t] * case.locations[z].population / weight
    return {c: out[c] + np.cumsum(added[c]) for c in case.camps}
