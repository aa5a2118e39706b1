"""JSON API: the bibliography, so that an answer's source ids can be read (QA F14-07).

Every answer of the API cites its sources by bibliography id (``"berk2008"``,
``"acad"``); these routes give each id's record and its readable citation, as the
pages and the CLI show it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Depends
from rapidfuzz import fuzz, process

import milia
from milia.api.citations import citation
from milia.api.contracts import known_query_only
from milia.errors import NotFoundError, quoted
from milia.kb.schema import Source

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(known_query_only)], tags=["knowledge"])


def _record(source: Source) -> dict[str, Any]:
    """A bibliography record with its readable citation (``short``, ``label``, ``href``)."""
    cited = citation(str(source.id))
    return {
        "id": str(source.id),
        "short": cited["short"],
        "label": cited["label"],
        "href": cited["href"] or None,
        "title": source.title or None,
        "authors": list(source.authors),
        "venue": source.venue or None,
        "year": source.year,
        "doi": source.doi or None,
        "url": source.url or None,
        "kind": str(source.kind),
        "evidence": str(source.evidence),
        "note": source.note or None,
    }


def _sources() -> Mapping[str, Source]:
    """The knowledge base's bibliography, by id."""
    return milia.load_knowledge().sources


#: how alike (rapidfuzz's plain ratio, 0-100) a typed id must be to an id to suggest it:
#: the case fields' partial match suggested "gpnotebook_kp" for "nope" (QA F15-10)
_SUGGEST_SCORE = 70.0


def _closest_id(typed: str, ids: tuple[str, ...]) -> str | None:
    """The id closest to ``typed`` by whole-string similarity ("berk2080" ->
    berk2008), or None when none is close."""
    found = process.extractOne(typed.strip().lower(), ids, scorer=fuzz.ratio,
                               score_cutoff=_SUGGEST_SCORE)  # fmt: skip
    return None if found is None else str(found[0])


@router.get("/sources")
def list_sources() -> list[dict[str, Any]]:
    """Every bibliography record the answers may cite, by id.

    Each has ``short`` (e.g. "Berk & Bayliss 2008"), ``label`` (the long citation),
    ``href`` (its URL or DOI link, or null), its fields, and ``evidence``: the
    strongest level a claim citing only this source may carry.
    """
    return [_record(source) for _, source in sorted(_sources().items())]


@router.get("/sources/{source_id}")
def get_source(source_id: str) -> dict[str, Any]:
    """One bibliography record, for an id an answer cites (``sources`` of a flag,
    an advice item, a claim or a summary); 404 with the closest id when unknown."""
    sources = _sources()
    source = sources.get(source_id)
    if source is None:
        raise NotFoundError(
            f"no source with id {quoted(source_id[:80])}",
            field="source_id",
            suggestion=_closest_id(source_id[:80], tuple(sources)),
        )
    return _record(source)
