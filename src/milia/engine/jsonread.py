"""The usual valid JSON line of a case, read and checked in C (msgspec).

:func:`read_valid` reads a line that holds a bare case or ``{"id": ..., "case":
{...}}`` whose findings all take the values :func:`~milia.engine.case.validate_case`
accepts as they are: the line is decoded once into a dict (its keys in the
line's order), and the dict is checked against a typed form of the case
format (every field's kind, choices and bounds; no other key) by msgspec,
which decodes the text a second time into that form (faster than converting
the dict). What that form cannot say (a list naming a value twice, both
ages, no finding about the bumps, a duration longer than the life) is checked
here. The dict is then exactly what ``validate_case`` returns for it.

Any other line (invalid JSON or UTF-8, a value to correct or refuse, a key
given twice, an id that is not a string or a small integer, the rarer forms of
a line) gives None; so does a line with a colon inside a string (an id such as
``"urn:case:7"``), since a key given twice is found by counting the colons
(msgspec keeps the last of two equal keys without a word). None means the
caller reads it the full way (:func:`milia.engine.jsontext.read_line`,
``unwrap_case``, ``validate_case``), which gives the same result or raises the
same :class:`~milia.errors.CaseError` with its message.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec

from milia.engine.case import check_duration, describes_bumps
from milia.engine.vocabulary import (
    BOOLEAN_FIELDS,
    CATEGORICAL_FIELDS,
    FIELDS,
    LIST_FIELDS,
    NUMERIC_FIELDS,
)
from milia.errors import CaseError

__all__ = ["read_valid"]

_LARGEST_ID = 2**53  # an integer id beyond it: the full way (its text as json writes it)


def _field_type(name: str) -> Any:
    """The type msgspec checks a finding against: the values the fast path of
    ``validate_case`` keeps as they are, and no others."""
    if name in NUMERIC_FIELDS:
        low, high, exclusive, integer = NUMERIC_FIELDS[name]
        bounds = msgspec.Meta(gt=low, le=high) if exclusive else msgspec.Meta(ge=low, le=high)
        if integer:  # a float, even integral, is changed to an int by validate_case
            return Annotated[int, bounds]
        return Annotated[int, bounds] | Annotated[float, bounds]  # each kept as it is
    if name in CATEGORICAL_FIELDS:
        return Literal[tuple(CATEGORICAL_FIELDS[name])]
    if name in BOOLEAN_FIELDS:
        return bool
    return list[Literal[tuple(LIST_FIELDS[name])]]  # type: ignore[misc]


# every finding optional (UNSET when absent); a key that is no finding is refused
_Case: Any = msgspec.defstruct(
    "_Case",
    [(name, _field_type(name) | msgspec.UnsetType, msgspec.UNSET) for name in FIELDS],
    forbid_unknown_fields=True,
)
_Line: Any = msgspec.defstruct("_Line", [("id", Any), ("case", _Case)], forbid_unknown_fields=True)
_decode = msgspec.json.Decoder().decode
_check_case = msgspec.json.Decoder(_Case, strict=True).decode
_check_line = msgspec.json.Decoder(_Line, strict=True).decode


def read_valid(line: str) -> tuple[Any, dict[str, Any]] | None:
    """``(id, clean case)`` of a usual valid line, or None (read it the full way).

    Parameters
    ----------
    line : str
        One line of a JSON lines file: a bare case, or ``{"id": ..., "case": {...}}``.

    Returns
    -------
    tuple or None
        The line's id (None for a bare case) and the case, as ``unwrap_case`` and
        ``validate_case`` give them; None when the line needs the full reading.
    """
    try:
        obj = _decode(line)
    except (msgspec.DecodeError, RecursionError):
        return None
    if type(obj) is not dict:
        return None
    case: Any = obj
    case_id: Any = None
    colons = len(obj)
    check = _check_case
    if "case" in obj or "id" in obj:
        if len(obj) != 2 or "case" not in obj or "id" not in obj:
            return None
        case, case_id = obj["case"], obj["id"]
        kind = type(case_id)
        if type(case) is not dict or not (
            kind is str or case_id is None or (kind is int and abs(case_id) <= _LARGEST_ID)
        ):
            return None
        colons += len(case)
        check = _check_line
    # a line has a colon for each key (and more only inside strings): a key given twice
    # (the last one kept by the decoder) leaves more colons than keys
    if line.count(":") != colons:
        return None
    try:
        check(line)  # the typed form, from the text again: faster than from the dict
    except msgspec.ValidationError:
        return None
    for value in case.values():
        if type(value) is list and len(value) > 1 and len(set(value)) != len(value):
            return None  # a value named twice
    if ("age_days" in case and "age_years" in case) or not describes_bumps(case):
        return None
    try:
        check_duration(case)
    except CaseError:
        return None
    return case_id, case
