"""Advice shown beside a diary treatment (QA F9-05, F11-06).

The diary records what people did, as written. When a treatment's words (its
``what`` and notes) name squeezing, popping, picking or extracting bumps, the web
diary and the API show the knowledge base's advice against extracting at home,
with its sources; a steroid cream gets the cited line that such medicines have been
linked to milia, and a cream on a baby that babies' milia need no treatment. The
words and the advice items are data (``kb/data/model/diary_words.yaml``,
``kb/data/model/advice.yaml``).
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

__all__ = ["DiaryWords", "diary_words", "home_extraction", "treatment_advice"]

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
    baby_advice : dict or None
        The item shown instead of ``advice`` when the words name a baby.
    baby_words : re.Pattern or None
        Words that name a baby (QA F14-05).
    others : tuple of (dict, tuple of re.Pattern)
        The other advice items (``other_advice``), each with the word lists that
        must all match for it to show.
    """

    advice: dict[str, Any]
    words: re.Pattern[str]
    by_clinician: re.Pattern[str]
    at_home: re.Pattern[str]
    others: tuple[tuple[dict[str, Any], tuple[re.Pattern[str], ...]], ...] = ()
    baby_advice: dict[str, Any] | None = None
    baby_words: re.Pattern[str] | None = None

    def extraction_advice(self, text: str) -> dict[str, Any]:
        """The home-extraction item for ``text``: the babies' one when it names a baby.

        Parameters
        ----------
        text : str
            A treatment's words, as the user wrote them.

        Returns
        -------
        dict
            An advice item (``id``, ``text``, ``sources``, ``evidence``).
        """
        names_baby = self.baby_words is not None and self.baby_words.search(text.lower())
        return self.baby_advice if names_baby and self.baby_advice else self.advice

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
    data = read_yaml(_FILE)
    raw = data.get("home_extraction") or {}
    lists: dict[str, Sequence[str]] = {}
    for key in ("words", "by_clinician", "at_home"):
        lists[key] = _words(raw.get(key), f"home_extraction.{key}")
    others = []
    for n, entry in enumerate(data.get("other_advice") or ()):
        groups = entry.get("all_of") or ()
        if not groups:
            raise KnowledgeBaseError(f"{_FILE}: other_advice[{n}].all_of must list word lists")
        patterns = tuple(
            _pattern(_words(group, f"other_advice[{n}].all_of[{k}]"))
            for k, group in enumerate(groups)
        )
        others.append((_advice(entry.get("advice_item")), patterns))
    baby_item = raw.get("baby_advice_item")
    return DiaryWords(
        baby_advice=_advice(baby_item) if baby_item else None,
        baby_words=_pattern(_words(raw.get("baby_words"), "home_extraction.baby_words"))
        if baby_item
        else None,
        advice=_advice(raw.get("advice_item")),
        words=_pattern(lists["words"]),
        by_clinician=_pattern(lists["by_clinician"]),
        at_home=_pattern(lists["at_home"]),
        others=tuple(others),
    )


def _words(value: object, where: str) -> Sequence[str]:
    if not isinstance(value, list) or not value:
        raise KnowledgeBaseError(f"{_FILE}: {where} must be a list of words")
    if not all(isinstance(v, str) and v.strip() for v in value):
        raise KnowledgeBaseError(f"{_FILE}: {where} must be a list of words")
    return value


def _advice(wanted: object) -> dict[str, Any]:
    found = [item for item in advice_items() if item.id == wanted]
    if not found:
        raise KnowledgeBaseError(f"{_FILE}: advice item {wanted!r} is not in model/advice.yaml")
    return found[0].as_dict()


def _written(what: str, notes: str) -> str:
    """A treatment's words and notes as one text, curly apostrophes made straight."""
    return f"{what}\n{notes}".replace("\u2019", "'")


def home_extraction(what: str, notes: str = "") -> bool:
    """True when a treatment's words name extracting at home (the plot hatches its band).

    Parameters
    ----------
    what, notes : str
        The treatment's words as the user wrote them.

    Returns
    -------
    bool
        :meth:`DiaryWords.names_home_extraction` of both.
    """
    return diary_words().names_home_extraction(_written(what, notes))


def treatment_advice(what: str, notes: str = "") -> list[dict[str, Any]]:
    """The advice to show beside a treatment: the home-extraction item, then the others.

    Parameters
    ----------
    what, notes : str
        The treatment's words as the user wrote them.

    Returns
    -------
    list of dict
        Items ``{"id", "text", "sources", "evidence"}`` (copies), each once: the
        home-extraction item when the words name it, then each ``other_advice``
        item whose word lists all match, in the file's order; ``[]`` for none.
    """
    words = diary_words()
    text = _written(what, notes)
    chosen = [words.extraction_advice(text)] if words.names_home_extraction(text) else []
    lowered = text.lower()
    for advice, patterns in words.others:
        if all(p.search(lowered) for p in patterns) and advice not in chosen:
            chosen.append(advice)
    return [{**item, "sources": list(item["sources"])} for item in chosen]
