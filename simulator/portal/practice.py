"""Self-paced practice: one trainee (or an applicant before the course) plays one team
alone against doctrine bots, from a link, at their own pace. Its ratings are practice,
never certification.

The instructor makes a practice offer (scenario, the team played, seed, language); its
link ``/practice/<token>`` is shown once (only the token's SHA-256 is kept) and can be
revoked. Each start from the link makes a new exercise of its own, started at once, with
a team session for the one team played by people; the other teams are doctrine bots. In
such an exercise the team ends each turn itself (``LiveExercise.end_turn``: the turn
closes, the bots decide, the next opens), and after the last turn the debrief is
released to it.

The start is a POST that carries a form field bound to the link and to a SameSite=Strict
cookie set with the page (a double-submit token): another site cannot forge it. Starts
count against the offer's cap and a limit per address; unknown links count as failed
joins, so guessing is rate-limited like join codes.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel
from starlette.datastructures import FormData

from simulator.classroom.live import LiveExercise
from simulator.classroom.store import PRACTICE_CAP, PRACTICE_LIMIT, Refused, Store
from simulator.i18n import LANGUAGES
from simulator.language.coverage import NotCovered
from simulator.language.problem_text import Say
from simulator.language.scenario import Scenario, text
from simulator.language.validation import scenario_from_text
from simulator.language.yamlsafe import InputError
from simulator.portal import auth, joinlimit
from simulator.portal.auth import ApiError, User
from simulator.portal.debrief import release
from simulator.portal.deps import field, form_data, json_body, live_of
from simulator.portal.exercises import (
    FALLBACK_CHOICE,
    IN_API,
    ON_FORM,
    check_setup,
    scenario_source,
    shipped_scenarios,
)
from simulator.portal.render import lang_of, page

router = APIRouter()
Form = Annotated[FormData, Depends(form_data)]
Poster = Annotated[User, Depends(auth.api_poster)]
BOT = "doctrine"  # who plays every other team of a practice exercise
NONCE_COOKIE = "ttx_practice"  # the double-submit token of the start form
NONCE_AGE = 3600  # seconds the start page's form stays good


class NewOffer(BaseModel):
    name: str = ""
    scenario: str | None = None
    scenario_text: str | None = None
    team: str
    seed: int = 0
    lang: str = "en"
    # play in a language the scenario is not wholly written in: missing texts in English,
    # marked
    fallback_english: bool = False


@functools.lru_cache(maxsize=16)
def scenario_of(scenario_text: str) -> Scenario:
    """An offer's scenario, checked when the offer was made; parsed once per text."""
    return scenario_from_text(scenario_text, "practice.yaml")


def team_name(scenario: Scenario, team: str, lang: str) -> str:
    return next((text(t.name, lang) for t in scenario.teams if t.id == team), team)


def check_offer(body: NewOffer, how: Say = IN_API) -> tuple[str, str]:
    """(name, scenario text) of a valid offer; ``InputError`` for a scenario with
    problems, ``ValueError`` for anything else wrong."""
    if (body.scenario is None) == (body.scenario_text is None):
        raise ValueError("give one of scenario or scenario_text")
    scenario_text, scenario = scenario_source(body.scenario, body.scenario_text)
    name = body.name.strip() or text(scenario.metadata.title, body.lang)
    teams = check_setup(scenario, name, body.seed, body.lang, {}, body.fallback_english, how)
    if body.team not in teams:
        raise ValueError(f"unknown team {body.team!r} (teams: {', '.join(teams)})")
    return name, scenario_text


def end_turn(store: Store, live: LiveExercise, team: str, turn: int) -> None:
    """The practice team ends its turn; after the last one its debrief is released."""
    with live.lock:
        live.end_turn(team, turn)
        if live.phase == "finished":
            release(store, live.id)


def practice_rows(store: Store, lang: str) -> list[dict]:
    """Every practice exercise for the instructor's list: offer, team, turn reached."""
    scenarios = {o["id"]: o["scenario"] for o in store.practice_offers()}
    out = []
    for r in store.practice_exercises():
        scenario = scenario_of(scenarios[r["offer"]])
        out.append({"id": r["id"], "offer": r["offer"], "offer_name": r["offer_name"],
                    "team": team_name(scenario, r["team"], lang), "phase": r["phase"],
                    "turn": r["turn"], "turns": scenario.metadata.turns})
    return out


# --- the instructor: offers by the JSON API ----------------------------------------------

def _link(request: Request, token: str) -> dict:
    return {"link": f"/practice/{token}", "url": f"{request.base_url}practice/{token}"}


@router.post("/api/practice")
def new_offer(request: Request, user: Poster,
              body: Annotated[NewOffer, Depends(json_body(NewOffer))]):
    auth.require(user, "instructor")
    try:
        name, scenario_text = check_offer(body)
    except InputError as exc:
        raise ApiError(422, "invalid_scenario", problems=[str(p) for p in exc.problems]) from None
    except ValueError as exc:
        raise ApiError(422, "malformed", detail=str(exc)) from None
    offer, token = auth.store_of(request).add_practice_offer(name, scenario_text, body.team,
                                                            body.seed, body.lang,
                                                            body.fallback_english)
    return JSONResponse({"id": offer, **_link(request, token)}, status_code=201)


@router.get("/api/practice")
def offers(request: Request):
    auth.require(auth.current_user(request), "instructor")
    store = auth.store_of(request)
    made: dict[int, list] = {}
    for r in store.practice_exercises():
        made.setdefault(r["offer"], []).append({"id": r["id"], "phase": r["phase"],
                                                "turn": r["turn"]})
    return [{"id": o["id"], "name": o["name"], "team": o["team"], "seed": o["seed"],
             "lang": o["lang"], "created": o["created"], "revoked": o["revoked"] is not None,
             "exercises": made.get(o["id"], [])} for o in store.practice_offers()]


def _revoke(request: Request, offer: int) -> None:
    try:
        auth.store_of(request).revoke_practice_offer(offer)
    except Refused as exc:
        raise ApiError(404, exc.reason, detail=exc.detail) from None


@router.post("/api/practice/{offer}/revoke")
def revoke(offer: int, request: Request, user: Poster):
    auth.require(user, "instructor")
    _revoke(request, offer)
    return {"id": offer, "revoked": True}


# --- the instructor: the page of offers -------------------------------------------------

def _choices(lang: str) -> list[dict]:
    """Each shipped scenario with its teams, for the offer form's one list."""
    return [{"id": sid, "title": text(s.metadata.title, lang),
             "teams": [(t.id, text(t.name, lang)) for t in s.teams]}
            for sid, s in shipped_scenarios().items()]


def offers_page(request: Request, user: User, status: int = 200, error: str | None = None,
                made: dict | None = None, refused: str = ""):
    store, lang = auth.store_of(request), lang_of(request)
    rows = [{**dict(o), "team_name": team_name(scenario_of(o["scenario"]), o["team"], lang)}
            for o in store.practice_offers()]
    return page(request, "practice_offers.html.j2", user=user, status=status, error=error,
                made=made, offers=rows, choices=_choices(lang), langs_ex=LANGUAGES,
                refused=refused, fallback_choice=FALLBACK_CHOICE,
                cap=PRACTICE_CAP, limit=PRACTICE_LIMIT)


def _instructor(request: Request) -> User:
    return auth.require(auth.current_user(request), "instructor")


def _poster(request: Request, form: FormData) -> User:
    return auth.require(auth.form_poster(request, field(form, "csrf")), "instructor")


@router.get("/instructor/practice", response_class=HTMLResponse)
def offers_view(request: Request):
    return offers_page(request, _instructor(request))


@router.post("/instructor/practice", response_class=HTMLResponse)
def offer_form(request: Request, form: Form):
    """A new offer from the form (a shipped scenario and one of its teams); the page
    shows its link, once."""
    user = _poster(request, form)
    sid, _, team = field(form, "choice").rpartition("/")
    try:
        body = NewOffer(name=field(form, "name"), scenario=sid, team=team,
                        seed=int(field(form, "seed") or 0), lang=field(form, "lang"),
                        fallback_english=field(form, "fallback_english") == "yes")
        name, scenario_text = check_offer(body, ON_FORM)
    except NotCovered as exc:
        return offers_page(request, user, 422, refused=exc.text(lang_of(request)))
    except (ValueError, InputError):  # a pydantic ValidationError is a ValueError
        return offers_page(request, user, 422, error="bad_offer")
    offer, token = auth.store_of(request).add_practice_offer(name, scenario_text, body.team,
                                                            body.seed, body.lang,
                                                            body.fallback_english)
    return offers_page(request, user, made={"id": offer, "name": name,
                                            **_link(request, token)})


@router.post("/instructor/practice/{offer}/revoke")
def revoke_form(offer: int, request: Request, form: Form):
    _poster(request, form)
    _revoke(request, offer)
    return RedirectResponse("/instructor/practice", status_code=303)


# --- the visitor: the link ---------------------------------------------------------------

def _offer(request: Request, token: str):
    """The offer of the link, or 404 (unknown or revoked: counted as a failed join)."""
    joinlimit.check(request)
    store = auth.store_of(request)
    offer = store.practice_offer(token) if 0 < len(token) <= auth.MAX_CODE else None
    if offer is None:
        joinlimit.failed(request)
        raise ApiError(404, "unknown_practice")
    return offer


def _form_token(nonce: str, offer) -> str:
    """The start form's hidden field: bound to this browser's cookie and to the link."""
    return hmac.new(nonce.encode(), offer["hash"].encode(), hashlib.sha256).hexdigest()


@router.get("/practice/{token}", response_class=HTMLResponse)
def start_page(token: str, request: Request):
    offer = _offer(request, token)
    lang = lang_of(request)
    scenario = scenario_of(offer["scenario"])
    nonce = request.cookies.get(NONCE_COOKIE, "")
    if not 20 <= len(nonce) <= 64:
        nonce = secrets.token_urlsafe(24)
    response = page(request, "practice.html.j2", user=None, signed_in=auth.optional_user(request),
                    scenario=scenario, team_name=team_name(scenario, offer["team"], lang),
                    offer=offer, form_token=_form_token(nonce, offer), action=request.url.path)
    response.set_cookie(NONCE_COOKIE, nonce, max_age=NONCE_AGE, httponly=True,
                        samesite="strict", path="/practice")
    return response


@router.post("/practice/{token}")
def start(token: str, request: Request, form: Form):
    """A new practice exercise of one's own: made, started, and a session for its team."""
    offer = _offer(request, token)
    nonce = request.cookies.get(NONCE_COOKIE, "")
    sent = field(form, "form")
    # another site's POST never reaches here: origin.same_origin guards every router
    if not nonce or not hmac.compare_digest(sent.encode(), _form_token(nonce, offer).encode()):
        raise ApiError(403, "csrf")
    store = auth.store_of(request)
    scenario = scenario_of(offer["scenario"])
    teams = {t.id: None if t.id == offer["team"] else BOT for t in scenario.teams}
    try:
        ex = store.create_practice(offer["id"], teams, auth.client_address(request))
    except Refused as exc:
        status = {"practice_full": 409, "too_many_practices": 429}.get(exc.reason, 404)
        raise ApiError(status, exc.reason) from None
    live_of(request, ex).start()
    replaced = auth.optional_user(request)  # the page said this signs it out: it ends
    if replaced is not None:
        store.end_session(replaced.token)
    session, _ = store.open_session({"exercise": ex, "role": "team", "team": offer["team"]})
    response = RedirectResponse("/team", status_code=303)
    auth.set_cookie(response, session)
    response.delete_cookie(NONCE_COOKIE, path="/practice")
    return response
