"""Which languages a scenario is written in: every text of it that people read (names,
titles, messages, descriptions), counted per language. A text written once for every
language (a plain string) counts for none; a scenario covers a language when each of its
texts per language has it."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from simulator import i18n
from simulator.i18n import N_
from simulator.language.problem_text import Say
from simulator.language.scenario import FALLBACK_MARK, Lang, Scenario


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
    langs = sorted({lang for t in found for lang in t.languages()},
                   key=lambda lang: (lang != "en", lang))
    return {lang: (sum(1 for t in found if t.get(lang)), len(found)) for lang in langs}


def covers(scenario: Scenario, lang: str) -> bool:
    """Whether every text per language of ``scenario`` is written in ``lang`` (a scenario
    whose texts are each written once for every language covers them all)."""
    return all(t.get(lang) for t in texts(scenario))


def missing(scenario: Scenario, lang: str) -> int:
    """How many texts of ``scenario`` are not written in ``lang`` (shown in English,
    marked, when an exercise is played in it anyway)."""
    return sum(1 for t in texts(scenario) if not t.get(lang))


class NotCovered(ValueError):
    """An exercise refused in a language its scenario is not wholly written in: ``str()``
    in English (logs, the API), ``text(lang)`` in the reader's language."""

    def __init__(self, say: Say):
        super().__init__(str(say))
        self.say = say

    def text(self, lang: str = "en") -> str:
        return self.say.text(lang)


def check_language(scenario: Scenario, lang: str, fallback: bool, how: Say) -> int:
    """How many texts of ``scenario`` an exercise in ``lang`` shows in English, marked
    (0: it is written in ``lang`` throughout). Without ``fallback`` (the instructor's
    choice to play it anyway) a missing text is refused: ``NotCovered`` says how many are
    written in ``lang``, the languages the scenario covers, and ``how`` to choose the
    fallback where the exercise is set up (an option, a box on a form)."""
    found = list(texts(scenario))
    shown_in_english = sum(1 for t in found if not t.get(lang))
    if shown_in_english and not fallback:
        whole = [code for code in i18n.LANGUAGES if all(t.get(code) for t in found)]
        refused = Say(N_("{scenario} is written in {language} for {done} of its {total} "
                         "texts: choose a language it is written in ({languages})"),
                      scenario=scenario.metadata.id, language=Name(lang),
                      done=len(found) - shown_in_english, total=len(found),
                      languages=", ".join(whole))
        raise NotCovered(Say(N_("{refused}; or {how}: each text not written in {language} is "
                                "then shown in English, marked {mark}"), refused=refused,
                             how=how, language=Name(lang), mark=FALLBACK_MARK.strip()))
    return shown_in_english


class Name:
    """A language's name in the reader's language, worded when shown."""

    def __init__(self, code: str):
        self.code = code

    def text(self, lang: str = "en") -> str:
        return i18n.language_name(self.code, lang)
