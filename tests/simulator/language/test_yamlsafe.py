"""Unsafe or oversized YAML is refused with a located error; positions are kept."""

import pytest

from simulator.language import yamlsafe
from simulator.language.yamlsafe import InputError, load_file, load_text


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        load_text(text, "f.yaml")
    return [str(p) for p in info.value.problems]


def test_positions_are_one_based_line_and_column():
    data, pos = load_text("a:\n  b: [1, 2]\n  c: x\n")
    assert data == {"a": {"b": [1, 2], "c": "x"}}
    assert pos[("a", "c")] == (3, 3)
    assert pos[("a", "b", 1)] == (2, 10)


def test_python_tags_are_refused():
    assert problems("a: !!python/object:os.system {}\n") == [
        "f.yaml:1:4: a: YAML tag 'tag:yaml.org,2002:python/object:os.system' is not allowed; "
        "use plain values"]


def test_custom_tags_are_refused():
    assert "YAML tag '!secret' is not allowed" in problems("x: 1\ny: !secret abc\n")[0]


def test_alias_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(yamlsafe, "MAX_ALIAS_VALUES", 1000)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for name, prev in zip("bcdef", "abcde", strict=True):
        bomb += f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, " \
                f"*{prev}, *{prev}, *{prev}, *{prev}]\n"
    (msg,) = problems(bomb)
    assert "aliases add more than 1000 values to the document" in msg


def test_a_large_file_without_aliases_is_not_taken_for_an_alias_bomb():
    """A district's file writes far more values than aliases may add: 150,000 values load,
    and past the written limit the message says so, without a word of aliases."""
    data, _ = load_text("v: [" + ", ".join(["1"] * 150_000) + "]\n")
    assert len(data["v"]) == 150_000


def test_past_the_written_limit_the_message_names_that_limit(monkeypatch):
    monkeypatch.setattr(yamlsafe, "MAX_VALUES", 1000)
    (msg,) = problems("v: [" + ", ".join(["1"] * 1000) + "]\n")
    assert "the file writes more than 1000 values (the limit on values written)" in msg
    assert "alias" not in msg


@pytest.mark.parametrize("limit,text,en,fr", [
    ("MAX_BYTES", "a: " + "x" * 200 + "\n",
     "f.yaml:1:1: file is larger than the size limit of 100 bytes; refused",
     "f.yaml:1:1: le fichier dépasse la limite de taille de 100 octets ; refusé"),
    ("MAX_VALUES", "v: [" + ", ".join(["1"] * 100) + "]\n",
     "f.yaml:1:296: v[97]: the file writes more than 100 values (the limit on values written); "
     "refused",
     "f.yaml:1:296: v[97]: le fichier écrit plus de 100 valeurs (la limite de valeurs écrites) ; "
     "refusé"),
    ("MAX_ALIAS_VALUES", "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: [" + ", ".join(["*a"] * 10)
     + "]\n", "f.yaml:1:8: b[9][0]: aliases add more than 100 values to the document (the limit "
     "on values aliases add: an alias of an alias of ...?); refused",
     "f.yaml:1:8: b[9][0]: les alias ajoutent plus de 100 valeurs au document (la limite de "
     "valeurs ajoutées par des alias : un alias d'alias de ... ?) ; refusé")])
def test_each_limit_is_named_in_its_message_in_english_and_french(monkeypatch, limit, text,
                                                                   en, fr):
    monkeypatch.setattr(yamlsafe, limit, 100)
    with pytest.raises(InputError) as info:
        load_text(text, "f.yaml")
    (problem,) = info.value.problems
    assert (problem.text("en"), problem.text("fr")) == (en, fr)


def test_the_garbage_collector_is_paused_while_loading_only(monkeypatch):
    """Collections during a load are what tripled a district's loading time; after the load,
    refused or not, the collector runs again (and stays off if it was off)."""
    import gc

    seen = []
    monkeypatch.setattr(yamlsafe, "_load_text", lambda text, name: seen.append(gc.isenabled()))
    load_text("a: 1\n")
    assert seen == [False] and gc.isenabled()
    monkeypatch.setattr(yamlsafe, "MAX_VALUES", 1)
    monkeypatch.undo()
    with pytest.raises(InputError):
        load_text("")
    assert gc.isenabled()
    gc.disable()
    try:
        load_text("a: 1\n")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_small_aliases_are_allowed():
    data, _ = load_text("base: &b {x: 1}\nother: *b\n")
    assert data["other"] == {"x": 1}


def test_merge_keys_are_refused():
    (msg,) = problems("base: &b {x: 1}\nother:\n  <<: *b\n")
    assert msg.startswith("f.yaml:3:3: other: merge keys")


def test_duplicate_keys_are_refused():
    assert problems("a: 1\nb: 2\na: 3\n") == ["f.yaml:3:1: a: duplicate key"]


def test_syntax_error_is_located():
    (msg,) = problems("a: [1, 2\nb: 3\n")
    assert msg.startswith("f.yaml:2:") and "not valid YAML" in msg


@pytest.mark.parametrize("text,expected", [
    ("a:\n  b: 1\n\tc: 2\n", "f.yaml:3:1: not valid YAML: a tab character: YAML indents "
     "with spaces only; replace the tab with spaces"),
    ("title: {en: Raid: Sabéré, fr: x}\n", "f.yaml:1:17: not valid YAML: inside { }, a text "
     "that contains ',' or ': ' must be in quotes"),
    ("a:\n  b: 1\n   c: 2\n", "f.yaml:3:5: not valid YAML: a ':' where YAML does not expect "
     "one: a value that contains ': ' must be in quotes"),
    ("a:\n  b: 1\n c: 2\n", "f.yaml:3:2: not valid YAML: this line is not aligned with the "
     "lines above it"),
    ("a:\n  b: \"open\n  c: 3\n", "f.yaml:2:6: not valid YAML: a quote opened here is "
     "never closed"),
    ("a:\n  b: \"x\" y\n", "f.yaml:2:10: not valid YAML: text after a value that is "
     "already complete"),
    ("a: *note\n", "f.yaml:1:4: not valid YAML: '*' at the start of a value makes it a YAML "
     "alias: put the text in quotes"),
])
def test_syntax_errors_are_said_in_plain_words(text, expected):
    (msg,) = problems(text)
    assert msg.startswith(expected), msg
    assert "<block" not in msg and "token" not in msg


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlsafe, "MAX_BYTES", 100)
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 200 + "\n")
    with pytest.raises(InputError) as info:
        load_file(path)
    assert "is 204 bytes, more than the size limit of 100 bytes; refused" in str(info.value)


def test_empty_and_unreadable_files(tmp_path):
    with pytest.raises(InputError, match="file is empty"):
        load_text("", "e.yaml")
    with pytest.raises(InputError, match="cannot read file"):
        load_file(tmp_path / "missing.yaml")
    (tmp_path / "bin.yaml").write_bytes(b"a: \xff\xfe\n")
    with pytest.raises(InputError, match="not UTF-8"):
        load_file(tmp_path / "bin.yaml")


def test_dates_stay_text():
    data, _ = load_text("start: 2027-08-01\n")
    assert data == {"start": "2027-08-01"}


def test_self_referencing_alias_is_refused():
    (msg,) = problems("a: &x [1, *x]\n")
    assert msg == "f.yaml:1:4: a[1]: an alias refers to a value that contains it; refused"


def test_deep_nesting_is_refused():
    (msg,) = problems("a: " + "[" * 80 + "]" * 80 + "\n")
    assert "nested deeper than 64 levels; refused" in msg
    (msg,) = problems("[" * 5000 + "]" * 5000 + "\n")
    assert "nested too deeply" in msg or "nested deeper than 64 levels" in msg
