"""The closest valid value of a refused case value (issue 2: "suggests the closest valid value").

:func:`~milia.engine.case.validate_case` refuses a value that is not exactly of the
case format (``../shared/spec/case-format.md``); these functions give what the
refusal offers as its ``suggestion``, as it is written in the JSON of the case:

- a number out of range: the nearest bound (``"120"`` for an ``age_years`` of 130);
  none beyond an open bound (``diameter_mm`` must be greater than 0);
- a number written as text ("six", "2 mm", "1,5", "3 months"): the number it says (not a
  range such as "1-2", whose end is the author's to choose),
  read as the interview reads a typed answer (:func:`~milia.engine.answers.parse_answer`),
  in the field's own unit, and brought within range;
- a yes or no written as text or as 1 and 0: ``"true"`` or ``"false"``;
- a value of the wrong shape that holds the right one (``["white"]`` for ``color``,
  ``"eyelids, cheeks"`` or ``{"eyelids": true}`` for ``sites``): that value in the
  right shape (``'["eyelids", "cheeks"]'``).

A suggestion is only ever offered, never taken: the case stays refused until its
author writes the value. None is returned where nothing the author wrote says a
valid value (``true`` as a count, ``"maybe"`` as a yes or no): a value is never
made up.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping

from rapidfuzz.distance import OSA

from milia.engine.vocabulary import NUMERIC_FIELDS
from milia.errors import CaseError

__all__ = [
    "CASE_SHAPE",
    "boolean_suggestion",
    "choice_suggestion",
    "list_suggestion",
    "nearest_in_range",
    "number_suggestion",
    "number_text",
    "own_case",
    "site_suggestion",
]

#: the shape of a case, for messages: no made-up findings to confirm (QA F10-15, F11-02)
CASE_SHAPE = '{"age_years": ..., "color": ..., "sites": [...]}'
# longest own case offered back whole (a suggestion is one line of a message)
_LONGEST_CASE = 2_000

# longer than any number or value written by hand (and parsing is not free: QA F6-09)
_LONGEST = 100
_YES = frozenset({"true", "yes", "y", "t", "1", "on"})
_NO = frozenset({"false", "no", "n", "f", "0", "off"})
# "1,500" in a whole-number field is fifteen hundred; elsewhere "1,5" is one and a half
_THOUSANDS = re.compile(r"^\s*\d{1,3}(?:,\d{3})+\s*$")
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")
_LIST_SPLIT = re.compile(r"\s*(?:[,;/+&]|\band\b)\s*")
_DAYS_PER_YEAR = 365.25
# "1-2", "2 to 3 mm", "1 or 2": which end is meant is the author's to say (QA F11-18: the
# middle, rounded, can drop a flag that holds at one end): no number is offered
_RANGE = re.compile(r"\d\s*(?:-|\u2013|to|or)\s*\d|\b(?:one|two|three|four|five) or \w+")


def number_text(value: float) -> str:
    """``value`` as JSON writes it, without a needless ``.0`` or an exponent.

    Examples
    --------
    >>> number_text(120.0), number_text(1_000_000), number_text(1.5)
    ('120', '1000000', '1.5')
    """
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def nearest_in_range(key: str, value: float) -> float | int | None:
    """The valid value of numeric field ``key`` nearest to ``value``.

    Parameters
    ----------
    key : str
        A numeric field of the case format (``"age_years"``, in years).
    value : float
        A number in the field's unit.

    Returns
    -------
    float or int or None
        ``value`` itself when valid; else the bound it passed (a whole number
        rounded in a whole-number field); None for NaN and below an open bound
        (no ``diameter_mm`` is nearest to 0).
    """
    low, high, exclusive, integer = NUMERIC_FIELDS[key]
    if math.isnan(value):
        return None
    if value > high:
        return high
    if value < low or (exclusive and value <= low):
        return None if exclusive else low
    if integer:
        whole = round(value)
        return whole if whole >= low else None
    return value


def _in_range_text(key: str, value: float) -> str | None:
    nearest = nearest_in_range(key, value)
    return None if nearest is None else number_text(nearest)


def _read(key: str, text: str) -> float | None:
    """The number ``text`` says in the unit of ``key``, read as the interview reads it."""
    from milia.engine.answers import parse_answer  # the interview's reading (it imports case)

    integer = NUMERIC_FIELDS[key][3]
    if _RANGE.search(text.lower()):
        return None
    if _THOUSANDS.match(text) and integer:
        return float(text.replace(",", ""))
    text = _DECIMAL_COMMA.sub(".", text)
    # "six" is 6 in the field's own unit; an age may say its unit ("6 months", "1 year")
    questions = {"age_years": ("age",), "age_days": ("age_days", "age")}.get(key, (key,))
    for question in questions:
        try:
            read = parse_answer(question, text)
        except CaseError:
            continue
        if not read:
            continue
        if key in read:
            return float(read[key])
        if key == "age_years" and "age_days" in read:
            return round(float(read["age_days"]) / _DAYS_PER_YEAR, 2)
        if key == "age_days" and "age_years" in read:
            return round(float(read["age_years"]) * _DAYS_PER_YEAR)
    return None


def number_suggestion(key: str, value: object) -> str | None:
    """The closest valid value of numeric field ``key`` for a refused ``value``.

    Parameters
    ----------
    key : str
        A numeric field (``"count"``, ``"diameter_mm"`` in mm, ...).
    value : object
        What the case gave: a number out of range, text that says a number,
        or a list or object holding one number.

    Returns
    -------
    str or None
        The value as it is written in JSON (``"6"``, ``"1.5"``), or None when
        nothing the case gave says a number.

    Examples
    --------
    >>> number_suggestion("count", "six"), number_suggestion("age_years", 130)
    ('6', '120')
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        if abs(value) > 1e15:  # beyond every bound (a float cannot hold 10**400)
            return _in_range_text(key, math.inf if value > 0 else -math.inf)
        return _in_range_text(key, value)
    if isinstance(value, float):
        return _in_range_text(key, value)
    if isinstance(value, str):
        if len(value) > _LONGEST or not value.strip():
            return None
        said = _read(key, value.strip())
        return None if said is None else _in_range_text(key, said)
    return _only_item(value, lambda item: number_suggestion(key, item))


def boolean_suggestion(value: object) -> str | None:
    """``"true"`` or ``"false"`` for a yes or no written otherwise ("yes", "N", 1, 0.0).

    Examples
    --------
    >>> boolean_suggestion("Yes"), boolean_suggestion(0), boolean_suggestion("maybe")
    ('true', 'false', None)
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) and value in (0, 1):
        return "true" if value == 1 else "false"
    if isinstance(value, str) and len(value) <= _LONGEST:
        word = value.strip().strip(".!").lower()
        if word in _YES:
            return "true"
        if word in _NO:
            return "false"
        return None
    return _only_item(value, boolean_suggestion)


def choice_suggestion(
    value: object, choices: tuple[str, ...], closest: Callable[[str, tuple[str, ...]], str | None]
) -> str | None:
    """The closest of ``choices`` for a refused one-value field (``color``, ``sex``).

    ``closest`` finds the nearest spelling of a text (:func:`~milia.engine.case.closest_value`);
    a list or object holding one text (``["white"]``, ``{"white": true}``) is read as
    that text. A number or a yes or no says no choice: None.
    """
    if isinstance(value, str):
        return closest(value, choices)
    if isinstance(value, Mapping):
        named = _named_keys(value)
        return closest(named[0], choices) if len(named) == 1 else None
    return _only_item(value, lambda item: choice_suggestion(item, choices, closest))


def list_suggestion(
    value: object, choices: tuple[str, ...], closest: Callable[[str, tuple[str, ...]], str | None]
) -> str | None:
    """The closest valid list (as JSON) for a refused list field (``sites``).

    A text names its items separated by commas or "and" (``"eyelids, cheeks"``); an
    object names those of its keys set to true or yes (``{"eyelids": true}``); a list
    that repeats an item is that list with each item once. Each item must be a valid
    value or close to one (``closest``); else None.

    Examples
    --------
    >>> from milia.engine.case import closest_value
    >>> list_suggestion("eyelid and nose", ("eyelids", "nose"), closest_value)
    '["eyelids", "nose"]'
    """
    if isinstance(value, str):
        if len(value) > _LONGEST * 10:
            return None
        items: list[object] = [item for item in _LIST_SPLIT.split(value.strip()) if item]
    elif isinstance(value, Mapping):
        items = list(_named_keys(value))
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        return None
    found: list[str] = []
    for item in items:
        near = closest(item, choices) if isinstance(item, str) else None
        if near is None:
            return None
        found.append(near)
    return json.dumps(list(dict.fromkeys(found))) if found else None


def _named_keys(value: Mapping[object, object]) -> list[str]:
    """Keys of ``value`` set to a yes (``{"eyelids": true, "nose": false}`` -> eyelids)."""
    return [
        key
        for key, said in value.items()
        if isinstance(key, str) and boolean_suggestion(said) == "true"
    ]


def _only_item(value: object, suggest: Callable[[object], str | None]) -> str | None:
    """``suggest`` of the one item of a one-item list, or of the one value of a one-key
    object (``[6]``, ``{"value": 6}``), when that is not itself a list or object (one
    level only: a deeply nested value is no typo); None for any other shape."""
    if isinstance(value, (list, tuple)) and len(value) == 1:
        item = value[0]
    elif isinstance(value, Mapping) and len(value) == 1:
        item = next(iter(value.values()))
    else:
        return None
    return None if isinstance(item, (list, tuple, Mapping)) else suggest(item)


def own_case(value: object) -> str | None:
    """The author's own case as compact JSON, to offer where it came wrapped wrongly.

    A case sent as a JSON string holding a JSON object (encoded twice), or inside
    ``{"case": ...}`` where the bare case belongs, is offered back as that object and
    nothing else (QA F11-02: a made-up case of white bumps on the eyelids was offered).

    Parameters
    ----------
    value : object
        The wrongly wrapped value: a parsed object, or text holding one.

    Returns
    -------
    str or None
        The object as compact JSON; None when ``value`` holds no JSON object or its
        JSON is longer than 2,000 characters.

    Examples
    --------
    >>> own_case('{"color": "red", "sites": ["nose"]}')
    '{"color": "red", "sites": ["nose"]}'
    >>> own_case("red spots on my nose") is None
    True
    """
    if isinstance(value, str):
        if len(value) > _LONGEST_CASE or not value.lstrip().startswith("{"):
            return None
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            return None
    if not isinstance(value, Mapping):
        return None
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        return None
    return text if len(text) <= _LONGEST_CASE else None


def site_suggestion(
    item: str, choices: tuple[str, ...], closest: Callable[[str, tuple[str, ...]], str | None]
) -> str | None:
    """The site a typed place names: its plain words first ("scrotum" -> genitals,
    "nipple" -> areola, "breast" -> chest, as the interview reads them), else a spelling
    at most a quarter of its letters away ("cheek" -> cheeks); none for a place that
    could be several sites ("face") or is only spelled alike (QA F15B-11: "scrotum"
    was offered gums, "nipple" legs, "paupières" ears). ``closest`` is the
    case fields' own spelling guess (:func:`~milia.engine.case.closest_value`)."""
    from milia.engine.answer_nearest import nearest_values
    from milia.engine.plain_words import plain_value, site_key

    words = site_key(item)
    plain = plain_value("sites", words)
    if plain in choices:
        return plain
    near = nearest_values("sites", words)
    if len(near) == 1 and near[0] in choices:
        return near[0]
    guess = closest(item, choices)  # the case fields' guess: aliases, no-guess words
    if guess is None:
        return None
    key = item.strip().lower().replace(" ", "_").replace("-", "_")
    if OSA.distance(key, guess) <= max(1, len(key) // 4):  # a slip of the spelling
        return guess
    # else only a word of a site's name ("lips" -> lips_vermilion, "hand" -> back_of_hands):
    # its partial match alone would offer "gums" for "scrotum"
    worded = [c for c in choices if len(key) >= 3 and any(t.startswith(key) for t in c.split("_"))]
    if len(worded) == 1:
        return worded[0]
    return guess if guess in worded else None
