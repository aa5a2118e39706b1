"""The Interview page's "Your answers so far" in plain words (QA F9-16: it showed
the case format's names and Python lists, "age years: 16.0", "sites: ['areola']").

Each answer given is shown as a short name of its question and the answer as the
engine read it ("Age: 16 years", "Where: nipple or areola"), options in the same
plain words as the question's (:func:`milia.engine.plain_words.option_label`);
"don't know" is said as such.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from milia.api.interview import InterviewState

__all__ = ["FIELD_NAMES", "answers_in_words", "value_in_words"]

FIELD_NAMES = {
    "age": "Age",
    "sex": "Sex",
    "color": "Colour",
    "sites": "Where",
    "unwell": "Unwell",
    "diameter_mm": "Size",
    "count": "How many",
    "duration_weeks": "How long",
    "surface": "Top of a bump",
    "consistency": "Feel",
    "content": "Inside",
    "expressible": "Comes out with gentle pressure",
    "inflamed": "Red at the base or around",
    "on_red_plaque": "On a raised red patch",
    "arrangement": "Arrangement",
    "painful": "Painful or tender",
    "itchy": "Itchy",
    "mobile": "Moves under the skin",
    "growing": "Getting larger",
    "leaves_brown_marks": "Leaves brown spots",
    "bleeding": "Bleeds or a sore that does not heal",
    "present_at_birth": "There at birth",
    "onset": "How they came",
    "course": "Since then",
    "premature": "Born early",
    "history": "Applies",
    "medications": "Medicines or products",
    "conditions": "Known conditions",
    "associated_findings": "Other findings",
}
"""Short names of the questions (the interview's fields; ``age`` sets ``age_days``
or ``age_years``)."""

_UNITS = {"diameter_mm": "mm", "duration_weeks": "weeks"}


def _plural(number: float, unit: str) -> str:
    return f"{number:g} {unit if number != 1 else unit.rstrip('s')}"


def value_in_words(field: str, case: Mapping[str, Any]) -> str:
    """The answer to question ``field`` as ``case`` holds it, in plain words.

    Parameters
    ----------
    field : str
        A question's field (``age`` for ``age_days``/``age_years``).
    case : mapping
        The case so far.

    Returns
    -------
    str
        The answer in the question's own words (``"16 years"``, ``"nipple or
        areola"``); ``"Don't know"`` when the case does not hold it.
    """
    from milia.engine.plain_words import option_label

    if field == "age":
        if "age_days" in case:
            return _plural(float(case["age_days"]), "days")
        if "age_years" in case:
            return _plural(float(case["age_years"]), "years")
        return "Don't know"
    if field not in case:
        return "Don't know"
    value = case[field]
    if value is True or value is False:
        return "Yes" if value else "No"
    if isinstance(value, list):
        words = [option_label(field, v) for v in value]
        return ", ".join(words) if words else "None of these"
    if isinstance(value, (int, float)):
        unit = _UNITS.get(field, "")
        return _plural(float(value), unit) if unit else f"{value:g}"
    return option_label(field, value)


def answers_in_words(state: InterviewState) -> list[tuple[int | None, str, str]]:
    """Each answer given, in order, for "Your answers so far".

    Parameters
    ----------
    state : InterviewState
        The interview so far.

    Returns
    -------
    list of (int or None, str, str)
        ``(index, name, answer)``: ``index`` is the answer's place for "Change"
        (None when the form does not carry every answer in order, as from a client
        that sends only the case: then the case's fields are listed).
    """
    if state.in_order():
        return [
            (i, _name(a.field), value_in_words(a.field, state.case))
            for i, a in enumerate(state.answers)
        ]
    fields = ["age" if f in ("age_days", "age_years") else f for f in state.case]
    return [(None, _name(f), value_in_words(f, state.case)) for f in dict.fromkeys(fields)]


def _name(field: str) -> str:
    return FIELD_NAMES.get(field, field.replace("_", " ").capitalize())
