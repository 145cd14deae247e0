"""The words of input-file problems (scenarios, inputs, evaluation files, competency
frameworks, displacement cases) in the reader's language.

A problem is built once as a ``Say``: its English text (marked ``N_`` where it is written)
and its arguments. It is worded when it is shown, in the reader's language, from the
translators' catalogues (``simulator.i18n``): ``Say.text(lang)``; ``str()`` gives English,
the text of logs and of the API. Field names and the values an author typed are quoted as
written, in every language.

Pydantic's own messages are not shown: ``pydantic_say`` words each error ``type`` with
its constraint values, and ``rule_say`` recognises the scenario models' own rules
(``simulator.language.scenario`` raises them as English sentences) so that they can be said in
other languages too.
"""

from __future__ import annotations

import ast
import re
import string
from functools import cache
from typing import Any

from simulator.i18n import N_, SOURCE, ntr, number_locale, tr


class Say:
    """A message not yet worded: its English text and its arguments. An argument may
    itself be a ``Say`` (or anything with ``text(lang)``), worded in the same language;
    numbers are written as the language writes them."""

    __slots__ = ("message", "args")

    def __init__(self, message: str, **args: Any):
        self.message, self.args = message, args

    def text(self, lang: str = "en") -> str:
        # Formatted even without arguments: the texts write a brace as {{ }}.
        return tr(self.message, lang).format(**{k: word(v, lang) for k, v in self.args.items()})

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        return f"Say({self.message!r}, {self.args!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Say) and (self.message, str(self)) == (other.message, str(other))

    def __hash__(self) -> int:
        return hash((self.message, str(self)))

    @staticmethod
    def ntr(singular: str, plural: str, n: int, **args: Any) -> Say:
        """A message whose form the number ``n`` decides, by the reader's language's own
        plural rules (``simulator.i18n.ntr``; named so that extraction finds both forms)."""
        return Counted(singular, plural, n, **args)


class Counted(Say):
    """A ``Say`` in two forms, singular and plural, chosen by ``n`` when it is worded."""

    __slots__ = ("plural", "n")

    def __init__(self, singular: str, plural: str, n: int, **args: Any):
        super().__init__(singular, **args)
        self.plural, self.n = plural, n

    def text(self, lang: str = "en") -> str:
        return ntr(self.message, self.plural, self.n, lang,
                   **{k: word(v, lang) for k, v in self.args.items()})


class InEnglish(Say):
    """Words only English has (pydantic's own, a sentence no rule here knows): shown as
    they are to an English reader; another language says ``instead``, as a sentence of
    that language cannot hold an English one."""

    __slots__ = ("instead",)

    def __init__(self, english: str, instead: str = N_("value refused here")):
        super().__init__(english)
        self.instead = instead

    def text(self, lang: str = "en") -> str:
        return self.message if lang == SOURCE else tr(self.instead, lang)


class OneOf:
    """Alternatives as pydantic says them: ``'a', 'b' or 'c'`` (``ou`` in French)."""

    def __init__(self, values, quote: bool = True):
        self.values, self.quote = list(values), quote

    def text(self, lang: str = "en") -> str:
        shown = [repr(v) if self.quote else str(v) for v in self.values]
        if len(shown) < 2:
            return "".join(shown)
        return f"{', '.join(shown[:-1])} {tr('or', lang)} {shown[-1]}"


def word(value: Any, lang: str) -> str:
    """One argument as the reader's language writes it."""
    if hasattr(value, "text"):
        return value.text(lang)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if lang == SOURCE:
        return str(value)  # as a reader types it back into a file
    # Other languages group thousands and write decimals as their catalogue's locale does
    # (French: a narrow no-break space and a decimal comma), every digit kept.
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0.##########", locale=number_locale(lang))


def text(message: Any, lang: str = "en") -> str:
    """A ``Say`` worded in ``lang``; a plain string as it is."""
    return message.text(lang) if hasattr(message, "text") else str(message)


def known(names) -> Say:
    """`` (known: a, b)``; the names sorted, or 'none defined'."""
    return Say(N_(" (known: {names})"),
               names=", ".join(sorted(map(str, names))) or Say(N_("none defined")))


def listed(names) -> str | Say:
    """Names joined by commas, or 'none'."""
    return ", ".join(map(str, names)) or Say(N_("none"))


# Names of a kind that the file does not define, by kind (French adjectives agree with
# the noun).
UNKNOWN_NAMES = {
    "location": N_("unknown location {value}{hint}{known}"),
    "unit": N_("unknown unit {value}{hint}{known}"),
    "agency": N_("unknown agency {value}{hint}{known}"),
    "armed_group": N_("unknown armed group {value}{hint}{known}"),
    "host_force": N_("unknown host force {value}{hint}{known}"),
    "team": N_("unknown team {value}{hint}{known}"),
    "actor": N_("unknown actor {value}{hint}{known}"),
    "action": N_("unknown action {value}{hint}{known}"),
    "objective": N_("unknown objective {value}{hint}{known}"),
    "critical_task": N_("unknown critical task {value}{hint}{known}"),
    "route": N_("unknown route {value}{hint}{known}"),
    "herd": N_("unknown herd {value}{hint}{known}"),
    "checkpoint": N_("unknown checkpoint {value}{hint}{known}"),
    "holder": N_("unknown armed group or host force {value}{hint}{known}"),
}


# --- pydantic errors ------------------------------------------------------------------

# Patterns of simulator.language.scenario (Id, Ref) and debrief.overrides (rating), in words.
PATTERNS = {
    r"^[a-z][a-z0-9_\-]*$": N_("expected: a lower-case identifier: a letter, then letters, "
                               "digits, _ or -"),
    r"^\$[a-z][a-z0-9_\-]*$": N_("expected: $ and the name of one of the action's parameters"),
    "^[PSMU]$": N_("expected: P, S, M or U"),
}
# Pydantic's error types, with their constraint values.
PYDANTIC = {
    "missing": N_("required field is missing"),
    "int_type": N_("expected: a valid integer"),
    "int_parsing": N_("expected: a valid integer, unable to parse string as an integer"),
    "int_from_float": N_("expected: a valid integer, got a number with a fractional part"),
    "float_type": N_("expected: a valid number"),
    "float_parsing": N_("expected: a valid number, unable to parse string as a number"),
    "finite_number": N_("expected: a finite number"),
    "bool_type": N_("expected: a valid boolean"),
    "bool_parsing": N_("expected: a valid boolean, unable to interpret input"),
    "string_type": N_("expected: a valid string"),
    "greater_than": N_("expected: greater than {gt}"),
    "greater_than_equal": N_("expected: greater than or equal to {ge}"),
    "less_than": N_("expected: less than {lt}"),
    "less_than_equal": N_("expected: less than or equal to {le}"),
    "multiple_of": N_("expected: a multiple of {multiple_of}"),
    "list_type": N_("expected: a valid list"),
    "dict_type": N_("expected: a valid dictionary"),
    "none_required": N_("expected: no value"),
}
# Those a number decides: their words, given the error's constraint values.
COUNTED = {
    "string_too_short": lambda min_length, **_: Say.ntr(
        "expected: at least {min_length} character", "expected: at least {min_length} characters",
        min_length, min_length=min_length),
    "string_too_long": lambda max_length, **_: Say.ntr(
        "expected: at most {max_length} character", "expected: at most {max_length} characters",
        max_length, max_length=max_length),
    "too_short": lambda min_length, actual_length, **_: Say.ntr(
        "expected: at least {min_length} item, not {actual_length}",
        "expected: at least {min_length} items, not {actual_length}",
        min_length, min_length=min_length, actual_length=actual_length),
    "too_long": lambda max_length, actual_length, **_: Say.ntr(
        "expected: at most {max_length} item, not {actual_length}",
        "expected: at most {max_length} items, not {actual_length}",
        max_length, max_length=max_length, actual_length=actual_length),
}
_CTX = ("gt", "ge", "lt", "le", "multiple_of", "min_length", "max_length", "actual_length")

# A competency framework's map (simulator.classroom.competencies) raises it too.
TASK_OR_OBJECTIVE = N_("a map needs exactly one of 'task' (a critical task) or 'objective' "
                       "(each critical task of an objective)")
# The scenario models' own rules: simulator.language.scenario's English sentences, read back
# by rule_say (more specific forms first).
RULES = [
    N_("give either an agency or a host_force"),
    N_("give either a location or a route"),
    N_("step_hours ({step}) must divide turn_hours ({turn})"),
    N_("a condition needs exactly one of all, any, not, metric, action_taken, inject_fired, "
       "turn_at_least (got {count})"),
    N_("a metric condition needs 'above' or 'below'"),
    N_("'location', 'above' and 'below' belong to a metric condition"),
    N_("an effect is one primitive, one of: {effects}"),
    N_("unknown effect {value} (did you mean {match}?)"),
    N_("unknown effect {value}; expected one of: {effects}"),
    N_("a 'choice' parameter needs 'values'"),
    N_("an inject needs exactly one of 'at' (a time) or 'when' (a trigger)"),
    N_("turns {turns}: the first turn comes after the last"),
    N_("unknown metric {value}; expected one of: {metrics}"),
    N_("a measure's team is its scope: write scope: {{teams: [...]}}, not params: "
       "{{team: ...}}"),
    N_("metric {metric} takes no parameter {extra} (takes: none)"),
    N_("metric {metric} takes no parameter {extra} (takes: {takes})"),
    N_("{metric} {name} must be one of {values}, not {value}"),
    N_("metric {metric} cannot be scoped by {wrong} (takes: no scope)"),
    N_("metric {metric} cannot be scoped by {wrong} (takes: {takes})"),
    N_("orders_effective of: unknown primitive {value} (one of: {effects}, separated by "
       "commas)"),
    N_("casualties by cause count deaths of every group: leave out 'group' and kind "
       "'injuries'"),
    TASK_OR_OBJECTIVE,
]


def pydantic_say(err: dict) -> Say:
    """One pydantic error in our words (not ``extra_forbidden``: see validation)."""
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "value_error":
        return rule_say(err["msg"].removeprefix("Value error, "))
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        return Say(PATTERNS[pattern]) if pattern in PATTERNS else \
            Say(N_("expected: text matching the pattern {pattern}"), pattern=repr(pattern))
    if kind == "literal_error":
        return Say(N_("expected: {expected}"), expected=_literals(str(ctx.get("expected", ""))))
    if kind in ("model_type", "model_attributes_type"):
        return Say(N_("expected: a text, or one per language: {{en: ..., fr: ...}}")) \
            if ctx.get("class_name") == "Lang" else Say(PYDANTIC["dict_type"])
    args = {k: ctx[k] for k in _CTX if k in ctx}
    if kind in PYDANTIC and _fields(PYDANTIC[kind]) <= set(args):
        return Say(PYDANTIC[kind], **args)
    if kind in COUNTED:
        try:
            return COUNTED[kind](**args)
        except TypeError:  # a constraint value missing: said in pydantic's words below
            pass
    detail = err["msg"].removeprefix("Input should be ").rstrip(".")
    return InEnglish(f"expected: {detail}")


def _fields(message: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(message) if f}


def _literals(expected: str) -> OneOf | str:
    """Pydantic's ``'a', 'b' or 'c'`` back to its values, to say it in any language."""
    head, _, last = expected.rpartition(" or ")
    try:
        values = ast.literal_eval(f"[{head}, {last}]" if head else f"[{last}]")
    except (ValueError, SyntaxError):
        return expected
    return OneOf(values)


@cache
def _rule_patterns() -> list[tuple[str, re.Pattern]]:
    """Each rule's English sentence as a pattern whose groups are its arguments."""
    out = []
    for rule in RULES:
        regex = ""
        for literal, field, _, _ in string.Formatter().parse(rule):
            regex += re.escape(literal) + (f"(?P<{field}>.+?)" if field else "")
        out.append((rule, re.compile(f"^{regex}$", re.S)))
    return out


def rule_say(sentence: str) -> Say:
    """A scenario model's rule (an English sentence of ``simulator.language.scenario``) as a
    ``Say``; a sentence no rule here knows stays as it is, in English."""
    for rule, pattern in _rule_patterns():
        m = pattern.match(sentence)
        if m:
            return Say(rule, **m.groupdict())
    return InEnglish(sentence)


# Why a file cannot be read, by errno name.
OS_REASONS = {
    "ENOENT": N_("No such file or directory"),
    "EACCES": N_("Permission denied"),
    "EISDIR": N_("Is a directory"),
    "ENOTDIR": N_("Not a directory"),
}


def os_reason(exc: OSError) -> Say | str:
    """Why a file cannot be read, in words for the common cases."""
    import errno
    name = errno.errorcode.get(exc.errno or 0, "")
    return Say(OS_REASONS[name]) if name in OS_REASONS else (exc.strerror or str(exc))
