"""Advice items triggered by the differential, the milia type and the case.

Items are data (``kb/data/model/advice.yaml``): each has an ``id``, a ``text``
in plain words that never diagnoses, ``sources`` and an ``evidence`` level,
and a ``when`` rule (vocabulary in :mod:`milia.engine.rules`).

An item with a ``likely`` list (the conditions its text calls most likely or
gives self-care for: "Most likely acne lesions ...") is kept only when one of
them is printed at least as likely as "not one of the listed conditions"
(:func:`likely_only`, QA F10-03): the rules read the probabilities among the
listed conditions, which stay large when most of the estimate lies outside
them.

An item with ``outside: true`` is the reverse: it is kept only when "not one of the
listed conditions" is printed at the triage policy's ``not_listed`` share or more (QA
F14B-07: an eruptive xanthoma's picture, 56 % outside the list, got advice about milia
and molluscum only, with nothing saying that the picture fits none of them well).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from milia.engine.rules import Fired, Predicate, RuleContext, compile_rule, compile_rules
from milia.errors import KnowledgeBaseError
from milia.kb.loader import read_yaml
from milia.types import EVIDENCE_LEVELS

__all__ = [
    "AdviceItem",
    "advice_for",
    "advice_from",
    "advice_items",
    "advice_rules",
    "likely_chunk",
    "likely_columns",
    "likely_only",
    "outside_only",
]


@dataclass(frozen=True)
class AdviceItem:
    """One advice record with its compiled trigger."""

    id: str
    text: str
    sources: tuple[str, ...]
    evidence: str
    when: Predicate
    likely: tuple[str, ...] = ()  # kept only when one of these is likely (QA F10-03)
    outside: bool = False  # kept only when the picture fits none well (QA F14B-07)

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
                tuple(str(c) for c in raw.get("likely") or ()),
                bool(raw.get("outside", False)),
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
    *,
    printed: Sequence[int] | None = None,
    outside: int = 0,
) -> list[dict[str, Any]]:
    """:func:`advice_for` from the model's results as lists in ``classes`` order (faster).

    With ``printed`` (the printed probabilities x 10,000 rounded down, ``classes``
    order) and ``outside`` (the ``not_listed`` probability x 10,000), the items
    with a ``likely`` list are filtered by :func:`likely_only`, as an assessment
    shows them.
    """
    items = advice_items()
    fired = advice_rules(classes)(case, age_days, rank, prob, milia_type)
    if printed is not None:
        fired = likely_only(fired, printed, outside, likely_columns(classes))
        fired = outside_only(fired, outside)
    return [items[i].as_dict() for i in fired]


@cache
def likely_columns(classes: tuple[str, ...]) -> tuple[tuple[int, ...] | None, ...]:
    """For each advice item (file order), the columns in ``classes`` of its ``likely``
    conditions, or None for an item without that list."""
    out: list[tuple[int, ...] | None] = []
    for item in advice_items():
        if not item.likely:
            out.append(None)
            continue
        unknown = sorted(set(item.likely) - set(classes))
        if unknown:
            raise KnowledgeBaseError(f"advice {item.id}: unknown likely condition(s) {unknown}")
        out.append(tuple(classes.index(c) for c in item.likely))
    return tuple(out)


def likely_only(
    fired: Sequence[int],
    printed: Sequence[int],
    outside: int,
    columns: Sequence[tuple[int, ...] | None],
) -> list[int]:
    """The fired advice items that may be shown for one case (QA F10-03).

    Parameters
    ----------
    fired : sequence of int
        Indices into :func:`advice_items` whose rules hold.
    printed : sequence of int
        The printed probabilities x 10,000 rounded down, in ``classes`` order (as
        the differential prints them).
    outside : int
        The ``not_listed`` probability x 10,000 rounded down.
    columns : sequence
        :func:`likely_columns` of the same classes.

    Returns
    -------
    list of int
        ``fired`` without the items none of whose ``likely`` conditions is
        printed at ``outside`` or more.
    """
    return [
        i for i in fired if (cols := columns[i]) is None or any(printed[c] >= outside for c in cols)
    ]


def likely_chunk(
    fired: list[list[int]],
    printed: npt.NDArray[np.intp],
    outside: npt.NDArray[np.intp],
    classes: tuple[str, ...],
) -> list[list[int]]:
    """:func:`likely_only` for a chunk: ``printed`` (N, C) and ``outside`` (N,) as the
    differential and ``not_listed`` print them x 10,000; the same answers case by case."""
    columns = likely_columns(classes)
    shown: dict[int, list[bool]] = {}
    for i, cols in enumerate(columns):
        if cols is not None:
            likely = np.any(printed[:, list(cols)] >= outside[:, None], axis=1)
            shown[i] = [bool(x) for x in np.asarray(likely).tolist()]
    need = _outside_share()
    for i in _outside_items():
        shown[i] = (outside >= need).tolist()
    return [
        [a for a in row if a not in shown or shown[a][n]] if row else row
        for n, row in enumerate(fired)
    ]


@cache
def _outside_items() -> frozenset[int]:
    """The indices of the items with ``outside: true`` (file order)."""
    return frozenset(i for i, item in enumerate(advice_items()) if item.outside)


@cache
def _outside_share() -> int:
    """The triage policy's ``not_listed`` share x 10,000 (``red_flags.yaml``), the share
    from which the CLI text and the web page also say the picture fits none well."""
    share = float(read_yaml("model/red_flags.yaml")["policy"]["not_listed"]["share"])
    return round(share * 10_000)


def outside_only(fired: Sequence[int], outside: int) -> list[int]:
    """``fired`` without the ``outside: true`` items when ``outside`` (the ``not_listed``
    probability x 10,000 rounded down) is below the policy's share (QA F14B-07)."""
    items = _outside_items()
    if not items or outside >= _outside_share():
        return list(fired)
    return [i for i in fired if i not in items]
