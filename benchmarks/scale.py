"""How the engine scales with places and civilians, against idiomatic Mesa and a numpy floor.

    python benchmarks/scale.py [--places 1000,10000,100000]
                               [--civilians 100000,1000000,10000000] [--turns 2]
                               [--budget-seconds 180] [--budget-gb 6] [--quick]

Every size pair is a district drawn by ``ttx generate`` (``simulator.language.generate``, seed 1,
three armed groups, a flood and fighting), and every case runs in its own subprocess, so
its peak memory (``ru_maxrss``) is its own. A case that passes ``--budget-seconds`` or
``--budget-gb`` (the resident memory of its process, watched with psutil) is stopped and
reported as over budget, and so are the larger cases of its kind, without running them.
Peak memory includes reading the district's file (about 1.9 GB at 100,000 places). One
table is printed, one line per size pair (a ratio is n/a where one side is over budget):

- ``engine``: a whole exercise (``simulator.play.exercise.Exercise``) with doctrine bots in
  every team: seconds to build the world (start-up), seconds per turn (12 hourly
  sub-steps: injects, orders, hazards, armed groups, civilians, units; the mean of
  ``--turns`` turns) and, within it, the civilians' movement step alone
  (``Civilians.move``, timed around the engine's own method), and the case's peak memory;
- ``mesa``: the movement rule as idiomatic Mesa 3.5 agents: one ``mesa.Agent`` per
  civilian (automatic ``unique_id``), ``model.agents.shuffle_do("step")`` each hour, the
  model seeded with ``rng=``; shown as its time per turn over the engine's movement step;
- ``floor``: the same rule in plain numpy over sparse state: only the non-zero cells of
  ``(home, place, group)`` kept as flat arrays, people on the road as flat arrays of
  (home, destination, group, people, arrival hour); shown as the engine's movement step
  over its time per turn (how far the engine is from the floor).

The rule the Mesa model and the floor share with the engine: each hour, each person at a
place leaves with the chance ``1 - (1 - p_day)^(1/24)``, ``p_day`` the move chance of the
place's type plus ``risk_move_chance`` × how far the place's risk is over
``risk_threshold`` (the engine's parameters); a person who leaves chooses a destination
among the places within ``awareness_hops`` route hops, weighted by attractiveness /
(distance + ``distance_offset_km``), and walks there at ``walk_km_per_day``; people are
conserved (the floor checks it every turn). Both use the same arrays, built once from the
scenario: the risk is 1 at the places the flood and the fighting reach (the world of turn
2) and 0 elsewhere, the distance is the straight line between the coordinates × 1.3 (the
generator's bends of the road). What they leave out of the engine's rule: safety and free
room in the weights, the sites everyone knows, vehicles, boats and checkpoints on the way,
returns home, and everything that is not movement (the engine's turn counts all of it;
its movement step is the fair comparison).

The growth exponents are least-squares slopes of log(time per turn) over log(places) at
each number of civilians, and over log(civilians) at each number of places, where at
least two cases of the line finished.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import mesa  # noqa: E402
import numpy as np  # noqa: E402

KINDS = ("engine", "mesa", "floor")
SUBSTEPS = 12  # hours in a turn of a generated district
SEED = 1
ARMED_GROUPS = 3


# --- the cases, each run in a subprocess -------------------------------------------------

def _say(**values) -> None:
    """One JSON line to the parent (flushed: a case stopped later keeps what it said)."""
    print(json.dumps(values), flush=True)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _scenario(places: int, civilians: int):
    from simulator.language.generate import generate
    from simulator.language.validation import scenario_from_text

    return scenario_from_text(generate(places, civilians, min(ARMED_GROUPS, places // 10),
                                       SEED).text)


def run_engine(places: int, civilians: int, turns: int) -> None:
    from agents import civilians as people
    from simulator.play.runner import Replay

    scenario = _scenario(places, civilians)
    moving = [0.0]
    move = people.Civilians.move

    def timed_move(self, *args, **kwargs):
        began = time.perf_counter()
        try:
            return move(self, *args, **kwargs)
        finally:
            moving[0] += time.perf_counter() - began

    people.Civilians.move = timed_move
    began = time.perf_counter()
    replay = Replay(scenario, SEED, bots={t.id: "doctrine" for t in scenario.teams})
    _say(startup_s=time.perf_counter() - began)
    for turn in range(1, turns + 1):
        began, moving[0] = time.perf_counter(), 0.0
        replay.advance([], turn)
        _say(turn=turn, turn_s=time.perf_counter() - began, move_s=moving[0],
             peak_mb=_peak_mb())


class Rule:
    """The movement rule's inputs, as arrays built once from the scenario (see above)."""

    def __init__(self, scenario):
        from scipy import sparse

        from simulator.language.parameters import Parameters

        m = (scenario.parameters or Parameters()).movement
        locs = scenario.map.locations
        self.n = n = len(locs)
        index = {loc.id: i for i, loc in enumerate(locs)}
        coords = np.array([loc.coords for loc in locs])
        # km on the ground from degrees (the generator's projection), with the road's bends
        self.xy = np.c_[coords[:, 1] * 111.0 * math.cos(math.radians(13.0)), coords[:, 0] * 111.0]
        attract = np.array([loc.attributes.attractiveness if loc.attributes.attractiveness
                            is not None else m.attractiveness.get(loc.type, 1.0) for loc in locs])
        risky = {place for inj in scenario.msel for e in inj.effects
                 for place in ([*e.args.locations] if e.kind == "hazard" else
                               [e.args.location] if e.kind == "conflict" else [])}
        risk = np.array([1.0 if loc.id in risky else 0.0 for loc in locs])
        over = np.clip((risk - m.risk_threshold) / (1 - m.risk_threshold + 1e-9), 0, 1)
        p_day = np.minimum(1.0, np.array([m.move_chance.get(loc.type, 0.0) for loc in locs])
                           + m.risk_move_chance * over)
        self.p_hour = 1 - (1 - p_day) ** (1 / 24)
        a, b = (np.array([index[getattr(r, end)] for r in scenario.map.routes])
                for end in ("from_", "to"))
        hop = sparse.coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n)).tocsr()
        hop = ((hop + hop.T) > 0).astype(np.int32)
        known = hop.copy()
        for _ in range(m.awareness_hops - 1):
            known = ((known + known @ hop) > 0).astype(np.int32)
        known.setdiag(0)
        known.eliminate_zeros()
        known = known.tocsr()
        known.sort_indices()
        self.indptr, self.known = known.indptr, known.indices
        rows = np.repeat(np.arange(n), np.diff(self.indptr))
        km = 1.3 * np.hypot(*(self.xy[rows] - self.xy[self.known]).T)
        self.weight = attract[self.known] / (km + m.distance_offset_km)
        self.hours = np.maximum(1, np.ceil(24 * km / m.walk_km_per_day)).astype(np.int64)
        self.residents = np.zeros((n, 5), dtype=np.int64)
        groups = ("women", "men", "girls", "boys", "older")
        for p in scenario.population:
            self.residents[index[p.location]] += [getattr(p, g) for g in groups]


def run_floor(places: int, civilians: int, turns: int) -> None:
    rule = Rule(_scenario(places, civilians))
    floor = SparseFloor(rule, np.random.default_rng(SEED))
    total = floor.total()
    for turn in range(1, turns + 1):
        began = time.perf_counter()
        for _ in range(SUBSTEPS):
            floor.step()
        took = time.perf_counter() - began
        if floor.total() != total:
            raise AssertionError(f"the floor lost people: {floor.total()} of {total}")
        _say(turn=turn, turn_s=took, moved=floor.moved, peak_mb=_peak_mb())


class SparseFloor:
    """The rule over the non-zero cells only; people on the road as flat arrays."""

    def __init__(self, rule: Rule, rng: np.random.Generator):
        self.rule, self.rng, self.now, self.moved = rule, rng, 0, 0
        place, group = np.nonzero(rule.residents)
        # Cells sorted by key = (home × places + place) × 5 + group.
        self.key = (place * rule.n + place) * 5 + group
        self.count = rule.residents[place, group]
        order = np.argsort(self.key)
        self.key, self.count = self.key[order], self.count[order]
        empty = np.zeros(0, dtype=np.int64)
        self.road_key, self.road_count, self.road_arrive = empty, empty, empty

    def total(self) -> int:
        return int(self.count.sum() + self.road_count.sum())

    def step(self) -> None:
        r, n = self.rule, self.rule.n
        self.now += 1
        self._arrive()
        place = (self.key // 5) % n
        chance = r.p_hour[place]
        may = np.flatnonzero((chance > 0) & (self.count > 0))
        movers = self.rng.binomial(self.count[may], chance[may])
        go = may[movers > 0]
        movers = movers[movers > 0]
        if not len(go):
            return
        start, stop = r.indptr[place[go]], r.indptr[place[go] + 1]
        width = int((stop - start).max())
        if width == 0:
            return
        # Each mover cell's destination weights, padded to one width.
        column = start[:, None] + np.arange(width)[None, :]
        inside = column < stop[:, None]
        column = np.where(inside, column, 0)
        w = np.where(inside, r.weight[column], 0.0)
        has = w.sum(axis=1) > 0
        go, movers, column, w = go[has], movers[has], column[has], w[has]
        self.count[go] -= movers
        self.moved += int(movers.sum())
        split = self.rng.multinomial(movers, w / w.sum(axis=1, keepdims=True))
        cell, slot = np.nonzero(split)
        home, group = self.key[go[cell]] // 5 // n, self.key[go[cell]] % 5
        dest = r.known[column[cell, slot]]
        self.road_key = np.r_[self.road_key, (home * n + dest) * 5 + group]
        self.road_count = np.r_[self.road_count, split[cell, slot]]
        self.road_arrive = np.r_[self.road_arrive, self.now + r.hours[column[cell, slot]]]

    def _arrive(self) -> None:
        here = self.road_arrive <= self.now
        if not here.any():
            return
        keys, counts = self.road_key[here], self.road_count[here]
        keep = ~here
        self.road_key, self.road_count = self.road_key[keep], self.road_count[keep]
        self.road_arrive = self.road_arrive[keep]
        at = np.searchsorted(self.key, keys)
        found = (at < len(self.key)) & (self.key[np.minimum(at, len(self.key) - 1)] == keys)
        np.add.at(self.count, at[found], counts[found])
        if not found.all():
            new, inverse = np.unique(keys[~found], return_inverse=True)
            key = np.r_[self.key, new]
            count = np.r_[self.count, np.bincount(inverse, weights=counts[~found]).astype(np.int64)]
            order = np.argsort(key, kind="stable")
            self.key, self.count = key[order], count[order]


class Person(mesa.Agent):
    """One civilian: where they live, where they are, where they are going."""

    def __init__(self, model: Movement, home: int, group: int):
        super().__init__(model)
        self.home, self.place, self.group = home, home, group
        self.dest, self.arrive = -1, 0

    def step(self) -> None:
        m = self.model
        if self.dest >= 0:
            if m.now >= self.arrive:
                self.place, self.dest = self.dest, -1
            return
        if self.random.random() < m.rule.p_hour[self.place]:
            choice = m.choose(self.place)
            if choice is not None:
                self.dest, self.arrive = m.rule.known[choice], m.now + m.rule.hours[choice]


class Movement(mesa.Model):
    """The rule as idiomatic Mesa: every civilian an agent, shuffled each hour."""

    def __init__(self, rule: Rule, seed: int):
        super().__init__(rng=seed)
        self.rule, self.now = rule, 0
        self.cum: dict[int, tuple[list[int], list[float]]] = {}
        for place, group in zip(*np.nonzero(rule.residents), strict=True):
            for _ in range(int(rule.residents[place, group])):
                Person(self, int(place), int(group))

    def choose(self, place: int) -> int | None:
        """A destination's index in the rule's arrays, drawn by weight."""
        if place not in self.cum:
            lo, hi = int(self.rule.indptr[place]), int(self.rule.indptr[place + 1])
            self.cum[place] = (list(range(lo, hi)), np.cumsum(self.rule.weight[lo:hi]).tolist())
        options, cum = self.cum[place]
        if not options or cum[-1] <= 0:
            return None
        return self.random.choices(options, cum_weights=cum)[0]

    def step(self) -> None:
        self.now += 1
        self.agents.shuffle_do("step")


def run_mesa(places: int, civilians: int, turns: int) -> None:
    rule = Rule(_scenario(places, civilians))
    began = time.perf_counter()
    model = Movement(rule, SEED)
    _say(startup_s=time.perf_counter() - began)
    for turn in range(1, turns + 1):
        began = time.perf_counter()
        for _ in range(SUBSTEPS):
            model.step()
        _say(turn=turn, turn_s=time.perf_counter() - began, peak_mb=_peak_mb())


# --- the parent: cases in subprocesses, budgets, the table --------------------------------

def run_case(kind: str, places: int, civilians: int, turns: int, seconds: float,
             gb: float) -> dict:
    """Run one case in a subprocess under the budgets; its figures, or why it stopped."""
    import psutil

    command = [sys.executable, __file__, "--case", kind, str(places), str(civilians),
               "--turns", str(turns)]
    began = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    watched, over = psutil.Process(child.pid), None
    rss = 0.0
    while child.poll() is None:
        try:
            rss = max(rss, watched.memory_info().rss / 2**30)
        except psutil.NoSuchProcess:
            break
        if rss > gb:
            over = f"over budget ({gb:g} GB)"
        elif time.perf_counter() - began > seconds:
            over = f"over budget ({seconds:g} s)"
        if over:
            child.kill()
            break
        time.sleep(0.1)
    out, err = child.communicate()
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    result = {"kind": kind, "places": places, "civilians": civilians}
    for line in lines:
        result.update({k: v for k, v in line.items() if k != "turn"})
    done = [line for line in lines if "turn" in line]
    result["turns"] = len(done)
    if done:
        result["turn_s"] = sum(d["turn_s"] for d in done) / len(done)
        if kind == "engine":
            result["move_s"] = sum(d["move_s"] for d in done) / len(done)
    if over is None and child.returncode != 0:
        last = err.strip().splitlines()[-1:] or ["no message"]
        over = "over budget (memory)" if "MemoryError" in err else f"failed: {last[0][:60]}"
    if over:
        result["over"] = over
        result["peak_mb"] = max(result.get("peak_mb", 0.0), rss * 1024)
    return result


def slope(xs: list[float], ys: list[float]) -> float | None:
    """Least-squares slope of log(y) over log(x); None with fewer than two points."""
    if len(xs) < 2:
        return None
    return float(np.polyfit(np.log(xs), np.log(ys), 1)[0])


def _exponent(by: dict, key: str, turns: int, line: list[tuple[int, tuple]], over: str,
              at: str) -> str:
    """``over^slope at ...`` for one line of cases (x, case), from those that finished."""
    done = [(x, by[case][key]) for x, case in line if case in by
            and by[case].get("turns") == turns and key in by[case]]
    s = slope([x for x, _ in done], [y for _, y in done])
    return f"{over}^{s:.2f} {at}" if s is not None else f"{over}^? {at}"


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.3g}"


def table(results: list[dict], places: list[int], civilians: list[int], turns: int) -> str:
    """The one table: a line per size pair, then the growth exponents."""
    by = {(r["kind"], r["places"], r["civilians"]): r for r in results}

    def cell(kind: str, p: int, c: int, key: str) -> str:
        r = by.get((kind, p, c))
        if r is None:
            return "-"
        if key in r and (r["turns"] == turns or key in ("startup_s", "peak_mb")):
            return f"{r[key]:.0f}" if key == "peak_mb" else _seconds(r[key])
        if key in r:  # stopped after some turns: what they took, and how many
            return f"{_seconds(r[key])} ({r['turns']}/{turns} turns)"
        return r.get("over", "-") if key in ("turn_s", "move_s") else "-"

    def ratio(a: dict | None, b: dict | None, key_a: str, key_b: str) -> str:
        """a's figure over b's, when both finished their turns (else n/a: one is over)."""
        if not a or not b or a.get("turns") != turns or b.get("turns") != turns \
                or not b.get(key_b):
            return "n/a"
        return f"{a[key_a] / b[key_b]:.1f}×"

    head = ["places", "civilians", "start-up s", "s / turn", "move s / turn", "peak MB",
            "Mesa s / turn", "Mesa ÷ move", "Mesa peak MB", "floor s / turn", "move ÷ floor",
            "floor peak MB"]
    rows = []
    for p in places:
        for c in civilians:
            e, m, f = (by.get((k, p, c)) for k in KINDS)
            rows.append([f"{p:,}", f"{c:,}", cell("engine", p, c, "startup_s"),
                         cell("engine", p, c, "turn_s"), cell("engine", p, c, "move_s"),
                         cell("engine", p, c, "peak_mb"), cell("mesa", p, c, "turn_s"),
                         ratio(m, e, "turn_s", "move_s"), cell("mesa", p, c, "peak_mb"),
                         cell("floor", p, c, "turn_s"), ratio(e, f, "move_s", "turn_s"),
                         cell("floor", p, c, "peak_mb")])
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=True)]
    lines = [" | ".join(h.rjust(w) for h, w in zip(head, widths, strict=True)),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(x.rjust(w) for x, w in zip(row, widths, strict=True)) for row in rows]
    lines.append("")
    lines.append(f"growth exponents of time per turn ({turns} turns of {SUBSTEPS} hourly "
                 "sub-steps; log-log least squares over the cases that finished):")
    for kind, key in (("engine", "turn_s"), ("engine", "move_s"), ("mesa", "turn_s"),
                      ("floor", "turn_s")):
        label = "engine movement" if key == "move_s" else kind
        parts = [_exponent(by, key, turns, [(p, (kind, p, c)) for p in places], "places",
                           f"at {c:,} civilians") for c in civilians]
        parts += [_exponent(by, key, turns, [(c, (kind, p, c)) for c in civilians], "civilians",
                            f"at {p:,} places") for p in places]
        lines.append(f"  {label}: " + "; ".join(parts))
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--places", default="1000,10000,100000",
                   help="places, comma-separated (default 1000,10000,100000)")
    p.add_argument("--civilians", default="100000,1000000,10000000",
                   help="civilians, comma-separated (default 100000,1000000,10000000)")
    p.add_argument("--kinds", default=",".join(KINDS), help="engine, mesa, floor (default all)")
    p.add_argument("--turns", type=int, default=2, help="turns timed in each case (default 2)")
    p.add_argument("--budget-seconds", type=float, default=180,
                   help="a case running longer is stopped: over budget (default 180)")
    p.add_argument("--budget-gb", type=float, default=6,
                   help="a case whose resident memory passes this is stopped (default 6)")
    p.add_argument("--quick", action="store_true",
                   help="tiny sizes (60 and 120 places, 2,000 and 4,000 civilians), one turn")
    p.add_argument("--case", nargs=3, metavar=("KIND", "PLACES", "CIVILIANS"),
                   help=argparse.SUPPRESS)  # a subprocess running one case
    args = p.parse_args()
    if args.case:
        kind, places, civilians = args.case[0], int(args.case[1]), int(args.case[2])
        {"engine": run_engine, "mesa": run_mesa, "floor": run_floor}[kind](
            places, civilians, args.turns)
        return
    if args.quick:
        args.places, args.civilians, args.turns = "60,120", "2000,4000", 1
    places = sorted(int(x) for x in args.places.split(","))
    civilians = sorted(int(x) for x in args.civilians.split(","))
    kinds = [k for k in args.kinds.split(",") if k]
    results, over = [], {k: [] for k in kinds}
    for pl in places:
        for c in civilians:
            for kind in kinds:
                smaller = next((r for r in over[kind] if r["places"] <= pl
                                and r["civilians"] <= c), None)
                if smaller:  # a smaller case of this kind already went over budget
                    r = {"kind": kind, "places": pl, "civilians": c, "turns": 0,
                         "over": smaller["over"]}
                else:
                    r = run_case(kind, pl, c, args.turns, args.budget_seconds, args.budget_gb)
                    if "over" in r:
                        over[kind].append(r)
                results.append(r)
                print(f"{kind} {pl:,} places {c:,} civilians: "
                      + (r.get("over") or f"{r['turn_s']:.3g} s per turn"),
                      file=sys.stderr, flush=True)
    print(table(results, places, civilians, args.turns))


if __name__ == "__main__":
    main()
