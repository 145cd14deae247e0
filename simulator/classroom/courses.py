"""Courses and their trainees, kept in the portal's database beside the exercises.

A course (name, school, dates, language) has a cohort of trainees (name, country, service,
sex, optional email), typed in one by one or imported from a CSV file, and several
exercises whose teams are formed from the cohort. Trainees' personal data never leaves
the laptop unless the instructor exports it, and a trainee can be deleted with everything
recorded about them.

Like the exercises, every change is one transaction (``Store.write``): a CSV with one bad
row imports nothing, and what was stored before stays as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import sqlite3
import time
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from simulator.classroom.competencies import SHIPPED, Framework, framework_from_text, shipped_scenarios
from simulator.classroom.store import Refused, Store
from simulator.i18n import LANGUAGES, say

SCHEMA = """
CREATE TABLE IF NOT EXISTS course (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, school TEXT NOT NULL, start TEXT NOT NULL,
    end TEXT NOT NULL, lang TEXT NOT NULL, created REAL NOT NULL,
    framework TEXT NOT NULL);     -- the competency framework's YAML, as it was chosen
CREATE TABLE IF NOT EXISTS trainee (
    id INTEGER PRIMARY KEY, course INTEGER NOT NULL REFERENCES course(id), name TEXT NOT NULL,
    country TEXT NOT NULL, service TEXT NOT NULL, sex TEXT NOT NULL, email TEXT,
    created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS course_exercise (
    exercise INTEGER PRIMARY KEY REFERENCES exercise(id),
    course INTEGER NOT NULL REFERENCES course(id));
CREATE TABLE IF NOT EXISTS member (
    exercise INTEGER NOT NULL REFERENCES exercise(id), team TEXT NOT NULL,
    trainee INTEGER NOT NULL REFERENCES trainee(id), PRIMARY KEY (exercise, trainee));
CREATE TABLE IF NOT EXISTS signoff (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, course INTEGER NOT NULL REFERENCES course(id),
    trainee INTEGER NOT NULL REFERENCES trainee(id), competency TEXT NOT NULL,
    status TEXT NOT NULL,         -- met, not_yet_met; the latest per competency counts
    comment TEXT NOT NULL, evaluator TEXT NOT NULL, exercise INTEGER, key TEXT,
    created REAL NOT NULL, UNIQUE (course, key));
"""

MAX_TRAINEES = 500  # rows of one CSV: a cohort is 25, the applicants about 90
SERVICES = ("military", "police", "civilian")
SEXES = ("female", "male")
# A sheet names its columns and values in any language of the interface, as the class
# record writes them (course_exports.WORDS), or by one of these short forms, lower case.
ALIASES = {"e-mail": "email", "mail": "email", "civile": "civilian", "f": "female",
           "m": "male", "h": "male", "mulher": "female", "homem": "male"}
SAID = ("name", "country", "service", "sex", "email") + SERVICES + SEXES


@functools.cache
def _codes() -> dict[str, str]:
    """Every language's word for a column or a value, lower case → its code."""
    from simulator.classroom.course_exports import WORDS

    out = dict(ALIASES)
    for lang in LANGUAGES:
        out.update({say(WORDS[code], lang).lower(): code for code in SAID})
    return out


class Course(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    school: str = Field(min_length=1, max_length=200)
    start: dt.date
    end: dt.date
    lang: str = Field("en", description="a language of the interface (en, fr, pt ...)")
    framework: str | None = Field(None, max_length=500_000, description="a competency "
                                  "framework's YAML (default: the shipped one)")

    @model_validator(mode="after")
    def _dates_in_order(self) -> Course:
        if self.end < self.start:
            raise ValueError("the course ends before it starts")
        if self.lang not in LANGUAGES:
            raise ValueError(f"the course's language is one of {', '.join(LANGUAGES)}, "
                             f"not {self.lang!r}")
        return self


class Trainee(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    name: str = Field(min_length=1, max_length=200)
    country: str = Field(min_length=1, max_length=100)
    service: Literal[SERVICES]
    sex: Literal[SEXES]
    email: str | None = Field(None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class SignOff(BaseModel):
    """An evaluator's judgement of one competency of one trainee."""
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    competency: str = Field(min_length=1, max_length=100)
    status: Literal["met", "not_yet_met"]
    comment: str = Field("", max_length=4000)
    evaluator: str = Field(min_length=1, max_length=200, description="who signs, by name")


class RowProblem(BaseModel):
    """What is wrong in a CSV file: its row (1 is the header) and column, in words."""
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column!r}: {self.message}"


class CsvError(Exception):
    def __init__(self, problems: list[RowProblem]):
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


def parse_cohort(text: str) -> list[Trainee]:
    """Trainees from CSV text (a header row: name, country, service, sex and optionally
    email, in English or French; comma or semicolon separated). Raises ``CsvError`` with
    every problem, by row and column."""
    text = text.lstrip("\ufeff")  # a spreadsheet's byte-order mark
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        raise CsvError([RowProblem(row=1, column="", message="the file is empty")])
    header = [_codes().get(h.strip().lower(), h.strip().lower()) for h in rows[0]]
    missing = [c for c in ("name", "country", "service", "sex") if c not in header]
    unknown = [h for h in header if h not in Trainee.model_fields]
    problems = [RowProblem(row=1, column=c, message="this column is missing") for c in missing]
    problems += [RowProblem(row=1, column=h, message="unknown column (known: name, country, "
                            "service, sex, email)") for h in unknown]
    if problems:
        raise CsvError(problems)
    if len(rows) - 1 > MAX_TRAINEES:
        raise CsvError([RowProblem(row=MAX_TRAINEES + 2, column="", message=f"more than "
                                   f"{MAX_TRAINEES} trainees in one file")])
    out = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        if len(row) != len(header):
            problems.append(RowProblem(row=number, column="", message=f"{len(row)} cells for "
                                       f"{len(header)} columns"))
            continue
        values = {h: _value(h, cell) for h, cell in zip(header, row, strict=True)}
        try:
            out.append(Trainee.model_validate(values))
        except ValidationError as exc:
            problems += [RowProblem(row=number, column=str(e["loc"][0]) if e["loc"] else "",
                                    message=_words(e)) for e in exc.errors()]
    if problems:
        raise CsvError(problems)
    return out


def cohort_from_bytes(raw: bytes) -> list[Trainee]:
    """``parse_cohort`` on an uploaded file: UTF-8, or a spreadsheet's Windows-1252."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return parse_cohort(text)


def _value(column: str, cell: str) -> str | None:
    cell = cell.strip()
    if column == "email":
        return cell or None
    if column in ("service", "sex"):
        return _codes().get(cell.lower(), cell.lower())
    return cell


def _words(error: dict) -> str:
    if error["type"] == "literal_error":
        return f"{error['input']!r} is not one of: {error['ctx']['expected']}"
    if error["type"] == "string_too_short":
        return "empty"
    if error["type"] == "string_pattern_mismatch":
        return f"{error['input']!r} is not an email address"
    return error["msg"]


@functools.lru_cache(maxsize=16)
def framework_of(text: str, lang: str = "en") -> Framework:
    """A framework's YAML checked against the shipped scenarios (read once per process)."""
    return framework_from_text(text, "framework.yaml", lang, _scenarios())


@functools.cache
def _scenarios():
    return shipped_scenarios()


class Courses:
    """The courses of one portal database (its tables live beside the exercises')."""

    def __init__(self, store: Store):
        self.store = store
        store.add_schema(SCHEMA)

    # --- courses ----------------------------------------------------------------------

    def create(self, course: Course) -> int:
        """A new course; its framework is checked first (``InputError`` when broken)."""
        framework = course.framework if course.framework is not None else \
            SHIPPED.read_text(encoding="utf-8")
        framework_of(framework, course.lang)
        with self.store.write() as db:
            return db.execute(
                "INSERT INTO course (name, school, start, end, lang, created, framework) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (course.name, course.school, course.start.isoformat(), course.end.isoformat(),
                 course.lang, time.time(), framework)).lastrowid

    def framework(self, course: int) -> Framework:
        return framework_of(self.course(course)["framework"])

    def course(self, course: int) -> sqlite3.Row:
        rows = self.store.read("SELECT * FROM course WHERE id = ?", (course,))
        if not rows:
            raise Refused("unknown_course", f"no course {course}")
        return rows[0]

    def courses(self) -> list[sqlite3.Row]:
        return self.store.read("SELECT * FROM course ORDER BY start, id")

    # --- trainees ---------------------------------------------------------------------

    def enrol(self, course: int, trainees: list[Trainee]) -> list[int]:
        """Add trainees to a course, all or none; their ids in order."""
        self.course(course)
        with self.store.write() as db:
            return [db.execute(
                "INSERT INTO trainee (course, name, country, service, sex, email, created) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)", (course, t.name, t.country, t.service, t.sex,
                                                 t.email, time.time())).lastrowid
                for t in trainees]

    def trainees(self, course: int) -> list[sqlite3.Row]:
        return self.store.read("SELECT * FROM trainee WHERE course = ? ORDER BY name, id",
                               (course,))

    def trainee(self, course: int, trainee: int) -> sqlite3.Row:
        rows = self.store.read("SELECT * FROM trainee WHERE id = ? AND course = ?",
                               (trainee, course))
        if not rows:
            raise Refused("unknown_trainee", f"no trainee {trainee} in course {course}")
        return rows[0]

    def export(self, course: int, trainee: int) -> dict:
        """Everything stored about one trainee, as plain data (their right to see it)."""
        t = dict(self.trainee(course, trainee))
        c = self.course(course)
        teams = self.store.read("SELECT m.exercise, m.team, e.name FROM member m JOIN "
                                "exercise e ON e.id = m.exercise WHERE m.trainee = ? "
                                "ORDER BY m.exercise", (trainee,))
        return {"trainee": {k: t[k] for k in ("id", "name", "country", "service", "sex",
                                              "email")},
                "course": {k: c[k] for k in ("id", "name", "school", "start", "end")},
                "exercises": [{"exercise": r["exercise"], "name": r["name"], "team": r["team"]}
                              for r in teams],
                "signoffs": [{k: r[k] for k in ("competency", "status", "comment", "evaluator",
                                                "created")}
                             for r in self.signoffs(course) if r["trainee"] == trainee]}

    def delete(self, course: int, trainee: int) -> None:
        """A trainee and everything recorded about them, gone in one transaction."""
        self.trainee(course, trainee)
        with self.store.write() as db:
            db.execute("DELETE FROM member WHERE trainee = ?", (trainee,))
            db.execute("DELETE FROM signoff WHERE trainee = ?", (trainee,))
            db.execute("DELETE FROM credential WHERE trainee = ?", (trainee,))
            db.execute("DELETE FROM session WHERE trainee = ?", (trainee,))
            db.execute("DELETE FROM trainee WHERE id = ?", (trainee,))

    def issue_codes(self, course: int) -> dict[int, str]:
        """A new join code for each trainee of the course, to read their own record; their
        earlier codes and sessions stop working. Only the hashes are kept."""
        ids = [t["id"] for t in self.trainees(course)]
        with self.store.write() as db:
            for tid in ids:
                db.execute("DELETE FROM credential WHERE trainee = ?", (tid,))
                db.execute("DELETE FROM session WHERE trainee = ?", (tid,))
        return {tid: self.store.add_credential("trainee", trainee=tid) for tid in ids}

    def course_of_trainee(self, trainee: int) -> int:
        rows = self.store.read("SELECT course FROM trainee WHERE id = ?", (trainee,))
        if not rows:
            raise Refused("unknown_trainee", f"no trainee {trainee}")
        return rows[0]["course"]

    # --- exercises of a course --------------------------------------------------------

    def attach(self, course: int, exercise: int, teams: dict[str, list[int]]) -> None:
        """Make ``exercise`` one of the course's, its teams formed of these trainees (each
        in one team at most); replaces the teams it had."""
        self.course(course)
        if self.store.is_practice(exercise):
            raise Refused("practice_exercise", f"exercise {exercise} is self-paced practice: "
                                               "it never counts for a course")
        ex_teams = self.store.teams(exercise)
        cohort = {r["id"] for r in self.trainees(course)}
        problems = [f"no team {t!r} in the exercise" for t in teams if t not in ex_teams]
        seen: set[int] = set()
        for members in teams.values():
            problems += [f"trainee {m} is not in the course" for m in members if m not in cohort]
            problems += [f"trainee {m} is in two teams" for m in members if m in seen]
            seen |= set(members)
        if problems:
            raise Refused("invalid_teams", "; ".join(problems))
        with self.store.write() as db:
            other = db.execute("SELECT course FROM course_exercise WHERE exercise = ?",
                               (exercise,)).fetchone()
            if other is not None and other["course"] != course:
                raise Refused("other_course", f"exercise {exercise} belongs to course "
                                              f"{other['course']}")
            db.execute("INSERT OR IGNORE INTO course_exercise (exercise, course) VALUES (?, ?)",
                       (exercise, course))
            db.execute("DELETE FROM member WHERE exercise = ?", (exercise,))
            db.executemany("INSERT INTO member (exercise, team, trainee) VALUES (?, ?, ?)",
                           [(exercise, t, m) for t, members in teams.items() for m in members])

    def course_of(self, exercise: int) -> int | None:
        """The course an exercise belongs to, if any."""
        rows = self.store.read("SELECT course FROM course_exercise WHERE exercise = ?",
                               (exercise,))
        return rows[0]["course"] if rows else None

    def exercises(self, course: int) -> list[sqlite3.Row]:
        return self.store.read("SELECT e.id, e.name, e.seed, e.phase, e.turn FROM exercise e "
                               "JOIN course_exercise c ON c.exercise = e.id WHERE c.course = ? "
                               "ORDER BY e.id", (course,))

    def members(self, exercise: int) -> dict[str, list[int]]:
        """Team → the trainees who played it."""
        out: dict[str, list[int]] = {}
        for r in self.store.read("SELECT team, trainee FROM member WHERE exercise = ? "
                                 "ORDER BY team, trainee", (exercise,)):
            out.setdefault(r["team"], []).append(r["trainee"])
        return out

    # --- sign-offs --------------------------------------------------------------------

    def sign_off(self, course: int, trainee: int, sign: SignOff, evaluator_exercise: int | None,
                 key: str | None = None) -> tuple[sqlite3.Row, bool]:
        """An evaluator's judgement of one competency of one trainee, stored in one
        transaction; return it and whether it is new (a ``key`` seen before returns the
        stored one, so a retry never signs twice)."""
        self.trainee(course, trainee)
        known = [c.id for c in self.framework(course).competencies]
        if sign.competency not in known:
            raise Refused("unknown_competency", f"{sign.competency!r} (known: "
                                                f"{', '.join(known)})")
        with self.store.write() as db:
            if key is not None:
                old = db.execute("SELECT * FROM signoff WHERE course = ? AND key = ?",
                                 (course, key)).fetchone()
                if old is not None:
                    return old, False
            seq = db.execute(
                "INSERT INTO signoff (course, trainee, competency, status, comment, evaluator, "
                "exercise, key, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (course, trainee, sign.competency, sign.status, sign.comment, sign.evaluator,
                 evaluator_exercise, key, time.time())).lastrowid
            return db.execute("SELECT * FROM signoff WHERE seq = ?", (seq,)).fetchone(), True

    def signoffs(self, course: int) -> list[sqlite3.Row]:
        """Every sign-off of the course, oldest first (the history is kept)."""
        return self.store.read("SELECT * FROM signoff WHERE course = ? ORDER BY seq", (course,))

    def standing(self, course: int) -> dict[tuple[int, str], sqlite3.Row]:
        """(trainee, competency) → the latest sign-off, which is the one that counts."""
        return {(r["trainee"], r["competency"]): r for r in self.signoffs(course)}
