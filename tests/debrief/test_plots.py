"""The report's figures: the timeline (indicators by turn, orders per team, numbered
injects), the ratings on their ordinal scale and the counterfactual comparison."""

from matplotlib.backends.backend_agg import FigureCanvasAgg

from debrief import plots
from tests.debrief.test_map import figure  # noqa: F401  (fixture)


def rows(turns=3):
    base = {f"deaths_{g}": 0 for g in plots.GROUPS}
    return [{**base, "turn": t, "location": loc, "displaced": 10 * t, "incidents": t % 2,
             "deaths_women": t} for t in range(1, turns + 1) for loc in ("a", "b")]


def test_timeline_shows_orders_per_team_and_numbers_the_injects(figure):  # noqa: F811
    injects = [{"turn": 1, "item": "i01-start"}, {"turn": 1, "item": "i02-warning"},
               {"turn": 3, "item": "i03-flood"}]
    decisions = [{"turn": 1, "team": "force"}, {"turn": 1, "team": "force"},
                 {"turn": 2, "team": "police"}]
    png = plots.timeline(rows(), injects, decisions, "en")
    assert png.startswith(b"\x89PNG")
    axes = figure["fig"].axes
    assert [ax.get_ylabel() for ax in axes] == ["displaced", "deaths", "violent incidents",
                                                "orders"]
    assert list(axes[0].lines[0].get_ydata()) == [20, 40, 60]  # both places summed
    assert list(axes[1].lines[0].get_ydata()) == [2, 4, 6]
    bars = {c.get_label(): [p.get_height() for p in c.patches] for c in axes[3].containers}
    assert bars == {"force": [2, 0, 0], "police": [0, 1, 0]}
    assert [t.get_text() for t in axes[0].texts] == ["1,2", "3"]
    assert [ln.get_xdata()[0] for ln in axes[2].lines[1:]] == [0.5, 2.5]
    (key,) = figure["fig"].texts
    assert key.get_text() == "1\u00a0i01-start   2\u00a0i02-warning   3\u00a0i03-flood"


# --- ratings: an ordinal chart, one row per task by its title ---------------------------

def task(i, final, draft=None, title=None):
    return {"id": f"ct_{i}", "title": title or f"Task number {i}", "final": final,
            "draft": final if draft is None else draft}


def marks(ax, kind):
    """(task id, column) of the final or draft markers."""
    return {c.get_gid().split("-", 1)[1]: c.get_offsets()[0][0] for c in ax.collections
            if (c.get_gid() or "").startswith(kind)}


def test_ratings_rows_are_task_titles_and_columns_the_ordinal_scale(figure):  # noqa: F811
    long = ("Use military assets only through approved last-resort requests, and use them "
            "as approved, every time, in every place, whatever the pressure to do otherwise")
    tasks = [task(1, "P"), task(2, "S", draft="M"), task(3, None), task(4, "U", title=long),
             task(5, "M", draft="P")]
    png = plots.ratings(tasks, "fr")
    assert png.startswith(b"\x89PNG")
    (ax,) = [a for a in figure["fig"].axes if a.get_yticklabels()]
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names[:3] == ["Task number 1", "Task number 2", "Task number 3"]
    assert not any(n.startswith("ct_") for n in names)
    assert names[3].count("\n") == 1 and names[3].endswith("…")  # two lines at most
    assert names[3].replace("\n", " ").startswith("Use military assets only through")
    columns = ["non observé", "U", "M", "S", "P"]
    assert [t.label1.get_text() for t in ax.xaxis.get_major_ticks()] == columns
    assert [t.label2.get_text() for t in ax.xaxis.get_major_ticks()] == columns  # on top too
    # the final rating sits in its column; a draft that differed, hollow, in its own
    assert marks(ax, "final-") == {"ct_1": 4, "ct_2": 3, "ct_3": 0, "ct_4": 1, "ct_5": 2}
    assert marks(ax, "draft-") == {"ct_2": 2, "ct_5": 4}
    assert ax.containers == []  # no bars: a rating is not a length
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["définitive", "provisoire"]


# --- counterfactual: the numbers, a scale per outcome, the legend off the bars ----------

COMPARISON = {"civilian_deaths": {"passive": 436, "actual": 90, "doctrine": 12},
              "abuse_incidents": {"passive": 0, "actual": 1, "doctrine": 0},
              "displaced_peak": {"passive": 19186, "actual": 3755, "doctrine": 3755},
              "unmet_need_person_days": {"passive": 85256.2, "actual": 29897.9,
                                         "doctrine": 0.4}}


def panels(fig):
    return [ax for ax in fig.axes if ax.get_title(loc="left")]


def test_counterfactual_prints_the_numbers_grouped_and_whole(figure):  # noqa: F811
    plots.counterfactual(COMPARISON, "en")
    axes = panels(figure["fig"])
    assert [ax.get_title(loc="left") for ax in axes] == [
        "civilian deaths", "abuses by host forces", "displaced (peak)",
        "unmet need (person-days)"]
    numbers = [[t.get_text() for t in ax.texts] for ax in axes]
    assert numbers == [["436", "90", "12"], ["0", "1", "0"], ["19,186", "3,755", "3,755"],
                       ["85,256", "29,898", "0"]]
    plots.counterfactual(COMPARISON, "fr")
    assert [t.get_text() for t in panels(figure["fig"])[2].texts] == [
        "19\u202f186", "3\u202f755", "3\u202f755"]


def test_counterfactual_scale_per_outcome_keeps_small_counts_small(figure):  # noqa: F811
    plots.counterfactual(COMPARISON, "en")
    deaths, abuses, displaced, _ = panels(figure["fig"])
    # each outcome on its own axis from zero, the largest bar most of it
    for ax, top in ((deaths, 436), (displaced, 19186)):
        low, high = ax.get_xlim()
        assert low == 0 and 0.7 < top / high < 0.9
    # one abuse is a tenth of an axis at most, not a full bar
    (one,) = [p for p in abuses.patches if p.get_width() == 1]
    assert one.get_width() / abuses.get_xlim()[1] <= 0.1


def test_counterfactual_legend_sits_above_the_panels(figure):  # noqa: F811
    plots.counterfactual(COMPARISON, "en")
    fig = figure["fig"]
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == ["no action", "this run", "doctrine"]
    box = legend.get_window_extent(renderer)
    assert all(box.y0 >= ax.get_tightbbox(renderer).y1 - 1 for ax in panels(fig))
