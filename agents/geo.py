"""Distances on the map."""

import math

import numpy as np


def km(a, b) -> float:
    """Great-circle distance in km between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + \
        math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def nearest(here, coords: np.ndarray, keys: list) -> int:
    """The index ``i`` of the point of ``coords`` [point, (latitude, longitude)] nearest
    to ``here`` by ``km``, the first of ``keys`` among equally near ones: the same choice
    as ``min`` over ``(km(coords[i], here), keys[i])``, with ``km`` computed only for the
    points a vectorised estimate (within a millionth of it) cannot rule out."""
    lat1, lon1 = np.radians(coords[:, 0]), np.radians(coords[:, 1])
    lat2, lon2 = math.radians(here[0]), math.radians(here[1])
    h = np.sin((lat2 - lat1) / 2) ** 2 + \
        np.cos(lat1) * math.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    estimate = 2 * 6371 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
    near = np.flatnonzero(estimate <= estimate.min() * (1 + 1e-6) + 1e-6).tolist()
    return min(near, key=lambda i: (km(coords[i], here), keys[i]))
