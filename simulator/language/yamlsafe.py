"""Safe, bounded YAML loading that remembers where every value came from.

Scenario files are written by instructors and uploaded by strangers, so loading refuses
anything beyond plain data: explicit tags, merge keys, duplicate keys, files over
``MAX_BYTES``, more than ``MAX_VALUES`` values written, and aliases that add more than
``MAX_ALIAS_VALUES`` values. Every loaded value keeps its line and column so that validation can point at it.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from simulator.i18n import N_
from simulator.language.problem_text import Say, os_reason

# A district of 100,000 places and 10 million people drawn by ``ttx generate`` is 23 MB and
# 3.6 million values (the shipped scenarios are under 90 kB and 10,000 values); loading it
# takes about 3 GB and 15 seconds. The limits leave it room and stop there.
MAX_BYTES = 50_000_000  # bytes in a file
MAX_VALUES = 6_000_000  # values written in the file
MAX_ALIAS_VALUES = 100_000  # values that aliases add; stops "billion laughs" documents
MAX_DEPTH = 64  # nesting levels; a scenario needs about ten

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_PLAIN + t for t in ("str", "int", "float", "bool", "null", "map", "seq")}
_AS_TEXT = {_PLAIN + "timestamp"}  # dates stay text: the engine never reads calendars
_STR, _MERGE = _PLAIN + "str", _PLAIN + "merge"


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file.

    Built with a ``Say`` as its message, it keeps it (``say``) to be worded in any language
    (``text(lang)``); ``message`` is then its English text, as logs and the API show it.
    """

    file: str
    line: int
    col: int
    path: str
    message: str
    say: Say | None = field(default=None, compare=False)

    def __post_init__(self):
        if isinstance(self.message, Say):
            object.__setattr__(self, "say", self.message)
            object.__setattr__(self, "message", self.message.text("en"))

    def text(self, lang: str = "en") -> str:
        """``FILE:LINE:COL: path: message`` with the message in ``lang``."""
        where = f"{self.path}: " if self.path else ""
        message = self.say.text(lang) if self.say else self.message
        return f"{self.file}:{self.line}:{self.col}: {where}{message}"

    def __str__(self) -> str:
        return self.text("en")


class InputError(Exception):
    """Raised with every problem found; ``str()`` gives one problem per line, in ``lang``."""

    def __init__(self, problems: list[Problem], lang: str = "en"):
        super().__init__(self.text_of(problems, lang))
        self.problems, self.lang = problems, lang

    @staticmethod
    def text_of(problems: list[Problem], lang: str) -> str:
        return "\n".join(p.text(lang) for p in problems)

    def text(self, lang: str = "en") -> str:
        """Every problem, one per line, in ``lang``."""
        return self.text_of(self.problems, lang)


Positions = dict[tuple, tuple[int, int]]


class _Builder:
    def __init__(self, name: str, loader: yaml.SafeLoader, anchors: bool = True):
        self.name = name
        # Without an anchor (no '&' in the text) no node is reached twice: nothing to track.
        self.anchors = anchors
        self.loader = loader
        self.positions: Positions = {}
        self.written = 0  # values as the file writes them
        self.repeated = 0  # values an alias adds: a node built once more
        self.built: set[int] = set()
        self.open: set[int] = set()  # collections being built: an alias to one is a cycle
        self.constructors = loader.yaml_constructors

    def fail(self, node: yaml.Node, path: tuple, message: Say) -> None:
        mark = node.start_mark
        raise InputError([Problem(self.name, mark.line + 1, mark.column + 1, dotted(path), message)])

    def build(self, node: yaml.Node, path: tuple) -> Any:
        # Called once per value: millions of times for a district, so kept lean.
        key = id(node)
        if not self.anchors:
            self.written += 1
            if self.written > MAX_VALUES:
                self.fail(node, path, Say(N_("the file writes more than {limit} values (the limit on values "
                                             "written); refused"), limit=MAX_VALUES))
        elif key in self.built:  # reached through an alias
            self.repeated += 1
            if self.repeated > MAX_ALIAS_VALUES:
                self.fail(node, path, Say(N_("aliases add more than {limit} values to the document (the "
                                             "limit on values aliases add: an alias of an alias of ...?); "
                                             "refused"), limit=MAX_ALIAS_VALUES))
        else:
            self.built.add(key)
            self.written += 1
            if self.written > MAX_VALUES:
                self.fail(node, path, Say(N_("the file writes more than {limit} values (the limit on values "
                                             "written); refused"), limit=MAX_VALUES))
        mark = node.start_mark
        self.positions.setdefault(path, (mark.line + 1, mark.column + 1))
        if len(path) > MAX_DEPTH:
            self.fail(node, path, Say(N_("nested deeper than {limit} levels; refused"), limit=MAX_DEPTH))
        tag = node.tag
        if type(node) is yaml.ScalarNode:
            if tag == _STR:  # most values: no constructor needed
                return node.value
            if tag in _AS_TEXT:
                return node.value
            if tag not in _ALLOWED_TAGS:
                self.fail(node, path, Say(N_("YAML tag {tag} is not allowed; use plain "
                                             "values"), tag=repr(tag)))
            return self.constructors[tag](self.loader, node)
        if tag not in _ALLOWED_TAGS:
            self.fail(node, path, Say(N_("YAML tag {tag} is not allowed; use plain values"), tag=repr(tag)))
        if not self.anchors:
            return self._collection(node, path)
        if key in self.open:
            self.fail(node, path, Say(N_("an alias refers to a value that contains it; refused")))
        self.open.add(key)
        try:
            return self._collection(node, path)
        finally:
            self.open.discard(key)

    def _collection(self, node: yaml.Node, path: tuple) -> Any:
        if isinstance(node, yaml.MappingNode):
            out: dict = {}
            positions, build = self.positions, self.build
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE:
                    self.fail(key_node, path, Say(N_("merge keys ('<<') are not allowed; write fields out")))
                key = build(key_node, path + ("<key>",))
                if not isinstance(key, (str, int)):
                    self.fail(key_node, path, Say(N_("mapping keys must be text or numbers")))
                if key in out:
                    self.fail(key_node, path + (key,), Say(N_("duplicate key")))
                mark = key_node.start_mark
                at = path + (key,)
                positions[at] = (mark.line + 1, mark.column + 1)
                out[key] = build(value_node, at)
            return out
        build = self.build
        return [build(item, path + (i,)) for i, item in enumerate(node.value)]


def dotted(path: tuple) -> str:
    """``("map", "locations", 3, "id")`` → ``map.locations[3].id``."""
    out = ""
    for part in path:
        if part == "<key>":
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load_text(text: str, name: str = "<text>", lang: str = "en") -> tuple[Any, Positions]:
    """Parse YAML (or JSON) text into plain data and a map of path → (line, column);
    ``lang``: the language of the ``InputError``'s text."""
    with collector_paused():
        try:
            return _load_text(text, name)
        except InputError as exc:
            raise InputError(exc.problems, lang) from None


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector off while a file is read and validated, or a
    report built, and on again after.

    A district's file makes millions of objects, none of them in a cycle, and the collector
    would walk them all again and again: it tripled the loading time of a 100,000-place
    file. A report's charts allocate hundreds of thousands of objects, and in the portal's
    debrief worker each collection also walks the replays played ahead: a fifth of a
    build."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _load_text(text: str, name: str) -> tuple[Any, Positions]:
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise InputError([Problem(name, 1, 1, "", Say(N_("file is larger than the size limit of {limit} "
                                                         "bytes; refused"), limit=MAX_BYTES))])
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
            raise InputError([Problem(name, 1, 1, "", Say(N_("file is empty")))])
        builder = _Builder(name, loader, anchors="&" in text)
        return builder.build(node, ()), builder.positions
    except yaml.MarkedYAMLError as exc:
        raise InputError([_syntax_problem(name, exc)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(name, 1, 1, "", Say(N_("not valid YAML: {detail}"), detail=exc))]) from None
    except RecursionError:
        raise InputError([Problem(name, 1, 1, "", Say(N_("nested too deeply to read; refused")))]) from None
    finally:
        loader.dispose()


# PyYAML's parser messages, said as an author can act on them: (words in the problem,
# words in the context or "", the plain message, point at where the context began).
_PLAIN_SYNTAX = [
    ("found character '\\t'", "",
     N_("not valid YAML: a tab character: YAML indents with spaces only; replace the tab with "
        "spaces"), False),
    ("that cannot start any token", "",
     N_("not valid YAML: a value cannot start with this character unless it is in quotes: write \"@name\" or "
        "\"`text`\""), False),
    ("found undefined alias", "",
     N_("not valid YAML: '*' at the start of a value makes it a YAML alias: put the text in quotes "
        "(\"*important*\")"), False),
    ("found unexpected end of stream", "quoted scalar",
     N_("not valid YAML: a quote opened here is never closed"), True),
    ("expected ',' or '}'", "",
     N_("not valid YAML: inside {{ }}, a text that contains ',' or ': ' must be in quotes: {{en: \"Raid: "
        "Sabéré, 2 dead\"}}"), False),
    ("expected ',' or ']'", "",
     N_("not valid YAML: inside [ ], a text that contains ',' or ': ' must be in quotes: [\"Kéno, "
        "market\"]"), False),
    ("mapping values are not allowed here", "",
     N_("not valid YAML: a ':' where YAML does not expect one: a value that contains ': ' must be in quotes "
        "(title: \"Raid: Sabéré\"), or this line is indented further than the field above it"), False),
    ("could not find expected ':'", "",
     N_("not valid YAML: a line without ':': write each field as 'name: value', and put a text that runs "
        "over several lines in quotes"), True),
    ("expected a comment or a line break", "",
     N_("not valid YAML: text after a closing quote: put the whole value inside the quotes"), False),
    ("but found '<scalar>'", "",
     N_("not valid YAML: text after a value that is already complete: after a closing quote, or on a line of "
        "its own; put the whole value inside the quotes"), False),
    ("expected <block end>", "",
     N_("not valid YAML: this line is not aligned with the lines above it: the fields of one mapping, and "
        "the '-' items of one list, start in the same column (spaces only)"), False),
    ("did not find expected key", "",
     N_("not valid YAML: this line is not aligned with the fields above it, or a '-' list item stands among "
        "fields"), False),
    ("did not find expected '-' indicator", "",
     N_("not valid YAML: a list item without '-', or not aligned with the other items of its list"), False),
    ("did not find expected node content", "",
     N_("not valid YAML: a value is missing here (after ':' or '-', or between commas)"), False),
]


def _syntax_problem(name: str, exc: yaml.MarkedYAMLError) -> Problem:
    """One located problem in plain words for a YAML syntax error."""
    problem, context = exc.problem or "", exc.context or ""
    message, mark = Say(N_("not valid YAML: {detail}"), detail=problem), exc.problem_mark or exc.context_mark
    for words, in_context, plain, at_context in _PLAIN_SYNTAX:
        if words in problem and in_context in context:
            message = Say(plain)
            if at_context and exc.context_mark:
                mark = exc.context_mark
            break
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(name, line, col, "", message)


def load_file(path: str | Path, lang: str = "en") -> tuple[Any, Positions]:
    """Load a YAML or JSON file with the limits above; ``lang``: the language of the
    ``InputError``'s text."""
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError([Problem(name, 1, 1, "", Say(N_("file is {size} bytes, more than the size limit "
                                                             "of {limit} bytes; refused"), size=size,
                                                          limit=MAX_BYTES))], lang)
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(name, 1, 1, "", Say(N_("cannot read file: "
                                                         "{reason}"), reason=os_reason(exc)))],
                         lang) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(name, 1, 1, "", Say(N_("not UTF-8 text (byte {byte})"), byte=exc.start))],
                         lang) from None
    return load_text(text, name, lang)


def locate(positions: Positions, path: tuple) -> tuple[int, int]:
    """Line and column of ``path``, or of its nearest located ancestor."""
    path = tuple(path)
    while path:
        if path in positions:
            return positions[path]
        path = path[:-1]
    return positions.get((), (1, 1))
