"""Debrief figures as PNG bytes (matplotlib, no display needed).

Colours come from the Okabe-Ito palette, which stays distinct for colour-blind readers,
and every series also differs by marker or hatch so the figures read in black and white.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # files only: no screen on a classroom laptop's server
import matplotlib.pyplot as plt  # noqa: E402

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


def timeline(rows: list[dict], markers: list[dict], labels: dict) -> bytes:
    """Displaced people, deaths per turn and incidents, with a marker at each inject."""
    turns = sorted({r["turn"] for r in rows})
    series = {
        labels["displaced"]: [sum(r["displaced"] for r in rows if r["turn"] == t) for t in turns],
        labels["deaths"]: [sum(r[f"deaths_{g}"] for g in GROUPS for r in rows if r["turn"] == t)
                           for t in turns],
        labels["incidents"]: [sum(r["incidents"] for r in rows if r["turn"] == t) for t in turns],
    }
    fig, axes = plt.subplots(len(series), 1, figsize=(7.5, 6), sharex=True)
    for ax, (name, values), colour, marker in zip(axes, series.items(), OKABE_ITO,
                                                  ("o", "s", "^"), strict=False):
        ax.plot(turns, values, color=colour, marker=marker)
        ax.set_ylabel(name)
        ax.grid(alpha=0.3)
        # Values are at the end of each turn; an inject fired during turn t sits at t − ½.
        for m in markers:
            ax.axvline(m["turn"] - 0.5, color="#666666", linestyle=":", linewidth=0.8)
    by_turn: dict[int, list[str]] = {}
    for m in markers:
        by_turn.setdefault(m["turn"], []).append(m["item"])
    for turn, items in by_turn.items():
        axes[0].annotate("\n".join(items), (turn - 0.5, 1.02), xycoords=("data", "axes fraction"),
                         fontsize=5.5, va="bottom", ha="center")
    axes[-1].set_xlabel(labels["turn"])
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
