"""Safe, bounded YAML loading that remembers where every value came from.

Scenario files are written by instructors and uploaded by strangers, so loading refuses
anything beyond plain data: explicit tags, merge keys, duplicate keys, files over
``MAX_BYTES`` and documents that expand (through aliases) to more than ``MAX_NODES``
values. Every loaded value keeps its line and column so that validation can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 1_000_000  # one megabyte: the largest shipped scenario is under 60 kB
MAX_NODES = 100_000  # values after alias expansion; stops "billion laughs" documents
MAX_DEPTH = 64  # nesting levels; a scenario needs about ten

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_PLAIN + t for t in ("str", "int", "float", "bool", "null", "map", "seq")}
_AS_TEXT = {_PLAIN + "timestamp"}  # dates stay text: the engine never reads calendars


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file."""

    file: str
    line: int
    col: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}:{self.line}:{self.col}: {where}{self.message}"


class InputError(Exception):
    """Raised with every problem found; ``str()`` gives one problem per line."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


Positions = dict[tuple, tuple[int, int]]


class _Builder:
    def __init__(self, name: str, loader: yaml.SafeLoader):
        self.name = name
        self.loader = loader
        self.positions: Positions = {}
        self.count = 0
        self.open: set[int] = set()  # collections being built: an alias to one is a cycle

    def fail(self, node: yaml.Node, path: tuple, message: str) -> None:
        mark = node.start_mark
        raise InputError([Problem(self.name, mark.line + 1, mark.column + 1, dotted(path), message)])

    def build(self, node: yaml.Node, path: tuple) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            self.fail(node, path, f"document expands to more than {MAX_NODES} values "
                      "(aliases nested too deep?); refused")
        self.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if len(path) > MAX_DEPTH:
            self.fail(node, path, f"nested deeper than {MAX_DEPTH} levels; refused")
        if id(node) in self.open:
            self.fail(node, path, "an alias refers to a value that contains it; refused")
        if node.tag in _AS_TEXT:
            return node.value
        if node.tag not in _ALLOWED_TAGS:
            self.fail(node, path, f"YAML tag {node.tag!r} is not allowed; use plain values")
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            self.open.add(id(node))
            try:
                return self._collection(node, path)
            finally:
                self.open.discard(id(node))
        return self.loader.construct_object(node, deep=True)

    def _collection(self, node: yaml.Node, path: tuple) -> Any:
        if isinstance(node, yaml.MappingNode):
            out: dict = {}
            for key_node, value_node in node.value:
                if key_node.tag == _PLAIN + "merge":
                    self.fail(key_node, path, "merge keys ('<<') are not allowed; write fields out")
                key = self.build(key_node, path + ("<key>",))
                if not isinstance(key, (str, int)):
                    self.fail(key_node, path, "mapping keys must be text or numbers")
                if key in out:
                    self.fail(key_node, path + (key,), "duplicate key")
                self.positions[path + (key,)] = (key_node.start_mark.line + 1,
                                                 key_node.start_mark.column + 1)
                out[key] = self.build(value_node, path + (key,))
            return out
        return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]


def dotted(path: tuple) -> str:
    """``("map", "locations", 3, "id")`` → ``map.locations[3].id``."""
    out = ""
    for part in path:
        if part == "<key>":
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load_text(text: str, name: str = "<text>") -> tuple[Any, Positions]:
    """Parse YAML (or JSON) text into plain data and a map of path → (line, column)."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise InputError([Problem(name, 1, 1, "", f"file is larger than {MAX_BYTES} bytes; refused")])
    # libyaml's parser is several times faster; PyYAML's own words its syntax errors as
    # _PLAIN_SYNTAX expects, so a document libyaml refuses is read again with it.
    loader = _FAST(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError:
            loader.dispose()
            loader = yaml.SafeLoader(text)
            node = loader.get_single_node()
        if node is None:
            raise InputError([Problem(name, 1, 1, "", "file is empty")])
        builder = _Builder(name, loader)
        return builder.build(node, ()), builder.positions
    except yaml.MarkedYAMLError as exc:
        raise InputError([_syntax_problem(name, exc)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(name, 1, 1, "", f"not valid YAML: {exc}")]) from None
    except RecursionError:
        raise InputError([Problem(name, 1, 1, "", "nested too deeply to read; refused")]) from None
    finally:
        loader.dispose()


# PyYAML's parser messages, said as an author can act on them: (words in the problem,
# words in the context or "", plain message, point at where the context began).
_PLAIN_SYNTAX = [
    ("found character '\\t'", "", "a tab character: YAML indents with spaces only; replace "
     "the tab with spaces", False),
    ("that cannot start any token", "", "a value cannot start with this character unless it "
     "is in quotes: write \"@name\" or \"`text`\"", False),
    ("found undefined alias", "", "'*' at the start of a value makes it a YAML alias: put the "
     "text in quotes (\"*important*\")", False),
    ("found unexpected end of stream", "quoted scalar", "a quote opened here is never closed",
     True),
    ("expected ',' or '}'", "", "inside { }, a text that contains ',' or ': ' must be in "
     "quotes: {en: \"Raid: Sabéré, 2 dead\"}", False),
    ("expected ',' or ']'", "", "inside [ ], a text that contains ',' or ': ' must be in "
     "quotes: [\"Kéno, market\"]", False),
    ("mapping values are not allowed here", "", "a ':' where YAML does not expect one: a "
     "value that contains ': ' must be in quotes (title: \"Raid: Sabéré\"), or this line is "
     "indented further than the field above it", False),
    ("could not find expected ':'", "", "a line without ':': write each field as "
     "'name: value', and put a text that runs over several lines in quotes", True),
    ("expected a comment or a line break", "", "text after a closing quote: put the whole "
     "value inside the quotes", False),
    ("but found '<scalar>'", "", "text after a value that is already complete: after a "
     "closing quote, or on a line of its own; put the whole value inside the quotes", False),
    ("expected <block end>", "", "this line is not aligned with the lines above it: the "
     "fields of one mapping, and the '-' items of one list, start in the same column "
     "(spaces only)", False),
    ("did not find expected key", "", "this line is not aligned with the fields above it, "
     "or a '-' list item stands among fields", False),
    ("did not find expected '-' indicator", "", "a list item without '-', or not aligned "
     "with the other items of its list", False),
    ("did not find expected node content", "", "a value is missing here (after ':' or '-', "
     "or between commas)", False),
]


def _syntax_problem(name: str, exc: yaml.MarkedYAMLError) -> Problem:
    """One located problem in plain words for a YAML syntax error."""
    problem, context = exc.problem or "", exc.context or ""
    message, mark = f"not valid YAML: {problem}", exc.problem_mark or exc.context_mark
    for words, in_context, plain, at_context in _PLAIN_SYNTAX:
        if words in problem and in_context in context:
            message = f"not valid YAML: {plain}"
            if at_context and exc.context_mark:
                mark = exc.context_mark
            break
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(name, line, col, "", message)


def load_file(path: str | Path) -> tuple[Any, Positions]:
    """Load a YAML or JSON file with the limits above."""
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError([Problem(name, 1, 1, "", f"file is {size} bytes, more than the "
                                      f"limit of {MAX_BYTES}; refused")])
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(name, 1, 1, "", f"cannot read file: {exc.strerror}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(name, 1, 1, "", f"not UTF-8 text (byte {exc.start})")]) from None
    return load_text(text, name)


def locate(positions: Positions, path: tuple) -> tuple[int, int]:
    """Line and column of ``path``, or of its nearest located ancestor."""
    path = tuple(path)
    while path:
        if path in positions:
            return positions[path]
        path = path[:-1]
    return positions.get((), (1, 1))
