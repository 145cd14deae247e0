"""The nearest point: the same choice as comparing every great-circle distance."""

import numpy as np

from agents.geo import km, nearest


def test_nearest_is_the_minimum_over_every_distance_ties_by_key():
    rng = np.random.default_rng(2)
    points = rng.uniform([10.0, -5.0], [20.0, 5.0], size=(300, 2))
    points[150:] = points[:150]  # every point twice: equally near, the first key wins
    keys = [f"p{i:03d}" for i in range(300)][::-1]
    for here in [*rng.uniform([10.0, -5.0], [20.0, 5.0], size=(200, 2)).tolist(),
                 points[7].tolist()]:
        expected = min(range(300), key=lambda i: (km(points[i].tolist(), here), keys[i]))
        assert nearest(here, points, keys) == expected
    assert nearest(points[7].tolist(), points, keys) == 157  # itself, by the first key
