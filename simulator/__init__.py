"""The exercise engine: scenario language, world model, turn loop, inputs, outputs."""

from simulator.decisions import AdHocInject, Decision
from simulator.exercise import Exercise
from simulator.validation import load_scenario

__all__ = ["AdHocInject", "Decision", "Exercise", "load_scenario"]
