"""The append-only event log: one typed record per thing that happened, with its cause."""

from __future__ import annotations

import json
from typing import Any


class EventLog:
    """Events in the order they happened. Each has an id, turn, hour, type and cause.

    ``cause`` names the input or rule behind the event: ``decision:<id>``,
    ``inject:<id>``, ``rule:<name>``. The debrief reads this log, never the live model.
    """

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def append(self, turn: int, hour: float, type_: str, cause: str, **data: Any) -> dict:
        event = {"id": f"e{len(self.events) + 1:06d}", "turn": turn, "hour": round(hour, 3),
                 "type": type_, "cause": cause}
        event.update({k: v for k, v in data.items() if v is not None})
        self.events.append(event)
        return event

    def since(self, index: int) -> list[dict]:
        return self.events[index:]

    def of_type(self, *types: str) -> list[dict]:
        return [e for e in self.events if e["type"] in types]

    def __len__(self) -> int:
        return len(self.events)

    def to_jsonl(self) -> str:
        return "".join(json.dumps(e, sort_keys=True, ensure_ascii=False) + "\n"
                       for e in self.events)
