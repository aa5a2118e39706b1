"""One place that turns errors into HTTP answers.

The core raises only :class:`milia.errors.MiliaError`; FastAPI raises
request-validation errors (malformed JSON, wrong types, missing fields) and
HTTP errors. Each becomes a 4xx JSON body
``{"detail": message, "field": field, "suggestion": suggestion}`` for the API,
or the error page for a browser; only a genuine server fault is a 5xx.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel
from pydantic_core import PydanticCustomError
from starlette.exceptions import HTTPException as StarletteHTTPException

from milia.api.body_errors import (
    DATE_ERRORS,
    DATE_HINT,
    file_params,
    invalid_json,
    misnamed_field,
    unreadable_body,
    whole_body_problem,
)
from milia.api.contracts import UnsupportedMediaTypeError, is_json_media_type
from milia.errors import (
    AuthError,
    CaseError,
    ImageError,
    IngredientParseError,
    MiliaError,
    NotFoundError,
    StorageError,
    clip_field,
)

__all__ = [
    "ERROR_RESPONSES",
    "ErrorOut",
    "SignInRequiredError",
    "install_error_handlers",
    "status_for",
    "suggesting",
]

log = logging.getLogger("milia.api")


class SignInRequiredError(Exception):
    """A page needs a signed-in user; the browser is sent to the sign-in page."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class ErrorOut(BaseModel):
    """Every 4xx answer of the API: what was wrong, the field at fault, a fix."""

    detail: str
    field: str | None = None
    suggestion: str | None = None


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": text}
    for code, text in (
        (400, "Bad input"),
        (401, "Not signed in"),
        (404, "No such record (or not yours)"),
        (413, "Too large"),
        (415, "A JSON body without Content-Type: application/json"),
        (422, "Invalid input: the message names the field and a fix"),
    )
}


def status_for(error: MiliaError) -> int:
    """The HTTP status of a core error.

    Parameters
    ----------
    error : MiliaError
        Any error of the core's tree.

    Returns
    -------
    int
        404 not found; 503 storage; for an auth error by its field: 403 CSRF,
        409 e-mail taken, 422 password, 429 throttled, else 401; 422 for a bad
        case, ingredient list or image; 500 for anything else.
    """
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, StorageError):
        return 503
    if isinstance(error, AuthError):
        return {"csrf_token": 403, "email": 409, "password": 422, "throttle": 429}.get(
            error.field or "", 401
        )
    if isinstance(error, CaseError | IngredientParseError | ImageError):
        return 422
    return 500


def suggesting(message: str, suggestion: str | None) -> PydanticCustomError:
    """A validator's error that carries the value meant, for the answer's ``suggestion``.

    Parameters
    ----------
    message : str
        What is wrong (the detail, after the field's name).
    suggestion : str or None
        The closest valid value; None when nothing is close.

    Returns
    -------
    PydanticCustomError
        To raise in a pydantic validator; the handler reads ``ctx["suggestion"]``. The
        message is the template's only placeholder, filled after the suggestion, so
        braces in a value the client sent are never filled in (QA F11-08).
    """
    return PydanticCustomError(
        "value_error", "{message}", {"suggestion": suggestion or "", "message": message}
    )


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get(
        "accept", ""
    )


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str | None:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "form", "header")]
    if not parts:
        return None
    out = parts[0]
    for part in parts[1:]:
        out += f"[{part}]" if part.isdigit() else f".{part}"
    return out


def _answer(
    request: Request,
    status: int,
    detail: str,
    *,
    field: str | None = None,
    suggestion: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    if _wants_html(request):
        templates = request.app.state.milia.templates
        page: Response = templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "detail": detail, "field": field, "suggestion": suggestion},
            status_code=status,
            headers=headers,
        )
        return page
    body = {"detail": detail, "field": field, "suggestion": suggestion}
    return JSONResponse(body, status_code=status, headers=headers)


def _media_type_answer(request: Request, exc: UnsupportedMediaTypeError) -> Response:
    return _answer(request, 415, exc.message, field="content-type", suggestion="application/json")


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers on ``app``: every error becomes an answer with a message.

    Core errors (:func:`status_for`), request validation (a misnamed field named
    with the one meant), unsupported media types and HTTP errors become the API's
    JSON body ``{"detail", "field", "suggestion"}``, or the error page for a browser;
    a page that needs an account redirects to sign-in. Bad input is a 4xx; only a
    server fault (a storage error, a bug) is a 5xx.

    Parameters
    ----------
    app : FastAPI
        The app :func:`milia.api.app.create_app` builds.
    """

    @app.exception_handler(MiliaError)
    async def _milia(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, MiliaError)
        status = status_for(exc)
        if status >= 500:
            log.error("server fault: %s: %s", type(exc).__name__, exc.message)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        if isinstance(exc, AuthError) and exc.retry_after is not None:
            headers = {"Retry-After": str(exc.retry_after)}  # a throttled sign-in (429)
        field = exc.field
        if isinstance(exc, ImageError) and field == "image":
            # the core names its argument; a client sent a form part (QA F13-08)
            parts = sorted(file_params(request))
            field = parts[0] if len(parts) == 1 else field
        return _answer(
            request, status, exc.message, field=field, suggestion=exc.suggestion,
            headers=headers,
        )  # fmt: skip

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = list(exc.errors())
        first = errors[0] if errors else {}
        loc = first.get("loc", ())
        message = str(first.get("msg", "the request is not valid")).removeprefix("Value error, ")
        field = clip_field(_field_of(loc))  # an unknown key of any length (QA F6-09)
        if first.get("type") == "json_invalid":  # its loc is a character position
            message, field = invalid_json(first), None
        elif first.get("type") in DATE_ERRORS:  # "01/12/2026": say the format (QA F11-08)
            message = f"{message}; {DATE_HINT}"
        elif field is None and isinstance(first.get("ctx"), dict):
            field = first["ctx"].get("field")  # a model-level check naming its field
        if tuple(loc) == ("body",) and not is_json_media_type(
            request.headers.get("content-type")
        ):  # a JSON route given text/plain, a form or nothing
            return _media_type_answer(
                request, UnsupportedMediaTypeError(request.headers.get("content-type"))
            )
        whole = whole_body_problem(request, first) if tuple(loc) == ("body",) else None
        if whole is not None:  # QA F14-03: no body, or a list or a string for the object
            return _answer(request, 422, whole, field="body")
        suggestion = None
        if isinstance(first.get("ctx"), dict) and first["ctx"].get("suggestion"):
            suggestion = str(first["ctx"]["suggestion"])  # e.g. an unknown query parameter
        renamed = misnamed_field(request, exc) if first.get("type") != "json_invalid" else None
        if renamed is not None:  # one wrong name explains its own and its field's error
            field, suggestion = renamed
            message = f"not a field of this request; did you mean {suggestion!r}?"
            explained = (("body", field), ("body", suggestion))
            others = [e for e in errors if tuple(e.get("loc", ())) not in explained]
            errors = [first, *others]
        detail = f"{field}: {message}" if field else message
        if len(errors) > 1:
            detail += f" (and {len(errors) - 1} more problem(s))"
        return _answer(request, 422, detail, field=field, suggestion=suggestion)

    @app.exception_handler(UnsupportedMediaTypeError)
    async def _media_type(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, UnsupportedMediaTypeError)
        return _media_type_answer(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        unread = unreadable_body(exc)
        if unread is not None:  # QA F9-C08: said as what it is, like /assessments
            return _answer(request, 422, unread)
        return _answer(
            request, exc.status_code, str(exc.detail), headers=dict(exc.headers or {}) or None
        )

    @app.exception_handler(SignInRequiredError)
    async def _sign_in(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, SignInRequiredError)
        return RedirectResponse(f"/signin?next={quote(exc.next_path, safe='/')}", status_code=303)
