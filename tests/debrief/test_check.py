"""`ttx check`: every strategy over seeds, rated by the debrief's code; flags on what can
be gamed, what doctrine fails, what never fires, never used or never applies."""

import json

import pytest

from debrief import check
from debrief.check import STRATEGIES, audit, flags
from simulator.cli import main
from simulator.language.validation import load_scenario
from tests.conftest import MINI, MINI_OBJECTIVES

# An inject no play can fire (appended to mini's MSEL, its last section): a sure flag.
NEVER = """  - id: never
    when: {metric: displaced, above: 100000000}
    from: Nobody
    to: [force]
    message: Everyone has left.
"""


@pytest.fixture(scope="module")
def mini_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("check") / "mini.yaml"
    path.write_text(MINI.read_text() + NEVER + MINI_OBJECTIVES)
    return path


@pytest.fixture(scope="module")
def result(mini_file):
    return audit(load_scenario(mini_file), STRATEGIES, seeds=2, jobs=1)


# --- flags on results built by hand ---------------------------------------------------------

def hand(ratings: dict, seeds: int = 20, fired=("i1",), accepted=(("force", "patrol"),),
         measure=None) -> dict:
    """A result: ``ratings[strategy]`` is the rating of task ``ct`` on each seed (missing
    seeds: U); doctrine orders ``accepted``; measure ``m`` has value ``measure`` on seed 0
    of every strategy."""
    plays = {}
    for s, given in ratings.items():
        given = list(given) + ["U"] * (seeds - len(given))
        plays[s] = [{"seed": k, "objectives": {"obj": given[k]}, "tasks": {"ct": given[k]},
                     "measures": {"ct": {"m": measure if k == 0 else None}},
                     "outcomes": {"civilian_deaths": 10.0 * (k + 1) * (s == "passive") + k,
                                  "unmet_need_person_days": 100.0 + k},
                     "decisions": {"accepted": 0, "rejected": 0}, "injects_fired": list(fired),
                     "accepted": [list(a) for a in accepted] if s == "doctrine" else []}
                    for k in range(seeds)]
    out = {"scenario": "hand", "seeds": seeds, "strategies": list(ratings),
           "objectives": [{"id": "obj", "tasks": [{"id": "ct", "team": "force", "measures": ["m"]}]}],
           "injects": [{"id": "i1", "hold": False}, {"id": "h1", "hold": True}],
           "actions": {"force": ["patrol"]}, "plays": plays}
    out["targets"] = check.targets(out)
    return out


def kinds(found: list[dict]) -> list[tuple]:
    return [(f["kind"], f.get("strategy")) for f in found]


def test_thresholds():
    assert (check.GAMED_P_SHARE, check.DOCTRINE_P_SHARE) == (0.05, 0.5)


def test_a_gamed_task_is_flagged_above_five_percent_of_seeds():
    ok = hand({"doctrine": "P" * 20, "spam": "P"}, measure=1.0)
    assert flags(ok) == []
    (f,) = flags(hand({"doctrine": "P" * 20, "spam": "PP"}, measure=1.0))
    assert f == {"kind": "gamed_task", "task": "ct", "strategy": "spam", "p_seeds": 2,
                 "seeds": 20, "share": 0.1, "limit": check.GAMED_P_SHARE, "text": f["text"]}
    assert f["text"] == ("ct: spam is rated P on 2/20 seeds (10%, more than 5%); its measures "
                         "pass without the judgement the task stands for")
    for s in ("passive", "random", "paperwork", "checklist"):
        assert kinds(flags(hand({"doctrine": "P" * 20, s: "SP" * 2}, measure=1.0))) == \
            [("gamed_task", s)]


def test_doctrine_failing_a_task_is_flagged_below_half_the_seeds():
    assert flags(hand({"doctrine": "P" * 10}, measure=1.0)) == []
    (f,) = flags(hand({"doctrine": "P" * 9}, measure=1.0))
    assert (f["kind"], f["task"], f["p_seeds"], f["share"]) == ("doctrine_fails", "ct", 9, 0.45)
    assert "doctrine n'obtient P que sur 9/20" in flags(hand({"doctrine": "P" * 9}, measure=1.0),
                                                        "fr")[0]["text"]


def test_injects_that_never_fire_but_not_held_ones():
    r = hand({"doctrine": "P" * 20}, fired=(), measure=1.0)
    (f,) = flags(r)
    assert (f["kind"], f["inject"], f["plays"]) == ("inject_never_fires", "i1", 20)
    assert check.held(r) == ["h1"]
    assert "held, fired only by the instructor: h1" in check.render(r, [])


def test_actions_doctrine_never_orders():
    (f,) = flags(hand({"doctrine": "P" * 20, "spam": ""}, accepted=(), measure=1.0))
    assert (f["kind"], f["action"], f["team"]) == ("action_unused", "patrol", "force")
    # Without doctrine in the audit there is nothing to say about it.
    assert flags(hand({"spam": ""}, accepted=(), measure=1.0)) == []


def test_measures_that_never_apply():
    (f,) = flags(hand({"doctrine": "P" * 20, "passive": ""}))
    assert (f["kind"], f["measure"], f["task"], f["plays"]) == \
        ("measure_never_applies", "m", "ct", 40)
    assert flags(hand({"doctrine": "P" * 20, "passive": ""}, measure=0.0)) == []


def test_targets_and_other_ratings():
    r = hand({"doctrine": ["P", "S", None, "U"], "random": ["S", "P", "U", "X"],
              "passive": []}, seeds=4)
    tg = r["targets"]
    assert tg["p_share"] == {"doctrine": 0.25, "random": 0.25, "passive": 0.0}
    # Seeds 1 (P over S) and 2 (U over not rated); another rating ranks below U.
    assert tg["random_above_doctrine"] == 0.5
    assert tg["medians"] == {"civilian_deaths": {"doctrine": 1.5, "passive": 26.5},
                             "unmet_need_person_days": {"doctrine": 101.5, "passive": 101.5}}
    row = next(line for line in check.table(r).splitlines() if line.startswith("  ct"))
    assert row.split()[1:] == ["P1", "S1", "U1", "-1", "P1", "S1", "U1", "X1", "U4"]


# --- the audit --------------------------------------------------------------------------------

def test_audit_collects_each_play(result):
    assert result["strategies"] == list(STRATEGIES) and result["seeds"] == 2
    for s in STRATEGIES:
        assert [p["seed"] for p in result["plays"][s]] == [0, 1]
        for p in result["plays"][s]:
            assert p["tasks"]["ct-presence"] in ("P", "S", "M", "U")
            assert set(p["measures"]["ct-presence"]) == {"m-deaths"}
            assert "warning" in p["injects_fired"] and "never" not in p["injects_fired"]
            assert {"civilian_deaths", "unmet_need_person_days", "incidents",
                    "principle_breaches", "humanitarian_access_final"} <= set(p["outcomes"])
    assert all(p["accepted"] == [] for p in result["plays"]["passive"])
    assert ["force", "patrol"] in result["plays"]["doctrine"][0]["accepted"]
    assert ["force", "patrol"] in result["plays"]["checklist"][0]["accepted"]
    json.dumps(result)  # plain data
    assert {"kind": "inject_never_fires", "inject": "never", "plays": 12,
            "text": "never: never fires in 12 plays; its trigger may be out of reach"} \
        in flags(result)


def test_audit_is_the_same_in_two_processes(result, mini_file):
    assert audit(load_scenario(mini_file), STRATEGIES, seeds=2, jobs=2) == result


def test_progress_lines(mini_file):
    seen = []
    audit(load_scenario(mini_file), ("passive", "doctrine"), seeds=2,
          progress=lambda *a: seen.append(a))
    assert seen == [("passive", 0, 1, 4), ("passive", 1, 2, 4), ("doctrine", 0, 3, 4),
                    ("doctrine", 1, 4, 4)]


# --- the command ------------------------------------------------------------------------------

def test_command_prints_and_writes(mini_file, tmp_path, capsys):
    out = tmp_path / "audit"
    assert main(["check", str(mini_file), "--seeds", "2", "--jobs", "1", "--out", str(out),
                 "--strategies", "doctrine", "passive", "spam"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0] == "mini: every team plays each of 3 strategies over 2 seeds"
    head = next(line for line in lines if line.startswith("objective / critical task"))
    assert head.split()[-3:] == ["doctrine", "passive", "spam"]
    # Tasks by their titles (the ids stay in check.json for the author).
    assert any(line.startswith("  Presence before the raid ") for line in lines)
    start = lines.index(head) + 1
    rows = lines[start:lines.index("", start)]
    assert rows and not any("ct-presence" in line for line in rows)
    assert any(line.startswith("civilian deaths ") for line in lines)
    assert "check: passive seed 2/2 done (4/6)" in captured.err
    data = json.loads((out / "check.json").read_text())
    assert data["strategies"] == ["doctrine", "passive", "spam"]
    assert {f["kind"] for f in data["flags"]} >= {"inject_never_fires"}
    page = (out / "check.html").read_text()
    assert '<span class="g g-' in page and "ct-presence" in page
    assert "http" not in page.replace('charset="utf-8"', "")


def test_strict_exits_1_on_a_flag(mini_file, capsys):
    args = ["check", str(mini_file), "--seeds", "1", "--jobs", "1", "--strategies", "passive",
            "--quiet"]
    assert main(args) == 0
    assert main(args + ["--strict"]) == 1
    out = capsys.readouterr().out
    assert "  - never: never fires in 1 plays; its trigger may be out of reach" in out


def test_command_in_french(mini_file, capsys):
    assert main(["--lang", "fr", "check", str(mini_file), "--seeds", "1", "--jobs", "1",
                 "--strategies", "passive", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "objectif / tâche critique" in out and "alertes (" in out


@pytest.mark.parametrize("args, message", [
    (["--seeds", "0"], "error: --seeds must be 1 or more, got 0"),
    (["--strategies", "genius"], "error: unknown strategy 'genius' (strategies: doctrine, "
                                 "passive, random, spam, paperwork, checklist)"),
    (["--jobs", "-1"], "error: --jobs must be 0 (one per core) or more, got -1"),
])
def test_usage_errors(mini_file, capsys, args, message):
    assert main(["check", str(mini_file), *args]) == 1
    assert capsys.readouterr().err == message + "\n"


def test_invalid_scenario_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("metadata: {id: x}\n")
    assert main(["check", str(bad), "--quiet"]) == 2
    assert "7 problems found" in capsys.readouterr().err
