"""Advice shown beside a diary treatment that names home extraction (QA F9-05).

The diary records what people did, as written. When a treatment's words (its
``what`` and notes) name squeezing, popping, picking or extracting bumps, the web
diary and the API show the knowledge base's advice against extracting at home,
with its sources. The words and the advice item are data
(``kb/data/model/diary_words.yaml``, ``kb/data/model/advice.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from milia.engine.advice import advice_items
from milia.errors import KnowledgeBaseError
from milia.kb.loader import read_yaml

__all__ = ["DiaryWords", "diary_words", "treatment_advice"]

_FILE = "model/diary_words.yaml"


def _pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any of ``phrases`` as whole words (any run of spaces between words)."""
    alternatives = sorted(
        (r"\s+".join(re.escape(word) for word in phrase.lower().split()) for phrase in phrases),
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<![\w'-])(?:" + "|".join(alternatives) + r")(?![\w'-])")


@dataclass(frozen=True)
class DiaryWords:
    """The compiled word lists and the advice they show.

    Attributes
    ----------
    advice : dict
        The advice item (``id``, ``text``, ``sources``, ``evidence``), as an
        assessment's ``advice`` items.
    words, by_clinician, at_home : re.Pattern
        Home extraction; a clinician named (not at home); where it was done at home.
    """

    advice: dict[str, Any]
    words: re.Pattern[str]
    by_clinician: re.Pattern[str]
    at_home: re.Pattern[str]

    def names_home_extraction(self, text: str) -> bool:
        """True when ``text`` names extracting at home (see ``diary_words.yaml``).

        Parameters
        ----------
        text : str
            A treatment's words, as the user wrote them.

        Returns
        -------
        bool
            True when it names squeezing, popping, picking or extracting bumps,
            unless it names a clinician and not the home or the person as well
            (when unsure: True, and the advice is shown).
        """
        lowered = text.lower()
        if not self.words.search(lowered):
            return False
        return not self.by_clinician.search(lowered) or bool(self.at_home.search(lowered))


@cache
def diary_words() -> DiaryWords:
    """The diary's word lists, read once.

    Raises
    ------
    KnowledgeBaseError
        If the file lacks a list or names an advice item that does not exist.
    """
    raw = read_yaml(_FILE).get("home_extraction") or {}
    lists: dict[str, Sequence[str]] = {}
    for key in ("words", "by_clinician", "at_home"):
        value = raw.get(key)
        if not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise KnowledgeBaseError(f"{_FILE}: home_extraction.{key} must be a list of words")
        lists[key] = value
    wanted = raw.get("advice_item")
    found = [item for item in advice_items() if item.id == wanted]
    if not found:
        raise KnowledgeBaseError(f"{_FILE}: advice item {wanted!r} is not in model/advice.yaml")
    return DiaryWords(
        advice=found[0].as_dict(),
        words=_pattern(lists["words"]),
        by_clinician=_pattern(lists["by_clinician"]),
        at_home=_pattern(lists["at_home"]),
    )


def treatment_advice(what: str, notes: str = "") -> list[dict[str, Any]]:
    """The advice to show beside a treatment: ``[]``, or the home-extraction item.

    Parameters
    ----------
    what, notes : str
        The treatment's words as the user wrote them.

    Returns
    -------
    list of dict
        Items ``{"id", "text", "sources", "evidence"}`` (copies).
    """
    words = diary_words()
    if words.names_home_extraction(f"{what}\n{notes}"):
        return [{**words.advice, "sources": list(words.advice["sources"])}]
    return []
