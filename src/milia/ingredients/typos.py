"""What a fuzzy match may accept: the shape of a typo, a truncation, or neither.

rapidfuzz scores how alike two names are; these checks decide whether the
difference looks like a typo ("cetearyl alchol"), a name with words missing
("vitis vinifera extract" for VITIS VINIFERA BUD EXTRACT, a *partial* guess)
or another name altogether ("Sideritis scardica" is not "Sideritis syriaca";
"dicaprylate" is not DICAPRATE).

The reading functions (:func:`ocr_swap`, :func:`lost_ligatures`,
:func:`dropped_first_letter`, :func:`epithet_endings`, :func:`last_word_number`)
each take one name as written (``text``, a ``str``) and return the readings their
summary line names, as ``str``: none raises, and an empty list means the damage
they repair is not there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from string import ascii_lowercase
from typing import Literal

from rapidfuzz import fuzz

from milia.ingredients.keys import spaced_key

__all__ = [
    "WORD_SIMILARITY",
    "different_word",
    "dropped_first_letter",
    "epithet_endings",
    "last_word_number",
    "lost_ligatures",
    "ocr_rn_m",
    "ocr_swap",
    "repair_readings",
    "typo_shape",
]

#: Minimum rapidfuzz ratio between two words for them to count as the same word.
WORD_SIMILARITY = 75.0
_OCR_SWAP = {"l": "I", "L": "I", "I": "l"}
#: A ligature lost in a PDF copy leaves "_" or U+FFFD: "Rosmarinus O_cinalis" (ffi).
_LOST_LIGATURE = re.compile(r"(?<=[A-Za-z])[_\ufffd]+(?=[A-Za-z])")
_LIGATURES = ("ffi", "ffl", "ff", "fi", "fl")
#: Latin adjective endings by gender (masculine, feminine, neuter; -is/-e for the third
#: declension): "Schinus terebinthifolius" and "terebinthifolia" name one species.
_GENDER_ENDINGS = (("us", "a", "um"), ("is", "e"))
_RN_M = re.compile(r"rn|m", re.IGNORECASE)


def different_word(x: str, y: str) -> bool:
    """Two real words that name different things, not spellings of one word.

    Chemical names differ at the end (DICAPRYLATE / DICAPRATE, CITRONELLA /
    CITRONELLAL) or in length; botanical spellings CosIng itself keeps in
    other names (TAHITENSIS / TAITENSIS, SERPILLUM / SERPYLLUM) do not.

    Parameters
    ----------
    x, y : str
        Two words, spaced keys (upper-case).

    Returns
    -------
    bool
        True when their lengths differ by two or more or their last two letters differ.
    """
    return abs(len(x) - len(y)) >= 2 or x[-2:] != y[-2:]


def typo_shape(written: str, name: str) -> Literal["typo", "partial"] | None:
    """How a fuzzy pair differs: a typo, a truncation (words missing), or too much.

    Same number of words: every word pair must be close (a typo such as
    "alchol"; "Sideritis scardica" is not "Sideritis syriaca"). Fewer words
    than the name: each written word must match, in order, a word of the name
    (a truncation such as "vitis vinifera extract"). More words: only a
    spacing typo ("phenyl ethyl alcohol" for PHENETHYL ALCOHOL) is accepted.

    Parameters
    ----------
    written : str
        The name as written, a spaced key.
    name : str
        The fuzzy candidate, a spaced key.

    Returns
    -------
    {"typo", "partial"} or None
        None when the difference is neither (another name).
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


def lost_ligatures(text: str) -> list[str]:
    """Readings of a name whose ligatures were lost in a copy ("o_cinalis": officinalis).

    Each of ffi, ffl, ff, fi and fl is tried at every gap ("_" or U+FFFD) between
    letters; the caller keeps a reading only when exactly one of them is a name.
    """
    if _LOST_LIGATURE.search(text) is None:
        return []
    return [_LOST_LIGATURE.sub(ligature, text) for ligature in _LIGATURES]


def dropped_first_letter(text: str) -> list[str]:
    """Readings of a name whose first letter was lost ("ydrolyzed collagen", "icus carica").

    The caller must check that the first word as written is no word of any INCI
    name ("mallow" is not TALLOW) and keep a reading only when exactly one is a name.
    """
    body = text.lstrip()
    if not body[:1].isalpha() or len(body.split(maxsplit=1)[0]) < 4:
        return []
    return [letter + body for letter in ascii_lowercase]


def ocr_rn_m(text: str) -> Iterator[tuple[str, str]]:
    """Readings with one "rn" read as "m", or one "m" as "rn" (OCR: "Amica" for Arnica).

    Parameters
    ----------
    text : str
        A name as written.

    Yields
    ------
    tuple of (str, str)
        ``(reading, word)``: the reading and the word as written that it changes,
        which the caller requires to be no INCI word ("arm" is a word, not a misread).
    """
    for found in _RN_M.finditer(text):
        start, end = found.span()
        replacement = "m" if end - start == 2 else "rn"
        reading = text[:start] + replacement + text[end:]
        left = text.rfind(" ", 0, start) + 1
        right = text.find(" ", end)
        yield reading, text[left : right if right >= 0 else len(text)]


def epithet_endings(text: str) -> list[str]:
    """Readings with the species epithet (the second word) in its other genders.

    "Tripleurospermum maritima" is TRIPLEUROSPERMUM MARITIMUM: within one genus,
    epithets that differ only in their Latin gender ending are one name (CosIng
    itself keeps SCHINUS TEREBINTHIFOLIA and TEREBINTHIFOLIUS SEED OIL).
    """
    words = text.split(" ")
    if len(words) < 2 or not words[0].isalpha() or not words[1].isalpha():
        return []
    epithet = words[1]
    readings = []
    for endings in _GENDER_ENDINGS:
        for ending in endings:
            stem = epithet[: -len(ending)]
            if epithet.lower().endswith(ending) and len(stem) >= 3:
                for other in endings:
                    if other != ending:
                        readings.append(" ".join([words[0], stem + other, *words[2:]]))
                break
    return readings


def repair_readings(text: str, words: frozenset[str]) -> tuple[list[str], ...]:
    """The readings of a damaged name, by kind, for a caller that keeps a kind only
    when exactly one of its readings is a name.

    In order: lost ligatures ("o_cinalis"), the species epithet in another
    gender ("maritima": MARITIMUM), the last word in the other number
    ("triglycerides": TRIGLYCERIDE), one "rn"/"m" OCR misread ("amica": ARNICA)
    in a word that is none of ``words`` (every word of a CosIng name, spaced
    and upper-case; none past :data:`MAX_MISREAD_PLACES` such places), and a lost first
    letter ("ydrolyzed") when the first word as written is none of ``words``.

    Parameters
    ----------
    text : str
        A name as written, not found as it is.
    words : frozenset of str
        Every word of a CosIng name, spaced and upper-case.

    Returns
    -------
    tuple of list of str
        The five kinds' readings, in the order above (each may be empty).
    """
    first = spaced_key(text).split(" ", 1)[0]
    return (
        lost_ligatures(text),
        epithet_endings(text),
        last_word_number(text),
        _misreads(text, words),
        dropped_first_letter(text) if first not in words else [],
    )


#: A name with more places that an "rn"/"m" misread could be (in words that are no INCI
#: word) is no name with one misread: its readings are not tried (each is a whole copy
#: of the name, so a megabyte of such words made ~10^5 of them per item).
MAX_MISREAD_PLACES = 8


def _misreads(text: str, words: frozenset[str]) -> list[str]:
    """The "rn"/"m" readings of ``text`` in words that are none of ``words``, or none
    when there are more than :data:`MAX_MISREAD_PLACES` of them."""
    found: list[str] = []
    for reading, word in ocr_rn_m(text):
        if spaced_key(word) not in words:
            if len(found) == MAX_MISREAD_PLACES:
                return []
            found.append(reading)
    return found


def last_word_number(text: str) -> list[str]:
    """The name with its last word in the other number ("amino acid": AMINO ACIDS).

    Only a last word of four or more letters, so short words and codes stay as written.
    """
    head, _, last = text.rstrip().rpartition(" ")
    if not head or len(last) < 4 or not last.isalpha():
        return []
    other = last[:-1] if last[-1] in "sS" else last + "s"
    return [f"{head} {other}"]
