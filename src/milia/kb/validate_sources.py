"""The bibliography's part of knowledge-base validation (:mod:`milia.kb.validate`).

:func:`bibliography_ids` reads the entries (their ids and the strongest evidence
each supports); :func:`unfindable_sources` warns about cited entries a reader
cannot find (no ``url`` or ``doi``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from milia.kb.files import Problem
from milia.kb.schema import EVIDENCE_RANK

__all__ = ["BIBLIOGRAPHY", "bibliography_ids", "unfindable_sources"]

BIBLIOGRAPHY = "bibliography.yaml"


def unfindable_sources(data: Mapping[str, Any], used: set[str]) -> list[Problem]:
    """Warnings for cited sources a reader cannot find: no ``url`` and no ``doi``
    (QA F6-17). The team's own estimates have no address by nature."""
    raw = data.get(BIBLIOGRAPHY)
    entries = raw.get("sources") if isinstance(raw, dict) else None
    out: list[Problem] = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or entry.get("id") not in used:
            continue
        if entry.get("evidence") == "expert_estimate" or entry.get("url") or entry.get("doi"):
            continue
        out.append(
            Problem(
                "warning",
                "source_without_address",
                BIBLIOGRAPHY,
                str(entry["id"]),
                f"source {entry['id']!r} is cited but has no url or doi: add where to read it",
            )
        )
    return out


def bibliography_ids(
    data: Mapping[str, Any], problems: list[Problem]
) -> tuple[set[str], dict[str, int]]:
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
