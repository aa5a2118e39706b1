"""The Product check page's rows: each listed ingredient with how it was read and its flags.

The ingredient check (``milia.check_ingredients``) lists the ingredients in label
order and, separately, the flags. A flag names its ingredient by the canonical INCI
name, or, for an item the lexicon could not read (a drug named in a mangled item,
"Hydrocortisone 1% Anti-itch cream"), by the item's spaced key. The flags come in
the order of the items they concern, so walking both lists together attaches each
flag to its own position: an ingredient listed twice gets its own flags (weighted
for its place) under each row, not both sets under both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from milia.ingredients.keys import spaced_key

__all__ = ["highlight", "reading"]

#: Order of precedence of a row's colour.
_EFFECTS = ("anomaly", "risk", "benefit", "note")


def _key(item: Mapping[str, Any]) -> str:
    """The name flags use for an item: its INCI name, else the spaced key of its text."""
    return str(item.get("inci") or spaced_key(str(item.get("text") or "")))


def _shown_effect(flag: Mapping[str, Any]) -> str:
    # A flag of weight 0 (e.g. fatty alcohols) corrects a false alarm: a note, not a colour.
    if flag.get("effect") != "anomaly" and not flag.get("weight"):
        return "note"
    return str(flag.get("effect"))


def reading(item: Mapping[str, Any]) -> dict[str, Any] | None:
    """How an item's name was read, for the page; ``None`` when it was read as written.

    Parameters
    ----------
    item : mapping
        One ``ingredients`` entry of an ingredient check, with its ``match``.

    Returns
    -------
    dict or None
        ``{"inci": name read or None, "method": label or None, "score": int or None,
        "candidate": closest name (when not accepted) or None, "accepted": bool}``; for a
        name that fits several (``method`` ``"ambiguous"``) also ``"candidates"`` (the
        first five) and ``"candidates_total"``.
        ``method`` and ``score`` are given for fuzzy matches, completions and partial
        guesses, so the reader sees that a typo was corrected, never silently.
    """
    match = item.get("match") or {}
    method = str(match.get("method") or "")
    inci = item.get("inci")
    score = match.get("score")
    label: str | None = None
    if method == "fuzzy":
        label = "partial guess" if match.get("partial") else "fuzzy"
    elif method == "completion":
        label = "completion"
    shown_score = round(float(score)) if label is not None and score is not None else None
    if inci is None and method == "ambiguous":  # a cut name that fits several: never a guess
        names = [str(name) for name in match.get("candidates") or []]
        return {"inci": None, "method": "ambiguous", "score": None, "candidate": None,
                "candidates": names[:5], "candidates_total": int(match.get("candidates_total")
                                                                  or len(names)),
                "accepted": False}  # fmt: skip
    if inci is None:
        candidate = match.get("candidate")
        if not candidate:
            return None
        return {"inci": None, "method": label, "score": shown_score,
                "candidate": str(candidate), "accepted": False}  # fmt: skip
    if label is None and spaced_key(str(item.get("text") or "")) == spaced_key(str(inci)):
        return None
    return {"inci": str(inci), "method": label, "score": shown_score, "candidate": None,
            "accepted": True}  # fmt: skip


def highlight(result: Mapping[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Pair each listed ingredient with its own flags, in label order.

    Parameters
    ----------
    result : mapping
        An ingredient check (the contract of ``milia.check_ingredients``).

    Returns
    -------
    rows : list of dict
        Each ingredient entry with ``flags`` (each with ``shown_effect``), ``effect``
        (the row's colour: anomaly, risk, benefit, note or none) and ``reading``
        (see :func:`reading`).
    unattached : list of dict
        Flags that concern no listed item (e.g. a drug named in prose around the
        list); the page shows them too, so that no flag is lost.
    """
    flags: Sequence[Mapping[str, Any]] = result.get("flags") or []
    used = [False] * len(flags)
    cursor = 0
    rows = []
    for item in result.get("ingredients") or []:
        key = _key(item)
        own: list[dict[str, Any]] = []
        seen: set[tuple[str, str]] = set()
        # Skip flags concerning no listed item, then take this item's run of flags;
        # a (category, effect) seen twice starts the next occurrence of the same name.
        probe = cursor
        while probe < len(flags) and str(flags[probe].get("inci")) != key:
            probe += 1
        if probe < len(flags):
            cursor = probe
            while cursor < len(flags) and str(flags[cursor].get("inci")) == key:
                kind = (str(flags[cursor].get("category")), str(flags[cursor].get("effect")))
                if kind in seen:
                    break
                seen.add(kind)
                own.append({**flags[cursor], "shown_effect": _shown_effect(flags[cursor])})
                used[cursor] = True
                cursor += 1
        effects = {f["shown_effect"] for f in own}
        effect = next((e for e in _EFFECTS if e in effects), "none")
        rows.append({**item, "flags": own, "effect": effect, "reading": reading(item)})
    unattached = [
        {**flag, "shown_effect": _shown_effect(flag)}
        for flag, taken in zip(flags, used, strict=True)
        if not taken
    ]
    return rows, unattached
