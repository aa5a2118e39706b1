"""Category rules: which canonical ingredients raise a flag, and how heavy it is.

Rules are data (``kb/data/ingredients/categories.yaml`` and the generated
``comedogenicity.yaml``); this module only matches them and scales weights.
A flag's weight is its rule's base weight times

- a position factor: INCI lists run in descending concentration down to 1 %,
  so the place of the ingredient in its own list (or a printed percent)
  says how much of it there is;
- for risks, a leave-on/rinse-off factor and a product-type factor (an eye
  cream weighs most: the eyelids are where milia are most common);
- for benefits, the leave-on/rinse-off factor only.

Anomalies (a substance prohibited in EU cosmetics) are never scaled down.
The value types live in :mod:`milia.ingredients.rule_types` (re-exported
here); the safety scan of unreadable text in :mod:`milia.ingredients.alarms`.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from milia.errors import KnowledgeBaseError
from milia.ingredients.alarms import AlarmScanner
from milia.ingredients.rule_types import Effect, Flag, ProductType, Rating, Rule, round_weight
from milia.kb.loader import read_yaml

__all__ = ["Effect", "Flag", "ProductType", "Rating", "Rule", "Rulebook", "rulebook"]


class Rulebook:
    """Matches canonical INCI names to flags (match results cached per name)."""

    def __init__(self, categories: dict[str, Any], ratings: dict[str, Any]) -> None:
        try:
            self.rules = tuple(_rules(categories["categories"]))
            self.weighting: dict[str, Any] = dict(categories["weighting"])
            #: a product type's note for the summary (text, sources, evidence)
            self.product_notes: dict[str, dict[str, Any]] = {
                str(k): dict(v) for k, v in (categories.get("product_notes") or {}).items()
            }
            #: notes for the people a product is named for: (its name's words, casefolded;
            #: the note's text; its sources, which the summary lists in ``sources``)
            self.audience_notes: tuple[tuple[frozenset[str], str, tuple[str, ...]], ...] = tuple(
                (
                    frozenset(str(w).casefold() for w in n["words"]),
                    str(n["text"]).strip(),
                    tuple(str(s) for s in n.get("sources") or ()),
                )
                for n in categories.get("audience_notes") or ()
            )
            self._comedo: dict[str, Any] = dict(categories["comedogenic"])
            self.claims: dict[str, dict[str, Any]] = {
                str(c["claim"]): dict(c) for c in categories["claims"]
            }
            self.ratings = {
                str(r["inci"]): Rating(int(r["rating"]), str(r["rating_source"]))
                for r in ratings["ratings"]
            }
        except (KeyError, TypeError, ValueError, re.error) as exc:
            raise KnowledgeBaseError(
                f"ingredient category data is malformed ({exc!r}); check "
                "kb/data/ingredients/categories.yaml and comedogenicity.yaml"
            ) from exc
        self.hits = lru_cache(maxsize=16384)(self._hits)
        self._alarms = AlarmScanner(self.rules)

    def _hits(self, inci: str) -> tuple[tuple[Rule | None, Rating | None], ...]:
        found: list[tuple[Rule | None, Rating | None]] = []
        seen: set[tuple[str, str]] = set()
        suppressed: set[str] = set()
        searched: dict[re.Pattern[str], bool] = {}  # a pattern shared by two rules runs once
        for rule in self.rules:
            if inci not in rule.inci and not rule.patterns:
                continue  # most rules are name lists: no call, no search
            key = (rule.category, rule.effect)
            if key in seen or not rule.matches(inci, searched):
                continue
            seen.add(key)
            suppressed |= rule.suppress
            found.append((rule, None))
        rating = self.ratings.get(inci)
        minimum = int(self.weighting["comedogenic_min_rating"])
        if rating is not None and rating.rating >= minimum and "comedogenic" not in suppressed:
            found.append((None, rating))
        return tuple(found)

    def safety_scan(self, text: str, *, named: bool = False) -> list[Flag]:
        """Flags of drugs named inside an unrecognised item (see :mod:`~milia.ingredients.alarms`)."""
        return self._alarms.scan(text, named=named)

    def prose_alarms(self, texts: list[str]) -> list[Flag]:
        """Flags of drugs named in prose dropped from a list, except negations."""
        return self._alarms.prose(texts)

    def rating(self, inci: str) -> Rating | None:
        """The comedogenicity rating of a canonical name, if any source rates it.

        Parameters
        ----------
        inci : str
            A canonical (INCI) name.

        Returns
        -------
        Rating or None
            Its 0-5 rating with the source that gives it (rabbit-ear tests: acne,
            not milia); None when no source rates it.
        """
        return self.ratings.get(inci)

    def flags(
        self,
        inci: str,
        *,
        position: int,
        percent: float | None,
        may_contain: bool,
        leave_on: bool,
        product_type: ProductType | None,
        percent_below: float | None = None,
    ) -> list[Flag]:
        """Flags for one canonical ingredient at its place in a product.

        Parameters
        ----------
        inci : str
            Canonical INCI name.
        position : int
            1-based place in its own list.
        percent : float or None
            Percent printed on the label (0-100), which overrides ``position``
            (except for drugs: corticosteroids, fluorouracil, retinoids).
        may_contain : bool
            Whether it sits in a "may contain" tail.
        percent_below : float or None, optional
            An upper bound printed as "<1%" (percent, 0-100): the amount is
            below it, read as ``below_bound_share`` of it, and it only lowers
            the position factor (never for drugs, as ``percent``).
        leave_on : bool
            Leave-on (True) or rinse-off (False) product.
        product_type : ProductType or None
            The product's type; ``None`` when unknown.

        Returns
        -------
        list of Flag
        """
        hits = self.hits(inci)
        if not hits:
            return []
        w = self.weighting
        place = self._place_factor(position, percent, may_contain, percent_below)
        drug_place = self._place_factor(position, None, may_contain)
        exposure = float(w["leave_on"] if leave_on else w["rinse_off"])
        kind = float(
            w["product_type"][product_type] if product_type is not None else w["unknown_type"]
        )
        out: list[Flag] = []
        for rule, rating in hits:
            if rule is None and rating is not None:
                base = rating.rating * float(w["comedogenic_weight_per_point"])
                text = str(self._comedo["evidence_text"]).format(
                    rating=rating.rating,
                    rating_source=self._comedo["rating_sources"].get(rating.source, rating.source),
                )
                out.append(
                    Flag(
                        inci=inci,
                        category="comedogenic",
                        effect="risk",
                        weight=round_weight(base * place * exposure * kind),
                        evidence=text,
                        sources=[rating.source, *self._comedo["sources"]],
                        position=None,
                        shown_as="risk",
                        rating=int(rating.rating),
                        rating_source=rating.source,
                    )
                )
                continue
            assert rule is not None
            # Drugs work at fractions of a percent (hydrocortisone 1 %, tretinoin
            # 0.025 %): a printed percent must not scale them down; position does.
            at = drug_place if rule.category in _DRUG_CATEGORIES else place
            if rule.effect == "anomaly":
                weight = rule.weight
            elif rule.effect == "benefit":
                weight = rule.weight * at * exposure
            else:
                weight = rule.weight * at * exposure * kind
            out.append(
                Flag(
                    inci=inci,
                    category=rule.category,
                    effect=rule.effect,
                    weight=round_weight(weight),
                    evidence=rule.evidence_text,
                    sources=list(rule.sources),
                    position=None,
                    shown_as="note"
                    if rule.weight == 0 and rule.effect != "anomaly"
                    else rule.effect,
                )
            )
        return out

    def _place_factor(
        self,
        position: int,
        percent: float | None,
        may_contain: bool,
        below: float | None = None,
    ) -> float:
        w = self.weighting
        floor = float(w["position_floor"])
        full = float(w["percent_full"])
        if percent is not None:
            factor = min(1.0, max(floor, percent / full))
        else:
            factor = max(floor, 1.0 / (1.0 + float(w["position_decay"]) * (position - 1)))
            if below is not None:
                # "<1%": somewhere below the bound, never at it; it can only lower the place
                share = float(w["below_bound_share"])
                factor = min(factor, min(1.0, max(floor, below * share / full)))
        if may_contain:
            factor *= float(w["may_contain"])
        return factor


_DRUG_CATEGORIES = frozenset({"corticosteroid", "fluorouracil", "retinoid", "hydroquinone"})


def _rules(records: list[dict[str, Any]]) -> list[Rule]:
    by_id: dict[str, dict[str, Any]] = {}
    rules: list[Rule] = []
    for record in records:
        by_id[str(record["id"])] = record
        matcher = by_id[str(record["same_as"])] if "same_as" in record else record
        rules.append(
            Rule(
                id=str(record["id"]),
                category=str(record["category"]),
                effect=record["effect"],
                weight=float(record["weight"]),
                inci=frozenset(str(n).upper() for n in matcher.get("inci", [])),
                patterns=_one_pattern(matcher.get("patterns", [])),
                exclude=_one_pattern(matcher.get("exclude", [])),
                evidence_text=" ".join(str(record["evidence_text"]).split()),
                sources=tuple(str(s) for s in record["sources"]),
                suppress=frozenset(str(s) for s in record.get("suppress", [])),
            )
        )
        if rules[-1].effect not in ("risk", "benefit", "anomaly"):
            raise KnowledgeBaseError(
                f"category {record['id']}: unknown effect {record['effect']!r}"
            )
    return rules


def _one_pattern(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    """The patterns as one alternation (one search per rule instead of one per pattern)."""
    for p in patterns:
        re.compile(p)  # a bad pattern is reported on its own
    return (re.compile("|".join(f"(?:{p})" for p in patterns)),) if patterns else ()


@cache
def rulebook() -> Rulebook:
    """The shared :class:`Rulebook` built from the packaged data (cached)."""
    return Rulebook(
        read_yaml("ingredients/categories.yaml"), read_yaml("ingredients/comedogenicity.yaml")
    )
