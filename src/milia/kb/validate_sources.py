"""The bibliography's part of knowledge-base validation (:mod:`milia.kb.validate`).

:func:`bibliography_ids` reads the entries (their ids and the strongest evidence
each supports); :func:`unfindable_sources` warns about cited entries a reader
cannot find (no ``url``, ``doi`` or full journal citation) and about addresses
on sites that copy other people's texts (:data:`COPY_HOSTS`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from milia.kb.files import Problem
from milia.kb.schema import EVIDENCE_RANK

__all__ = ["BIBLIOGRAPHY", "COPY_HOSTS", "bibliography_ids", "unfindable_sources"]

BIBLIOGRAPHY = "bibliography.yaml"

COPY_HOSTS = (
    "coek.info",
    "docksci.com",
    "docslib.org",
    "pdfslide.us",
    "scribd.com",
    "vdocuments.net",
    "laibokeji.com",
    "pubcompare.ai",
    "doctoori.net",
    "1stchoicepharmacy.co.uk",
    "obgynkey.com",
    "plasticsurgerykey.com",
    "entokey.com",
    "eurlexa.com",
)
"""Hosts that reproduce papers, textbook chapters, PubMed records, NHS pages or laws
without being their publisher (QA F7-19): a patient must not be sent there. Cite the
publisher, the DOI, PubMed, the NHS or EUR-Lex instead, or leave the address out and
say in ``note`` where the text was read."""


def _host(url: str) -> str:
    rest = url.split("://", 1)[-1]
    return rest.split("/", 1)[0].split("?", 1)[0].lower()


def _on_copy_host(url: str) -> bool:
    host = _host(url)
    return any(host == h or host.endswith("." + h) for h in COPY_HOSTS)


def unfindable_sources(data: Mapping[str, Any], used: set[str]) -> list[Problem]:
    """Warnings for cited sources a reader cannot find, and for addresses on copying sites.

    A cited source a reader cannot find has no ``url``, no ``doi`` and no full journal
    citation (``venue``, ``year`` and ``volume_pages``; QA F6-17); the team's own
    estimates (``evidence: expert_estimate``) have no address by nature. Any entry whose
    ``url`` is on a copying site (:data:`COPY_HOSTS`, QA F7-19) is warned about too.

    Parameters
    ----------
    data : mapping
        The knowledge base's files by relative path, as parsed YAML.
    used : set of str
        The source ids cited anywhere (only those are checked for an address).

    Returns
    -------
    list of Problem
        ``source_on_copy_site`` and ``source_without_address`` warnings.
    """
    raw = data.get(BIBLIOGRAPHY)
    entries = raw.get("sources") if isinstance(raw, dict) else None
    out: list[Problem] = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        url = entry.get("url")
        if isinstance(url, str) and _on_copy_host(url):
            out.append(
                Problem(
                    "warning",
                    "source_on_copy_site",
                    BIBLIOGRAPHY,
                    str(entry.get("id")),
                    f"source {entry.get('id')!r} links to {_host(url)}, a site that copies "
                    "other people's texts: link the publisher, DOI, PubMed or the official "
                    "page, or drop the url and say in 'note' where it was read",
                )
            )
        if entry.get("id") not in used:
            continue
        cited_in_full = all(entry.get(k) for k in ("venue", "year", "volume_pages"))
        if entry.get("evidence") == "expert_estimate" or url or entry.get("doi") or cited_in_full:
            continue
        out.append(
            Problem(
                "warning",
                "source_without_address",
                BIBLIOGRAPHY,
                str(entry["id"]),
                f"source {entry['id']!r} is cited but has no url, doi or full journal citation (venue, year, volume_pages): add where to read it",
            )
        )
    return out


def bibliography_ids(
    data: Mapping[str, Any], problems: list[Problem]
) -> tuple[set[str], dict[str, int]]:
    """Read the bibliography's source ids and the strongest evidence each may support.

    Parameters
    ----------
    data : mapping
        The knowledge base's files by relative path (``bibliography.yaml`` among
        them), as parsed YAML.
    problems : list of Problem
        Appended to (in place): ``missing_bibliography`` when there is no
        ``sources`` list, ``bad_source_entry`` for an entry without a string ``id``.

    Returns
    -------
    known : set of str
        Every source id, for checking the citations of the other files.
    caps : dict of str to int
        Each source's evidence rank (:data:`milia.kb.schema.EVIDENCE_RANK`; 0 for an
        unknown evidence kind): a record's evidence may not be stronger than its
        strongest source's.
    """
    raw = data.get(BIBLIOGRAPHY)
    if not isinstance(raw, dict) or not isinstance(raw.get("sources"), list):
        problems.append(
            Problem(
                "error",
                "missing_bibliography",
                BIBLIOGRAPHY,
                "",
                "bibliography.yaml with a "
                "'sources' list is missing, so no source id can be checked",
            )
        )
        return set(), {}
    known: set[str] = set()
    caps: dict[str, int] = {}
    for i, entry in enumerate(raw["sources"]):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            known.add(entry["id"])
            caps[entry["id"]] = EVIDENCE_RANK.get(str(entry.get("evidence")), 0)
        else:
            problems.append(
                Problem(
                    "error",
                    "bad_source_entry",
                    BIBLIOGRAPHY,
                    f"sources[{i}]",
                    "each bibliography entry needs a string 'id'",
                )
            )
    return known, caps
