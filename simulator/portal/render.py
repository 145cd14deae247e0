"""Server-rendered pages: one Jinja2 environment, the reader's language, common context."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from simulator.i18n import language_name, ntr, tr
from simulator.language.scenario import FALLBACK_MARK, text
from simulator.portal import i18n
from simulator.portal.auth import User
from simulator.portal.i18n import LANGUAGES, ROLES, label, say
from simulator.portal.middleware import CSP_MAP

TEMPLATES = Path(__file__).resolve().parent / "templates"
LANG_COOKIE = "ttx_lang"

# The names of codes the templates show with ``say`` (``say(SERVICES[p.service])``).
TABLES = {name: getattr(i18n, name) for name in ("SERVICES", "SEXES", "SIGNOFFS", "LIMITS",
                                                  "OTHERS_SHOWN")}
_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def lang_of(request: Request) -> str:
    """The reader's choice (cookie), else the browser's first known language, else English."""
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower().split("-")[0]  # pt-PT, ha-NG: pt, ha
        if code in LANGUAGES:
            return code
    return "en"


def here(request: Request) -> str:
    """This page's address, for the language switch to come back to. A page that answers
    a form comes back to the page of that form (its address takes posts only)."""
    path, query = request.url.path, request.url.query
    if request.method == "GET":
        return path + (f"?{query}" if query else "")
    console = re.match(r"/instructor/(exercises/\d+|new)", path)
    if console:
        return console.group(0)
    first = path.strip("/").split("/")[0]
    return f"/{first}" if first in ("team", "evaluator", "instructor") else "/"


def said(value, lang: str) -> str:
    """A scenario's or a framework's text in ``lang``: a text model, or one already written
    out per language (a record's ``{"en": ..., "fr": ...}``); English, marked, where it lacks
    the language."""
    if isinstance(value, dict):
        found = value.get(lang)
        return found if found else FALLBACK_MARK + value["en"]
    return text(value, lang)


def who(user: User | None, lang: str, team_name: str | None = None) -> str:
    if user is None:
        return ""
    role = say(ROLES[user.role], lang)
    return f"{role} · {team_name or user.team}" if user.team else role


def page(request: Request, name: str, user: User | None = None, status: int = 200,
         **context) -> HTMLResponse:
    lang = lang_of(request)

    html = _env.get_template(name).render(
        lang=lang, langs=LANGUAGES, label=lambda key: label(key, lang),
        language=lambda code: language_name(code, lang), autonym=language_name,
        tr=lambda message, **values: tr(message, lang, **values),
        ntr=lambda singular, plural, n, **values: ntr(singular, plural, n, lang, **values),
        say=lambda entry: say(entry, lang), **TABLES,
        tx=lambda value: said(value, lang), user=user, csrf=user.csrf if user else "",
        here=quote(here(request), safe="/"), who=who(user, lang, context.get("team_name")),
        refresh=context.pop("refresh", None), **context)
    headers = {"content-security-policy": CSP_MAP} if context.get("map_svg") else None
    return HTMLResponse(html, status_code=status, headers=headers)
