"""The nearest option of an everyday answer that names none (QA F10-02, F10-23).

"black" to the colour question, "nappy area" to where the bumps are, "he's
fine" to "is the baby unwell?", "no medicines" to the medicines list name no
option of the case format exactly, but one is nearest. ``nearest_words`` of
``kb/data/model/plain_words.yaml`` says which; the interview offers it to
confirm ("Did you mean 'brown'?") and never takes it by itself: the answer is
refused (:class:`milia.errors.CaseError` with the nearest as its
``suggestion``), so a case only holds what the person confirmed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from milia.engine.case import BOOLEAN_FIELDS, LIST_FIELDS
from milia.engine.plain_words import choices, option_label, table
from milia.errors import KnowledgeBaseError, quoted

__all__ = [
    "ANY_LIST",
    "YES_NO",
    "check_nearest",
    "nearest_answer",
    "nearest_words",
    "places_refused",
]

#: ``nearest_words`` key for words offered to any yes/no question ("he's fine" -> no)
YES_NO = "yes_no"
#: ``nearest_words`` key for words offered to any list question ("no medicines" -> none)
ANY_LIST = "lists"


def _allowed(field: str) -> tuple[str, ...]:
    if field == YES_NO or field in BOOLEAN_FIELDS:
        return ("yes", "no")
    if field == ANY_LIST:
        return ("none",)
    return choices(field)


def check_nearest(raw: Mapping[str, Any]) -> dict[str, dict[str, tuple[str, ...]]]:
    """``nearest_words`` as ``{field: {words: values}}``, each value checked.

    Raises
    ------
    KnowledgeBaseError
        For a field with no options or a value that is not one of them.
    """
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for field, words in raw.items():
        allowed = _allowed(str(field))
        if not allowed:
            raise KnowledgeBaseError(f"plain_words.yaml nearest_words: no options for {field!r}")
        out[str(field)] = {}
        for word, values in words.items():
            listed = (values,) if isinstance(values, str) else tuple(values)
            wrong = [v for v in listed if v not in allowed]
            many = len(listed) > 1 and str(field) not in LIST_FIELDS
            if not listed or wrong or many:
                raise KnowledgeBaseError(
                    f"plain_words.yaml nearest_words: {field}.{word} must name "
                    f"{'options' if field in LIST_FIELDS else 'one option'} of {field} "
                    f"(not {wrong or listed})"
                )
            out[str(field)][" ".join(str(word).lower().split())] = listed
    return out


@cache
def nearest_words() -> dict[str, dict[str, tuple[str, ...]]]:
    """``nearest_words`` of ``plain_words.yaml``, checked (read once)."""
    return check_nearest(table().get("nearest_words", {}))


def nearest_values(field_name: str, words: str) -> tuple[str, ...]:
    """The option(s) nearest to ``words`` (lower case, single-spaced), or ``()``."""
    table_ = nearest_words()
    words = words.rstrip(".!")
    found = table_.get(field_name, {}).get(words)
    if found:
        return found
    if field_name in BOOLEAN_FIELDS:
        return table_.get(YES_NO, {}).get(words, ())
    if field_name in LIST_FIELDS:
        return table_.get(ANY_LIST, {}).get(words, ())
    return ()


def nearest_answer(field_name: str, words: str) -> str | None:
    """The nearest option as the answer to offer ("brown", "dimple in the middle",
    "forehead, nose, chin", "no", "none"), or None when the table has none.

    Options are given in the words the question shows them (:func:`option_label`),
    which read back as the option.
    """
    values = nearest_values(field_name, words) or _gestation(field_name, words)
    if not values:
        return None
    return ", ".join(option_label(field_name, v) for v in values)


# "born at 32 weeks", "34 weeks", "34 weeks of pregnancy"; "5 weeks early"
_AT_WEEKS = re.compile(
    r"^(?:born )?(?:at )?(\d{2}) ?(?:weeks?|wks?|w)(?: of pregnancy| gestation)?$"
)
_WEEKS_EARLY = re.compile(r"^(?:born )?(\d{1,2}) ?(?:weeks?|wks?) (?:early|premature|prem)$")


def _gestation(field_name: str, words: str) -> tuple[str, ...]:
    """A gestational age to "was the baby born early?" as yes or no (``gestation`` of
    ``plain_words.yaml``: under ``early_below_weeks`` a yes), or ``()``."""
    spec = table().get("gestation", {}).get(field_name)
    if spec is None:
        return ()
    at, early = _AT_WEEKS.match(words), _WEEKS_EARLY.match(words)
    if at:
        weeks = float(at[1])
    elif early:
        weeks = float(spec["due_weeks"]) - float(early[1])
    else:
        return ()
    return ("yes",) if weeks < float(spec["early_below_weeks"]) else ("no",)


def places_refused(unknown: list[tuple[str, str | None]], found: list[str]) -> str:
    """Why a list of places was refused (QA F12-03): each word not understood, with the
    nearest places it may mean (``(typed, values or None)``: plain_words.yaml
    nearest_words or a close spelling), and the places that were understood, so the
    person retypes only what was missing."""
    words = []
    for typed, near in unknown:
        labels = ", ".join(option_label("sites", v.strip()) for v in (near or "").split(",") if v)
        words.append(
            f"{quoted(typed)} (the nearest places I know: {labels})"
            if labels
            else f"{quoted(typed)} (no place I know is close: pick the nearest from the list)"
        )
    kept = ", ".join(option_label("sites", v) for v in dict.fromkeys(found))
    return (
        f"I did not recognise {'; '.join(words)}"
        + (f"; understood: {kept}" if kept else "")
        + ". Say the places again (one or more, separated by commas; ? if you don't know)"
    )
