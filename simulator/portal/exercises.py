"""Exercises for the portal: shipped or uploaded scenarios, creation, join codes, state."""

from __future__ import annotations

from agents.bots import BOTS
from debrief.words import Words
from simulator.classroom.live import LiveExercise
from simulator.classroom.store import Store
from simulator.i18n import LANGUAGES, N_
from simulator.language.coverage import check_language
from simulator.language.problem_text import Say
from simulator.language.scenario import Scenario
from simulator.language.validation import load_scenario, scenario_from_text
from simulator.language.yamlsafe import InputError, Problem
from simulator.shipped import shipped
from simulator.world.sharing import allot, shared_units

MAX_NAME = 200


_SHIPPED: dict[tuple[str, int], Scenario | None] = {}  # (file, mtime) → scenario: checked once


def shipped_scenarios() -> dict[str, Scenario]:
    """The shipped scenarios that are valid, by id; a broken file beside the package is
    left out (`ttx validate` says why)."""
    out = {}
    for sid, path in shipped().items():
        key = (str(path), path.stat().st_mtime_ns)
        if key not in _SHIPPED:
            try:
                _SHIPPED[key] = load_scenario(path)
            except InputError:
                _SHIPPED[key] = None
        if _SHIPPED[key] is not None:
            out[sid] = _SHIPPED[key]
    return out


def decode(raw: bytes, name: str) -> str:
    """An uploaded file as text, or ``InputError`` (as ``ttx validate`` says it)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(name, 1, 1, "", f"not UTF-8 text (byte {exc.start})")]) from None


def scenario_source(shipped_id: str | None, text: str | None,
                    name: str = "scenario.yaml") -> tuple[str, Scenario]:
    """(scenario text, validated scenario) from a shipped id or uploaded text; raises
    ``InputError`` with every located problem, ``ValueError`` for an unknown id."""
    if text is None:
        files = shipped()
        if shipped_id not in files:
            raise ValueError(f"unknown scenario {shipped_id!r} (shipped: {', '.join(files)})")
        path = files[shipped_id]
        text, name = path.read_text(encoding="utf-8"), path.name
    return text, scenario_from_text(text, name)


MAX_SEED = 2**32 - 1


# The instructor's choice to play in a language the scenario is not wholly written in
# (a box on the new-exercise and practice forms), and how a refusal names it.
FALLBACK_CHOICE = N_("Show the texts the scenario lacks in this language in English, marked [EN]")
ON_FORM = Say(N_("choose “{choice}”"), choice=Say(FALLBACK_CHOICE))
IN_API = Say(N_("send {field}"), field='"fallback_english": true')


def check_setup(scenario: Scenario, name: str, seed: int, lang: str,
                bots: dict[str, str | None], fallback_english: bool = False,
                how: Say = ON_FORM) -> dict[str, str | None]:
    """Every team with its bot kind (None: played by people); ``ValueError`` if wrong,
    ``NotCovered`` (one) for a language the scenario is not wholly written in, unless the
    instructor chose ``fallback_english`` (``how`` says where to choose it)."""
    if not name.strip() or len(name) > MAX_NAME:
        raise ValueError(f"a name of 1 to {MAX_NAME} characters is needed")
    if not 0 <= seed <= MAX_SEED:  # the database stores 64-bit integers
        raise ValueError(f"a seed is a whole number from 0 to {MAX_SEED}")
    if lang not in LANGUAGES:
        raise ValueError(f"language is one of {', '.join(LANGUAGES)}")
    check_language(scenario, lang, fallback_english, how)
    teams = [t.id for t in scenario.teams]
    for team, kind in bots.items():
        if team not in teams:
            raise ValueError(f"unknown team {team!r} (teams: {', '.join(teams)})")
        if kind is not None and kind not in BOTS:
            raise ValueError(f"unknown bot {kind!r} (bots: {', '.join(BOTS)})")
    return {t: bots.get(t) for t in teams}


def create(store: Store, name: str, text: str, seed: int, lang: str,
           teams: dict[str, str | None], fallback_english: bool = False) -> tuple[int, dict]:
    """A new exercise in setup and its join codes."""
    ex = store.create_exercise(name.strip(), text, seed, lang, teams, fallback_english)
    return ex, issue_codes(store, ex)


def issue_codes(store: Store, ex: int) -> dict:
    """One code per team played by people and one for the evaluators; earlier codes of the
    exercise (and the sessions opened with them) stop working. Shown once: only hashes stay."""
    store.revoke_codes(ex)
    return {"teams": {team: store.add_credential("team", ex, team)
                      for team, bot in store.teams(ex).items() if not bot},
            "evaluator": store.add_credential("evaluator", ex)}


def shown_turn(live: LiveExercise) -> int:
    """The turn open, or the last one closed (0 before the start), as the store counts it:
    once a turn closes the engine has already prepared the next one."""
    if live.phase == "setup":
        return 0
    return live.turn - 1 if live.phase == "closed" else live.turn


def state(live: LiveExercise) -> dict:
    with live.lock:
        return {"phase": live.phase, "turn": shown_turn(live), "open_turn": live.open_turn,
                "paused": live.paused, "submitted": live.submitted(),
                "replay_hash": live.replay_hash(), "released": live.store.released(live.id)}


def held_injects(scenario: Scenario) -> list:
    return [i for i in scenario.msel if i.hold]


def shared_requests(live: LiveExercise) -> list[dict]:
    """The shared units requested this turn: by whom, in order of submission, and which
    team gets each by priority (``simulator.world.sharing``), for the instructor to see."""
    s = live.scenario
    records = [{"id": f"{team}-{i}", "team": team, "action": d.get("action"),
                "resolved": d.get("params") or {}}
               for team, items in sorted(live.pending.items()) for i, d in enumerate(items)
               if d.get("action") in s.actions_of(team)]
    lost = allot(s, records)
    out: dict[str, dict] = {}
    for rec in records:
        for unit in shared_units(s, s.actions_of(rec["team"])[rec["action"]], rec["resolved"]):
            row = out.setdefault(unit, {"unit": unit, "requests": [], "given_to": None})
            row["requests"].append((rec["team"], rec["action"]))
            if rec["id"] not in lost:
                row["given_to"] = rec["team"]
    return list(out.values())


def critical_tasks(scenario: Scenario) -> list:
    return [c for o in scenario.objectives for c in o.critical_tasks]


def id_names(scenario: Scenario, lang: str) -> dict[str, str]:
    """Every id of the scenario by its name (teams and critical tasks among them), for
    notes and overrides stored by id."""
    return Words(scenario, lang).known


def team_view(submitted: dict[str, int], team: str, shown: str) -> dict[str, bool]:
    """What a team sees of ``state``'s counts of orders: whether each team has submitted
    (``shown`` 'submitted'), or only whether it has itself ('nothing'); never a count."""
    return {t: True for t in submitted if shown == "submitted" or t == team}
