"""Strict validation of the case format (contract version 1).

A *case* is what a person or a clinician knows about some bumps on the skin
(``../shared/spec/case-format.md``). Every field is optional and an absent
field means "not known", never "no". :func:`validate_case` accepts a mapping
or a JSON string and either returns a clean copy or raises
:class:`~milia.errors.CaseError` naming the field (``"sites[1]"``) and, when
one exists, the closest valid value. It never raises anything else.
"""

from __future__ import annotations

import json
import math
import numbers
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from milia.engine.case_suggest import (
    CASE_SHAPE,
    boolean_suggestion,
    choice_suggestion,
    list_suggestion,
    number_suggestion,
    number_text,
    site_suggestion,
)
from milia.engine.json_input import parse_case_json
from milia.engine.vocabulary import (
    ALIASES,
    BOOLEAN_FIELDS,
    CATEGORICAL_FIELDS,
    FIELDS,
    LESION_FIELDS,
    LIST_FIELDS,
    NO_GUESS,
    NUMERIC_FIELDS,
)
from milia.errors import BOUND_CLAUSE, CaseError, quoted

__all__ = [
    "BOOLEAN_FIELDS",
    "CATEGORICAL_FIELDS",
    "FIELDS",
    "LESION_FIELDS",
    "LIST_FIELDS",
    "NUMERIC_FIELDS",
    "case_age_days",
    "check_duration",
    "closest_value",
    "describes_bumps",
    "validate_case",
]

_FIELD_SET = frozenset(FIELDS)
_DAYS_PER_YEAR = 365.25
# longer than any name plus a typo: no suggestion (QA F6-09: a 1 MB value)
_LONGEST_GUESS = 100


def closest_value(value: str, choices: tuple[str, ...] | frozenset[str]) -> str | None:
    """Closest valid spelling of ``value``, or None when nothing is close."""
    if len(value) > _LONGEST_GUESS:  # no typo of a short name (and fuzzy matching is slow)
        return None
    key = value.strip().lower().replace(" ", "_").replace("-", "_")
    if key in choices:  # "OTHER" is "other", although "other" is never guessed (QA F9-C07)
        return key
    alias = ALIASES.get(key)
    if alias is not None and alias in choices:
        return alias
    if key in NO_GUESS:
        return None
    # the fewest edits first ("ear" -> ears, "mal" -> male; a swap of two letters is one
    # edit: "bakc" -> back), WRatio to break ties: its
    # partial match put a short typo inside a longer name first (behind_ears, female)
    edits, _, nearest = min((OSA.distance(key, c), -fuzz.WRatio(key, c), c) for c in choices)
    if edits <= max(1, len(key) // 4):
        return str(nearest)
    found = process.extractOne(key, list(choices), scorer=fuzz.WRatio, score_cutoff=60)
    return None if found is None else str(found[0])


def _numpy_bool(value: object) -> bool | None:
    """A numpy boolean (``np.bool_``, a pandas column's True) as a bool, else None: numpy
    numbers are numbers to a case, so numpy booleans are booleans (QA F11-10)."""
    dtype = getattr(value, "dtype", None)
    if getattr(dtype, "kind", None) == "b" and getattr(value, "shape", None) == ():
        return bool(value)
    return None


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool) or _numpy_bool(value) is not None:
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def _numeric(key: str, value: object) -> float | int:
    low, high, exclusive, integer = NUMERIC_FIELDS[key]
    kind = "an integer" if integer else "a number"
    if type(value) is int or type(value) is float:  # the usual case, without the ABC checks
        pass
    elif isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = int(value)  # numpy integers too
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):
        value = float(value)  # numpy floats, fractions
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        # "six", "2 mm", "1,5", [6]: the number it says is offered, never taken
        how = "write the number without quotes" if isinstance(value, str) else "write one number"
        raise CaseError(
            f"{key} must be {kind}, not {_type_name(value)}; {how}",
            field=key,
            suggestion=number_suggestion(key, value),
        )
    bound = f"greater than {low:g}" if exclusive else f"at least {low:g}"
    within = f"{key} must be {bound} and at most {number_text(high)}"
    if isinstance(value, int) and abs(value) > 1e15:
        # beyond every bound, and math.isfinite() cannot take a huge int
        _out_of_range(key, value, f"{within} (got a {len(str(abs(value)))}-digit number)")
    if math.isnan(value):
        raise CaseError(f"{key} must be a finite number", field=key)
    if integer and isinstance(value, float) and math.isfinite(value):
        if not value.is_integer():
            raise CaseError(
                f"{key} must be a whole number", field=key, suggestion=number_suggestion(key, value)
            )
        value = int(value)
    too_low = value <= low if exclusive else value < low
    if too_low or value > high:
        _out_of_range(key, value, f"{within} (got {value!r})")
    return value


def _out_of_range(key: str, value: float, message: str) -> NoReturn:
    """Refuse a number out of the range of ``key``, offering the bound it passed
    (issue 2: the closest valid value). The interview asks again instead of offering
    it: 130 is not 120 (QA F10-15)."""
    nearest = number_suggestion(key, value)
    said = f"{BOUND_CLAUSE}{nearest}" if nearest is not None else ""
    raise CaseError(message + said, field=key, suggestion=nearest)


def _categorical(key: str, value: object) -> str:
    choices = CATEGORICAL_FIELDS[key]
    if not isinstance(value, str):
        raise CaseError(
            f"{key} must be one of {', '.join(choices)}, not {_type_name(value)}",
            field=key,
            suggestion=choice_suggestion(value, choices, closest_value),  # ["white"]: white
        )
    if value not in choices:
        raise CaseError(
            f"unknown {key} {quoted(value)}; valid values: {', '.join(choices)}",
            field=key,
            suggestion=closest_value(value, choices),
        )
    return value


def _boolean(key: str, value: object) -> bool:
    if not isinstance(value, bool):
        as_bool = _numpy_bool(value)
        if as_bool is not None:
            return as_bool
        suggestion = boolean_suggestion(value)  # "yes", "N", 1, 0: offered, not taken
        unsure = "; leave the key out when it is not known" if suggestion is None else ""
        raise CaseError(
            f"{key} must be true or false, not {_type_name(value)}{unsure}",
            field=key,
            suggestion=suggestion,
        )
    return value


def _list(key: str, value: object) -> list[str]:
    choices = LIST_FIELDS[key]
    if isinstance(value, tuple):
        value = list(value)  # a Python caller's tuple is an ordered list too
    if not isinstance(value, list):
        raise CaseError(
            f'{key} must be a list of values, such as ["{choices[0]}", "{choices[1]}"], '
            f"not {_type_name(value)}",
            field=key,
            suggestion=list_suggestion(value, choices, closest_value),  # "eyelids, nose"
        )
    seen: set[str] = set()
    for index, item in enumerate(value):
        where = f"{key}[{index}]"
        if not isinstance(item, str):
            raise CaseError(f"{where} must be a string, not {_type_name(item)}", field=where)
        if item not in choices:
            raise CaseError(
                f"unknown {key} value {quoted(item)}; valid values: {', '.join(choices)}",
                field=where,
                suggestion=site_suggestion(item, choices, closest_value)
                if key == "sites"
                else closest_value(item, choices),
            )
        if item in seen:  # the closest valid list: each value once, in order
            raise CaseError(
                f"{where} repeats {quoted(item)}; list each value once",
                field=key,
                suggestion=json.dumps(list(dict.fromkeys(value))),
            )
        seen.add(item)
    return list(value)


_VALIDATORS: dict[str, Callable[[str, object], Any]] = {
    **dict.fromkeys(NUMERIC_FIELDS, _numeric),
    **dict.fromkeys(CATEGORICAL_FIELDS, _categorical),
    **dict.fromkeys(BOOLEAN_FIELDS, _boolean),
    **dict.fromkeys(LIST_FIELDS, _list),
}


_CATEGORICAL, _BOOLEAN, _LIST, _NUMERIC = "categorical", "boolean", "list", "numeric"
_KINDS: dict[str, str] = {
    **dict.fromkeys(NUMERIC_FIELDS, _NUMERIC),
    **dict.fromkeys(CATEGORICAL_FIELDS, _CATEGORICAL),
    **dict.fromkeys(BOOLEAN_FIELDS, _BOOLEAN),
    **dict.fromkeys(LIST_FIELDS, _LIST),
}
_CHOICES: dict[str, frozenset[str]] = {
    key: frozenset(choices) for key, choices in {**CATEGORICAL_FIELDS, **LIST_FIELDS}.items()
}


def _plain_list(value: list[Any], choices: frozenset[str]) -> bool:
    """Whether ``value`` holds only valid strings, each once (what :func:`_list` accepts)."""
    if len(value) == 1:
        item = value[0]
        return type(item) is str and item in choices
    return (
        all(type(item) is str for item in value)
        and choices.issuperset(value)
        and len(set(value)) == len(value)
    )


def _parse(case: object) -> Mapping[Any, Any]:
    if isinstance(case, (str, bytes, bytearray)):
        # the same reading as the CLI and the API (a key given twice is refused)
        case = parse_case_json(bytes(case) if isinstance(case, bytearray) else case)
    if not isinstance(case, Mapping):
        raise CaseError(  # the shape, not a made-up case to confirm (QA F10-15)
            f"a case must be a JSON object of findings, such as {CASE_SHAPE}, "
            f"not {_type_name(case)}",
        )
    return case


def validate_case(case: object) -> dict[str, Any]:
    """Check a case against the case format and return a clean copy.

    Parameters
    ----------
    case : Mapping or str
        The case as a mapping, or as a JSON text of one object.

    Returns
    -------
    dict
        A new dict holding only valid keys (integral floats in integer fields
        become ``int``; lists are copied).

    Raises
    ------
    CaseError
        On anything that does not follow the format. ``field`` names the
        offending key (``"sites[1]"``) and ``suggestion`` the closest valid
        key or value when one exists.

    Examples
    --------
    >>> validate_case({"color": "white", "sites": ["eyelids"]})["sites"]
    ['eyelids']
    """
    mapping = case if type(case) is dict else _parse(case)
    clean: dict[str, Any] = {}
    for key, value in mapping.items():
        # the usual valid value, checked without a call (the same value results)
        kind = _KINDS.get(key)
        if kind is _CATEGORICAL:
            if type(value) is str and value in _CHOICES[key]:
                clean[key] = value
                continue
        elif kind is _BOOLEAN:
            if value is True or value is False:
                clean[key] = value
                continue
        elif kind is _LIST:
            if type(value) is list and _plain_list(value, _CHOICES[key]):
                clean[key] = list(value)
                continue
        elif kind is _NUMERIC:
            low, high, exclusive, integer = NUMERIC_FIELDS[key]
            kind_of = type(value)
            if (
                (kind_of is int or (kind_of is float and not integer and math.isfinite(value)))
                and (value > low if exclusive else value >= low)
                and value <= high
            ):
                clean[key] = value
                continue
        # anything else: the full checks, with their messages
        validator = _VALIDATORS.get(key) if isinstance(key, str) else None
        if validator is None:
            # a JSONL line's wrapper, whichever key comes first ({"id", "case"}: QA A12-03)
            if isinstance(mapping.get("case"), Mapping):
                raise CaseError(
                    'give the case itself, not wrapped in {"case": ...}; the '
                    '{"id", "case"} form is for the lines of a JSONL file',
                    field="case",
                )
            text = key if isinstance(key, str) else repr(key)
            raise CaseError(
                f"unknown field {quoted(text)}; see the case format for valid fields",
                field=text,
                suggestion=closest_value(text, _FIELD_SET),
            )
        if value is None:  # JSON null: the format says "not known" by leaving the key out
            raise CaseError(f"{key} is null; leave the key out when it is not known", field=key)
        clean[key] = validator(key, value)
    if "age_days" in clean and "age_years" in clean:
        raise CaseError("give age_days (for babies) or age_years, not both", field="age_years")
    if not describes_bumps(clean):
        empty = sorted(k for k in LESION_FIELDS.intersection(clean) if clean[k] == [])
        said = f" ({', '.join(empty)} is empty: it names nothing)" if empty else ""
        raise CaseError(
            "describe the bumps: give at least one of " + ", ".join(sorted(LESION_FIELDS)) + said,
            field=empty[0] if empty else "case",
            suggestion="color",
        )
    check_duration(clean)
    return clean


def describes_bumps(case: Mapping[str, Any]) -> bool:
    """Whether ``case`` gives at least one lesion field with something in it: an empty
    list (``"sites": []``) names no place and describes nothing (QA F8-03)."""
    for key in case:  # noqa: SIM110 (a loop: no set or generator per case, validate_case cost)
        if key in LESION_FIELDS and case[key] != []:
            return True
    return False


def case_age_days(case: Mapping[str, Any]) -> float | None:
    """Age in days from ``age_days`` or ``age_years``; None when unknown."""
    if "age_days" in case:
        return float(case["age_days"])
    if "age_years" in case:
        return float(case["age_years"]) * _DAYS_PER_YEAR
    return None


def check_duration(case: Mapping[str, Any]) -> None:
    """Refuse a ``duration_weeks`` longer than the person has been alive.

    Parameters
    ----------
    case : Mapping
        A case whose fields are each valid (``duration_weeks`` in weeks,
        ``age_days`` in days, ``age_years`` in years).

    Raises
    ------
    CaseError
        With ``field="duration_weeks"`` when the duration is longer than the
        age (plus the year not yet counted when the age is in whole years).
    """
    duration = case.get("duration_weeks")
    if duration is None:
        return
    if "age_days" in case:
        limit = case["age_days"] / 7 + 1
    elif "age_years" in case:
        # age_years is often rounded down: allow the year not yet counted
        limit = (case["age_years"] + 1) * _DAYS_PER_YEAR / 7
    else:
        return
    if duration > limit:
        raise CaseError(
            f"duration_weeks ({duration:g}) is longer than the person has been alive; "
            "check duration_weeks and the age",
            field="duration_weeks",
        )
