"""Answers that say more than one thing (QA F8-27, F8-37): two values of a choice in
one answer ("white-yellow", "yellowish white") and a yes or no that goes on ("yes he
has a fever"), with what makes such an answer unsure ("no, not sure", "no fever but
sleepy"). Read by :mod:`milia.engine.answers`; the words are data in
``kb/data/model/plain_words.yaml`` (:mod:`milia.engine.plain_words`).
"""

from __future__ import annotations

import re
from functools import cache

from milia.engine.plain_words import (
    choices,
    dont_know_phrases,
    plain_value,
    table,
    vague_choices,
)
from milia.errors import KnowledgeBaseError

__all__ = ["hedges", "leading_yes_no", "named_values", "spotted_values"]

# words that join two answers to one choice: "white and yellow", "white to yellow",
# "white/yellow" (QA F8-27); a hyphen ("white-yellow") only when these give nothing
_JOINERS = re.compile(r"\s*(?:\band\b|\bor\b|\bto\b|\bwith\b|[/,&+])\s*")
_HYPHEN = re.compile(r"\s*-\s*")


def _one_part(field_name: str, words: str) -> tuple[str, ...]:
    """The values one part of an answer names: a value, plain words, or a vague word's."""
    value = words.replace(" ", "_").replace("-", "_")
    if value in choices(field_name):
        return (value,)
    plain = plain_value(field_name, words)
    return (plain,) if plain is not None else vague_choices(field_name, words)


def named_values(field_name: str, words: str) -> tuple[str, ...]:
    """The values of a choice that ``words`` (lower case, single-spaced) name together,
    the leading one first; empty unless every part names a value (QA F8-27).

    "white-yellow", "white and yellow", "white to yellow" lead with white (the first
    named); "yellowish white" with white (the last word is the colour, the first says
    how it leans). A vague part ("cream") brings the values it may mean.
    """
    for pattern in (_JOINERS, _HYPHEN):
        parts = [p for p in pattern.split(words) if p]
        if len(parts) > 1:
            read = [_one_part(field_name, p) for p in parts]
            if all(read):
                return tuple(dict.fromkeys(v for values in read for v in values))
    tokens = words.split()
    for cut in range(1, len(tokens)):
        lean = _one_part(field_name, " ".join(tokens[:cut]))
        head = _one_part(field_name, " ".join(tokens[cut:]))
        if lean and head:
            return tuple(dict.fromkeys((*head, *lean)))
    return ()


_YES_FIRST = frozenset({"yes", "yeah", "yep", "yup", "y"})
_NO_FIRST = frozenset({"no", "nope", "nah", "n"})
# after a no, these words qualify it: "no fever, but he is very sleepy" is not a no
_QUALIFIERS = frozenset({"but", "except", "although", "though", "however", "apart"})


def hedges(words: str) -> bool:
    """Whether an answer hedges (a ``dont_know_words`` phrase anywhere: "no, not sure")
    or qualifies what it says ("but", "except": "no fever but sleepy")."""
    tokens = re.findall(r"[a-z']+", words)
    said = f" {' '.join(tokens)} "
    return bool(_QUALIFIERS.intersection(tokens)) or any(
        f" {phrase} " in said for phrase in dont_know_phrases()
    )


def leading_yes_no(words: str) -> bool | None:
    """Yes or no from an answer that begins with a yes/no word and goes on ("yes he
    has a fever", "no, she is fine"; QA F8-37), else None.

    None also when the answer hedges anywhere (a ``dont_know_words`` phrase: "no,
    not sure", "yes maybe"), names the other word too ("yes and no", "yes, not
    really") or qualifies a no ("no, but he is feeding poorly"): those are asked
    again, as before.
    """
    tokens = re.findall(r"[a-z']+", words)
    if len(tokens) < 2 or tokens[0] not in _YES_FIRST | _NO_FIRST or hedges(words):
        return None
    yes = tokens[0] in _YES_FIRST
    rest = set(tokens[1:])
    other = _NO_FIRST | {"not", "never"} if yes else _YES_FIRST | _QUALIFIERS
    return None if rest & other else yes


@cache
def _keywords(field_name: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """``list_keywords`` of one list field: (words, value) pairs, checked values."""
    out: list[tuple[tuple[str, ...], str]] = []
    for value, words in table().get("list_keywords", {}).get(field_name, {}).items():
        if value not in choices(field_name):
            raise KnowledgeBaseError(
                f"plain_words.yaml list_keywords: {value!r} is no {field_name}"
            )
        out.extend((tuple(re.findall(r"[a-z0-9'-]+", str(w).lower())), value) for w in words)
    return tuple(out)


def spotted_values(field_name: str, words: str) -> tuple[str, ...]:
    """The values whose ``list_keywords`` appear as whole words in a longer answer to a
    list question ("burned it on the oven" -> burn_at_site; QA F9-07), in the order
    of the answer; only ever offered to confirm ("no burns" holds "burns" too)."""
    tokens = re.findall(r"[a-z0-9'-]+", words.lower())
    found: dict[int, str] = {}
    # "steroid tablets" is not a steroid cream (plain_words.yaml keyword_exclusions, F12-08)
    excluded = table().get("keyword_exclusions", {}).get(field_name, {})
    for phrase, value in _keywords(field_name):
        if set(tokens) & set(excluded.get(value, ())):
            continue
        n = len(phrase)
        for i in range(len(tokens) - n + 1):
            if tuple(tokens[i : i + n]) == phrase:
                found.setdefault(i, value)
    return tuple(dict.fromkeys(found[i] for i in sorted(found)))
