"""The team's page: its own situation report and its orders for the open turn.

The team always comes from the session: no URL names a team, so no team can ask for
another's report, orders or messages.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup
from starlette.datastructures import FormData

from simulator.classroom.store import Refused
from simulator.language.scenario import text
from simulator.portal import auth, forms, practice, quotas
from simulator.portal.auth import User
from simulator.portal.debrief import team_tasks
from simulator.portal.deps import field, form_data, live_of, refusal
from simulator.portal.history import team_history
from simulator.portal.maps import map_svg
from simulator.portal.render import lang_of, page
from simulator.portal.views import order_view, report_view
from simulator.portal.wording import submit_refusal

router = APIRouter(prefix="/team")
Form = Annotated[FormData, Depends(form_data)]


def _team(request: Request) -> User:
    return auth.require(auth.current_user(request), "team")


def _poster(request: Request, form: FormData) -> User:
    return auth.require(auth.form_poster(request, field(form, "csrf")), "team")


def team_page(request: Request, user: User, error: dict | None = None, status: int = 200):
    """``error``: {"action": id or None, "reason", "detail", "values": the fields sent}."""
    lang = lang_of(request)
    live = live_of(request, user.exercise)
    scenario, team = live.scenario, user.team
    with live.lock:
        phase, paused, open_turn = live.phase, live.paused, live.open_turn
        # Practice: the turn the team ends next (the open one, or the one closed but
        # not yet followed after an interruption).
        ending = (open_turn if phase == "open" else live.turn - 1 if phase == "closed"
                  else None) if live.practice else None
        if phase == "finished":
            report, shown = live.exercise.report(team), "final"
        elif open_turn is not None:
            report, shown = live.report(team), "current"
        elif phase == "closed":
            report, shown = live.report(team, live.turn - 1), "last"
        else:
            report, shown = None, None
        orders = [order_view(d, scenario, lang) for d in live.pending.get(team, [])]
        view = report_view(report, live, lang) if report else None
        submitted = live.submitted()
    catalogue = []
    for action in scenario.actions_of(team).values():
        fields = forms.fields(scenario, team, action, lang)
        if error and error.get("action") == action.id:
            for f in fields:  # the values the team sent, to correct rather than retype
                f.default = error["values"].get(f.name, f.default)
        catalogue.append({"id": action.id, "name": text(action.name, lang),
                          "description": text(action.description, lang), "fields": fields})
    team_name = next(text(t.name, lang) for t in scenario.teams if t.id == team)
    store = auth.store_of(request)
    released = phase == "finished" and store.released(user.exercise)
    # Whether the other (human) teams have submitted, never how many orders; nothing at
    # all if the instructor chose so.
    others = None if live.practice or store.others_shown(user.exercise) != "submitted" else \
        [text(t.name, lang) for t in scenario.teams if t.id != team and t.id in submitted]
    return page(request, "team.html.j2", user=user, status=status, team_name=team_name,
                exercise=store.exercise(user.exercise), phase=phase,
                paused=paused, open_turn=open_turn, turns=scenario.metadata.turns,
                report=view, shown=shown, orders=orders, catalogue=catalogue, error=error,
                key=secrets.token_urlsafe(12), history=team_history(live, team, lang),
                map_svg=Markup(map_svg(live, lang, team, report)) if report else "",
                released=released, practice=live.practice, ending=ending, others=others,
                tasks=team_tasks(store, live, team, lang) if released else [],
                refresh=None if live.practice else 20 if phase in ("setup", "closed") else
                30 if phase == "finished" and not released else None)


@router.get("", response_class=HTMLResponse)
def team_view(request: Request):
    return team_page(request, _team(request))


def _turn(form: FormData) -> int:
    try:
        return int(field(form, "turn"))
    except ValueError:
        return 0


def _store_orders(request: Request, user: User, form: FormData, change, action_id=None):
    """Store the team's whole list of orders after ``change(current list)``."""
    live = live_of(request, user.exercise)
    key = field(form, "key")[:100]
    key = f"{user.team}:form:{key}" if key else None
    sent: list[dict] = []
    try:
        with live.lock:  # two phones of one team: each change starts from the last list
            orders = change(list(live.pending.get(user.team, [])))
            sent[:] = orders or []
            if orders is None:
                live.withdraw(user.team, turn=_turn(form))
            else:
                quotas.submit(request, live, user.team, orders, _turn(form), key)
    except Refused as exc:
        values = {k: [v for v in form.getlist(k) if isinstance(v, str)]
                  for k in form.keys() if k.startswith(forms.PREFIX)}
        # In words for the trainees: the engine's detail names units and places by id.
        detail = submit_refusal(live, user.team, _turn(form), sent, lang_of(request)) \
            if exc.reason == "invalid_decision" else ""
        return team_page(request, user, {"action": action_id, "reason": exc.reason,
                                         "detail": detail, "values": values},
                         refusal(exc).status)
    return RedirectResponse("/team", status_code=303)


@router.post("/orders")
def add_order(request: Request, form: Form):
    user = _poster(request, form)
    live = live_of(request, user.exercise)
    action_id = field(form, "action")
    action = live.scenario.actions_of(user.team).get(action_id)
    params = forms.parse(action, {k: [v for v in form.getlist(k) if isinstance(v, str)]
                                  for k in form.keys()}) if action else {}
    return _store_orders(request, user, form,
                         lambda orders: orders + [{"action": action_id, "params": params}],
                         action_id)


@router.post("/orders/remove")
def remove_order(request: Request, form: Form):
    user = _poster(request, form)
    try:
        index = int(field(form, "index"))
    except ValueError:
        index = -1

    def without(orders: list) -> list:
        if not 0 <= index < len(orders):
            raise Refused("unknown_order", f"no order {index + 1}")
        return orders[:index] + orders[index + 1:]
    return _store_orders(request, user, form, without)


@router.post("/withdraw")
def withdraw(request: Request, form: Form):
    user = _poster(request, form)
    return _store_orders(request, user, form, lambda orders: None)


@router.post("/end-turn")
def end_turn(request: Request, form: Form):
    """Practice: the team ends its turn; the bots play theirs and the next turn opens."""
    user = _poster(request, form)
    live = live_of(request, user.exercise)
    try:
        practice.end_turn(auth.store_of(request), live, user.team, _turn(form))
    except Refused as exc:
        return team_page(request, user, {"action": None, "reason": exc.reason, "detail": "",
                                         "values": {}}, refusal(exc).status)
    return RedirectResponse("/team", status_code=303)
