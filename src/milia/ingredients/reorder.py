"""Names whose ``/`` components a label prints in another order than CosIng does.

CosIng names a ferment or a copolymer by its components joined with ``/``
and a tail ("BACILLUS/FOLIC ACID/SOYBEAN FERMENT EXTRACT"); a label may list
the same components in another order ("Bacillus/Soybean/Folic Acid Ferment
Extract"). The components are a set: the same set with the same tail is the
same ingredient, provided exactly one CosIng name has that set and tail.
"""

from __future__ import annotations

from collections.abc import Iterable

from milia.ingredients.keys import spaced_key

__all__ = ["SlashOrder", "dash_halves"]

#: Words that end a slashed name after its last component (what is made of the set).
TAIL_WORDS = frozenset(
    {
        "FERMENT",
        "EXTRACT",
        "FILTRATE",
        "LYSATE",
        "COPOLYMER",
        "CROSSPOLYMER",
        "TRIGLYCERIDE",
        "TRIGLYCERIDES",
        "GLYCERIDES",
        "ESTERS",
    }
)

Key = tuple[frozenset[str], str]


def slash_key(name: str) -> Key | None:
    """The components (as a set) and tail of a slashed name, or ``None``.

    >>> slash_key("Bacillus/Soybean/ Folic Acid Ferment Extract") == slash_key(
    ...     "BACILLUS/FOLIC ACID/SOYBEAN FERMENT EXTRACT"
    ... )
    True
    >>> slash_key("Dimethicone") is None
    True
    """
    if "/" not in name:
        return None
    parts = [spaced_key(p) for p in name.split("/")]
    last = parts[-1].split()
    cut = len(last)
    while cut > 0 and last[cut - 1] in TAIL_WORDS:
        cut -= 1
    if cut == 0 or cut == len(last):
        return None  # no tail, or the tail is all there is: no set to reorder
    parts[-1] = " ".join(last[:cut])
    if len(parts) < 2 or not all(parts) or len(set(parts)) < len(parts):
        return None
    return frozenset(parts), " ".join(last[cut:])


class SlashOrder:
    """Index of the slashed CosIng names by their component set and tail.

    Parameters
    ----------
    names : iterable of str
        CosIng INCI names (only the slashed ones are indexed).
    """

    def __init__(self, names: Iterable[str]) -> None:
        index: dict[Key, list[str]] = {}
        for name in names:
            key = slash_key(name)
            if key is not None:
                index.setdefault(key, []).append(name)
        self._index = {k: v[0] for k, v in index.items() if len(v) == 1}

    def find(self, text: str) -> str | None:
        """The one CosIng name with the text's components in any order, else ``None``."""
        key = slash_key(text)
        return self._index.get(key) if key is not None else None


def dash_halves(text: str) -> tuple[str, str] | None:
    """The two halves of "Latin name - English name" (one ingredient named twice), or None.

    >>> dash_halves("Melaleuca Alternifolia Leaf Oil - Tea Tree Leaf Oil")
    ('Melaleuca Alternifolia Leaf Oil', 'Tea Tree Leaf Oil')
    """
    if " - " not in text:
        return None
    halves = [h.strip() for h in text.split(" - ")]
    if len(halves) != 2 or not all(halves):
        return None
    return halves[0], halves[1]
