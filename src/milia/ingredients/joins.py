"""Names cut by a stray comma: join two list items back into one name.

:mod:`~milia.ingredients.check` tries these on neighbouring items of one list:
an unknown item and the next ("disodium", "edta") are joined there by
:meth:`~milia.ingredients.normalize.Lexicon.joined`; here, a known name and
the unknown rest of a longer one ("Dimethicone", "Vinyl Dimethicone
Crosspolymer"), and two pieces that are one name with a typo ("luminaria",
"saccharina extract"); neighbours that are one ingredient named twice
("Paraffinum Liquidum", "Mineral Oil": :func:`merge_repeats`); a name repeated
further down a list (:func:`report_repeats`, an issue); and the guard that keeps
a truncation guess from raising a flag (:func:`guard_partial`).
"""

from __future__ import annotations

from itertools import pairwise

from milia.ingredients.keys import spaced_key
from milia.ingredients.normalize import Match, lexicon
from milia.ingredients.oils import oil_kind
from milia.ingredients.rules import rulebook
from milia.ingredients.tokenize import Item, ParsedText

__all__ = [
    "JOINED_TYPO_SCORE",
    "guard_partial",
    "joined_typo",
    "known_with_rest",
    "merge_repeats",
    "report_repeats",
]


def known_with_rest(item: Item, nxt: Item | None, match: Match) -> Match | None:
    """A known name joined with the unknown item after it, when the two are one table name.

    Parameters
    ----------
    item : Item
        A list item whose name the lexicon knows ("Dimethicone").
    nxt : Item or None
        The item after it ("Vinyl Dimethicone Crosspolymer"), if any.
    match : Match
        How ``item`` was found. A completed stub ("lauryl peg-9") also takes a
        rest with a typo ("polydimethylsiloxyethyl dimethicon") when the two are
        a typo of the very name the stub was completed to.

    Returns
    -------
    Match or None
        The joined name (method ``"joined"``), or ``None`` when the next item is
        in another list, is a name on its own, or the two are no table name.
    """
    if nxt is None or nxt.list_index != item.list_index:
        return None
    lex = lexicon()
    if lex.resolve_cached(nxt.item.name, False).inci is not None:
        return None
    joined = lex.joined(item.item.name, nxt.item.name)
    if joined.inci is not None:
        return joined
    if match.method == "completion":
        found = lex.resolve(f"{item.item.name} {nxt.item.name}", suggest=False)
        if found.method == "fuzzy" and found.inci == match.inci and not found.partial:
            return found if found.score >= JOINED_TYPO_SCORE else None
    return None


#: A typo in a name cut by a stray comma is accepted only at this rapidfuzz score or more.
JOINED_TYPO_SCORE = 90.0


def joined_typo(first: str, second: str) -> Match | None:
    """Two unknown pieces that, joined, are one name with a typo ("luminaria", "saccharina
    extract": LAMINARIA SACCHARINA EXTRACT), else ``None``.

    Only when the second piece is no name on its own (so nothing known is
    swallowed), and only a whole typo-shaped name at :data:`JOINED_TYPO_SCORE`
    or more (no partial guess, no ambiguous cut name).

    Parameters
    ----------
    first, second : str
        The names of two neighbouring items of one list.

    Returns
    -------
    Match or None
        A ``"fuzzy"`` match (with its score) or a ``"joined"`` one, else ``None``.
    """
    lex = lexicon()
    if lex.resolve(second, fuzzy=False).inci is not None:
        return None
    found = lex.resolve(f"{first} {second}", suggest=False)  # a typo under 85 is no use
    if found.inci is None or found.partial:
        return None
    if found.method == "fuzzy" and found.score < JOINED_TYPO_SCORE:
        return None
    if found.method == "fuzzy":
        return found
    return Match(found.inci, "joined", found.score, found.candidate)


def merge_repeats(found: list[tuple[str, Match, Item]]) -> list[tuple[str, Match, Item]]:
    """One entry for neighbours that are one ingredient named twice or three times.

    A label that prints "Paraffinum Liquidum/Mineral Oil/Huile Minerale" loses its
    slashes in many shop feeds and becomes three items; each is PARAFFINUM LIQUIDUM.
    Neighbours of one list that name one INCI name in different words are one entry
    ("Paraffinum Liquidum, Mineral Oil, Huile Minerale"), counted and flagged once;
    the later items of that list move up. The same words printed twice stay two
    entries: that is no translation, and a shop feed may have written two
    ingredients alike.

    Parameters
    ----------
    found : list of (str, Match, Item)
        Each item as written, its match and its place, in label order.

    Returns
    -------
    list of (str, Match, Item)
        The same, with such neighbours joined (``"A, B"``) and the places after
        them moved up; ``found`` itself when nothing is joined.
    """
    incis = [m.inci for _, m, _ in found]
    if all(a is None or a != b for a, b in pairwise(incis)):
        return found  # no neighbours share a name (nearly every list)
    out: list[tuple[str, Match, Item]] = []
    shift = 0
    for text, match, item in found:
        if out:
            last_text, last_match, last = out[-1]
            if last.list_index != item.list_index:
                shift = 0
            elif (
                match.inci is not None
                and match.inci == last_match.inci
                and item.may_contain == last.may_contain
                and text.casefold() != last_text.rsplit(", ", 1)[-1].casefold()
            ):
                out[-1] = (f"{last_text}, {text}", last_match, last)
                shift += 1
                continue
        if shift:
            item = Item(item.item, item.may_contain, item.list_index, item.position_in_list - shift)
        out.append((text, match, item))
    return out


def report_repeats(resolved: list[tuple[str, Match, Item]], parsed: ParsedText) -> None:
    """Say when one list names an ingredient twice (each occurrence keeps its own flags).

    Parameters
    ----------
    resolved : list of (str, Match, Item)
        Each item as written, its match and its place.
    parsed : ParsedText
        Told of a ``repeated_ingredient`` issue, once.
    """
    named = [(item.list_index, m.inci) for _, m, item in resolved if m.inci is not None]
    if len(set(named)) == len(named):
        return
    seen: set[tuple[int, str]] = set()
    repeated: list[str] = []
    for _, match, item in resolved:
        if match.inci is None:
            continue
        key = (item.list_index, match.inci)
        if key in seen:
            repeated.append(match.inci.title())
        seen.add(key)
    if repeated:
        names = ", ".join(dict.fromkeys(repeated))
        parsed.issue(
            "repeated_ingredient",
            f"one list names {names} more than once; each place is weighed as printed "
            "(several products' lists printed as one, as in a kit, look like this)",
        )


def guard_partial(match: Match, written: str) -> Match:
    """Refuse a truncation guess whose missing words would raise a flag or make an oil.

    A partial fuzzy match ("sambucus nigra" -> SAMBUCUS NIGRA WAX) guesses the
    missing words; a flag or an "oil-free" verdict must not rest on that
    guess. The guess stands when the words as written already imply the same
    flags and kind of oil ("plukenetia volubilis oil" -> ... SEED OIL). The
    candidate stays visible in ``match`` either way.

    Parameters
    ----------
    match : Match
        A name's match.
    written : str
        The name as written.

    Returns
    -------
    Match
        ``match``, or an unrecognised fuzzy match keeping its candidate and score.
    """
    if not match.partial or match.inci is None:
        return match
    as_written = spaced_key(written)
    if _signature(match.inci) == _signature(as_written) and _oil(match.inci) == _oil(as_written):
        return match
    return Match(None, "fuzzy", match.score, match.candidate)


def _signature(inci: str) -> set[tuple[str, str]]:
    """The (category, effect) pairs a name would flag."""
    return {
        (rule.category, rule.effect) if rule is not None else ("comedogenic", "risk")
        for rule, _ in rulebook().hits(inci)
    }


def _oil(inci: str) -> str | None:
    kind = oil_kind(inci)
    return None if kind in ("essential oil", "hydrocarbon emollient") else kind
