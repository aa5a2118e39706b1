"""A yes said in the question's own terms (QA F9-01).

"Is the baby unwell (fever, floppy, feeding poorly)?" answered "not feeding well",
"she has a fever" or "no appetite" is a yes; the yes/no reading of
:mod:`milia.engine.answers` took the first two for an unreadable answer or a
hedged no, and the third for a plain no. The words are data in
``kb/data/model/plain_words.yaml`` (``sign_words``, ``sign_negations``,
``sign_reassurances``): a sign word counts unless a negation word stands just
before it ("no fever", "not sleepy", "doesn't hurt"), a negation carrying on over
"or" ("no vomiting or fever"). When the answer also reassures ("temperature is
fine") the yes is only offered to confirm, never taken and never turned into a no.

QA F10-01: a temperature typed as a number ("38.5", "temp 39", "he is hot, 38.6") is
a sign too when it reaches the fever threshold of ``sign_temperatures`` (38 C or
100.4 F, with its source); a body temperature below it ("37.2") reassures, as
"fine" does. A number outside the ranges of body temperature (a count, an age) is
neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from milia.engine.plain_words import table
from milia.errors import KnowledgeBaseError

__all__ = ["Fever", "sign_answer", "sign_fields", "temperature_hint"]

_WORD = re.compile(r"[a-z0-9']+(?:\.\d+)?")
_WINDOW = 2  # a negation counts up to two words before the sign ("doesn't seem sleepy")
_CARRIES = frozenset({"or", "nor"})  # "no vomiting or fever": neither
# a number typed with an optional unit letter: "38.5", "38c", "101f" (_WORD splits "38.5c")
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)([cf]?)")


@dataclass(frozen=True)
class Fever:
    """Where a typed number is a fever for one field (``sign_temperatures``).

    Numbers from ``lowest_c`` up to ``highest_c`` read as degrees Celsius, from
    ``lowest_f`` up to ``highest_f`` as Fahrenheit (a unit letter picks one scale);
    a fever is at least ``fever_c`` (C) or ``fever_f`` (F).
    """

    fever_c: float
    fever_f: float
    lowest_c: float
    highest_c: float
    lowest_f: float
    highest_f: float
    hint: str

    def reading(self, token: str, after: str) -> tuple[bool | None, int]:
        """Whether ``token`` (and a unit letter ``after`` it: "38.5 c") is a fever (True),
        a body temperature below it (False) or no temperature (None), and how many
        tokens it takes."""
        found = _NUMBER.fullmatch(token)
        if found is None:
            return None, 1
        value, letter = float(found.group(1)), found.group(2)
        taken = 1
        if not letter and after in ("c", "f"):
            letter, taken = after, 2
        if letter != "f" and self.lowest_c <= value <= self.highest_c:
            return value >= self.fever_c, taken
        if letter != "c" and self.lowest_f <= value <= self.highest_f:
            return value >= self.fever_f, taken
        return None, 1


def _word_tuples(words: object, where: str) -> frozenset[tuple[str, ...]]:
    """A YAML list of phrases as word tuples; anything else is a knowledge-base error."""
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise KnowledgeBaseError(f"plain_words.yaml {where}: a list of words")
    return frozenset(tuple(_WORD.findall(w.lower())) for w in words)


def _phrases(key: str) -> frozenset[tuple[str, ...]]:
    return _word_tuples(table().get(key, []), key)


@cache
def _signs() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Per boolean field, its sign phrases as word tuples, longest first."""
    raw = table().get("sign_words", {})
    if not isinstance(raw, dict):
        raise KnowledgeBaseError("plain_words.yaml sign_words: a mapping of field to words")
    return {
        str(field): tuple(sorted(_word_tuples(words, f"sign_words.{field}"), key=len, reverse=True))
        for field, words in raw.items()
    }


@cache
def _negations() -> frozenset[str]:
    return frozenset(p[0] for p in _phrases("sign_negations") if len(p) == 1)


@cache
def _reassurances() -> frozenset[tuple[str, ...]]:
    return _phrases("sign_reassurances")


@cache
def _fevers() -> dict[str, Fever]:
    """``sign_temperatures``: per boolean field, where a typed number is a fever."""
    raw = table().get("sign_temperatures", {})
    if not isinstance(raw, dict):
        raise KnowledgeBaseError("plain_words.yaml sign_temperatures: a mapping of field to ranges")
    out: dict[str, Fever] = {}
    for name, spec in raw.items():
        try:
            fever = Fever(
                fever_c=float(spec["fever_c"]),
                fever_f=float(spec["fever_f"]),
                lowest_c=float(spec["body_c"][0]),
                highest_c=float(spec["body_c"][1]),
                lowest_f=float(spec["body_f"][0]),
                highest_f=float(spec["body_f"][1]),
                hint=str(spec["hint"]),
            )
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            raise KnowledgeBaseError(
                f"plain_words.yaml sign_temperatures.{name}: fever_c, fever_f, body_c "
                f"[low, high], body_f [low, high] and hint ({exc})"
            ) from None
        inside = fever.lowest_c <= fever.fever_c <= fever.highest_c
        if not (inside and fever.lowest_f <= fever.fever_f <= fever.highest_f):
            raise KnowledgeBaseError(
                f"plain_words.yaml sign_temperatures.{name}: a fever inside the body ranges"
            )
        out[str(name)] = fever
    return out


def temperature_hint(field_name: str) -> str | None:
    """How to answer ``field_name`` when a temperature is what the person knows
    ("a temperature of 38 C (100.4 F) or more is a yes"), or None."""
    fever = _fevers().get(field_name)
    return None if fever is None else fever.hint


def sign_fields() -> frozenset[str]:
    """The yes/no questions with sign words of their own."""
    return frozenset(_signs())


def sign_answer(field_name: str, words: str) -> bool | None:
    """Whether ``words`` (lower case) name a sign of ``field_name`` that is not negated.

    Returns
    -------
    bool or None
        True when a sign is said and nothing in the answer reassures (take it as
        yes); False when a sign is said *and* the answer reassures ("temperature is
        fine": offer yes to confirm); None when no sign is said, or every one said
        is negated ("no fever"): the ordinary yes/no reading decides.
    """
    phrases = _signs().get(field_name)
    if not phrases:
        return None
    fever = _fevers().get(field_name)
    tokens = _WORD.findall(words)
    negations = _negations()
    said = False
    normal = False  # a body temperature below the fever threshold ("37.2")
    rest: list[str] = []
    negated_run = False  # a negation still in force ("no vomiting or fever")
    i = 0
    while i < len(tokens):
        match = next((p for p in phrases if tuple(tokens[i : i + len(p)]) == p), None)
        if match is None and fever is not None:
            hot, taken = fever.reading(tokens[i], tokens[i + 1] if i + 1 < len(tokens) else "")
            if hot:
                match = tuple(tokens[i : i + taken])  # a sign, negated as words are
            elif hot is not None:
                normal = True
                i += taken
                continue
        if match is None:
            if tokens[i] not in _CARRIES:
                negated_run = False
            rest.append(tokens[i])
            i += 1
            continue
        before = tokens[max(0, i - _WINDOW) : i]
        negated = negated_run or bool(negations.intersection(before))
        said = said or not negated
        negated_run = negated
        i += len(match)
    if not said:
        return None
    plain = f" {' '.join(rest)} "
    reassures = normal or any(f" {' '.join(p)} " in plain for p in _reassurances())
    return not reassures
