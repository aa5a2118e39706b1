"""Read case JSON text strictly: one reader for the CLI and the HTTP API."""

from __future__ import annotations

import json
from typing import Any

from milia.engine.case_suggest import CASE_SHAPE, own_case
from milia.engine.vocabulary import FIELDS
from milia.errors import CaseError, quoted

__all__ = ["json_type_name", "parse_case_json", "unwrap_case"]

_JSON_TYPES = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook``: a key given twice is an error, never last-one-wins."""
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise CaseError(f"the key {quoted(key)} is given twice; keep one", field=key)
        obj[key] = value
    return obj


def json_type_name(value: object) -> str:
    """The JSON name of a parsed value's type (``"array"``, not ``"list"``)."""
    return _JSON_TYPES.get(type(value), "number")


def parse_case_json(text: str | bytes, *, where: str = "the case", field: str | None = None) -> Any:
    """Parse JSON text that should hold a case (or cases), strictly.

    Parameters
    ----------
    text : str or bytes
        JSON text (bytes are decoded as UTF-8).
    where : str
        How to name the input in messages (``"line 3"``, ``"the body"``).
    field : str, optional
        The field to blame on a syntax error.

    Returns
    -------
    object
        The parsed value; never a bare string.

    Raises
    ------
    CaseError
        On invalid JSON or UTF-8, a key given twice, nesting too deep, an integer
        too long to convert, or a JSON string where a case belongs.
    """
    try:
        obj = json.loads(text, object_pairs_hook=_no_repeats)
    except RecursionError:  # QA F8-32: valid JSON, but no case is nested so deep
        raise CaseError(  # the shape, no made-up case to confirm (QA F11-02)
            f"{where} is nested too deeply to be a case; a case is one JSON object of "
            f"findings, such as {CASE_SHAPE}",
            field=field,
        ) from None
    except json.JSONDecodeError as exc:
        raise CaseError(f"{where} is not valid JSON ({exc})", field=field) from None
    except UnicodeDecodeError as exc:  # QA F9-C08: was told a number had 4,300 digits
        raise CaseError(
            f"{where} is not UTF-8 text ({exc.reason} at byte {exc.start}); "
            "send the case as UTF-8 JSON",
            field=field,
        ) from None
    except ValueError:  # QA F8-32: an integer over Python's 4,300-digit conversion limit
        raise CaseError(
            f"{where} holds a number with more than 4,300 digits; no field of a case takes "
            "one so large (the largest, count, is at most 1,000,000)",
            field=field,
        ) from None
    if isinstance(obj, str):
        # a JSON string holding JSON: refuse rather than guess it was double-encoded
        raise CaseError(  # a case encoded twice is offered back as itself (QA F11-02)
            f"{where} holds a JSON string, not a case; a case is a JSON object of findings, "
            f"such as {CASE_SHAPE}",
            suggestion=own_case(obj),
        )
    return obj


_FINDINGS = frozenset(FIELDS)


def unwrap_case(obj: Any) -> tuple[Any, Any]:
    """``(id, case)`` from a line's ``{"id", "case"}`` or a bare case (id None).

    Raises
    ------
    CaseError
        When ``case`` is a string, or a line has an ``id`` but no ``case``.
    """
    if isinstance(obj, dict) and "case" in obj:
        # other keys beside "id" and "case" (an "expect" of a test file) are the caller's,
        # but a finding written beside "case" was dropped without a word (QA F9-C13: an
        # unwell newborn triaged routine): refused, naming where it belongs
        if len(obj) > 2 or "id" not in obj:
            astray = next((key for key in obj if key in _FINDINGS), None)
            if astray is not None:
                raise CaseError(
                    f"{quoted(astray)} is a finding: put it inside 'case', beside the others",
                    field=str(astray),
                )
            if "id" not in obj and any(str(key).lower() == "id" for key in obj):
                raise CaseError("the case's id is written 'id', in lower case", field="id")
            twin = next((key for key in obj if key != "case" and _like_case(key)), None)
            if twin is not None:  # {"case": {...}, "cas": {...}} (QA F15B-04)
                raise CaseError(
                    f"{quoted(twin)} beside 'case' looks like a second case or a typo of "
                    "'case': a line holds one case",
                    field=str(twin),
                )
        case = obj["case"]
        if isinstance(case, str):
            raise CaseError(
                "'case' must be a JSON object of findings, not a string",
                field="case",
                suggestion=own_case(case),  # its own object, nothing added (QA F11-02)
            )
        return obj.get("id"), case
    if isinstance(obj, dict) and "id" in obj:
        typo = next((key for key in obj if key != "id" and _like_case(key)), None)
        if typo is not None and isinstance(obj[typo], dict):  # {"id", "cse": {...}}
            raise CaseError(
                f"unknown key {quoted(typo)} beside 'id'",
                field=str(typo),
                suggestion="case",  # QA F15B-04: the findings were nested under the typo
            )
        findings = {key: value for key, value in obj.items() if key != "id"}
        raise CaseError(  # the line's own findings moved into "case" (QA F11-02)
            "a line with 'id' needs its findings in 'case'",
            field="case",
            suggestion=own_case({"id": obj["id"], "case": findings}) if findings else None,
        )
    return None, obj


def _like_case(key: object) -> bool:
    """Whether a line's key is "case" mistyped ("cas", "cse", "csae", "Case", "cases"):
    one edit or swap away, ignoring case, and not a finding's name (a caller's own keys,
    "expect", "name", "date", stay the caller's)."""
    from rapidfuzz.distance import OSA

    text = str(key).lower()
    return key != "case" and text not in _FINDINGS and OSA.distance(text, "case") <= 1
