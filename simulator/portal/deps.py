"""Request helpers shared by the routes: bodies read and checked, the exercise in play."""

from __future__ import annotations

import re

from fastapi import Request
from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData

from simulator.classroom.live import LiveExercise
from simulator.classroom.store import Refused
from simulator.portal.auth import ApiError


async def form_data(request: Request) -> FormData:
    """The posted form (fields and files); the body is already within the size limit."""
    return await request.form(max_files=1, max_fields=500)


def field(form: FormData, name: str, default: str = "") -> str:
    value = form.get(name)
    return value if isinstance(value, str) else default


def json_body(model: type[BaseModel]):
    """A dependency reading the JSON body into ``model``; 422 ``malformed`` if it is not
    JSON or not of that shape. Declared after the user, so 401/403 come first."""
    async def read(request: Request) -> BaseModel:
        raw = await request.body()
        try:
            return model.model_validate_json(raw or b"null")
        except ValidationError as exc:
            raise ApiError(422, "malformed", detail="; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}"
                for e in exc.errors()[:10])) from None
    return read


MAX_ID = 2**63 - 1  # the largest integer SQLite stores
_INTEGER = re.compile(r"-?[0-9]+")


def ids_in_range(request: Request) -> None:
    """Every integer in a path (exercise, course, trainee, offer ids) within 0 … 2^63−1:
    422 ``out_of_range`` naming the part, rather than a crash in the store."""
    for name, value in request.path_params.items():
        if isinstance(value, str) and _INTEGER.fullmatch(value) and (
                len(value) > 19 or not 0 <= int(value) <= MAX_ID):
            raise ApiError(422, "out_of_range", detail=f"{name}: 0 to {MAX_ID}")


def live_of(request: Request, ex: int) -> LiveExercise:
    try:
        return request.app.state.registry.get(ex)
    except Refused as exc:
        raise ApiError(404, exc.reason, detail=exc.detail) from None


def refusal(exc: Refused) -> ApiError:
    """How a command refused by the exercise (or the store) is answered."""
    status = 422 if exc.reason in ("invalid_decision", "invalid_inject", "key_reused",
                                    "bad_setting") else \
        413 if exc.reason == "quota_exceeded" else 409
    return ApiError(status, exc.reason, detail=exc.detail, **getattr(exc, "extra", {}))
