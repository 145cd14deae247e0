"""The portal's SQLite store: hashed codes, idempotent inputs, phase checks in one lock."""

import pytest

from simulator.classroom.store import Refused, Store, digest, new_token


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "ttx.db")


def test_codes_are_128_random_bits_and_only_their_hash_is_kept(store, tmp_path):
    codes = {new_token() for _ in range(200)}
    assert len(codes) == 200
    code = store.add_credential("instructor")
    assert len(code.replace("-", "")) == 26  # 26 base-32 characters: 130 bits, 128 random
    assert store.credential(code.lower().replace("-", " "))["role"] == "instructor"
    assert store.credential(new_token()) is None
    token, csrf = store.open_session(store.credential(code))
    assert store.session(token)["role"] == "instructor" and store.session(csrf) is None
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("ttx.db*"))
    assert code.replace("-", "").encode() not in raw and token.encode() not in raw
    assert digest(code).encode() in raw


def test_wal_mode_and_one_input_per_key(store):
    assert store.read("PRAGMA journal_mode")[0][0] == "wal"
    ex = store.create_exercise("x", "text", 1, "en", {"force": None})
    first, new = store.append(ex, "submit", {"decisions": []}, "force", key="k1")
    again, new_again = store.append(ex, "submit", {"decisions": [1]}, "force", key="k1")
    assert (new, new_again) == (True, False) and again == first
    assert [i.seq for i in store.inputs(ex)] == [first.seq]


def test_a_refused_input_changes_nothing(store):
    ex = store.create_exercise("x", "text", 1, "en", {"force": None})

    def closed(row, db):
        raise Refused("turn_closed", "turn 1 is closed")
    with pytest.raises(Refused, match="turn_closed"):
        store.append(ex, "submit", {}, "force", key="k", check=closed)
    assert store.inputs(ex) == [] and store.exercise(ex)["phase"] == "setup"
    with pytest.raises(Refused, match="unknown_exercise"):
        store.append(99, "start", {})
    with pytest.raises(ValueError, match="unknown kind"):
        store.append(ex, "teleport", {})


def test_notes_overrides_and_join_failures(store):
    ex = store.create_exercise("x", "text", 1, "en", {"force": None, "police": "doctrine"})
    assert store.teams(ex) == {"force": None, "police": "doctrine"}
    store.add_note(ex, 2, "force", "ct_deter", "Patrol late.")
    store.set_override(ex, "ct_deter", "S", "Late by two hours.")
    store.set_override(ex, "ct_deter", "M", "Late by six hours.")
    assert [n["text"] for n in store.notes(ex)] == ["Patrol late."]
    assert [(o["rating"], o["justification"]) for o in store.overrides(ex)] == \
        [("M", "Late by six hours.")]
    for _ in range(3):
        store.record_join_failure("10.0.0.5")
    assert store.join_record("10.0.0.5", 60)[0] == 3 and store.join_record("10.0.0.6", 60)[0] == 0


def test_old_join_failures_are_forgotten(store):
    with store.write() as db:
        db.execute("INSERT INTO join_failure (addr, at) VALUES ('10.0.0.7', 0)")
    store.record_join_failure("10.0.0.8")
    assert [r["addr"] for r in store.read("SELECT addr FROM join_failure")] == ["10.0.0.8"]


def test_sessions_end_after_two_weeks(store):
    token, _ = store.open_session(store.credential(store.add_credential("instructor")))
    assert store.session(token) is not None
    with store.write() as db:
        db.execute("UPDATE session SET created = created - 15 * 86400")
    assert store.session(token) is None
