"""What a reader of a translated page, report or sitrep should never see: a sentence of the
interface left in English, or a code where its name belongs.

``english_left`` looks for the English of the catalogue's own texts: every literal run of
three words or more between placeholders that the language writes otherwise. Scenario
text and what people typed are not in the catalogue, so they are never taken for it."""

from __future__ import annotations

import functools
import html as markup
import re

from babel.messages.pofile import read_po

from simulator.i18n import catalogue_path
from simulator.portal.i18n import LABEL_GROUPS

PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)[sd]|%[sd]")
KEY = re.compile(r"\b(?:%s)[a-z_]*[a-z]\b" % "|".join(
    [*LABEL_GROUPS, "bot_", "sec_"]))


@functools.cache
def english_fragments(lang: str) -> frozenset[str]:
    """The interface's English that ``lang`` says otherwise (3 words or more each)."""
    with catalogue_path(lang).open("rb") as f:
        catalog = read_po(f)
    out = set()
    for message in catalog:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        said = " ".join(message.string) if isinstance(message.string, tuple) else message.string
        for text in english:
            for piece in PLACEHOLDER.split(text):
                piece = piece.strip(" .,:;()·-—'\"")
                if len(piece.split()) >= 3 and piece not in said:
                    out.add(piece)
    return frozenset(out)


def shown_text(html: str) -> str:
    """What a reader sees of a page: its text, without tags, attributes, styles or
    scripts, entities read and spaces made single."""
    html = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return re.sub(r"\s+", " ", markup.unescape(re.sub(r"<[^>]+>", " ", html)))


def english_left(text: str, lang: str) -> list[str]:
    """The interface's English sentences found in ``text`` written in ``lang``."""
    return sorted(p for p in english_fragments(lang) if p in text)


def keys_shown(text: str) -> list[str]:
    """Codes of the portal's label tables (``why_past_turn``) shown instead of a name."""
    return sorted(set(KEY.findall(text)))
