"""The Interview page's form controls: questions to show, and answers to read.

Each question of the engine is shown as a form control (an age box with its
unit, a number box, radio buttons, check boxes, yes/no) in plain words, and the
values the browser sends back are turned into the typed answer the engine
reads (:func:`answer_text`). The state that travels between the questions is
:mod:`milia.api.interview`'s.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from milia.errors import CaseError

__all__ = ["MAX_HIDDEN_CHARS", "Question", "age_limits", "answer_text", "to_question"]

_LIST_FIELDS = {"conditions", "associated_findings", "medications", "history", "sites"}
_NUMBER_FIELDS = {"age_days", "age_years", "diameter_mm", "count", "duration_weeks"}
_AGE_UNITS = ("years", "months", "weeks", "days")
# the CLI's hint for typing a list ("(one or more places, separated by commas)"):
# the page has a check box for each (QA F9-16)
_TYPING_HINT = re.compile(r"\s*\([^()]*separated by commas[^()]*\)")
# days in each unit the age box offers, as milia.engine.answer_time reads them
# (a month is 30.44 days); tests check that the engine takes each unit's limit
_UNIT_DAYS = {"years": 365.25, "months": 30.44, "weeks": 7.0, "days": 1.0}

MAX_HIDDEN_CHARS = 64_000
"""Longest hidden field (or form value decoded as JSON) read, in characters; a real
interview's fields are far shorter."""


def age_limits() -> dict[str, float]:
    """The oldest age the case format takes (``age_years`` at most 120), in each unit
    of the age box: ``{"years": 120, "months": 1440, "weeks": 6261, "days": 43830}``
    (QA F9-17: the box allowed at most 120 whatever the unit, so "200 days" was
    refused)."""
    from milia.engine.vocabulary import NUMERIC_FIELDS

    days = float(NUMERIC_FIELDS["age_years"][1]) * _UNIT_DAYS["years"]
    return {unit: float(round(days / per)) for unit, per in _UNIT_DAYS.items()}


def _check_age(number: str, unit: str) -> None:
    """Refuse an age beyond the oldest taken, in the unit given (the engine would say
    "age_years must be ... at most 120 (got 136.9)" for 50,000 days).

    Raises
    ------
    CaseError
        If ``number`` is a number larger than the unit's limit; words ("thirty
        four") are left to the engine's reader.
    """
    try:
        value = float(number)
    except ValueError:
        return
    limit = age_limits()[unit]
    if math.isfinite(value) and value > limit:  # NaN, infinity: the engine's reader
        years = age_limits()["years"]
        within = "" if unit == "years" else f" ({limit:,.0f} {unit})"
        raise CaseError(
            f"an age of {value:,g} {unit} is more than {years:g} years{within}, the oldest "
            "age taken; check the number and the unit",
            field="age",
        )


@dataclass
class Question:
    """A question ready to show: ``kind`` is one of age, number, choice, multi, yes_no."""

    field: str
    text: str
    kind: str
    # (value as JSON, label) pairs
    options: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    unit: str = ""
    reason: str = ""  # why the engine asks (e.g. a safety question)


def _label(value: Any) -> str:
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    return str(value).replace("_", " ").capitalize()


def _option(raw: Any, field: str = "") -> tuple[str, str]:
    if isinstance(raw, Mapping):
        value = raw.get("value")
        return json.dumps(value), str(raw.get("label") or _label(value))
    if isinstance(raw, str) and field:  # plain words, not the case format's ids (QA F7-30)
        from milia.engine.plain_words import option_label

        words = option_label(field, raw)
        return json.dumps(raw), words[:1].upper() + words[1:]
    return json.dumps(raw), _label(raw)


def to_question(raw: Mapping[str, Any]) -> Question:
    """The question ready to show for a raw ``{field, question, answer, options}`` item.

    Parameters
    ----------
    raw : mapping
        The engine's question (``field``, ``question``, ``answer`` kind,
        ``options``, ``unit``, ``reason``).

    Returns
    -------
    Question
        An age box, a number box, yes/no, radio buttons (``choice``) or check boxes
        (``multi``, with "None of these" except for sites), in plain words.
    """
    name = str(raw.get("field", ""))
    text = str(raw.get("question") or name.replace("_", " "))
    kind = str(raw.get("answer", ""))
    if kind == "list" or name in _LIST_FIELDS:  # the page has check boxes (QA F9-16)
        text = _TYPING_HINT.sub("", text)
    listed = raw.get("options")
    options = [_option(o, name) for o in listed] if isinstance(listed, list) else []
    yes_no = [("true", "Yes"), ("false", "No")]
    if name == "age" or kind == "age":
        question = Question(name, text, "age")
    elif kind == "boolean":
        question = Question(name, text, "yes_no", yes_no)
    elif kind == "list" or name in _LIST_FIELDS:
        if name != "sites":  # "none of these" is an answer, unlike "Don't know" (brief item 3)
            options = [*options, (json.dumps("none"), "None of these")]
        question = Question(name, text, "multi", options)
    elif kind == "number" or (not options and name in _NUMBER_FIELDS):
        question = Question(name, text, "number", unit=str(raw.get("unit") or ""))
    elif not options:
        question = Question(name, text, "yes_no", yes_no)
    else:
        question = Question(name, text, "choice", options)
    question.reason = str(raw.get("reason") or "")
    return question


def _decode(raw: str) -> Any:
    """A form value as the JSON it holds (options are JSON), else the text itself."""
    if len(raw) > MAX_HIDDEN_CHARS:
        return raw
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
        return raw


def answer_text(question: Question, values: Sequence[str], *, unit: str = "years") -> str:
    """Turn the submitted form values into the typed answer the engine reads.

    An empty answer is "don't know".

    Parameters
    ----------
    question : Question
        The question shown.
    values : sequence of str
        The form's values (an option's JSON, or the number typed).
    unit : str, optional
        The age's unit: ``years``, ``months``, ``weeks`` or ``days``.

    Returns
    -------
    str
        The answer as the engine reads a typed one (``"34 years"``, ``"yes"``,
        ``"eyelids,cheeks"``); ``""`` for "don't know".

    Raises
    ------
    CaseError
        If an age is given with a unit other than years, months, weeks or days, or
        is more than 120 years in its unit.
    """
    values = [v for v in values if v.strip()]
    if not values:
        return ""
    if question.kind == "age":
        if unit not in _AGE_UNITS:
            raise CaseError(
                f"unknown unit of age {unit!r}; choose one of {', '.join(_AGE_UNITS)}",
                field="unit",
                suggestion="years",
            )
        number = values[0].strip().replace(",", ".")
        _check_age(number, unit)
        return f"{number} {unit}"
    if question.kind == "number":
        return values[0].strip().replace(",", ".")
    decoded = [_decode(v) for v in values]
    if question.kind == "yes_no":
        first = decoded[0]
        return "yes" if first is True else "no" if first is False else str(first)
    if question.kind == "multi":
        return ",".join(str(v) for v in decoded)
    return str(decoded[0])
