"""The scenario authoring guide (docs/scenario-guide.md) must agree with the code.

These tests fail when a field, default, effect primitive, parameter, metric, limit or
message changes in the code and the guide is not updated, and when a YAML example of
the guide stops being valid.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path

import annotated_types as at
import pytest
import yaml
from pydantic import BaseModel

from simulator import yamlsafe
from simulator.parameters import Parameters
from simulator.scenario import EFFECTS, METRICS, Condition, Effect, Lang, Param, Scenario, Team
from simulator.validation import scenario_from_text
from simulator.yamlsafe import InputError

ROOT = Path(__file__).resolve().parent.parent
GUIDE_PATH = ROOT / "docs" / "scenario-guide.md"
GUIDE = GUIDE_PATH.read_text(encoding="utf-8")
LINES = GUIDE.splitlines()


# --- helpers ----------------------------------------------------------------------------

def _models(root: type[BaseModel]) -> list[type[BaseModel]]:
    """Every pydantic model reachable from ``root`` through field annotations."""
    seen: list[type[BaseModel]] = []

    def walk(t) -> None:
        if isinstance(t, type) and issubclass(t, BaseModel):
            if t not in seen:
                seen.append(t)
                for f in t.model_fields.values():
                    walk(f.annotation)
            return
        for arg in typing.get_args(t):
            walk(arg)

    walk(root)
    return seen


MODELS = _models(Scenario)
EFFECT_MODELS = set(EFFECTS.values())
PARAM_GROUPS = {f.annotation for f in Parameters.model_fields.values()}


def _name(field_name: str, info) -> str:
    """The name an author writes: the alias when there is one (``from``, ``not``)."""
    return info.alias or field_name


def _literals(t) -> list:
    out = []
    if typing.get_origin(t) is typing.Literal:
        out += list(typing.get_args(t))
    for arg in typing.get_args(t):
        if typing.get_origin(t) is not typing.Literal:
            out += _literals(arg)
    return out


def _fmt(value) -> str:
    """A default as the guide writes it (YAML spelling for booleans and lists)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_fmt(v) for v in value) + "]"
    return str(value)


def _table_after(marker: str) -> dict[str, list[str]]:
    """Rows (by backticked first cell) of the Markdown table that follows ``marker``."""
    assert marker in LINES, f"the guide lacks the marker {marker!r}"
    i = LINES.index(marker) + 1
    rows: dict[str, list[str]] = {}
    while i < len(LINES) and LINES[i].startswith("|"):
        cells = [c.strip() for c in LINES[i].strip().strip("|").split("|")]
        m = re.fullmatch(r"`([^`]+)`", cells[0])
        if m:
            rows[m.group(1)] = cells
        i += 1
    assert rows, f"no table rows after {marker!r}"
    return rows


def _section(start: str, stop: str) -> list[str]:
    """Lines from the line equal to ``start`` up to the next line matching ``stop``."""
    assert start in LINES, f"the guide lacks {start!r}"
    i = LINES.index(start) + 1
    out = []
    while i < len(LINES) and not re.match(stop, LINES[i]):
        out.append(LINES[i])
        i += 1
    return out


def _blocks(lang: str, lines: list[str] | None = None) -> list[str]:
    text = "\n".join(LINES if lines is None else lines)
    return re.findall(rf"^```{lang}\n(.*?)^```", text, flags=re.S | re.M)


def _first_code_line(block: str) -> str:
    return next((ln for ln in block.splitlines() if ln.strip() and not ln.startswith("#")), "")


def _full_examples() -> list[str]:
    return [b for b in _blocks("yaml") if _first_code_line(b).startswith("metadata:")
            and re.search(r"^teams:", b, flags=re.M)]


def _worked_example() -> str:
    (full,) = _full_examples()
    return full


def _chapter(title_prefix: str) -> list[str]:
    start = next(ln for ln in LINES if ln.startswith(title_prefix))
    return _section(start, r"^## ")


# --- (a) every field of every model ---------------------------------------------------

@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_appears_in_backticks(model):
    missing = [_name(n, f) for n, f in model.model_fields.items()
               if f"`{_name(n, f)}`" not in GUIDE]
    assert not missing, f"{model.__name__}: fields not in the guide: {missing}"


TABLE_MODELS = [m for m in MODELS
                if m not in EFFECT_MODELS and m not in PARAM_GROUPS
                and m is not Effect]


@pytest.mark.parametrize("model", TABLE_MODELS, ids=lambda m: m.__name__)
def test_field_tables_match_the_models(model):
    """Each model has a table with exactly its fields, and the right defaults."""
    rows = _table_after(f"<!-- fields: {model.__name__} -->")
    names = {_name(n, f): f for n, f in model.model_fields.items()}
    assert set(rows) == set(names), (
        f"{model.__name__}: guide rows {sorted(rows)} != fields {sorted(names)}")
    if model is Condition:
        return  # every form is optional; exactly one is written
    for name, info in names.items():
        cell = rows[name][1]
        if info.is_required():
            assert "required" in cell, f"{model.__name__}.{name} is required: {cell!r}"
            continue
        d = info.default
        if d is None:
            assert "optional" in cell, f"{model.__name__}.{name} has no default: {cell!r}"
        elif isinstance(d, (list, dict)) and not d:
            assert "empty" in cell, f"{model.__name__}.{name} defaults to empty: {cell!r}"
        elif isinstance(d, (bool, int, float, str, list)):
            assert f"`{_fmt(d)}`" in cell, f"{model.__name__}.{name} default {d!r}: {cell!r}"


def test_every_allowed_value_is_documented():
    """Location types, unit kinds, tactics, methods, sources ... all appear."""
    missing = set()
    for model in MODELS:
        for f in model.model_fields.values():
            for value in _literals(f.annotation):
                if f"`{value}`" not in GUIDE:
                    missing.add(f"{model.__name__}: {value}")
    assert not missing, sorted(missing)


def test_every_information_source_has_a_row():
    section = "\n".join(_section("#### What a team knows: `sources`", r"^###"))
    sources = _literals(Team.model_fields["sources"].annotation)
    documented = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)
    assert set(documented) == set(sources)
    # The guide says: messages, own findings and alert networks always reach a team, and
    # 'assessments' has no effect, so sources decide only own_units, media and shared.
    from simulator.knowledge import ALWAYS
    assert {"messages", "own_action", "alert_network"} <= set(ALWAYS)
    code = "".join(p.read_text() for d in ("simulator", "agents")
                   for p in (ROOT / d).glob("*.py") if p.name != "scenario.py")
    assert '"assessments"' not in code
    decided = set(sources) - set(ALWAYS) - {"assessments"}
    assert decided == {"own_units", "media", "shared"}
    assert "really decides only three things: `own_units`,\n`media` and `shared`" in section


# --- (b) every effect primitive ---------------------------------------------------------

def test_every_effect_primitive_appears():
    assert not [k for k in EFFECTS if f"`{k}`" not in GUIDE]


def test_effect_sections_match_the_primitives():
    documented = re.findall(r"^<!-- effect: ([a-z_]+) -->$", GUIDE, flags=re.M)
    assert sorted(documented) == sorted(EFFECTS), "one section per primitive, no extra"
    assert len(EFFECTS) == 30


@pytest.mark.parametrize("kind", list(EFFECTS))
def test_effect_arguments_and_defaults(kind):
    lines = _section(f"<!-- effect: {kind} -->", r"^(<!-- effect:|### |## )")
    assert lines[0] == f"#### `{kind}`"
    args = {}
    for ln in lines:
        m = re.match(r"^- `([a-z_]+)`:", ln)
        if m:
            args[m.group(1)] = ln
    model = EFFECTS[kind]
    fields = {_name(n, f): f for n, f in model.model_fields.items()}
    assert set(args) == set(fields), f"{kind}: documented {sorted(args)} != {sorted(fields)}"
    for name, info in fields.items():
        line = args[name]
        if info.is_required():
            assert "required" in line, line
        elif info.default is None:
            assert "optional" in line, line
        else:
            assert f"default `{_fmt(info.default)}`" in line, line


def test_effect_arguments_that_refuse_parameters():
    """The guide names the only arguments that cannot take a $parameter."""
    from pydantic import TypeAdapter, ValidationError
    refused = set()
    for kind, model in EFFECTS.items():
        for name, info in model.model_fields.items():
            adapter = TypeAdapter(info.annotation)
            try:
                adapter.validate_python("$p")
            except ValidationError:
                try:
                    adapter.validate_python(["$p"])
                except ValidationError:
                    refused.add((kind, info.alias or name))
    assert refused == {("hazard", "kind"), ("threat", "tactic")}
    assert "Numbers may be `$parameters`. The `kind` of `hazard` and the `tactic` of " \
        "`threat` must\nbe written out." in GUIDE


# --- (c) every behaviour parameter, with its default and range --------------------------

def _range(info) -> str:
    lo = hi = None
    strict = False
    for m in info.metadata:
        if isinstance(m, at.Ge):
            lo = m.ge
        elif isinstance(m, at.Gt):
            lo, strict = m.gt, True
        elif isinstance(m, at.Le):
            hi = m.le
    if lo is not None and hi is not None:
        return f"{lo} to {hi}"
    if lo is not None:
        return f"above {lo}" if strict else f"{lo} or more"
    return ""


@pytest.mark.parametrize("group", list(Parameters.model_fields))
def test_parameter_tables(group):
    model = Parameters.model_fields[group].annotation
    section = _section(f"### `parameters.{group}`", r"^##")
    rows = {}
    for ln in section:
        m = re.match(r"^\| `([a-z_]+)` \|", ln)
        if m:
            rows[m.group(1)] = [c.strip() for c in ln.strip().strip("|").split("|")]
    assert set(rows) == set(model.model_fields), f"{group}: rows differ from the parameters"
    for name, info in model.model_fields.items():
        _, default, rng, meaning = rows[name]
        d = info.default
        if isinstance(d, dict):
            for k, v in d.items():
                assert f"{k}: {v}" in default, f"{group}.{name}: {k}: {v} not in {default!r}"
        elif d is None:
            assert default == "none", f"{group}.{name}: default none, not {default!r}"
        else:
            assert f"`{d}`" in default, f"{group}.{name}: default {d!r} not in {default!r}"
        assert rng == _range(info), f"{group}.{name}: range {rng!r} != {_range(info)!r}"
        assert meaning, f"{group}.{name} has no meaning"


# --- (d) every metric ------------------------------------------------------------------

def test_every_metric_is_documented():
    assert not [m for m in METRICS if f"`{m}`" not in GUIDE]
    section = "\n".join(_section("### 5.2 Metrics", r"^##"))
    assert re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M) == list(METRICS)


def test_every_metric_is_computed_by_the_model():
    from simulator.exercise import Exercise
    ex = Exercise(scenario_from_text(_worked_example(), "kerowa.yaml"), seed=1)
    ex.reset()
    for name in METRICS:
        assert isinstance(ex.model.metric(name), float)
        assert isinstance(ex.model.metric(name, "kerowa"), float)


# --- (e) the YAML in the guide ----------------------------------------------------------

def test_there_is_one_complete_example_and_it_validates():
    examples = _full_examples()
    assert len(examples) == 1
    s = scenario_from_text(examples[0], "kerowa.yaml")
    assert s.metadata.id == "kerowa-warning"
    # Every action name is written in two languages.
    assert all(not isinstance(a.name, str) for a in s.actions)


@pytest.mark.parametrize("block", _blocks("yaml"), ids=lambda b: _first_code_line(b)[:30])
def test_every_yaml_block_loads_safely(block):
    """Each snippet parses, and follows the guide's own safety rules."""
    data = yaml.safe_load(block)
    if data is not None:
        yamlsafe.load_text(block, "snippet.yaml")


def _check_snippet(data) -> None:
    """Validate the parts of a snippet that are complete in themselves."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "effects" and isinstance(value, list):
                for e in value:
                    Effect.model_validate(e)
            elif key == "params" and isinstance(value, dict) and \
                    all(isinstance(p, dict) for p in value.values()):
                for p in value.values():  # declarations (an inputs file gives values)
                    Param.model_validate(p)
            elif key in ("when", "requires"):
                Condition.model_validate(value)
            elif key == "parameters":
                Parameters.model_validate(value)
            elif key == "message" and isinstance(value, dict):
                Lang.model_validate(value)
            else:
                _check_snippet(value)
    elif isinstance(data, list):
        for item in data:
            _check_snippet(item)


@pytest.mark.parametrize("block", _blocks("yaml"), ids=lambda b: _first_code_line(b)[:30])
def test_snippets_are_valid_scenario_parts(block):
    _check_snippet(yaml.safe_load(block))


def test_worked_example_excerpts_come_from_the_complete_file():
    full = _worked_example()
    chapter = _chapter("## 8. ")
    parts = [b for b in _blocks("yaml", chapter) if b != full]
    assert len(parts) >= 8
    for part in parts:
        assert part in full, f"excerpt differs from the complete file:\n{part[:200]}"
    def solid(text: str) -> list[str]:
        return [ln for ln in text.splitlines() if ln.strip()]

    assert solid("".join(parts)) == solid(full), "the excerpts, in order, make the file"


# --- messages and limits shown in the guide are real ------------------------------------

ROUNDS = {
    "round 1": [("  turns: 4\n", "  turns: four\n"),
                ("role: force, assets: [coy_a, heli]", "role: force, asset: [coy_a, heli]")],
    "round 2": [("{from: sadimbe, to: lofare,", "{from: sadimbe, to: lofre,"),
                ("      - assess: {location: $location}", "      - assess: {location: $place}")],
}


@pytest.mark.parametrize("round_", list(ROUNDS))
def test_validation_examples_are_real(round_, tmp_path, monkeypatch, capsys):
    from simulator.cli import main
    text = _worked_example()
    for old, new in ROUNDS[round_]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    (tmp_path / "kerowa.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "kerowa.yaml"]) == 2
    printed = capsys.readouterr().err.strip()
    shown = _section(f"<!-- validation-example: {round_} -->", r"^```$")
    assert shown[0] == "```text"
    assert "\n".join(shown[1:]) == printed


def test_valid_line_and_schema_command(tmp_path, monkeypatch, capsys):
    from simulator.cli import main
    (tmp_path / "kerowa.yaml").write_text(_worked_example(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "kerowa.yaml"]) == 0
    out = capsys.readouterr().out.strip()
    assert out.replace("kerowa.yaml", "scenarios/kerowa.yaml") in GUIDE
    assert main(["schema", "--out", "scenario.schema.json"]) == 0
    assert '"metadata"' in (tmp_path / "scenario.schema.json").read_text()


def test_safety_limits_and_messages(tmp_path, monkeypatch):
    assert f"{yamlsafe.MAX_BYTES:,} bytes" in GUIDE
    assert f"{yamlsafe.MAX_NODES:,} values" in GUIDE
    cases = {"a: &x [1]\nb: *x\n<<: {c: 1}\n": "merge keys",
             "a: !!python/object {}\n": "YAML tag",
             "a: 1\na: 2\n": "duplicate key",
             "x" * (yamlsafe.MAX_BYTES + 1): "more than the limit"}
    shown = "\n".join(_section("Messages for these rules look like this:", r"^### "))
    monkeypatch.chdir(tmp_path)
    for text, kind in cases.items():
        Path("kerowa.yaml").write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as info:
            yamlsafe.load_file("kerowa.yaml")
        (problem,) = info.value.problems
        assert kind in str(problem)
        assert str(problem) in shown, str(problem)


def test_rejection_reasons_are_documented():
    codes = set()
    for path in ("simulator/decisions.py", "simulator/exercise.py"):
        codes |= set(re.findall(r'Rejected\(\s*"([a-z_]+)"', (ROOT / path).read_text()))
    codes |= {"unknown_location", "unknown_entity"}  # built in a conditional expression
    assert codes
    section = "\n".join(_section("#### How an order is checked", r"^###"))
    assert not [c for c in sorted(codes) if f"`{c}`" not in section]


def test_inputs_file_example_loads(tmp_path):
    from simulator.decisions import AdHocInject, Decision, FireHeld, load_inputs
    scenario = scenario_from_text(_worked_example(), "kerowa.yaml")
    (block,) = _blocks("yaml", _chapter("## 11. "))
    path = tmp_path / "inputs.yaml"
    path.write_text(block, encoding="utf-8")
    kinds = [type(x) for x in load_inputs(path, scenario)]
    assert kinds == [Decision, AdHocInject, FireHeld]


# --- what chapter 10 says the doctrine bot does with the example --------------------------

def test_doctrine_bots_play_the_worked_example_as_described():
    from simulator.runner import play
    scenario = scenario_from_text(_worked_example(), "kerowa.yaml")
    ex = play(scenario, 3, [], {t.id: "doctrine" for t in scenario.teams})
    taken = [r for r in ex.inputs if r.get("status") == "accepted"]
    assert not [r for r in ex.inputs if r.get("status") == "rejected"]
    turn1 = {(r["team"], r["action"]) for r in taken if r["turn"] == 1}
    assert {("civilian", "alert_network"), ("civilian", "referral"),
            ("civilian", "hrddp")} <= turn1
    assert any(r["turn"] == 1 and r["team"] == "force" and r["action"] == "patrol"
               and r["params"]["location"] == "kerowa" for r in taken)
    assert any(r["team"] == "force" and r["action"] == "evacuate"
               and r["params"]["from"] == "lofare" for r in taken)
    assert not [r for r in taken if r["action"] == "support_fdn"]  # abuse_risk 0.7
