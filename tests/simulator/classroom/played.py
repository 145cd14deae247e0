"""A portal database with one exercise played to its end, in a course, with everything
an archive carries (inputs, notes, overrides, team members, sign-offs) and every kind of
secret it must not carry (join codes, sessions, CSRF tokens, a practice link, the keys of
devices)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from simulator.classroom.courses import Course, Courses, SignOff, Trainee
from simulator.classroom.live import LiveExercise
from simulator.classroom.store import Store, digest
from tests.conftest import MINI, MINI_OBJECTIVES

SCENARIO = MINI.read_text() + MINI_OBJECTIVES
COURSE = Course(name="PoC course 2027-1", school="École de maintien de la paix",
                start=date(2027, 1, 11), end=date(2027, 1, 22), lang="fr")
COHORT = [Trainee(name=n, country=c, service=s, sex=x) for n, c, s, x in (
    ("Aïssata Maïga", "Mali", "military", "female"), ("Boubacar Diallo", "Niger", "military",
                                                      "male"),
    ("Fatou Ndiaye", "Sénégal", "civilian", "female"), ("Moussa Traoré", "Burkina Faso",
                                                        "police", "male"))]
PATROL = {"action": "patrol", "params": {"unit": "coy_a", "location": "village"}}
TOWN = {"action": "patrol", "params": {"unit": "coy_a", "location": "town"}}
ENGAGE = {"action": "engage", "params": {"location": "village"}}


@dataclass
class Played:
    store: Store
    exercise: int
    course: int
    secrets: dict[str, str] = field(default_factory=dict)  # what → its text


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def played_exercise(db: Path, seed: int = 3) -> Played:
    """Exercise 'mini' (police played by a doctrine bot) to its last turn, with notes, an
    override, team members and sign-offs; codes, sessions and a practice link issued."""
    store = Store(db)
    courses = Courses(store)
    course = courses.create(COURSE)
    trainees = courses.enrol(course, COHORT)
    ex = store.create_exercise("Inner Delta, group B", SCENARIO, seed, "fr",
                               {"force": None, "police": "doctrine", "civilian": None,
                                "humanitarian": None})
    courses.attach(course, ex, {"force": trainees[:2], "civilian": [trainees[2]]})
    played = Played(store, ex, course)
    secret = played.secrets
    for role, team in (("instructor", None), ("team", "force"), ("evaluator", None)):
        code = store.add_credential(role, None if role == "instructor" else ex, team)
        token, csrf = store.open_session(store.credential(code))
        secret.update({f"{role} code": code.replace("-", ""), f"{role} code hash": digest(code),
                       f"{role} session": token, f"{role} session hash": _sha(token),
                       f"{role} csrf": csrf})
    for tid, code in courses.issue_codes(course).items():
        secret[f"trainee {tid} code hash"] = digest(code)
    _, link = store.add_practice_offer("Practice", SCENARIO, "force", 1, "en")
    secret.update({"practice link": link.replace("-", ""), "practice link hash": digest(link)})

    live = LiveExercise.load(store, ex)
    live.start()
    for turn in range(1, live.scenario.metadata.turns + 1):
        if turn > 1:
            live.open()
        key = f"force:device-key-{turn}-q8Zr"
        live.submit("force", [PATROL if turn % 2 else TOWN], key=key)
        secret[f"submit key {turn}"] = key
        if turn == 2:
            live.submit("civilian", [ENGAGE], key="civilian:form:Xy7-2")
            live.withdraw("civilian", key="civilian:form:Xy7-3")
            secret["withdraw key"] = "civilian:form:Xy7-3"
        live.close()
    store.add_note(ex, 2, "force", "ct-presence", "The patrol reached the village late.")
    store.add_note(ex, 0, None, None, "Good coordination overall.")
    store.set_override(ex, "ct-presence", "S", "Late by two hours, but present.")
    sign = SignOff(competency="protection_of_civilians", status="met",
                   comment="Sound patrol plan.", evaluator="Col. Sangaré")
    courses.sign_off(course, trainees[0], sign, ex, key="signoff-key-7Hq")
    courses.sign_off(course, trainees[2], sign.model_copy(update={"status": "not_yet_met"}),
                     ex)
    secret["signoff key"] = "signoff-key-7Hq"
    return played
