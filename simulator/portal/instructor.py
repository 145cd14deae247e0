"""The instructor's pages: exercises, creating one (two steps: scenario, then teams), the
printable code sheet, and the console of an exercise in play."""

from __future__ import annotations

import time
from pathlib import PurePath
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup
from starlette.datastructures import FormData, UploadFile

from agents.bots import BOTS
from simulator.classroom.live import LiveExercise
from simulator.classroom.store import OTHERS_SHOWN, Refused, Store
from simulator.language.coverage import NotCovered
from simulator.language.scenario import text
from simulator.language.yamlsafe import MAX_BYTES, InputError
from simulator.portal import auth
from simulator.portal.auth import ApiError, User
from simulator.portal.debrief import release
from simulator.portal.deps import field, form_data, live_of, refusal
from simulator.portal.exercises import (
    FALLBACK_CHOICE,
    check_setup,
    create,
    decode,
    held_injects,
    id_names,
    issue_codes,
    scenario_source,
    shared_requests,
    shipped_scenarios,
    state,
)
from simulator.portal.i18n import LANGUAGES, ROLES, say
from simulator.portal.maps import map_svg
from simulator.portal.practice import practice_rows
from simulator.portal.render import lang_of, page
from simulator.portal.views import order_view, turn_reports, visible_turns

router = APIRouter(prefix="/instructor")
Form = Annotated[FormData, Depends(form_data)]
COMMANDS = ("start", "close", "open", "pause", "resume")


def _instructor(request: Request) -> User:
    return auth.require(auth.current_user(request), "instructor")


def _poster(request: Request, form: FormData) -> User:
    return auth.require(auth.form_poster(request, field(form, "csrf")), "instructor")


def _shipped_titles(lang: str) -> list[tuple[str, str]]:
    return [(sid, text(s.metadata.title, lang)) for sid, s in shipped_scenarios().items()]


def _exercises_page(request: Request, user: User, error: tuple | None = None, status: int = 200):
    store = auth.store_of(request)
    return page(request, "instructor.html.j2", user=user, status=status, error=error,
                exercises=[e for e in store.exercises() if e["practice"] is None],
                practice=practice_rows(store, lang_of(request)))


@router.get("", response_class=HTMLResponse)
def exercises(request: Request):
    return _exercises_page(request, _instructor(request))


@router.post("/code", response_class=HTMLResponse)
def new_instructor_code(request: Request, form: Form):
    """A new instructor code, shown once on the page that answers: the old one stops
    working, and every instructor session but this one ends."""
    user = _poster(request, form)
    if field(form, "confirm") != "yes":  # the box is required in the page; a script too
        return _exercises_page(request, user, ("confirm_needed", ""), 422)
    code = auth.store_of(request).new_instructor_code(keep_session=user.token)
    return page(request, "instructor_code.html.j2", user=user, code=code)


def _step_one(request: Request, user: User, status: int = 200, problems=(), error=None,
              values=None, refused: str = ""):
    return page(request, "new.html.j2", user=user, status=status, problems=list(problems),
                error=error, refused=refused, shipped=_shipped_titles(lang_of(request)),
                langs_ex=LANGUAGES, fallback_choice=FALLBACK_CHOICE,
                values=values or {"name": "", "seed": "0", "lang": lang_of(request),
                                  "scenario": "", "fallback_english": ""})


def _fallback(form: FormData) -> bool:
    """The instructor's choice to play in a language the scenario lacks texts in."""
    return field(form, "fallback_english") == "yes"


@router.get("/new", response_class=HTMLResponse)
def new(request: Request):
    return _step_one(request, _instructor(request))


def _seed(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise ValueError("seed") from None


@router.post("/new", response_class=HTMLResponse)
def new_checked(request: Request, form: Form):
    """Step one: the scenario is checked (every problem with its line), then teams."""
    user = _poster(request, form)
    values = {k: field(form, k) for k in ("name", "seed", "lang", "scenario", "fallback_english")}
    upload = form.get("upload")
    try:
        if isinstance(upload, UploadFile) and upload.filename:
            name = PurePath(upload.filename.replace("\\", "/")).name[:100] or "upload.yaml"
            raw = upload.file.read(MAX_BYTES + 1)
            scenario_text, scenario = scenario_source(None, decode(raw, name), name)
        else:
            scenario_text, scenario = scenario_source(values["scenario"], None)
        check_setup(scenario, values["name"], _seed(values["seed"]), values["lang"], {},
                    _fallback(form))
    except InputError as exc:
        lang = lang_of(request)  # the author's language, as on the command line
        return _step_one(request, user, 422, problems=[p.text(lang) for p in exc.problems],
                         values=values)
    except NotCovered as exc:
        return _step_one(request, user, 422, values=values, refused=exc.text(lang_of(request)))
    except ValueError:
        return _step_one(request, user, 422, error="bad_setup", values=values)
    draft = request.app.state.drafts.add(scenario_text)
    return page(request, "teams.html.j2", user=user, draft=draft, values=values,
                scenario=scenario, bots=list(BOTS))


@router.post("/exercises", response_class=HTMLResponse)
def create_exercise(request: Request, form: Form):
    """Step two: teams played by people or bots; the exercise and its code sheet."""
    user = _poster(request, form)
    drafts = request.app.state.drafts
    scenario_text = drafts.get(field(form, "draft"))
    if scenario_text is None:
        return _step_one(request, user, 409, error="draft_expired")
    values = {k: field(form, k) for k in ("name", "seed", "lang")}
    try:
        _, scenario = scenario_source(None, scenario_text)
        bots = {t.id: field(form, f"bot_{t.id}") or None for t in scenario.teams}
        teams = check_setup(scenario, values["name"], _seed(values["seed"]), values["lang"], bots,
                            _fallback(form))
    except NotCovered as exc:
        return _step_one(request, user, 422, refused=exc.text(lang_of(request)))
    except (InputError, ValueError):
        return _step_one(request, user, 422, error="bad_setup")
    ex, codes = create(auth.store_of(request), values["name"], scenario_text,
                       _seed(values["seed"]), values["lang"], teams, _fallback(form))
    drafts.drop(field(form, "draft"))
    return _sheet(request, user, ex, codes)


def _sheet(request: Request, user: User, ex: int, codes: dict):
    store = auth.store_of(request)
    live = live_of(request, ex)
    team_names = {t.id: t.name for t in live.scenario.teams}
    return page(request, "codes.html.j2", user=user, exercise=store.exercise(ex),
                scenario=live.scenario, codes=codes, team_names=team_names,
                address=str(request.base_url))


def limits_reached(store: Store, live: LiveExercise, lang: str) -> list[dict]:
    """The limits teams (or evaluators) reached: who, which limit, turn, wall time."""
    names = {team.id: text(team.name, lang) for team in live.scenario.teams}
    return [{"who": names.get(r["team"], r["team"]) if r["team"]
             else say(ROLES[r["role"]], lang), "limit": r["kind"], "turn": r["turn"],
             "at": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(r["at"]))}
            for r in store.limit_hits(live.id)]


def console_page(request: Request, user: User, ex: int, error: tuple | None = None,
                 status: int = 200):
    store = auth.store_of(request)
    live = live_of(request, ex)
    with live.lock:  # one consistent picture, not one mixed with a command under way
        s = state(live)
        pending = {team: [order_view(d, live.scenario, lang_of(request)) for d in items]
                   for team, items in live.pending.items()}
        fired = {e.get("inject") for e in live.exercise.events if e["type"] == "inject_fired"}
        turns = visible_turns(live)
        shared = shared_requests(live)
    return page(request, "console.html.j2", user=user, status=status, error=error,
                exercise=store.exercise(ex), teams=store.teams(ex), scenario=live.scenario,
                state=s, pending=pending, held=held_injects(live.scenario), fired=fired,
                turns=turns, notes=store.notes(ex), overrides=store.overrides(ex),
                shared=shared, others_shown=store.others_shown(ex), choices=OTHERS_SHOWN,
                limits=limits_reached(store, live, lang_of(request)),
                names=id_names(live.scenario, lang_of(request)),
                map_svg=Markup(map_svg(live, lang_of(request))) if s["phase"] != "setup"
                else "")


@router.get("/exercises/{ex}", response_class=HTMLResponse)
def console(ex: int, request: Request):
    return console_page(request, _instructor(request), ex)


def _after(request: Request, user: User, ex: int, action):
    """Run one command; back to the console, or the console with the refusal."""
    try:
        action()
    except Refused as exc:
        err = refusal(exc)
        return console_page(request, user, ex, (err.reason, exc.detail), err.status)
    return RedirectResponse(f"/instructor/exercises/{ex}", status_code=303)


@router.post("/exercises/{ex}/command/{name}")
def command(ex: int, name: str, request: Request, form: Form):
    user = _poster(request, form)
    if name not in COMMANDS:
        raise ApiError(404, "unknown_command")
    live = live_of(request, ex)
    return _after(request, user, ex, getattr(live, name))


@router.post("/exercises/{ex}/release")
def release_debrief(ex: int, request: Request, form: Form):
    """The debrief to the teams, after the end (stored, so a restart keeps it)."""
    user = _poster(request, form)
    live_of(request, ex)  # 404 for an unknown exercise
    return _after(request, user, ex, lambda: release(auth.store_of(request), ex))


@router.post("/exercises/{ex}/others")
def others_shown(ex: int, request: Request, form: Form):
    """What the teams see of the others: whether each has submitted, or nothing."""
    user = _poster(request, form)
    live_of(request, ex)  # 404 for an unknown exercise
    return _after(request, user, ex,
                  lambda: auth.store_of(request).set_others_shown(ex, field(form, "shown")))


@router.post("/exercises/{ex}/fire")
def fire(ex: int, request: Request, form: Form):
    user = _poster(request, form)
    live = live_of(request, ex)
    return _after(request, user, ex, lambda: live.fire(field(form, "inject")))


def _inject_id(live: LiveExercise) -> str:
    taken = {i.id for i in live.scenario.msel} | {a.inject.id for a in live.exercise.adhoc}
    n = len(live.exercise.adhoc) + 1
    while f"excon-{n}" in taken:
        n += 1
    return f"excon-{n}"


@router.post("/exercises/{ex}/inject")
def inject(ex: int, request: Request, form: Form):
    """An ad-hoc inject: from, to which teams, the message in English and, if written, in
    each other language (French is required by a scenario: English stands in for it)."""
    user = _poster(request, form)
    live = live_of(request, ex)
    sender, en = field(form, "from").strip(), field(form, "message_en").strip()
    message = {lang: field(form, f"message_{lang}").strip() for lang in LANGUAGES}
    message = {"fr": en} | {lang: said for lang, said in message.items() if said}
    to = [v for v in form.getlist("to") if isinstance(v, str)]
    try:
        hour = int(field(form, "hour") or 0)
    except ValueError:
        hour = -1
    if not sender or not en or not to or not 0 <= hour < live.scenario.metadata.turn_hours:
        return console_page(request, user, ex, ("invalid_inject", ""), 422)
    with live.lock:
        spec = {"id": _inject_id(live), "from": sender, "to": to,
                "message": message}
        return _after(request, user, ex, lambda: live.add_inject(spec, hour))


@router.post("/exercises/{ex}/codes", response_class=HTMLResponse)
def new_codes(ex: int, request: Request, form: Form):
    """New join codes for the exercise; the old ones, and sessions opened with them, end."""
    user = _poster(request, form)
    live_of(request, ex)  # 404 for an unknown exercise
    return _sheet(request, user, ex, issue_codes(auth.store_of(request), ex))


@router.get("/exercises/{ex}/turns/{turn}", response_class=HTMLResponse)
def past_turn(ex: int, turn: int, request: Request):
    user = _instructor(request)
    live = live_of(request, ex)
    if turn not in visible_turns(live):
        raise ApiError(404, "unknown_turn")
    lang = lang_of(request)
    return page(request, "turn.html.j2", user=user, exercise=auth.store_of(request).exercise(ex),
                turn=turn, teams=turn_reports(live, turn, lang), back=f"/instructor/exercises/{ex}")
