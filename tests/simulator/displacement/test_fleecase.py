"""Flee-format cases: reading, observed counts, arrivals, ARD and the naive forecasts."""

import re
from pathlib import Path

import numpy as np
import pytest

from simulator.displacement.fleecase import (
    CaseError,
    ard,
    arrivals,
    capacity_split,
    corrected,
    nearest_camp,
    observed,
    read_case,
)

DATA = Path(__file__).resolve().parents[2] / "data" / "displacement"  # Flee's, BSD-3


def tiny(tmp_path: Path, **override: str) -> Path:
    """A zone, a town and two camps over 5 days; one camp with a registration correction."""
    files = {
        "input/sim_period.csv": "StartDate,2020-01-01\nLength,5\n",
        "input/locations.csv": '"#name","region","country","lat","lon","type","date","pop"\n'
                               "Zone,R,A,0,0,conflict_zone,0,300\n"
                               "Far,R,A,0,1,conflict_zone,2,100\n"
                               "Town,R,A,0,2,town,,50\n"
                               "C1,R,B,0,3,camp,,1000\n"
                               "C2,R,B,0,4,camp,,3000\n",
        "input/routes.csv": "#name1,name2,distance,forced\n"
                            "Zone,Town,10,\nTown,C1,10,\nTown,C2,30,\nFar,C2,5,\n",
        "input/conflicts.csv": "#Day,Zone,Far,Ghost\n0,1,0,0\n1,1,0,0\n2,1,1,0\n3,1,1,0\n"
                               "4,1,1,0\n",
        "input/closures.csv": "#type,name1,name2,start,end\ncamp,C2,,0,1\n",
        "input/registration_corrections.csv": "C1,2020-01-04\n",
        "validation/data_layout.csv": "total,total.csv\nC1,c1.csv\nC2,c2.csv,c2-out.csv\n",
        "validation/total.csv": "Date,Refugee_numbers\n2020-01-01,0\n",
        "validation/c1.csv": "2020-01-01,100\n2020-01-03,200\n2020-01-04,100\n",
        "validation/c2.csv": "Date,Refugee_numbers\n2020-01-01,0\n2020-01-05,400\n",
        "validation/c2-out.csv": "2020-01-01,0\n2020-01-05,40\n",
        **override,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def test_a_case_is_read_with_its_camps_conflicts_and_summed_files(tmp_path):
    case = read_case(tiny(tmp_path))
    assert (case.days, case.camps, case.unmapped) == (5, ["C1", "C2"], [])
    assert list(case.conflict) == ["Zone", "Far"]  # the all-zero unknown column is ignored
    assert list(case.conflict["Far"]) == [False, False, True, True, True]
    assert case.reports["C2"] == [(0, 0.0), (4, 440.0)]  # inside and outside the camp
    assert case.closures == [(2, ("camp", "C2", "", 0, 1))]


def test_registration_correction_scales_earlier_reports_to_join_the_first_reliable(tmp_path):
    case = read_case(tiny(tmp_path))
    # Reliable from day 3 (count 100); the last earlier report (200) is scaled to 100.
    assert corrected(case, "C1") == [(0, 50.0), (2, 100.0), (3, 100)]
    obs = observed(case)
    assert list(obs["C1"]) == [50.0, 75.0, 100.0, 100.0, 100.0]  # held after the last
    assert list(obs["C2"]) == [0.0, 110.0, 220.0, 330.0, 440.0]


def test_arrivals_make_up_a_fall_before_anyone_new_counts():
    obs = {"a": np.array([10.0, 20, 15, 18, 30]), "b": np.zeros(5)}
    # +10; −5 is owed; +3 pays 3 of it; of +12, 2 pay the rest and 10 are new
    assert list(arrivals(obs)) == [0.0, 10.0, 0.0, 0.0, 10.0]


def test_ard_by_hand():
    obs = {"a": np.array([10.0, 20.0]), "b": np.array([10.0, 20.0])}
    sim = {"a": np.array([20.0, 20.0]), "b": np.array([0.0, 10.0])}
    # day 0: (10 + 10) / 20 = 1; day 1: (0 + 10) / 40 = 0.25
    assert ard(sim, obs) == pytest.approx(0.625)
    # rescaled: day 0 already sums to 20; day 1: 30 → 40, a 26.67, b 13.33
    assert ard(sim, obs, rescaled=True) == pytest.approx((1 + (6.6667 + 6.6667) / 40) / 2,
                                                         abs=1e-4)
    assert ard(obs, obs) == 0.0


def test_naive_forecasts_by_hand(tmp_path):
    case = read_case(tiny(tmp_path))
    obs = observed(case)
    daily = arrivals(obs)  # 135, 135, 110, 110 from day 1
    split = capacity_split(case, obs)
    assert split["C2"][4] == pytest.approx(0 + daily.sum() * 3000 / 4000)
    near = nearest_camp(case, obs)
    # Zone is nearest C1 (20 km); Far, active from day 2, nearest C2 (5 km); 300:100.
    to_c2 = daily[2] * 0.25 + daily[3] * 0.25 + daily[4] * 0.25
    assert near["C2"][4] == pytest.approx(to_c2)
    assert near["C1"][4] == pytest.approx(50 + daily[1] + 0.75 * daily[2:].sum())


@pytest.mark.parametrize("text", [
    "DateTime,Refugee_numbers\n2020-01-01,0\n2020-01-05,400\n",      # Flee's other header
    ",Refugee_numbers\n2020-01-01,0\n2020-01-05,400\n",              # a header with no name
    "# UNHCR portal, 2020\n2020-01-01,0\n# revised\n2020-01-05,400\n",  # comment rows
])
def test_count_files_are_read_as_flee_reads_them(tmp_path, text):
    case = read_case(tiny(tmp_path, **{"validation/c2.csv": text}))
    assert case.reports["C2"] == [(0, 0.0), (4, 440.0)]


@pytest.mark.parametrize("name,text,message", [
    ("input/locations.csv", "Zone,R,A,zero,0,conflict_zone,0,300\n",
     "locations.csv:1: latitude is not a number: 'zero'"),
    ("input/routes.csv", "Zone,Nowhere,10,\n", "routes.csv:1: unknown location 'Nowhere'"),
    ("input/sim_period.csv", "StartDate,2020-01-01\n", "sim_period.csv:1: needs StartDate"),
    ("validation/c1.csv", "2020-01-01,100\n2020-13-03,200\n",
     "c1.csv:2: not a date (YYYY-MM-DD): '2020-13-03'"),
    ("input/conflicts.csv", "#Day,Zone,Ghost\n0,1,1\n",
     "conflicts.csv:1: conflict at unknown location 'Ghost'"),
])
def test_broken_files_are_located(tmp_path, name, text, message):
    with pytest.raises(CaseError, match=re.escape(message)):
        read_case(tiny(tmp_path, **{name: text}))
    with pytest.raises(CaseError, match="cannot read"):
        read_case(tmp_path / "nothing")


@pytest.mark.parametrize("case,days,camps,capacity,nearest", [
    ("burundi", 396, 5, 0.333, 1.906),   # published: 0.33 and 1.91
    ("car", 820, 14, 0.365, 0.983),      # published: 0.36 and 0.97
])
def test_the_published_naive_figures_are_reproduced(case, days, camps, capacity, nearest):
    c = read_case(DATA / case)
    obs = observed(c)
    assert (c.days, len(c.camps)) == (days, camps)
    assert ard(capacity_split(c, obs), obs) == pytest.approx(capacity, abs=5e-4)
    assert ard(nearest_camp(c, obs), obs) == pytest.approx(nearest, abs=5e-4)
