"""Cohort comparison: exercises of one course on the same scenario and seed side by side,
with the doctrine and passive references and the differences that may be luck."""

import pytest

from tests.portal.conftest import User, command
from tests.portal.test_course_records import play_poc
from tests.portal.test_courses_api import COURSE


def play_doctrine(instructor: User) -> dict:
    """The same scenario and seed, the force played by the doctrine bot."""
    made = instructor.post("/api/exercises", {
        "name": "Inner delta (syndicate B)", "scenario": "poc-inner-delta", "seed": 1,
        "lang": "en", "bots": {t: "doctrine" for t in ("force", "police", "civilian",
                                                       "humanitarian")}}).json()
    command(instructor, made["id"], "start")
    while command(instructor, made["id"], "close")["phase"] != "finished":
        command(instructor, made["id"], "open")
    return made


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    from simulator.portal import create_app
    app = create_app(tmp_path_factory.mktemp("cohort") / "ttx.db")
    instructor = User(app, app.state.store.add_credential("instructor"))
    c = instructor.post("/api/courses", COURSE).json()["id"]
    a, b = play_poc(instructor), play_doctrine(instructor)
    unfinished = instructor.post("/api/exercises", {
        "name": "Not played", "scenario": "poc-inner-delta", "seed": 1, "lang": "en",
        "bots": {}}).json()
    for made in (a, b, unfinished):
        assert instructor.post(f"/api/courses/{c}/exercises/{made['id']}",
                               {"teams": {}}).status_code == 200
    r = instructor.get(f"/api/courses/{c}/cohort?seeds=2")
    assert r.status_code == 200, r.text
    return {"app": app, "instructor": instructor, "course": c, "a": a, "b": b,
            "got": r.json()}


def test_the_two_finished_plays_of_one_scenario_and_seed_side_by_side(compared):
    (group,) = compared["got"]["groups"]
    assert (group["scenario"], group["seed"], group["seeds"]) == ("poc-inner-delta", 1, 2)
    assert [e["id"] for e in group["exercises"]] == [compared["a"]["id"], compared["b"]["id"]]
    a, b = str(compared["a"]["id"]), str(compared["b"]["id"])
    presence = next(t for t in group["tasks"] if t["task"] == "ct_deter")
    assert presence["team"] == "force" and presence["title"]["en"].startswith("Deploy presence")
    # A force that did nothing against the doctrine: not luck; the passive force never
    # earned the doctrine's rating on the other seeds either.
    assert (presence["finals"][a], presence["finals"][b]) == ("U", "P")
    assert presence["luck"] is False and "P" not in presence["over_seeds"][a]
    deaths = next(o for o in group["outcomes"] if o["key"] == "civilian_deaths")
    assert deaths["actual"][a] > deaths["actual"][b]
    assert set(deaths["bands"][a]) == {"median", "p10", "p90"}
    assert deaths["doctrine"]["median"] < deaths["passive"]["median"]
    assert isinstance(deaths["luck"], bool)
    same = [t for t in group["tasks"] if len(set(t["finals"].values())) == 1]
    assert all(t["luck"] is False for t in same)  # no difference, nothing to explain


def test_only_the_instructor_and_the_course_evaluators_compare(compared):
    c = compared["course"]
    team = User(compared["app"], compared["a"]["codes"]["teams"]["force"])
    assert team.get(f"/api/courses/{c}/cohort").status_code == 403
    assert compared["instructor"].get(f"/api/courses/{c}/cohort?seeds=50").status_code == 422


def test_the_replays_over_seeds_run_outside_the_servers_interpreter(compared, monkeypatch):
    """The server's own seed bands are broken here: the comparison still comes, the same,
    because its replays run in the debrief worker, not where submissions are answered."""
    import debrief.cohort

    def in_the_server(*args, **kwargs):
        raise AssertionError("a replay in the server's interpreter")

    monkeypatch.setattr(debrief.cohort, "seed_bands", in_the_server)
    r = compared["instructor"].get(f"/api/courses/{compared['course']}/cohort?seeds=2")
    assert r.status_code == 200 and r.json() == compared["got"]
