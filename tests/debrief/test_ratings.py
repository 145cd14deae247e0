"""Ratings: threshold edges, the roll-up rule, and the shipped scenarios' objectives."""

import inspect
from pathlib import Path

import pytest

from debrief.measures import MEASURES
from debrief.ratings import rate, rate_objectives, worst
from debrief.rundata import load_run
from simulator.outputs import write_run
from simulator.runner import play
from simulator.scenario import MEASURE_PARAMS, OUTCOMES, Measure
from simulator.validation import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def test_the_scenario_vocabulary_is_implemented(mini):
    for name, params in MEASURE_PARAMS.items():
        accepted = list(inspect.signature(MEASURES[name]).parameters)[1:]
        assert sorted(accepted) == sorted(params), name
    assert set(MEASURES) == set(MEASURE_PARAMS) | {"outcome"}
    summary = play(mini, 1).summary()["outcomes"]
    assert set(OUTCOMES) <= set(summary)


@pytest.mark.parametrize("value,better,expected", [
    (0, "lower", "P"), (2, "lower", "P"), (2.01, "lower", "S"), (5, "lower", "S"),
    (20, "lower", "M"), (20.5, "lower", "U"),
    (0.9, "higher", "P"), (0.8, "higher", "P"), (0.79, "higher", "S"), (0.5, "higher", "S"),
    (0.2, "higher", "M"), (0.19, "higher", "U"),
])
def test_threshold_edges(value, better, expected):
    thresholds = {"P": 2, "S": 5, "M": 20} if better == "lower" else \
        {"P": 0.8, "S": 0.5, "M": 0.2}
    assert rate(value, thresholds, better) == expected


def test_no_value_or_no_thresholds_is_not_rated():
    assert rate(None, {"P": 1}, "lower") is None
    assert rate(3, {}, "lower") is None
    assert rate(3, {"P": 1}, "lower") == "U"  # only P given: anything worse is U


def test_roll_up_takes_the_worst():
    assert worst(["P", "S", None, "M"]) == "M"
    assert worst([None, None]) is None
    assert worst(["P", "U"]) == "U"


def test_unknown_metric_or_parameter_is_refused():
    with pytest.raises(ValueError, match="unknown metric 'deaths'"):
        Measure(id="m", metric="deaths")
    with pytest.raises(ValueError, match="metric 'civilian_deaths' takes no parameter team"):
        Measure(id="m", metric="civilian_deaths", params={"team": "force"})
    Measure(id="m", metric="response_hours", params={"inject": "w"})


@pytest.mark.slow
def test_doctrine_rates_better_than_passive_on_the_poc_objectives(tmp_path):
    s = load_scenario(SCENARIOS / "poc-inner-delta.yaml")
    grades = {}
    for kind in ("passive", "doctrine"):
        write_run(play(s, 2, [], {t.id: kind for t in s.teams}), tmp_path / kind)
        objectives = rate_objectives(s, load_run(tmp_path / kind))
        grades[kind] = {m.id: m.rating for o in objectives for t in o.tasks for m in t.measures}
        assert all(m.result.detail for o in objectives for t in o.tasks for m in t.measures)
    assert grades["passive"]["m_deaths"] == "U"
    assert grades["doctrine"]["m_deaths"] in ("P", "S")
    better = sum(1 for k in grades["passive"] if grades["doctrine"][k] and grades["passive"][k]
                 and "PSMU".index(grades["doctrine"][k]) < "PSMU".index(grades["passive"][k]))
    assert better >= 4
