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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Literal, TypedDict

from milia.errors import KnowledgeBaseError
from milia.ingredients.keys import spaced_key
from milia.kb.loader import read_yaml

__all__ = ["Flag", "ProductType", "Rulebook", "rulebook"]

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
    """

    inci: str
    category: str
    effect: Effect
    weight: float
    evidence: str
    sources: list[str]
    position: int | None
    shown_as: Literal["risk", "benefit", "anomaly", "note"]


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

    def matches(self, inci: str) -> bool:
        """True when the canonical name falls in this rule."""
        if inci not in self.inci and not any(p.search(inci) for p in self.patterns):
            return False
        return not any(p.search(inci) for p in self.exclude)


@dataclass(frozen=True, slots=True)
class Rating:
    """A comedogenicity rating and where it comes from."""

    rating: int
    source: str


class Rulebook:
    """Matches canonical INCI names to flags (match results cached per name)."""

    def __init__(self, categories: dict[str, Any], ratings: dict[str, Any]) -> None:
        try:
            self.rules = tuple(_rules(categories["categories"]))
            self.weighting: dict[str, Any] = dict(categories["weighting"])
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
        self._alarm_rules = lru_cache(maxsize=16384)(self._alarm_rules_uncached)

    def _hits(self, inci: str) -> tuple[tuple[Rule | None, Rating | None], ...]:
        found: list[tuple[Rule | None, Rating | None]] = []
        seen: set[tuple[str, str]] = set()
        suppressed: set[str] = set()
        for rule in self.rules:
            key = (rule.category, rule.effect)
            if key in seen or not rule.matches(inci):
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
        """Flags of prohibited or milia-triggering drugs named inside an unrecognised item.

        A red flag must not vanish because a label was mangled
        ("Hydrocortisone 1% Anti-itch"): the corticosteroid, fluorouracil and
        anomaly rules are also tried on the words of items the lexicon could
        not map. Such flags are weighted as if at position 1 (triage up).

        A flag's ``inci`` is the item's text as a spaced key, which is how a
        reader pairs it with its unrecognised entry; with ``named`` (prose,
        which no entry shows) it is the drug found ("HYDROCORTISONE"), not the
        whole sentence.
        """
        upper = spaced_key(text)
        return [
            Flag(
                inci=_drug_named(upper, rule) if named else upper,
                category=rule.category,
                effect=rule.effect,
                weight=_round(rule.weight),
                evidence=rule.evidence_text,
                sources=list(rule.sources),
                position=None,
                shown_as=rule.effect,
            )
            for rule in self._alarm_rules(upper)
        ]

    def prose_alarms(self, texts: list[str]) -> list[Flag]:
        """:meth:`safety_scan` flags for prose dropped from a list, except negations.

        "Formulated with hydrocortisone" must not vanish with the prose around
        it; "steroid-free" or "no hydrocortisone" is not a finding.
        """
        found: dict[tuple[str, str], Flag] = {}  # one flag per rule, however much prose
        for text in texts:
            if not _NEGATION.search(text):
                for flag in self.safety_scan(text, named=True):
                    found.setdefault((flag["category"], flag["effect"]), flag)
        return list(found.values())

    def _alarm_rules_uncached(self, upper: str) -> tuple[Rule, ...]:
        found: list[Rule] = []
        padded = f" {upper} "
        for rule in self.rules:
            if rule.effect != "anomaly" and rule.category not in _SAFETY_CATEGORIES:
                continue
            if (
                any(p.search(upper) for p in rule.patterns)
                or any(f" {name} " in padded for name in rule.inci)
            ) and not _negated(upper, _drug_named(upper, rule)):
                found.append(rule)
        return tuple(found)

    def rating(self, inci: str) -> Rating | None:
        """The comedogenicity rating of a canonical name, if any source rates it."""
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
                        weight=_round(base * place * exposure * kind),
                        evidence=text,
                        sources=[rating.source, *self._comedo["sources"]],
                        position=None,
                        shown_as="risk",
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
                    weight=_round(weight),
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


_SAFETY_CATEGORIES = frozenset({"corticosteroid", "fluorouracil", "hydroquinone"})
_DRUG_CATEGORIES = frozenset({"corticosteroid", "fluorouracil", "retinoid", "hydroquinone"})
_NEGATION = re.compile(r"\b(?:free|no|non|not|never|without|zero)\b|\b0\s*%", re.IGNORECASE)


#: Ester and salt words that belong to a drug's name ("CLOBETASOL PROPIONATE").
_ESTER_WORDS = frozenset(
    [
        "ACETATE",
        "ACETONIDE",
        "ACEPONATE",
        "BUTYRATE",
        "BUTEPRATE",
        "DIACETATE",
        "DIPROPIONATE",
        "FUROATE",
        "PIVALATE",
        "PROPIONATE",
        "VALERATE",
        "PROBUTATE",
        "SUCCINATE",
        "PHOSPHATE",
        "SODIUM",
        "CAPROATE",
    ]
)


def _drug_named(upper: str, rule: Rule) -> str:
    """The drug a rule found in a longer text, with its ester words, not the whole text.

    "HYDROCORTISONE 1 PURPOSE ANTI ITCH USES ..." names HYDROCORTISONE;
    "APPLY CLOBETASOL PROPIONATE OINTMENT" names CLOBETASOL PROPIONATE.
    """
    padded = f" {upper} "
    listed = [name for name in rule.inci if f" {name} " in padded]
    if listed:
        return max(listed, key=len)
    words = upper.split()
    for i, word in enumerate(words):
        if any(p.search(word) for p in rule.patterns):
            end = i + 1
            while end < len(words) and words[end] in _ESTER_WORDS:
                end += 1
            return " ".join(words[i:end])
    return upper


def _negated(upper: str, drug: str) -> bool:
    """True when the drug is named only to say it is absent.

    "CORTISONE FREE FORMULA", "NO HYDROCORTISONE", "WITHOUT ADDED CORTISONE" name no
    drug in the product; "HYDROCORTISONE 1 NO DRIP FORMULA" and "CLOBETASOL PROPIONATE
    FREE BASE" do (the negation must touch the drug's name; when unsure, flag).
    """
    name = re.escape(drug)
    return (
        # "... FREE BASE" / "FREE ACID" is chemistry (the drug itself), not an absence
        re.search(rf"\b{name} FREE\b(?! (?:BASE|ACID|ALCOHOL|FORM|SALT|AMINE)\b)", upper)
        is not None
        or re.search(rf"\b(?:NO|WITHOUT|FREE OF|FREE FROM)(?: \w+){{0,2}} {name}\b", upper)
        is not None
    )


def _round(value: float) -> float:
    return round(min(1.0, max(0.0, value)), 3)


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
