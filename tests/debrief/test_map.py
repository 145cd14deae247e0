"""The debrief map: small multiples of the scenario graph with people, flows and incidents."""

import io

import pytest
from matplotlib.colors import to_rgba
from PIL import Image

from debrief import plots
from debrief.plots import map_turns, map_turns_default
from simulator.scenario import Lang

LABELS = {"map_turn": "Turn {turn}", "map_route": "Route", "map_population": "People present",
          "map_displaced": "Displaced among them", "map_flow": "People setting off",
          "map_incident": "Incident", "map_deterred": "Attack deterred", "map_people": "{n} people"}
PLACES = ("village", "town", "site", "base")
PEOPLE = {"village": 1450, "town": 3500, "site": 0, "base": 0}


def row(turn, location, population, displaced=0, incidents=0):
    return {"turn": turn, "location": location, "population": population,
            "displaced": displaced, "incidents": incidents}


def rows_for(turns=(1, 2, 3, 4)):
    """Villagers leave for the site over the turns; the village is raided in turn 2."""
    out = []
    for t in turns:
        moved = 300 * (t - 1)
        out += [row(t, "village", 1450 - moved, incidents=2 if t == 2 else 0),
                row(t, "town", 3500), row(t, "site", moved, displaced=moved),
                row(t, "base", 0)]
    return out


FLOWS = [{"turn": 2, "from": "village", "to": "site", "people": 300},
         {"turn": 2, "from": "village", "to": "town", "people": 40},
         {"turn": 2, "from": "town", "to": "site", "people": 10},
         {"turn": 3, "from": "village", "to": "site", "people": 300}]
EVENTS = [{"id": "e000001", "turn": 3, "hour": 30.0, "type": "attack_deterred",
           "location": "town", "cause": "rule:x"},
          {"id": "e000002", "turn": 2, "hour": 20.0, "type": "presence", "location": "site",
           "cause": "rule:x"}]


@pytest.fixture
def figure(monkeypatch):
    """Keep the last figure drawn, to look at what the PNG shows."""
    kept = {}
    real = plots._png

    def keep(fig):
        kept["fig"] = fig
        return real(fig)

    monkeypatch.setattr(plots, "_png", keep)
    return kept


def maps(axes):
    return [ax for ax in axes if ax.get_title()]


def arrows(ax):
    return [t for t in ax.texts if getattr(t, "arrow_patch", None) is not None]


def collections_coloured(ax, colour):
    return [c for c in ax.collections
            if len(c.get_facecolor()) and tuple(c.get_facecolor()[0][:3]) == to_rgba(colour)[:3]]


@pytest.mark.parametrize("n,turns", [(0, []), (1, [1]), (2, [1, 2]), (3, [1, 2, 3]),
                                     (4, [1, 2, 4]), (10, [1, 5, 10]), (11, [1, 6, 11])])
def test_default_turns_are_first_middle_last(n, turns):
    assert map_turns_default(n) == turns


def test_a_valid_png_same_bytes_for_same_input(mini):
    png = map_turns(mini, rows_for(), FLOWS, EVENTS, [1, 2, 4], LABELS)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png))
    image.verify()
    assert image.size[0] > 500 and image.size[1] > 400
    assert map_turns(mini, rows_for(), FLOWS, EVENTS, [1, 2, 4], LABELS) == png


@pytest.mark.parametrize("change", ["turn", "flows", "incidents", "deterred"])
def test_the_picture_changes_with_what_it_shows(mini, change):
    base = map_turns(mini, rows_for(), FLOWS, EVENTS, [1, 2, 3], LABELS)
    turns, rows, flows, events = [1, 2, 3], rows_for(), FLOWS, EVENTS
    if change == "turn":
        turns = [1, 2, 4]
    elif change == "flows":
        flows = [dict(f, people=f["people"] * 3) if f["to"] == "town" else f for f in FLOWS]
    elif change == "incidents":
        rows = [dict(r, incidents=1) if r["location"] == "town" and r["turn"] == 3 else r
                for r in rows]
    else:
        events = []
    assert map_turns(mini, rows, flows, events, turns, LABELS) != base


def test_panels_flows_discs_and_markers(mini, figure):
    map_turns(mini, rows_for(), FLOWS, EVENTS, [1, 2, 3], LABELS)
    fig = figure["fig"]
    panels = maps(fig.axes)
    assert [ax.get_title() for ax in panels] == ["Turn 1", "Turn 2", "Turn 3"]
    one, two, three = panels
    # x is longitude, y latitude: the village sits at (-4.0, 14.0)
    assert any(t.get_text() == "Village" and t.xy == (-4.0, 14.0) for t in one.texts)
    # routes: one grey line per scenario route in every panel
    assert all(len(ax.lines) == len(mini.map.routes) for ax in panels)
    # flows of the panel's turn only, the widest for the most people
    assert len(arrows(one)) == 0 and len(arrows(two)) == 3 and len(arrows(three)) == 1
    widths = {(a.xyann, a.xy): a.arrow_patch.get_linewidth() for a in arrows(two)}
    village, town, site = (-4.0, 14.0), (-4.1, 14.1), (-4.2, 14.2)
    assert widths[(village, site)] > widths[(village, town)] > widths[(town, site)]
    # incidents: a marker at the village in turn 2 only, with their number (2)
    assert len(collections_coloured(two, plots.INCIDENT_COLOUR)) == 1
    assert "2" in [t.get_text() for t in two.texts]
    assert not collections_coloured(one, plots.INCIDENT_COLOUR)
    assert not collections_coloured(three, plots.INCIDENT_COLOUR)
    # the attack deterred at the town in turn 3: an open diamond there
    (diamond,) = [c for c in three.collections
                  if len(c.get_edgecolor()) and tuple(c.get_edgecolor()[0][:3])
                  == to_rgba(plots.DETERRED_COLOUR)[:3]]
    assert tuple(diamond.get_offsets()[0]) == town
    legend = fig.legends[0] if fig.legends else next(ax.get_legend() for ax in fig.axes
                                                      if ax.get_legend())
    texts = " ".join(t.get_text() for t in legend.get_texts())
    for key in ("map_route", "map_population", "map_displaced", "map_flow", "map_incident",
                "map_deterred"):
        assert LABELS[key] in texts


def test_disc_areas_in_proportion_to_people_displaced_inside(mini, figure):
    map_turns(mini, rows_for(), FLOWS, EVENTS, [3], LABELS)
    (panel,) = maps(figure["fig"].axes)
    discs = {tuple(c.get_offsets()[0]): c.get_sizes()[0]
             for c in collections_coloured(panel, plots.POPULATION_COLOUR)}
    village, town, site = (-4.0, 14.0), (-4.1, 14.1), (-4.2, 14.2)
    # turn 3: village 850, town 3500, site 600 (all displaced)
    assert discs[village] / discs[town] == pytest.approx(850 / 3500)
    assert discs[site] / discs[town] == pytest.approx(600 / 3500)
    (inner,) = collections_coloured(panel, plots.DISPLACED_COLOUR)
    assert tuple(inner.get_offsets()[0]) == site and inner.get_hatch()
    assert inner.get_sizes()[0] == pytest.approx(discs[site])


def test_only_the_largest_flows_are_drawn(mini, figure, monkeypatch):
    monkeypatch.setattr(plots, "MAP_FLOWS_SHOWN", 2)
    map_turns(mini, rows_for(), FLOWS, EVENTS, [2], LABELS)
    (panel,) = maps(figure["fig"].axes)
    drawn = {(a.xyann, a.xy) for a in arrows(panel)}
    assert drawn == {((-4.0, 14.0), (-4.2, 14.2)), ((-4.0, 14.0), (-4.1, 14.1))}


@pytest.mark.parametrize("lang,name", [("en", "Village"), ("fr", "Hameau")])
def test_place_names_are_short_and_in_the_language(mini, figure, lang, name):
    places = [p.model_copy(update={"name": Lang(en="Village (on the hill)",
                                                fr="Hameau (sur la colline)")})
              if p.id == "village" else p for p in mini.map.locations]
    scenario = mini.model_copy(update={"map": mini.map.model_copy(update={"locations": places})})
    map_turns(scenario, rows_for(), FLOWS, EVENTS, [1], LABELS, lang=lang)
    (panel,) = maps(figure["fig"].axes)
    texts = [t.get_text() for t in panel.texts]
    assert name in texts and not any("(" in t for t in texts)


def test_labels_come_from_the_dict(mini, figure):
    french = {k: v.replace("Turn", "Tour") for k, v in LABELS.items()}
    map_turns(mini, rows_for(), FLOWS, EVENTS, [2, 3], french)
    assert [ax.get_title() for ax in maps(figure["fig"].axes)] == ["Tour 2", "Tour 3"]
    with pytest.raises(KeyError, match="map_flow"):
        map_turns(mini, rows_for(), FLOWS, EVENTS, [2], {k: v for k, v in LABELS.items()
                                                          if k != "map_flow"})


def test_report_map_shows_the_turn_with_most_incidents():
    from debrief.report import map_turns
    rows = [{"turn": t, "incidents": n} for t, n in ((1, 0), (4, 1), (8, 2), (8, 1), (10, 3))]
    assert map_turns(rows, 10) == [1, 8, 10]  # turn 8: three incidents, more than turn 4
    assert map_turns([{"turn": 1, "incidents": 0}], 10) == [1, 5, 10]  # none: the middle
    assert map_turns(rows, 2) == [1, 2]
