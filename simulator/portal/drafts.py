"""Scenarios checked but not yet made into exercises (between the two steps of the
instructor's form): kept in memory, a few at a time, under random ids."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict


class Drafts:
    def __init__(self, keep: int = 20):
        self.keep = keep
        self._items: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, scenario_text: str) -> str:
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._items[key] = scenario_text
            while len(self._items) > self.keep:
                self._items.popitem(last=False)
        return key

    def get(self, key: str) -> str | None:
        with self._lock:
            return self._items.get(key)

    def drop(self, key: str) -> None:
        with self._lock:
            self._items.pop(key, None)
