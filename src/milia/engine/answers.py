"""Reading a typed interview answer into case fields.

:func:`parse_answer` turns what a person types ("34 years old", "5 days",
"eyelids and cheeks", "pinhead", "whitish", "?") into the fields of the case
format, or raises :class:`milia.errors.CaseError` with the closest valid value
so the caller can ask again. Plain words and sizes are data in
``kb/data/model/plain_words.yaml``. Split from :mod:`milia.engine.interview` (which re-exports
:func:`parse_answer` and :data:`DONT_KNOW`).
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

from milia.engine.case import (
    BOOLEAN_FIELDS,
    CATEGORICAL_FIELDS,
    LIST_FIELDS,
    NUMERIC_FIELDS,
    closest_value,
)
from milia.errors import CaseError, KnowledgeBaseError
from milia.kb.loader import read_yaml

__all__ = ["DONT_KNOW", "as_text", "parse_answer"]

DONT_KNOW = frozenset(
    {"", "?", "skip", "unknown", "don't know", "dont know", "idk", "not sure", "n/a"}
)
_YES = frozenset({"y", "yes", "true", "1"})
_NO = frozenset({"n", "no", "false", "0"})
_AGE_UNITS = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}
_AGE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)(\s+and\s+a\s+half)?\s*([a-z]*)\s*$")
# words around an age a person types: "34 years old", "about 6 weeks", "aged 40" (QA F2-46)
_AGE_NOISE = re.compile(
    r"\b(?:of\s+age|old|aged?|about|around|approx(?:imately)?)\b|~|(?<=[0-9 ])y/o\b"
)
_AGE_UNIT_ALIASES = {"yr": "year", "yo": "year", "wk": "week", "mth": "month", "hr": "hour"}
# a duration with its unit: "5 days", "3 months", "1 and a half years"
_DURATION_RE = re.compile(r"^(\d+(?:\.\d+)?)(\s+and\s+a\s+half)?\s*([a-z]+)$")
# the age question's own option for the first 2 weeks ("newborn (first 2 weeks)"):
# read as one week, inside that band
_NEWBORN_WORDS = frozenset({"newborn", "new born", "new-born", "just born", "neonate"})
_NEWBORN_DAYS = 7


_PLAIN_FILE = "model/plain_words.yaml"
_ANSWERABLE = frozenset({*NUMERIC_FIELDS, *BOOLEAN_FIELDS, *CATEGORICAL_FIELDS, *LIST_FIELDS})
# units a person types after a number: "2 mm", "6 weeks", "about 20 bumps"
_UNIT_TAIL = re.compile(r"\s*(?:mm|millimet(?:er|re)s?|weeks?|wks?|w|bumps?|spots?)\.?$")
# "eyelids, cheeks", "eyelids and cheeks", "eyelids; nose", "nose/chin", "nose & chin"
_LIST_SPLIT = re.compile(r"\s*(?:[,;/&+]|\band\b)\s*")


def as_text(field_name: str, answer: object) -> str:
    """The answer as typed text; Python callers may pass a number, bool, list or None."""
    if answer is None:
        return "?"
    if isinstance(answer, bool):
        return "yes" if answer else "no"
    if isinstance(answer, (int, float, str)):
        return str(answer)
    if isinstance(answer, (list, tuple)) and all(isinstance(a, str) for a in answer):
        return ", ".join(answer)
    raise CaseError(
        f"the answer about {field_name} must be text, not {type(answer).__name__}",
        field=str(field_name),
    )


def _choices(field_name: str) -> tuple[str, ...]:
    if field_name in CATEGORICAL_FIELDS:
        return CATEGORICAL_FIELDS[field_name]
    return LIST_FIELDS.get(field_name, ())


def parse_answer(field_name: str, text: object) -> dict[str, Any] | None:
    """Read a typed answer into case fields.

    Returns
    -------
    dict or None
        The fields to add to the case (``{"age_days": 5}``, ``{"sites": [...]}``),
        or None for "don't know".

    Raises
    ------
    CaseError
        If the answer cannot be read; ``suggestion`` holds the closest valid
        value when one exists, so the caller can ask again.
    """
    if field_name != "age" and field_name not in _ANSWERABLE:
        raise CaseError(
            f"there is no question about {field_name!r}",
            field=str(field_name),
            suggestion=closest_value(str(field_name), _ANSWERABLE)
            if isinstance(field_name, str)
            else None,
        )
    answer = as_text(field_name, text).strip().lower()
    if answer in DONT_KNOW:
        return None
    if field_name == "age":
        if answer.split(" (")[0].strip() in _NEWBORN_WORDS:
            return {"age_days": _NEWBORN_DAYS}
        match = _AGE_RE.match(" ".join(_AGE_NOISE.sub(" ", answer).split()))
        if not match:
            raise CaseError(
                "give the age as a number, e.g. 34, '5 days' or '8 months'", field="age"
            )
        number = float(match.group(1)) + (0.5 if match.group(2) else 0.0)
        unit = match.group(3).rstrip("s") or "year"
        unit = _AGE_UNIT_ALIASES.get(unit, unit)
        unit_key = next((k for k in _AGE_UNITS if k.startswith(unit)), None) if unit else "year"
        if unit_key is None:
            raise CaseError(
                f"unknown age unit {unit!r}; use days, weeks, months or years",
                field="age",
                suggestion=closest_value(unit, tuple(_AGE_UNITS)),
            )
        days = number * _AGE_UNITS[unit_key]
        if days < 2 * 365.25:
            return {"age_days": round(days)}
        return {"age_years": round(days / 365.25, 1)}
    if field_name in BOOLEAN_FIELDS:
        if answer in _YES:
            return {field_name: True}
        if answer in _NO:
            return {field_name: False}
        raise CaseError(
            "answer yes or no (or ? if you don't know)",
            field=field_name,
            suggestion="yes"
            if answer.startswith("y")
            else "no"
            if answer.startswith("n")
            else None,
        )
    if field_name == "duration_weeks":
        duration = _duration_weeks(answer)
        if duration is not None:
            return {field_name: duration}
    if field_name in NUMERIC_FIELDS:
        value: float | int = _number(field_name, answer)
        if NUMERIC_FIELDS[field_name][3]:
            value = round(value)
        return {field_name: value}
    if field_name in LIST_FIELDS:
        items = [a.strip().replace(" ", "_").replace("-", "_") for a in _LIST_SPLIT.split(answer)]
        valid = LIST_FIELDS[field_name]
        items = [_number_variant(i, valid) for i in items]
        items = list(dict.fromkeys(i for i in items if i and i not in ("none", "no")))
        for item in items:
            if item not in valid:
                raise CaseError(
                    f"unknown {field_name} value {item!r}",
                    field=field_name,
                    suggestion=closest_value(item, valid),
                )
        return {field_name: items} if items else None
    choices = _choices(field_name)
    value_text = answer.replace(" ", "_").replace("-", "_")
    if value_text in choices:
        return {field_name: value_text}
    plain = _plain_words().get(field_name, {}).get(" ".join(answer.split()))
    if plain is not None:
        return {field_name: plain}
    raise CaseError(
        f"unknown {field_name} {answer!r}",
        field=field_name,
        suggestion=closest_value(answer, choices),
    )


def _duration_weeks(answer: str) -> float | None:
    """A duration typed with a unit other than weeks ("5 days", "3 months"), in weeks.

    Returns None when the answer has no such unit (a bare number is in weeks).
    """
    match = _DURATION_RE.match(" ".join(_AGE_NOISE.sub(" ", answer.replace(",", ".")).split()))
    if not match:
        return None
    unit = match.group(3).rstrip("s")
    unit = _AGE_UNIT_ALIASES.get(unit, unit)
    if unit not in _AGE_UNITS or unit == "week":
        return None
    number = float(match.group(1)) + (0.5 if match.group(2) else 0.0)
    return round(number * _AGE_UNITS[unit] / 7.0, 2)


# "1-2 mm", "1 to 2 millimetres": a range is read as its middle (QA F2-70)
_RANGE = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:-|\u2013|to)\s*(\d+(?:\.\d+)?)$")
# plain names for the numbers asked, in messages
_NUMBER_WORDS = {
    "diameter_mm": "the size as a number of millimetres (e.g. 1 or 1.5)",
    "count": "about how many bumps, as a number (e.g. 5 or 20)",
    "duration_weeks": "how long as a number of weeks (e.g. 2), or with a unit ('5 days')",
}


def _number(field_name: str, answer: str) -> float:
    """A typed number: "2 mm", "1,5", a range "1-2 mm" (its middle), "pinhead" (1 mm)."""
    text = _UNIT_TAIL.sub("", answer).replace(",", ".").strip()  # "2 mm", "6 weeks"
    sizes = _plain_sizes() if field_name == "diameter_mm" else {}
    if text in sizes:
        return sizes[text]
    words = _NUMBER_WORDS.get(field_name, "a number")
    match = _RANGE.match(text)
    try:
        value = (float(match[1]) + float(match[2])) / 2 if match else float(text)
    except ValueError:
        raise CaseError(f"please give {words}", field=field_name) from None
    if not math.isfinite(value):
        raise CaseError(f"please give {words}", field=field_name)
    return value


@cache
def _plain_words() -> dict[str, dict[str, str]]:
    """Plain words for choices (plain_words.yaml ``plain_words``), checked against the choices."""
    table = read_yaml(_PLAIN_FILE).get("plain_words", {})
    out: dict[str, dict[str, str]] = {}
    for name, words in table.items():
        for word, value in words.items():
            if value not in _choices(name):
                raise KnowledgeBaseError(f"plain_words.yaml: {word!r} names no {name} value")
        out[name] = {str(k): str(v) for k, v in words.items()}
    return out


@cache
def _plain_sizes() -> dict[str, float]:
    table = read_yaml(_PLAIN_FILE).get("plain_sizes_mm", {})
    return {str(k): float(v) for k, v in table.items()}


def _number_variant(item: str, valid: tuple[str, ...]) -> str:
    """A typed word in the singular or plural of a valid choice, as that choice.

    Only the other grammatical number of one valid word is taken ("eyelid" for
    ``eyelids``, "cheek" for ``cheeks``); anything else is returned unchanged,
    to be refused with a suggestion.
    """
    if item in valid:
        return item
    for other in (f"{item}s", item[:-1] if item.endswith("s") else ""):
        if other and other in valid:
            return other
    return item
