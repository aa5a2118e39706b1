"""Reading a typed number of an interview answer: a size, a count or a duration.

"2 mm", "1,5", "0.5 cm", "1/16 inch", a range "1-2 mm" (its middle, or its two ends for
the interview), "half a mm", "pinhead", "a dozen", "100+", "dozens". Everyday words are
data in ``kb/data/model/plain_words.yaml`` (:mod:`milia.engine.plain_words`). Split from
:mod:`milia.engine.answers` (session 15, no change in what is read), which calls
:func:`typed_number` and :func:`range_ends`.
"""

from __future__ import annotations

import math
import re

from milia.engine.answer_time import UNIT_WORDS
from milia.engine.plain_words import (
    plain_count,
    plain_count_of_units,
    plain_size_mm,
    vague_count,
    words_to_digits,
)
from milia.errors import CaseError, quoted

__all__ = ["range_ends", "typed_number"]

# units a person types after a number: "2 mm", "6 weeks", "about 20 bumps"
_UNIT_TAIL = re.compile(r"(?<![a-z])\s*(?:mm|millimet(?:er|re)s?|weeks?|wks?|w|bumps?|spots?)\.?$")
# words around an approximate number: "about a dozen", "~20", "20ish", "20 or so"
_APPROX = re.compile(
    r"\b(?:about|around|approx(?:imately)?|roughly|maybe|perhaps|nearly|almost|"
    r"or so|give or take|more or less)\b|~|(?<=\d)\s*ish\b"
)
_CM_TAIL = re.compile(r"\s*(?:cm|centimet(?:er|re)s?)\.?$")
# a size in inches (QA F13-06: "0.2 in", "1/16 inch", '0.1"'): 25.4 mm each
_INCH_TAIL = re.compile(r"(?<![a-z])\s*(?:in|inch(?:es)?|\")\.?$")
_MM_PER_INCH = 25.4
# "the size of a pinhead", "as big as a pin head"
_SIZE_OF = re.compile(r"^(?:(?:the\s+)?size\s+of|as\s+(?:big|small|large)\s+as)?\s*(?:an?\s+)?")
# "1-2 mm", "1 to 2 millimetres", "one or two": a range is read as its middle (QA F2-70);
# the interview then takes the end that keeps a warning (QA F11-18: number_ends)
_RANGE = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:-|\u2013|to|or)\s*(\d+(?:\.\d+)?)$")
_FRACTION = re.compile(r"^(\d+)\s*/\s*(\d+)$")
# "more than 20", "over 100", "100+" (written for "over a hundred"): one more than N
_MORE_THAN = re.compile(r"^(?:more than|over|above|>)\s*(\d+)$|^(\d+)\s*(?:\+|plus)$")
# "at least 10", "10 or more": N
_AT_LEAST = re.compile(r"^(?:at least|>=|\u2265)\s*(\d+)$|^(\d+) or more$")
# plain names for the numbers asked, in messages
_NUMBER_WORDS = {
    "diameter_mm": "the size as a number of millimetres (e.g. 1 or 1.5)",
    "count": "about how many bumps, as a number (e.g. 5 or 20)",
    "duration_weeks": "how long as a number of weeks (e.g. 2), or with a unit ('5 days')",
}
_VAGUE_COUNT = (
    "about how many? A number (e.g. 5 or 20) or 'a dozen', 'dozens' or 'hundreds' is fine"
)


def typed_number(field_name: str, answer: str) -> float:
    """A typed number: "2 mm", "1,5", "0.5 cm", a range "1-2 mm" (its middle),
    "half a mm", "pinhead" (1 mm), "a dozen", "100+", "dozens"."""
    text = " ".join(_APPROX.sub(" ", answer.replace(",", ".")).split())
    if field_name == "count":
        key = _UNIT_TAIL.sub("", text).strip()
        plain = plain_count(key)
        if plain is not None:
            return float(plain)
        if vague_count(key):
            raise CaseError(f"{quoted(answer)} is not a number: {_VAGUE_COUNT}", field=field_name)
    text = words_to_digits(plain_count_of_units(text, units=UNIT_WORDS), units=UNIT_WORDS)
    scale = 1.0
    if field_name == "diameter_mm":
        text, scale = _size_unit(text)
    text = _UNIT_TAIL.sub("", text).strip()  # "2 mm", "6 weeks"
    if field_name == "diameter_mm":
        size = plain_size_mm(_SIZE_OF.sub("", text))
        if size is not None:
            return size * scale
    if field_name == "count":
        more = _MORE_THAN.match(text)
        if more:
            return float(more[1] or more[2]) + 1.0
        least = _AT_LEAST.match(text)
        if least:
            return float(least[1] or least[2])
    words = _NUMBER_WORDS.get(field_name, "a number")
    match = _RANGE.match(text)
    fraction = _FRACTION.match(text)
    try:
        if match:
            value = (float(match[1]) + float(match[2])) / 2
        elif fraction and float(fraction[2]) != 0:
            value = float(fraction[1]) / float(fraction[2])
        else:
            value = float(text)
    except ValueError:
        raise CaseError(f"please give {words}", field=field_name) from None
    if not math.isfinite(value):
        raise CaseError(f"please give {words}", field=field_name)
    return round(value * scale, 6) if scale != 1.0 else value


def _size_unit(text: str) -> tuple[str, float]:
    """A typed size without its centimetre or inch unit, and that unit in mm (1 when
    none of them is given: millimetres)."""
    if _CM_TAIL.search(text):
        return _CM_TAIL.sub("", text), 10.0
    if _INCH_TAIL.search(text):
        return _INCH_TAIL.sub("", text), _MM_PER_INCH
    return text, 1.0


def range_ends(field_name: str, answer: str) -> tuple[float, float] | None:
    """The two ends, low first, of ``answer`` (lower-case text, one space between words)
    typed as a range for ``field_name`` (``count`` or ``diameter_mm``), in the field's
    unit; None for anything else (see :func:`milia.engine.answers.number_ends`)."""
    body = " ".join(_APPROX.sub(" ", answer.replace(",", ".")).split())
    body = words_to_digits(plain_count_of_units(body, units=UNIT_WORDS), units=UNIT_WORDS)
    scale = 1.0
    if field_name == "diameter_mm":
        body, scale = _size_unit(body)
    match = _RANGE.match(_UNIT_TAIL.sub("", body).strip())
    if not match:
        return None
    low, high = sorted((float(match[1]) * scale, float(match[2]) * scale))
    return (low, high) if low != high else None
