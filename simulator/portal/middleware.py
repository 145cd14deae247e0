"""ASGI middleware: a request size limit and the security headers of every answer.

Both are plain ASGI (no per-request task), so they cost nothing under load.
"""

from __future__ import annotations

import json

# A scenario file an instructor uploads (1 MB: a classroom scenario is under 100 kB; a
# generated district is read from the command line), plus room for the form around it.
MAX_BODY = 1_000_000 + 64 * 1024

# Pages load nothing from elsewhere and run no script; the debrief report sets its own.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
# A page with a map inline: matplotlib's SVG styles its shapes in style attributes. Every
# text on the pages is escaped, so inline styles let in nothing a user wrote.
CSP_MAP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


async def _too_large(send) -> None:
    body = json.dumps({"reason": "too_large"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuse bodies over ``limit`` bytes with 413 ``{"reason": "too_large"}``: by their
    Content-Length first, then by what actually arrives (a chunked or lying client).

    The body is read here, up to the limit, and handed on whole: the application never
    sees a byte of a refused request.
    """

    def __init__(self, app, limit: int = MAX_BODY):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                declared = self.limit + 1
            if declared > self.limit:
                return await _too_large(send)
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                return await _too_large(send)
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body, sent = b"".join(chunks), False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return await self.app(scope, replay, send)


class SecurityHeaders:
    """No caching (join codes are shown on pages), no framing, no sniffing, no referrer to
    other sites. Within the portal the referrer goes (``same-origin``): with none at all,
    a browser's POST says ``Origin: null``, which ``origin`` cannot tell from another
    site's sandboxed page."""

    HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
               (b"x-frame-options", b"DENY")]

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {k.lower() for k, _ in headers}
                extra = list(self.HEADERS)
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", CSP.encode()))
                if b"cache-control" not in names:
                    extra.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers + extra}
            await send(message)

        return await self.app(scope, receive, send_with_headers)


class SecureCookies:
    """Over HTTPS, every cookie the portal sets gets ``Secure``: a browser then never sends
    the session over plain HTTP, even to a look-alike page on the same Wi-Fi."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("scheme") != "https":
            return await self.app(scope, receive, send)

        async def send_secure(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [
                    (k, v + b"; Secure") if k.lower() == b"set-cookie"
                    and b"; secure" not in v.lower() else (k, v)
                    for k, v in message.get("headers") or []]}
            await send(message)

        return await self.app(scope, receive, send_secure)
