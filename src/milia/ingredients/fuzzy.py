"""Fuzzy matching of a name that no table holds: typos, never other names.

rapidfuzz finds the closest canonical name or synonym with the same first
letter; :mod:`milia.ingredients.typos` then decides whether the difference is
a typo ("cetearyl alchol"), a truncation (a *partial* guess, never a flag on
its own) or another name altogether. Numbers are never typos (PEG-16 is not
PEG-60), a word that is itself a word of another INCI name is no typo
("butylene" is not BUTENE), and neither is a word holding another one-word
INCI name ("deoxyadenosine" is not DEOXYGUANOSINE).

Names are compared as spaced keys (:func:`~milia.ingredients.keys.spaced_key`):
``spaced`` and ``written`` are the name as written, ``name`` and ``inci`` the
candidate. The checks :meth:`FuzzyIndex.name_inside`,
:meth:`FuzzyIndex.real_word_swapped` and :func:`missing_component` take the two and
return True when the pair is *not* a typo of one name; none raises.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import pairwise

from rapidfuzz import fuzz, process

from milia.ingredients.keys import spaced_key
from milia.ingredients.match import NONE, Match
from milia.ingredients.typos import WORD_SIMILARITY, different_word, typo_shape

__all__ = ["FUZZY_THRESHOLD", "FuzzyIndex", "missing_component"]

#: Minimum rapidfuzz ``ratio`` (0-100) for a fuzzy match to count as recognised.
#: 85 accepts one or two wrong letters in a 8+ letter name ("arganine" ->
#: ARGININE scores 87.5) and rejects different words of similar shape.
FUZZY_THRESHOLD = 85.0
#: The raw score that rounds (to one decimal, as :meth:`FuzzyIndex.match` shows it)
#: to :data:`FUZZY_THRESHOLD` or more is at least this.
_ACCEPT_CUTOFF = FUZZY_THRESHOLD - 0.05 - 1e-9

_DIGITS = re.compile(r"\d+")
#: How many best candidates a search keeps (ties beyond them: the whole bucket is scored).
_FEW = 8


def _window(lengths: list[int], size: int, cutoff: float) -> tuple[int, int]:
    """The slice of ascending ``lengths`` whose names can score ``cutoff`` against ``size``.

    The ratio of two names of ``a`` and ``b`` letters is at most
    ``200 * min(a, b) / (a + b)``: ``b`` lies in ``[size * c / (200 - c), size * (200 - c) / c]``.
    """
    low = bisect_left(lengths, size * cutoff / (200.0 - cutoff) - 1e-9)
    high = bisect_right(lengths, size * (200.0 - cutoff) / cutoff + 1e-9)
    return low, high


class FuzzyIndex:
    """Fuzzy candidates by first letter, and every CosIng word (built on first use).

    Parameters
    ----------
    spaced : dict of str to str
        Canonical name -> its spaced key.
    synonyms : dict of str to str
        Curated alias -> canonical name (aliases are candidates too).
    cosing : list of str
        The CosIng names, whose words say what a real word is.
    """

    def __init__(self, spaced: dict[str, str], synonyms: dict[str, str], cosing: list[str]) -> None:
        self._spaced = spaced
        self._synonyms = synonyms
        self._cosing = cosing
        self._words: frozenset[str] | None = None
        self._singles: frozenset[str] | None = None
        self._bucket_index: dict[str, tuple[list[str], list[str]]] | None = None
        self._by_length: dict[str, tuple[list[int], list[str], list[int]]] = {}

    def word_set(self) -> frozenset[str]:
        """Every word of a CosIng name, spaced and upper-case (built on first use)."""
        if self._words is None:
            self._words = frozenset(w for n in self._cosing for w in self._spaced[n].split())
        return self._words

    def buckets(self) -> dict[str, tuple[list[str], list[str]]]:
        """Fuzzy candidates by first letter: spaced names and their INCI (built on first use)."""
        if self._bucket_index is None:
            buckets: dict[str, dict[str, str]] = {}
            for name, spaced in self._spaced.items():
                buckets.setdefault(spaced[:1], {})[spaced] = name
            for alias, inci in self._synonyms.items():
                spaced = spaced_key(alias)
                buckets.setdefault(spaced[:1], {}).setdefault(spaced, inci)
            self._bucket_index = {k: (list(v), list(v.values())) for k, v in buckets.items()}
        return self._bucket_index

    def by_length(self, letter: str) -> tuple[list[int], list[str], list[int]]:
        """One bucket sorted by length: lengths, names, and their places in the bucket.

        Built per letter on first use (a few milliseconds each), so loading stays as fast.

        Parameters
        ----------
        letter : str
            The bucket's first letter (or digit).

        Returns
        -------
        tuple of (list of int, list of str, list of int)
            The names' lengths (ascending), the names in that order, and each
            name's place in :meth:`buckets`.
        """
        found = self._by_length.get(letter)
        if found is None:
            choices = self.buckets()[letter][0]
            order = sorted(range(len(choices)), key=lambda i: len(choices[i]))
            found = self._by_length[letter] = (
                [len(choices[i]) for i in order],
                [choices[i] for i in order],
                order,
            )
        return found

    def match(self, spaced: str) -> Match:
        """The best name for a spaced key, recognised only when it is typo-shaped.

        A best candidate under the threshold is returned too (``inci`` ``None``,
        its ``candidate`` and score shown as a suggestion). The best candidate
        is the one ``rapidfuzz.process.extractOne`` picks over the whole
        first-letter bucket (score cutoff 60, the bucket's first name among
        equal scores), found without scoring the names whose length rules it
        out (see :meth:`_best`).

        Parameters
        ----------
        spaced : str
            The name as written, a spaced key.

        Returns
        -------
        Match
            Method ``"fuzzy"`` with its score (0-100): ``inci`` set when
            recognised (``partial`` for a truncation), else None with the best
            candidate, or no candidate at all.
        """
        if len(spaced) < 4:
            return NONE
        bucket = self.buckets().get(spaced[:1])
        if bucket is None:
            return NONE
        choices, targets = bucket
        found = self._best(spaced)
        if found is None:
            return NONE
        index, score = found
        return self._judge(spaced, choices[index], score, targets[index])

    def _best(self, spaced: str) -> tuple[int, float] | None:
        """``extractOne``'s pick over the bucket (cutoff 60): its place in the bucket, raw score.

        The names whose length allows 85 are scored first, keeping their best
        few over 60; only when none reaches 85 are the other names whose
        length allows that best (or 60) scored. Among equal best scores the
        bucket's first name is taken; when more than the few kept tie, the
        whole bucket is scored as before.
        """
        lengths, names, places = self.by_length(spaced[:1])
        size = len(spaced)
        low, high = _window(lengths, size, _ACCEPT_CUTOFF)
        kept = [(low, self._few(spaced, names, low, high, 60.0))]
        top = kept[0][1][0][1] if kept[0][1] else None
        if top is None or top < _ACCEPT_CUTOFF:
            cut = 60.0 if top is None else top
            wide_low, wide_high = _window(lengths, size, cut)
            kept.append((wide_low, self._few(spaced, names, wide_low, low, cut)))
            kept.append((high, self._few(spaced, names, high, wide_high, cut)))
        scores = [found[0][1] for _, found in kept if found]
        if not scores:
            return None
        best = max(scores)
        if any(len(found) == _FEW and found[-1][1] == best for _, found in kept):
            whole = process.extractOne(  # more equal scores than kept: score every name
                spaced,
                self.buckets()[spaced[:1]][0],
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=60.0,
            )
            return None if whole is None else (whole[2], float(whole[1]))
        place = min(places[start + i] for start, found in kept for _, s, i in found if s == best)
        return place, float(best)

    @staticmethod
    def _few(
        spaced: str, names: list[str], low: int, high: int, cutoff: float
    ) -> list[tuple[str, float, int]]:
        """The best :data:`_FEW` of ``names[low:high]`` at ``cutoff`` or more, best first."""
        if low >= high:
            return []
        return process.extract(
            spaced,
            names[low:high],
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=cutoff,
            limit=_FEW,
        )

    def accepted(self, spaced: str) -> Match:
        """:meth:`match` when it recognises a name (``inci`` set), else nothing.

        For callers that use only a recognised name (a name cut by a stray
        comma, a slashed name read whole): the same best candidate, found
        only among the names whose length allows the threshold, a few times
        faster than scoring the whole bucket. A best candidate under the
        threshold is not looked for (``NONE``).
        """
        if len(spaced) < 4 or spaced[:1] not in self.buckets():
            return NONE
        best = self._best_accepted(spaced)
        if best is None:
            return NONE
        index, score = best
        choices, targets = self.buckets()[spaced[:1]]
        return self._judge(spaced, choices[index], score, targets[index])

    def _best_accepted(self, spaced: str) -> tuple[int, float] | None:
        """The best candidate scoring at least the threshold: its place in the bucket, raw score.

        A ratio of 85 needs the shorter name to be at least 85/115 of the
        longer (``200 * min(a, b) / (a + b)`` bounds the ratio), so only the
        names of such lengths are scored; among equal best scores the
        bucket's first name is taken, as ``extractOne`` over the bucket does.
        """
        lengths, names, places = self.by_length(spaced[:1])
        low, high = _window(lengths, len(spaced), _ACCEPT_CUTOFF)
        if low >= high:
            return None
        found = process.extract(
            spaced,
            names[low:high],
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=_ACCEPT_CUTOFF,
            limit=None,  # every name over the threshold (a few), best first
        )
        if not found:
            return None
        score = found[0][1]
        return min(places[low + i] for _, s, i in found if s == score), float(score)

    def _judge(self, spaced: str, matched: str, raw_score: float, inci: str) -> Match:
        """Whether the best candidate is a typo of the name as written (see the module)."""
        score = round(raw_score, 1)
        # Numbers are never typos in INCI: PEG-16 is not PEG-60, CI 77491 is not CI 77492.
        if score < FUZZY_THRESHOLD or _DIGITS.findall(spaced) != _DIGITS.findall(matched):
            return Match(None, "fuzzy", score, inci)
        # The typo is judged against the name it was matched to, which may be a synonym
        # ("candleilla wax": CANDELILLA WAX, for EUPHORBIA CERIFERA CERA).
        shape = typo_shape(spaced, matched)
        if shape == "typo" and (
            self.real_word_swapped(spaced, matched) or self.name_inside(spaced, matched)
        ):
            shape = None
        elif shape == "partial" and "/" in inci and missing_component(spaced, inci):
            shape = None  # "styrene copolymer" is not STYRENE/MA COPOLYMER
        if shape is None:
            return Match(None, "fuzzy", score, inci)
        return Match(
            inci,
            "fuzzy",
            score,
            inci,
            partial=shape == "partial",
            candidates=self._tied(spaced, raw_score, inci),
        )

    def _tied(self, spaced: str, raw_score: float, inci: str) -> tuple[str, ...]:
        """Other canonical names exactly as close as the one taken, ``inci`` first (QA F13-09).

        "retinl" is one letter from RETINAL and from RETINOL: the first is taken
        (the bucket's order), and the tie is reported rather than corrected silently.
        Empty when no other name ties.
        """
        lengths, names, places = self.by_length(spaced[:1])
        low, high = _window(lengths, len(spaced), raw_score)
        if low >= high:
            return ()
        targets = self.buckets()[spaced[:1]][1]
        tied = dict.fromkeys(
            targets[places[low + i]]
            for _, s, i in process.extract(
                spaced,
                names[low:high],
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=raw_score - 0.01,  # rapidfuzz drops an exact float cutoff
                limit=None,
            )
            if s >= raw_score - 1e-9
        )
        tied.pop(inci, None)
        return (inci, *sorted(tied)) if tied else ()

    def name_inside(self, written: str, name: str) -> bool:
        """True when the written words and the match each hold a different one-word name.

        "deoxyadenosine" is not DEOXYGUANOSINE: one holds ADENOSINE, the other
        GUANOSINE, two substances, so the letters that differ are not a slip of
        the pen ("chlorophenesin" stays a typo of CHLORPHENESIN: only the written
        word holds a name, CHLOROPHENE).
        """
        ours, theirs = self._names_in(written), self._names_in(name)
        # the match's own words are what it is; a name *inside* one of them competes
        return bool(ours - theirs) and bool(theirs - ours - set(name.split()))

    def _names_in(self, text: str) -> set[str]:
        """The one-word CosIng names (7+ letters) inside the words of ``text``."""
        singles = self.single_names()
        found: set[str] = set()
        for word in text.split():
            for size in range(len(word), 6, -1):
                for start in range(len(word) - size + 1):
                    if word[start : start + size] in singles:
                        found.add(word[start : start + size])
        return found

    def single_names(self) -> frozenset[str]:
        """The CosIng names of one word of at least 7 letters (built on first use)."""
        if self._singles is None:
            self._singles = frozenset(
                n for n in (self._spaced[c] for c in self._cosing) if " " not in n and len(n) >= 7
            )
        return self._singles

    def real_word_swapped(self, written: str, name: str) -> bool:
        """True when a word as written differs from the name's and is itself another INCI word.

        "butylene" is no typo of BUTENE, nor "phytosteryl" of PHYTOSTEROLS: both
        are words of other INCI names (BUTYLENE GLYCOL), so the label names
        something else, most likely cut short.
        """
        words = self.word_set()
        a, b = written.split(), name.split()
        if len(a) != len(b):
            return False
        return any(
            x != y and len(x) > 3 and _core(x, words) in words and different_word(x, y)
            for x, y in zip(a, b, strict=True)
        )


#: IUPAC multiplying prefixes: "DIOCTANOATE" is two OCTANOATEs (a word of CosIng names).
_MULTIPLIER = re.compile(r"^(?:MONO|DI|TRI|TETRA|PENTA|HEXA|BIS|TRIS)(?=[A-Z]{5})")


def _core(word: str, words: frozenset[str]) -> str:
    """The word, or the word without its multiplying prefix when only that is a CosIng word.

    "DIOCTANOATE" is no typo of DICOCOATE: OCTANOATE and COCOATE are two acids'
    esters, whatever the letters they share.
    """
    if word in words:
        return word
    bare = _MULTIPLIER.sub("", word)
    return bare if bare in words else word


def missing_component(written: str, inci: str) -> bool:
    """True when a "/" name's component is missing from the words as written.

    The words on either side of each "/" name the components of a copolymer or a
    ferment (STYRENE/MA COPOLYMER; BACILLUS/FOLIC ACID/SOYBEAN FERMENT EXTRACT): a
    written name lacking one of them names another substance, not a cut one.
    """
    have = written.split()
    parts = [spaced_key(part).split() for part in inci.split("/")]
    edges = {w for left, right in pairwise(parts) for w in left[-1:] + right[:1]}
    return not all(_written(edge, have) for edge in edges)


def _written(word: str, have: list[str]) -> bool:
    """Whether ``word`` is among the words as written, as a typo or run into another word.

    "dimethiconvinyl dimethicon crosspolymer": the "/" was lost, DIMETHICONE and
    VINYL are both there.
    """
    return any(
        fuzz.ratio(word, own) >= WORD_SIMILARITY
        or (len(word) >= 4 and len(own) > len(word) and fuzz.partial_ratio(word, own) >= 90)
        for own in have
    )
