"""Ratings: threshold edges, the roll-up rule (not observed, process capped), and the
scenario vocabulary."""

import inspect

import pytest

from debrief.measures import EVIDENCE, MEASURES, Result
from debrief.ratings import MeasureRating, better_than, rate, roll_up, worst
from simulator.language.measure_specs import SPECS
from simulator.language.scenario import Measure


def test_the_scenario_vocabulary_is_implemented():
    assert set(MEASURES) == set(SPECS) == set(EVIDENCE)
    for name, spec in SPECS.items():
        accepted = [p for p in list(inspect.signature(MEASURES[name]).parameters)[1:]
                    if p != "label"]
        assert sorted(accepted) == sorted(spec.params), name


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


def test_worst_and_order():
    assert worst(["P", "S", None, "M"]) == "M"
    assert worst([None, None]) is None
    assert better_than("S", "M") and better_than("U", None) and not better_than(None, "U")


def m(rating, kind):
    return MeasureRating("m", "x", Result(None if rating is None else 1), rating, kind)


@pytest.mark.parametrize("measures,expected", [
    ([m("P", "outcome"), m("S", "effect")], "S"),
    ([m("P", "effect"), m("U", "process")], "U"),  # paper can lower a rating
    ([m("P", "process"), m(None, "outcome")], None),  # ... never lift it: not observed
    ([m("S", "process"), m(None, "effect")], "S"),  # a shortfall on paper still shows
    ([m(None, "outcome"), m(None, "effect")], None),  # nothing applied: not observed
    ([], None),
])
def test_roll_up(measures, expected):
    assert roll_up(measures) == expected


def test_unknown_metric_or_parameter_is_refused():
    with pytest.raises(ValueError, match="unknown metric 'deaths'"):
        Measure(id="m", metric="deaths")
    with pytest.raises(ValueError, match="metric 'civilian_deaths' takes no parameter inject"):
        Measure(id="m", metric="civilian_deaths", params={"inject": "w"})
    with pytest.raises(ValueError, match="the first turn comes after the last"):
        Measure(id="m", metric="incidents", scope={"turns": [4, 2]})
    Measure(id="m", metric="response_hours", params={"inject": "w"})
