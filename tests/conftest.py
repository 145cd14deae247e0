"""Shared fixtures: the small test world and helpers to poke it."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.language.scenario import Effect
from simulator.language.validation import load_scenario
from simulator.play.exercise import Exercise
from simulator.world import effects

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini.yaml"
# One objective for the mini world (append it to mini.yaml's text), for debrief and portal
# tests; a test may append more measures to its task.
MINI_OBJECTIVES = """objectives:
  - id: obj-protect
    title: {en: Protect the village, fr: Protéger le village}
    capability: Physical protection
    critical_tasks:
      - id: ct-presence
        title: {en: Presence before the raid, fr: Présence avant le raid}
        team: force
        measures:
          - {id: m-deaths, metric: civilian_deaths, scope: {places: [village]},
             thresholds: {P: 5, S: 15, M: 30}}
"""


@pytest.fixture(scope="session")
def mini():
    return load_scenario(MINI)


@pytest.fixture
def ex(mini):
    """An exercise on the mini world with turn 1 open."""
    e = Exercise(mini, seed=7)
    e.reset()
    return e


@pytest.fixture
def calm(mini):
    """The mini world with no MSEL and an idle armed group: only the rules under test act."""
    e = Exercise(mini.model_copy(update={"msel": []}), seed=7)
    e.reset()
    e.model.armed["band"].grievance = 0.0
    return e


def calm_world(text: str, seed: int = 7) -> Exercise:
    """An exercise on a variant of the mini world (its YAML text), as ``calm``: no MSEL,
    an idle armed group, turn 1 open."""
    from simulator.language.validation import scenario_from_text
    e = Exercise(scenario_from_text(text, "variant.yaml").model_copy(update={"msel": []}),
                 seed=seed)
    e.reset()
    e.model.armed["band"].grievance = 0.0
    return e


def do(ex: Exercise, primitive: str, team: str | None = None, recipients=(), **args):
    """Apply one effect primitive directly, as a decision or inject would."""
    effect = Effect.model_validate({primitive: args})
    effects.apply(ex.model, effect, {}, effects.Context(team, f"test:{primitive}",
                                                         tuple(recipients)))
    return ex.model.events.events[-1] if ex.model.events.events else None


def run_hours(ex: Exercise, hours: float) -> None:
    """Advance the world without opening a new turn (sub-steps only)."""
    for _ in range(int(hours // ex.model.dt)):
        ex.model.substep()


def types(ex: Exercise) -> list[str]:
    return [e["type"] for e in ex.events]


def pytest_collection_modifyitems(items):
    """Long tests first: spread over the workers, they no longer finish last one by one."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def pytest_xdist_auto_num_workers(config):
    """One worker per core: the tests that wait on a browser or a server have their child
    processes working meanwhile (on two cores, three workers took 6:22 where two took 5:42)."""
    import os

    return os.cpu_count() or 1


@pytest.fixture
def extra_language(tmp_path, monkeypatch):
    """A language ``xx`` added as a translator adds one: a catalogue directory beside the
    others (an empty one: its interface text stays English). Every module's list of
    languages is the new one for the test; the catalogues read are forgotten after it."""
    import sys

    from simulator import i18n

    locale = tmp_path / "locale"
    locale.mkdir()
    for lang in i18n.LANGUAGES[1:]:
        (locale / lang).symlink_to(i18n.LOCALE / lang)
    po = locale / "xx" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Language: xx\\n"\n'
                  '"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8")
    languages = i18n.find_languages(locale)
    assert languages == (*i18n.LANGUAGES, "xx")
    old = i18n.LANGUAGES
    monkeypatch.setattr(i18n, "LOCALE", locale)
    for module in list(sys.modules.values()):
        if getattr(module, "LANGUAGES", None) is old:
            monkeypatch.setattr(module, "LANGUAGES", languages)
    caches = (i18n.translations, i18n.number_locale, i18n._locale)
    for cache in caches:
        cache.cache_clear()
    yield "xx"
    for cache in caches:
        cache.cache_clear()


def with_language(source: str, code: str, leave_out: tuple[tuple, ...] = ()) -> str:
    """A scenario's YAML ``source`` with each text per language written in ``code`` too
    ("XX" and the English text), but for the texts at the paths ``leave_out``."""
    import yaml

    def walk(node, path: tuple):
        if isinstance(node, dict):
            if "en" in node and "fr" in node and path not in leave_out:
                node[code] = f"{code.upper()} {node['en']}"
            for key, value in node.items():
                walk(value, (*path, key))
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, (*path, i))

    data = yaml.safe_load(source)
    walk(data, ())
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
