"""One exercise exported to an archive and imported into another database: the same
replay and ratings, no secret in the file, and a damaged or foreign archive refused
with nothing stored."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from simulator.classroom import archive
from simulator.classroom.archive import ArchiveError, export_exercise, import_exercise
from simulator.classroom.courses import Courses
from simulator.classroom.live import LiveExercise
from simulator.classroom.store import Store
from simulator.portal.assessment import ratings_so_far
from tests.simulator.classroom.played import COHORT, COURSE, SCENARIO, played_exercise


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """A played exercise and its archive (built once: the play takes a few seconds)."""
    folder = tmp_path_factory.mktemp("source")
    played = played_exercise(folder / "ttx.db")
    export_exercise(folder / "ttx.db", played.exercise, folder / "exercise.zip")
    return played, folder / "exercise.zip"


def dump(db: Path) -> list[str]:
    """Everything in a database, schema and rows, to compare before and after."""
    with sqlite3.connect(db) as q:
        return list(q.iterdump())


def ratings(store: Store, ex: int) -> list:
    live = LiveExercise.load(store, ex)
    return [(o.id, o.rating, [(task.id, task.rating) for task in o.tasks])
            for o in ratings_so_far(live)]


def rewrite(path: Path, out: Path, name: str, change, fix_checksum: bool = True) -> Path:
    """A copy of an archive with one file changed (and its checksum in the manifest made
    to match, as someone editing it on purpose would)."""
    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    files[name] = change(files[name])
    if fix_checksum:
        manifest = json.loads(files["manifest.json"])
        manifest["files"][name] = hashlib.sha256(files[name]).hexdigest()
        files["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(out, "w") as z:
        for n, data in files.items():
            z.writestr(n, data)
    return out


# The refusals, as the archive module words them (English, translated where shown).
ARCHIVE_CHECKSUM = ("{member} does not match its checksum in manifest.json: it was changed or damaged "
                    "after the export")
ARCHIVE_FOREIGN = "not an exercise archive written by 'ttx export' (no ttx manifest.json)"
ARCHIVE_MISSING_FILE = "{member} is missing"
ARCHIVE_NOT_ZIP = "not a readable zip archive (damaged, truncated or another kind of file): {detail}"
ARCHIVE_REPLAY_MISMATCH = ("replaying the inputs gives hash {found}…, the archive says {expected}…: the "
                           "inputs were changed, or this program's versions differ (archive / here: "
                           "{versions}); nothing was imported")
ARCHIVE_STATE_MISMATCH = ("exercise.json says {phase}, turn {turn}; its inputs lead to {replayed}, turn "
                          "{replayed_turn}")
ARCHIVE_TOO_LARGE = "too large: {size} MB, the limit is {limit} MB"
ARCHIVE_UNEXPECTED_FILE = "unexpected file {member!r} in the archive"
ARCHIVE_UNREADABLE = "cannot read or write it: {detail}"
ARCHIVE_VERSION = ("archive format version {found}; this program reads version {known} (update the "
                   "program, or export again with this one)")
EXPORT_UNKNOWN_EXERCISE = "no exercise {exercise} in this database ('ttx export --list' shows them)"
IMPORT_FAILED = "nothing was imported: {detail}"
NO_DATABASE = "no database here"
OUT_EXISTS = "already exists: choose another name"


def edit_json(function):
    def change(raw: bytes) -> bytes:
        data = json.loads(raw)
        function(data)
        return json.dumps(data).encode()
    return change


def refused(path: Path, db: Path, message: str) -> ArchiveError:
    with pytest.raises(ArchiveError) as caught:
        import_exercise(path, db)
    assert caught.value.message == message, caught.value
    assert str(path) in caught.value.text("en") and str(path) in caught.value.text("fr")
    return caught.value


def test_the_archive_is_plain_files_with_a_manifest(source):
    played, path = source
    with zipfile.ZipFile(path) as z:
        assert z.namelist() == ["manifest.json", "exercise.json", "scenario.yaml",
                                "inputs.json", "notes.json", "overrides.json", "course.json"]
        manifest = json.loads(z.read("manifest.json"))
        assert z.read("scenario.yaml").decode() == SCENARIO
        exercise = json.loads(z.read("exercise.json"))
        inputs = json.loads(z.read("inputs.json"))
        course = json.loads(z.read("course.json"))
    live = LiveExercise.load(played.store, played.exercise)
    assert manifest["format"] == "ttx-exercise" and manifest["format_version"] == 1
    assert manifest["replay_hash"] == live.replay_hash()
    assert manifest["program"]["ttx-sim"] and manifest["program"]["numpy"]
    assert manifest["counts"] == {"teams": 4, "inputs": 14, "notes": 2, "overrides": 1,
                                  "members": 3, "signoffs": 2}
    assert (exercise["name"], exercise["seed"], exercise["lang"], exercise["phase"],
            exercise["turn"]) == ("Inner Delta, group B", 3, "fr", "finished", 4)
    assert exercise["teams"][1] == {"team": "police", "bot": "doctrine"}
    assert "fallback_english" not in exercise  # written only when chosen
    stored = played.store.inputs(played.exercise)
    assert [(i["kind"], i["turn"], i["team"], i["payload"]) for i in inputs] == \
        [(i.kind, i.turn, i.team, i.payload) for i in stored]
    assert course["course"]["name"] == COURSE.name
    assert course["members"] == {"civilian": ["Fatou Ndiaye"],
                                 "force": ["Aïssata Maïga", "Boubacar Diallo"]}
    assert [(s["trainee"], s["status"]) for s in course["signoffs"]] == \
        [("Aïssata Maïga", "met"), ("Fatou Ndiaye", "not_yet_met")]
    assert path.stat().st_mode & 0o777 == 0o600


def test_no_code_session_csrf_link_or_device_key_is_in_the_archive(source):
    played, path = source
    with zipfile.ZipFile(path) as z:
        content = path.read_bytes() + b"".join(z.read(n) for n in z.namelist())
    assert len(played.secrets) >= 20
    for what, text in played.secrets.items():
        assert text.encode() not in content, what
    # and they are in the database, so the search above is not vacuous
    raw = b"".join(p.read_bytes() for p in played.store.path.parent.glob("ttx.db*"))
    assert played.secrets["team session hash"].encode() in raw
    assert played.secrets["evaluator code hash"].encode() in raw


def test_import_gives_the_same_replay_ratings_and_evaluation(source, tmp_path):
    played, path = source
    target = Store(tmp_path / "other.db")
    courses = Courses(target)
    target.create_exercise("another", SCENARIO, 1, "en", {"force": None})  # ids differ
    course = courses.create(COURSE)
    courses.enrol(course, COHORT[1:])  # all but Aïssata Maïga
    done = import_exercise(path, tmp_path / "other.db")
    assert done.exercise == 2 and done.name == "Inner Delta, group B"
    src, ex = played.store, played.exercise
    assert LiveExercise.load(target, done.exercise).replay_hash() == \
        LiveExercise.load(src, ex).replay_hash()
    assert ratings(target, done.exercise) == ratings(src, ex)
    row, was = target.exercise(done.exercise), src.exercise(ex)
    assert [row[k] for k in ("name", "scenario", "seed", "lang", "phase", "turn", "paused")] == \
        [was[k] for k in ("name", "scenario", "seed", "lang", "phase", "turn", "paused")]
    assert target.teams(done.exercise) == src.teams(ex)
    assert [dict(o) | {"exercise": 0} for o in target.overrides(done.exercise)] == \
        [dict(o) | {"exercise": 0} for o in src.overrides(ex)]
    assert [(n["turn"], n["team"], n["task"], n["text"]) for n in target.notes(done.exercise)] \
        == [(n["turn"], n["team"], n["task"], n["text"]) for n in src.notes(ex)]
    assert not target.read("SELECT 1 FROM credential WHERE exercise = ?", (done.exercise,))
    # the course of the same name gets the exercise, the members and sign-offs found by name
    # (Aïssata Maïga is not enrolled here: her place and sign-off stay behind)
    assert courses.course_of(done.exercise) == course
    names = {r["id"]: r["name"] for r in courses.trainees(course)}
    assert {t: [names[m] for m in ms] for t, ms in courses.members(done.exercise).items()} == \
        {"force": ["Boubacar Diallo"], "civilian": ["Fatou Ndiaye"]}
    assert [(names[s["trainee"]], s["status"], s["exercise"]) for s in courses.signoffs(course)] \
        == [("Fatou Ndiaye", "not_yet_met", done.exercise)]
    assert (done.course, done.placed, done.members, done.signoffs, done.signoffs_total) == \
        (COURSE.name, True, 2, 1, 2)


def test_without_the_course_the_exercise_comes_alone(source, tmp_path):
    played, path = source
    done = import_exercise(path, tmp_path / "new.db")  # a laptop with no database yet
    assert (done.exercise, done.course, done.placed, done.signoffs) == (1, COURSE.name, False, 0)
    store = Store(tmp_path / "new.db")
    assert Courses(store).course_of(1) is None
    assert not store.read("SELECT 1 FROM signoff") and not store.read("SELECT 1 FROM member")


def test_a_practice_exercise_stays_practice_and_its_link_stays_behind(tmp_path):
    store = Store(tmp_path / "ttx.db")
    offer, link = store.add_practice_offer("Self-paced", SCENARIO, "force", 2, "en")
    ex = store.create_practice(offer, {"force": None, "police": "doctrine",
                                       "civilian": "doctrine", "humanitarian": "doctrine"},
                               "10.0.0.9")
    live = LiveExercise.load(store, ex)
    live.start()
    live.submit("force", [{"action": "patrol", "params": {"unit": "coy_a",
                                                          "location": "village"}}])
    live.end_turn("force", 1)
    export_exercise(tmp_path / "ttx.db", ex, tmp_path / "practice.zip")
    assert link.replace("-", "").encode() not in (tmp_path / "practice.zip").read_bytes()
    done = import_exercise(tmp_path / "practice.zip", tmp_path / "other.db")
    other = Store(tmp_path / "other.db")
    assert other.is_practice(done.exercise)
    assert [(r["offer_name"], r["team"]) for r in other.practice_exercises()] == \
        [("Self-paced", "force")]
    assert other.practice_offers()[0]["revoked"] is not None
    assert other.practice_offer(link) is None
    # the practice turn's own keys come along: ending turn 1 again stores nothing
    again = LiveExercise.load(other, done.exercise)
    assert again.replay_hash() == live.replay_hash()
    again.end_turn("force", 1)
    assert len(other.inputs(done.exercise)) == len(store.inputs(ex))


def test_the_choice_of_english_for_missing_texts_goes_with_the_exercise(tmp_path,
                                                                          extra_language):
    store = Store(tmp_path / "ttx.db")
    ex = store.create_exercise("In xx", SCENARIO, 2, extra_language, {"force": None},
                               fallback_english=True)
    export_exercise(tmp_path / "ttx.db", ex, tmp_path / "xx.zip")
    with zipfile.ZipFile(tmp_path / "xx.zip") as z:
        exercise = json.loads(z.read("exercise.json"))
    assert (exercise["lang"], exercise["fallback_english"]) == ("xx", True)
    done = import_exercise(tmp_path / "xx.zip", tmp_path / "other.db")
    other = Store(tmp_path / "other.db")
    assert other.fallback_english(done.exercise)
    assert other.exercise(done.exercise)["lang"] == "xx"


def test_changed_inputs_are_refused_and_nothing_is_stored(source, tmp_path):
    _, path = source
    Courses(Store(tmp_path / "other.db"))  # a portal's database, its course tables too
    before = dump(tmp_path / "other.db")

    def move_patrol(inputs):
        submit = next(i for i in inputs if i["kind"] == "submit")
        submit["payload"]["decisions"][0]["params"]["location"] = "town"
    changed = rewrite(path, tmp_path / "changed.zip", "inputs.json", edit_json(move_patrol))
    error = refused(changed, tmp_path / "other.db", ARCHIVE_REPLAY_MISMATCH)
    assert "nothing was imported" in error.text("en")
    unsigned = rewrite(path, tmp_path / "unsigned.zip", "inputs.json", edit_json(move_patrol),
                       fix_checksum=False)
    refused(unsigned, tmp_path / "other.db", ARCHIVE_CHECKSUM)
    notes = rewrite(path, tmp_path / "notes.zip", "notes.json", lambda b: b.replace(b"late",
                                                                                     b"early"),
                    fix_checksum=False)
    refused(notes, tmp_path / "other.db", ARCHIVE_CHECKSUM)
    state = rewrite(path, tmp_path / "state.zip", "exercise.json",
                    edit_json(lambda e: e.update(phase="open")))
    refused(state, tmp_path / "other.db", ARCHIVE_STATE_MISMATCH)
    assert dump(tmp_path / "other.db") == before


def test_a_failure_while_storing_rolls_everything_back(source, tmp_path):
    """Two inputs with one key pass the replay (keys do not change it) but not the
    database's rule of one input per key: the rows written before it are undone."""
    _, path = source
    Courses(Store(tmp_path / "other.db"))  # a portal's database, its course tables too
    before = dump(tmp_path / "other.db")

    def same_key(inputs):
        for item in inputs[-2:]:
            item["key"] = "twice"
    clash = rewrite(path, tmp_path / "clash.zip", "inputs.json", edit_json(same_key))
    refused(clash, tmp_path / "other.db", IMPORT_FAILED)
    assert dump(tmp_path / "other.db") == before


def zip_of(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return path


def test_broken_foreign_and_oversized_archives_are_refused(source, tmp_path):
    _, path = source
    db = tmp_path / "never.db"
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(path.read_bytes()[:len(path.read_bytes()) // 2])
    refused(truncated, db, ARCHIVE_NOT_ZIP)
    text = tmp_path / "notes.txt"
    text.write_text("minutes of the meeting\n")
    refused(text, db, ARCHIVE_NOT_ZIP)
    refused(zip_of(tmp_path / "photos.zip", {"photo.jpg": b"\xff\xd8"}), db, ARCHIVE_FOREIGN)
    refused(zip_of(tmp_path / "other.zip", {"manifest.json": b'{"format": "other-tool"}'}), db,
            ARCHIVE_FOREIGN)
    newer = rewrite(path, tmp_path / "newer.zip", "manifest.json",
                    edit_json(lambda m: m.update(format_version=2)), fix_checksum=False)
    assert "version 2" in refused(newer, db, ARCHIVE_VERSION).text("en")
    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    refused(zip_of(tmp_path / "extra.zip", {**files, "run.sh": b"rm -rf /"}), db,
            ARCHIVE_UNEXPECTED_FILE)
    refused(zip_of(tmp_path / "missing.zip", {k: v for k, v in files.items()
                                              if k != "notes.json"}), db, ARCHIVE_MISSING_FILE)
    # a zip bomb: 60 MB of zeros in a few kilobytes, refused from its stated size
    bomb = zip_of(tmp_path / "bomb.zip", {**files, "inputs.json": bytes(60 * 2**20)})
    assert bomb.stat().st_size < 2**20
    assert "limit is 50.0 MB" in refused(bomb, db, ARCHIVE_TOO_LARGE).text("en")
    big = tmp_path / "big.zip"
    with big.open("wb") as f:
        f.truncate(archive.MAX_BYTES + 1)
    refused(big, db, ARCHIVE_TOO_LARGE)
    refused(tmp_path / "absent.zip", db, ARCHIVE_UNREADABLE)
    assert not db.exists()  # nothing was created for any of them


def test_export_refusals_write_nothing(source, tmp_path):
    played, path = source
    db = played.store.path
    with pytest.raises(ArchiveError) as caught:
        export_exercise(db, 99, tmp_path / "x.zip")
    assert caught.value.message == EXPORT_UNKNOWN_EXERCISE
    with pytest.raises(ArchiveError) as caught:
        export_exercise(tmp_path / "typo.db", 1, tmp_path / "x.zip")
    assert caught.value.message == NO_DATABASE and not (tmp_path / "typo.db").exists()
    before = path.read_bytes()
    with pytest.raises(ArchiveError) as caught:
        export_exercise(db, played.exercise, path)
    assert caught.value.message == OUT_EXISTS and path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_scenario_changed_by_hand_is_reported_where_it_is_wrong(source, tmp_path):
    from simulator.language.yamlsafe import InputError

    _, path = source
    broken = rewrite(path, tmp_path / "scenario.zip", "scenario.yaml",
                     lambda b: b.replace(b"turns: 4", b"turns: four"))
    with pytest.raises(InputError) as caught:
        import_exercise(broken, tmp_path / "never.db")
    assert "scenario.yaml" in caught.value.problems[0].text("en")
    assert not (tmp_path / "never.db").exists()


@pytest.mark.parametrize("stop", ["setup", "open", "paused", "closed"])
def test_an_exercise_exported_mid_play_is_imported_where_it_stopped(tmp_path, stop):
    store = Store(tmp_path / "ttx.db")
    ex = store.create_exercise("mid", SCENARIO, 4, "en", {"force": None, "police": "passive",
                                                          "civilian": None, "humanitarian": None})
    live = LiveExercise.load(store, ex)
    if stop != "setup":
        live.start()
        live.submit("force", [{"action": "patrol", "params": {"unit": "coy_a",
                                                              "location": "village"}}])
    if stop == "paused":
        live.pause()
    if stop == "closed":
        live.close()
    export_exercise(tmp_path / "ttx.db", ex, tmp_path / "mid.zip")
    done = import_exercise(tmp_path / "mid.zip", tmp_path / "other.db")
    other = Store(tmp_path / "other.db")
    again = LiveExercise.load(other, done.exercise)
    assert again.replay_hash() == live.replay_hash()
    assert again.submitted() == live.submitted()
    row, was = other.exercise(done.exercise), store.exercise(ex)
    assert (row["phase"], row["turn"], row["paused"]) == (was["phase"], was["turn"],
                                                          was["paused"])
