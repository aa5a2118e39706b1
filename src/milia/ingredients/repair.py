"""Repair a damaged ingredient name: the one table name it stands for, if any.

A name copied from a PDF or read by OCR loses a ligature ("Rosmarinus
O_cinalis"), its first letter ("ydrolyzed collagen") or has "rn" read as
"m" ("Amica Montana"); a label writes an epithet in another Latin gender
("Tripleurospermum Maritima") or a last word in the other number. The
readings come from :func:`~milia.ingredients.typos.repair_readings`; a kind
of reading counts only when exactly one table name fits it. The lexicon
(:mod:`milia.ingredients.normalize`) shows a repair as a typo with its score.
"""

from __future__ import annotations

from collections.abc import Mapping

from milia.ingredients.keys import lookup_key
from milia.ingredients.typos import repair_readings
from milia.ingredients.variants import strip_variants

__all__ = ["Repairer"]

#: Letters a repair can take away from a name's lookup key: one word changed (an
#: epithet's ending, "m" for "rn") or made a qualifier that is then stripped.
_REPAIR_SLACK = 40


class Repairer:
    """Find the one table name a damaged name stands for (build once per lexicon).

    Parameters
    ----------
    table : mapping of str to (str, str)
        The lexicon's table: lookup key -> (INCI name, method).
    words : frozenset of str
        Every word of a CosIng name, spaced and upper-case.
    """

    def __init__(self, table: Mapping[str, tuple[str, str]], words: frozenset[str]) -> None:
        self._table = table
        self._words = words
        # (first character, name) by the rest of each lookup key: a lost first letter
        # is found by one look-up, not 26
        tails: dict[str, set[tuple[str, str]]] = {}
        for key, (inci, _) in table.items():
            if key[:1].isalpha():
                tails.setdefault(key[1:], set()).add((key[0], inci))
        self._tails = {k: tuple(sorted(v)) for k, v in tails.items()}
        #: the longest lookup key: a text far longer is no damaged table name
        self._longest = max(map(len, table), default=0)

    def repair(self, text: str) -> tuple[str, str] | None:
        """The one table name ``text`` stands for, with the reading that found it.

        Parameters
        ----------
        text : str
            A name that is no table name as written, nor any of its variant readings.

        Returns
        -------
        tuple of (str, str) or None
            ``(INCI name, reading)``, or ``None`` when no kind of reading has
            exactly one table name.
        """
        table = self._table
        if len(lookup_key(strip_variants(text))) > self._longest + _REPAIR_SLACK:
            # each reading is a whole copy of the text (one per "m" in it): a megabyte
            # pasted as one name made ~10^5 readings of ~10^6 letters; none can be a name
            return None
        # as written or without brackets and qualifiers (when the text has any; each
        # reading changes one word at most); never one "/" alternative
        dressed = strip_variants(text) != text
        groups = repair_readings(text, self._words)
        if groups[-1]:
            keys = {lookup_key(text), lookup_key(strip_variants(text)) if dressed else ""}
            found = {pair for key in keys for pair in self._tails.get(key, ())}
            one = len({inci for _, inci in found}) == 1
            groups = (*groups[:-1], [min(found)[0].lower() + text.lstrip()] if one else [])
        for readings in groups:
            hits: dict[str, str] = {}
            for reading in readings:
                hit = table.get(lookup_key(reading))
                if hit is None and dressed:
                    hit = table.get(lookup_key(strip_variants(reading)))
                if hit is not None:
                    hits.setdefault(hit[0], reading)
            if len(hits) == 1:
                return next(iter(hits.items()))
        return None
