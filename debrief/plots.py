"""Debrief figures as PNG bytes (matplotlib, no display needed).

Colours come from the Okabe-Ito palette, which stays distinct for colour-blind readers,
and every series also differs by marker or hatch so the figures read in black and white.
"""

from __future__ import annotations

import io
import math
import textwrap

import matplotlib

matplotlib.use("Agg")  # files only: no screen on a classroom laptop's server
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import patheffects  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from simulator.scenario import text  # noqa: E402

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
             "#000000")
HATCHES = ("", "//", "..", "xx", "\\\\", "++")
GRADE_COLOUR = {"P": "#009E73", "S": "#56B4E9", "M": "#E69F00", "U": "#D55E00"}
GROUPS = ("women", "men", "girls", "boys", "older")


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def timeline(rows: list[dict], markers: list[dict], decisions: list[dict],
             labels: dict) -> bytes:
    """Displaced people, deaths and incidents by turn, the orders each team had accepted,
    and a dotted line at each inject, numbered; the numbers are listed under the plot
    (inject ids are too long to print side by side)."""
    turns = sorted({r["turn"] for r in rows})
    series = {
        labels["displaced"]: [sum(r["displaced"] for r in rows if r["turn"] == t) for t in turns],
        labels["deaths"]: [sum(r[f"deaths_{g}"] for g in GROUPS for r in rows if r["turn"] == t)
                           for t in turns],
        labels["incidents"]: [sum(r["incidents"] for r in rows if r["turn"] == t) for t in turns],
    }
    fig, axes = plt.subplots(len(series) + 1, 1, figsize=(7.5, 7.5), sharex=True)
    for ax, (name, values), colour, marker in zip(axes, series.items(), OKABE_ITO,
                                                  ("o", "s", "^"), strict=False):
        ax.plot(turns, values, color=colour, marker=marker)
        ax.set_ylabel(name)
    bottom = [0] * len(turns)
    for k, team in enumerate(sorted({d["team"] for d in decisions})):
        counts = [sum(1 for d in decisions if d["team"] == team and d["turn"] == t)
                  for t in turns]
        axes[-1].bar(turns, counts, bottom=bottom, color=OKABE_ITO[k % len(OKABE_ITO)],
                     hatch=HATCHES[k % len(HATCHES)], edgecolor="black", linewidth=0.5,
                     label=team)
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    axes[-1].set_ylabel(labels["fig_orders"])
    if decisions:  # head room for the legend above the tallest bar
        axes[-1].set_ylim(0, max(bottom) * 1.4 + 1)
        axes[-1].legend(fontsize=7, ncol=4, loc="upper left", frameon=False)
    by_turn: dict[int, list[int]] = {}
    for n, m in enumerate(markers, 1):
        by_turn.setdefault(m["turn"], []).append(n)
    for ax in axes:
        ax.grid(alpha=0.3)
        # Values are at the end of each turn; an inject fired during turn t sits at t − ½.
        for turn in by_turn:
            ax.axvline(turn - 0.5, color="#666666", linestyle=":", linewidth=0.8)
    for turn, numbers in by_turn.items():
        axes[0].annotate(",".join(map(str, numbers)), (turn - 0.5, 1.02),
                         xycoords=("data", "axes fraction"), fontsize=7, va="bottom",
                         ha="center")
    axes[-1].set_xlabel(labels["turn"])
    # A no-break space keeps each number with its inject when the list wraps.
    key = "   ".join(f"{n}\u00a0{m['item']}" for n, m in enumerate(markers, 1))
    fig.text(0.02, 0.03, textwrap.fill(key, 120), fontsize=7, va="top", ha="left")
    return _png(fig)


def ratings(tasks: list[dict], labels: dict) -> bytes:
    """One bar per critical task, its length and colour by final rating (P best)."""
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(tasks) + 1))
    score = {"P": 4, "S": 3, "M": 2, "U": 1, None: 0}
    names = [t["id"] for t in tasks]
    for i, t in enumerate(tasks):
        ax.barh(i, score[t["final"]], color=GRADE_COLOUR.get(t["final"], "#CCCCCC"),
                hatch=HATCHES[score[t["final"]] % len(HATCHES)], edgecolor="black")
        ax.text(score[t["final"]] + 0.05, i, t["final"] or "–", va="center")
    ax.set_yticks(range(len(names)), names)
    ax.set_xticks([1, 2, 3, 4], ["U", "M", "S", "P"])
    ax.set_xlim(0, 4.6)
    ax.invert_yaxis()
    ax.set_xlabel(labels["rating"])
    return _png(fig)


def counterfactual(comparison: dict, labels: dict) -> bytes:
    """This run against no action and doctrine, per outcome (normalised to no action)."""
    keys = list(comparison)
    fig, ax = plt.subplots(figsize=(7.5, 0.5 * len(keys) + 1.5))
    kinds = (("passive", labels["passive"]), ("actual", labels["actual"]),
             ("doctrine", labels["doctrine"]))
    height = 0.25
    for j, (kind, name) in enumerate(kinds):
        values = []
        for k in keys:
            base = max(abs(comparison[k]["passive"]), abs(comparison[k]["actual"]),
                       abs(comparison[k]["doctrine"]), 1e-9)
            values.append(comparison[k][kind] / base)
        ax.barh([i + (j - 1) * height for i in range(len(keys))], values, height,
                color=OKABE_ITO[j], hatch=HATCHES[j], edgecolor="black", label=name)
    ax.set_yticks(range(len(keys)), [labels.get(k, k) for k in keys])
    ax.invert_yaxis()
    ax.set_xlabel(labels["relative"])
    ax.legend(loc="lower right", fontsize=8)
    return _png(fig)


def by_group(rows: list[dict], labels: dict) -> bytes:
    """Deaths and injuries over the exercise by sex and age group."""
    deaths = [sum(r[f"deaths_{g}"] for r in rows) for g in GROUPS]
    injuries = [sum(r[f"injuries_{g}"] for r in rows) for g in GROUPS]
    fig, ax = plt.subplots(figsize=(7.5, 3))
    x = range(len(GROUPS))
    ax.bar([i - 0.2 for i in x], deaths, 0.4, color=OKABE_ITO[5], edgecolor="black",
           label=labels["deaths"])
    ax.bar([i + 0.2 for i in x], injuries, 0.4, color=OKABE_ITO[1], hatch="//",
           edgecolor="black", label=labels["injuries"])
    ax.set_xticks(list(x), [labels[g] for g in GROUPS])
    ax.legend(fontsize=8)
    return _png(fig)


# --- the map: people, displacement flows and incidents on the scenario graph ----------

MAP_FLOWS_SHOWN = 12  # largest flows drawn per panel, so a panel stays readable
MAP_MAX_AREA = 900.0  # disc area (points²) of the most populated place in any panel
MAP_MIN_AREA = 6.0  # a place with any displaced people shows at least a dot
MAP_MAX_WIDTH = 5.0  # arrow width (points) of the largest flow shown in any panel
MAP_PANEL_WIDTH = 3.7  # inches: two panels side by side fill an A4 text width
MAP_FONT = 6  # points, place names
POPULATION_COLOUR, DISPLACED_COLOUR = OKABE_ITO[1], OKABE_ITO[0]
FLOW_COLOUR, INCIDENT_COLOUR, DETERRED_COLOUR = OKABE_ITO[7], OKABE_ITO[5], OKABE_ITO[6]
HALO = [patheffects.withStroke(linewidth=2, foreground="white")]  # names stay legible on discs


def map_turns_default(n_turns: int) -> list[int]:
    """The turns the report maps: first, middle and last (fewer when there are fewer)."""
    if n_turns < 1:
        return []
    return sorted({1, (1 + n_turns) // 2, n_turns})


def _short_name(value, lang: str) -> str:
    """A place name for a map label: the name without its parenthesis, wrapped."""
    return textwrap.fill(text(value, lang).split(" (")[0], 14)


def _round_down(x: float) -> int:
    """The largest 1, 2 or 5 × 10ⁿ not above ``x`` (at least 1): a legend's reference size."""
    if x < 1:
        return 1
    power = 10 ** math.floor(math.log10(x))
    return next(k * power for k in (5, 2, 1) if k * power <= x)


LABEL_DIRECTIONS = ((1, 1), (-1, 1), (1, -1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1))
LABEL_GAPS = (2.0, 9.0)  # points between a disc and its name: close, or further when crowded


def _place_labels(pts: dict[str, tuple[float, float]], radii: dict[str, float],
                  names: dict[str, str], size: tuple[float, float],
                  fontsize: float) -> dict[str, tuple[int, int, float]]:
    """Where each place's name goes: ``(dx, dy, offset in points)``, most populated first.

    Positions and radii are in points within a box ``size``. Each name goes beside its
    disc where its box stays clearest of the names already placed (worst), of the other
    discs (a name on a disc stays legible on its halo) and of the box's edges.
    """
    def box(pid, d, off):
        lines = names[pid].split("\n")
        w, h = 0.6 * fontsize * max(map(len, lines)), 1.1 * fontsize * len(lines)
        norm = math.hypot(*d)
        cx = pts[pid][0] + d[0] / norm * off + d[0] * w / 2
        cy = pts[pid][1] + d[1] / norm * off + d[1] * h / 2
        return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2

    def gap(b, x, y):  # distance from the point (x, y) to the box b
        return math.hypot(max(b[0] - x, 0, x - b[2]), max(b[1] - y, 0, y - b[3]))

    placed, out = [], {}
    for pid in sorted(pts, key=lambda k: (-radii[k], k)):
        def score(choice, pid=pid):
            d, extra = choice
            b = box(pid, d, radii[pid] + extra)
            clear = max(-8.0, min([gap(b, *pts[q]) - radii[q] for q in pts if q != pid] + [99.0]))
            for o in placed:
                over_x, over_y = min(b[2], o[2]) - max(b[0], o[0]), min(b[3], o[3]) - max(b[1], o[1])
                if over_x > 0 and over_y > 0:
                    clear = min(clear, -8.0 - min(over_x, over_y))
            outside = max(0, -b[0], -b[1], b[2] - size[0], b[3] - size[1])
            return min(clear, 12.0) - 3 * outside - (extra > LABEL_GAPS[0]) * 2
        # The first of equal choices wins: close, up and to the right.
        d, extra = max(((d, g) for g in LABEL_GAPS for d in LABEL_DIRECTIONS), key=score)
        out[pid] = (*d, radii[pid] + extra)
        placed.append(box(pid, d, radii[pid] + extra))
    return out


def map_turns(scenario, rows: list[dict], flows: list[dict], events: list[dict],
              turns: list[int], labels: dict, lang: str = "en") -> bytes:
    """Small multiples of the scenario map, one panel per turn in ``turns``.

    Places sit at their ``coords`` (x longitude, y latitude); routes are thin grey lines.
    Each place is a disc whose area is its population at the end of the turn (time-series
    ``population``), with a hatched inner disc, on the same scale, for the displaced people
    among them (at least a dot when there are any). Arrows join the places people set off
    between during the turn (``flows``: moves, returns home, evacuations), their width in
    proportion to the people; the ``MAP_FLOWS_SHOWN`` largest are drawn.

    Incidents come from the time-series ``incidents`` column, not from the events: it is
    already per place and turn and is the count the outcomes and the timeline figure use
    (attacks and abuses by host forces). Each shows as a cross, with the number when more
    than one. From ``events``, attacks deterred at a place in the turn
    (``attack_deterred``) add an open diamond, so protection that worked shows as well.

    All panels share their scales so they compare. Fixed text comes from ``labels``:
    ``map_turn`` (with ``{turn}``), ``map_route``, ``map_population``, ``map_displaced``,
    ``map_flow``, ``map_incident``, ``map_deterred`` and ``map_people`` (with ``{n}``);
    place names come from the scenario, in ``lang``, without their parenthesis.
    """
    places = scenario.map.locations
    xy = {p.id: (p.coords[1], p.coords[0]) for p in places}
    at = {(r["turn"], r["location"]): r for r in rows}
    shown = {t: sorted((f for f in flows if f["turn"] == t and f["from"] != f["to"]),
                       key=lambda f: (-f["people"], f["from"], f["to"]))[:MAP_FLOWS_SHOWN]
             for t in turns}
    deterred = {(e["turn"], e["location"]) for e in events
                if e["type"] == "attack_deterred" and e.get("location")}
    peak = max([r["population"] for r in rows if r["turn"] in turns] + [1])
    top_flow = max([f["people"] for fs in shown.values() for f in fs] + [1])

    def area(people: float) -> float:
        return MAP_MAX_AREA * people / peak

    def radius(people: float) -> float:  # points
        return math.sqrt(area(people)) / 2

    def width(people: float) -> float:
        return 0.6 + (MAP_MAX_WIDTH - 0.6) * people / top_flow

    xs, ys = [x for x, _ in xy.values()], [y for _, y in xy.values()]
    pad_x = max(0.08, 0.12 * (max(xs) - min(xs)))
    pad_y = max(0.08, 0.12 * (max(ys) - min(ys)))
    aspect = 1 / max(0.2, math.cos(math.radians(sum(ys) / len(ys))))
    span_x, span_y = max(xs) - min(xs) + 2 * pad_x, (max(ys) - min(ys) + 2 * pad_y) * aspect
    # Height so the map (equal scale in km both ways) fills the panel: width less margins.
    panel_h = min(5.5, max(2.0, (MAP_PANEL_WIDTH - 0.4) * span_y / span_x)) + 0.45
    names = {p.id: _short_name(p.name, lang) for p in places}
    scale = (MAP_PANEL_WIDTH - 0.4) * 72 / span_x  # points per degree of longitude, about
    pts = {k: ((x - min(xs) + pad_x) * scale, (y - min(ys) + pad_y) * aspect * scale)
           for k, (x, y) in xy.items()}

    ncols = 1 if len(turns) <= 1 else 2
    nrows = max(1, -(-len(turns) // ncols))
    spare = nrows * ncols > len(turns)  # the legend takes the free cell, else goes below
    fig, axes = plt.subplots(nrows, ncols, squeeze=False,
                             figsize=(MAP_PANEL_WIDTH * ncols, panel_h * nrows + (0 if spare else 0.7)))
    cells = [ax for line in axes for ax in line]
    for ax, turn in zip(cells, turns, strict=False):
        for r in scenario.map.routes:
            (x0, y0), (x1, y1) = xy[r.from_], xy[r.to]
            ax.plot([x0, x1], [y0, y1], color="#999999", linewidth=0.7, zorder=1)
        population = {p.id: at.get((turn, p.id), {}).get("population", 0) for p in places}
        sides = _place_labels(pts, {k: radius(v) for k, v in population.items()}, names,
                              (span_x * scale, span_y * scale), MAP_FONT)
        for f in shown[turn]:
            ax.annotate("", xy=xy[f["to"]], xytext=xy[f["from"]], zorder=4,
                        arrowprops={"arrowstyle": "-|>", "color": FLOW_COLOUR,
                                    "linewidth": width(f["people"]),
                                    "mutation_scale": 5 + 1.2 * width(f["people"]),
                                    "shrinkA": radius(population[f["from"]]) + 1,
                                    "shrinkB": radius(population[f["to"]]) + 1,
                                    "connectionstyle": "arc3,rad=0.15"})
        for p in places:
            x, y = xy[p.id]
            row = at.get((turn, p.id), {})
            people, displaced = row.get("population", 0), row.get("displaced", 0)
            if people > 0:
                ax.scatter([x], [y], s=area(people), color=POPULATION_COLOUR, alpha=0.8,
                           edgecolors="black", linewidths=0.6, zorder=2)
            else:
                ax.scatter([x], [y], s=8, color="white", edgecolors="#666666", linewidths=0.6,
                           zorder=2)
            if displaced > 0:
                ax.scatter([x], [y], s=max(MAP_MIN_AREA, area(displaced)), color=DISPLACED_COLOUR,
                           hatch="/////", edgecolors="black", linewidths=0.6, zorder=3)
            if row.get("incidents", 0) > 0:
                ax.scatter([x], [y], s=80, marker="X", color=INCIDENT_COLOUR,
                           edgecolors="black", linewidths=0.7, zorder=6)
                if row["incidents"] > 1:
                    ax.annotate(str(row["incidents"]), (x, y), xytext=(6, -10),
                                textcoords="offset points", fontsize=7, fontweight="bold",
                                zorder=7)
            if (turn, p.id) in deterred:
                ax.scatter([x], [y], s=70, marker="D", facecolors="none",
                           edgecolors=DETERRED_COLOUR, linewidths=1.5, zorder=6)
            dx, dy, off = sides[p.id]
            off /= math.hypot(dx, dy)
            ax.annotate(names[p.id], (x, y), xytext=(dx * off, dy * off),
                        textcoords="offset points", fontsize=MAP_FONT, color="#222222",
                        zorder=5, linespacing=0.9, path_effects=HALO,
                        ha=("right", "center", "left")[dx + 1],
                        va=("top", "center", "bottom")[dy + 1])
        ax.set_title(labels["map_turn"].format(turn=turn), fontsize=9)
        ax.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
        ax.set_ylim(min(ys) - pad_y, max(ys) + pad_y)
        ax.set_aspect(aspect)
        ax.set_xticks([])
        ax.set_yticks([])
    for ax in cells[len(turns):]:
        ax.axis("off")
    ref_people, ref_flow = _round_down(peak / 2), _round_down(top_flow)
    people = labels["map_people"]
    handles = [
        Line2D([], [], color="#999999", linewidth=0.7, label=labels["map_route"]),
        Line2D([], [], linestyle="", marker="o", markersize=2 * radius(ref_people),
               markerfacecolor=POPULATION_COLOUR, markeredgecolor="black",
               label=f"{labels['map_population']}\n({people.format(n=ref_people)})"),
        Patch(facecolor=DISPLACED_COLOUR, hatch="/////", edgecolor="black",
              label=labels["map_displaced"]),
        Line2D([], [], color=FLOW_COLOUR, linewidth=width(ref_flow),
               label=f"{labels['map_flow']}\n({people.format(n=ref_flow)})"),
        Line2D([], [], linestyle="", marker="X", markersize=9, markerfacecolor=INCIDENT_COLOUR,
               markeredgecolor="black", label=labels["map_incident"]),
        Line2D([], [], linestyle="", marker="D", markersize=8, markerfacecolor="none",
               markeredgecolor=DETERRED_COLOUR, markeredgewidth=1.5, label=labels["map_deterred"]),
    ]
    if spare:
        cells[-1].legend(handles=handles, loc="center", fontsize=8, frameon=False,
                         labelspacing=1.6, borderpad=0, handlelength=2.5)
    else:
        fig.legend(handles=handles, loc="upper center", ncol=3, fontsize=7, frameon=False,
                   bbox_to_anchor=(0.5, 0.02), labelspacing=1.2)
    fig.tight_layout()
    return _png(fig)
