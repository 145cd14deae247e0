"""Debrief figures as PNG bytes (matplotlib, no display needed).

Colours come from the Okabe-Ito palette, which stays distinct for colour-blind readers,
and every series also differs by marker or hatch so the figures read in black and white.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from xml.sax.saxutils import escape

import matplotlib
import numpy as np

matplotlib.use("Agg")  # files only: no screen on a classroom laptop's server
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import patheffects  # noqa: E402
from matplotlib import transforms as mtransforms  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from debrief.words import term  # noqa: E402
from simulator.i18n import count, tr  # noqa: E402
from simulator.language.scenario import text  # noqa: E402

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
             lang: str = "en") -> bytes:
    """Displaced people, deaths and incidents by turn, the orders each team had accepted,
    and a dotted line at each inject, numbered; the numbers are listed under the plot
    (inject ids are too long to print side by side)."""
    turns = sorted({r["turn"] for r in rows})
    series = {
        tr("displaced", lang): [sum(r["displaced"] for r in rows if r["turn"] == t)
                                for t in turns],
        tr("deaths", lang): [sum(r[f"deaths_{g}"] for g in GROUPS for r in rows if r["turn"] == t)
                             for t in turns],
        tr("violent incidents", lang): [sum(r["incidents"] for r in rows if r["turn"] == t)
                                        for t in turns],
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
    axes[-1].set_ylabel(tr("orders", lang))
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
    axes[-1].set_xlabel(tr("turn", lang))
    # A no-break space keeps each number with its inject when the list wraps.
    key = "   ".join(f"{n}\u00a0{m['item']}" for n, m in enumerate(markers, 1))
    fig.text(0.02, 0.03, textwrap.fill(key, 120), fontsize=7, va="top", ha="left")
    return _png(fig)


GRADES = ("U", "M", "S", "P")  # worst to best: the columns of the ratings chart
GRADE_MARKER = {"P": "o", "S": "s", "M": "D", "U": "X", None: "o"}
NOT_OBSERVED_COLOUR = "#999999"
TITLE_WIDTH, TITLE_LINES = 46, 2  # characters per line and lines of a task's title


def _title(value: str) -> str:
    """A task's title on at most two lines, shortened with an ellipsis past them."""
    lines = textwrap.wrap(value, TITLE_WIDTH)
    if len(lines) > TITLE_LINES:
        lines = lines[:TITLE_LINES]
        lines[-1] = textwrap.shorten(lines[-1] + " …", TITLE_WIDTH - 1, placeholder="") + "…"
    return "\n".join(lines)


def ratings(tasks: list[dict], lang: str = "en") -> bytes:
    """The critical tasks' ratings on their ordinal scale: one row per task (its title),
    one column per rating from U to P and one for "not observed"; a filled marker at the
    final rating and, when the draft differed, a hollow one at the draft with an arrow to
    the final. Position carries the rating; colour and shape repeat it for print."""
    columns = [tr("not observed", lang), *GRADES]
    x = {None: 0, **{g: i + 1 for i, g in enumerate(GRADES)}}
    fig, ax = plt.subplots(figsize=(7.5, 0.42 * len(tasks) + 1.3))
    for i in range(len(tasks)):  # a light band every other row to follow a row across
        if i % 2 == 0:
            ax.axhspan(i - 0.5, i + 0.5, color="#f2f2f2", zorder=0)
    ax.axvline(0.5, color="#666666", linewidth=0.8)  # "not observed" is off the scale
    for i, t in enumerate(tasks):
        final, draft = t.get("final"), t.get("draft")
        colour = GRADE_COLOUR.get(final, NOT_OBSERVED_COLOUR)
        if draft != final:
            ax.scatter([x[draft]], [i], s=70, marker=GRADE_MARKER[draft], facecolors="white",
                       edgecolors=GRADE_COLOUR.get(draft, NOT_OBSERVED_COLOUR), linewidths=1.4,
                       zorder=3, gid=f"draft-{t['id']}")
            ax.annotate("", xy=(x[final], i), xytext=(x[draft], i), zorder=2,
                        arrowprops={"arrowstyle": "->", "color": "#666666", "shrinkA": 6,
                                    "shrinkB": 7, "linewidth": 0.8})
        ax.scatter([x[final]], [i], s=90, marker=GRADE_MARKER[final], color=colour,
                   edgecolors="black", linewidths=0.7, zorder=4, gid=f"final-{t['id']}")
    ax.set_yticks(range(len(tasks)), [_title(t["title"]) for t in tasks], fontsize=7.5)
    ax.set_ylim(len(tasks) - 0.5, -0.5)
    ax.set_xticks(range(len(columns)), columns)
    ax.set_xlim(-0.6, len(GRADES) + 0.5)
    ax.tick_params(axis="x", top=True, labeltop=True, length=0)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#dddddd", zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    handles = [Line2D([], [], linestyle="", marker="o", markersize=8, color="#777777",
                      markeredgecolor="black", label=tr("final", lang)),
               Line2D([], [], linestyle="", marker="o", markersize=8, markerfacecolor="white",
                      markeredgecolor="#777777", markeredgewidth=1.4, label=tr("draft", lang))]
    below = ax.transAxes + mtransforms.ScaledTranslation(0, -0.3, fig.dpi_scale_trans)
    ax.legend(handles=handles, loc="upper center", ncol=2, fontsize=8, frameon=False,
              bbox_to_anchor=(0.5, 0), bbox_transform=below, borderaxespad=0)
    key = tr("P: performed without challenges; S: with some challenges; M: with major "
             "challenges; U: unable to be performed.", lang)
    ax.annotate(textwrap.fill(key, 110), (0.5, 0), xycoords="axes fraction",
                xytext=(0, -42), textcoords="offset points", fontsize=7.5, ha="center",
                va="top")
    return _png(fig)


COUNTERFACTUAL_MIN_SPAN = 10  # an axis spans at least this much: one abuse stays a small bar


def counterfactual(comparison: dict, lang: str = "en") -> bytes:
    """This run against no action and doctrine: one small panel per outcome with its own
    axis from zero (at least ``COUNTERFACTUAL_MIN_SPAN`` long, so small counts stay small)
    and each bar's number printed beside it, whole with thousands grouped; the legend above
    the panels."""
    keys = list(comparison)
    kinds = (("passive", tr("no action", lang)), ("actual", tr("this run", lang)),
             ("doctrine", tr("doctrine", lang)))
    ncols = 2
    nrows = max(1, -(-len(keys) // ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(7.5, 1.15 * nrows + 0.6), squeeze=False)
    cells = [ax for row in axes for ax in row]
    for ax, key in zip(cells, keys, strict=False):
        values = [comparison[key][kind] for kind, _ in kinds]
        top = max([COUNTERFACTUAL_MIN_SPAN] + [abs(v) for v in values])
        for j, ((kind, name), value) in enumerate(zip(kinds, values, strict=True)):
            ax.barh(j, value, 0.7, color=OKABE_ITO[j], hatch=HATCHES[j], edgecolor="black",
                    linewidth=0.6, label=name)
            ax.text(max(value, 0) + top * 0.02, j, count(value, lang), va="center",
                    fontsize=7.5, gid=f"value-{key}-{kind}")
        ax.set_xlim(min(0, min(values) * 1.05), top * 1.3)  # room for the numbers
        ax.set_ylim(2.6, -0.6)
        ax.set_yticks([])
        ax.set_title(term(key, lang), fontsize=8.5, loc="left")
        ax.tick_params(axis="x", labelsize=6.5)
        ax.xaxis.set_major_formatter(lambda v, _pos: count(v, lang))
        ax.xaxis.set_major_locator(MaxNLocator(4, integer=True))
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    for ax in cells[len(keys):]:
        ax.axis("off")
    handles = [Patch(facecolor=OKABE_ITO[j], hatch=HATCHES[j], edgecolor="black", label=name)
               for j, (_, name) in enumerate(kinds)]
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=8, frameon=False,
               bbox_to_anchor=(0.5, 1.0))
    fig.tight_layout(h_pad=1.2)
    return _png(fig)


def by_group(rows: list[dict], lang: str = "en") -> bytes:
    """Deaths and injuries over the exercise by sex and age group."""
    deaths = [sum(r[f"deaths_{g}"] for r in rows) for g in GROUPS]
    injuries = [sum(r[f"injuries_{g}"] for r in rows) for g in GROUPS]
    fig, ax = plt.subplots(figsize=(7.5, 3))
    x = range(len(GROUPS))
    ax.bar([i - 0.2 for i in x], deaths, 0.4, color=OKABE_ITO[5], edgecolor="black",
           label=tr("deaths", lang))
    ax.bar([i + 0.2 for i in x], injuries, 0.4, color=OKABE_ITO[1], hatch="//",
           edgecolor="black", label=tr("injuries", lang))
    ax.set_xticks(list(x), [term(g, lang) for g in GROUPS])
    ax.legend(fontsize=8)
    return _png(fig)


# --- the map: people, displacement flows and incidents on the scenario graph ----------

MAP_FLOWS_SHOWN = 12  # largest flows drawn per panel, so a panel stays readable
MAP_PANEL_WIDTH = 3.7  # inches: two panels side by side fill an A4 text width
MAP_MARGIN = 0.1  # inches around each panel
MAP_TITLE = 0.28  # inches above a panel for its title
MAP_FONT = 6  # points, place names
# Fixed scales, the same in every report and on every portal map, so two maps compare:
# a disc's area is in proportion to the people present, an arrow's width grows with the
# logarithm of the people setting off (10 to 10,000 people span 0.5 to 5 points).
MAP_AREA_PER_PERSON = 0.05  # points² of disc per person: 10,000 people, 25 points across
MAP_MIN_AREA = 6.0  # a place with anybody present (or displaced) shows at least a dot
MAP_DISC_REFERENCES = (1_000, 10_000)  # people, the discs the legend shows
MAP_FLOW_REFERENCES = (100, 1_000, 10_000)  # people, the arrows the legend shows
POPULATION_COLOUR, DISPLACED_COLOUR = OKABE_ITO[1], OKABE_ITO[0]
FLOW_COLOUR, INCIDENT_COLOUR, DETERRED_COLOUR = OKABE_ITO[7], OKABE_ITO[5], OKABE_ITO[6]
THREAT_COLOUR, UNIT_COLOUR, UNKNOWN_COLOUR = OKABE_ITO[3], OKABE_ITO[4], "#888888"
ROUTE_COLOUR = "#999999"
HALO = [patheffects.withStroke(linewidth=2, foreground="white")]  # names stay legible on discs
MARKER_AREA = {"empty": 8.0, "unknown": 18.0, "incident": 80.0, "deterred": 70.0,
               "threat": 45.0, "unit": 30.0}  # points²


def map_turns_default(n_turns: int) -> list[int]:
    """The turns the report maps: first, middle and last (fewer when there are fewer)."""
    if n_turns < 1:
        return []
    return sorted({1, (1 + n_turns) // 2, n_turns})


def disc_area(people: float | None) -> float:
    """A place's disc (points²) on the fixed scale: in proportion to the people present,
    at least a dot when there is anybody."""
    if not people or people <= 0:
        return 0.0
    return max(MAP_MIN_AREA, MAP_AREA_PER_PERSON * people)


def flow_width(people: float) -> float:
    """An arrow's line width (points) on the fixed scale: 0.5 for 10 people or fewer, then
    1.5 more for each tenfold (2 for 100, 3.5 for 1,000, 5 for 10,000)."""
    return 0.5 + 1.5 * math.log10(max(people, 10) / 10)


def _short_name(value, lang: str) -> str:
    """A place name for a map label: the name without its parenthesis, wrapped."""
    return textwrap.fill(text(value, lang).split(" (")[0], 14)


class _Frame:
    """Where a scenario's places sit in a panel of a given width: the data limits (x
    longitude, y latitude, equal distances both ways) and each place in points from the
    panel's lower left corner."""

    def __init__(self, scenario, lang: str, width: float = MAP_PANEL_WIDTH - 2 * MAP_MARGIN):
        places = scenario.map.locations
        self.xy = {p.id: (p.coords[1], p.coords[0]) for p in places}
        self.names = {p.id: _short_name(p.name, lang) for p in places}
        xs, ys = [x for x, _ in self.xy.values()], [y for _, y in self.xy.values()]
        pad_x = max(0.08, 0.12 * (max(xs) - min(xs)))
        pad_y = max(0.08, 0.12 * (max(ys) - min(ys)))
        self.aspect = 1 / max(0.2, math.cos(math.radians(sum(ys) / len(ys))))
        span_x, span_y = max(xs) - min(xs) + 2 * pad_x, (max(ys) - min(ys) + 2 * pad_y) * self.aspect
        self.width = width
        self.height = min(5.5, max(2.0, width * span_y / span_x))
        per_inch = max(span_x / self.width, span_y / self.height)  # degrees of longitude
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        half_x, half_y = per_inch * self.width / 2, per_inch * self.height / 2 / self.aspect
        self.xlim, self.ylim = (cx - half_x, cx + half_x), (cy - half_y, cy + half_y)
        scale = 72 / per_inch  # points per degree of longitude
        self.pts = {k: ((x - self.xlim[0]) * scale, (y - self.ylim[0]) * self.aspect * scale)
                    for k, (x, y) in self.xy.items()}
        self.size = (self.width * 72, self.height * 72)


def _picture(picture: dict) -> dict:
    """A picture with every part present: incidents counted per place, sets for lookups."""
    incidents = picture.get("incidents") or {}
    if not isinstance(incidents, dict):
        incidents = {p: sum(1 for q in incidents if q == p) for p in incidents}
    return {"places": picture.get("places") or {}, "flows": picture.get("flows") or [],
            "incidents": {p: n for p, n in incidents.items() if n},
            "deterred": set(picture.get("deterred") or ()),
            "threats": set(picture.get("threats") or ()),
            "closed": {frozenset(r) for r in picture.get("closed_routes") or ()},
            "units": {p: u for p, u in (picture.get("units") or {}).items() if u}}


def _points(ax, x: float, y: float):
    """A transform for coordinates in points from the data point (x, y)."""
    fig = ax.figure
    return (mtransforms.Affine2D().scale(1 / 72) + fig.dpi_scale_trans
            + mtransforms.ScaledTranslation(x, y, ax.transData))


def _draw_panel(ax, scenario, frame: _Frame, picture: dict, lang: str,
                halo: bool = True) -> None:
    """One map: routes (closed ones dashed), flows, each place's disc and markers, and the
    places' names placed clear of one another and of the discs (with a white halo, unless
    ``halo`` is False: an SVG gives its text the halo by style, staying text)."""
    pic = _picture(picture)
    ax.set_xlim(*frame.xlim)
    ax.set_ylim(*frame.ylim)
    ax.set_xticks([])
    ax.set_yticks([])
    xy = frame.xy
    for r in scenario.map.routes:
        (x0, y0), (x1, y1) = xy[r.from_], xy[r.to]
        closed = frozenset((r.from_, r.to)) in pic["closed"]
        ax.plot([x0, x1], [y0, y1], color=INCIDENT_COLOUR if closed else ROUTE_COLOUR,
                linewidth=1.4 if closed else 0.7, linestyle=(0, (3, 2)) if closed else "-",
                zorder=1, gid="route-closed" if closed else "route")
    places = pic["places"]

    def radius(pid):
        return math.sqrt(disc_area((places.get(pid) or {}).get("people"))) / 2

    for f in pic["flows"]:
        w = flow_width(f["people"])
        ax.annotate("", xy=xy[f["to"]], xytext=xy[f["from"]], zorder=4,
                    arrowprops={"arrowstyle": "-|>", "color": FLOW_COLOUR, "linewidth": w,
                                "mutation_scale": 5 + 1.2 * w,
                                "shrinkA": radius(f["from"]) + 1, "shrinkB": radius(f["to"]) + 1,
                                "connectionstyle": "arc3,rad=0.15"})
    circles: list[tuple] = []  # (place, x, y, r) in points: what names keep clear of
    boxes: list[tuple] = []  # (place, (x0, y0, x1, y1))
    for p in scenario.map.locations:
        x, y = xy[p.id]
        px, py = frame.pts[p.id]
        known = places.get(p.id)
        people = (known or {}).get("people")
        displaced = (known or {}).get("displaced")
        r = radius(p.id)
        if people:
            ax.scatter([x], [y], s=disc_area(people), color=POPULATION_COLOUR, alpha=0.8,
                       edgecolors="black", linewidths=0.6, zorder=2, gid=f"disc-{p.id}")
        elif known is None or people is None:
            ax.scatter([x], [y], s=MARKER_AREA["unknown"], facecolors="none",
                       edgecolors=UNKNOWN_COLOUR, linewidths=0.8, zorder=2, gid=f"unknown-{p.id}")
        else:
            ax.scatter([x], [y], s=MARKER_AREA["empty"], color="white", edgecolors="#444444",
                       linewidths=0.6, zorder=2, gid=f"empty-{p.id}")
        if displaced:
            # The same scale as the disc: the share of the disc that is displaced people.
            ax.scatter([x], [y], s=min(disc_area(displaced), disc_area(people) or MAP_MIN_AREA),
                       color=DISPLACED_COLOUR, hatch="/////", edgecolors="black",
                       linewidths=0.6, zorder=3, gid=f"displaced-{p.id}")
        dot = max(r, math.sqrt(MARKER_AREA["unknown"]) / 2)
        circles.append((p.id, px, py, dot + 0.8))
        n = pic["incidents"].get(p.id, 0)
        if n:
            ax.scatter([x], [y], s=MARKER_AREA["incident"], marker="X", color=INCIDENT_COLOUR,
                       edgecolors="black", linewidths=0.7, zorder=6, gid=f"incident-{p.id}")
            circles.append((p.id, px, py, math.sqrt(MARKER_AREA["incident"]) / 2 + 0.5))
            if n > 1:
                t = ax.annotate(str(n), (x, y), xytext=(5, -5), textcoords="offset points",
                                fontsize=7, fontweight="bold", zorder=7, ha="left", va="top",
                                path_effects=HALO, gid=f"count-{p.id}")
                w, h = _text_size(ax, t)
                boxes.append((p.id, (px + 5, py - 5 - h, px + 5 + w, py - 5)))
        if p.id in pic["deterred"]:
            ax.scatter([x], [y], s=MARKER_AREA["deterred"], marker="D", facecolors="none",
                       edgecolors=DETERRED_COLOUR, linewidths=1.5, zorder=6, gid=f"deterred-{p.id}")
            circles.append((p.id, px, py, math.sqrt(MARKER_AREA["deterred"]) / 2 + 1))
        # Threats and units sit on the disc's rim (upper right, upper left), off its centre
        # where the incident and deterrence markers are.
        for kind, (ux, uy), style in (
                ("threat", (0.72, 0.72), {"marker": "^", "color": THREAT_COLOUR}),
                ("unit", (-0.72, 0.72), {"marker": "s", "color": UNIT_COLOUR})):
            here = p.id in pic["threats"] if kind == "threat" else p.id in pic["units"]
            if not here:
                continue
            size = math.sqrt(MARKER_AREA[kind])
            d = dot + size / 2
            ax.scatter([ux * d], [uy * d], s=MARKER_AREA[kind], edgecolors="black",
                       linewidths=0.6, zorder=6, transform=_points(ax, x, y),
                       gid=f"{kind}-{p.id}", **style)
            circles.append((p.id, px + ux * d, py + uy * d, size / 2 + 1))
    segments = [(frame.pts[f["from"]], frame.pts[f["to"]]) for f in pic["flows"]]
    _draw_names(ax, frame, places, circles, boxes, segments, halo)


def _text_size(ax, t) -> tuple[float, float]:
    """A text's width and height in points as the renderer draws it."""
    fig = ax.figure
    box = t.get_window_extent(fig.canvas.get_renderer())
    return box.width * 72 / fig.dpi, box.height * 72 / fig.dpi


# Where a name may go around its place, in order of preference (degrees, counterclockwise
# from the right), and how far beyond the place's markers (points). Beyond LEADER_FROM a
# thin line joins the name to its place.
LABEL_ANGLES = (30, 0, 330, 150, 180, 210, 60, 300, 120, 240, 90, 270)
LABEL_GAPS = (1.5, 4.0, 8.0, 13.0, 19.0, 26.0, 34.0, 44.0)
LEADER_FROM = 8.0
LABEL_PAD = 1.0  # points around a name's box: its white halo


def _gap(b, x: float, y: float) -> float:
    """The distance from the point (x, y) to the box b = (x0, y0, x1, y1)."""
    return math.hypot(max(b[0] - x, 0, x - b[2]), max(b[1] - y, 0, y - b[3]))


def _overlap(a, b) -> float:
    """How far two boxes overlap (0 when they do not)."""
    dx, dy = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
    return min(dx, dy) if dx > 0 and dy > 0 else 0.0


def _crosses(b, p, q) -> bool:
    """Whether the segment from p to q passes through the box b (Liang-Barsky clipping)."""
    (x0, y0), (x1, y1) = p, q
    lo, hi = 0.0, 1.0
    for step, start, low, high in ((x1 - x0, x0, b[0], b[2]), (y1 - y0, y0, b[1], b[3])):
        if step == 0:
            if not low <= start <= high:
                return False
            continue
        t0, t1 = sorted(((low - start) / step, (high - start) / step))
        lo, hi = max(lo, t0), min(hi, t1)
    return lo <= hi


def _around(boxes: list, margin: float = 1.0) -> tuple:
    """The box holding all of ``boxes``, ``margin`` points wider on each side (so that no
    rounding at an edge can hide a clash from it)."""
    return (min(b[0] for b in boxes) - margin, min(b[1] for b in boxes) - margin,
            max(b[2] for b in boxes) + margin, max(b[3] for b in boxes) + margin)


def _crossings(boxes: list, segments: list) -> list[int]:
    """How many of ``segments`` pass through each of ``boxes``: ``_crosses`` for every pair
    at once, with the same arithmetic (so the same answers, to the last bit)."""
    if not segments:
        return [0] * len(boxes)
    b = np.asarray(boxes, dtype=float)[:, None, :]  # box × segment
    p, q = np.asarray(segments, dtype=float).transpose(1, 0, 2)  # the ends: segment × (x, y)
    shape = (len(boxes), len(segments))
    lo, hi, inside = np.zeros(shape), np.ones(shape), np.ones(shape, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for axis in (0, 1):
            start, step = p[:, axis], q[:, axis] - p[:, axis]
            low, high = b[..., axis], b[..., axis + 2]
            flat = step == 0  # parallel to this axis: inside its band or not at all
            inside &= ~flat | ((low <= start) & (start <= high))
            t_low, t_high = (low - start) / step, (high - start) / step
            t0, t1 = np.minimum(t_low, t_high), np.maximum(t_low, t_high)
            lo = np.where(flat, lo, np.maximum(lo, t0))
            hi = np.where(flat, hi, np.minimum(hi, t1))
    return [int(n) for n in (inside & (lo <= hi)).sum(axis=1)]


def _place_labels(pts: dict, circles: list, boxes: list, sizes: dict,
                  size: tuple[float, float], segments: list = ()) -> dict:
    """Where each place's name goes: ``(dx, dy, ha, va, gap)`` in points from the place.

    ``pts`` are the places in points within a panel of ``size``; ``circles`` are
    ``(place, x, y, r)`` that names keep clear of (discs and markers), ``boxes`` are
    ``(place, box)`` the same, and ``sizes`` the names' widths and heights. A name may cross
    a line of ``segments`` (the flows' arrows), at a cost: two steps further away.

    The places with the fewest clear positions choose first, each the clear position
    nearest its place in the order of preference; a place with none takes the one that
    overlaps least, then the others move again around it (a few rounds).
    """
    reach = {p: max([math.hypot(x - pts[p][0], y - pts[p][1]) + r
                     for q, x, y, r in circles if q == p] + [1.0]) for p in pts}

    def candidates(p):
        px, py = pts[p]
        w, h = sizes[p]
        for g, gap in enumerate(LABEL_GAPS):
            for a, angle in enumerate(LABEL_ANGLES):
                c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
                ha = "left" if c > 0.26 else "right" if c < -0.26 else "center"
                va = "bottom" if s > 0.26 else "top" if s < -0.26 else "center"
                dx, dy = (reach[p] + gap) * c, (reach[p] + gap) * s
                x0 = px + dx - {"left": 0, "center": w / 2, "right": w}[ha]
                y0 = py + dy - {"bottom": 0, "center": h / 2, "top": h}[va]
                box = (x0 - LABEL_PAD, y0 - LABEL_PAD, x0 + w + LABEL_PAD, y0 + h + LABEL_PAD)
                yield (g, a), box, (dx, dy, ha, va, gap)

    def fixed_clash(box, near_circles, near_boxes):  # discs, markers, boxes, the edges
        bad = sum(max(0.0, r - _gap(box, x, y)) for _, x, y, r in near_circles)
        bad += sum(_overlap(box, b) for _, b in near_boxes)
        return bad + max(0, -box[0]) + max(0, -box[1]) + max(0, box[2] - size[0]) \
            + max(0, box[3] - size[1])

    def place_options(p):
        found = list(candidates(p))
        # Only what comes near the place's candidates can clash with one: the others add
        # exact zeros to the sums (and never cross), so leaving them out changes nothing.
        area = _around([box for _, box, _ in found])
        near_circles = [c for c in circles if _gap(area, c[1], c[2]) < c[3]]
        near_boxes = [b for b in boxes if _overlap(area, b[1]) > 0]
        near_segments = [seg for seg in segments if _crosses(area, *seg)]
        crossed = _crossings([box for _, box, _ in found], near_segments)
        return area, [(box, where, fixed_clash(box, near_circles, near_boxes),
                       (g + 2 * n, a))
                      for ((g, a), box, where), n in zip(found, crossed, strict=True)]

    areas, options = {}, {}
    for p in pts:
        areas[p], options[p] = place_options(p)
    chosen: dict[str, tuple] = {}

    def clash(p, option, near):
        return option[2] + sum(_overlap(option[0], chosen[q][0]) for q in near)

    def near(p):  # the names chosen so far that may overlap one of p's candidates
        return [q for q in chosen if q != p and _overlap(areas[p], chosen[q][0]) > 0]

    def choose(p):
        others = near(p)
        return min(options[p], key=lambda o: (round(clash(p, o, others), 3), o[3]))

    order = sorted(pts, key=lambda p: (sum(1 for o in options[p] if o[2] == 0), p))
    for p in order:
        chosen[p] = choose(p)
    for _ in range(3):  # a name that could not go clear: the others move around it
        if not any(clash(p, chosen[p], near(p)) > 0 for p in order):
            break
        for p in order:
            chosen[p] = choose(p)
    return {p: chosen[p][1] for p in pts}


def _draw_names(ax, frame: _Frame, places: dict, circles: list, boxes: list,
                segments: list, halo: bool) -> None:
    """Each place's name, placed by ``_place_labels``, with a leader line when it stands off."""
    texts, sizes = {}, {}
    for pid, name in frame.names.items():
        unknown = (places.get(pid) or {}).get("people") is None
        texts[pid] = ax.annotate(name, frame.xy[pid], xytext=(0, 0), textcoords="offset points",
                                 fontsize=MAP_FONT, color="#555555" if unknown else "#222222",
                                 fontstyle="italic" if unknown else "normal", zorder=5,
                                 linespacing=0.9, path_effects=HALO if halo else None,
                                 gid=f"name-{pid}")
        sizes[pid] = _text_size(ax, texts[pid])
    spots = _place_labels(frame.pts, circles, boxes, sizes, frame.size, segments)
    for pid, (dx, dy, ha, va, gap) in spots.items():
        texts[pid].xyann = (dx, dy)
        texts[pid].set_ha(ha)
        texts[pid].set_va(va)
        if gap >= LEADER_FROM:
            norm = math.hypot(dx, dy)
            start = max(r for q, x, y, r in circles if q == pid
                        and (x, y) == frame.pts[pid]) - 0.5
            ax.add_line(Line2D([dx / norm * start, dx * (1 - 1.0 / norm)],
                               [dy / norm * start, dy * (1 - 1.0 / norm)],
                               transform=_points(ax, *frame.xy[pid]), color="#666666",
                               linewidth=0.5, zorder=4, gid=f"leader-{pid}"))


def _legend_handles(lang: str, kinds: set[str]) -> list:
    """The legend on the fixed scales: reference discs and arrows for set numbers of
    people, whatever the run, so that two maps compare. ``kinds`` adds the optional
    entries: ``flows``, ``deterred``, ``closed``, ``unknown``, ``threats``, ``units``."""
    def marker(kind, label, **style):
        return Line2D([], [], linestyle="", markersize=math.sqrt(MARKER_AREA[kind]),
                      markeredgecolor="black", label=label, **style)

    handles = [Line2D([], [], color=ROUTE_COLOUR, linewidth=0.7, label=tr("Route", lang))]
    if "closed" in kinds:
        handles.append(Line2D([], [], color=INCIDENT_COLOUR, linewidth=1.4,
                              linestyle=(0, (3, 2)), label=tr("Route closed", lang)))
    handles += [Line2D([], [], linestyle="", marker="o", markersize=math.sqrt(disc_area(n)),
                       markerfacecolor=POPULATION_COLOUR, markeredgecolor="black",
                       label=tr("{n} people present (disc area)", lang, n=count(n, lang)))
                for n in MAP_DISC_REFERENCES]
    handles += [Patch(facecolor=DISPLACED_COLOUR, hatch="/////", edgecolor="black",
                      label=tr("of whom displaced", lang)),
                marker("empty", tr("Nobody present", lang), marker="o", markerfacecolor="white",
                       markeredgewidth=0.6)]
    if "unknown" in kinds:
        handles.append(Line2D([], [], linestyle="", marker="o",
                              markersize=math.sqrt(MARKER_AREA["unknown"]),
                              markerfacecolor="none", markeredgecolor=UNKNOWN_COLOUR,
                              label=tr("Not known", lang)))
    if "flows" in kinds:
        handles += [Line2D([], [], color=FLOW_COLOUR, linewidth=flow_width(n),
                           label=tr("{n} people setting off (arrow width)", lang,
                                    n=count(n, lang)))
                    for n in MAP_FLOW_REFERENCES]
    handles.append(marker("incident", tr("Incident (attack or abuse)", lang), marker="X",
                          markerfacecolor=INCIDENT_COLOUR))
    if "deterred" in kinds:
        handles.append(Line2D([], [], linestyle="", marker="D",
                              markersize=math.sqrt(MARKER_AREA["deterred"]),
                              markerfacecolor="none", markeredgecolor=DETERRED_COLOUR,
                              markeredgewidth=1.5, label=tr("Attack deterred", lang)))
    if "threats" in kinds:
        handles.append(marker("threat", tr("Threat", lang), marker="^",
                              markerfacecolor=THREAT_COLOUR))
    if "units" in kinds:
        handles.append(marker("unit", tr("Mission units", lang), marker="s",
                              markerfacecolor=UNIT_COLOUR))
    return handles


def _panel_axes(fig, size: tuple[float, float], frame: _Frame, left: float, top: float):
    """An axes for one map, ``left`` and ``top`` in inches from the figure's top left."""
    w, h = size
    return fig.add_axes((left / w, (h - top - frame.height) / h, frame.width / w,
                         frame.height / h))


def map_turns(scenario, rows: list[dict], flows: list[dict], events: list[dict],
              turns: list[int], lang: str = "en") -> bytes:
    """Small multiples of the scenario map, one panel per turn in ``turns``.

    Places sit at their ``coords`` (x longitude, y latitude); routes are thin grey lines.
    Each place is a disc whose area is its population at the end of the turn (time-series
    ``population``), with a hatched inner disc, on the same scale, for the displaced people
    among them. Arrows join the places people set off between during the turn (``flows``:
    moves, returns home, evacuations), wider for more people; the ``MAP_FLOWS_SHOWN``
    largest are drawn. Discs and arrows are on fixed scales (``disc_area``,
    ``flow_width``), the same in every report, and the legend shows set references.

    Incidents come from the time-series ``incidents`` column, not from the events: it is
    already per place and turn and is the count the outcomes and the timeline figure use
    (attacks and abuses by host forces). Each shows as a cross, with the number when more
    than one. From ``events``, attacks deterred at a place in the turn
    (``attack_deterred``) add an open diamond, so protection that worked shows as well.

    Fixed text (titles, the legend) is in ``lang``; place names come from the scenario,
    in ``lang``, without their parenthesis, placed clear of one another.
    """
    frame = _Frame(scenario, lang)
    at = {(r["turn"], r["location"]): r for r in rows}
    deterred = {(e["turn"], e["location"]) for e in events
                if e["type"] == "attack_deterred" and e.get("location")}
    handles = _legend_handles(lang, {"flows", "deterred"})
    ncols = 1 if len(turns) <= 1 else 2
    nrows = max(1, -(-len(turns) // ncols))
    spare = nrows * ncols > len(turns)  # the legend takes the free cell, else goes below
    cell = (MAP_PANEL_WIDTH, frame.height + MAP_TITLE + 2 * MAP_MARGIN)
    size = (cell[0] * ncols, cell[1] * nrows + (0 if spare else 1.4))
    fig = plt.figure(figsize=size)
    for i, turn in enumerate(turns):
        r, c = divmod(i, ncols)
        ax = _panel_axes(fig, size, frame, c * cell[0] + MAP_MARGIN,
                         r * cell[1] + MAP_MARGIN + MAP_TITLE)
        shown = sorted((f for f in flows if f["turn"] == turn and f["from"] != f["to"]),
                       key=lambda f: (-f["people"], f["from"], f["to"]))[:MAP_FLOWS_SHOWN]
        picture = {
            "places": {p.id: {"people": at.get((turn, p.id), {}).get("population", 0),
                              "displaced": at.get((turn, p.id), {}).get("displaced", 0)}
                       for p in scenario.map.locations},
            "flows": shown,
            "incidents": {p.id: at.get((turn, p.id), {}).get("incidents", 0)
                          for p in scenario.map.locations},
            "deterred": {p for t, p in deterred if t == turn}}
        _draw_panel(ax, scenario, frame, picture, lang)
        ax.set_title(tr("Turn {turn}", lang, turn=turn), fontsize=9)
    if spare:
        r, c = divmod(len(turns), ncols)
        ax = _panel_axes(fig, size, frame, c * cell[0] + MAP_MARGIN,
                         r * cell[1] + MAP_MARGIN + MAP_TITLE)
        ax.axis("off")
        ax.legend(handles=handles, loc="upper left", fontsize=7, frameon=False,
                  labelspacing=1.5, borderpad=0, handlelength=3)
    else:
        fig.legend(handles=handles, loc="upper center", ncol=ncols + 1, fontsize=7,
                   frameon=False, bbox_to_anchor=(0.5, 1.4 / size[1]), labelspacing=1.5,
                   handlelength=3)
    return _png(fig)


def situation_map_svg(scenario, picture: dict, lang: str, title: str = "") -> str:
    """One map of the situation as a self-contained SVG string (text as text, nothing
    fetched), drawn like a report map's panel, with its legend in ``lang``.

    ``picture`` is ``{"places": {place: {"people": int | None, "displaced": int | None}},
    "threats": [place], "incidents": [place], "closed_routes": [[a, b]],
    "units": {place: [unit name]}}``; a place missing from ``places``, or whose people are
    None, is not known: a hollow grey dot, its name in grey italics. Threats show as a
    triangle and units as a square on the place's rim, with the units' names (and each
    place's numbers) as tooltips.
    """
    frame = _Frame(scenario, lang)
    handles = _legend_handles(lang, {"closed", "unknown", "threats", "units"})
    legend_h = 0.3 + 0.25 * -(-len(handles) // 2)
    head = MAP_TITLE if title else 0.0
    size = (MAP_PANEL_WIDTH, frame.height + 2 * MAP_MARGIN + head + legend_h)
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "ttx-map"}):
        fig = plt.figure(figsize=size)
        ax = _panel_axes(fig, size, frame, MAP_MARGIN, MAP_MARGIN + head)
        _draw_panel(ax, scenario, frame, picture, lang, halo=False)
        if title:
            ax.set_title(title, fontsize=9)
        fig.legend(handles=handles, loc="upper center", ncol=2, fontsize=6.5, frameon=False,
                   bbox_to_anchor=(0.5, legend_h / size[1]), labelspacing=1.3, handlelength=3)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
        plt.close(fig)
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)  # RDF with web links
    # The names' white halo as a style: a path effect would turn every letter into a path.
    svg = svg.replace('<text style="', '<text style="stroke: #ffffff; stroke-width: 2px; '
                      'stroke-linejoin: round; paint-order: stroke; fill: #222222; ')
    return _tooltips(svg, scenario, picture, lang)


def _tooltips(svg: str, scenario, picture: dict, lang: str) -> str:
    """Hover text on each place (its full name and numbers) and on its units (their names)."""
    tips = {}
    for p in scenario.map.locations:
        name = text(p.name, lang)
        known = (picture.get("places") or {}).get(p.id) or {}
        if known.get("people") is None:
            tip = tr("{name}: not known", lang, name=name)
        elif known.get("displaced") is None:
            tip = tr("{name}: {people} people present", lang, name=name,
                     people=count(known["people"], lang))
        else:
            tip = tr("{name}: {people} people present, {displaced} of them displaced", lang,
                     name=name, people=count(known["people"], lang),
                     displaced=count(known["displaced"], lang))
        for kind in ("disc", "unknown", "empty"):
            tips[f"{kind}-{p.id}"] = tip
        units = (picture.get("units") or {}).get(p.id)
        if units:
            tips[f"unit-{p.id}"] = name + tr(": ", lang) + ", ".join(units)
    return re.sub(r'(<g id="([^"]+)">)',
                  lambda m: m.group(1) + (f"\n  <title>{escape(tips[m.group(2)])}</title>"
                                          if m.group(2) in tips else ""), svg)
