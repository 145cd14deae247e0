"""The exercise engine: scenario language, world model, turn loop, inputs, outputs."""

from __future__ import annotations

import importlib

# Imported on first use (PEP 562): the world model pulls Mesa, SciPy and networkx, which
# the commands that only read a scenario (``ttx --help``, ``ttx validate``) never need.
_EXPORTS = {"AdHocInject": "simulator.play.decisions", "Decision": "simulator.play.decisions",
            "Exercise": "simulator.play.exercise", "load_scenario": "simulator.language.validation"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'simulator' has no attribute {name!r}")
