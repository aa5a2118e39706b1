"""Advice items triggered by the differential, the milia type and the case.

Items are data (``kb/data/model/advice.yaml``): each has an ``id``, a ``text``
in plain words that never diagnoses, ``sources`` and an ``evidence`` level,
and a ``when`` rule (vocabulary in :mod:`milia.engine.rules`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from milia.engine.rules import Fired, Predicate, RuleContext, compile_rule, compile_rules
from milia.errors import KnowledgeBaseError
from milia.kb.loader import read_yaml
from milia.types import EVIDENCE_LEVELS

__all__ = ["AdviceItem", "advice_for", "advice_from", "advice_items", "advice_rules"]


@dataclass(frozen=True)
class AdviceItem:
    """One advice record with its compiled trigger."""

    id: str
    text: str
    sources: tuple[str, ...]
    evidence: str
    when: Predicate

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (without the trigger)."""
        return {
            "id": self.id,
            "text": self.text,
            "sources": list(self.sources),
            "evidence": self.evidence,
        }


@cache
def advice_items() -> tuple[AdviceItem, ...]:
    """All advice records, compiled once."""
    items = []
    for raw in read_yaml("model/advice.yaml")["items"]:
        if raw["evidence"] not in EVIDENCE_LEVELS:
            raise KnowledgeBaseError(f"advice {raw['id']}: unknown evidence {raw['evidence']!r}")
        if not raw.get("sources"):
            raise KnowledgeBaseError(f"advice {raw['id']} has no sources")
        items.append(
            AdviceItem(
                str(raw["id"]),
                str(raw["text"]),
                tuple(raw["sources"]),
                str(raw["evidence"]),
                compile_rule(raw["when"]),
            )
        )
    if len({i.id for i in items}) != len(items):
        raise KnowledgeBaseError("advice.yaml: duplicate advice id")
    return tuple(items)


def advice_for(ctx: RuleContext) -> list[dict[str, Any]]:
    """The advice items whose rule holds for this context, in file order."""
    return [item.as_dict() for item in advice_items() if item.when(ctx)]


@cache
def advice_rules(classes: tuple[str, ...]) -> Fired:
    """All advice rules as one function (:func:`milia.engine.rules.compile_rules`)."""
    return compile_rules([raw["when"] for raw in read_yaml("model/advice.yaml")["items"]], classes)


def advice_from(
    classes: tuple[str, ...],
    case: Mapping[str, Any],
    age_days: float | None,
    rank: Sequence[int],
    prob: Sequence[float],
    milia_type: str | None,
) -> list[dict[str, Any]]:
    """:func:`advice_for` from the model's results as lists in ``classes`` order (faster)."""
    items = advice_items()
    return [
        items[i].as_dict() for i in advice_rules(classes)(case, age_days, rank, prob, milia_type)
    ]
