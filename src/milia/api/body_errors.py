"""What is wrong with a request's body, said plainly for the API's 4xx answers.

FastAPI's own words for a body it cannot use ("Field required" with no field,
"There was an error parsing the body") say neither what nor where. These helpers
name the route's fields, find the field a misnamed one was meant to be, and say
why a JSON body could not be read; :mod:`milia.api.errors` turns them into answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

__all__ = [
    "DATE_ERRORS",
    "DATE_HINT",
    "file_params",
    "invalid_json",
    "misnamed_field",
    "unreadable_body",
    "whole_body_problem",
]


def _body_names(request: Request) -> list[str]:
    """The top-level field names the route takes in its body (JSON keys or form parts)."""
    from pydantic import BaseModel

    dependant = getattr(request.scope.get("route"), "dependant", None)
    params = list(getattr(dependant, "body_params", []) or [])
    if len(params) == 1:  # one model is the whole JSON body
        model = params[0].field_info.annotation
        if isinstance(model, type) and issubclass(model, BaseModel):
            return [f.alias or name for name, f in model.model_fields.items()]
    return [str(p.alias) for p in params]


#: pydantic's error types for a JSON body that is not an object (a list, a string ...)
_NOT_AN_OBJECT = frozenset({"dict_type", "model_type", "model_attributes_type"})


def whole_body_problem(request: Request, error: Mapping[str, Any]) -> str | None:
    """What is wrong with a JSON body as a whole, said plainly, or None.

    An empty body is "the body is empty", a list or a string where the route takes an
    object is "the body must be a JSON object", each naming the route's fields
    (pydantic's own words were "Field required" with no field, QA F14-03).
    """
    from milia.engine.json_input import json_type_name

    names = _body_names(request)
    shape = "{" + ", ".join(f'"{n}": ...' for n in names[:3]) + "}" if names else "{...}"
    if error.get("type") == "missing":
        return f"the body is empty: send a JSON object of this request's fields, such as {shape}"
    if error.get("type") in _NOT_AN_OBJECT:
        got = json_type_name(error.get("input"))
        article = "" if got == "null" else "an " if got[0] in "aeiou" else "a "
        return (
            f"the body must be a JSON object of this request's fields, such as {shape}, "
            f"not {article}{got}"
        )
    return None


def file_params(request: Request) -> set[str]:
    from fastapi import UploadFile

    dependant = getattr(request.scope.get("route"), "dependant", None)
    return {
        str(p.alias)
        for p in getattr(dependant, "body_params", []) or []
        if p.field_info.annotation is UploadFile
    }


# A field named by a word of the same meaning, not a spelling slip: closest in
# meaning, not in letters ("start" is one edit from "to" but means "from"; QA F11-08)
_SYNONYMS = {
    "start": "from", "begin": "from", "start_date": "from", "since": "from",
    "end": "to", "until": "to", "end_date": "to", "stop": "to",
}  # fmt: skip

# pydantic's error types for a date it could not read: the message gets the format
DATE_ERRORS = frozenset(
    {"date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type"}
)
DATE_HINT = "write the date as YYYY-MM-DD, e.g. 2026-12-01"


def misnamed_field(request: Request, exc: RequestValidationError) -> tuple[str, str] | None:
    """``(name sent, name meant)`` when a body field looks misnamed, else None.

    A field the route does not take (``type``, ``txt``, a multipart part
    ``image``) is matched to the closest field it does take, preferring the
    ones reported missing: first a word of the same meaning (``start`` for
    ``from``, ``until`` for ``to``), then the case format's closest-name rule
    (:func:`milia.engine.case.closest_value`, rapidfuzz). A file part under an
    unknown name, when the route's only missing field is its file, is that file.

    Parameters
    ----------
    request : Request
        The request (its route's body fields, and the names the body sent).
    exc : RequestValidationError
        FastAPI's validation errors for it.

    Returns
    -------
    tuple of (str, str) or None
        The name sent and the name the route takes; None when nothing looks
        misnamed.
    """
    from milia.engine.case import closest_value

    errors = list(exc.errors())
    known = _body_names(request)
    missing = [
        str(e["loc"][1])
        for e in errors
        if e.get("type") == "missing" and len(e.get("loc", ())) == 2 and e["loc"][0] == "body"
    ]
    extra = [
        str(e["loc"][1])
        for e in errors
        if e.get("type") == "extra_forbidden" and len(e.get("loc", ())) == 2
    ]
    body = exc.body
    files: list[str] = []
    if hasattr(body, "multi_items"):  # a form: FastAPI ignores the parts it does not take
        for name, value in body.multi_items():
            if name in known:
                continue
            if name not in extra:
                extra.append(name)
            if hasattr(value, "filename") and name not in files:  # a photo part
                files.append(name)
    taking_files = file_params(request)
    for choices in (missing, known):
        for name in extra:
            meant = _SYNONYMS.get(name.lower())
            if meant is not None and meant in choices and name not in files:
                return name, meant
    for choices in (missing, known):
        for name in extra:
            if len(name) < 3:  # "x", "t": too short to guess from
                continue
            # a photo part is meant for a file field, a text value for a text field
            fitting = [c for c in choices if (c in taking_files) == (name in files)]
            meant = closest_value(name, tuple(fitting)) if fitting else None
            if meant is not None and meant != name:
                return name, meant
    wanted = [m for m in missing if m in taking_files]
    if len(wanted) == 1 and len(files) == 1:
        return files[0], wanted[0]
    return None


# FastAPI's answer to a JSON body it cannot read but not for a syntax error (a body
# that is not UTF-8, nested past the recursion limit, or a number over Python's
# 4,300-digit conversion limit): a 400 that says neither what nor where (QA F9-C08)
_UNREADABLE_BODY = "There was an error parsing the body"


def unreadable_body(exc: StarletteHTTPException) -> str | None:
    """What is wrong with a JSON body FastAPI could not read, in the words
    :func:`milia.engine.json_input.parse_case_json` uses for /assessments; None for
    any other HTTP error."""
    cause = exc.__cause__
    if exc.status_code != 400 or exc.detail != _UNREADABLE_BODY or cause is None:
        return None
    if isinstance(cause, UnicodeDecodeError):
        return (
            f"the body is not UTF-8 text ({cause.reason} at byte {cause.start}); "
            "send it as UTF-8 JSON"
        )
    if isinstance(cause, RecursionError):
        return (
            "the body is nested too deeply to read (about 1,000 brackets or more); send one "
            "JSON object with this request's fields"
        )
    if isinstance(cause, ValueError):  # int() refuses more than 4,300 digits
        return (
            "the body holds a number with more than 4,300 digits; no field of this "
            "request takes one so large"
        )
    return None


def invalid_json(error: Mapping[str, Any]) -> str:
    """A JSON syntax error and where it is ("Expecting value at character 17")."""
    loc = tuple(error.get("loc", ()))
    ctx = error.get("ctx")
    what = str(ctx.get("error", "")) if isinstance(ctx, Mapping) else ""
    where = f" at character {loc[1]}" if len(loc) > 1 and isinstance(loc[1], int) else ""
    said = f" ({what}{where})" if what else ""
    return f"the body is not valid JSON{said}; send a JSON object"
