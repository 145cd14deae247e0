"""The portal's database: SQLite in WAL mode, one file per installation.

Stored: exercises (scenario text, seed, phase), teams, credentials and sessions (hashed
only), inputs, evaluator notes and rating overrides, practice offers (their links hashed
only). Everything else (reports, events, scores) is rebuilt by replaying the inputs
(``simulator.classroom.live``).

Every write is one ``BEGIN IMMEDIATE`` transaction, committed with ``synchronous=FULL``
before the caller answers: an acknowledged input survives a crash. Writers take the
database lock in turn, so a late submission and the closing of its turn cannot both win.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import time
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS exercise (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, scenario TEXT NOT NULL, seed INTEGER NOT NULL,
    lang TEXT NOT NULL, created REAL NOT NULL,
    phase TEXT NOT NULL,          -- setup, open, closed, finished
    turn INTEGER NOT NULL,        -- the turn open or last closed; 0 before the start
    paused INTEGER NOT NULL DEFAULT 0,
    practice INTEGER);            -- the practice offer it was made from; NULL: a classroom's
CREATE TABLE IF NOT EXISTS team (
    exercise INTEGER NOT NULL REFERENCES exercise(id), team TEXT NOT NULL, bot TEXT,
    PRIMARY KEY (exercise, team));
CREATE TABLE IF NOT EXISTS credential (
    hash TEXT PRIMARY KEY, exercise INTEGER, role TEXT NOT NULL, team TEXT);
CREATE TABLE IF NOT EXISTS session (
    hash TEXT PRIMARY KEY, exercise INTEGER, role TEXT NOT NULL, team TEXT,
    csrf TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS input (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, exercise INTEGER NOT NULL, turn INTEGER NOT NULL,
    kind TEXT NOT NULL, team TEXT, payload TEXT NOT NULL, key TEXT, created REAL NOT NULL,
    UNIQUE (exercise, key));
CREATE TABLE IF NOT EXISTS note (
    id INTEGER PRIMARY KEY, exercise INTEGER NOT NULL, turn INTEGER NOT NULL, team TEXT,
    task TEXT, text TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS override (
    exercise INTEGER NOT NULL, task TEXT NOT NULL, rating TEXT NOT NULL,
    justification TEXT NOT NULL, PRIMARY KEY (exercise, task));
CREATE TABLE IF NOT EXISTS join_failure (addr TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS practice_offer (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, scenario TEXT NOT NULL, team TEXT NOT NULL,
    seed INTEGER NOT NULL, lang TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, created REAL NOT NULL,
    revoked REAL);                -- when the instructor revoked the link; NULL: it works
CREATE TABLE IF NOT EXISTS practice_start (addr TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS input_by_team ON input (exercise, team, turn);  -- quotas
CREATE TABLE IF NOT EXISTS limit_hit (
    exercise INTEGER NOT NULL, role TEXT NOT NULL, team TEXT,
    kind TEXT NOT NULL,           -- rate (requests per second), storage (bytes per turn)
    turn INTEGER NOT NULL, at REAL NOT NULL);
"""

# Columns added since a database was first created: (table, column, declaration). A file
# made by an older version gets them when it is opened, and keeps working.
MIGRATIONS = (("exercise", "practice", "INTEGER"),
              # a trainee's own code and sessions (simulator.classroom.courses)
              ("credential", "trainee", "INTEGER"), ("session", "trainee", "INTEGER"),
              # what a team sees of the others: 'submitted' (NULL) or 'nothing'
              ("exercise", "others_shown", "TEXT"),
              # the instructor's choice to play in a language the scenario is not wholly
              # written in, each missing text in English, marked: 1; NULL: not chosen
              ("exercise", "fallback_english", "INTEGER"),
              ("practice_offer", "fallback_english", "INTEGER"))

# Kinds of input, in the order a turn sees them. 'submit' replaces a team's decisions for
# the turn and 'withdraw' empties them; 'close' adjudicates the turn; 'open' opens the next;
# 'release' (after the end) lets teams read their debrief and changes nothing in the replay.
KINDS = ("start", "submit", "withdraw", "fire", "inject", "close", "open", "pause", "resume",
         "release")


SESSION_DAYS = 14  # a course's exercise may span a fortnight; after that, join again
JOIN_KEEP = 86400  # seconds a failed join is remembered (the join limit looks back less)
OTHERS_SHOWN = ("submitted", "nothing")  # what a team sees of the other teams' orders
PRACTICE_CAP = 200  # practice exercises one offer makes: 90 applicants, a few tries each
PRACTICE_WINDOW = 3600  # seconds: practice exercises started from one address are counted ...
PRACTICE_LIMIT = 10  # ... over an hour, and refused from the tenth on


class Refused(Exception):
    """An input the exercise cannot take now; ``reason`` is a stable code for the portal."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail = reason, detail


@dataclass(frozen=True)
class Input:
    seq: int
    exercise: int
    turn: int
    kind: str
    team: str | None
    payload: dict
    key: str | None


def default_path() -> Path:
    """The per-user database: $TTX_DB, else $XDG_DATA_HOME/ttx/ttx.db (~/.local/share)."""
    if os.environ.get("TTX_DB"):
        return Path(os.environ["TTX_DB"])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "ttx" / "ttx.db"


def new_token() -> str:
    """A random code of 128 bits: 26 base-32 characters in groups of five, to type from a
    printed sheet (case, spaces and dashes do not matter)."""
    text = base64.b32encode(secrets.token_bytes(16)).decode().rstrip("=")
    return "-".join(text[i:i + 5] for i in range(0, len(text), 5))


def digest(token: str) -> str:
    """How a join code is stored: the SHA-256 of its letters (random codes need no salt)."""
    plain = "".join(token.split()).replace("-", "").upper()
    return hashlib.sha256(plain.encode()).hexdigest()


class Store:
    """One SQLite file; a connection per operation, so threads never share one."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        """Add the columns an older database lacks (``MIGRATIONS``), in one transaction."""
        with self.write() as db:
            for table, column, declaration in MIGRATIONS:
                have = {r["name"] for r in db.execute(f"PRAGMA table_info({table})")}
                if column not in have:
                    db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
            # CSRF tokens are derived from the session token now (``csrf_of``): an older
            # file's tokens in clear go; their sessions stay signed in (a page reload
            # shows the derived token).
            db.execute("UPDATE session SET csrf = '' WHERE csrf != ''")

    def keep_private(self) -> None:
        """The database and its journal files readable by their owner only (0600), also
        when an older version made them 0644."""
        for path in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
            if path.exists():
                path.chmod(0o600)

    def add_schema(self, script: str) -> None:
        """Create the tables of another part of the portal (courses ...) if missing."""
        db = self._connect()
        try:
            db.executescript(script)
        finally:
            db.close()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("PRAGMA synchronous=FULL")  # committed means on disk, even after a crash
        db.execute("PRAGMA foreign_keys=ON")
        db.row_factory = sqlite3.Row
        return db

    @contextmanager
    def write(self):
        """One transaction that holds the write lock from its first statement."""
        db = self._connect()
        try:
            db.execute("BEGIN IMMEDIATE")
            yield db
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        finally:
            db.close()

    def read(self, sql: str, args: tuple = ()) -> list[sqlite3.Row]:
        db = self._connect()
        try:
            return db.execute(sql, args).fetchall()
        finally:
            db.close()

    @contextmanager
    def reading(self):
        """One read transaction: every query in it sees the database as it was at the
        first, whatever other connections commit meanwhile (WAL readers never wait)."""
        db = self._connect()
        try:
            db.execute("BEGIN")
            yield db
            db.execute("COMMIT")
        finally:
            db.close()

    # --- exercises and teams ----------------------------------------------------------

    def create_exercise(self, name: str, scenario_text: str, seed: int, lang: str,
                        teams: dict[str, str | None], fallback_english: bool = False) -> int:
        """A new exercise in setup; ``teams`` maps each team to a bot kind or None;
        ``fallback_english``: the instructor chose to play it in a language the scenario is
        not wholly written in."""
        with self.write() as db:
            cur = db.execute("INSERT INTO exercise (name, scenario, seed, lang, created, phase,"
                             " turn, fallback_english) VALUES (?, ?, ?, ?, ?, 'setup', 0, ?)",
                             (name, scenario_text, seed, lang, time.time(),
                              1 if fallback_english else None))
            ex = cur.lastrowid
            db.executemany("INSERT INTO team (exercise, team, bot) VALUES (?, ?, ?)",
                           [(ex, t, bot) for t, bot in teams.items()])
        return ex

    def exercise(self, ex: int) -> sqlite3.Row:
        rows = self.read("SELECT * FROM exercise WHERE id = ?", (ex,))
        if not rows:
            raise Refused("unknown_exercise", f"no exercise {ex}")
        return rows[0]

    def exercises(self) -> list[sqlite3.Row]:
        """Every exercise; ``practice`` is the offer a practice exercise came from (None for
        a classroom exercise): its ratings never count for certification."""
        return self.read("SELECT id, name, seed, lang, phase, turn, paused, practice "
                         "FROM exercise ORDER BY id")

    def fallback_english(self, ex: int) -> bool:
        """Whether the instructor chose to play ``ex`` with the texts its scenario lacks in
        its language shown in English, marked."""
        return bool(self.exercise(ex)["fallback_english"])

    def is_practice(self, ex: int) -> bool:
        """Whether ``ex`` is a self-paced practice exercise (never for certification)."""
        return self.exercise(ex)["practice"] is not None

    def teams(self, ex: int) -> dict[str, str | None]:
        return {r["team"]: r["bot"] for r in
                self.read("SELECT team, bot FROM team WHERE exercise = ? ORDER BY rowid", (ex,))}

    # --- credentials and sessions -----------------------------------------------------

    def add_credential(self, role: str, exercise: int | None = None,
                       team: str | None = None, trainee: int | None = None) -> str:
        """A new join code for a role; only its hash is kept, so show it now or never."""
        with self.write() as db:
            return _insert_credential(db, role, exercise, team, trainee)

    def credential(self, code: str) -> sqlite3.Row | None:
        return self.credential_of_hash(digest(code))

    def credential_of_hash(self, code_hash: str) -> sqlite3.Row | None:
        """The credential stored under ``code_hash`` (``digest`` of its code), if any."""
        rows = self.read("SELECT * FROM credential WHERE hash = ?", (code_hash,))
        return rows[0] if rows else None

    def open_session(self, cred: Mapping) -> tuple[str, str]:
        """A session for a joined user: (session token, CSRF token); the first stays in a
        cookie, only its hash here; the second is derived from it (``csrf_of``), so
        neither is kept in clear."""
        token = secrets.token_urlsafe(24)
        with self.write() as db:
            db.execute("INSERT INTO session (hash, exercise, role, team, csrf, created, "
                       "trainee) VALUES (?, ?, ?, ?, '', ?, ?)",
                       (_sha(token), cred["exercise"], cred["role"], cred["team"],
                        time.time(), cred["trainee"] if "trainee" in cred.keys() else None))
        return token, csrf_of(token)

    def session(self, token: str, max_age: float = SESSION_DAYS * 86400) -> sqlite3.Row | None:
        """The session of a cookie token, if it was opened less than ``max_age`` seconds
        ago (a forgotten phone does not stay signed in for good)."""
        rows = self.read("SELECT * FROM session WHERE hash = ? AND created > ?",
                         (_sha(token), time.time() - max_age))
        return rows[0] if rows else None

    def end_session(self, token: str) -> None:
        """Log out: the session token stops working."""
        with self.write() as db:
            db.execute("DELETE FROM session WHERE hash = ?", (_sha(token),))

    def revoke_codes(self, ex: int) -> None:
        """Every join code of an exercise stops working, and so does every session opened
        with one (a lost sheet); the instructor's code and session are not tied to one."""
        with self.write() as db:
            db.execute("DELETE FROM credential WHERE exercise = ?", (ex,))
            db.execute("DELETE FROM session WHERE exercise = ?", (ex,))

    def first_instructor_code(self) -> str | None:
        """The instructor code of a new database, made now; None when one exists already
        (it was shown when it was made, and only its hash is kept)."""
        with self.write() as db:
            if db.execute("SELECT 1 FROM credential WHERE role = 'instructor'").fetchone():
                return None
            return _insert_credential(db, "instructor")

    def new_instructor_code(self, keep_session: str | None = None) -> str:
        """One new instructor code: every older one stops working, and every instructor
        session ends but ``keep_session`` (the one that asked, from the console)."""
        with self.write() as db:
            db.execute("DELETE FROM credential WHERE role = 'instructor'")
            db.execute("DELETE FROM session WHERE role = 'instructor' AND hash IS NOT ?",
                       (_sha(keep_session) if keep_session else None,))
            return _insert_credential(db, "instructor")

    def join_record(self, key: str, window: float) -> tuple[int, float]:
        """Failed joins of ``key`` (a device or an address) in the last ``window``
        seconds: (how many, when the last was; 0 if none)."""
        row = self.read("SELECT COUNT(*) AS n, MAX(at) AS last FROM join_failure "
                        "WHERE addr = ? AND at > ?", (key, time.time() - window))[0]
        return row["n"], row["last"] or 0.0

    def prune(self, session_age: float = SESSION_DAYS * 86400,
              keep: float = JOIN_KEEP) -> None:
        """Forget sessions past their age and failed joins older than ``keep`` seconds
        (at the server's start and at each join: the file stays small for months)."""
        now = time.time()
        with self.write() as db:
            db.execute("DELETE FROM session WHERE created <= ?", (now - session_age,))
            db.execute("DELETE FROM join_failure WHERE at < ?", (now - keep,))

    def record_join_failure(self, addr: str, keep: float = JOIN_KEEP) -> None:
        """One failed join; failures older than ``keep`` seconds are forgotten meanwhile,
        so the table stays small on a laptop that serves for months."""
        now = time.time()
        with self.write() as db:
            db.execute("DELETE FROM join_failure WHERE at < ?", (now - keep,))
            db.execute("INSERT INTO join_failure (addr, at) VALUES (?, ?)", (addr, now))

    # --- self-paced practice ----------------------------------------------------------

    def add_practice_offer(self, name: str, scenario_text: str, team: str, seed: int,
                           lang: str, fallback_english: bool = False) -> tuple[int, str]:
        """A practice offer: (its id, the token of its link). Only the token's hash is
        kept, so the link is shown now or never. Its exercises take its
        ``fallback_english`` (``create_exercise``)."""
        token = new_token()
        with self.write() as db:
            offer = db.execute("INSERT INTO practice_offer (name, scenario, team, seed, lang, "
                               "hash, created, fallback_english) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               (name, scenario_text, team, seed, lang, digest(token),
                                time.time(), 1 if fallback_english else None)).lastrowid
        return offer, token

    def practice_offer(self, token: str) -> sqlite3.Row | None:
        """The offer of a link's token, if it is known and not revoked."""
        rows = self.read("SELECT * FROM practice_offer WHERE hash = ? AND revoked IS NULL",
                         (digest(token),))
        return rows[0] if rows else None

    def practice_offers(self) -> list[sqlite3.Row]:
        """Every offer and how many exercises it has made (its link is not kept)."""
        return self.read("SELECT o.id, o.name, o.scenario, o.team, o.seed, o.lang, o.created, "
                         "o.revoked, "
                         "(SELECT COUNT(*) FROM exercise e WHERE e.practice = o.id) AS made "
                         "FROM practice_offer o ORDER BY o.id")

    def revoke_practice_offer(self, offer: int) -> None:
        """The offer's link stops working; exercises already made from it go on."""
        with self.write() as db:
            row = db.execute("SELECT revoked FROM practice_offer WHERE id = ?",
                             (offer,)).fetchone()
            if row is None:
                raise Refused("unknown_offer", f"no practice offer {offer}")
            if row["revoked"] is None:
                db.execute("UPDATE practice_offer SET revoked = ? WHERE id = ?",
                           (time.time(), offer))

    def create_practice(self, offer: int, teams: dict[str, str | None], addr: str) -> int:
        """A new practice exercise in setup from an offer, for a visitor at ``addr``: one
        transaction that checks the offer is still open, under ``PRACTICE_CAP`` exercises,
        and the address under ``PRACTICE_LIMIT`` starts per ``PRACTICE_WINDOW`` seconds
        (``Refused`` otherwise)."""
        now, cap, limit, window = time.time(), PRACTICE_CAP, PRACTICE_LIMIT, PRACTICE_WINDOW
        with self.write() as db:
            o = db.execute("SELECT * FROM practice_offer WHERE id = ?", (offer,)).fetchone()
            if o is None or o["revoked"] is not None:
                raise Refused("unknown_practice", "no such practice link")
            made = db.execute("SELECT COUNT(*) FROM exercise WHERE practice = ?",
                              (offer,)).fetchone()[0]
            if made >= cap:
                raise Refused("practice_full", f"{made} practice exercises made already")
            db.execute("DELETE FROM practice_start WHERE at < ?", (now - max(window, 86400),))
            recent = db.execute("SELECT COUNT(*) FROM practice_start WHERE addr = ? AND at > ?",
                                (addr, now - window)).fetchone()[0]
            if recent >= limit:
                raise Refused("too_many_practices", f"{recent} started from this address")
            db.execute("INSERT INTO practice_start (addr, at) VALUES (?, ?)", (addr, now))
            ex = db.execute("INSERT INTO exercise (name, scenario, seed, lang, created, phase, "
                            "turn, practice, fallback_english) VALUES (?, ?, ?, ?, ?, 'setup', "
                            "0, ?, ?)", (o["name"], o["scenario"], o["seed"], o["lang"], now,
                                         offer, o["fallback_english"])).lastrowid
            db.executemany("INSERT INTO team (exercise, team, bot) VALUES (?, ?, ?)",
                           [(ex, t, bot) for t, bot in teams.items()])
        return ex

    def practice_exercises(self) -> list[sqlite3.Row]:
        """Every practice exercise with its offer and the team played by the trainee."""
        return self.read("SELECT e.id, e.name, e.phase, e.turn, e.created, e.practice AS offer,"
                         " o.name AS offer_name, o.team FROM exercise e JOIN practice_offer o "
                         "ON o.id = e.practice ORDER BY e.id")

    # --- inputs -----------------------------------------------------------------------

    def append(self, ex: int, kind: str, payload: dict, team: str | None = None,
               key: str | None = None, check=None,
               client_turn: int | None = None) -> tuple[Input, bool]:
        """Store one input; return it and whether it is new.

        ``check(row, db)`` sees the exercise row inside the transaction and raises
        ``Refused`` when the input cannot be taken now (turn closed, paused ...); it may
        return the new (phase, turn) of the exercise. A ``key`` seen before returns the
        stored input, so a client's retry never adds a second one. A team's
        Idempotency-Key (``client_turn``: the turn its request is for) answers only the
        same request: the same key with another body is refused (``key_reused``), and one
        from an earlier turn sent for a later one too (``stale_key``), never answered with
        an old result.
        """
        if kind not in KINDS:
            raise ValueError(f"unknown kind of input {kind!r}")
        with self.write() as db:
            row = db.execute("SELECT * FROM exercise WHERE id = ?", (ex,)).fetchone()
            if key is not None:
                old = db.execute("SELECT * FROM input WHERE exercise = ? AND key = ?",
                                 (ex, key)).fetchone()
                if old is not None:
                    if client_turn is not None:
                        _same_request(_input(old), kind, payload, client_turn)
                    return _input(old), False
            if row is None:
                raise Refused("unknown_exercise", f"no exercise {ex}")
            change = check(row, db) if check else None
            phase, turn = change if change else (row["phase"], row["turn"])
            cur = db.execute("INSERT INTO input (exercise, turn, kind, team, payload, key, "
                             "created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                             # an input belongs to the turn it opens, or to the turn
                             # open (or last closed) when it came
                             (ex, turn if kind in ("start", "open") else row["turn"], kind, team,
                              json.dumps(payload, sort_keys=True), key, time.time()))
            paused = {"pause": 1, "resume": 0}.get(kind, row["paused"])
            db.execute("UPDATE exercise SET phase = ?, turn = ?, paused = ? WHERE id = ?",
                       (phase, turn, paused, ex))
            stored = db.execute("SELECT * FROM input WHERE seq = ?", (cur.lastrowid,)).fetchone()
        return _input(stored), True

    def inputs(self, ex: int) -> list[Input]:
        return [_input(r) for r in
                self.read("SELECT * FROM input WHERE exercise = ? ORDER BY seq", (ex,))]

    def released(self, ex: int) -> bool:
        """Whether the instructor has released the debrief to the exercise's teams."""
        return bool(self.read("SELECT 1 FROM input WHERE exercise = ? AND kind = 'release' "
                              "LIMIT 1", (ex,)))

    def stored_bytes(self, ex: int, team: str, turn: int,
                     key: str | None = None) -> tuple[int, bool]:
        """Bytes of the decisions a team has stored in a turn (every submission counts,
        the replaced ones too: they stay in the file), and whether an input of the
        exercise was stored under idempotency ``key``; one read."""
        row = self.read("SELECT COALESCE(SUM(LENGTH(CAST(payload AS BLOB))), 0) AS n, "
                        "EXISTS (SELECT 1 FROM input WHERE exercise = ? AND key = ?) AS seen "
                        "FROM input WHERE exercise = ? AND team = ? AND turn = ? "
                        "AND kind = 'submit'", (ex, key, ex, team, turn))[0]
        return row["n"], bool(row["seen"])

    # --- what teams see, and the limits they reached ----------------------------------

    def others_shown(self, ex: int) -> str:
        """What the exercise's teams see of the other teams' orders (``OTHERS_SHOWN``)."""
        return self.exercise(ex)["others_shown"] or OTHERS_SHOWN[0]

    def set_others_shown(self, ex: int, shown: str) -> None:
        if shown not in OTHERS_SHOWN:
            raise Refused("bad_setting", f"{shown!r} is not one of {', '.join(OTHERS_SHOWN)}")
        with self.write() as db:
            if not db.execute("UPDATE exercise SET others_shown = ? WHERE id = ?",
                              (shown, ex)).rowcount:
                raise Refused("unknown_exercise", f"no exercise {ex}")

    def record_limit_hit(self, ex: int, role: str, team: str | None, kind: str) -> None:
        """A session of the exercise reached a limit (``kind``: rate or storage), in the
        turn the exercise is at now."""
        with self.write() as db:
            db.execute("INSERT INTO limit_hit (exercise, role, team, kind, turn, at) "
                       "SELECT id, ?, ?, ?, turn, ? FROM exercise WHERE id = ?",
                       (role, team, kind, time.time(), ex))

    def limit_hits(self, ex: int) -> list[sqlite3.Row]:
        return self.read("SELECT role, team, kind, turn, at FROM limit_hit WHERE exercise = ? "
                         "ORDER BY at", (ex,))

    # --- evaluators -------------------------------------------------------------------

    def add_note(self, ex: int, turn: int, team: str | None, task: str | None,
                 text: str) -> None:
        with self.write() as db:
            db.execute("INSERT INTO note (exercise, turn, team, task, text, created) "
                       "VALUES (?, ?, ?, ?, ?, ?)", (ex, turn, team, task, text, time.time()))

    def notes(self, ex: int) -> list[sqlite3.Row]:
        return self.read("SELECT * FROM note WHERE exercise = ? ORDER BY id", (ex,))

    def set_override(self, ex: int, task: str, rating: str, justification: str) -> None:
        with self.write() as db:
            db.execute("INSERT INTO override (exercise, task, rating, justification) "
                       "VALUES (?, ?, ?, ?) ON CONFLICT (exercise, task) DO UPDATE SET "
                       "rating = excluded.rating, justification = excluded.justification",
                       (ex, task, rating, justification))

    def overrides(self, ex: int) -> list[sqlite3.Row]:
        return self.read("SELECT * FROM override WHERE exercise = ? ORDER BY task", (ex,))


def _same_request(old: Input, kind: str, payload: dict, turn: int) -> None:
    """Refuse a client's key that came with another request before, or in another turn."""
    if old.turn == turn and (old.kind != kind or
                             old.payload != json.loads(json.dumps(payload, sort_keys=True))):
        raise Refused("key_reused", "this Idempotency-Key came with another request")
    if old.turn != turn:
        raise Refused("stale_key", f"this Idempotency-Key was used in turn {old.turn}, not "
                                   f"for turn {turn}: send a new key")


def _insert_credential(db: sqlite3.Connection, role: str, exercise: int | None = None,
                       team: str | None = None, trainee: int | None = None) -> str:
    """A new join code stored (its hash only) in the transaction ``db``; the code."""
    code = new_token()
    db.execute("INSERT INTO credential (hash, exercise, role, team, trainee) "
               "VALUES (?, ?, ?, ?, ?)", (digest(code), exercise, role, team, trainee))
    return code


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_of(token: str) -> str:
    """A session's CSRF token: an HMAC of its session token, which only the browser has
    (the store keeps the token's SHA-256, from which this cannot be computed)."""
    return hmac.new(token.encode(), b"ttx csrf", hashlib.sha256).hexdigest()


def _input(row: sqlite3.Row) -> Input:
    return Input(row["seq"], row["exercise"], row["turn"], row["kind"], row["team"],
                 json.loads(row["payload"]), row["key"])
