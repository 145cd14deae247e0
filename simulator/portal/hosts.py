"""The names and addresses this server answers to, and a check of every request's Host.

A browser sends the name it typed in the ``Host`` header; a page built from it (the code
sheet prints the address to open) must never show another site's name, and a site that
makes a browser resolve its own name to this laptop (DNS rebinding) must get nothing. So
only the server's own names pass: those of the address it is bound to, plus any the
instructor adds (``--allow-host``), with any port.
"""

from __future__ import annotations

import html
import ipaddress
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

import psutil
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse

from simulator.i18n import tr
from simulator.portal.render import lang_of

LOOPBACK = ("localhost", "127.0.0.1", "::1")
WILDCARD = ("0.0.0.0", "::", "")


def is_wildcard(host: str) -> bool:
    """Whether ``host`` means every network of this computer."""
    return host in WILDCARD


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) is this computer only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _plain(address: str) -> str:
    return address.split("%")[0].lower()  # fe80::1%wlan0: the zone is not part of a Host


def interface_addresses() -> list[str]:
    """Every IPv4 and IPv6 address of this computer's network interfaces, now."""
    return [_plain(a.address) for addrs in psutil.net_if_addrs().values() for a in addrs
            if a.family in (socket.AF_INET, socket.AF_INET6)]


def lan_addresses() -> list[str]:
    """The addresses other computers may reach this one by: no loopback, no link-local
    (an fe80:: address cannot be typed without its interface), the main route's first."""
    found = [str(a) for a in map(ipaddress.ip_address, interface_addresses())
             if not a.is_loopback and not a.is_link_local]
    main = main_lan_address()
    return list(dict.fromkeys(([main] if main in found else []) + found))


def main_lan_address() -> str | None:
    """This computer's address on its main network, found without sending a packet."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
    except OSError:
        return None


def machine_names() -> list[str]:
    """This computer's host name, and the name it has on the local network (mDNS)."""
    name = socket.gethostname().lower().rstrip(".")
    return list(dict.fromkeys([name, name.split(".")[0] + ".local"])) if name else []


def own_names(bound: str, extra: Iterable[str] = ()) -> list[str]:
    """The names and addresses a server bound to ``bound`` answers to: loopback names for
    a loopback address; for every network (0.0.0.0, ::) those and the machine's LAN
    addresses and names; a specific address itself; then the ``extra`` names."""
    names: list[str] = []
    if is_loopback(bound) or is_wildcard(bound):
        names += LOOPBACK
    if is_wildcard(bound):
        names += lan_addresses() + machine_names()
    else:
        names.append(_plain(bound))
    names += [n.lower().rstrip(".") for n in extra]
    return list(dict.fromkeys(names))


class Allowlist:
    """The Host names that pass. Bound to every network, an address the computer gained
    since the start (a new Wi-Fi lease) passes too: interfaces are read again on a miss."""

    def __init__(self, names: Iterable[str], interfaces: bool = False):
        self.names, self.interfaces = frozenset(names), interfaces

    def __contains__(self, host: str) -> bool:
        return host in self.names or (self.interfaces and host in interface_addresses())


def allowlist(bound: str, extra: Iterable[str] = ()) -> Allowlist:
    return Allowlist(own_names(bound, extra), interfaces=is_wildcard(bound))


def host_of(header: str) -> str | None:
    """The name in a Host header, lower case, without port or brackets; None if malformed."""
    try:
        parts = urlsplit("//" + header)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        return None
    if parts.username is not None or parts.path or parts.query or parts.fragment:
        return None
    return (parts.hostname or "").rstrip(".") or None


class HostCheck:
    """400 for a request whose Host is not one of the server's: ``{"reason": "bad_host"}``
    under /api, a short page otherwise. Plain ASGI, like the other middleware."""

    def __init__(self, app, allowed: Allowlist):
        self.app, self.allowed = app, allowed

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        header = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        host = host_of(header)
        if host is not None and host in self.allowed:
            return await self.app(scope, receive, send)
        return await _refuse(scope, receive, send)


async def _refuse(scope, receive, send) -> None:
    if scope["path"] == "/api" or scope["path"].startswith("/api/"):
        response = JSONResponse({"reason": "bad_host"}, status_code=400)
    else:
        lang = lang_of(Request(scope))
        title = html.escape(tr("Unknown address", lang))
        text = html.escape(tr("This server does not answer to this name. Open the address the "
                              "instructor gave: it is printed when the portal starts.", lang))
        response = HTMLResponse(f'<!doctype html><html lang="{lang}"><meta charset="utf-8">'
                                f"<title>{title}</title><h1>{title}</h1><p>{text}</p></html>",
                                status_code=400)
    await response(scope, receive, send)
