"""The translators' side of ``simulator.i18n``: ``ttx languages``.

- ``extract``: every text the code marks (``tr``, ``ntr``, ``N_``, ``N_plural``) into the template
  ``simulator/locale/ttx.pot``, by Babel;
- ``update``: each language's catalogue brought up to the template (new texts added
  empty, changed ones marked fuzzy with their old translation, gone ones kept aside);
- ``compile``: each catalogue to its ``.mo`` (what gettext reads);
- ``check``: every text of the template translated in every catalogue, none fuzzy, each
  with the same ``{placeholders}`` as the English, every plural form written;
- ``coverage``: how much of each component and of each shipped scenario a language covers.
"""

from __future__ import annotations

import io
import re
import string
from dataclasses import dataclass
from pathlib import Path

from simulator.i18n import DOMAIN, LOCALE, SOURCE, catalogue_path, compiled

ROOT = LOCALE.parents[1]
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
KEYWORDS = {"tr": None, "ntr": (1, 2), "N_": None, "N_plural": (1, 2), "pN_": ((1, "c"), 2),
            "both": None}  # both(): the certificate's text in its two languages
# What extraction reads: the code of the three packages, and the report's and the portal's
# templates (Jinja2's own extractor, with the same keywords: ``{{ tr("...") }}``).
METHODS = [("simulator/**.py", "python"), ("debrief/**.py", "python"), ("agents/**.py", "python"),
           ("debrief/templates/**.j2", "jinja2"), ("simulator/portal/templates/**.j2", "jinja2"),
           ("simulator/classroom/templates/**.j2", "jinja2")]


@dataclass(frozen=True)
class Gap:
    """One thing a catalogue lacks: its language, the English text and what is wrong."""

    lang: str
    msgid: str
    problem: str  # missing, fuzzy, placeholders, plural

    def __str__(self) -> str:
        return f"{self.lang}: {self.problem}: {self.msgid!r}"


def languages() -> list[str]:
    """The languages with a catalogue (English, the code's own, has none)."""
    return sorted(p.parent.parent.name for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def extract():
    """The template: every marked text, with where it is used (file names only, so that
    moving a line does not touch the catalogues)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    catalog = Catalog(project="ttx-sim", msgid_bugs_address="", fuzzy=False)
    for path, _line, message, comments, context in extract_from_dir(
            ROOT, METHODS, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True):
        catalog.add(message, None, [(path, 0)], auto_comments=comments, context=context)
    return catalog


def write_template() -> Path:
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, extract(), width=88, omit_header=False, sort_output=False,
             include_lineno=False)
    TEMPLATE.write_bytes(_stable(out.getvalue()))
    return TEMPLATE


def update() -> list[str]:
    """The template extracted again, and each catalogue brought up to it."""
    from babel.messages.pofile import read_po, write_po

    write_template()
    with TEMPLATE.open("rb") as f:
        template = read_po(f)
    done = []
    for lang in languages():
        path = catalogue_path(lang)
        with path.open("rb") as f:
            catalog = read_po(f, locale=lang)
        catalog.update(template, update_header_comment=False)
        out = io.BytesIO()
        write_po(out, catalog, width=88, include_lineno=False, ignore_obsolete=True)
        path.write_bytes(_stable(out.getvalue()))
        done.append(lang)
    return done


def compile_all() -> list[Path]:
    """Each catalogue compiled to its ``.mo``, beside it."""
    out = []
    for lang in languages():
        mo = catalogue_path(lang, ".mo")
        mo.write_bytes(compiled(catalogue_path(lang)))
        out.append(mo)
    return out


def check(template=None) -> list[Gap]:
    """What each catalogue lacks against the template (none: every language complete)."""
    from babel.messages.pofile import read_po

    template = template if template is not None else extract()
    gaps = []
    for lang in languages():
        with catalogue_path(lang).open("rb") as f:
            catalog = read_po(f, locale=lang)
        for message in template:
            if not message.id:
                continue
            found = catalog.get(message.id, context=message.context)
            key = message.id if isinstance(message.id, str) else message.id[0]
            if found is None or not _written(found.string):
                gaps.append(Gap(lang, key, "missing"))
            elif found.fuzzy:
                gaps.append(Gap(lang, key, "fuzzy"))
            elif isinstance(message.id, tuple) and (
                    not isinstance(found.string, tuple)
                    or len(found.string) != catalog.num_plurals):
                gaps.append(Gap(lang, key, "plural"))
            elif any(fields(s) != fields(key) for s in _strings(found.string)):
                gaps.append(Gap(lang, key, "placeholders"))
    return gaps


def coverage() -> dict:
    """Per language (English, those with a catalogue, those the shipped scenarios are
    written in), the texts of each component translated and of each shipped scenario
    written in it: ``{lang: {"components": {name: (done, total)}, "scenarios": {...}}}``."""
    from babel.messages.pofile import read_po

    from simulator.language.coverage import coverage as written_in
    from simulator.language.validation import load_scenario
    from simulator.shipped import SCENARIOS

    template = extract()
    by_component: dict[str, list] = {}
    for message in template:
        if message.id:
            by_component.setdefault(_component(message.locations), []).append(message)
    shipped = {p.stem: written_in(load_scenario(p)) for p in sorted(SCENARIOS.glob("*.yaml"))}
    written = {lang for found in shipped.values() for lang in found}
    out = {}
    for lang in (SOURCE, *sorted((set(languages()) | written) - {SOURCE})):
        catalog = None
        if lang != SOURCE and catalogue_path(lang).is_file():
            with catalogue_path(lang).open("rb") as f:
                catalog = read_po(f, locale=lang)
        components = {}
        for name, messages in sorted(by_component.items()):
            done = (len(messages) if lang == SOURCE else 0) if catalog is None else sum(
                1 for m in messages if (found := catalog.get(m.id, context=m.context))
                and _written(found.string) and not found.fuzzy)
            components[name] = (done, len(messages))
        scenarios = {stem: found.get(lang, (0, next(iter(found.values()), (0, 0))[1]))
                     for stem, found in shipped.items()}
        out[lang] = {"components": components, "scenarios": scenarios}
    return out


def fields(text: str) -> set[str]:
    """The ``{placeholders}`` of a text, by name."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text)
            if name}


def _strings(value) -> list[str]:
    return list(value) if isinstance(value, tuple) else [value]


def _written(value) -> bool:
    return all(s for s in _strings(value)) if value else False


def _component(locations) -> str:
    """A text's component: the package of the first file that uses it."""
    path = locations[0][0] if locations else "?"
    parts = path.split("/")
    if parts[0] == "simulator" and len(parts) > 2:
        return "/".join(parts[:2])
    return parts[0].removesuffix(".py")


def _stable(data: bytes) -> bytes:
    """A catalogue's bytes without the dates Babel writes, so that extracting twice gives
    the same file."""
    return re.sub(rb'"(POT-Creation-Date|PO-Revision-Date): [^"]*\\n"\n', b"", data)
