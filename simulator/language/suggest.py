"""'Did you mean ...?' for a misspelt name: the nearest of the names allowed there."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from simulator.i18n import N_
from simulator.language.problem_text import Say


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """The allowed name closest to ``word`` if one is close enough, else None."""
    choices = [str(c) for c in choices]
    by_case = {c.lower(): c for c in choices}
    if str(word).lower() in by_case:  # only the case differs
        return by_case[str(word).lower()]
    found = difflib.get_close_matches(str(word).lower(), list(by_case), n=1, cutoff=0.6)
    return by_case[found[0]] if found else None


def suggestion(word: str, choices: Iterable[str]) -> Say | str:
    """`` (did you mean 'x'?)`` as a message to word in the reader's language, or ``""``."""
    match = nearest(word, choices)
    return Say(N_(" (did you mean {match}?)"), match=repr(match)) if match else ""


def did_you_mean(word: str, choices: Iterable[str], lang: str = "en") -> str:
    """`` (did you mean 'x'?)`` in ``lang``, or an empty string."""
    found = suggestion(word, choices)
    return found.text(lang) if found else ""
