"""Which program made a result: the library versions a run records, and a digest of the
code itself. A snapshot, an archive and a Dask worker are trusted only by this program."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path


def versions() -> dict[str, str]:
    """Library versions, recorded with a run: a replay is byte-identical on the same
    versions (random streams and float details may change between numpy or Mesa
    releases)."""
    import platform
    from importlib.metadata import version
    out = {"python": platform.python_version()}
    out.update({name: version(name) for name in ("numpy", "mesa", "networkx", "pydantic")})
    return out


@functools.cache
def program() -> str:
    """A digest of the code that makes and reads the state (the simulator's and the
    behaviours' sources) and of the versions above: a snapshot pickled by another version
    (a class changed, a field added) is never read into this one."""
    import agents
    import simulator

    h = hashlib.sha256(json.dumps(versions(), sort_keys=True).encode())
    for package in (simulator, agents):
        root = Path(package.__file__).parent
        for path in sorted(root.rglob("*.py")):
            h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()
