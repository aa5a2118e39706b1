"""What a fuzzy match may accept: the shape of a typo, a truncation, or neither.

rapidfuzz scores how alike two names are; these checks decide whether the
difference looks like a typo ("cetearyl alchol"), a name with words missing
("vitis vinifera extract" for VITIS VINIFERA BUD EXTRACT, a *partial* guess)
or another name altogether ("Sideritis scardica" is not "Sideritis syriaca";
"dicaprylate" is not DICAPRATE).
"""

from __future__ import annotations

from typing import Literal

from rapidfuzz import fuzz

__all__ = ["WORD_SIMILARITY", "different_word", "ocr_swap", "typo_shape"]

#: Minimum rapidfuzz ratio between two words for them to count as the same word.
WORD_SIMILARITY = 75.0
_OCR_SWAP = {"l": "I", "L": "I", "I": "l"}


def different_word(x: str, y: str) -> bool:
    """Two real words that name different things, not spellings of one word.

    Chemical names differ at the end (DICAPRYLATE / DICAPRATE, CITRONELLA /
    CITRONELLAL) or in length; botanical spellings CosIng itself keeps in
    other names (TAHITENSIS / TAITENSIS, SERPILLUM / SERPYLLUM) do not.
    """
    return abs(len(x) - len(y)) >= 2 or x[-2:] != y[-2:]


def typo_shape(written: str, name: str) -> Literal["typo", "partial"] | None:
    """How a fuzzy pair differs: a typo, a truncation (words missing), or too much.

    Same number of words: every word pair must be close (a typo such as
    "alchol"; "Sideritis scardica" is not "Sideritis syriaca"). Fewer words
    than the name: each written word must match, in order, a word of the name
    (a truncation such as "vitis vinifera extract"). More words: only a
    spacing typo ("phenyl ethyl alcohol" for PHENETHYL ALCOHOL) is accepted.
    """
    a, b = written.split(), name.split()
    if len(a) == len(b):
        if all(fuzz.ratio(x, y) >= WORD_SIMILARITY for x, y in zip(a, b, strict=True)):
            return "typo"
        return None
    if len(a) < len(b):
        j = 0
        for word in a:
            while j < len(b) and fuzz.ratio(word, b[j]) < WORD_SIMILARITY:
                j += 1
            if j == len(b):
                # a missing space and a typo ("urticadioicia leaf extract"), else nothing
                return "typo" if _spacing_typo(written, name) else None
            j += 1
        return "partial"
    return "typo" if _spacing_typo(written, name) else None


def _spacing_typo(written: str, name: str) -> bool:
    """Spaces aside, at most two letters apart: "phenyl ethyl alcohol" for PHENETHYL ALCOHOL.

    Not "copolymer" for CROSSPOLYMER (three letters: another word).
    """
    compact_a, compact_b = written.replace(" ", ""), name.replace(" ", "")
    return abs(len(compact_a) - len(compact_b)) <= 2 and fuzz.ratio(compact_a, compact_b) >= 90


def ocr_swap(text: str) -> str | None:
    """The text with a leading l and I swapped (OCR confuses them), or ``None``."""
    body = text.lstrip()
    head = body[:1]
    return _OCR_SWAP[head] + body[1:] if head in _OCR_SWAP else None
