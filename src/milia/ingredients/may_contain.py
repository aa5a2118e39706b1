"""The "may contain" tail of an ingredient list: colours that depend on the shade.

A list may end with ``may contain``, ``[+/-]``, ``peut contenir``, ``puede
contener`` or ``kann enthalten`` and the items that only some shades of a range
hold. Those items are not counted as in the product: :func:`cut_may_contain`
separates them from the list.
"""

from __future__ import annotations

import re

__all__ = ["MAY_CONTAIN", "cut_may_contain"]

#: Where a "may contain" tail starts (with its opening bracket, if any).
MAY_CONTAIN = re.compile(
    r"[\[(]?\s*(?:\+\s*/\s*-|±)\s*(?:\(?\s*(?:may\s+contain|peut\s+contenir)\s*\)?)?\s*:?"
    r"|[\[(]?\s*\b(?:may\s+(?:also\s+)?contain|peut\s+contenir|puede\s+contener|kann\s+enthalten)"
    r"\b\s*(?:[\[(]?\s*\+\s*/\s*-\s*[\])]?)?\s*:?",
    re.IGNORECASE,
)


def _closing(tail: str, opened: str) -> int:
    """Index in ``tail`` of the bracket that closes ``opened`` (nested pairs skipped), or -1."""
    close = {"[": "]", "(": ")"}.get(opened, "")
    depth = 0
    for i, ch in enumerate(tail):
        if ch == opened:
            depth += 1
        elif ch == close:
            if depth == 0:
                return i
            depth -= 1
    return -1


def cut_may_contain(segment: str) -> tuple[str, str]:
    """Split a list from its "may contain" / ``[+/-]`` tail (tail without its brackets).

    Parameters
    ----------
    segment : str
        One product's list.

    Returns
    -------
    listed : str
        The list without its tail; items after a bracketed tail stay listed
        (``"[+/- CI 77891], Mica"``: Mica is listed).
    tail : str
        The "may contain" items (shade-dependent colours), ``""`` when none.
    """
    lowered = segment.lower()
    if (
        "+" not in segment
        and "±" not in segment
        and not any(w in lowered for w in ("contain", "conten", "enthalt"))
    ):
        return segment, ""
    found = MAY_CONTAIN.search(segment)
    if found is None:
        return segment, ""
    tail = segment[found.end() :].strip()
    opened = found.group(0).lstrip()[:1]
    shut = _closing(tail, opened)
    after = tail[shut + 1 :].strip(" ,;.") if shut >= 0 else ""
    if after:  # "[+/- CI 77891], Mica": the brackets hold the tail; Mica is listed after it
        return f"{segment[: found.start()].rstrip(' ,;')}, {after}", tail[:shut]
    if opened in "[(" and tail[-1:] in "])":
        tail = tail[:-1]
    elif tail[-2:] in ("].", ").") and opened in "[(":
        tail = tail[:-2]
    return segment[: found.start()], tail
