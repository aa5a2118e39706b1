"""Names that lost their separators: "Water Glycerin", "Water/Glycerin/Petrolatum".

A shop feed or a careless copy can drop the commas between names. The
lexicon (:mod:`milia.ingredients.normalize`) splits such an item only when
every part is a name it knows exactly (no fuzzy guess), so an unknown name is
never cut into known-looking pieces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from milia.ingredients.keys import lookup_key
from milia.ingredients.variants import slash_parts

__all__ = ["run_on", "slash_list"]

#: Names that also begin compound names (PEG-16 LANOLIN, PPG-2 MYRISTYL ETHER): never
#: the first half of a split.
_PREFIX_NAME = re.compile(r"^(?:PEG|PPG|POLYGLYCERYL|POLYGLYCERIN)-\d+$")


def run_on(
    text: str,
    *,
    exact: Callable[[str], str | None],
    table: Mapping[str, tuple[str, str]],
) -> tuple[tuple[str, str], ...] | None:
    """Split names that lost their separators ("Water Glycerin") into known names.

    Greedy longest-prefix over words; every part must be found exactly
    (no fuzzy guesses).

    Parameters
    ----------
    text : str
        One list item as written.
    exact : callable
        The INCI name of a piece as written (a table name or a variant
        reading of one), else ``None``.
    table : mapping
        Lookup key -> (INCI name, method): the lexicon's table.

    Returns
    -------
    tuple of (str, str) or None
        ``(text, inci)`` pairs, or ``None`` unless at least two parts are found.
    """
    if "/" in text or "\\" in text or "|" in text:
        slash = slash_list(slash_parts(text), table)
        if slash is not None:
            return slash
    words = text.split()
    if len(words) < 2 or len(words) > 24:
        return None
    parts: list[tuple[str, str]] = []
    start = 0
    while start < len(words):
        for end in range(len(words), start, -1):
            piece = " ".join(words[start:end])
            hit = exact(piece)
            if hit is not None:
                parts.append((piece, hit))
                start = end
                break
        else:
            return None
    if any(_PREFIX_NAME.match(inci) for _, inci in parts[:-1]):
        return None  # "PEG-16 Lanolin" is one (PEG-lanolin) name, not PEG-16 and lanolin
    return tuple(parts) if len(parts) > 1 else None


def slash_list(
    parts: list[str], table: Mapping[str, tuple[str, str]]
) -> tuple[tuple[str, str], ...] | None:
    """Parts of "A/B/C" when each is a different known name (a list written with slashes).

    Naming variants ("Aqua/Water/Eau", "Parfum/Fragrance") map to one name,
    and colour-index pairs ("Titanium Dioxide/CI 77891") name one pigment:
    neither is a list.

    Parameters
    ----------
    parts : list of str
        The ``/`` parts as written.
    table : mapping
        Lookup key -> (canonical name, how it is known), the lexicon's table.

    Returns
    -------
    tuple of (str, str) or None
        ``(part as written, canonical name)`` for each part; None when they are
        not a list of different names.
    """
    if len(parts) < 2:
        return None
    found: list[tuple[str, str]] = []
    for part in parts:
        hit = table.get(lookup_key(part))
        if hit is None or hit[0].startswith("CI "):
            return None
        found.append((part.strip(), hit[0]))
    if len({inci for _, inci in found}) < len(found):
        return None
    return tuple(found)
