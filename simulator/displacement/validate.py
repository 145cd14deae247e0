"""Validate the engine's civilian movement against a published displacement case.

The case is converted (``simulator.displacement.fleeimport``) and played by the ordinary engine
(``Exercise``, no team decisions) once per seed; each day the camps' head counts are read
from the model. The result compares them with the observed counts (``simulator.displacement.fleecase``):
ARD normal and rescaled with their spread over seeds, each camp's share of the error, and
the two naive forecasts through the same metric. ``write`` adds a JSON summary, the daily
counts and a figure per camp.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from simulator.displacement.fleecase import Case, ard, capacity_split, nearest_camp, observed, read_case
from simulator.displacement.fleeimport import slug, write_scenario
from simulator.i18n import ntr, tr
from simulator.language.scenario import Scenario
from simulator.language.validation import load_scenario
from simulator.play.exercise import Exercise
from simulator.play.workers import Processes


@dataclass
class Validation:
    case: Case
    scenario: Scenario
    observed: dict[str, np.ndarray]  # camp → count per day
    runs: dict[int, dict[str, np.ndarray]]  # seed → camp → simulated count per day
    run_seconds: dict[int, float]
    naive: dict[str, dict[str, np.ndarray]]  # forecast → camp → count per day
    wall_seconds: float = 0.0

    def ard(self, rescaled: bool = False) -> dict[int, float]:
        return {seed: ard(sim, self.observed, rescaled) for seed, sim in self.runs.items()}

    def camp_error(self) -> dict[str, float]:
        """Each camp's mean share of the ARD (mean over days of |sim − obs| / observed
        total), averaged over seeds: the camps' values add up to the ARD."""
        total = np.sum(list(self.observed.values()), axis=0)
        keep = total > 0
        return {c: float(np.mean([np.mean(np.abs(sim[c] - self.observed[c])[keep] / total[keep])
                                  for sim in self.runs.values()]))
                for c in self.case.camps}

    def summary(self) -> dict:
        normal, rescaled = self.ard(), self.ard(True)
        return {
            "case": self.case.folder.name, "start": str(self.case.start), "days": self.case.days,
            "camps": self.case.camps, "unmapped_camps": self.case.unmapped,
            "seeds": sorted(self.runs),
            "ard": _band(normal), "ard_rescaled": _band(rescaled),
            "ard_by_seed": {str(s): round(v, 4) for s, v in normal.items()},
            "ard_rescaled_by_seed": {str(s): round(v, 4) for s, v in rescaled.items()},
            "camp_error": {c: round(v, 4) for c, v in self.camp_error().items()},
            "naive": {name: round(ard(sim, self.observed), 4) for name, sim in self.naive.items()},
            "seconds_per_run": _band(self.run_seconds),
            "wall_seconds": round(self.wall_seconds, 3),
            "movement_parameters": self.scenario.parameters.movement.model_dump(mode="json"),
        }


def _band(values: dict[int, float]) -> dict[str, float]:
    v = np.array(list(values.values()), dtype=float)
    return {"mean": round(float(v.mean()), 4), "min": round(float(v.min()), 4),
            "max": round(float(v.max()), 4)}


def simulate(scenario: Scenario, camps: list[str], seed: int,
             progress: Callable[[int], None] | None = None) -> tuple[dict, float]:
    """One run: each camp's head count at the end of every day, and the seconds taken."""
    start = time.perf_counter()
    ex = Exercise(scenario, seed)
    ex.reset()
    model = ex.model
    idx = [model.index[slug(c)] for c in camps]
    days = scenario.metadata.turns
    counts = np.zeros((len(camps), days))
    counts[:, 0] = model.civilians.present().sum(axis=1)[idx]
    while not ex.done:
        ex.step()
        day = ex.turn - 2 if not ex.done else days - 1  # turn d + 1 plays day d
        counts[:, day] = model.civilians.present().sum(axis=1)[idx]
        if progress and day % 100 == 0:
            progress(day)
    return {c: counts[i] for i, c in enumerate(camps)}, time.perf_counter() - start


def _simulate_job(common: tuple[Scenario, list[str]], seed: int) -> tuple[dict, float]:
    scenario, camps = common
    return simulate(scenario, camps, seed)


def validate(case_dir: str | Path, seeds: int = 3, out: Path | None = None, jobs: int = 0,
             say: Callable[[str], None] = lambda line: print(line, file=sys.stderr),
             lang: str = "en") -> Validation:
    """Convert the case, play it for ``seeds`` seeds (in ``jobs`` processes; 0: one per
    core) and compare with the observations. The converted scenario is written to
    ``out/scenario.yaml`` (a temporary folder without ``out``) and loaded from there."""
    began = time.perf_counter()
    case = read_case(case_dir)
    obs = observed(case)
    with tempfile.TemporaryDirectory(prefix="ttx-") as scratch:
        path = Path(out or scratch) / "scenario.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_scenario(case, path)
        scenario = load_scenario(path)
        jobs = min(seeds, jobs or os.cpu_count() or 1)
        # TRANSLATORS: {seeds} and {jobs} are counts with their words ("2 seeds", "1 process")
        say(tr("{case}: {days} days, {camps} camps, {seeds} in {jobs}", lang,
               case=case.folder.name, days=case.days, camps=len(case.camps),
               seeds=ntr("{n} seed", "{n} seeds", seeds, lang),
               jobs=ntr("{n} process", "{n} processes", jobs, lang)))
        runs, seconds = {}, {}
        if jobs <= 1:
            for seed in range(seeds):
                runs[seed], seconds[seed] = simulate(
                    scenario, case.camps, seed,
                    lambda day, s=seed: say(tr("  seed {seed}: day {day}/{days}", lang, seed=s,
                                               day=day, days=case.days)))
                say(tr("  seed {seed}: done in {seconds:.1f} s", lang, seed=seed,
                       seconds=seconds[seed]))
        else:
            with Processes(jobs) as pool:
                done = pool.map(_simulate_job, list(range(seeds)), (scenario, case.camps),
                                lambda n, total, seed, result: say(tr(
                                    "  seed {seed}: done in {seconds:.1f} s", lang, seed=seed,
                                    seconds=result[1])))
            for seed, (sim, secs) in enumerate(done):
                runs[seed], seconds[seed] = sim, secs
    naive = {"capacity_split": capacity_split(case, obs), "nearest_camp": nearest_camp(case, obs)}
    return Validation(case, scenario, obs, runs, seconds, naive, time.perf_counter() - began)


def write(v: Validation, out: Path, lang: str = "en") -> None:
    """summary.json, camps.csv (daily observed and simulated counts) and a figure per camp
    in ``out/plots``."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.json").write_text(json.dumps(v.summary(), indent=2) + "\n")
    sims = {c: np.array([sim[c] for sim in v.runs.values()]) for c in v.case.camps}
    lines = ["day,camp,observed,simulated_mean,simulated_min,simulated_max,capacity_split,"
             "nearest_camp"]
    for c in v.case.camps:
        for d in range(v.case.days):
            s = sims[c][:, d]
            lines.append(f"{d},{c},{v.observed[c][d]:.0f},{s.mean():.0f},{s.min():.0f},"
                         f"{s.max():.0f},{v.naive['capacity_split'][c][d]:.0f},"
                         f"{v.naive['nearest_camp'][c][d]:.0f}")
    (out / "camps.csv").write_text("\n".join(lines) + "\n")
    _plots(v, sims, out / "plots", lang)


def _plots(v: Validation, sims: dict[str, np.ndarray], folder: Path, lang: str) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    for c in v.case.camps:
        fig, ax = plt.subplots(figsize=(7, 3.6))
        _camp_axes(ax, v, sims, c, lang, legend=True)
        ax.set_xlabel(tr("days from {start}", lang, start=v.case.start))
        ax.set_ylabel(tr("people in camp", lang))
        fig.tight_layout()
        fig.savefig(folder / f"{slug(c)}.png", dpi=110)
        plt.close(fig)
    # Every camp on one page, for the validation report.
    cols = 3 if len(v.case.camps) > 4 else 2
    rows = -(-len(v.case.camps) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 2.6 * rows), squeeze=False)
    for ax, c in zip(axes.flat, v.case.camps, strict=False):  # a last row may have room left
        _camp_axes(ax, v, sims, c, lang, legend=False)
    for ax in list(axes.flat)[len(v.case.camps):]:
        ax.axis("off")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=4, fontsize=8, frameon=False)
    fig.suptitle(tr("{case}: camp counts, days from {start}",
                    lang, case=v.case.folder.name, start=v.case.start))
    fig.tight_layout(rect=(0, 0.04, 1, 0.97))
    fig.savefig(folder / "all-camps.png", dpi=90)
    plt.close(fig)


def _camp_axes(ax, v: Validation, sims: dict[str, np.ndarray], camp: str, lang: str,
               legend: bool) -> None:
    from simulator.displacement.fleecase import corrected

    days = np.arange(v.case.days)
    points = [(d, n) for d, n in corrected(v.case, camp) if 0 <= d < v.case.days]
    ax.plot(days, v.observed[camp], color="#000000", lw=1, label=tr("observed (interpolated)", lang))
    ax.plot([d for d, _ in points], [n for _, n in points], "o", color="#000000", ms=2.5,
            label=tr("UNHCR reports (corrected)", lang))
    ax.fill_between(days, sims[camp].min(axis=0), sims[camp].max(axis=0), color="#0072B2",
                    alpha=0.25, lw=0)
    ax.plot(days, sims[camp].mean(axis=0), color="#0072B2", lw=1.5,
            label=tr("simulated (mean, band over {seeds} seeds)", lang, seeds=len(v.runs)))
    ax.plot(days, v.naive["capacity_split"][camp], color="#E69F00", lw=1, ls="--",
            label=tr("naive: capacity split", lang))
    ax.set_title(camp if not legend else f"{v.case.folder.name}: {camp}", fontsize=9)
    ax.tick_params(labelsize=7)
    if legend:
        ax.legend(fontsize=7, loc="lower right")  # the counts rise: the corner stays clear
