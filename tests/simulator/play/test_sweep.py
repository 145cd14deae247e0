"""Monte Carlo sweeps (``ttx sweep``, ``debrief/sweep.py``) and where replays run
(``simulator/play/workers.py``): the same replays seed for seed in this process, in local
processes and on a Dask cluster; the tables; the errors, in English and French."""

from __future__ import annotations

import csv
import json
import sys
import time

import distributed  # the test extra installs it (ttx-sim[dask]): never skipped
import numpy as np
import pytest

from debrief.sweep import FILES, sweep
from simulator.cli import main
from simulator.language.validation import load_scenario
from simulator.play import workers
from simulator.play.decisions import load_inputs
from simulator.play.runner import play
from simulator.play.workers import InProcess, OnDask, Processes, WorkersError
from tests.conftest import ROOT

POC = ROOT / "scenarios" / "poc-inner-delta.yaml"
DECISIONS = ROOT / "examples" / "my-decisions.yaml"
BOTS = {"police": "doctrine", "humanitarian": "passive"}
SWEEP = ["sweep", str(POC), "--decisions", str(DECISIONS), "--bots", "police=doctrine",
         "humanitarian=passive", "--seeds", "3"]


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(POC)


@pytest.fixture(scope="module")
def inputs(scenario):
    return load_inputs(DECISIONS, scenario)


@pytest.fixture(scope="module")
def cluster():
    """A Dask cluster in this process, reached by TCP like a real one."""
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  protocol="tcp", dashboard_address=":0") as c:
        yield c


@pytest.fixture(scope="module")
def serial(scenario, inputs):
    return sweep(scenario, inputs, BOTS, 3, InProcess())


def _square_unless_two(common, item):
    if item == 2:
        raise ValueError(f"no {item}")
    return common * item * item


def test_the_replays_are_the_runs_seed_for_seed(serial, scenario, inputs):
    for seed, row in enumerate(serial["plays"]):
        outcomes = play(scenario, seed, inputs, BOTS).summary()["outcomes"]
        assert row["seed"] == seed
        assert row["outcomes"] == {k: outcomes[k] for k in row["outcomes"]}
    assert len({row["outcomes"]["civilian_deaths"] for row in serial["plays"]}) > 1  # luck
    tasks = [c.id for o in scenario.objectives for c in o.critical_tasks]
    assert set(serial["plays"][0]["tasks"]) == set(tasks)
    for task in tasks:  # every seed counted once, under its rating ("-": not rated)
        seen = [row["tasks"][task] or "-" for row in serial["plays"]]
        assert serial["ratings"][task] == {g: seen.count(g) for g in set(seen)}
    deaths = [row["outcomes"]["civilian_deaths"] for row in serial["plays"]]
    assert serial["bands"]["civilian_deaths"] == {
        "median": float(np.median(deaths)), "p10": round(float(np.percentile(deaths, 10)), 3),
        "p90": round(float(np.percentile(deaths, 90)), 3)}


def test_local_processes_and_dask_give_the_same_replays(serial, scenario, inputs, cluster):
    seen = []
    with Processes(2) as pool:
        assert sweep(scenario, inputs, BOTS, 3, pool, lambda *a: seen.append(a)) == serial
        assert pool.map(_square_unless_two, [1, 3], 10) == [10, 90]  # kept for another map
        with pytest.raises(ValueError, match="no 2"):
            pool.map(_square_unless_two, [1, 2, 3], 10)
    assert seen == [(1, 3), (2, 3), (3, 3)]
    with OnDask(cluster.scheduler_address) as dask:
        assert dask.describe() == f"the Dask cluster at {cluster.scheduler_address} " \
                                  "(1 workers, 2 threads)"
        assert sweep(scenario, inputs, BOTS, 3, dask) == serial
        with pytest.raises(ValueError, match="no 2"):
            dask.map(_square_unless_two, [1, 2, 3], 10)


def test_every_kind_returns_items_in_order_and_tells_each_one_done(cluster):
    with OnDask(cluster.scheduler_address) as dask:
        for kind in (InProcess(), dask):
            heard: list[tuple] = []
            assert kind.map(_square_unless_two, [3, 1, 4], 2,
                            lambda *a, heard=heard: heard.append(a)) == [18, 2, 32]
            assert [done for done, *_ in heard] == [1, 2, 3]
            assert {total for _, total, *_ in heard} == {3}
            assert sorted((i, result) for *_, i, result in heard) == [(0, 18), (1, 2), (2, 32)]


# --- the command ------------------------------------------------------------------------

def _rows(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_command_writes_the_tables_and_says_how_far_it_is(tmp_path, capsys, scenario, serial):
    out = tmp_path / "sweep"
    assert main(SWEEP + ["--workers", "1", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "sweep: 3 seeds of poc-inner-delta in this process",
        "sweep: 1/3 replays done", "sweep: 2/3 replays done", "sweep: 3/3 replays done",
        captured.err.splitlines()[-1]]
    assert captured.err.splitlines()[-1].startswith("sweep: 3 replays in ")
    lines = captured.out.splitlines()
    assert lines[0] == (f"poc-inner-delta: the decisions of {DECISIONS} + bots (UN Police "
                        "(UNPOL): doctrine, Humanitarian coordination (OCHA and clusters): passive) "
                        "over seeds 0 to 2; median [10–90 % band]")
    assert lines[-1] == f"outputs written to {out}"
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)

    data = json.loads((out / "sweep.json").read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(serial | {"decisions": str(DECISIONS)}))
    deaths = data["bands"]["civilian_deaths"]  # by name, whole people
    assert lines[1].startswith("  civilian deaths ")
    assert lines[1].split(maxsplit=2)[2].strip() == (
        f"{round(deaths['median'])} [{round(deaths['p10'])}–{round(deaths['p90'])}]")
    assert data["inputs"] == len(load_inputs(DECISIONS, scenario)) and data["seeds"] == 3
    assert data["bots"] == {"humanitarian": "passive", "police": "doctrine"}

    tasks = [c for o in scenario.objectives for c in o.critical_tasks]
    seeds = _rows(out / "seeds.csv")
    assert seeds[0][:3] == ["seed", "civilian deaths", "civilian injuries"]
    assert seeds[0][11:] == [c.title.en for c in tasks]  # names, not ids
    assert [row[0] for row in seeds[1:]] == ["0", "1", "2"]
    for row, play_ in zip(seeds[1:], data["plays"], strict=True):
        assert int(row[1]) == play_["outcomes"]["civilian_deaths"]  # a count, whole
        assert row[11:] == [play_["tasks"][c.id] or "-" for c in tasks]

    bands = _rows(out / "bands.csv")
    assert bands[0] == ["outcome", "median", "10 %", "90 %"]
    deaths = [int(row[1]) for row in seeds[1:]]
    b = data["bands"]["civilian_deaths"]
    assert bands[1][0] == "civilian deaths"
    assert float(bands[1][1]) == np.median(deaths) == b["median"]
    assert [float(x) for x in bands[1][2:]] == [b["p10"], b["p90"]]
    assert bands[5] == ["people assisted", "0", "0", "0"]  # no aid: the humanitarians pass

    ratings = _rows(out / "ratings.csv")
    assert ratings[0] == ["objective / critical task", "team", "P", "S", "M", "U", "not rated"]
    first = tasks[0]
    assert ratings[1][:2] == [first.title.en, "Force (Sector West)"]
    assert sum(int(n) for n in ratings[1][2:]) == 3
    assert int(ratings[1][2 + "PSMU-".index(serial["plays"][0]["tasks"][first.id] or "-")]) >= 1


def test_on_dask_the_files_are_the_same_as_in_this_process_byte_for_byte(tmp_path, cluster,
                                                                        capsys):
    here, there = tmp_path / "here", tmp_path / "there"
    assert main(SWEEP + ["--workers", "1", "--out", str(here), "--quiet"]) == 0
    assert main(SWEEP + ["--dask", cluster.scheduler_address, "--out", str(there)]) == 0
    err = capsys.readouterr().err
    assert f"sweep: 3 seeds of poc-inner-delta in the Dask cluster at " \
           f"{cluster.scheduler_address} (1 workers, 2 threads)" in err
    for name in FILES:
        assert (here / name).read_bytes() == (there / name).read_bytes(), name


@pytest.mark.slow
def test_local_processes_on_the_command_line(tmp_path):
    here, there = tmp_path / "here", tmp_path / "there"
    assert main(["sweep", str(POC), "--seeds", "2", "--workers", "1", "--out", str(here),
                 "--quiet"]) == 0
    assert main(["sweep", str(POC), "--seeds", "2", "--workers", "2", "--out", str(there),
                 "--quiet"]) == 0
    for name in FILES:
        assert (here / name).read_bytes() == (there / name).read_bytes(), name
    data = json.loads((here / "sweep.json").read_text(encoding="utf-8"))
    assert data["decisions"] is None and data["inputs"] == 0
    assert set(data["bots"].values()) == {"doctrine"}  # no decisions: doctrine bots


def test_no_decisions_and_no_bots(tmp_path, capsys):
    assert main(["sweep", str(POC), "--bots", "--seeds", "1", "--workers", "1", "--quiet",
                 "--out", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("poc-inner-delta: no orders from any team over "
                                              "seeds 0 to 0;")
    data = json.loads((tmp_path / "sweep.json").read_text(encoding="utf-8"))
    assert data["bots"] == {} and data["inputs"] == 0


def test_in_french(tmp_path, capsys):
    out = tmp_path / "fr"
    assert main(["--lang", "fr", "sweep", str(POC), "--seeds", "1", "--workers", "1",
                 "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines()[:2] == ["balayage : 1 graines de poc-inner-delta dans ce "
                                             "processus", "balayage : 1/1 rejeux terminés"]
    assert captured.out.splitlines()[0] == ("poc-inner-delta : chaque équipe jouée par le bot "
                                            "doctrine sur les graines 0 à 0 ; médiane "
                                            "[bande 10–90 %]")
    assert _rows(out / "seeds.csv")[0][:2] == ["graine", "civils tués"]
    assert _rows(out / "bands.csv")[0] == ["résultat", "médiane", "10 %", "90 %"]


# --- errors -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang, expected", [
    ("en", "error: --dask needs Dask's distributed package, not installed here: "
           "pip install 'ttx-sim[dask]' (or 'dask[distributed]')"),
    ("fr", "erreur : --dask a besoin du paquet distributed de Dask, absent ici : "
           "pip install 'ttx-sim[dask]' (ou 'dask[distributed]')")])
def test_without_dask_installed(lang, expected, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    out = tmp_path / "out"
    assert main(["--lang", lang] + SWEEP + ["--dask", "tcp://127.0.0.1:8786",
                                            "--out", str(out)]) == 1
    assert capsys.readouterr().err.strip() == expected
    assert not out.exists()


@pytest.mark.parametrize("lang, address, expected", [
    ("en", "scheduler", "error: --dask: 'scheduler' is not a Dask scheduler's address (missing "
                        "port number in address 'scheduler'); give the one the scheduler prints, "
                        "such as tcp://HOST:8786"),
    ("fr", "http://127.0.0.1:8786", "erreur : --dask : 'http://127.0.0.1:8786' n'est pas "
                                    "l'adresse d'un ordonnanceur Dask (unknown address scheme "
                                    "'http'"),
    ("en", "tcp://127.0.0.1:1", "error: no Dask scheduler answered at tcp://127.0.0.1:1 within "
                                "0.5 s; is it running, and is the address the one it prints?"),
    ("fr", "tcp://127.0.0.1:1", "erreur : aucun ordonnanceur Dask n'a répondu à tcp://127.0.0.1:1 "
                                "en 0.5 s ; tourne-t-il, et l'adresse est-elle celle qu'il "
                                "affiche ?")])
def test_a_bad_address_is_refused_quickly(lang, address, expected, tmp_path, capsys,
                                         monkeypatch):
    monkeypatch.setattr(workers, "CONNECT_SECONDS", 0.5)
    began = time.perf_counter()
    assert main(["--lang", lang] + SWEEP + ["--dask", address, "--out", str(tmp_path)]) == 1
    assert time.perf_counter() - began < 5
    assert capsys.readouterr().err.strip().startswith(expected)


def test_a_cluster_without_workers(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(workers, "CONNECT_SECONDS", 0.5)
    with distributed.LocalCluster(n_workers=0, processes=False, protocol="tcp",
                                  dashboard_address=":0") as empty:
        address = empty.scheduler_address
        assert main(["--lang", "fr"] + SWEEP + ["--dask", address, "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"erreur : la grappe Dask de {address} n'a aucun worker (attendu 0.5 s) ; "
        f"démarrez-en avec : dask worker {address}")


def test_workers_with_another_version_are_refused(cluster, monkeypatch):
    monkeypatch.setattr(distributed.Client, "run",
                        lambda self, fn, **_: {"tcp://10.0.0.9:4000": "another program",
                                               "tcp://10.0.0.9:4001": ModuleNotFoundError()})
    with pytest.raises(WorkersError) as refused:
        OnDask(cluster.scheduler_address)
    assert refused.value.text("en") == (
        "Dask workers tcp://10.0.0.9:4000, tcp://10.0.0.9:4001 do not have this version of ttx "
        "and its libraries, so their replays could differ; install it on them")
    assert refused.value.text("fr").startswith("les workers Dask tcp://10.0.0.9:4000, "
                                               "tcp://10.0.0.9:4001 n'ont pas cette version")


@pytest.mark.parametrize("args, lang, expected", [
    (["--seeds", "0"], "en", "error: --seeds must be 1 or more, got 0"),
    (["--seeds", "0"], "fr", "erreur : --seeds doit valoir 1 ou plus, reçu 0"),
    (["--seeds", "2", "--workers", "-1"], "en",
     "error: --workers must be 0 (one per core) or more, got -1"),
    (["--seeds", "2", "--workers", "-1"], "fr",
     "erreur : --workers doit valoir 0 (un par cœur) ou plus, reçu -1")])
def test_bad_numbers(args, lang, expected, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["--lang", lang, "sweep", str(POC), *args, "--out", str(out)]) == 1
    assert capsys.readouterr().err.strip() == expected
    assert not out.exists()


@pytest.mark.parametrize("lang, expected", [
    ("en", "cannot read file: "), ("fr", "impossible de lire le fichier : ")])
def test_an_unreadable_decisions_file(lang, expected, tmp_path, capsys):
    missing, out = tmp_path / "nowhere.yaml", tmp_path / "out"
    assert main(["--lang", lang, "sweep", str(POC), "--decisions", str(missing), "--seeds", "2",
                 "--out", str(out)]) == 2
    first = capsys.readouterr().err.splitlines()[0]
    assert first.startswith(f"{missing}:1:1: ") and expected in first
    assert not out.exists()


def test_workers_or_dask_not_both(tmp_path, capsys):
    with pytest.raises(SystemExit) as usage:
        main(SWEEP + ["--workers", "2", "--dask", "tcp://127.0.0.1:8786", "--out", str(tmp_path)])
    assert usage.value.code == 1
    assert "not allowed with argument" in capsys.readouterr().err


def test_the_scenario_audit_on_dask_is_the_audit_here(tmp_path, cluster, capsys):
    here, there = tmp_path / "here", tmp_path / "there"
    check = ["--lang", "fr", "check", str(POC), "--seeds", "2", "--strategies", "doctrine", "spam"]
    assert main(check + ["--jobs", "1", "--out", str(here)]) == 0
    assert "vérification : 4 parties en " in capsys.readouterr().err
    assert main(check + ["--dask", cluster.scheduler_address, "--out", str(there)]) == 0
    assert f"s dans la grappe Dask de {cluster.scheduler_address}" in capsys.readouterr().err
    assert (here / "check.json").read_bytes() == (there / "check.json").read_bytes()
