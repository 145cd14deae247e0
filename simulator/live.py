"""An exercise in play: the stored inputs replayed into an ``Exercise``, and the commands
of the instructor and the teams, each stored before it is acknowledged.

The state in memory is derived: ``LiveExercise.load`` rebuilds it from the store by
replay (after a restart, a crash, or for a check), and ``replay_hash`` tells whether two
rebuilds agree. A command is stored first (``Store.append``, one transaction that checks
the phase and turn), then applied to the state in memory.

Inputs, in the order a turn sees them:
    start                      turn 1 opens
    submit {decisions}         a team's decisions for the open turn (replaces earlier ones)
    withdraw                   the team withdraws them
    fire {inject}              a held MSEL inject fires now
    inject {turn, hour, inject} an ad-hoc inject
    close                      the turn closes and is adjudicated (bot teams decide then)
    open                       the next turn opens to the teams
    pause / resume             submissions are refused while paused
"""

from __future__ import annotations

import hashlib
import threading

from agents.bots import make_bot
from simulator.decisions import AdHocInject, Decision, inject_problems
from simulator.exercise import Exercise
from simulator.scenario import Inject, Scenario
from simulator.store import Input, Refused, Store
from simulator.validation import scenario_from_text


class LiveExercise:
    """One exercise rebuilt from its inputs; a lock keeps commands in order."""

    def __init__(self, store: Store, ex: int, scenario: Scenario, seed: int, lang: str,
                 teams: dict[str, str | None]):
        self.store, self.id, self.scenario = store, ex, scenario
        self.exercise = Exercise(scenario, seed, lang)
        self.bots = {t: make_bot(kind, scenario, t, seed) for t, kind in teams.items() if kind}
        self.pending: dict[str, list[dict]] = {}  # team → decisions for the open turn
        self.phase, self.paused = "setup", False
        self.lock = threading.RLock()

    @classmethod
    def load(cls, store: Store, ex: int) -> LiveExercise:
        """Rebuild the exercise from the store: every stored input, in order."""
        row = store.exercise(ex)
        scenario = scenario_from_text(row["scenario"], f"exercise {ex}")
        live = cls(store, ex, scenario, row["seed"], row["lang"], store.teams(ex))
        for item in store.inputs(ex):
            live._apply(item)
        return live

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
               turn: int | None = None) -> Input:
        """Store a team's decisions for the open turn, after checking each one; a retry
        with the same ``key`` returns the first answer."""
        with self.lock:
            turn = self.turn if turn is None else turn
            items = [Decision(turn, team, d.get("action", ""), d.get("params") or {})
                     for d in decisions]
            # Checked against the open turn only; otherwise the store refuses it below.
            checks = self.exercise.check(items) if self.open_turn == turn else []
            problems = [(i, r) for i, r in enumerate(checks) if r]
            if problems:
                raise Refused("invalid_decision", "; ".join(
                    f"{i + 1}: {r.reason}: {r.detail}" for i, r in problems))
            payload = {"decisions": [{"action": d.action, "params": d.params} for d in items]}
            return self._command("submit", payload, team, key, self._team_check(team, turn))

    def withdraw(self, team: str, key: str | None = None, turn: int | None = None) -> Input:
        with self.lock:
            turn = self.turn if turn is None else turn
            return self._command("withdraw", {}, team, key, self._team_check(team, turn))

    def close(self) -> Input:
        last = self.scenario.metadata.turns

        def check(row, db):
            if row["phase"] != "open":
                raise Refused("turn_not_open", f"phase is {row['phase']}")
            return ("finished" if row["turn"] >= last else "closed"), row["turn"]
        return self._command("close", {}, check=check)

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
                 key: str | None = None, check=None) -> Input:
        with self.lock:
            item, new = self.store.append(self.id, kind, payload, team, key, check)
            if new:
                self._apply(item)
            return item

    def _expect(self, phase: str, opens: int | None):
        def check(row, db):
            if row["phase"] != phase:
                raise Refused("wrong_phase", f"phase is {row['phase']}, expected {phase}")
            return "open", opens if opens is not None else row["turn"] + 1
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
    """The exercises in play in one server, each loaded once by replay."""

    def __init__(self, store: Store):
        self.store = store
        self._live: dict[int, LiveExercise] = {}
        self._lock = threading.Lock()

    def get(self, ex: int) -> LiveExercise:
        with self._lock:
            if ex not in self._live:
                self._live[ex] = LiveExercise.load(self.store, ex)
            return self._live[ex]
