"""One exercise as a file to keep or to carry to another laptop, and a safe copy of a
whole portal database.

An exercise archive is a zip of plain files, readable without the program:

    manifest.json   format, format_version, the program's versions, the source exercise's
                    id, its replay hash, counts, and the SHA-256 of every other file
    exercise.json   name, seed, language, created, phase, turn, paused, the teams (a bot
                    kind, or null: played by people), for a practice exercise the name
                    of its offer and the team the trainee played, and fallback_english
                    (only when the instructor chose it: the texts the scenario lacks in
                    the language shown in English, marked)
    scenario.yaml   the scenario text exactly as stored
    inputs.json     every stored input in order: turn, kind, team, payload, key, created
    notes.json      the evaluators' notes
    overrides.json  the evaluators' rating overrides
    course.json     the course it belongs to (name, school, dates; null if none), the
                    trainees of each team and the sign-offs tied to it, by trainee name

It holds no secret: no join code or code hash, no session, no CSRF token, no practice
link, and none of the keys a device chose for its own submissions. ``import_exercise``
checks everything (size, format, checksums, the replay hash) before it stores anything,
then stores the exercise under a new id in one transaction. ``backup`` copies a whole
database with SQLite's online backup, safe while ``ttx serve`` writes to it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from debrief.overrides import Override
from simulator import i18n
from simulator.classroom.courses import Courses, framework_of
from simulator.classroom.live import LiveExercise
from simulator.classroom.store import KINDS, Input, Store, digest, new_token
from simulator.i18n import N_, tr
from simulator.language.validation import scenario_from_text
from simulator.provenance import versions

FORMAT, FORMAT_VERSION = "ttx-exercise", 1
MAX_BYTES = 50 * 2**20  # an archive, and everything in it once uncompressed
MANIFEST = "manifest.json"
FILES = ("exercise.json", "scenario.yaml", "inputs.json", "notes.json", "overrides.json",
         "course.json")
# The keys of these inputs were chosen by a device for its own retries; they mean nothing
# on another laptop, so they stay behind. The exercise's own keys (release, a practice
# turn's close-N and open-N) keep those commands once-only after an import.
DEVICE_KEYED = ("submit", "withdraw")


class ArchiveError(Exception):
    """What is wrong, named by the file concerned: a message (English, as ``simulator.i18n``
    translates it) and its values, so the command line says it in the reader's language."""

    def __init__(self, path: Path, message: str, **values):
        super().__init__(f"{path}: {message.format(**values)}")
        self.path, self.message, self.values = path, message, values

    def text(self, lang: str) -> str:
        return tr("{file}: {problem}", lang, file=self.path,
                  problem=tr(self.message, lang, **self.values))


# --- what each file of an archive holds -----------------------------------------------

class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Team(_Model):
    team: str = Field(min_length=1, max_length=100)
    bot: str | None = Field(None, max_length=100, description="null: played by people")


class Practice(_Model):
    offer: str = Field(max_length=200, description="the name of the practice offer")
    team: str = Field(max_length=100, description="the team the trainee played")


class ExerciseFile(_Model):
    name: str = Field(min_length=1, max_length=200)
    seed: int = Field(ge=0, lt=2**63)
    lang: str = Field(description="a language with a catalogue (simulator.i18n.LANGUAGES)")
    created: float
    phase: Literal["setup", "open", "closed", "finished"]
    turn: int = Field(ge=0)
    paused: bool
    teams: list[Team] = Field(min_length=1)
    practice: Practice | None = None
    # Written only when chosen, so that an archive without it reads as before.
    fallback_english: bool = Field(False, description="the instructor chose to play it in a "
                                   "language the scenario is not wholly written in, each "
                                   "missing text shown in English, marked")

    @field_validator("lang")
    @classmethod
    def _known_language(cls, lang: str) -> str:
        if lang not in i18n.LANGUAGES:
            raise ValueError(f"unknown language {lang!r} (known: {', '.join(i18n.LANGUAGES)})")
        return lang


class InputItem(_Model):
    turn: int = Field(ge=0)
    kind: Literal[KINDS]
    team: str | None
    payload: dict
    key: str | None = Field(max_length=300)
    created: float


class NoteItem(_Model):
    turn: int = Field(ge=0)
    team: str | None
    task: str | None
    text: str
    created: float


class CourseInfo(_Model):
    name: str
    school: str
    start: str
    end: str


class SignOffItem(_Model):
    trainee: str = Field(description="the trainee's name")
    competency: str
    status: Literal["met", "not_yet_met"]
    comment: str
    evaluator: str
    created: float


class CourseFile(_Model):
    course: CourseInfo | None
    members: dict[str, list[str]] = Field(description="team → the names of its trainees")
    signoffs: list[SignOffItem]


class Manifest(_Model):
    format: str
    format_version: int
    program: dict[str, str]
    exported: str
    exercise: int
    replay_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    counts: dict[str, int]
    files: dict[str, str] = Field(description="file name → SHA-256 of its bytes")


@dataclass(frozen=True)
class Archive:
    """An archive's content, checked: every file parsed and the replay hash verified."""
    manifest: Manifest
    exercise: ExerciseFile
    scenario: str
    inputs: list[InputItem]
    notes: list[NoteItem]
    overrides: list[Override]
    course: CourseFile


@dataclass(frozen=True)
class Imported:
    """What an import stored: the new exercise's id, and how much of its course data."""
    exercise: int
    name: str
    course: str | None  # the course it was placed in, or the one missing here
    placed: bool  # whether that course exists here (members and sign-offs imported)
    members: int
    signoffs: int
    signoffs_total: int


# --- export ---------------------------------------------------------------------------

def export_exercise(db: Path, ex: int, out: Path) -> Manifest:
    """Write exercise ``ex`` of database ``db`` to the archive ``out`` (mode 0600)."""
    store = _existing_store(db)
    Courses(store)  # the course tables, read with the exercise
    archive = _read_exercise(store, db, ex)
    exercise = archive.exercise.model_dump(exclude={"fallback_english"} if not
                                           archive.exercise.fallback_english else None)
    files = {"exercise.json": _json(exercise),
             "scenario.yaml": archive.scenario.encode("utf-8"),
             "inputs.json": _json([i.model_dump() for i in archive.inputs]),
             "notes.json": _json([n.model_dump() for n in archive.notes]),
             "overrides.json": _json([o.model_dump() for o in archive.overrides]),
             "course.json": _json(archive.course.model_dump())}
    manifest = archive.manifest.model_copy(update={"files": {
        name: hashlib.sha256(data).hexdigest() for name, data in files.items()}})
    files = {MANIFEST: _json(manifest.model_dump()), **files}
    size = sum(map(len, files.values()))
    if size > MAX_BYTES:
        raise ArchiveError(out, N_("too large: {size} MB, the limit is {limit} MB"),
                           size=_mb(size), limit=_mb(MAX_BYTES))
    with private_file(out) as part:
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in files.items():
                z.writestr(name, data)
    return manifest


def _read_exercise(store: Store, db: Path, ex: int) -> Archive:
    """Exercise ``ex`` as archive content, read in one transaction (one moment, even
    while the portal writes), its replay hash computed from the inputs read."""
    with store.reading() as q:
        row = q.execute("SELECT * FROM exercise WHERE id = ?", (ex,)).fetchone()
        if row is None:
            raise ArchiveError(db, N_("no exercise {exercise} in this database ('ttx export --list' shows "
                                      "them)"), exercise=ex)
        teams = [Team(team=r["team"], bot=r["bot"]) for r in q.execute(
            "SELECT team, bot FROM team WHERE exercise = ? ORDER BY rowid", (ex,))]
        offer = q.execute("SELECT name, team FROM practice_offer WHERE id = ?",
                          (row["practice"],)).fetchone() if row["practice"] is not None else None
        inputs = [InputItem(turn=r["turn"], kind=r["kind"], team=r["team"],
                            payload=json.loads(r["payload"]), created=r["created"],
                            key=None if r["kind"] in DEVICE_KEYED else r["key"])
                  for r in q.execute("SELECT * FROM input WHERE exercise = ? ORDER BY seq",
                                     (ex,))]
        notes = [NoteItem(**{k: r[k] for k in ("turn", "team", "task", "text", "created")})
                 for r in q.execute("SELECT * FROM note WHERE exercise = ? ORDER BY id", (ex,))]
        overrides = [Override.model_construct(**{k: r[k] for k in ("task", "rating",
                                                                   "justification")})
                     for r in q.execute("SELECT * FROM override WHERE exercise = ? "
                                        "ORDER BY task", (ex,))]
        course = _course_of(q, ex)
    exercise = ExerciseFile(name=row["name"], seed=row["seed"], lang=row["lang"],
                            created=row["created"], phase=row["phase"], turn=row["turn"],
                            paused=bool(row["paused"]), teams=teams,
                            practice=Practice(offer=offer["name"], team=offer["team"])
                            if offer else None, fallback_english=bool(row["fallback_english"]))
    live = _replay(db, exercise, row["scenario"], inputs)
    manifest = Manifest(format=FORMAT, format_version=FORMAT_VERSION, program=program(),
                        exported=datetime.now(UTC).isoformat(timespec="seconds"), exercise=ex,
                        replay_hash=live.replay_hash(),
                        counts={"teams": len(teams), "inputs": len(inputs),
                                "notes": len(notes), "overrides": len(overrides),
                                "members": sum(map(len, course.members.values())),
                                "signoffs": len(course.signoffs)}, files={})
    return Archive(manifest, exercise, row["scenario"], inputs, notes, overrides, course)


def _course_of(q: sqlite3.Connection, ex: int) -> CourseFile:
    """The course of exercise ``ex``, its teams' trainees and the sign-offs given by its
    evaluators, by trainee name (ids mean nothing on another laptop)."""
    row = q.execute("SELECT c.* FROM course c JOIN course_exercise x ON x.course = c.id "
                    "WHERE x.exercise = ?", (ex,)).fetchone()
    if row is None:
        return CourseFile(course=None, members={}, signoffs=[])
    members: dict[str, list[str]] = {}
    for r in q.execute("SELECT m.team, t.name FROM member m JOIN trainee t ON t.id = m.trainee"
                       " WHERE m.exercise = ? ORDER BY m.team, t.name", (ex,)):
        members.setdefault(r["team"], []).append(r["name"])
    signoffs = [SignOffItem(trainee=r["name"], **{k: r[k] for k in (
        "competency", "status", "comment", "evaluator", "created")}) for r in q.execute(
        "SELECT s.*, t.name FROM signoff s JOIN trainee t ON t.id = s.trainee "
        "WHERE s.exercise = ? AND s.course = ? ORDER BY s.seq", (ex, row["id"]))]
    return CourseFile(course=CourseInfo(**{k: row[k] for k in ("name", "school", "start",
                                                               "end")}),
                      members=members, signoffs=signoffs)


# --- import ---------------------------------------------------------------------------

def read_archive(path: Path) -> Archive:
    """An archive's content, every file checked and the inputs replayed to the manifest's
    replay hash; ``ArchiveError`` naming ``path`` and what is wrong otherwise."""
    files = _unzip(path)
    manifest = _manifest(path, files)
    for name in FILES:
        if name not in files:
            raise ArchiveError(path, N_("{member} is missing"), member=name)
        if hashlib.sha256(files[name]).hexdigest() != manifest.files.get(name):
            raise ArchiveError(path, N_("{member} does not match its checksum in manifest.json: it was "
                                        "changed or damaged after the export"), member=name)
    try:
        scenario = files["scenario.yaml"].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArchiveError(path, N_("{member}: {detail}"), member="scenario.yaml",
                           detail=str(exc)) from None
    archive = Archive(manifest, _parse(path, files, "exercise.json", ExerciseFile), scenario,
                      _parse(path, files, "inputs.json", list[InputItem]),
                      _parse(path, files, "notes.json", list[NoteItem]),
                      _parse(path, files, "overrides.json", list[Override]),
                      _parse(path, files, "course.json", CourseFile))
    _check_teams(path, archive)
    live = _replay(path, archive.exercise, scenario, archive.inputs)
    if live.replay_hash() != manifest.replay_hash:
        here = program()
        differ = ", ".join(f"{k} {v} / {here.get(k, '?')}" for k, v in
                           sorted(manifest.program.items()) if here.get(k) != v)
        raise ArchiveError(path, N_("replaying the inputs gives hash {found}…, the archive says {expected}…: "
                                    "the inputs were changed, or this program's versions differ (archive / "
                                    "here: {versions}); nothing was imported"), found=live.replay_hash()[:12],
                           expected=manifest.replay_hash[:12], versions=differ or "-")
    state = _row_state(live)
    ex = archive.exercise
    if state != (ex.phase, ex.turn, ex.paused):
        raise ArchiveError(path, N_("exercise.json says {phase}, turn {turn}; its inputs lead to {replayed}, "
                                    "turn {replayed_turn}"), phase=ex.phase, turn=ex.turn,
                           replayed=state[0], replayed_turn=state[1])
    return archive


def import_exercise(path: Path, db: Path) -> Imported:
    """Store the archive ``path`` in database ``db`` as a new exercise, in one transaction,
    after ``read_archive`` checked it all; nothing is stored when anything is wrong. Its
    join codes are not restored. Course data goes to the course of the same name here, if
    there is exactly one: the team members and sign-offs of trainees found in it by name
    (each name once in the course); otherwise none of it."""
    archive = read_archive(path)
    store = Store(db)
    Courses(store)  # the course tables, to look the course up in and to store into
    info = archive.course.course
    course = None
    if info is not None:
        found = store.read("SELECT id, framework FROM course WHERE name = ?", (info.name,))
        course = found[0] if len(found) == 1 else None
    known = {c.id for c in framework_of(course["framework"]).competencies} if course else set()
    try:
        ex, members, signed = _store(store, archive, course, known, path)
    except sqlite3.IntegrityError as exc:  # e.g. a trainee deleted here meanwhile
        raise ArchiveError(path, N_("nothing was imported: {detail}"), detail=exc) from None
    return Imported(ex, archive.exercise.name, info.name if info else None,
                    course is not None, members, signed, len(archive.course.signoffs))


def _store(store: Store, archive: Archive, course: sqlite3.Row | None, known: set[str],
           path: Path) -> tuple[int, int, int]:
    """The archive's rows under a new exercise id, in one transaction; return the id and
    how many team members and sign-offs went to ``course``."""
    e = archive.exercise
    fallback = 1 if e.fallback_english else None  # as the store keeps the choice
    with store.write() as q:
        practice = None
        if e.practice is not None:  # its offer, revoked at once: the link is not imported
            now = time.time()
            practice = q.execute(
                "INSERT INTO practice_offer (name, scenario, team, seed, lang, hash, created, "
                "revoked, fallback_english) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (e.practice.offer, archive.scenario, e.practice.team, e.seed, e.lang,
                 digest(new_token()), now, now, fallback)).lastrowid
        ex = q.execute("INSERT INTO exercise (name, scenario, seed, lang, created, phase, turn, "
                       "paused, practice, fallback_english) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (e.name, archive.scenario, e.seed, e.lang, e.created, e.phase, e.turn,
                        int(e.paused), practice, fallback)).lastrowid
        q.executemany("INSERT INTO team (exercise, team, bot) VALUES (?, ?, ?)",
                      [(ex, tm.team, tm.bot) for tm in e.teams])
        q.executemany("INSERT INTO input (exercise, turn, kind, team, payload, key, created) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)",
                      [(ex, i.turn, i.kind, i.team, json.dumps(i.payload, sort_keys=True),
                        i.key, i.created) for i in archive.inputs])
        q.executemany("INSERT INTO note (exercise, turn, team, task, text, created) "
                      "VALUES (?, ?, ?, ?, ?, ?)",
                      [(ex, n.turn, n.team, n.task, n.text, n.created) for n in archive.notes])
        q.executemany("INSERT INTO override (exercise, task, rating, justification) "
                      "VALUES (?, ?, ?, ?)",
                      [(ex, o.task, o.rating, o.justification) for o in archive.overrides])
        members = signed = 0
        if course is not None:
            members, signed = _place(q, ex, course["id"], archive.course, known)
        stored = [_item(r) for r in q.execute("SELECT * FROM input WHERE exercise = ? "
                                              "ORDER BY seq", (ex,))]
        if stored != archive.inputs:  # what the replay checked is what is committed
            raise ArchiveError(path, N_("nothing was imported: {detail}"), detail="the inputs stored differ")
    return ex, members, signed


def _place(q: sqlite3.Connection, ex: int, course: int, data: CourseFile,
           known: set[str]) -> tuple[int, int]:
    """Put exercise ``ex`` in ``course`` with the team members and sign-offs of trainees
    found there by name; return how many of each were stored."""
    names: dict[str, list[int]] = {}
    for r in q.execute("SELECT id, name FROM trainee WHERE course = ?", (course,)):
        names.setdefault(r["name"], []).append(r["id"])
    unique = {name: ids[0] for name, ids in names.items() if len(ids) == 1}
    q.execute("INSERT INTO course_exercise (exercise, course) VALUES (?, ?)", (ex, course))
    placed: set[int] = set()
    for team, people in data.members.items():
        for trainee in (unique[n] for n in people if n in unique):
            if trainee not in placed:  # a trainee plays one team of an exercise
                placed.add(trainee)
                q.execute("INSERT INTO member (exercise, team, trainee) VALUES (?, ?, ?)",
                          (ex, team, trainee))
    signs = [s for s in data.signoffs if s.trainee in unique and s.competency in known]
    q.executemany("INSERT INTO signoff (course, trainee, competency, status, comment, "
                  "evaluator, exercise, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  [(course, unique[s.trainee], s.competency, s.status, s.comment, s.evaluator,
                    ex, s.created) for s in signs])
    return len(placed), len(signs)


def _unzip(path: Path) -> dict[str, bytes]:
    """The files of a zip archive, refused when the archive or what it holds once
    uncompressed is over ``MAX_BYTES`` (the sizes are checked before anything is read, and
    a member never yields more than its stated size)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ArchiveError(path, N_("cannot read or write it: {detail}"), detail=exc.strerror) from None
    if size > MAX_BYTES:
        raise ArchiveError(path, N_("too large: {size} MB, the limit is {limit} MB"),
                           size=_mb(size), limit=_mb(MAX_BYTES))
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
            names = [m.filename for m in members]
            if MANIFEST not in names:
                raise ArchiveError(path, N_("not an exercise archive written by 'ttx export' (no ttx "
                                            "manifest.json)"))
            for name in names:
                if name not in (MANIFEST, *FILES) or names.count(name) > 1:
                    raise ArchiveError(path, N_("unexpected file {member!r} in the archive"), member=name)
            total = sum(m.file_size for m in members)
            if total > MAX_BYTES:
                raise ArchiveError(path, N_("too large: {size} MB, the limit is {limit} MB"), size=_mb(total),
                                   limit=_mb(MAX_BYTES))
            return {m.filename: z.read(m) for m in members}
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError, RuntimeError,
            ValueError) as exc:  # damaged, truncated, encrypted, an unknown compression
        raise ArchiveError(path, N_("not a readable zip archive (damaged, truncated or another kind of "
                                    "file): {detail}"), detail=str(exc) or type(exc).__name__) \
            from None
    except OSError as exc:
        raise ArchiveError(path, N_("cannot read or write it: {detail}"),
                           detail=exc.strerror or exc) from None


def _manifest(path: Path, files: dict[str, bytes]) -> Manifest:
    """The manifest, after checking that it is a ttx exercise archive of a format this
    program reads."""
    try:
        raw = json.loads(files[MANIFEST])
    except ValueError as exc:
        raise ArchiveError(path, N_("{member}: {detail}"), member=MANIFEST, detail=exc) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ArchiveError(path, N_("not an exercise archive written by 'ttx export' (no ttx manifest.json)"))
    if raw.get("format_version") != FORMAT_VERSION:
        raise ArchiveError(path, N_("archive format version {found}; this program reads version {known} "
                                    "(update the program, or export again with this one)"),
                           found=raw.get("format_version"),
                           known=FORMAT_VERSION)
    return _parse(path, files, MANIFEST, Manifest)


def _parse(path: Path, files: dict[str, bytes], name: str, kind):
    try:
        return TypeAdapter(kind).validate_json(files[name])
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(map(str, first["loc"]))
        raise ArchiveError(path, N_("{member}: {detail}"), member=name,
                           detail=f"{where}: {first['msg']}" if where else first["msg"]) \
            from None


def _check_teams(path: Path, archive: Archive) -> None:
    """Every input, note and team member names a team of the exercise."""
    teams = {tm.team for tm in archive.exercise.teams}
    named = [i.team for i in archive.inputs] + [n.team for n in archive.notes] + \
        list(archive.course.members)
    unknown = sorted({tm for tm in named if tm is not None and tm not in teams})
    if unknown or len(teams) != len(archive.exercise.teams):
        raise ArchiveError(path, N_("{member}: {detail}"), member="exercise.json",
                           detail=f"teams: {', '.join(unknown) or 'the same team twice'}")


def _replay(source: Path, exercise: ExerciseFile, scenario_text: str,
            inputs: list[InputItem]) -> LiveExercise:
    """The exercise the inputs make, in memory. The scenario's own problems are raised as
    ``InputError`` (each one located); anything else that stops the replay is a
    damaged archive."""
    scenario = scenario_from_text(scenario_text, f"{source}:scenario.yaml")
    items = [Input(seq, 0, i.turn, i.kind, i.team, i.payload, i.key)
             for seq, i in enumerate(inputs, start=1)]
    try:
        return LiveExercise.replay(None, 0, scenario, exercise.seed, exercise.lang,
                                   {tm.team: tm.bot for tm in exercise.teams}, items,
                                   practice=exercise.practice is not None)
    except Exception as exc:  # noqa: BLE001 -- inputs from a file, never checked by a command
        raise ArchiveError(source, N_("the inputs cannot be replayed: {detail}"),
                           detail=f"{type(exc).__name__}: {exc}"[:300]) from None


def _row_state(live: LiveExercise) -> tuple[str, int, bool]:
    """The (phase, turn, paused) the store keeps for an exercise in this state: its turn is
    the one open, or the last one closed (the engine opens the next at a close)."""
    turn = {"setup": 0, "open": live.turn, "closed": live.turn - 1}.get(live.phase, live.turn)
    return live.phase, turn, live.paused


def _item(row: sqlite3.Row) -> InputItem:
    return InputItem(turn=row["turn"], kind=row["kind"], team=row["team"],
                     payload=json.loads(row["payload"]), key=row["key"], created=row["created"])


# --- the whole database ---------------------------------------------------------------

def backup(db: Path, out: Path) -> int:
    """Copy database ``db`` to ``out`` (mode 0600, one self-contained file) with SQLite's
    online backup, which reads one consistent moment even while the portal writes; the
    copy is checked (``PRAGMA integrity_check``) before it takes its name. Returns the
    number of exercises in the copy."""
    if not db.is_file():
        raise ArchiveError(db, N_("no database here"))
    with private_file(out) as part:
        source = sqlite3.connect(db, timeout=30)
        copy = sqlite3.connect(part)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # no -wal file beside the copy
            check = [r[0] for r in copy.execute("PRAGMA integrity_check")]
            if check != ["ok"]:
                raise ArchiveError(out, N_("the copy failed its integrity check: {detail}"),
                                   detail="; ".join(check[:3]))
            return copy.execute("SELECT COUNT(*) FROM exercise").fetchone()[0]
        except sqlite3.DatabaseError as exc:  # not a database, or a damaged one
            raise ArchiveError(db, N_("cannot be copied: {detail}"), detail=exc) from None
        finally:
            copy.close()
            source.close()


@contextmanager
def private_file(out: Path) -> Iterator[Path]:
    """A new file readable by its owner only (0600), written beside ``out`` and renamed to
    it once complete, so ``out`` is never half-written; an existing ``out`` is refused."""
    if out.exists():
        raise ArchiveError(out, N_("already exists: choose another name"))
    part = out.with_name(out.name + ".part")
    try:
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise ArchiveError(part, N_("cannot read or write it: {detail}"), detail=exc.strerror) from None
    os.fchmod(fd, 0o600)  # whatever the umask
    os.close(fd)
    try:
        yield part
        with open(part, "rb") as done:
            os.fsync(done.fileno())
        os.replace(part, out)
    finally:
        part.unlink(missing_ok=True)


# --- small helpers ----------------------------------------------------------------------

def program() -> dict[str, str]:
    """This program's version and the libraries a replay depends on."""
    try:
        own = metadata.version("ttx-sim")
    except metadata.PackageNotFoundError:
        own = "unknown"
    return {"ttx-sim": own, **versions()}


def exercises(db: Path) -> list[sqlite3.Row]:
    """The exercises of database ``db`` (id, name, phase, turn, practice)."""
    return _existing_store(db).exercises()


def _existing_store(db: Path) -> Store:
    """The store of an existing database file (a mistyped path creates nothing)."""
    if not db.is_file():
        raise ArchiveError(db, N_("no database here"))
    return Store(db)


def _json(data) -> bytes:
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f}"
