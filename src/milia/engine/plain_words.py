"""Everyday words for the interview's answers (``kb/data/model/plain_words.yaml``).

The tables say which typed words name a value of the case format ("upper
eyelid" is ``eyelids``, "crusty" is ``crusted``, "a dozen" is 12), which words
name several values and are asked about instead of guessed ("face", "hands"),
numbers in words ("six weeks", "half a mm") and hints for an age in words
("teen"). Every value is checked against the case format when a table is read.
:mod:`milia.engine.answers` uses them; this module holds no I/O beyond reading
the packaged table.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from rapidfuzz import fuzz, process

from milia.engine.case import CATEGORICAL_FIELDS, LIST_FIELDS
from milia.engine.vocabulary import ALIASES, NO_GUESS
from milia.errors import KnowledgeBaseError
from milia.kb.loader import read_yaml

__all__ = [
    "age_hint",
    "choices",
    "dont_know_phrases",
    "option_label",
    "plain_count",
    "plain_count_of_units",
    "plain_size_mm",
    "plain_value",
    "says_dont_know",
    "says_hesitant",
    "says_none",
    "site_key",
    "suggest",
    "table",
    "vague_choices",
    "vague_count",
    "words_to_digits",
    "yes_no",
]

PLAIN_FILE = "model/plain_words.yaml"
# a suggestion must be a likely typo (edit-distance similarity, 0-100): 'eylids' is
# 92 from eyelids, 'about a dozen' 60 from abdomen (QA F6-01: no guess on nonsense)
SUGGEST_CUTOFF = 80.0
# longer than any value plus a typo: no suggestion (QA F6-09: a 1 MB answer)
_LONGEST_GUESS = 100
# words around a place that do not change it: "on the left cheek", "all over my face"
_SITE_FILLER = frozenset(
    {
        "the",
        "my",
        "his",
        "her",
        "their",
        "its",
        "our",
        "your",
        "both",
        "left",
        "right",
        "on",
        "in",
        "at",
        "all",
        "over",
        "whole",
        "entire",
        "area",
        "region",
        "skin",
        "baby's",
        "babys",
        "just",
        "mostly",
        "mainly",
    }
)
# "skin above the lip" keeps its "skin" (the upper lip's skin, not the lips' red part)
_KEEP_SKIN = ("skin above",)
# how many are there, said before or after a place ("a few on the chin", "lots of them on
# the nose", "some on the cheeks too"): dropped at the start and the end only, so no
# place name loses a word ("roof of the mouth") (QA F12-03)
_SITE_QUANTITY_LEAD = frozenset(
    {"a", "few", "some", "lots", "lot", "loads", "of", "them", "couple", "several", "many"}
    | {"more", "also", "plus", "and", "bit", "little", "one", "two", "three", "most"}
)
_SITE_QUANTITY_TAIL = frozenset({"too", "also", "as", "well", "mostly", "mainly"})


def choices(field_name: str) -> tuple[str, ...]:
    """The case format's values of a categorical or list field (empty for others)."""
    if field_name in CATEGORICAL_FIELDS:
        return CATEGORICAL_FIELDS[field_name]
    return LIST_FIELDS.get(field_name, ())


def table() -> dict[str, Any]:
    """The whole packaged table (read once): for modules that read a section of their own."""
    read: dict[str, Any] = read_yaml(PLAIN_FILE)
    return read


_table = table


@cache
def _plain_words() -> dict[str, dict[str, str]]:
    """``plain_words``: per field, typed word -> value (checked against the choices)."""
    out: dict[str, dict[str, str]] = {}
    for name, words in _table().get("plain_words", {}).items():
        for word, value in words.items():
            if value not in choices(name):
                raise KnowledgeBaseError(f"plain_words.yaml: {word!r} names no {name} value")
        out[name] = {" ".join(str(k).lower().split()): str(v) for k, v in words.items()}
    return out


@cache
def _vague_words() -> dict[str, dict[str, tuple[str, ...]]]:
    """``vague_words``: per field, typed word -> the values it may mean (checked)."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for name, words in _table().get("vague_words", {}).items():
        out[name] = {}
        for word, values in words.items():
            unknown = [v for v in values if v not in choices(name)]
            if unknown or len(values) < 2:
                raise KnowledgeBaseError(
                    f"plain_words.yaml vague_words: {word!r} must name two or more "
                    f"{name} values (unknown: {unknown})"
                )
            out[name][" ".join(str(word).lower().split())] = tuple(values)
    return out


def plain_value(field_name: str, words: str) -> str | None:
    """The value plain ``words`` name (already lower case, single-spaced), or None.

    The project's value aliases (``armpit`` for ``axillae``) count too.
    """
    value = _plain_words().get(field_name, {}).get(words) or _labelled(field_name, words)
    if value is not None:
        return value
    alias = ALIASES.get(words.replace(" ", "_").replace("-", "_"))
    return alias if alias is not None and alias in choices(field_name) else None


def _labelled(field_name: str, words: str) -> str | None:
    """The value whose option label (:func:`option_label`) ``words`` is: what the
    question showed is read back as its value (QA F7-30, F8-09)."""
    labels = _option_labels().get(field_name, {})
    found = [v for v, label in labels.items() if " ".join(label.lower().split()) == words]
    return found[0] if found else None


def vague_choices(field_name: str, words: str) -> tuple[str, ...]:
    """The values a vague word may mean ("face": eyelids, cheeks, ...); empty if none."""
    return _vague_words().get(field_name, {}).get(words, ())


def site_key(item: str) -> str:
    """A typed place without the words that do not change it, single-spaced."""
    words = item.lower().replace("_", " ").split()
    while len(words) > 1 and words[0] in _SITE_QUANTITY_LEAD:
        words = words[1:]
    while len(words) > 1 and words[-1] in _SITE_QUANTITY_TAIL:
        words = words[:-1]
    keep = words[:1] if " ".join(words).startswith(_KEEP_SKIN) else []
    return " ".join(keep + [w for w in words[len(keep) :] if w not in _SITE_FILLER])


def suggest(typed: str, valid: tuple[str, ...], *, field_name: str = "") -> str | None:
    """The value ``typed`` most likely misspells, or None when nothing is close.

    Plain words of ``field_name`` are candidates too ("uper eyelid" -> eyelids);
    only close spellings are offered, never a guess on other words.
    """
    key = typed.strip().lower().replace("-", " ").replace("_", " ")
    if len(key) > _LONGEST_GUESS or key.replace(" ", "_") in NO_GUESS:
        return None
    candidates: dict[str, str] = {v.replace("_", " "): v for v in valid}
    for word, value in _plain_words().get(field_name, {}).items():
        candidates.setdefault(word, value)
    found = process.extractOne(
        key, list(candidates), scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF
    )
    if found is not None:
        return candidates[str(found[0])]
    # whole words of exactly one value: "pemphigoid" -> bullous_pemphigoid
    words = key.split()
    holding = [v for v in valid if _has_words(v.split("_"), words)]
    return holding[0] if len(holding) == 1 else None


def _has_words(value: list[str], words: list[str]) -> bool:
    """Whether ``words`` appear in ``value`` as a run of whole words."""
    n = len(words)
    return n > 0 and any(value[i : i + n] == words for i in range(len(value) - n + 1))


@cache
def _number_words() -> tuple[dict[str, float], dict[str, float]]:
    table = _table()
    words = {str(k): float(v) for k, v in table.get("number_words", {}).items()}
    multipliers = {str(k): float(v) for k, v in table.get("number_multipliers", {}).items()}
    return words, multipliers


_TOKEN = re.compile(r"[a-z]+|[^a-z\s]+")
_ARTICLE = frozenset({"a", "an"})


def words_to_digits(text: str, *, units: frozenset[str] = frozenset()) -> str:
    """``text`` with numbers in words written as digits.

    "six weeks" -> "6 weeks", "twenty five" -> "25", "two dozen" -> "24",
    "a hundred" -> "100", "half a mm" -> "0.5 mm". "a"/"an" counts as one only
    before a multiplier or one of ``units`` ("a week"); other words stay.
    """
    words, multipliers = _number_words()
    tokens = text.split()
    out: list[str] = []
    value: float | None = None
    i = 0
    while i < len(tokens):
        token = tokens[i].strip("-")
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        parts = token.split("-")
        if token == "and" and value is not None and nxt in words:  # "a hundred and five"
            i += 1
            continue
        if all(p in words for p in parts) and token:  # "twenty-five"
            value = (value or 0.0) + sum(words[p] for p in parts)
        elif token in multipliers:
            value = (1.0 if value is None else value) * multipliers[token]
        elif token in _ARTICLE and (nxt in multipliers or nxt.rstrip("s") in units):
            value = (value or 0.0) + 1.0
        elif token == "half" and nxt in _ARTICLE and value is None:
            # "half a mm", "half a dozen": 0.5 of what follows
            after = tokens[i + 2] if i + 2 < len(tokens) else ""
            scale = multipliers.get(after)
            if scale is not None:
                out.append(_number_text(0.5 * scale))
                i += 3
                continue
            out.append("0.5")
            i += 2
            continue
        else:
            if value is not None:
                out.append(_number_text(value))
                value = None
            out.append(tokens[i])
        i += 1
    if value is not None:
        out.append(_number_text(value))
    return " ".join(out)


def _number_text(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


@cache
def _plain_counts() -> dict[str, int]:
    table = _table().get("plain_counts", {})
    return {" ".join(str(k).split()): int(v) for k, v in table.items()}


def plain_count(words: str) -> int | None:
    """A count in everyday words ("a few", "dozens"), or None."""
    return _plain_counts().get(words)


def plain_count_of_units(text: str, *, units: frozenset[str]) -> str:
    """``text`` with a count in words before a unit as digits ("a few days" -> "3 days")."""
    for phrase, value in sorted(_plain_counts().items(), key=lambda kv: -len(kv[0])):
        rest = text.removeprefix(phrase + " ")
        if rest != text and rest.rstrip("s") in units:
            return f"{value} {rest}"
    return text


def vague_count(words: str) -> bool:
    """Whether ``words`` is a count too vague to read ("many", "lots")."""
    return words in frozenset(str(w) for w in _table().get("vague_counts", ()))


@cache
def _plain_sizes() -> dict[str, float]:
    table = _table().get("plain_sizes_mm", {})
    return {" ".join(str(k).split()): float(v) for k, v in table.items()}


def plain_size_mm(words: str) -> float | None:
    """A size in everyday words ("pinhead", "less than 1"), in mm, or None."""
    return _plain_sizes().get(words)


@cache
def _age_hints() -> dict[str, str]:
    return {str(k): str(v) for k, v in _table().get("age_hints", {}).items()}


def age_hint(words: str) -> str | None:
    """How to give an age typed in words ("teen"), or None."""
    return _age_hints().get(words)


@cache
def _yes_no() -> dict[str, bool]:
    table = _table().get("plain_yes_no", {})
    out: dict[str, bool] = {}
    for key, words in table.items():
        if key not in ("yes", "no"):
            raise KnowledgeBaseError(f"plain_words.yaml plain_yes_no: {key!r} is not yes or no")
        out.update({" ".join(str(w).split()): key == "yes" for w in words})
    return out


def yes_no(words: str) -> bool | None:
    """Yes or no in everyday words ("yep", "a little", "nope"), or None."""
    return _yes_no().get(words)


@cache
def _none_words() -> frozenset[str]:
    return frozenset(" ".join(str(w).lower().split()) for w in _table().get("none_words", ()))


def says_none(words: str) -> bool:
    """Whether ``words`` answer a list question with "none" ("nothing", "none of these",
    "no, none": QA F10-23, that was kept as "don't know")."""
    if words in _none_words():
        return True
    parts = [p.strip() for p in words.split(",")]
    return len(parts) > 1 and all(p in _none_words() for p in parts)


@cache
def dont_know_phrases() -> frozenset[str]:
    """``dont_know_words``: phrases that say "don't know" (lower case, single-spaced)."""
    return frozenset(" ".join(str(w).lower().split()) for w in _table().get("dont_know_words", ()))


def says_dont_know(words: str) -> bool:
    """Whether ``words`` say "don't know" ("no idea", "not sure", "can't remember"),
    a final full stop or exclamation mark aside."""
    return words.rstrip(".!") in dont_know_phrases() or words in dont_know_phrases()


@cache
def _hesitant_phrases() -> frozenset[str]:
    """``hesitant_words``: phrases that say "not sure" (lower case, single-spaced)."""
    return frozenset(" ".join(str(w).lower().split()) for w in _table().get("hesitant_words", ()))


def says_hesitant(words: str) -> bool:
    """Whether ``words`` say the person is not sure ("maybe", "not sure", "I think so";
    QA F15-03), a final full stop, exclamation or question mark aside."""
    said = " ".join(words.lower().split())
    return said in _hesitant_phrases() or said.rstrip(".!?") in _hesitant_phrases()


@cache
def _option_labels() -> dict[str, dict[str, str]]:
    table = _table().get("option_labels", {})
    return {str(f): {str(v): str(w) for v, w in labels.items()} for f, labels in table.items()}


def option_label(field: str, value: object) -> str:
    """An option of question ``field`` in plain words ("armpits" for ``axillae``; QA
    F7-30): ``option_labels`` of ``plain_words.yaml``, else the value with spaces."""
    text = str(value)
    return _option_labels().get(field, {}).get(text, text.replace("_", " "))
