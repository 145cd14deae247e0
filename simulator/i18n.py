"""Fixed user-facing text in the reader's language, from translators' catalogues (gettext).

The English text is written in the code, where it is used: ``tr("{path}: valid", lang,
path=p)``; ``ntr(singular, plural, n, lang, ...)`` when a number decides the form; ``N_``
marks a text kept for later (in a table of names, an error's message) so that extraction
finds it, ``pN_`` one whose English word is translated otherwise elsewhere (with a
context); ``say`` says either. The translations are the catalogues
``simulator/locale/<lang>/LC_MESSAGES/ttx.po`` (docs/translating.md): the languages offered
are English and every language with a catalogue. A catalogue is compiled to ``ttx.mo`` when
the program is set up; a missing or older ``.mo`` is compiled from its ``.po`` in memory, so
an edit shows at once.

Numbers are written as the language writes them (``count``, ``decimal``): 12,345 and 0.69
in English, 12 345 and 0,69 in French (a narrow no-break space), 12 345 and 0,69 in
Portuguese (a no-break space).
"""

from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path

LOCALE = Path(__file__).resolve().parent / "locale"
DOMAIN = "ttx"
SOURCE = "en"  # the language the code writes its text in


def catalogue_path(lang: str, suffix: str = ".po") -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def find_languages(locale: Path) -> tuple[str, ...]:
    """English, then each language with a catalogue in ``locale``, by code."""
    return (SOURCE, *sorted(p.name for p in locale.iterdir()
                            if p.is_dir() and (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()))


LANGUAGES = find_languages(LOCALE)


def N_(message: str) -> str:  # noqa: N802 (gettext's own name for a deferred text)
    """``message`` itself: marks a text translated later, where it is shown."""
    return message


def pN_(context: str, message: str) -> tuple[str, str]:  # noqa: N802 (gettext's naming)
    """``(context, message)`` itself: marks a text whose English word needs another
    translation elsewhere, said later with ``say``; the context tells the two apart."""
    return context, message


def N_plural(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 (as N_)
    """``(singular, plural)`` itself: marks a text whose form a number decides, said later
    with ``ntr(*text, n, lang)``."""
    return singular, plural


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of ``lang`` (English and unknown languages: the text as written)."""
    po = catalogue_path(lang)
    if lang == SOURCE or not po.is_file():
        return gettext.NullTranslations()
    mo = catalogue_path(lang, ".mo")
    if mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as f:
            return gettext.GNUTranslations(f)
    return gettext.GNUTranslations(io.BytesIO(compiled(po)))


def compiled(po: Path) -> bytes:
    """The ``.mo`` bytes of a ``.po`` catalogue (fuzzy entries left out, as gettext does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def tr(message: str, lang: str = "en", /, **values) -> str:
    """``message`` (English, as the code writes it) in ``lang``, with ``values`` put in."""
    text = translations(lang).gettext(message)
    return text.format(**values) if values else text


def has_translation(message: str, lang: str) -> bool:
    """Whether the catalogue of ``lang`` translates ``message`` (English, the code's own,
    always does): a text written per language is written only in those that do."""
    return lang == SOURCE or message in getattr(translations(lang), "_catalog", {})


def say(text: str | tuple[str, str], lang: str = "en", /, **values) -> str:
    """A text kept in a table (``N_``, or ``pN_`` with its context) in ``lang``."""
    said = translations(lang).pgettext(*text) if isinstance(text, tuple) else tr(text, lang)
    return said.format(**values) if values else said


def ntr(singular: str, plural: str, n: int, lang: str = "en", /, **values) -> str:
    """The form of ``singular``/``plural`` that ``n`` takes in ``lang`` (its own plural
    rules: French says 0 and 1 in the singular), with ``n`` and ``values`` put in (a ``n``
    among ``values`` is the count as written: "12 345")."""
    return translations(lang).ngettext(singular, plural, n).format(**{"n": n, **values})


@functools.cache
def number_locale(lang: str) -> str:
    """The locale whose conventions write numbers and dates in ``lang``: the catalogue's
    ``Language`` header (``pt_PT``, as Guinea-Bissau and Cabo Verde write), else ``lang``;
    the code's English as Anglophone West Africa writes it (11 January 2027), as is a
    language Babel does not know."""
    from babel import Locale, UnknownLocaleError

    found = translations(lang).info().get("language", lang)
    try:
        Locale.parse(found)
    except (ValueError, UnknownLocaleError):
        found = SOURCE
    return "en_GB" if found == SOURCE else found


def count(value: float, lang: str = "en") -> str:
    """A count as people read it: a whole number with its thousands grouped as ``lang``
    groups them."""
    from babel.numbers import format_decimal

    return format_decimal(round(value), locale=_locale(lang))


def decimal(value: float, lang: str = "en", digits: int = 2) -> str:
    """A share or a level with ``digits`` decimals, its decimal mark as ``lang`` writes it:
    0.69 in English, 0,69 in French and Portuguese."""
    from decimal import Decimal

    from babel.numbers import format_decimal

    # Rounded by Python first, so every language shows the same digits.
    rounded = Decimal(f"{value:.{digits}f}")
    return format_decimal(rounded, format="#,##0." + "0" * digits, locale=_locale(lang))


@functools.cache
def _locale(lang: str):
    from babel import Locale

    return Locale.parse(number_locale(lang))


def language_name(code: str, lang: str = "en") -> str:
    """The name of the language ``code`` in ``lang``: "Portuguese", "portugais"."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).get_display_name(_locale(lang)) or code
    except (ValueError, UnknownLocaleError):  # a code Babel does not know: as it is
        return code
