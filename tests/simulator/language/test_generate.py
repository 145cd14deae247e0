"""ttx generate: a synthetic district of any size, valid, plausible, the same for a seed."""

import json
import os
import subprocess
import sys
from collections import Counter

import networkx as nx
import pytest

from simulator.cli import main
from simulator.language import yamlsafe
from simulator.language.generate import generate
from simulator.language.validation import load_scenario, scenario_from_text
from tests.conftest import ROOT


def _write(tmp_path, *args: str, name: str = "d.yaml") -> tuple[int, object]:
    out = tmp_path / name
    return main(["generate", *args, "--out", str(out), "--quiet"]), out


@pytest.mark.parametrize("places,population", [(10, 0), (10, 7), (250, 50000), (3000, 50000)])
def test_ttx_validate_passes_on_districts_of_several_sizes(tmp_path, capsys, places,
                                                           population):
    code, out = _write(tmp_path, "--places", str(places), "--population", str(population),
                       "--armed-groups", "1", "--seed", "3")
    assert code == 0
    assert capsys.readouterr().out.startswith(f"{out}: district written ({places:,} places, ")
    assert main(["validate", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"valid ({places} locations, 4 teams, 20 actions" in said
    assert "  languages: English, French, Portuguese\n" in said  # every text in all three


def test_the_geography_has_a_river_roads_a_border_sites_and_armed_groups():
    s = scenario_from_text(generate(2000, 300_000, 3, seed=5).text)
    kinds = Counter(loc.type for loc in s.map.locations)
    assert kinds["city"] == 1 and kinds["town"] == 2000 // 60 - 1
    assert kinds["idp_site"] == 13 and kinds["camp"] == kinds["border_crossing"] == 1
    assert kinds["water_point"] == 100 and kinds["village"] > 1000
    assert all(loc.attributes.capacity for loc in s.map.locations if loc.type in ("idp_site", "camp"))
    riverside = {loc.id for loc in s.map.locations if loc.attributes.flood_prone}
    assert 200 < len(riverside) < 600
    routes = s.map.routes
    crossings = [r for r in routes if r.river_crossing]
    boats = [r for r in crossings if r.modes == ["boat"]]
    assert boats and all(r.boats for r in boats) and len(crossings) > len(boats)  # and bridges
    assert Counter(r.condition for r in routes)["poor"] > len(routes) // 5
    assert any(r.modes == ["foot"] for r in routes) and any(r.flood_prone for r in routes)
    graph = nx.Graph((r.from_, r.to) for r in routes)
    assert nx.is_connected(graph) and graph.number_of_nodes() == 2000
    # Distances follow the coordinates: about 6 km between neighbours, never zero.
    km = sorted(r.distance_km for r in routes)
    assert km[0] >= 0.5 and 3 < km[len(km) // 2] < 12
    assert sum(p.women + p.men + p.girls + p.boys + p.older for p in s.population) == 300_000
    where = {loc.id: loc.type for loc in s.map.locations}
    assert [where[g.base] for g in s.actors.armed_groups] == ["village"] * 3
    flood = next(i for i in s.msel if i.id == "flood").effects[0].args
    assert set(flood.locations) <= riverside and len(flood.locations) > 20
    assert {u.kind for u in s.actors.units} >= {"infantry", "engineer", "helicopter", "fpu"}


def test_the_same_seed_gives_the_same_bytes_and_another_seed_another_district(tmp_path):
    args = ["--places", "500", "--population", "100000", "--armed-groups", "2"]
    first = _write(tmp_path, *args, "--seed", "7", name="a.yaml")[1].read_bytes()
    again = _write(tmp_path, *args, "--seed", "7", name="b.yaml")[1].read_bytes()
    other = _write(tmp_path, *args, "--seed", "8", name="c.yaml")[1].read_bytes()
    assert first == again and first != other
    # Another interpreter, another hash seed: the same bytes still.
    out = tmp_path / "d.yaml"
    subprocess.run([sys.executable, "-m", "simulator.cli", "generate", *args, "--seed", "7",
                    "--out", str(out), "--quiet"], check=True, cwd=ROOT, capture_output=True,
                   env={**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)})
    assert out.read_bytes() == first


def test_doctrine_bots_play_a_small_district_better_than_passive_ones(tmp_path, capsys):
    _, scenario = _write(tmp_path, "--places", "60", "--population", "20000",
                         "--armed-groups", "2", "--seed", "1")
    outcomes = {}
    for kind in ("doctrine", "passive"):
        assert main(["run", str(scenario), "--seed", "1", "--bots", f"all={kind}", "--out",
                     str(tmp_path / kind), "--no-debrief", "--quiet"]) == 0
        outcomes[kind] = json.loads((tmp_path / kind / "summary.json").read_text())
    doctrine, passive = outcomes["doctrine"], outcomes["passive"]
    assert doctrine["turns_played"] == 4
    assert doctrine["decisions"]["accepted"] > 50 and doctrine["decisions"]["rejected"] == 0
    o, p = doctrine["outcomes"], passive["outcomes"]
    # The flood and the raids play out: people die of both, and flee.
    assert p["civilian_deaths_by_cause"]["flood"] > 0 and p["attacks"] >= 1
    assert p["displaced_peak"] > 500
    assert o["people_assisted"] > 500 and p["people_assisted"] == 0
    assert o["civilian_deaths"] < p["civilian_deaths"]


@pytest.mark.parametrize("args,en,fr", [
    (["--places", "5"], "error: --places must be from 10 to 100,000, got 5",
     "erreur : --places doit aller de 10 à 100\u202f000, reçu 5"),
    (["--places", "100", "--population", "-1"],
     "error: --population must be from 0 to 100,000,000, got -1",
     "erreur : --population doit aller de 0 à 100\u202f000\u202f000, reçu -1"),
    (["--places", "100", "--armed-groups", "11"],
     "error: --armed-groups must be from 0 to 10 (one for every ten places, at most 50), got 11",
     "erreur : --armed-groups doit aller de 0 à 10 (un pour dix lieux, 50 au plus), reçu 11")])
def test_bad_arguments_give_one_clear_error_in_english_and_french(tmp_path, capsys, args, en,
                                                                  fr):
    for lang, expected in (("en", en), ("fr", fr)):
        code, out = _write(tmp_path, *args, "--lang", lang)
        assert code == 1 and not out.exists()
        assert capsys.readouterr().err == expected + "\n"


def test_progress_is_said_on_stderr_for_large_districts_only(tmp_path, capsys):
    assert main(["generate", "--places", "10000", "--out", str(tmp_path / "big.yaml")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == ["placing the towns, villages and sites",
                   "laying the roads, tracks and river crossings", "settling the population",
                   "writing the scenario"]
    assert main(["generate", "--places", "9999", "--out", str(tmp_path / "small.yaml")]) == 0
    assert capsys.readouterr().err == ""


def test_a_district_of_10000_places_keeps_a_tenth_of_the_file_limits(monkeypatch):
    """A district's bytes and values grow with its places: at 10,000 places, a tenth of the
    limits leaves a 100,000-place district room."""
    text = generate(10_000, 10_000_000, 5, seed=1).text
    assert len(text.encode()) * 10 < yamlsafe.MAX_BYTES * 0.6
    monkeypatch.setattr(yamlsafe, "MAX_VALUES", yamlsafe.MAX_VALUES // 10)
    yamlsafe.load_text(text)  # within a tenth of the values allowed


@pytest.mark.slow
def test_a_district_of_100000_places_is_written_within_the_file_limits_and_loads(tmp_path):
    # How long it takes is the benchmarks' business (docs/performance.md), not a test's.
    code, out = _write(tmp_path, "--places", "100000", "--population", "10000000",
                       "--armed-groups", "5", "--seed", "1")
    assert code == 0
    assert out.stat().st_size < yamlsafe.MAX_BYTES
    assert len(load_scenario(out).map.locations) == 100_000
