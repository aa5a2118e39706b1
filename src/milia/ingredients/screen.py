"""A cheap test before a slow keyword regex: can it match this text at all?

The parser's keyword patterns (prose words, marketing qualifiers, label
wording) are case-insensitive alternations of many words behind ``\\b``;
Python's ``re`` tries every alternative at every word boundary, tens of
microseconds for one name. A :class:`Screen` answers first, in about one
microsecond, whether the pattern *can* match: never a false "no", so the
pattern's own result is unchanged, and most names are passed over without
running it. Only ASCII text is screened; any other text always runs the
pattern (case folding outside ASCII is not a plain ``str.lower``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

__all__ = ["Screen", "Screens"]

_LETTERS = re.compile(r"[a-z]+")


class Screen:
    """A necessary condition for a case-insensitive keyword pattern to match.

    Parameters
    ----------
    words : str or iterable of str, optional
        Lower-case words (a string is split at spaces) that an alternative of the pattern is, or begins
        with, between word boundaries (``"is"`` for ``\\b(?:is|are)\\b``; both
        ``"help"`` and ``"helps"`` for ``helps?\\b``; ``"keep"`` for ``keep out``).
        A match needs one of them as a whole run of letters in the text.
    starts : iterable of str, optional
        Lower-case letters that begin an alternative of the pattern right
        after its ``\\b`` and may run on into more letters (``"nourish"`` for
        ``nourish\\w*``). A match needs a run of letters in the text that
        begins with one of them.
    contains : iterable of str, optional
        Lower-case text that an alternative not covered by ``starts`` holds
        literally (``"derived"`` for ``[a-z]+-derived``). A match needs one
        of them anywhere in the text.
    repeated : bool, optional
        The pattern matches only where a word is printed twice: a match needs
        a run of letters that occurs twice (ignoring case).

    Examples
    --------
    >>> screen = Screen(words=["help", "helps", "apply"])
    >>> screen.may_match("Glycerin, Water")
    False
    >>> screen.may_match("Helps to smooth")
    True
    >>> screen.may_match("Crème")  # not ASCII: always run the pattern
    True
    """

    __slots__ = ("_contains", "_repeated", "_starts", "_words")

    def __init__(
        self,
        *,
        words: str | Iterable[str] = (),
        starts: Iterable[str] = (),
        contains: Iterable[str] = (),
        repeated: bool = False,
    ) -> None:
        self._words = frozenset(words.split() if isinstance(words, str) else words)
        self._starts = tuple(starts)
        self._contains = tuple(contains)
        self._repeated = repeated
        for word in (*self._words, *self._starts, *self._contains):
            if not word or word != word.lower():
                raise ValueError(f"screen words must be lower-case and non-empty: {word!r}")

    def may_match(self, text: str) -> bool:
        """False only when the pattern cannot match ``text`` (True when unsure)."""
        view = _view(text)
        if view is None:
            return True
        low, runs, distinct = view
        if any(word in low for word in self._contains):
            return True
        if not self._words.isdisjoint(distinct):
            return True
        if self._starts and any(w.startswith(self._starts) for w in distinct):
            return True
        return self._repeated and len(distinct) < len(runs)


class Screens:
    """Several screens asked at once: which of them may match one text.

    The same answers as asking each :meth:`Screen.may_match` in turn, from one
    look at the text: a screen of plain words is found through the text's own
    words (a set look-up each), so a name that none of a dozen screens can
    match costs a few look-ups, not a dozen calls.

    Parameters
    ----------
    screens : sequence of Screen
        The screens, in the order their indices are returned.

    Examples
    --------
    >>> screens = Screens([Screen(words="wax"), Screen(contains="-"), Screen(words="rose")])
    >>> screens.matching("Rose Centifolia Flower Wax")
    (0, 2)
    >>> screens.matching("Glycerin")
    ()
    """

    __slots__ = ("_all", "_by_word", "_others")

    def __init__(self, screens: Sequence[Screen]) -> None:
        self._all = tuple(range(len(screens)))
        by_word: dict[str, list[int]] = {}
        for index, screen in enumerate(screens):
            for word in screen._words:
                by_word.setdefault(word, []).append(index)
        self._by_word = by_word
        #: screens that look at more than whole words (starts, contains, repeated)
        self._others = tuple(
            (index, screen)
            for index, screen in enumerate(screens)
            if screen._starts or screen._contains or screen._repeated
        )

    def matching(self, text: str) -> tuple[int, ...]:
        """The indices of the screens that may match ``text``, ascending (all when unsure)."""
        view = _view(text)
        if view is None:
            return self._all
        by_word = self._by_word
        found = {index for word in view[2] if word in by_word for index in by_word[word]}
        for index, screen in self._others:
            if index not in found and screen.may_match(text):
                found.add(index)
        return tuple(sorted(found))


@lru_cache(maxsize=4096)
def _view(text: str) -> tuple[str, tuple[str, ...], frozenset[str]] | None:
    """The lower-cased text, its runs of letters and their set; ``None`` unless ASCII.

    Cached: several screens in a row look at one name (the label rewrites).
    """
    if not text.isascii():
        return None
    low = text.lower()
    runs = tuple(_LETTERS.findall(low))
    return low, runs, frozenset(runs)
