"""Reading a typed interview answer into case fields.

:func:`parse_answer` turns what a person types ("34 years old", "5 days",
"eyelids and cheeks", "pinhead", "whitish", "?") into the fields of the case
format, or raises :class:`milia.errors.CaseError` with the closest valid value
(a whole answer the caller may offer to confirm) so the caller can ask again.
Everyday words ("upper eyelid", "crusty", "a dozen", "half a mm", "six weeks")
are data in ``kb/data/model/plain_words.yaml``, read by
:mod:`milia.engine.plain_words`. Split from :mod:`milia.engine.interview`
(which re-exports :func:`parse_answer` and :data:`DONT_KNOW`).
"""

from __future__ import annotations

import math
import re
from typing import Any

from rapidfuzz.distance import Levenshtein

from milia.engine.answer_forms import hedges, leading_yes_no, named_values, spotted_values
from milia.engine.answer_nearest import nearest_answer, nearest_words, places_refused
from milia.engine.answer_numbers import range_ends, typed_number
from milia.engine.answer_signs import sign_answer, temperature_hint
from milia.engine.answer_time import duration_weeks, read_age
from milia.engine.case import (
    BOOLEAN_FIELDS,
    CATEGORICAL_FIELDS,
    LIST_FIELDS,
    NUMERIC_FIELDS,
    closest_value,
)
from milia.engine.plain_words import (
    choices,
    option_label,
    plain_value,
    says_dont_know,
    says_none,
    site_key,
    suggest,
    vague_choices,
    yes_no,
)
from milia.errors import CaseError, quoted

__all__ = ["DONT_KNOW", "as_text", "number_ends", "parse_answer"]

DONT_KNOW = frozenset(
    {"", "?", "skip", "unknown", "don't know", "dont know", "idk", "not sure", "n/a"}
)
_YES = frozenset({"y", "yes", "true", "1"})
_NO = frozenset({"n", "no", "false", "0"})
_ANSWERABLE = frozenset({*NUMERIC_FIELDS, *BOOLEAN_FIELDS, *CATEGORICAL_FIELDS, *LIST_FIELDS})
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


def parse_answer(field_name: str, text: object) -> dict[str, Any] | None:
    """Read a typed answer into case fields.

    Everyday words are read with the tables of ``kb/data/model/plain_words.yaml``
    ("upper eyelid", "crusty", "a dozen", "half a mm", "six weeks"). A word that
    names several values ("face", "hands") is not guessed: the error asks which.

    Returns
    -------
    dict or None
        The fields to add to the case (``{"age_days": 5}``, ``{"sites": [...]}``),
        or None for "don't know".

    Raises
    ------
    CaseError
        If the answer cannot be read. ``suggestion`` is then a whole answer to
        the same question that the caller may offer to confirm (a close
        spelling: "eylids, nose" -> "eyelids, nose"), or None when nothing is
        close.
    """
    if field_name != "age" and field_name not in _ANSWERABLE:
        raise CaseError(
            f"there is no question about {quoted(field_name)}",
            field=str(field_name),
            suggestion=closest_value(str(field_name), _ANSWERABLE)
            if isinstance(field_name, str)
            else None,
        )
    answer = " ".join(as_text(field_name, text).strip().lower().replace("\u2019", "'").split())
    # a sentence's full stop or "!" is no part of the answer: "Tiny blisters." is "tiny
    # blisters", "white." is white (session 11; they were refused and offered back)
    answer = answer.rstrip(".!").rstrip() or answer
    if answer in DONT_KNOW or says_dont_know(answer):
        return None
    if field_name == "age":
        return read_age(answer)
    if field_name in BOOLEAN_FIELDS:
        if answer in _YES:
            return {field_name: True}
        if answer in _NO:
            return {field_name: False}
        sign = sign_answer(field_name, answer)  # "not feeding well" is a yes (QA F9-01)
        if sign is not None:
            if sign:
                return {field_name: True}
            raise CaseError(
                "that answer names a warning sign and also sounds reassuring: "
                "answer yes or no (or ? if you don't know)",
                field=field_name,
                suggestion="yes",
            )
        said = yes_no(answer)
        if said is None:  # "yes he has a fever", "no, she is fine" (QA F8-37)
            said = leading_yes_no(answer)
        if said is not None:
            return {field_name: said}
        hint = temperature_hint(field_name)  # QA F10-01: "38.5" to "is the baby unwell?"
        raise CaseError(
            "answer yes or no (or ? if you don't know)" + (f"; {hint}" if hint else ""),
            field=field_name,
            suggestion="yes"
            if answer.startswith("y")
            else "no"
            if _typo_of_no(answer)
            else nearest_answer(field_name, answer),  # "he's fine": offered, QA F10-23
        )
    if field_name == "duration_weeks":
        duration = duration_weeks(answer)
        if duration is not None:
            return {field_name: duration}
    if field_name in NUMERIC_FIELDS:
        value: float | int = typed_number(field_name, answer)
        if NUMERIC_FIELDS[field_name][3]:
            # half up, the same for every range (QA F11-18: round() took "1-2" to 2
            # and "2-3" to 2, half to even)
            value = math.floor(value + 0.5)
        return {field_name: value}
    if field_name in LIST_FIELDS:
        return _list_answer(field_name, answer)
    return {field_name: _choice(field_name, answer)}


def _list_answer(field_name: str, answer: str) -> dict[str, Any] | None:
    """Items of a list field; a vague word is asked about, a typo suggested whole."""
    valid = LIST_FIELDS[field_name]
    found: list[str] = []
    corrected: list[str | None] = []  # the answer with each unknown item's closest value
    unknown: list[str] = []
    near_of: list[str | None] = []  # each unknown item's nearest value(s), comma-joined
    vague: list[tuple[str, tuple[str, ...]]] = []
    for typed in (t.strip() for t in _LIST_SPLIT.split(answer)):
        if not typed or says_none(typed):
            continue
        value, options = _list_item(field_name, typed, valid)
        if value is not None:
            found.append(value)
            corrected.append(value)
        elif options:
            vague.append((typed, options))
        else:
            unknown.append(typed)
            close = suggest(_item_key(field_name, typed), valid, field_name=field_name)
            spotted = ", ".join(spotted_values(field_name, typed))  # QA F9-07
            near = ", ".join(_nearest_item(field_name, typed))  # QA F10-23: "groin"
            corrected.append(close or spotted or near or None)
            near_of.append(corrected[-1])
    if vague:
        noun = "place" if field_name == "sites" else "answer"
        asks = "; ".join(  # the options in plain words, as the question lists them (F12-03)
            f"{quoted(typed)} is more than one {noun}: "
            + ", ".join(option_label(field_name, o) for o in options)
            for typed, options in vague
        )
        raise CaseError(f"{asks}. Which? (one or more, separated by commas)", field=field_name)
    if unknown:
        named = ", ".join(quoted(u) for u in unknown)
        whole = None if None in corrected else ", ".join(dict.fromkeys(c for c in corrected if c))
        if whole is None and not found and len(unknown) == 1:  # "no medicines": none?
            whole = nearest_answer(field_name, unknown[0])
        if field_name == "sites":  # QA F12-03: the word, what was understood, the nearest
            raise CaseError(
                places_refused(list(zip(unknown, near_of, strict=True)), found),
                field=field_name,
                # in the words the options show, which read back as the places
                suggestion=", ".join(option_label(field_name, v.strip()) for v in whole.split(","))
                if whole
                else None,
            )
        raise CaseError(  # plain words, not the field's name (QA F9-13)
            f"I did not recognise {named}; please choose from the answers listed "
            "(one or more, separated by commas; ? if you don't know)"
            + (f"; the nearest is {quoted(whole)}" if whole else ""),
            field=field_name,
            suggestion=whole,
        )
    items = list(dict.fromkeys(found))
    return {field_name: items} if items else None


# "no" is offered to confirm for a hedged no ("not really", plain_words.yaml) or a slip
# of it ("noo", "np"); any word starting with n was offered "no", so "nauseous" or
# "nose" to "is the baby unwell?" could be confirmed as no
_NO_WORDS = frozenset({"no", "not", "nope", "nah"})


def _typo_of_no(answer: str) -> bool:
    """Whether ``answer`` starts with a no-word or is one letter away from "no", and
    neither hedges nor qualifies it (:func:`~milia.engine.plain_words.hedges`)."""
    words = answer.replace(",", " ").split()
    if not words or hedges(answer):  # "no, not sure", "no fever but sleepy": no offer
        return False
    return words[0] in _NO_WORDS or Levenshtein.distance(answer, "no") <= 1


def _nearest_item(field_name: str, typed: str) -> tuple[str, ...]:
    """The options nearest to one typed item of a list ("groin" -> genitals), as typed
    or as its place words (:func:`~milia.engine.plain_words.site_key`)."""
    own = nearest_words().get(field_name, {})
    for key in dict.fromkeys((typed, _item_key(field_name, typed))):
        if key.rstrip(".!") in own:
            return own[key.rstrip(".!")]
    return ()


def _item_key(field_name: str, typed: str) -> str:
    return site_key(typed) if field_name == "sites" else typed


def _list_item(
    field_name: str, typed: str, valid: tuple[str, ...]
) -> tuple[str | None, tuple[str, ...]]:
    """One typed item: (its value, ()) or (None, the values a vague word may mean)."""
    for key in dict.fromkeys((typed, _item_key(field_name, typed))):
        as_value = _number_variant(key.replace(" ", "_").replace("-", "_"), valid)
        if as_value in valid:
            return as_value, ()
        if f"{as_value}_at_site" in valid:  # history: "burn", "tattoo", "blistering"
            return f"{as_value}_at_site", ()
        plain = plain_value(field_name, key)
        if plain is not None:
            return plain, ()
        options = vague_choices(field_name, key)
        if options:
            return None, options
    return None, ()


def _choice(field_name: str, answer: str) -> str:
    """One value of a categorical field, typed as the value or in plain words."""
    valid = choices(field_name)
    value_text = answer.replace(" ", "_").replace("-", "_")
    if value_text in valid:
        return value_text
    plain = plain_value(field_name, answer)
    if plain is not None:
        return plain
    # QA F8-27: "white-yellow", "white to yellow" are asked about (the first is offered),
    # as "cream" is; the message ends without "?" (the CLI adds a full stop)
    options = vague_choices(field_name, answer)
    named = options or named_values(field_name, answer)
    if len(named) == 1:  # "white and whitish"
        return named[0]
    if named:
        words = [option_label(field_name, o) for o in named]
        head = ", ".join(words[:-1])
        said = f"can mean {head} or {words[-1]}" if options else f"names {head} and {words[-1]}"
        raise CaseError(
            f"{quoted(answer)} {said}: please say which is closest",
            field=field_name,
            suggestion=None if options else named[0],
        )
    close = suggest(answer, valid, field_name=field_name)
    near = None if close is not None else nearest_answer(field_name, answer)  # QA F10-02
    raise CaseError(  # plain words, not the field's name (QA F9-13)
        f"I did not recognise {quoted(answer)}; please choose one of the answers listed "
        "(? if you don't know)" + (f"; the nearest is {quoted(near)}" if near else ""),
        field=field_name,
        # in the words the question shows ('smooth dome', not smooth_dome; QA F10-15)
        suggestion=option_label(field_name, close) if close else near,
    )


def number_ends(field_name: str, text: object) -> tuple[float, float] | None:
    """The two ends, low first, of a count or size typed as a range ("1-2", "one or two",
    "2-3 mm", "1 to 2 cm"), in the field's unit; None for anything else.

    :func:`parse_answer` reads a range as its middle; the interview reads the end whose
    result is more urgent when the two differ (QA F11-18: "1-2" bumps read as 2 dropped
    the single-bump flag of a 60-year-old). The reading is
    :func:`milia.engine.answer_numbers.range_ends`."""
    if field_name not in ("count", "diameter_mm"):
        return None
    answer = " ".join(as_text(field_name, text).strip().lower().split()).rstrip(".!").strip()
    return range_ends(field_name, answer)


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
