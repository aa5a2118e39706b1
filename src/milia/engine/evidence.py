"""The evidence level of a triage reason (QA F6-19).

Every triage reason carries ``evidence`` after its ``sources``, as red flags
and advice do: the strongest level its sources support in
``bibliography.yaml`` (the levels of :data:`milia.kb.schema.EVIDENCE_RANK`).
A red flag's reason has its flag's sources, so it gets the level the flag
shows unless ``red_flags.yaml`` states a weaker one for the flag (none does;
a test checks that they agree). Every path (``assess``, ``assess_many``, the
JSON writers) adds it the same way, after the reasons are ordered.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from milia.errors import KnowledgeBaseError
from milia.kb.loader import read_yaml
from milia.kb.schema import EVIDENCE_RANK

__all__ = ["reason_evidence", "with_evidence"]

_NONE = "expert_estimate"  # no sources: the weakest level


@cache
def _levels() -> dict[str, str]:
    """Each bibliography entry's evidence level, by id."""
    return {str(e["id"]): str(e["evidence"]) for e in read_yaml("bibliography.yaml")["sources"]}


@cache
def _strongest(sources: tuple[str, ...]) -> str:
    levels = _levels()
    unknown = [s for s in sources if s not in levels]
    if unknown:
        raise KnowledgeBaseError(f"a triage reason cites {unknown}, not in bibliography.yaml")
    if not sources:
        return _NONE
    return max((levels[s] for s in sources), key=EVIDENCE_RANK.__getitem__)


def reason_evidence(sources: Sequence[str]) -> str:
    """The strongest evidence level that ``sources`` (bibliography ids) support.

    Raises
    ------
    KnowledgeBaseError
        When a source is not in ``bibliography.yaml``.

    Examples
    --------
    >>> reason_evidence(["milia_team_estimate"])
    'expert_estimate'
    """
    return _strongest(tuple(sources))


def with_evidence(reasons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``reasons`` with ``evidence`` set on each (in place: a key added after ``sources``
    to fresh dicts, as :func:`~milia.engine.presentation.ordered_reasons` returns them)."""
    for reason in reasons:
        reason["evidence"] = _strongest(tuple(reason["sources"]))
    return reasons
