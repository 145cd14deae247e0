"""What would have happened otherwise: the same seed, with bots instead of the teams; and
luck or skill: the same decisions and the same bots over other seeds.

A run's inputs are replayed with one team's decisions (or every team's) taken out and a
bot playing that team instead; the other teams' decisions and the instructor's injects
stay as they were. The difference against the ``passive`` bot is what the decisions
changed; against the ``doctrine`` bot, what doctrine would have changed. Over several
seeds each difference gets a band (median, 10–90 %): a difference whose band holds zero
may be luck. Replays run on ``simulator.play.workers`` (local processes, one per core).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

from debrief.botratings import NOT_RATED, in_order
from debrief.rundata import RunData, RunError, run_of
from simulator.language.validation import load_scenario
from simulator.play.compare import band
from simulator.play.decisions import Decision, load_inputs
from simulator.play.runner import play
from simulator.play.workers import InProcess, Workers, local


def _replay_setup(folder: Path, team: str | None, source: tuple | None = None):
    """The scenario and inputs to replay (``source``, else read from the run folder), the
    teams bots replace, and the inputs without their decisions."""
    if source is not None:
        scenario, inputs = source
    else:
        if not (folder / "scenario.yaml").exists():
            raise RunError(f"{folder}: no scenario.yaml; run it again with this version of ttx")
        stamps = tuple((folder / f).stat().st_mtime_ns for f in ("scenario.yaml", "inputs.json"))
        scenario, inputs = _load(str(folder), stamps)
    teams = [t.id for t in scenario.teams] if team is None else [team]
    return scenario, teams, inputs, replaced(inputs, teams)


def replaced(inputs, teams: list[str]) -> list:
    """The inputs without the decisions of ``teams`` (bots play them instead)."""
    return [i for i in inputs if not (isinstance(i, Decision) and i.team in teams)]


def replay_source(folder: str | Path, scenario) -> tuple:
    """The run's ``scenario`` (as its folder's scenario.yaml reads) and its inputs, read
    once for all of a debrief's replays."""
    return scenario, tuple(load_inputs(Path(folder) / "inputs.json", scenario))


@lru_cache(maxsize=4)
def _load(folder: str, stamps: tuple) -> tuple:
    """A run folder's scenario and inputs, read once for all of a debrief's replays (the
    stamps, the files' modification times, tell a rewritten run from the one cached)."""
    return replay_source(folder, load_scenario(Path(folder) / "scenario.yaml"))


def _replay(scenario, job: tuple) -> dict:
    """One replay: its outcomes, and its task ratings when asked (a worker's job)."""
    seed, inputs, bots, rated = job
    return result(scenario, play(scenario, seed, inputs, bots), rated)


def result(scenario, ex, rated: bool) -> dict:
    """What a replay gives the debrief: the outcomes of the played exercise ``ex``, and its
    task ratings when asked."""
    out = {"outcomes": ex.summary()["outcomes"]}
    if rated:
        from debrief.ratings import rate_objectives  # the ratings read the run's data
        objectives = rate_objectives(scenario, run_of(ex))
        out["tasks"] = {t.id: t.rating for o in objectives for t in o.tasks}
    return out


def replayer(workers: int = 0) -> Workers | None:
    """Worker processes for replays (0: one per core; ``simulator.play.workers.local``); None
    for a single one. Open it once for many replays: each new process takes a moment to
    start."""
    pool = local(workers)
    return None if isinstance(pool, InProcess) else pool


def replay_all(jobs: list[tuple], progress=None, pool: Workers | None = None) -> list[dict]:
    """Replays in order, on ``pool`` (``replayer``, or any ``simulator.play.workers`` kind) or
    in this process. Each job is ``(scenario, seed, inputs, bots, rated)``; they share one
    scenario, sent to each worker once."""
    if not jobs:
        return []
    scenario = jobs[0][0]
    if any(job[0] is not scenario for job in jobs):
        raise ValueError("replay_all: every job replays the same scenario")
    return (pool or InProcess()).map(_replay, [job[1:] for job in jobs], scenario,
                                     progress and (lambda done, total, *_: progress(done, total)))


def replay_outcomes(folder: str | Path, run: RunData, kind: str,
                    team: str | None = None, seed: int | None = None) -> dict:
    """Outcomes of the run replayed with ``kind`` bots for ``team`` (all teams if None)."""
    scenario, teams, _, without = _replay_setup(Path(folder), team)
    seed = run.summary["seed"] if seed is None else seed
    return play(scenario, seed, without, {t: kind for t in teams}).summary()["outcomes"]


def seed_bands(folder: str | Path, run: RunData, keys: tuple[str, ...], seeds: int = 30,
               team: str | None = None, progress=None, pool=None,
               source: tuple | None = None) -> dict:
    """Luck or skill: the run's own decisions replayed over seeds 0 … seeds−1, beside
    passive and doctrine bots on the same seeds; each outcome as median and 10–90 % band,
    and ``ratings``: how often the decisions earned each rating on each critical task.
    ``source``: the run's scenario and inputs (``replay_source``), else read again."""
    scenario, teams, inputs, without = _replay_setup(Path(folder), team, source)
    plays = {"decisions": (inputs, {}), "passive": (without, {t: "passive" for t in teams}),
             "doctrine": (without, {t: "doctrine" for t in teams})}
    jobs = [(scenario, seed, items, bots, label == "decisions")
            for label, (items, bots) in plays.items() for seed in range(seeds)]
    labels = [label for label in plays for _ in range(seeds)]
    done = replay_all(jobs, progress and (lambda i, n: progress(labels[i - 1],
                                                               (i - 1) % seeds)), pool)
    out: dict = {}
    for label in plays:
        rows = [r for r, lab in zip(done, labels, strict=True) if lab == label]
        out[label] = {k: band([r["outcomes"][k] for r in rows], "median") for k in keys}
        if label == "decisions":
            tally: dict[str, Counter] = {}
            for r in rows:
                for task, rating in r["tasks"].items():
                    tally.setdefault(task, Counter())[rating or NOT_RATED] += 1
            out["ratings"] = {task: in_order(c) for task, c in tally.items()}
    return out


def compare(folder: str | Path, run: RunData, keys: tuple[str, ...],
            team: str | None = None, seeds: int = 1, progress=None,
            pool=None, known=None, source: tuple | None = None) -> dict[str, dict]:
    """For each outcome: the run's value, the passive and doctrine replays on its seed, and
    the changes ("your decisions changed X by ... against no action; doctrine would have
    by ..."). With ``seeds`` > 1 the same comparison is replayed on the next seeds too:
    ``bands`` holds each change's median and 10–90 % band, and ``luck`` says whether the
    band of the decisions' change holds zero (then the difference may be luck).
    ``known`` (a ``Replayed``) has the replays played already; ``source``
    is the run's scenario and inputs (``replay_source``), else they are read again."""
    scenario, teams, inputs, without = _replay_setup(Path(folder), team, source)
    first = run.summary["seed"]
    jobs, roles = compare_jobs(scenario, teams, inputs, without, first, seeds)
    done = _replayed(jobs, progress, pool, known)
    by = {(0, "yours"): run.summary["outcomes"]}
    by.update({role: r["outcomes"] for role, r in zip(roles, done, strict=True)})
    actual, passive, doctrine = by[(0, "yours")], by[(0, "passive")], by[(0, "doctrine")]
    out = {}
    for key in keys:
        row = {"actual": actual[key], "passive": passive[key], "doctrine": doctrine[key],
               "yours_vs_passive": round(actual[key] - passive[key], 3),
               "doctrine_vs_passive": round(doctrine[key] - passive[key], 3)}
        if seeds > 1:
            yours = [by[(k, "yours")][key] - by[(k, "passive")][key] for k in range(seeds)]
            theirs = [by[(k, "doctrine")][key] - by[(k, "passive")][key] for k in range(seeds)]
            bands = {"yours_vs_passive": band(yours, "median"),
                     "doctrine_vs_passive": band(theirs, "median")}
            row["bands"] = bands
            row["luck"] = bands["yours_vs_passive"]["p10"] <= 0 <= bands["yours_vs_passive"]["p90"]
        out[key] = row
    return out


def compare_jobs(scenario, teams: list[str], inputs: list, without: list, first: int,
                 seeds: int) -> tuple[list[tuple], list[tuple[int, str]]]:
    """The replays ``compare`` needs (``teams`` played by bots, ``without`` their
    decisions), and the role of each: (k, "yours" | "passive" | "doctrine") on seed
    ``first`` + k."""
    jobs, roles = [], []
    for k in range(seeds):
        for role, items, kind in (("yours", inputs, None), ("passive", without, "passive"),
                                  ("doctrine", without, "doctrine")):
            if role == "yours" and k == 0:
                continue  # the run itself
            jobs.append((scenario, first + k, items, {t: kind for t in teams} if kind else {},
                         False))
            roles.append((k, role))
    return jobs, roles


def _replayed(jobs: list[tuple], progress, pool, known) -> list[dict]:
    """``replay_all``, but for the jobs ``known`` played already: its results, the same
    (a replay is a function of its job); ``known`` remembers the others if it can."""
    have = known.results(jobs) if known is not None else {}
    rest = [job for i, job in enumerate(jobs) if i not in have]
    done = replay_all(rest, progress, pool)
    if known is not None:
        known.remember(rest, done)
    played = iter(done)
    return [have[i] if i in have else next(played) for i in range(len(jobs))]


class Replayed:
    """The replays of one debrief, by job, so that none is played twice: every
    ``compare`` replays the run's own decisions on the same seeds (a quarter of the
    replays of a debrief with four teams). ``ahead`` (a ``debrief.ahead.Ahead``) has
    more, played during the exercise."""

    def __init__(self, ahead=None):
        self.ahead = ahead
        self._done: dict[tuple, tuple[tuple, dict]] = {}  # the job kept: its id stays its own

    @staticmethod
    def _key(job: tuple) -> tuple:
        scenario, seed, items, bots, rated = job
        return id(scenario), seed, id(items), tuple(sorted(bots.items())), rated

    def results(self, jobs: list[tuple]) -> dict[int, dict]:
        have = self.ahead.results(jobs) if self.ahead is not None else {}
        for i, job in enumerate(jobs):
            if i not in have and self._key(job) in self._done:
                have[i] = self._done[self._key(job)][1]
        return have

    def remember(self, jobs: list[tuple], done: list[dict]) -> None:
        for job, result in zip(jobs, done, strict=True):
            self._done[self._key(job)] = (job, result)
