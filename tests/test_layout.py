"""The packages' layout (docs/architecture.md, "Layout"): every import points down the
layers or stays within one, and no module imports itself back through others.

Imports inside functions and under ``TYPE_CHECKING`` count: a lazy import is still a
dependency."""

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]

# Bottom up. A module may import its own layer and those below it, never one above.
LAYERS = [
    ("agents", "simulator.i18n", "simulator.shipped", "simulator.provenance"),
    ("simulator.language",),
    ("simulator.world",),
    ("simulator.play",),
    ("debrief",),
    ("simulator.classroom", "simulator.displacement", "simulator.interop", "simulator.languages"),
    ("simulator.portal",),
    ("simulator.cli",),
]


def layer(module: str) -> int | None:
    for i, names in enumerate(LAYERS):
        if any(module == n or module.startswith(n + ".") for n in names):
            return i
    return None


def modules() -> dict[str, Path]:
    found = {}
    for package in ("simulator", "agents", "debrief"):
        for path in (ROOT / package).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The project's modules ``path`` imports (a name imported from a package counts as
    its module when it is one)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                out.add(full if full in known else node.module)
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
    return {m for m in out if m in known}


@pytest.fixture(scope="module")
def graph() -> nx.DiGraph:
    known = modules()
    g = nx.DiGraph()
    for name, path in known.items():
        g.add_node(name)
        g.add_edges_from((name, other) for other in imports(path, known) if other != name)
    return g


def test_every_module_has_a_layer(graph):
    # The package facade (simulator/__init__.py) only names its exports lazily.
    assert [m for m in graph if layer(m) is None] == ["simulator"]


def test_imports_point_down_the_layers(graph):
    up = sorted(f"{a} -> {b}" for a, b in graph.edges
                if None not in (layer(a), layer(b)) and layer(b) > layer(a))
    assert up == []


def test_no_module_imports_itself_back(graph):
    assert list(nx.simple_cycles(graph)) == []


def test_the_checks_see_a_violation(graph):
    """The layers and the cycle search would catch the first import back up."""
    g = graph.copy()
    g.add_edge("simulator.language.scenario", "simulator.world.model")
    assert layer("simulator.world.model") > layer("simulator.language.scenario")
    assert list(nx.simple_cycles(g))
    assert ("simulator.world.model", "simulator.language.scenario") in graph.edges
