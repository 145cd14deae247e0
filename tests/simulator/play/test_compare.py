"""`ttx compare`: every bot kind on the same seeds, mean and 10–90 % band per outcome."""

import json

from simulator.cli import main
from simulator.play.compare import OUTCOMES, compare, table
from simulator.play.runner import play
from tests.conftest import MINI


def test_compare_summarises_the_same_runs(mini):
    result = compare(mini, ["passive", "doctrine"], seeds=3)
    deaths = [play(mini, s, [], {t.id: "passive" for t in mini.teams})
              .summary()["outcomes"]["civilian_deaths"] for s in range(3)]
    band = result["passive"]["civilian_deaths"]
    assert band["mean"] == round(sum(deaths) / 3, 3)
    assert band["p10"] <= band["mean"] <= band["p90"]
    assert set(result["doctrine"]) == set(OUTCOMES)
    assert result["doctrine"]["civilian_deaths"]["mean"] < band["mean"]
    lines = table(result).splitlines()
    assert lines[0].split() == ["outcome", "passive", "doctrine"]
    assert lines[1].startswith("civilian deaths ")
    assert table(result, "fr").splitlines()[1].startswith("civils tués ")


def test_compare_command(tmp_path, capsys):
    out = tmp_path / "c.json"
    assert main(["compare", str(MINI), "--seeds", "2", "--bots", "passive", "random",
                 "--json", str(out)]) == 0
    captured = capsys.readouterr()
    assert "mini: every team played by each bot kind, 2 seeds" in captured.out
    assert "passive: seed 2/2" in captured.err and "random: seed 1/2" in captured.err
    data = json.loads(out.read_text())
    assert set(data["outcomes"]) == {"passive", "random"} and data["ratings"] is None
    assert main(["compare", str(MINI), "--seeds", "0"]) == 1
    assert "--seeds must be 1 or more, got 0" in capsys.readouterr().err
