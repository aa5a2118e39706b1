"""Canonical names for the items of a parsed ingredient list.

Exact look-ups first; an unknown item is then tried joined with the next one (a
name cut by a stray comma), split into known names (a missing comma), and only
then fuzzy-matched, at most :data:`MAX_FUZZY` per call so that a megabyte of text
stays fast. :func:`milia.ingredients.check.check_ingredients` builds the contract
from what this returns.
"""

from __future__ import annotations

from milia.ingredients.clean import display_text
from milia.ingredients.joins import guard_partial, joined_typo, known_with_rest, merge_repeats
from milia.ingredients.match import NONE
from milia.ingredients.normalize import Match, lexicon
from milia.ingredients.scripts import has_foreign_letters, unread_script
from milia.ingredients.tokenize import Item, ParsedText

__all__ = ["MAX_CANDIDATES", "MAX_FUZZY", "resolve_items"]

#: At most this many unknown names per call are fuzzy-matched (keeps a megabyte fast).
MAX_FUZZY = 400
#: At most this many candidates are listed for an ambiguous name (``candidates_total`` says all).
MAX_CANDIDATES = 10


def resolve_items(parsed: ParsedText) -> list[tuple[str, Match, Item]]:
    """Canonical names for the parsed items: ``(text as written, match, item)`` triples.

    Exact look-ups first; an unknown item is then tried joined with the next
    one (a name cut by a stray comma), split into known names (a missing
    comma), and only then fuzzy-matched (at most :data:`MAX_FUZZY` per call).
    """
    lex = lexicon()
    exact = lex.resolve_cached  # the cached look-up itself (one frame less per item)
    out: list[tuple[str, Match, Item]] = []
    items = parsed.items
    budget = MAX_FUZZY
    index = 0
    ahead: Match | None = None  # the next item's look-up, made while reading this one
    while index < len(items):
        item = items[index]
        index += 1
        nxt = items[index] if index < len(items) else None
        if not item.item.name.isascii() and unread_script(item.item.name):
            # "Вазелин", "페트롤라툼": unreadable, so unrecognised (QA F7-22), never
            # joined to a neighbour (its key keeps no letter of it)
            out.append((item.item.text, NONE, item))
            ahead = None
            continue
        match = ahead if ahead is not None else exact(item.item.name, False)
        ahead = None
        if nxt is not None and not nxt.item.name.isascii() and has_foreign_letters(nxt.item.name):
            nxt = None  # no join with a name holding letters milia does not read
        if match.inci is not None:
            # a known name and the unknown rest of it after a stray comma ("butylene
            # glycol", "dicaprylate"; "Dimethicone", "Vinyl Dimethicone Crosspolymer")
            # (the next item's cached look-up first: it is almost always a name)
            if nxt is not None and (ahead := exact(nxt.item.name, False)).inci is None:
                rest = known_with_rest(item, nxt, match)
                if rest is not None:
                    out.append((f"{item.item.text}, {nxt.item.text}", rest, item))
                    index += 1
                    ahead = None
                    continue
            out.append((item.item.text, match, item))
            continue
        if nxt is not None and nxt.list_index == item.list_index:
            joined = lex.joined(item.item.name, nxt.item.name)
            if joined.inci is not None:  # "disodium", "edta" (the first unknown on its own)
                out.append((f"{item.item.text}, {nxt.item.text}", joined, item))
                index += 1
                continue
        parts = lex.split_run_on(item.item.name)
        if parts:
            out.extend(
                (display_text(part), Match(inci, "split", 100.0), item) for part, inci in parts
            )
            parsed.issue(
                "missing_separators",
                "some ingredients ran together without a comma and were split "
                f"(e.g. {item.item.text[:60]!r})",
            )
            continue
        guessed = guard_partial(lex.resolve(item.item.name, fuzzy=budget > 0), item.item.name)
        budget -= 1
        if (
            (guessed.inci is None or guessed.method == "fuzzy")
            and nxt is not None
            and nxt.list_index == item.list_index
        ):
            typo = joined_typo(item.item.name, nxt.item.name) if budget > 0 else None
            # "prunus aermeniaca (apricot)", "kernel oil"; and "Barbassu Oil", "Polyglyceryl-4
            # Esters" or "dimethicon", "silylate": a typo on its own, and the two together
            # are one whole name with a closer typo (never a "/" alternative of the pair)
            if typo is not None and (
                guessed.inci is None or (typo.method == "fuzzy" and typo.score > guessed.score)
            ):
                out.append((f"{item.item.text}, {nxt.item.text}", typo, item))
                index += 1
                budget -= 1
                continue
        if guessed.method == "fuzzy" and guessed.inci is not None and guessed.candidates:
            others = " or ".join(guessed.candidates[1:MAX_CANDIDATES])
            parsed.issue(
                "fuzzy_tie",
                f"{item.item.text[:60]!r} is as close to {others} as to "
                f"{guessed.inci}; read as {guessed.inci}: check the label",
            )
        out.append((item.item.text, guessed, item))
    if budget < 0:
        parsed.issue("fuzzy_limit", f"only the first {MAX_FUZZY} unknown names were fuzzy-matched")
    return merge_repeats(out)
