"""The timeline figure: indicators by turn, orders per team, numbered injects."""

from debrief import plots
from debrief.i18n import TEXT
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
    png = plots.timeline(rows(), injects, decisions, TEXT["en"])
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
