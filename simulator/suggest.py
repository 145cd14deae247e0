"""'Did you mean ...?' for a misspelt name: the nearest of the names allowed there."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """The allowed name closest to ``word`` if one is close enough, else None."""
    choices = [str(c) for c in choices]
    by_case = {c.lower(): c for c in choices}
    if str(word).lower() in by_case:  # only the case differs
        return by_case[str(word).lower()]
    found = difflib.get_close_matches(str(word).lower(), list(by_case), n=1, cutoff=0.6)
    return by_case[found[0]] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` or an empty string."""
    match = nearest(word, choices)
    return f" (did you mean {match!r}?)" if match else ""
