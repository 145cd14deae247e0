"""Another site cannot make a browser post here: every POST (and any other method that
changes something) whose ``Origin`` (or, without one, whose ``Referer``) is not the
portal's own origin is refused with 403 ``cross_origin``, the join included.

The portal's own origin is the scheme, host and port of the request as this server sees
it. A request without either header (a script, an API client) goes on to the usual
checks: the session's CSRF token, required for everything but the join. Browsers send
``Origin`` with every POST; the pages' ``Referrer-Policy: same-origin`` makes it the real
origin rather than ``null`` (which is refused: a sandboxed page of another site sends it).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Request

from simulator.portal.auth import ApiError

SAFE = ("GET", "HEAD", "OPTIONS")
PORTS = {"http": 80, "https": 443}


def _origin(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an origin or an address; None if it has none."""
    try:
        parts = urlsplit(url)
        scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
        port = parts.port or PORTS.get(scheme)
    except ValueError:  # a port that is not a number, a broken IPv6 address ...
        return None
    return (scheme, host, port) if scheme in PORTS and host else None


def own_origin(request: Request) -> tuple[str, str, int] | None:
    host = request.headers.get("host") or ""
    return _origin(f"{request.url.scheme}://{host}")


async def same_origin(request: Request) -> None:
    """A dependency of every route: 403 ``cross_origin`` for another site's POST."""
    if request.method in SAFE:
        return
    claimed = request.headers.get("origin") or request.headers.get("referer")
    if claimed is None:
        return
    if _origin(claimed) is None or _origin(claimed) != own_origin(request):
        raise ApiError(403, "cross_origin")
