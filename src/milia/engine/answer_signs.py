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
"""

from __future__ import annotations

import re
from functools import cache

from milia.engine.plain_words import table
from milia.errors import KnowledgeBaseError

__all__ = ["sign_answer", "sign_fields"]

_WORD = re.compile(r"[a-z0-9']+(?:\.\d+)?")
_WINDOW = 2  # a negation counts up to two words before the sign ("doesn't seem sleepy")
_CARRIES = frozenset({"or", "nor"})  # "no vomiting or fever": neither


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
    tokens = _WORD.findall(words)
    negations = _negations()
    said = False
    rest: list[str] = []
    negated_run = False  # a negation still in force ("no vomiting or fever")
    i = 0
    while i < len(tokens):
        match = next((p for p in phrases if tuple(tokens[i : i + len(p)]) == p), None)
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
    reassures = any(f" {' '.join(p)} " in plain for p in _reassurances())
    return not reassures
