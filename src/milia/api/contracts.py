"""The assessment answer as OpenAPI sees it, and the fast JSON encoding of core answers.

``POST /api/v1/assessments`` answers exactly what :func:`milia.assess` returns
(the case format's output contract, ``shared/spec/case-format.md``). The models
below describe that object for the OpenAPI document (and so for Swagger UI); they
are not used to validate or rebuild the answer on every request, which would cost
more than encoding it. ``tests/unit/api`` checks real answers against them
(``extra="forbid"``), so the documented schema cannot drift from what is sent.

:func:`json_answer` encodes a core answer with orjson: the same text as
``json.dumps(value, ensure_ascii=False, separators=(",", ":"))`` (UTF-8, compact), in
about a seventh of the time (≈ 0.05 against 0.33 ms for a 20 kB assessment).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = [
    "AssessmentOut",
    "MissingContentTypeIsJson",
    "UnsupportedMediaTypeError",
    "encode_answer",
    "is_json_media_type",
    "json_answer",
    "known_query_only",
    "reject_unknown_query",
    "require_json",
]

_STRICT = ConfigDict(extra="forbid")


class UnsupportedMediaTypeError(Exception):
    """A JSON body was sent without a JSON Content-Type (answered 415, see errors.py)."""

    def __init__(self, content_type: str | None) -> None:
        sent = f"Content-Type {content_type!r}" if content_type else "no Content-Type"
        super().__init__(
            f"the body must be JSON sent with Content-Type: application/json (got {sent})"
        )
        self.message = str(self)


def is_json_media_type(content_type: str | None) -> bool:
    """True for ``application/json`` and ``application/*+json`` (parameters ignored).

    ``text/plain`` and forms are refused on purpose: they are CORS "simple"
    types, which a page on another site may send without a preflight. A
    missing Content-Type never reaches here on the API: :class:`MissingContentTypeIsJson`
    reads it as JSON (plain HTTP clients often send none; the session cookie is
    SameSite=Lax, so a cross-site request carries no session).

    Parameters
    ----------
    content_type : str or None
        The request's ``Content-Type`` header.

    Returns
    -------
    bool
        Whether the body is declared JSON.
    """
    if not content_type:
        return False
    kind, _, sub = content_type.partition(";")[0].strip().lower().partition("/")
    return kind == "application" and (sub == "json" or sub.endswith("+json"))


class MissingContentTypeIsJson:
    """ASGI middleware: an API body sent with no Content-Type is read as JSON.

    Plain HTTP clients (``curl --data-binary`` with the header dropped, raw
    sockets) often send none; FastAPI would then not parse the body at all.
    A multipart upload always names its type, so only JSON bodies are affected.
    """

    def __init__(self, app: ASGIApp, *, prefix: str = "/api/") -> None:
        self.app = app
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] in ("POST", "PUT", "PATCH")
            and scope["path"].startswith(self.prefix)
            and not any(name == b"content-type" for name, _ in scope["headers"])
        ):
            scope = {
                **scope,
                "headers": [*scope["headers"], (b"content-type", b"application/json")],
            }
        await self.app(scope, receive, send)


def require_json(request: Request) -> None:
    """Refuse a body whose Content-Type is not JSON.

    Parameters
    ----------
    request : Request
        The request (its ``Content-Type`` header).

    Raises
    ------
    UnsupportedMediaTypeError
        If the body is not declared JSON (HTTP 415).
    """
    content_type = request.headers.get("content-type")
    if not is_json_media_type(content_type):
        raise UnsupportedMediaTypeError(content_type)


class WhyOut(BaseModel):
    """One finding's weight for a condition or milia type."""

    model_config = _STRICT
    finding: str
    value: str | int | float | bool
    factor: float = Field(description="likelihood ratio applied for this finding")
    text: str
    sources: list[str] = Field(description="bibliography ids")
    evidence: str = Field(description="the strongest evidence level its sources support")


class ConditionOut(BaseModel):
    """One row of the differential."""

    model_config = _STRICT
    condition: str = Field(description="condition id (see the case format)")
    name: str
    probability: float = Field(ge=0, le=1)
    why: list[WhyOut]


class NotListedOut(BaseModel):
    """The share of "not one of the 23 listed conditions" (an extension of the contract)."""

    model_config = _STRICT
    probability: float = Field(
        ge=0, le=1, description="rounded down to 4 decimals; with the differential it sums to <= 1"
    )
    note: str
    sources: list[str] = Field(description="bibliography ids")
    evidence: str = Field(description="expert_estimate: the prior share is the team's estimate")


class MiliaTypeOut(BaseModel):
    """The most likely milia type (only when milia is in the top three)."""

    model_config = _STRICT
    type: str
    name: str
    probability: float = Field(ge=0, le=1)
    why: list[WhyOut]


class TriageReasonOut(BaseModel):
    """Why the level is what it is, with its sources and their evidence level."""

    model_config = _STRICT
    text: str
    sources: list[str]
    evidence: str = Field(description="the strongest evidence level its sources support")


class TriageOut(BaseModel):
    """How soon to see a doctor: ``self_care``, ``routine``, ``soon`` or ``urgent``."""

    model_config = _STRICT
    level: str
    reasons: list[TriageReasonOut]


class RedFlagOut(BaseModel):
    """A warning sign found in the case (never dropped), with its evidence level."""

    model_config = _STRICT
    id: str
    level: str
    message: str
    sources: list[str]
    evidence: str


class AdviceOut(BaseModel):
    """What to do or not to do, with its sources and evidence level."""

    model_config = _STRICT
    id: str
    text: str
    sources: list[str]
    evidence: str


class QuestionOut(BaseModel):
    """A finding not given that would most change the result."""

    model_config = _STRICT
    field: str
    question: str
    answer: str
    options: list[str] = []
    unit: str | None = None
    reason: str | None = None
    expected_information_gain: float = Field(description="bits")


class AssessmentOut(BaseModel):
    """The assessment (the case format's output contract)."""

    model_config = _STRICT
    differential: list[ConditionOut] = Field(description="most likely first")
    not_listed: NotListedOut
    milia_type: MiliaTypeOut | None
    triage: TriageOut
    red_flags: list[RedFlagOut]
    advice: list[AdviceOut]
    next_questions: list[QuestionOut] = Field(description="best first")
    knowledge_version: str
    disclaimer: str


def _fallback(value: Any) -> Any:
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item):
        return item()
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def encode_answer(value: Any) -> bytes:
    """A core answer as JSON with orjson (compact UTF-8; numpy values as plain numbers).

    Parameters
    ----------
    value : Any
        A contract object (dicts, lists, numbers, strings; numpy scalars and arrays).

    Returns
    -------
    bytes
        The UTF-8 JSON.
    """
    return orjson.dumps(value, default=_fallback, option=orjson.OPT_SERIALIZE_NUMPY)


def json_answer(value: Any, *, status_code: int = 200) -> Response:
    """A JSON answer encoded by :func:`encode_answer`.

    Parameters
    ----------
    value : Any
        A contract object.
    status_code : int, optional
        The HTTP status.

    Returns
    -------
    Response
        ``application/json``.
    """
    return Response(encode_answer(value), status_code=status_code, media_type="application/json")


def reject_unknown_query(request: Request, known: Collection[str] = ()) -> None:
    """Refuse query parameters the route does not take (QA F7-32), as bodies refuse keys.

    A misspelt parameter (``?mm_per_pixle=0.05``) was silently dropped, and the photo
    measured with the face's estimated scale instead of the one given.

    Parameters
    ----------
    request : Request
        The request (its query string).
    known : collection of str, optional
        The query parameters the route takes (none by default).

    Raises
    ------
    RequestValidationError
        ``422`` naming the first unknown parameter (``loc`` ``("query", name)``),
        with the closest known name as ``ctx["suggestion"]`` when one is close.
    """
    from fastapi.exceptions import RequestValidationError

    from milia.engine.case import closest_value

    unknown = [name for name in request.query_params if name not in known]
    if not unknown:
        return
    name = unknown[0]
    meant = closest_value(name, tuple(known)) if known and len(name) >= 3 else None
    takes = ", ".join(sorted(known)) if known else "none"
    message = f"not a query parameter of this request (it takes: {takes})"
    if meant is not None:
        message += f"; did you mean {meant!r}?"
    error: dict[str, Any] = {"type": "extra_forbidden", "loc": ("query", name),
                             "msg": message, "input": request.query_params[name]}  # fmt: skip
    if meant is not None:
        error["ctx"] = {"suggestion": meant}
    raise RequestValidationError([error])


def known_query_only(request: Request) -> None:
    """FastAPI dependency: :func:`reject_unknown_query` with the route's own query parameters."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if dependant is None:
        return
    names: set[str] = set()
    pending = [dependant]
    while pending:  # the route's own parameters and its dependencies'
        current = pending.pop()
        names.update(str(p.alias) for p in current.query_params)
        pending.extend(current.dependencies)
    reject_unknown_query(request, names)
