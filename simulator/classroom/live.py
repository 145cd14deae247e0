"""An exercise in play: the stored inputs replayed into an ``Exercise``, and the commands
of the instructor and the teams, each stored before it is acknowledged.

The state in memory is derived: ``LiveExercise.load`` rebuilds it from the store by
replay (after a restart, a crash, or for a check), and ``replay_hash`` tells whether two
rebuilds agree. A command is stored first (``Store.append``, one transaction that checks
the phase and turn), then applied to the state in memory. After each close the state is
snapshotted (``simulator.classroom.snapshots``), so that a rebuild starts from the latest closed
turn rather than from the first input.

Inputs, in the order a turn sees them:
    start                      turn 1 opens
    submit {decisions}         a team's decisions for the open turn (replaces earlier ones)
    withdraw                   the team withdraws them
    fire {inject}              a held MSEL inject fires now
    inject {turn, hour, inject} an ad-hoc inject
    close                      the turn closes and is adjudicated (bot teams decide then)
    open                       the next turn opens to the teams
    pause / resume             submissions are refused while paused

In a practice exercise (one trainee's team against bots, at their own pace) the team
itself closes its turn and opens the next (``end_turn``): the same two inputs, stored by
the team instead of the instructor.
"""

from __future__ import annotations

import hashlib
import threading
import time

from agents.players import make_bot
from simulator.classroom import snapshots
from simulator.classroom.store import Input, Refused, Store
from simulator.language.scenario import Inject, Scenario
from simulator.language.validation import scenario_from_text
from simulator.play.decisions import AdHocInject, Decision, inject_problems
from simulator.play.exercise import Exercise


def submit_payload(decisions: list[dict]) -> dict:
    """What a team's submission stores: each decision's action and parameters."""
    return {"decisions": [{"action": d.get("action", ""), "params": d.get("params") or {}}
                          for d in decisions]}


class LiveExercise:
    """One exercise rebuilt from its inputs; a lock keeps commands in order."""

    def __init__(self, store: Store, ex: int, scenario: Scenario, seed: int, lang: str,
                 teams: dict[str, str | None], practice: bool = False):
        self.store, self.id, self.scenario, self.practice = store, ex, scenario, practice
        self.exercise = Exercise(scenario, seed, lang)
        self.bots = {t: make_bot(kind, scenario, t, seed) for t, kind in teams.items() if kind}
        self.pending: dict[str, list[dict]] = {}  # team → decisions for the open turn
        self.phase, self.paused = "setup", False
        self.applied = (0, "")  # the last input applied, and the digest of all so far
        self.lock = threading.RLock()
        self.after_close = None  # told of each turn closed here (a command, not a replay)

    @classmethod
    def load(cls, store: Store, ex: int, cache: bool = True) -> LiveExercise:
        """Rebuild the exercise from the store: from its snapshot when it stands for a prefix
        of the stored inputs, then every stored input after it, in order; the last turn this
        closes is snapshotted for the next load. With ``cache`` false, snapshots are
        neither read nor written: every input is replayed (a check)."""
        row, teams, items = store.exercise(ex), store.teams(ex), store.inputs(ex)
        live, done = snapshots.restore(store, row, teams, items) if cache else (None, 0)
        if live is None:
            scenario = scenario_from_text(row["scenario"], f"exercise {ex}")
            live = cls(store, ex, scenario, row["seed"], row["lang"], teams,
                       practice=row["practice"] is not None)
            live.applied = (0, snapshots.origin(row, teams))
        rest = items[done:]
        last_close = max((n for n, item in enumerate(rest) if item.kind == "close"), default=-1)
        for n, item in enumerate(rest):
            live._apply(item)
            if n == last_close and cache:
                snapshots.save(live)
        return live

    @classmethod
    def replay(cls, store: Store | None, ex: int, scenario: Scenario, seed: int, lang: str,
               teams: dict[str, str | None], inputs: list[Input],
               practice: bool = False) -> LiveExercise:
        """The exercise these inputs make, replayed in memory without reading the store
        (an exercise archive is checked this way before anything of it is stored)."""
        live = cls(store, ex, scenario, seed, lang, teams, practice)
        for item in inputs:
            live._apply(item)
        return live

    def __getstate__(self) -> dict:
        """What a snapshot keeps: the state, not the store, the lock or the listener."""
        return {k: v for k, v in self.__dict__.items()
                if k not in ("store", "lock", "after_close")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, store=None, lock=threading.RLock(), after_close=None)

    # --- what everyone sees -----------------------------------------------------------

    @property
    def turn(self) -> int:
        return self.exercise.turn

    def replay_hash(self) -> str:
        """A fingerprint of everything that happened: equal after a rebuild by replay."""
        state = self.exercise.model.events.to_jsonl() + repr(
            (self.phase, self.paused, sorted(self.pending.items())))
        return hashlib.sha256(state.encode()).hexdigest()

    @property
    def open_turn(self) -> int | None:
        """The turn teams can submit for; None before the start, between a turn's close
        and the next one's opening, and at the end."""
        return self.turn if self.phase == "open" else None

    def report(self, team: str, turn: int | None = None) -> dict | None:
        """The team's situation report for a turn (default: the open turn; None when no
        turn is open). The next turn's report exists as soon as a turn closes, but teams
        see it only when the instructor opens the turn."""
        turn = self.open_turn if turn is None else turn
        if turn is None or (self.phase == "closed" and turn == self.turn):
            return None
        return self.exercise.reports.get(turn, {}).get(team)

    def submitted(self) -> dict[str, int]:
        """How many decisions each team has submitted for the open turn."""
        return {t: len(d) for t, d in sorted(self.pending.items())}

    # --- commands ---------------------------------------------------------------------

    def start(self) -> Input:
        return self._command("start", {}, check=self._expect("setup", opens=1))

    def submit(self, team: str, decisions: list[dict], key: str | None = None,
               turn: int | None = None, client_key: bool = False) -> Input:
        """Store a team's decisions for the open turn, after checking each one; a retry
        with the same ``key`` returns the first answer. A ``client_key`` (an API client's
        Idempotency-Key) answers only that very request (``Store.append``); a page's form
        key is the page's own, whose list the server composes, so a double click with it
        returns the first answer."""
        with self.lock:
            turn = self.turn if turn is None else turn
            payload = submit_payload(decisions)
            items = [Decision(turn, team, d["action"], d["params"])
                     for d in payload["decisions"]]
            # Checked against the open turn only; otherwise the store refuses it below.
            checks = self.exercise.check(items) if self.open_turn == turn else []
            problems = [(i, r) for i, r in enumerate(checks) if r]
            if problems:
                raise Refused("invalid_decision", "; ".join(
                    f"{i + 1}: {r.reason}: {r.detail}" for i, r in problems))
            return self._command("submit", payload, team, key, self._team_check(team, turn),
                                 client_turn=turn if client_key else None)

    def withdraw(self, team: str, key: str | None = None, turn: int | None = None) -> Input:
        with self.lock:
            turn = self.turn if turn is None else turn
            return self._command("withdraw", {}, team, key, self._team_check(team, turn))

    def close(self) -> Input:
        def check(row, db):
            if row["phase"] != "open":
                raise Refused("turn_not_open", f"phase is {row['phase']}")
            return self._closing(row)
        return self._command("close", {}, check=check)

    def end_turn(self, team: str, turn: int) -> Input:
        """Practice only: the team ends turn ``turn``; it closes (the bots decide then) and
        the next one opens at once. Two inputs, each stored in its own transaction under a
        key of its turn, so a retry (a second click, or after a crash between the two)
        stores nothing twice and completes what is missing. Returns the last input."""
        with self.lock:
            if not (self.phase == "closed" and self.turn == turn + 1):  # not closed yet
                item = self._command("close", {}, team, f"close-{turn}",
                                     self._practice_check(team, turn, "open"))
            if self.phase == "closed":
                item = self._command("open", {}, team, f"open-{turn + 1}",
                                     self._practice_check(team, turn, "closed"))
            return item

    def open(self) -> Input:
        return self._command("open", {}, check=self._expect("closed", opens=None))

    def fire(self, inject_id: str) -> Input:
        held = {i.id for i in self.scenario.msel if i.hold}
        if inject_id not in held:
            raise Refused("unknown_inject", f"no held inject {inject_id!r} (held: "
                          f"{', '.join(sorted(held)) or 'none'})")
        return self._command("fire", {"inject": inject_id}, check=self._running())

    def add_inject(self, spec: dict, hour: int = 0, turn: int | None = None) -> Input:
        """An instructor's ad-hoc inject, checked like one in an inputs file."""
        with self.lock:
            turn = self.turn if turn is None else turn
            raw = {k: v for k, v in spec.items() if k not in ("at", "when")}
            raw["at"] = {"turn": turn, "hour": hour}
            try:
                inj = Inject.model_validate(raw)
            except ValueError as exc:
                raise Refused("invalid_inject", str(exc).splitlines()[0]) from None
            problems = inject_problems(self.scenario, inj)
            if problems:
                raise Refused("invalid_inject", "; ".join(problems))
            return self._command("inject", {"turn": turn, "hour": hour, "inject": spec},
                                 check=self._running())

    def pause(self) -> Input:
        return self._command("pause", {}, check=self._running())

    def resume(self) -> Input:
        return self._command("resume", {}, check=self._running())

    # --- storing and applying ---------------------------------------------------------

    def _command(self, kind: str, payload: dict, team: str | None = None,
                 key: str | None = None, check=None, client_turn: int | None = None) -> Input:
        with self.lock:
            item, new = self.store.append(self.id, kind, payload, team, key, check,
                                          client_turn)
            if new:
                self._apply(item)
                if kind == "close":
                    snapshots.save(self)
                    if self.after_close:
                        self.after_close(self)
            return item

    def _expect(self, phase: str, opens: int | None):
        def check(row, db):
            if row["phase"] != phase:
                raise Refused("wrong_phase", f"phase is {row['phase']}, expected {phase}")
            return "open", opens if opens is not None else row["turn"] + 1
        return check

    def _closing(self, row) -> tuple[str, int]:
        """The phase and turn a close leaves: finished after the last turn."""
        last = self.scenario.metadata.turns
        return ("finished" if row["turn"] >= last else "closed"), row["turn"]

    def _practice_check(self, team: str, turn: int, phase: str):
        """The team of a practice exercise closes its open turn (``phase`` open) or opens
        the next one after it closed (``phase`` closed); only that turn, never a later one."""
        player = self._team_check(team, turn)

        def check(row, db):
            if row["practice"] is None:
                raise Refused("not_practice", "only a practice exercise's team ends its turn")
            if phase == "open":
                player(row, db)
                return self._closing(row)
            if row["paused"]:
                raise Refused("paused", "the exercise is paused")
            if row["phase"] != "closed" or row["turn"] != turn:
                raise Refused("turn_closed", f"turn {turn} is not waiting to be followed "
                                             f"(turn {row['turn']} is {row['phase']})")
            return "open", turn + 1
        return check

    def _running(self):
        def check(row, db):
            if row["phase"] in ("setup", "finished"):
                raise Refused("not_running", f"phase is {row['phase']}")
            return None
        return check

    def _team_check(self, team: str, turn: int):
        teams = self.store.teams(self.id)

        def check(row, db):
            if team not in teams:
                raise Refused("unknown_team", f"no team {team!r}")
            if teams[team]:
                raise Refused("bot_team", f"team {team!r} is played by a bot")
            if row["paused"]:
                raise Refused("paused", "the exercise is paused")
            if row["phase"] != "open" or row["turn"] != turn:
                raise Refused("turn_closed", f"turn {turn} is not open (turn {row['turn']} "
                                             f"is {row['phase']})")
            return None
        return check

    def _apply(self, item: Input) -> None:
        """One stored input, applied to the state in memory (replay uses this too)."""
        ex, kind = self.exercise, item.kind
        self.applied = (item.seq, snapshots.chain(self.applied[1], item))
        if kind == "start":
            ex.reset()
            self.phase = "open"
        elif kind == "submit":
            self.pending[item.team] = item.payload["decisions"]
        elif kind == "withdraw":
            self.pending.pop(item.team, None)
        elif kind == "fire":
            ex.fire_held(item.payload["inject"])
        elif kind == "inject":
            p = item.payload
            raw = {**p["inject"], "at": {"turn": p["turn"], "hour": p["hour"]}}
            ex.add_inject(AdHocInject(p["turn"], Inject.model_validate(raw), p["hour"]))
        elif kind == "close":
            self._adjudicate()
        elif kind == "open":
            self.phase = "open"
        elif kind in ("pause", "resume"):
            self.paused = kind == "pause"

    def _adjudicate(self) -> None:
        ex, turn = self.exercise, self.exercise.turn
        orders = [Decision(turn, team, d["action"], d["params"])
                  for team, items in sorted(self.pending.items()) for d in items]
        for team in sorted(self.bots):
            orders += [Decision(turn, team, o["action"], o["params"])
                       for o in self.bots[team].decide(ex.reports[turn][team])]
        self.pending = {}
        ex.step(orders)
        self.phase = "finished" if ex.done else "closed"


class Registry:
    """The exercises in play in one server, each loaded once (``LiveExercise.load``).

    Practice exercises are many (one per visitor of a link) and often left half-played:
    one not asked for in ``idle`` seconds is dropped from memory, and rebuilt if asked for
    again. No request lasts that long, so none still holds the dropped copy. An exercise
    being loaded holds up only the requests for it, never those for the others.
    ``after_close(live)`` is called after each turn a command closes (under its lock)."""

    def __init__(self, store: Store, idle: float = 1800, after_close=None):
        self.store, self.idle, self.after_close = store, idle, after_close
        self._live: dict[int, LiveExercise] = {}
        self._used: dict[int, float] = {}
        self._loading: dict[int, threading.Lock] = {}  # one per exercise being loaded
        self._lock = threading.Lock()  # held only to read and change the dicts above

    def get(self, ex: int) -> LiveExercise:
        with self._lock:
            now = time.monotonic()
            for old in [k for k, live in self._live.items()
                        if live.practice and k != ex and now - self._used[k] > self.idle]:
                del self._live[old], self._used[old]
            if ex in self._live:
                self._used[ex] = now
                return self._live[ex]
            loading = self._loading.setdefault(ex, threading.Lock())
        with loading:  # the first request loads it; the others for it wait, then share it
            with self._lock:
                if ex in self._live:
                    return self._live[ex]
            live = None
            try:
                live = LiveExercise.load(self.store, ex)
                live.after_close = self.after_close
            finally:
                with self._lock:
                    if live is not None:
                        self._live[ex], self._used[ex] = live, time.monotonic()
                    self._loading.pop(ex, None)
            return live
