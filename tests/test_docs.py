"""The scenario reference (docs/scenario/*.md) and the competency framework's page
(docs/competencies.md) must agree with the code.

These tests fail when a field, default, effect primitive, parameter, metric, limit or
message changes in the code and the reference is not updated, when a YAML example of the
reference stops being valid, when a behaviour the reference states changes, and when a
link between its pages breaks. docs/scenario-guide.md, the former single-page guide, is
an index of the pages.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path

import annotated_types as at
import pytest
import yaml
from pydantic import BaseModel

from simulator.language import yamlsafe
from simulator.language.measure_specs import SPECS
from simulator.language.parameters import Parameters
from simulator.language.scenario import EFFECTS, METRICS, Condition, Effect, Lang, Param, Scenario, Team
from simulator.language.validation import scenario_from_text
from simulator.language.yamlsafe import InputError

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "scenario"
PAGES = {p.name: p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md"))}
# Every page at once, for what must appear somewhere in the reference.
GUIDE = "\n".join(PAGES.values())
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


def _page_of(line: str, pages: dict[str, str] | None = None) -> list[str]:
    """The lines of the one page that holds ``line`` as a whole line."""
    pages = PAGES if pages is None else pages
    holders = [t.splitlines() for t in pages.values() if line in t.splitlines()]
    assert len(holders) == 1, f"{line!r} is on {len(holders)} pages of the reference"
    return holders[0]


def _table_after(marker: str, pages: dict[str, str] | None = None) -> dict[str, list[str]]:
    """Rows (by backticked first cell) of the Markdown table that follows ``marker``."""
    lines = _page_of(marker, pages)
    i = lines.index(marker) + 1
    rows: dict[str, list[str]] = {}
    while i < len(lines) and lines[i].startswith("|"):
        cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
        m = re.fullmatch(r"`([^`]+)`", cells[0])
        if m:
            rows[m.group(1)] = cells
        i += 1
    assert rows, f"no table rows after {marker!r}"
    return rows


def _section(start: str, stop: str) -> list[str]:
    """Lines from the line equal to ``start`` up to the next line matching ``stop``, on
    the page that holds ``start``."""
    lines = _page_of(start)
    i = lines.index(start) + 1
    out = []
    while i < len(lines) and not re.match(stop, lines[i]):
        out.append(lines[i])
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


def _page(name: str) -> list[str]:
    return PAGES[name].splitlines()


# --- (a) every field of every model ---------------------------------------------------

def _unnamed_fields(model: type[BaseModel], text: str) -> list[str]:
    """The fields of ``model`` that ``text`` never writes in backticks."""
    return [_name(n, f) for n, f in model.model_fields.items() if f"`{_name(n, f)}`" not in text]


def _table_problems(model: type[BaseModel], pages: dict[str, str] | None = None) -> list[str]:
    """What is wrong with the table of ``model``: rows missing or extra, defaults wrong."""
    rows = _table_after(f"<!-- fields: {model.__name__} -->", pages)
    names = {_name(n, f): f for n, f in model.model_fields.items()}
    if set(rows) != set(names):
        return [f"{model.__name__}: rows {sorted(rows)} != fields {sorted(names)}"]
    if model is Condition:
        return []  # every form is optional; exactly one is written
    problems = []
    for name, info in names.items():
        cell = rows[name][1]
        d = info.default
        if info.is_required():
            ok, want = "required" in cell, "required"
        elif d is None:
            ok, want = "optional" in cell, "optional"
        elif isinstance(d, (list, dict)) and not d:
            ok, want = "empty" in cell, "empty"
        elif isinstance(d, (bool, int, float, str, list)):
            ok, want = f"`{_fmt(d)}`" in cell, f"`{_fmt(d)}`"
        else:
            continue
        if not ok:
            problems.append(f"{model.__name__}.{name}: {want} expected in {cell!r}")
    return problems


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_appears_in_backticks(model):
    missing = _unnamed_fields(model, GUIDE)
    assert not missing, f"{model.__name__}: fields not in the reference: {missing}"


TABLE_MODELS = [m for m in MODELS
                if m not in EFFECT_MODELS and m not in PARAM_GROUPS
                and m is not Effect]


@pytest.mark.parametrize("model", TABLE_MODELS, ids=lambda m: m.__name__)
def test_field_tables_match_the_models(model):
    """Each model has a table with exactly its fields, and the right defaults."""
    assert not _table_problems(model)


def test_a_field_missing_from_the_reference_is_caught():
    """The checks above fail when a row is dropped or a default is wrong."""
    from simulator.language.scenario import Route, Unit
    pages = dict(PAGES)
    row = next(ln for ln in pages["map.md"].splitlines() if ln.startswith("| `river_crossing` |"))
    pages["map.md"] = pages["map.md"].replace(row + "\n", "")
    assert _table_problems(Route, pages) == [
        "Route: rows ['boats', 'condition', 'distance_km', 'flood_prone', 'from', 'modes', 'to', "
        "'travel_hours'] != fields ['boats', 'condition', 'distance_km', 'flood_prone', 'from', "
        "'modes', 'river_crossing', 'to', 'travel_hours']"]
    pages["actors.md"] = pages["actors.md"].replace("| `speed_kmh` | `30` |", "| `speed_kmh` | `40` |")
    assert _table_problems(Unit, pages) == ["Unit.speed_kmh: `30` expected in '`40`'"]
    assert _unnamed_fields(Route, GUIDE.replace("`river_crossing`", "river_crossing")) == \
        ["river_crossing"]


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
    section = "\n".join(_section("### What a team knows: `sources`", r"^##"))
    sources = _literals(Team.model_fields["sources"].annotation)
    documented = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)
    assert set(documented) == set(sources)
    # The guide says: messages, own findings and alert networks always reach a team, and
    # 'assessments' has no effect, so sources decide only own_units, media and shared.
    from simulator.world.knowledge import ALWAYS
    assert {"messages", "own_action", "alert_network"} <= set(ALWAYS)
    code = "".join(p.read_text() for d in ("simulator", "agents")
                   for p in (ROOT / d).rglob("*.py") if p.name != "scenario.py")
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
    assert len(EFFECTS) == 39


@pytest.mark.parametrize("kind", list(EFFECTS))
def test_effect_arguments_and_defaults(kind):
    lines = _section(f"<!-- effect: {kind} -->", r"^(<!-- effect:|## )")
    assert lines[0] == f"### `{kind}`"
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
    section = _section(f"## `parameters.{group}`", r"^##")
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
    section = "\n".join(_section("## World metrics", r"^##"))
    assert re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M) == list(METRICS)


def test_every_metric_is_computed_by_the_model():
    from simulator.play.exercise import Exercise
    ex = Exercise(scenario_from_text(_worked_example(), "kerowa.yaml"), seed=1)
    ex.reset()
    for name in METRICS:
        assert isinstance(ex.model.measures.metric(name), float)
        assert isinstance(ex.model.measures.metric(name, "kerowa"), float)


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
    parts = [b for b in _blocks("yaml", _page("example.md")) if b != full]
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


def test_validation_messages_in_french_keep_their_place(tmp_path, monkeypatch, capsys):
    from simulator.cli import main
    text = _worked_example()
    for old, new in ROUNDS["round 1"]:
        text = text.replace(old, new)
    (tmp_path / "kerowa.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["--lang", "fr", "validate", "kerowa.yaml"]) == 2
    printed = capsys.readouterr().err.strip().splitlines()
    english = _section("<!-- validation-example: round 1 -->", r"^```$")[1:]
    assert [ln.split(": ")[0:2] for ln in printed[:-1]] == \
        [ln.split(": ")[0:2] for ln in english[:-1]]
    assert printed[-1] == "2 problèmes trouvés"
    shown = re.search(r"`(kerowa\.yaml:77:60: teams\[0\]\.asset: champ inconnu 'asset') \.\.\.`",
                      PAGES["validating.md"]).group(1)
    assert printed[1].startswith(shown)


def test_valid_line_and_schema_command(tmp_path, monkeypatch, capsys):
    from simulator.cli import main
    (tmp_path / "kerowa.yaml").write_text(_worked_example(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "kerowa.yaml"]) == 0
    out = capsys.readouterr().out.strip()
    shown = "\n".join("  " + line for line in out.replace(
        "kerowa.yaml", "scenarios/kerowa.yaml").splitlines())  # as the guide indents it
    assert shown in GUIDE
    assert main(["schema", "--out", "scenario.schema.json"]) == 0
    assert '"metadata"' in (tmp_path / "scenario.schema.json").read_text()


def test_safety_limits_and_messages(tmp_path, monkeypatch):
    assert f"{yamlsafe.MAX_BYTES:,} bytes" in GUIDE
    assert f"{yamlsafe.MAX_VALUES:,} values" in GUIDE
    assert f"{yamlsafe.MAX_ALIAS_VALUES:,} values" in GUIDE
    cases = {"a: &x [1]\nb: *x\n<<: {c: 1}\n": "merge keys",
             "a: !!python/object {}\n": "YAML tag",
             "a: 1\na: 2\n": "duplicate key",
             "x" * (yamlsafe.MAX_BYTES + 1): "more than the size limit"}
    shown = "\n".join(_section("Messages for these rules look like this:", r"^#{2,3} "))
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
    for path in ("simulator/play/decisions.py", "simulator/play/exercise.py"):
        codes |= set(re.findall(r'Rejected\(\s*"([a-z_]+)"', (ROOT / path).read_text()))
    codes |= {"unknown_location", "unknown_entity"}  # built in a conditional expression
    assert codes
    section = "\n".join(_section("### How an order is checked", r"^##"))
    assert not [c for c in sorted(codes) if f"`{c}`" not in section]


def test_inputs_file_example_loads(tmp_path):
    from simulator.play.decisions import AdHocInject, Decision, FireHeld, load_inputs
    scenario = scenario_from_text(_worked_example(), "kerowa.yaml")
    (block,) = _blocks("yaml", _section("## Decisions and injects during play", r"^## "))
    path = tmp_path / "inputs.yaml"
    path.write_text(block, encoding="utf-8")
    kinds = [type(x) for x in load_inputs(path, scenario)]
    assert kinds == [Decision, AdHocInject, FireHeld]


# --- what bots.md says the doctrine bot does with the example ------------------------------

def test_doctrine_bots_play_the_worked_example_as_described():
    from simulator.play.runner import play
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


# --- the measures' metrics -------------------------------------------------------------

def test_every_measure_metric_has_a_row_with_its_kind_parameters_and_scope():
    section = _section("## Metrics", r"^## ")
    rows = {}
    for ln in section:
        if ln.startswith("| `"):
            cells = [c.strip() for c in ln.strip().strip("|").split("|")]
            for name in re.findall(r"`([a-z_]+)`", cells[0]):
                rows[name] = cells
    assert set(rows) == set(SPECS)
    for name, spec in SPECS.items():
        _, kind, params, scope, value = rows[name]
        assert kind.startswith(spec.kind), f"{name}: kind {spec.kind}, not {kind!r}"
        assert set(spec.params) <= set(re.findall(r"`([a-z_]+)`", params)), (name, params)
        assert set(re.findall(r"teams|places|turns", scope)) == spec.scope, (name, scope)
        assert value, name


# --- the pages and their links ------------------------------------------------------------

LINKED = [ROOT / "docs" / "scenario-guide.md", ROOT / "docs" / "tutorial.md",
          *sorted(DOCS.glob("*.md"))]


def _slug(heading: str) -> str:
    """The anchor a Markdown renderer (GitHub's) gives a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    out = set()
    text = re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.S | re.M)
    for heading in re.findall(r"^#{1,6} (.+)$", text, flags=re.M):
        slug = _slug(heading)
        out.add(slug if slug not in seen else f"{slug}-{seen[slug]}")
        seen[slug] = seen.get(slug, 0) + 1
    return out


def _links(path: Path) -> list[str]:
    text = re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.S | re.M)
    return [t for t in re.findall(r"\]\(([^)\s]+)\)", text) if "://" not in t]


@pytest.mark.parametrize("path", LINKED, ids=lambda p: p.name)
def test_links_lead_to_a_page_and_a_heading(path):
    broken = []
    for target in _links(path):
        file, _, anchor = target.partition("#")
        dest = (path.parent / file).resolve() if file else path
        if not dest.is_file():
            broken.append(target)
        elif anchor and dest.suffix == ".md" and anchor not in _anchors(dest):
            broken.append(target)
    assert not broken, f"{path.name}: broken links {broken}"


def test_the_index_lists_every_page_and_every_page_leads_back():
    index = PAGES["README.md"]
    listed = re.findall(r"^\| \[[^]]+\]\(([a-z-]+\.md)\) \|", index, flags=re.M)
    assert sorted(listed) == sorted(set(PAGES) - {"README.md"})
    guide = (ROOT / "docs" / "scenario-guide.md").read_text(encoding="utf-8")
    assert {f"scenario/{p}" for p in listed} <= set(re.findall(r"\]\((scenario/[a-z-]+\.md)\)", guide))
    for name, text in PAGES.items():
        if name != "README.md":
            assert "[Reference index](README.md)" in text.splitlines()[2], name


def test_no_page_points_to_a_chapter_of_the_former_guide():
    assert not re.findall(r"chapter \d|§\d", GUIDE)


# --- behaviours the reference states --------------------------------------------------------

def _mini(extra_yaml: str = "", replace: tuple[str, str] = ("", "")):
    from tests.conftest import MINI
    return scenario_from_text(MINI.read_text().replace(*replace) + extra_yaml, "mini.yaml")


def test_a_second_route_between_the_same_places_is_refused():
    """map.md: one road per pair of places; validation refuses a second, in either
    direction, and names the route that joins them already."""
    from simulator.language.yamlsafe import InputError
    assert "### One route per pair of places" in PAGES["map.md"]
    base = "    - {from: town, to: base, distance_km: 20}\n"
    routes = _mini().map.routes
    first = next(i for i, r in enumerate(routes) if {r.from_, r.to} == {"village", "town"})
    for extra in ("    - {from: town, to: village, distance_km: 40}\n",
                  "    - {from: village, to: town, distance_km: 5, condition: closed}\n"):
        with pytest.raises(InputError) as info:
            _mini(replace=(base, base + extra))
        (problem,) = info.value.problems
        assert problem.path == f"map.routes[{len(routes)}]"
        assert problem.message.startswith(f"a second route between the same two places "
                                          f"(map.routes[{first}] joins them already)")


def _deliver_after_a_flood(hazard: dict, inject_effects: list | None = None) -> list[tuple]:
    """Turn 2's convoy to the site, in the mini world, after a flood there in turn 1."""
    from simulator.language.scenario import Inject
    from simulator.play.exercise import Exercise
    s = _mini()
    msel = [Inject.model_validate({"id": "flood", "at": {"turn": 1}, "from": "x", "to": ["force"],
                                   "message": {"en": "a", "fr": "b"},
                                   "effects": [{"hazard": {"kind": "flood", "locations": ["site"],
                                                           "level": 1.0, **hazard}}]})]
    ex = Exercise(s.model_copy(update={"msel": msel}), seed=1)
    ex.reset()
    ex.step({})
    ex.step({"humanitarian": [{"action": "deliver",
                               "params": {"location": "site", "need": "food", "amount": 100}}]})
    kinds = ("aid_blocked", "aid_delivered", "route_flooded", "route_reopened")
    return [(e["hour"], e["type"], e.get("reason")) for e in ex.events
            if e["hour"] >= 12 and e["type"] in kinds]


def test_orders_at_hour_0_see_the_routes_the_last_step_left():
    """playing.md: the water falls at hour 12 (turn 2 opens): the convoy ordered then finds
    no open road, and the road reopens at the same hour; water that rises at hour 12 lets
    the convoy go, and it arrives."""
    assert "## Orders at hour 0 and the routes" in PAGES["playing.md"]
    assert _deliver_after_a_flood({"rise_hours": 1, "duration_hours": 10}) == [
        (12.0, "aid_blocked", "no open road to the place"), (12.0, "route_reopened", None)]
    assert _deliver_after_a_flood({"in_hours": 11, "rise_hours": 1, "duration_hours": 1}) == [
        (12.0, "route_flooded", None), (13.0, "aid_delivered", None),
        (14.0, "route_reopened", None)]


HANDOVER = """
  - id: hand
    team: force
    name: {en: Hand over detainees, fr: Remettre des détenus}
    params:
      host_force: {type: host_force}
    effects:
      - handover: {host_force: $host_force}
  - id: hrddp
    team: civilian
    name: {en: HRDDP assessment, fr: Évaluation HRDDP}
    params:
      host_force: {type: host_force}
    effects:
      - hrddp_assessment: {host_force: $host_force}
"""
ASKED = """
  - id: army-asks
    at: {turn: 1}
    from: {en: Army, fr: Armée}
    to: [force, civilian]
    message: {en: Hand over your detainees., fr: Remettez vos détenus.}
    expected_actions:
      - {team: force, action: hand, by_turn: 1}
      - {team: civilian, action: hrddp, by_turn: 2}
"""


def test_a_handover_of_nobody_counts_neither_for_nor_against_hrddp(tmp_path):
    """effects.md: recorded, no support, left out of the HRDDP measures, an expected
    handover attempted (no detainees), an assessment after it still 'before support'."""
    from debrief.measures import abuse_incidents, hrddp_before_support
    from debrief.rundata import load_run
    from debrief.scope import Ctx, Scope
    from simulator.play.decisions import Decision
    from simulator.play.outputs import write_run
    from simulator.play.runner import play
    s = _mini(ASKED, ("  - id: share\n", HANDOVER.lstrip("\n") + "  - id: share\n"))
    ex = play(s, 1, [Decision(1, "force", "hand", {"host_force": "army"}),
                     Decision(2, "civilian", "hrddp", {"host_force": "army"})])
    (handed,) = [e for e in ex.events if e["type"] == "handover"]
    army = ex.model.host_forces["army"]
    assert handed["detainees"] == 0 and army.unassessed == army.assessed_support == []
    assert army.abuse_chance(1.0) == 0.0
    judged = {e["action"]: (e["status"], e.get("reason")) for e in ex.events
              if e["type"] == "expected_action" and e["inject"] == "army-asks"}
    assert judged == {"hand": ("attempted", "no_detainees"), "hrddp": ("met", None)}
    write_run(ex, tmp_path)
    ctx = Ctx(load_run(tmp_path), s, Scope())
    assert hrddp_before_support(ctx).value is None
    assert abuse_incidents(ctx).value is None


def test_the_bots_ignore_a_message_effect_but_answer_a_place_an_inject_names():
    """bots.md: a note naming the town moves no bot; the same place in an inject's
    ``places`` makes the doctrine civilian team engage there."""
    from simulator.play.runner import play
    note = """
  - id: note
    at: {turn: 2}
    from: {en: Headquarters, fr: Quartier général}
    to: [police]
    message: {en: Read the note., fr: Lisez la note.}
    effects:
      - message: {to: civilian, topic: tension, location: town}
"""
    # No sharing: the civilian team hears of the town only through the note.
    no_share = ("team: [force, police, civilian, humanitarian]", "team: [humanitarian]")
    for extra, engaged in ((note, []), (note.replace("to: [police]", "to: [civilian]\n"
                                                     "    places: [town]"), ["town"])):
        s = _mini(extra, no_share)
        ex = play(s, 1, [], {t.id: "doctrine" for t in s.teams})
        assert [r["params"]["location"] for r in ex.inputs if r["team"] == "civilian"
                and r["action"] == "engage" and r.get("status") == "accepted"] == engaged


def test_the_clock_table_is_what_reports_show():
    """file.md: each row's turn and hour, in hours since the start and on the clock."""
    from simulator.language.validation import load_scenario
    from simulator.world.sitrep_text import clock
    s = load_scenario(ROOT / "examples" / "tutorial" / "three-villages.yaml")
    assert (s.metadata.start, s.metadata.turn_hours) == ("2027-03-02T06:00", 12)
    section = "\n".join(_section("## Time: turns, hours and the scenario clock", r"^## "))
    rows = re.findall(r"^\| (.+?) \| (\d+) \| (day \d+, \d\d:\d\d) \|$", section, flags=re.M)
    assert len(rows) == 4
    for yaml_cell, hours, shown in rows:
        turn, hour = map(int, re.search(r"turn:? (\d+), hour:? (\d+)", yaml_cell).groups())
        extra = int(re.search(r"in_hours: (\d+)", yaml_cell).group(1)) \
            if "in_hours" in yaml_cell else 0
        at = (turn - 1) * s.metadata.turn_hours + hour + extra
        assert (at, clock(at, s, "en")) == (int(hours), shown)
    assert clock(30, s, "fr") == "jour 2, 12 h 00"


# --- the competency framework (docs/competencies.md) ----------------------------------------

COMPETENCY_PAGE = {"competencies.md": (ROOT / "docs" / "competencies.md").read_text(encoding="utf-8")}


def _competency_models() -> list[type[BaseModel]]:
    from simulator.classroom.competencies import Framework
    return [m for m in _models(Framework) if m is not Lang]  # Lang: scenario/file.md


@pytest.mark.parametrize("model", _competency_models(), ids=lambda m: m.__name__)
def test_competency_field_tables_match_the_models(model):
    assert not _table_problems(model, COMPETENCY_PAGE)


def _competency_block(marker: str) -> list[str]:
    """The lines of the code block that follows ``marker`` on the competencies page."""
    lines = _page_of(marker, COMPETENCY_PAGE)
    i = lines.index(marker) + 1
    assert lines[i].startswith("```")
    return lines[i + 1:lines.index("```", i + 1)]


def test_the_competency_example_and_its_problems_are_real(tmp_path, monkeypatch, capsys):
    from simulator.classroom.competencies import framework_from_text
    from simulator.cli import main
    (example,) = re.findall(r"^```yaml\n(.*?)^```", COMPETENCY_PAGE["competencies.md"],
                            flags=re.S | re.M)
    framework = framework_from_text(example, "example.yaml")
    assert [c.id for c in framework.competencies] == ["un_police", "human_rights"]
    assert framework.tasks("human_rights") == [("cmcoord-corridor", "ct_hrddp"),
                                               ("cmcoord-corridor", "ct_host_support")]
    broken = example.replace("task: ct_site}", "task: ct_sit}") \
        .replace("  - id: human_rights", "  - id: un_police")
    (tmp_path / "competencies.yaml").write_text(broken, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["competencies", "competencies.yaml"]) == 2
    assert capsys.readouterr().err.splitlines() == \
        _competency_block("<!-- competencies-example: problems -->")


def test_the_competencies_command_prints_what_the_page_shows(monkeypatch, capsys):
    from simulator.cli import main
    shown = _competency_block("<!-- competencies-example: output -->")
    assert shown[-1] == "..."
    monkeypatch.chdir(ROOT)
    assert main(["competencies"]) == 0
    assert capsys.readouterr().out.splitlines()[:len(shown) - 1] == shown[:-1]
