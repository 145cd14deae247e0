"""Compare bot teams on one scenario over many seeds (the same seeds for every kind).

Every team is played by the same bot kind; each outcome is summarised by its mean and its
10–90 % band across seeds, so an instructor sees both the effect of the decisions and the
part luck plays.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from simulator.i18n import N_, count, decimal, tr
from simulator.language.scenario import Scenario
from simulator.play.exercise import Exercise
from simulator.play.runner import play

OUTCOMES = ("civilian_deaths", "civilian_injuries", "displaced_peak", "unmet_need_person_days",
            "people_assisted", "incidents", "attacks_deterred", "abuse_incidents",
            "principle_breaches", "humanitarian_access_final")
# Each outcome as people read it (translated where it is shown).
OUTCOME_NAMES = {
    "civilian_deaths": N_("civilian deaths"),
    "civilian_injuries": N_("civilian injuries"),
    "displaced_peak": N_("displaced (peak)"),
    "unmet_need_person_days": N_("unmet need (person-days)"),
    "people_assisted": N_("people assisted"),
    "incidents": N_("violent incidents"),
    "attacks_deterred": N_("attacks deterred"),
    "abuse_incidents": N_("abuses by host forces"),
    "principle_breaches": N_("humanitarian principle breaches"),
    "humanitarian_access_final": N_("humanitarian access at the end"),
}


def compare(scenario: Scenario, kinds: list[str], seeds: int,
            progress: Callable[[str, int], None] | None = None,
            each: Callable[[str, int, Exercise], None] | None = None) -> dict:
    """``{kind: {outcome: {mean, p10, p90}}}`` over seeds 0 … seeds−1; ``each`` sees every
    finished play (the debrief's ratings use it)."""
    out: dict[str, dict] = {}
    for kind in kinds:
        bots = {t.id: kind for t in scenario.teams}
        rows = []
        for seed in range(seeds):
            ex = play(scenario, seed, [], bots)
            rows.append(ex.summary()["outcomes"])
            if each:
                each(kind, seed, ex)
            if progress:
                progress(kind, seed)
        out[kind] = {key: band([r[key] for r in rows]) for key in OUTCOMES}
    return out


def band(values: list[float], centre: str = "mean") -> dict:
    """``{centre, p10, p90}`` of values across seeds (centre: mean or median)."""
    a = np.asarray(values, dtype=float)
    middle = a.mean() if centre == "mean" else np.median(a)
    return {centre: round(float(middle), 3), "p10": round(float(np.percentile(a, 10)), 3),
            "p90": round(float(np.percentile(a, 90)), 3)}


def table(result: dict, lang: str = "en") -> str:
    """A plain-text table: one row per outcome (in words), one column per bot kind."""
    kinds = list(result)
    labels = {k: tr(OUTCOME_NAMES[k], lang) for k in OUTCOMES}
    width = max(len(v) for v in labels.values()) + 2
    lines = [tr("outcome", lang).ljust(width) + "".join(k.rjust(26) for k in kinds)]
    for key in OUTCOMES:
        cells = []
        for kind in kinds:
            cells.append(band_text(result[kind][key], lang).rjust(26))
        lines.append(labels[key].ljust(width) + "".join(cells))
    return "\n".join(lines)


def band_text(b: dict, lang: str = "en") -> str:
    """A band as people read it, ``330 [314–328]``: its centre (mean or median), then its
    10–90 % range."""
    centre = b["mean"] if "mean" in b else b["median"]
    return f"{_num(centre, lang)} [{_num(b['p10'], lang)}–{_num(b['p90'], lang)}]"


def _num(x: float, lang: str = "en") -> str:
    """Whole counts with thousands grouped; a small share with one decimal."""
    if x == int(x) or abs(x) >= 100:
        return count(x, lang)
    return decimal(x, lang, 1)
