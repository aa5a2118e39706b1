"""The value types of the category rules: a rule, a rating, a flag, a product type.

Shared by :mod:`milia.ingredients.rules` (matching and weights) and
:mod:`milia.ingredients.alarms` (the safety scan of unreadable text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, NotRequired, TypedDict

__all__ = ["Effect", "Flag", "ProductType", "Rating", "Rule", "round_weight"]

ProductType = Literal[
    "moisturizer", "eye_cream", "cleanser", "sunscreen", "serum", "mask", "treatment", "other"
]
Effect = Literal["risk", "benefit", "anomaly"]


class Flag(TypedDict):
    """One flag of the ingredient-check contract.

    ``position`` is the ``position`` of the ingredient entry the flag concerns
    (1-based, label order, running on across the lists of a kit, exactly as in
    the result's ``ingredients``), or ``None`` for a flag raised by prose
    around the list, which concerns no entry. :class:`Rulebook` leaves it
    ``None``; :func:`~milia.ingredients.check.check_ingredients` fills it in.

    ``shown_as`` is ``effect``, except ``"note"`` for a flag whose rule weighs
    nothing (fatty alcohols): looked at, neither a risk nor a help, shown only
    to correct a common false alarm.

    A ``comedogenic`` flag also carries ``rating`` (the 0-5 comedogenicity
    rating, as the contract asks: "with the 0-5 rating and its source") and
    ``rating_source`` (the bibliography id the rating comes from, also first in
    ``sources``), so a client need not read them out of ``evidence`` (QA F9-C04).
    """

    inci: str
    category: str
    effect: Effect
    weight: float
    evidence: str
    sources: list[str]
    position: int | None
    shown_as: Literal["risk", "benefit", "anomaly", "note"]
    rating: NotRequired[int]
    rating_source: NotRequired[str]


@dataclass(frozen=True, slots=True)
class Rule:
    """One category record of ``categories.yaml``."""

    id: str
    category: str
    effect: Effect
    weight: float
    inci: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]
    exclude: tuple[re.Pattern[str], ...]
    evidence_text: str
    sources: tuple[str, ...]
    suppress: frozenset[str]

    def matches(self, inci: str, searched: dict[re.Pattern[str], bool] | None = None) -> bool:
        """True when the canonical name falls in this rule.

        Parameters
        ----------
        inci : str
            A canonical (INCI) name.
        searched : dict, optional
            Pattern results for this name, kept across rules that share a pattern
            (the anomaly and risk rules of one drug class); filled in place.

        Returns
        -------
        bool
            True when the name is listed or matches a pattern, and no exclusion
            matches.
        """
        if inci not in self.inci and not any(_found(p, inci, searched) for p in self.patterns):
            return False
        return not any(_found(p, inci, searched) for p in self.exclude)


def _found(
    pattern: re.Pattern[str], text: str, searched: dict[re.Pattern[str], bool] | None
) -> bool:
    if searched is None:
        return pattern.search(text) is not None
    hit = searched.get(pattern)
    if hit is None:
        hit = searched[pattern] = pattern.search(text) is not None
    return hit


@dataclass(frozen=True, slots=True)
class Rating:
    """A comedogenicity rating and where it comes from."""

    rating: int
    source: str


def round_weight(value: float) -> float:
    """A weight clamped to 0-1 and rounded to three decimals, as flags carry it."""
    return round(min(1.0, max(0.0, value)), 3)
