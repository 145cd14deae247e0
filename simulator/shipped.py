"""The scenarios that ship with ttx: their folder, the demo's file, and the list by name.

Read by the command line, the portal and the competency check alike, so that none of
them imports another for a path.
"""

from __future__ import annotations

from pathlib import Path

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
DEMO_SCENARIO = "poc-inner-delta.yaml"


def shipped() -> dict[str, Path]:
    """The shipped scenarios by file name without ``.yaml``."""
    return {p.stem: p for p in sorted(SCENARIOS.glob("*.yaml"))}
