"""Readable citations of bibliography sources, for the web pages and the CLI text output.

A result names its sources by bibliography id ("berk2008", "dnet"): internal keys,
meaningless to a reader (QA F5-60). Here each source is given a short citation
derived from its own bibliography fields (authors and year, else the venue it was
published in, else its title), such as "Berk & Bayliss 2008" or "DermNet NZ", a
longer label and where to read it. Nothing is written per id.

This module imports only the knowledge base, so the CLI can use it without the web
stack.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

__all__ = ["Citation", "citation", "citations", "short_citation", "source_links"]

#: A citation as the pages and the CLI show it.
Citation = dict[str, str]

#: Trailing name parts that are not the surname ("Berk DR", "Fulton JE Jr").
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_INITIALS = re.compile(r"^[A-Z][A-Z.\-]{0,4}$")
#: A venue's trailing gloss in brackets: "Medscape (eMedicine)" -> "Medscape".
_GLOSS = re.compile(r"\s*\([^)]*\)\s*$")
_UNVERIFIED = " (title not verified)"
#: Longest title or note gist used as a short citation (characters).
_MAX_SHORT = 48


def _surname(author: str) -> str:
    """The surname of a bibliography author ("Berk DR" -> "Berk", "Fulton JE Jr" -> "Fulton")."""
    parts = author.split()
    while len(parts) > 1 and (parts[-1].lower() in _SUFFIXES or _INITIALS.match(parts[-1])):
        parts.pop()
    return " ".join(parts)


def _clip(text: str) -> str:
    """A title or gist short enough for a link text: up to its first colon, at most ~48 chars."""
    head = text.split(":", 1)[0].strip().rstrip(".")
    if len(head) <= _MAX_SHORT:
        return head
    cut = head[:_MAX_SHORT].rsplit(" ", 1)[0]
    return f"{cut}…"


def untitled_name(src: Any) -> str:
    """What to call a source whose title is not known (its authors, or its note's gist).

    Parameters
    ----------
    src : Source
        A bibliography record (anything with ``authors``, ``note`` and ``id``).

    Returns
    -------
    str
        "First author et al." or the note's first clause (clipped), else the id.
    """
    authors = list(getattr(src, "authors", None) or [])
    note = str(getattr(src, "note", "") or "")
    gist = note.split(";", 1)[0].strip().rstrip(".")
    if authors:
        what = authors[0] + (" et al." if len(authors) > 1 else "")
    elif gist and "not verified" not in gist.lower() and not gist.startswith("Cited by"):
        what = gist
    else:
        what = str(getattr(src, "kind", "") or "source").replace("_", " ").capitalize()
    return f"{what[:1].upper()}{what[1:]}{_UNVERIFIED}"


def short_citation(src: Any) -> str:
    """A short citation from a source's own fields, e.g. "Berk & Bayliss 2008", "DermNet NZ".

    Parameters
    ----------
    src : milia.kb.schema.Source or similar
        Anything with ``id``, ``authors``, ``venue``, ``year``, ``title`` and ``note``.

    Returns
    -------
    str
        Authors' surnames ("A", "A & B", "A et al.") and the year (or the venue when
        the year is not known); without authors, the venue (its bracketed gloss
        dropped) and the year; without either, the title up to its colon; never the id
        unless the source has none of these.
    """
    authors = [str(a) for a in getattr(src, "authors", None) or ()]
    named = [a for a in authors if a.strip().lower().rstrip(".") != "et al"]
    year = getattr(src, "year", None)
    venue = _GLOSS.sub("", str(getattr(src, "venue", "") or "")).strip()
    when = str(year) if year else ""
    if named:
        surnames = [_surname(a) for a in named]
        if len(surnames) == 1 and len(authors) == 1:
            who = surnames[0]
        elif len(surnames) == 2 and len(authors) == 2:
            who = f"{surnames[0]} & {surnames[1]}"
        else:
            who = f"{surnames[0]} et al."
        if when:
            return f"{who} {when}"
        return f"{who}, {venue}" if venue else who
    if venue:
        return f"{venue} {when}".strip()
    title = str(getattr(src, "title", "") or "")
    if title:
        return _clip(title)
    gist = untitled_name(src).removesuffix(_UNVERIFIED)
    return _clip(gist) or str(getattr(src, "id", "source"))


def source_links(sources: Iterable[Any]) -> dict[str, Citation]:
    """Each source's name, citations and where to read it (its URL, else its DOI).

    Parameters
    ----------
    sources : iterable of Source
        Bibliography records.

    Returns
    -------
    dict
        id -> ``{"title": its title (or what it is, when untitled), "label": the long
        citation (title, authors, venue, year), "short": :func:`short_citation`,
        "href": URL, DOI link or ""}``. A source is never shown by its bare id.
    """
    links = {}
    for src in sources:
        title = str(getattr(src, "title", "") or "") or untitled_name(src)
        label = src.label() if hasattr(src, "label") else title
        if not label or label == str(src.id):
            label = title
        url = str(getattr(src, "url", "") or "")
        doi = str(getattr(src, "doi", "") or "")
        links[str(src.id)] = {
            "title": title,
            "label": label,
            "short": short_citation(src),
            "href": url or (f"https://doi.org/{doi}" if doi else ""),
        }
    return links


@cache
def _all_links() -> Mapping[str, Citation]:
    import milia

    sources: Any = milia.load_knowledge().sources
    return source_links(sources.values() if isinstance(sources, Mapping) else sources)


def citation(source_id: str) -> Citation:
    """The citation of one bibliography id; an unknown id is shown as itself, with no link.

    Parameters
    ----------
    source_id : str
        A bibliography id.

    Returns
    -------
    dict
        ``title``, ``label``, ``short`` and ``href`` as :func:`source_links` gives them.
    """
    found = _all_links().get(str(source_id))
    if found is not None:
        return found
    return {"title": str(source_id), "label": str(source_id), "short": str(source_id), "href": ""}


def citations(source_ids: Iterable[str]) -> list[Citation]:
    """The citations of several ids, in order, each id once, each with its own text.

    Two sources of one list with the same short citation (two Skyscape pages) are told
    apart by their titles: "Skyscape: Skin disease (4th ed.)"; if those are alike too,
    by number: "PlasticSurgeryKey: Milia (1)", "... (2)".

    Parameters
    ----------
    source_ids : iterable of str
        Bibliography ids, as a flag or an advice item cites them.

    Returns
    -------
    list of dict
        ``id`` with the fields of :func:`citation`, for each id once, in order.
    """
    cited = [{"id": s, **citation(s)} for s in dict.fromkeys(str(s) for s in source_ids)]
    shorts = Counter(c["short"] for c in cited)
    for c in cited:
        titled = c["title"] and not c["title"].endswith(_UNVERIFIED)
        if shorts[c["short"]] > 1 and titled and c["title"] != c["short"]:
            c["short"] = f"{c['short']}: {_clip(c['title'])}"
    shorts = Counter(c["short"] for c in cited)
    seen: Counter[str] = Counter()
    for c in cited:  # still alike (two pages titled "Milia" on one site): numbered
        if shorts[c["short"]] > 1:
            seen[c["short"]] += 1
            c["short"] = f"{c['short']} ({seen[c['short']]})"
    return cited
