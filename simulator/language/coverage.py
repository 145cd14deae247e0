"""Which languages a scenario is written in: every text of it that people read (names,
titles, messages, descriptions), counted per language. A text written once for every
language (a plain string) counts for none; a scenario covers a language when each of its
texts per language has it."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from simulator.language.scenario import Lang, Scenario


def texts(node) -> Iterator[Lang]:
    """Every text per language below ``node`` (a scenario or any part of it)."""
    if isinstance(node, Lang):
        yield node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from texts(getattr(node, name))
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from texts(item)
    elif isinstance(node, dict):
        for item in node.values():
            yield from texts(item)


def coverage(scenario: Scenario) -> dict[str, tuple[int, int]]:
    """Per language any text is written in: (texts written in it, texts per language)."""
    found = list(texts(scenario))
    langs = sorted({lang for t in found for lang in type(t).model_fields if getattr(t, lang)},
                   key=lambda lang: (lang != "en", lang))
    return {lang: (sum(1 for t in found if getattr(t, lang)), len(found)) for lang in langs}


def covers(scenario: Scenario, lang: str) -> bool:
    """Whether every text per language of ``scenario`` is written in ``lang`` (a scenario
    whose texts are each written once for every language covers them all)."""
    return all(getattr(t, lang, None) for t in texts(scenario))
