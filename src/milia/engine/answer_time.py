"""Reading a typed age or duration: "34", "5 days old baby", "six weeks", "3 months"
(split from :mod:`milia.engine.answers`, which calls :func:`read_age` and
:func:`duration_weeks`; the words are data in ``kb/data/model/plain_words.yaml``).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from milia.engine.case import closest_value
from milia.engine.plain_words import age_hint, plain_count_of_units, table, words_to_digits
from milia.errors import CaseError, KnowledgeBaseError, quoted

__all__ = ["UNIT_WORDS", "duration_weeks", "read_age"]

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
# unit words a number in words may come before: "a week", "half a mm" (QA F6-01)
UNIT_WORDS = frozenset(
    {"mm", "millimetre", "millimeter", "cm", "centimetre", "centimeter", *_AGE_UNITS}
)
_ARTICLE = re.compile(r"^(?:an?|the)\s+")
_AGE_UNIT_TAIL = re.compile(r"\s+(?:years?|months?|weeks?|days?|old)$")
# "1 year and a half" is "1 and a half year"
_HALF_AFTER_UNIT = re.compile(r"^(\d+(?:\.\d+)?)\s+([a-z]+)\s+and\s+a\s+half$")
# a length in two or more units (QA F13-06): "2 years 3 months", "1 month and 2 weeks",
# "3 weeks, 2 days"
_COMPOUND_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)")
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")
_COMPOUND_JOIN = re.compile(r"^(?:\s*(?:,|\band\b|\+)?\s*)$")


# words about the person around an age (QA F8-38: "5 days old baby", "my son is 3
# months", "a 5-day-old"; QA F10-15: "she's 70", "I'm 34"): dropped before the age is read
_AGE_PERSON = re.compile(
    r"\b(?:he's|she's|they're|it's|i'm|im|i|am|"
    r"my|our|the|he|she|they|is|was|are|baby|babies|boy|girl|son|daughter|man|woman|"
    r"child|kid|infant|person|patient|turned)\b|^an?(?=\s+\d)"
)
_AGE_HYPHEN = re.compile(r"(?<=[0-9a-z])-(?=[a-z])")
# born a day ago (QA F8-38)
_BORN_YESTERDAY = frozenset({"born yesterday", "yesterday"})
# an age of 0 in these units says too little to read (under a year, or under a month):
# asked back; "0 days" and "0 weeks" say the baby is days old and are read
_ZERO_ASKED_BACK = frozenset({"year", "month"})


def read_age(answer: str) -> dict[str, Any]:
    """An age typed as a number with a unit, in words ("six weeks"), or "newborn".

    A decimal comma is a decimal point ("2,5" is 2.5 years, as the size and the
    duration read it; QA F15-04).
    """
    answer = _DECIMAL_COMMA.sub(".", answer)
    answer = " ".join(_AGE_PERSON.sub(" ", _AGE_HYPHEN.sub(" ", answer)).split()) or answer
    if answer.split(" (")[0].strip() in _NEWBORN_WORDS:
        return {"age_days": _NEWBORN_DAYS}
    if answer in _BORN_YESTERDAY:
        return {"age_days": 1}
    # "teen", "a teenager", or "teen years" (the web page adds the unit chosen)
    hint = age_hint(_AGE_UNIT_TAIL.sub("", _ARTICLE.sub("", answer)))
    if hint is not None:  # "teen", "elderly": no number is guessed
        raise CaseError(f"{quoted(answer)} is not an age in numbers: {hint}", field="age")
    text = plain_count_of_units(" ".join(_AGE_NOISE.sub(" ", answer).split()), units=UNIT_WORDS)
    text = words_to_digits(text, units=UNIT_WORDS)
    text = _HALF_AFTER_UNIT.sub(r"\1 and a half \2", text)  # "1 year and a half"
    days_in_parts = compound_days(text)
    if days_in_parts is not None:  # "2 years 3 months"
        return _age_field(days_in_parts)
    match = _AGE_RE.match(text)
    if not match:
        raise CaseError("give the age as a number, e.g. 34, '5 days' or '8 months'", field="age")
    number = float(match.group(1)) + (0.5 if match.group(2) else 0.0)
    unit = match.group(3).rstrip("s") or "year"
    unit = _AGE_UNIT_ALIASES.get(unit, unit)
    unit_key = next((k for k in _AGE_UNITS if k.startswith(unit)), None) if unit else "year"
    if unit_key is None:
        closest = closest_value(unit, tuple(_AGE_UNITS))
        raise CaseError(
            f"unknown age unit {quoted(unit)}; use days, weeks, months or years",
            field="age",
            # the whole answer, to confirm: "5 dayz" -> "5 days"
            suggestion=f"{match.group(1)}{match.group(2) or ''} {closest}s" if closest else None,
        )
    if number == 0 and unit_key in _ZERO_ASKED_BACK:
        # "0" or "0 years" from a baby's parent counting in years is not "born today"
        # (QA F16-04: a 9-month-old's pustules were read with a newborn's priors)
        raise CaseError(
            f"an age of 0 {unit_key}s: for a baby under one year, give the age in days, "
            "weeks or months (e.g. '3 weeks' or '9 months'), or 'newborn' for the first "
            "2 weeks",
            field="age",
        )
    return _age_field(number * _AGE_UNITS[unit_key])


def _age_field(days: float) -> dict[str, Any]:
    """An age in days as the case format gives it: ``age_days`` under 2 years, else
    ``age_years`` to one decimal."""
    if days < 2 * 365.25:
        return {"age_days": round(days)}
    return {"age_years": round(days / 365.25, 1)}


def duration_weeks(answer: str) -> float | None:
    """A duration typed with a unit other than weeks ("5 days", "3 months"), or said as
    the day the bumps began ("since yesterday", ``duration_words`` of plain_words.yaml),
    in weeks.

    Returns None when the answer has no such unit (a bare number is in weeks).
    """
    said = " ".join(answer.lower().rstrip(".!").split())
    days = _duration_words().get(said)
    if days is not None:
        return round(days / 7.0, 2)
    # a decimal comma ("1,5 weeks"), not a comma between parts ("2 weeks, 3 days")
    text = " ".join(_AGE_NOISE.sub(" ", _DECIMAL_COMMA.sub(".", answer)).split())
    text = plain_count_of_units(text, units=UNIT_WORDS)  # "a few days"
    text = _HALF_AFTER_UNIT.sub(r"\1 and a half \2", words_to_digits(text, units=UNIT_WORDS))
    days_in_parts = compound_days(text)
    if days_in_parts is not None:  # "2 years 3 months", "1 month and 2 weeks"
        return round(days_in_parts / 7.0, 2)
    match = _DURATION_RE.match(text)
    if not match:
        return None
    unit = match.group(3).rstrip("s")
    unit = _AGE_UNIT_ALIASES.get(unit, unit)
    if unit not in _AGE_UNITS or unit == "week":
        return None
    number = float(match.group(1)) + (0.5 if match.group(2) else 0.0)
    return round(number * _AGE_UNITS[unit] / 7.0, 2)


def compound_days(text: str) -> float | None:
    """A length typed in two or more units ("2 years 3 months", "1 month and 2 weeks",
    "3 weeks, 2 days"), in days; None unless every part is a number with a time unit
    and nothing else is said between them (QA F13-06).

    Parameters
    ----------
    text : str
        The answer, lower case, numbers in digits.

    Returns
    -------
    float or None
        The sum of the parts in days (a month is 30.44 days, a year 365.25).
    """
    parts = list(_COMPOUND_PART.finditer(text))
    if len(parts) < 2:
        return None
    days, end = 0.0, 0
    for part in parts:
        if not _COMPOUND_JOIN.match(text[end : part.start()]):
            return None  # words between the parts: not a plain length
        unit = part.group(2).rstrip("s")
        unit = _AGE_UNIT_ALIASES.get(unit, unit)
        if unit not in _AGE_UNITS:
            return None
        days += float(part.group(1)) * _AGE_UNITS[unit]
        end = part.end()
    return days if text[end:].strip() == "" else None


@cache
def _duration_words() -> dict[str, float]:
    """``duration_words``: a day said instead of a length ("yesterday") -> days (checked)."""
    out: dict[str, float] = {}
    for words, days in table().get("duration_words", {}).items():
        if isinstance(days, bool) or not isinstance(days, int | float) or not 0 < days <= 31:
            raise KnowledgeBaseError(f"plain_words.yaml duration_words: {words!r} needs 0-31 days")
        out[" ".join(str(words).lower().split())] = float(days)
    return out
