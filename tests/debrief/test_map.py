"""The debrief map: small multiples of the scenario graph with people, flows and incidents,
and one map of a situation as SVG for the portal; both drawn by the same panel code."""

import io
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from PIL import Image

from debrief import plots
from debrief.plots import map_turns, map_turns_default, situation_map_svg
from simulator.i18n import count, tr
from simulator.language.scenario import Lang, text
from simulator.language.validation import load_scenario

SHIPPED = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))
PLACES = ("village", "town", "site", "base")


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


def by_gid(items, prefix):
    return [a for a in items if (a.get_gid() or "").startswith(prefix)]


def legend_of(fig):
    return fig.legends[0] if fig.legends else next(ax.get_legend() for ax in fig.axes
                                                    if ax.get_legend())


@pytest.mark.parametrize("n,turns", [(0, []), (1, [1]), (2, [1, 2]), (3, [1, 2, 3]),
                                     (4, [1, 2, 4]), (10, [1, 5, 10]), (11, [1, 6, 11])])
def test_default_turns_are_first_middle_last(n, turns):
    assert map_turns_default(n) == turns


def test_a_valid_png_same_bytes_for_same_input(mini):
    png = map_turns(mini, rows_for(), FLOWS, EVENTS, [1, 2, 4])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png))
    image.verify()
    assert image.size[0] > 500 and image.size[1] > 400
    assert map_turns(mini, rows_for(), FLOWS, EVENTS, [1, 2, 4]) == png


@pytest.mark.parametrize("change", ["turn", "flows", "incidents", "deterred"])
def test_the_picture_changes_with_what_it_shows(mini, change):
    base = map_turns(mini, rows_for(), FLOWS, EVENTS, [1, 2, 3])
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
    assert map_turns(mini, rows, flows, events, turns) != base


def test_panels_flows_discs_and_markers(mini, figure):
    map_turns(mini, rows_for(), FLOWS, EVENTS, [1, 2, 3])
    fig = figure["fig"]
    panels = maps(fig.axes)
    assert [ax.get_title() for ax in panels] == ["Turn 1", "Turn 2", "Turn 3"]
    one, two, three = panels
    # x is longitude, y latitude: the village sits at (-4.0, 14.0)
    assert any(t.get_text() == "Village" and t.xy == (-4.0, 14.0) for t in one.texts)
    # routes: one grey line per scenario route in every panel
    assert all(len(by_gid(ax.lines, "route")) == len(mini.map.routes) for ax in panels)
    # flows of the panel's turn only, the widest for the most people
    assert len(arrows(one)) == 0 and len(arrows(two)) == 3 and len(arrows(three)) == 1
    widths = {(a.xyann, a.xy): a.arrow_patch.get_linewidth() for a in arrows(two)}
    village, town, site = (-4.0, 14.0), (-4.1, 14.1), (-4.2, 14.2)
    assert widths[(village, site)] > widths[(village, town)] > widths[(town, site)]
    assert widths[(village, site)] == pytest.approx(plots.flow_width(300))
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
    texts = [t.get_text() for t in legend_of(fig).get_texts()]
    for label in ("Route", "of whom displaced", "Nobody present", "Incident (attack or abuse)",
                  "Attack deterred"):
        assert label in texts
    assert "10,000 people present (disc area)" in texts
    assert "1,000 people setting off (arrow width)" in texts


def test_disc_areas_in_proportion_to_people_displaced_inside(mini, figure):
    map_turns(mini, rows_for(), FLOWS, EVENTS, [3])
    (panel,) = maps(figure["fig"].axes)
    discs = {tuple(c.get_offsets()[0]): c.get_sizes()[0]
             for c in collections_coloured(panel, plots.POPULATION_COLOUR)}
    village, town, site = (-4.0, 14.0), (-4.1, 14.1), (-4.2, 14.2)
    # turn 3: village 850, town 3500, site 600 (all displaced); nobody at the base
    assert discs[village] / discs[town] == pytest.approx(850 / 3500)
    assert discs[site] / discs[town] == pytest.approx(600 / 3500)
    assert discs[town] == pytest.approx(3500 * plots.MAP_AREA_PER_PERSON)
    (empty,) = by_gid(panel.collections, "empty-base")
    assert tuple(empty.get_facecolor()[0][:3]) == (1, 1, 1)
    (inner,) = collections_coloured(panel, plots.DISPLACED_COLOUR)
    assert tuple(inner.get_offsets()[0]) == site and inner.get_hatch()
    assert inner.get_sizes()[0] == pytest.approx(discs[site])


def test_only_the_largest_flows_are_drawn(mini, figure, monkeypatch):
    monkeypatch.setattr(plots, "MAP_FLOWS_SHOWN", 2)
    map_turns(mini, rows_for(), FLOWS, EVENTS, [2])
    (panel,) = maps(figure["fig"].axes)
    drawn = {(a.xyann, a.xy) for a in arrows(panel)}
    assert drawn == {((-4.0, 14.0), (-4.2, 14.2)), ((-4.0, 14.0), (-4.1, 14.1))}


@pytest.mark.parametrize("lang,name", [("en", "Village"), ("fr", "Hameau")])
def test_place_names_are_short_and_in_the_language(mini, figure, lang, name):
    places = [p.model_copy(update={"name": Lang(en="Village (on the hill)",
                                                fr="Hameau (sur la colline)")})
              if p.id == "village" else p for p in mini.map.locations]
    scenario = mini.model_copy(update={"map": mini.map.model_copy(update={"locations": places})})
    map_turns(scenario, rows_for(), FLOWS, EVENTS, [1], lang=lang)
    (panel,) = maps(figure["fig"].axes)
    texts = [t.get_text() for t in by_gid(panel.texts, "name-")]
    assert name in texts and not any("(" in t for t in texts)


def test_labels_come_in_the_language(mini, figure):
    map_turns(mini, rows_for(), FLOWS, EVENTS, [2, 3], "fr")
    assert [ax.get_title() for ax in maps(figure["fig"].axes)] == ["Tour 2", "Tour 3"]


def test_report_map_shows_the_turn_with_most_incidents():
    from debrief.report import map_turns
    rows = [{"turn": t, "incidents": n} for t, n in ((1, 0), (4, 1), (8, 2), (8, 1), (10, 3))]
    assert map_turns(rows, 10) == [1, 8, 10]  # turn 8: three incidents, more than turn 4
    assert map_turns([{"turn": 1, "incidents": 0}], 10) == [1, 5, 10]  # none: the middle
    assert map_turns(rows, 2) == [1, 2]


# --- fixed scales: two reports compare --------------------------------------------------

def legend_key(fig):
    """The legend's texts with each entry's drawn size (marker or line width)."""
    legend = legend_of(fig)
    return [(t.get_text(), getattr(h, "get_markersize", lambda: 0)(), h.get_linewidth())
            for t, h in zip(legend.get_texts(), legend.legend_handles, strict=True)]


def test_the_same_people_draw_the_same_disc_and_legend_in_any_run(mini, figure):
    small = [dict(r, population=r["population"] // 10) if r["location"] != "town" else r
             for r in rows_for()]
    small_flows = [dict(f, people=50) for f in FLOWS]
    big_flows = [dict(f, people=200) for f in FLOWS]
    seen = []
    for rows, flows in ((rows_for(), big_flows), (small, small_flows)):
        map_turns(mini, rows, flows, EVENTS, [2])
        (panel,) = maps(figure["fig"].axes)
        (town,) = by_gid(panel.collections, "disc-town")
        seen.append((town.get_sizes()[0], legend_key(figure["fig"])))
    (town_a, key_a), (town_b, key_b) = seen
    assert town_a == town_b == pytest.approx(3500 * plots.MAP_AREA_PER_PERSON)
    assert key_a == key_b
    refs = [text for text, _, _ in key_a]
    assert [f"{count(n)} people setting off (arrow width)" for n in (100, 1000, 10000)] == \
        [r for r in refs if "setting off" in r]
    widths = [w for text, _, w in key_a if "setting off" in text]
    assert widths == [plots.flow_width(n) for n in (100, 1000, 10000)] == [2.0, 3.5, 5.0]


def test_flow_width_and_disc_area_on_their_fixed_scales():
    assert plots.flow_width(5) == plots.flow_width(10) == 0.5
    assert plots.flow_width(100) == pytest.approx(2.0)
    assert plots.disc_area(0) == plots.disc_area(None) == 0
    assert plots.disc_area(3) == plots.MAP_MIN_AREA  # anybody present shows at least a dot
    assert plots.disc_area(10_000) == pytest.approx(500)  # 25 points across


# --- names placed clear of one another and of the discs ---------------------------------

def initial_rows(scenario, turn, crowded=False):
    """Each place's people at the start; ``crowded``: three times as many, half of them
    displaced, two incidents everywhere (more and bigger things for the names to avoid)."""
    rows = []
    for p in scenario.map.locations:
        people = sum(getattr(q, g) for q in scenario.population if q.location == p.id
                     for g in plots.GROUPS)
        rows.append(row(turn, p.id, people * (3 if crowded else 1),
                        displaced=people // 2 if crowded else 0, incidents=2 if crowded else 0))
    return rows


def clashes(fig) -> list[tuple]:
    """Names (and incident counts) whose boxes, as the renderer draws them, overlap one
    another or a disc or marker of any place."""
    FigureCanvasAgg(fig).draw()
    renderer, found = fig.canvas.get_renderer(), []
    for ax in maps(fig.axes):
        boxes = sorted((t.get_gid(), t.get_window_extent(renderer))
                       for t in by_gid(ax.texts, "name-") + by_gid(ax.texts, "count-"))
        assert len(by_gid(ax.texts, "name-")) == len(ax.texts) - len(arrows(ax)) \
            - len(by_gid(ax.texts, "count-"))
        discs = []
        for c in ax.collections:
            (x, y), = c.get_offset_transform().transform(c.get_offsets())
            discs.append((c.get_gid(), x, y, math.sqrt(c.get_sizes()[0]) / 2 * fig.dpi / 72))
        for i, (a, box) in enumerate(boxes):
            found += [(a, b) for b, other in boxes[i + 1:] if box.overlaps(other)]
            if a.startswith("name-"):
                found += [(a, d) for d, x, y, r in discs
                          if math.hypot(max(box.x0 - x, 0, x - box.x1),
                                        max(box.y0 - y, 0, y - box.y1)) < r]
            panel = ax.get_window_extent(renderer)
            if not (panel.x0 <= box.x0 and box.x1 <= panel.x1 and panel.y0 <= box.y0
                    and box.y1 <= panel.y1):
                found.append((a, "outside"))
    return found


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_names_clear_of_one_another_and_of_the_discs_on_shipped_maps(path, lang, figure):
    scenario = load_scenario(path)
    rows = initial_rows(scenario, 1) + initial_rows(scenario, 2, crowded=True)
    deterred = [{"turn": 2, "type": "attack_deterred", "location": p.id}
                for p in scenario.map.locations[::2]]
    map_turns(scenario, rows, [], deterred, [1, 2], lang)
    fig = figure["fig"]
    assert len(maps(fig.axes)) == 2
    assert clashes(fig) == []


def test_the_clash_check_sees_names_piled_up(mini, figure, monkeypatch):
    """The check above can fail: every name forced onto its place overlaps its disc."""
    monkeypatch.setattr(plots, "_place_labels", lambda pts, *_: {
        p: (0, 0, "center", "center", 0) for p in pts})
    map_turns(mini, rows_for(), FLOWS, EVENTS, [3])
    assert ("name-town", "disc-town") in clashes(figure["fig"])


def test_a_name_far_from_its_place_has_a_leader_line(mini, figure, monkeypatch):
    # three places piled on one spot, names only to their right: two at least stand off
    monkeypatch.setattr(plots, "LABEL_ANGLES", (0,))
    places = [p.model_copy(update={"coords": [14.0, -4.0]}) if p.id in ("town", "site")
              else p for p in mini.map.locations]
    scenario = mini.model_copy(update={"map": mini.map.model_copy(update={"locations": places})})
    map_turns(scenario, rows_for(), [], [], [3])
    (panel,) = maps(figure["fig"].axes)
    assert len(by_gid(panel.lines, "leader-")) >= 2
    assert clashes(figure["fig"]) == []


# --- one map as SVG for the portal -----------------------------------------------------

def picture_for(scenario):
    ids = [p.id for p in scenario.map.locations]
    route = scenario.map.routes[0]
    return {"places": {p: {"people": 1200 * (i + 1), "displaced": 300 * i if i else None}
                       for i, p in enumerate(ids[1:])},  # the first place is not known
            "threats": ids[1:3], "incidents": [ids[2], ids[2]],
            "closed_routes": [[route.from_, route.to]],
            "units": {ids[1]: ["B Company", "Engineers <1>"]}}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_svg_names_every_place_and_is_self_contained(path, lang):
    scenario = load_scenario(path)
    svg = situation_map_svg(scenario, picture_for(scenario), lang, title="Ground truth")
    root = ET.fromstring(svg)  # valid XML
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.startswith("<svg") and "<image" not in svg and "url(http" not in svg
    links = [v for el in root.iter() for k, v in el.attrib.items() if "http" in v]
    assert links == []  # only the namespace declarations name a web address
    assert "font-face" not in svg and "@import" not in svg
    words = " ".join(" ".join(root.itertext()).split())
    for p in scenario.map.locations:  # on the map (short, wrapped) and in its tooltip
        assert " ".join(plots._short_name(p.name, lang).split()) in words
        assert text(p.name, lang) in words
    assert "Ground truth" in words
    for label in ("Route", "Route closed", "Not known", "Threat", "Mission units"):
        assert tr(label, lang) in words


def test_svg_draws_what_the_picture_tells(mini):
    picture = {"places": {"village": {"people": 1450, "displaced": None},
                          "town": {"people": 3500, "displaced": 200},
                          "site": {"people": 0, "displaced": 0}},  # the base: not known
               "threats": ["village"], "incidents": ["town"],
               "closed_routes": [["town", "site"]], "units": {"base": ["B Company", "Recce"]}}
    svg = situation_map_svg(mini, picture, "fr")
    root = ET.fromstring(svg)
    groups = {g.get("id"): g for g in root.iter("{http://www.w3.org/2000/svg}g")}
    for gid in ("disc-village", "disc-town", "displaced-town", "empty-site", "unknown-base",
                "threat-village", "incident-town", "unit-base", "route-closed"):
        assert gid in groups, gid
    assert "disc-base" not in groups and "displaced-village" not in groups

    def tip(gid):
        return groups[gid].find("{http://www.w3.org/2000/svg}title").text

    assert tip("disc-town") == "Town : 3\u202f500 personnes présentes, dont 200 déplacées"
    assert tip("disc-village") == "Village : 1\u202f450 personnes présentes"
    assert tip("unknown-base") == "Base : situation inconnue"
    assert tip("unit-base") == "Base : B Company, Recce"
    # the same picture draws the same bytes
    assert situation_map_svg(mini, picture, "fr") == svg


def test_svg_of_an_empty_picture_shows_every_place_as_not_known(mini):
    root = ET.fromstring(situation_map_svg(mini, {}, "en"))
    ids = {g.get("id") for g in root.iter("{http://www.w3.org/2000/svg}g")}
    assert {f"unknown-{p}" for p in PLACES} <= ids
    assert not {i for i in ids if i and i.startswith(("disc-", "empty-"))}


def test_crossings_count_as_the_segment_test_answers_pair_by_pair():
    """Names are placed by counting the arrows each candidate box crosses, all at once: the
    same answers as ``_crosses`` for every box and segment, edges and axis-parallel lines
    included."""
    import random

    rng = random.Random(7)
    boxes = [(x, y, x + rng.choice([0.0, 1.0, 5.5]), y + rng.choice([0.0, 2.0, 7.25]))
             for x, y in ((rng.uniform(-5, 15), rng.uniform(-5, 15)) for _ in range(60))]
    boxes += [(0.0, 0.0, 10.0, 10.0), (10.0, 10.0, 12.0, 12.0)]
    ends = [(rng.choice([0.0, 10.0, rng.uniform(-5, 15)]), rng.choice([0.0, 10.0, 3.0]))
            for _ in range(80)]
    segments = [(ends[i], ends[i + 1]) for i in range(0, 80, 2)]
    segments += [((0.0, 0.0), (0.0, 0.0)), ((10.0, -5.0), (10.0, 20.0)),
                 ((-5.0, 5.0), (20.0, 5.0)), ((12.0, 12.0), (20.0, 20.0))]
    expected = [sum(plots._crosses(b, *s) for s in segments) for b in boxes]
    assert plots._crossings(boxes, segments) == expected
    assert 0 < sum(expected) < len(boxes) * len(segments)
    assert plots._crossings(boxes, []) == [0] * len(boxes)
