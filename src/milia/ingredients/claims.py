"""Check "oil-free" and "non-comedogenic" claims against the ingredient list.

Neither term has a legal definition (US FDA; EU Regulation 655/2013 sets only
general criteria for claims), so the check says whether the claim is
*consistent with the list* under a stated reading, never that it is "false".

``oil_free`` reads "oil" as a fatty or mineral oil: plant seed, kernel, nut
and fruit oils, animal oils (mink, emu, fish), mineral oil, paraffin and
petrolatum, squalane and squalene (hydrocarbon oils sold as oils: from olive
or shark-liver oil, or, for squalane, made from sugar-cane, which a label does
not tell; counted whatever their origin), butters, waxes and lanolin. Esters
(caprylic/capric triglyceride, isopropyl myristate), silicones (dimethicone)
and synthetic hydrocarbon emollients (hydrogenated polyisobutene,
isohexadecane, isododecane) are named but not counted: they are oil-like but
are not named or sold as oils, and the claim is commonly made for products
that contain them.
Essential (fragrance) oils are volatile, not fatty; they are named but not
counted. Which name is an oil of which kind is :func:`milia.ingredients.oils.oil_kind`
(re-exported here).

``non_comedogenic`` is inconsistent when an ingredient is rated at or above
:data:`HIGH_RATING` on a 0-5 comedogenicity scale.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import Literal, TypedDict

from milia.ingredients.oils import oil_kind
from milia.ingredients.rules import Rulebook, rulebook
from milia.ingredients.text import normalise_punctuation

__all__ = ["HIGH_RATING", "Claim", "detect_claims", "evaluate_claims", "oil_kind"]

#: Ratings at or above this (0-5) make a "non-comedogenic" claim inconsistent
#: (the packaged value; ``categories.yaml`` ``claims`` holds the one in use).
HIGH_RATING = 3

ClaimName = Literal["oil_free", "non_comedogenic"]


class Claim(TypedDict):
    """One claim of the ingredient-check contract."""

    claim: ClaimName
    consistent: bool
    why: str
    sources: list[str]


_OIL_FREE = re.compile(
    r"\boil[\s\-]*free\b|\bfree\s+(?:of|from)\s+oils?\b|\bwithout\s+oils?\b"
    # "Oil and fragrance free", "oil, paraben & fragrance-free" -- "oil" opening the
    # phrase, not "Olive oil, shea butter and sulfate-free"
    r"|(?:^|[.;:!(/|]\s*|\s-\s*)oils?\s*(?:,|and|&)\s*(?:[a-z]+[\s,&-]+){0,4}?(?:and\s+|&\s*)?"
    r"[a-z]+[\s\-]*free\b"
    # the same claim printed as "0% oil" or in French, German, Spanish, Italian, Dutch
    # (QA F7-10); "sans huile minérale", "0% mineral oil" name one kind of oil only
    r"|\b0\s*%\s*oils?\b|\bsans\s+huiles?\b(?!\s+(?:min|essenti|de\s+palme))"
    r"|\b(?:öl|oel)[\s\-]*frei\b|\b(?:sin|libre\s+de)\s+aceites?\b(?!\s+(?:min|esencia))"
    r"|\bsenza\s+oli[oi]\b|\bolievrij\b",
    re.I,
)
#: Words of the oil-free claim in other languages (a cheap test before the pattern).
_OTHER_LANGUAGES = ("huile", "frei", "aceite", "olio", "olii", "olievrij")
#: A kind of oil before "oil-free" narrows the claim to that oil ("Palm Oil Free",
#: "mineral oil-free", "essential-oil-free"): no claim about oils in general.
_ONE_KIND = re.compile(
    r"\b(?:mineral|palm|essential|fragrance|petroleum|paraffin|castor|coconut|nut|animal)"
    r"[\s\-]*$",
    re.I,
)
_NON_COMEDOGENIC = re.compile(
    r"\bnon[\s\-]*comedogen\w*|\bnoncomedogen\w*|\bnot\s+comedogenic\b|"
    r"\b(?:won'?t|will\s+not|does\s*n[o']t|doesn'?t|do\s*n[o']t|don'?t|never|not\s+to|to\s+not|"
    r"without)\s+(?:clog|block)(?:ging)?\s+(?:the\s+|your\s+)?pores\b|"
    r"\bnon[\s\-]*(?:pore[\s\-]*)?clogging\b|\bnon[\s\-]*acnegenic\b",
    re.I,
)
_NOT_COUNTED = frozenset({"essential oil", "hydrocarbon emollient"})

#: A claim read right after a negation is no claim: "Not oil-free cleanser".
_NEGATED = re.compile(r"\b(?:not|isn'?t|is\s+not|never|no\s+longer)(?:\s+an?)?[\s\-:]*$", re.I)


def _claimed(
    pattern: re.Pattern[str], text: str, *, narrowed: re.Pattern[str] | None = None
) -> bool:
    """Whether ``pattern`` matches ``text`` anywhere not just after a negation.

    ``narrowed`` matches the words just before a match that make it another,
    narrower claim ("Palm Oil Free").
    """
    for m in pattern.finditer(text):
        before = text[max(0, m.start() - 20) : m.start()]
        if _NEGATED.search(before) or (narrowed is not None and narrowed.search(before)):
            continue
        return True
    return False


@cache
def _label_words(claim: str) -> re.Pattern[str] | None:
    """The claim's ``label_words`` of ``categories.yaml`` as one pattern (accents folded)."""
    words = rulebook().claims.get(claim, {}).get("label_words") or []
    if not words:
        return None
    forms = (r"[\s\-]*".join(map(re.escape, _folded(str(w)).split())) for w in words)
    return re.compile(r"\b(?:" + "|".join(forms) + r")\b", re.I)


def _folded(text: str) -> str:
    """``text`` lower-cased without accents ("Ölfreie comédogène" -> "olfreie comedogene")."""
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()


def detect_claims(*texts: str | None) -> list[ClaimName]:
    """Which claims the product's name or text makes, in contract order.

    A claim right after a negation ("not oil-free", "is not non-comedogenic") is
    not made. Besides the patterns here, each claim's ``label_words`` in
    ``categories.yaml`` (other languages' words, QA F12-13) are read.
    """
    joined = normalise_punctuation(" ".join(t for t in texts if t))
    lowered = joined.lower()
    folded = _folded(joined) if not joined.isascii() else lowered
    found: list[ClaimName] = []
    # every form of the claim says "free" or "without": most lists say "oil" without it
    oil_words = _label_words("oil_free")
    if (
        (
            ("oil" in lowered and ("free" in lowered or "without" in lowered or "%" in lowered))
            or any(word in lowered for word in _OTHER_LANGUAGES)
        )
        and _claimed(_OIL_FREE, joined, narrowed=_ONE_KIND)
    ) or (oil_words is not None and _claimed(oil_words, folded, narrowed=_ONE_KIND)):
        found.append("oil_free")
    pore_words = _label_words("non_comedogenic")
    if (
        ("comedo" in lowered or "clog" in lowered or "acneg" in lowered)
        and _claimed(_NON_COMEDOGENIC, joined)
    ) or (pore_words is not None and _claimed(pore_words, folded)):
        found.append("non_comedogenic")
    return found


def evaluate_claims(
    claims: Sequence[ClaimName],
    incis: Sequence[str],
    rules: Rulebook,
    *,
    unrecognized: int,
    ambiguous: Sequence[tuple[str, Sequence[str]]] = (),
    may_contain: Sequence[str] = (),
    leave_on: bool = True,
) -> list[Claim]:
    """Check each claim against the canonical names of the list.

    Parameters
    ----------
    claims : sequence of {"oil_free", "non_comedogenic"}
        Claims found by :func:`detect_claims`.
    incis : sequence of str
        Canonical INCI names of the recognised ingredients, in label order.
    rules : Rulebook
        Source of comedogenicity ratings.
    unrecognized : int
        Number of ingredients that could not be checked.
    ambiguous : sequence of (str, sequence of str), optional
        Names as written that fit several CosIng names, with those candidates.
        One that could be an oil is named in an "oil-free" verdict, never
        counted: the label does not say which ingredient it is.
    may_contain : sequence of str, optional
        Canonical names from a "may contain" tail (colours that depend on the
        shade). One that would contradict a claim is named, never counted: the
        product may not contain it.
    leave_on : bool, optional
        Whether the product stays on the skin. The comedogenicity ratings come
        from leave-on tests (the vehicle changes the grade), so in a rinse-off
        product a highly rated ingredient is named but does not contradict
        "non-comedogenic" (QA F10-22: table salt in a foaming cleanser).
    """
    caveat = (
        f" {unrecognized} ingredient(s) were not recognised and could not be checked."
        if unrecognized
        else ""
    )
    out: list[Claim] = []
    unique = list(dict.fromkeys(incis))
    agrees = "Nothing in the list contradicts it."
    if not unique:
        agrees = (
            "Not checked: no ingredient could be read from the text, so nothing contradicts it."
        )
        caveat = ""
    if "oil_free" in claims:
        kinds = [(n, oil_kind(n)) for n in unique]
        oils = [f"{n.title()} ({k})" for n, k in kinds if k and k not in _NOT_COUNTED]
        # "Rosehip Oil": which rose the label does not say, but every candidate is an oil
        oils += _surely_oils(ambiguous)
        essential = [n.title() for n, k in kinds if k == "essential oil"]
        hydrocarbons = [n.title() for n, k in kinds if k == "hydrocarbon emollient"]
        reading = (
            " Read as: no plant, animal or mineral oil (mineral oil, paraffin, petrolatum,"
            " squalane), butter, wax or lanolin; esters,"
            " silicones, synthetic hydrocarbon emollients not sold as oils (hydrogenated"
            " polyisobutene, isohexadecane, isododecane) and essential oils are not counted."
            " 'Oil-free' has no legal definition: this reading is ours."
        )
        extra = (
            f" Essential (fragrance) oils present, not counted: {', '.join(essential)}."
            if essential
            else ""
        )
        if hydrocarbons:
            extra += f" Synthetic hydrocarbon emollients present, not counted: {', '.join(hydrocarbons)}."
        maybe = _maybe_oils(ambiguous)
        if maybe:
            extra += (
                " Named too vaguely to tell, so not counted, but could be an oil: "
                f"{'; '.join(maybe)}."
            )
        tail = [
            f"{n.title()} ({k})"
            for n in dict.fromkeys(may_contain)
            if n not in unique and (k := oil_kind(n)) and k not in _NOT_COUNTED
        ]
        if tail:
            extra += f" In the 'may contain' list only, so not counted: {', '.join(tail)}."
        if oils:
            why = f"The list contains {', '.join(oils)}.{reading}{extra}"
        else:
            why = f"{agrees}{reading}{extra}{caveat}"
        out.append(
            Claim(
                claim="oil_free",
                consistent=not oils,
                why=why,
                sources=list(rules.claims["oil_free"]["sources"]),
            )
        )
    if "non_comedogenic" in claims:
        threshold = int(rules.claims["non_comedogenic"].get("high_rating", HIGH_RATING))
        high = []
        rating_sources: list[str] = []  # cited in ``sources``, not in the prose (QA F14-04)
        for name in unique:
            rated = rules.rating(name)
            if rated is not None and rated.rating >= threshold:
                high.append(f"{name.title()} (rated {rated.rating}/5)")
                rating_sources.append(rated.source)
        reading = (
            f" Read as: no ingredient rated {threshold}/5 or more. Ratings come from rabbit-ear "
            "tests, depend on vehicle and concentration, and concern acne, not milia; the term "
            "has no legal definition or standard test."
        )
        maybe_rated = [
            (n, rated)
            for n in dict.fromkeys(may_contain)
            if n not in unique
            and (rated := rules.rating(n)) is not None
            and rated.rating >= threshold
        ]
        maybe_high = [f"{n.title()} (rated {rated.rating}/5)" for n, rated in maybe_rated]
        rating_sources.extend(rated.source for _, rated in maybe_rated)
        extra = (
            f" In the 'may contain' list only, so not counted: {', '.join(maybe_high)}."
            if maybe_high
            else ""
        )
        if high and not leave_on:
            why = (
                f"Not contradicted for a product that is rinsed off: {', '.join(high)} "
                "rated high in leave-on tests, whose grades do not carry over to a product "
                f"washed off the skin.{reading}{extra}{caveat}"
            )
        elif high:
            why = f"The list contains {', '.join(high)}.{reading}{extra}"
        else:
            why = f"{agrees}{reading}{extra}{caveat}"
        out.append(
            Claim(
                claim="non_comedogenic",
                consistent=not high or not leave_on,
                why=why,
                sources=list(
                    dict.fromkeys([*rules.claims["non_comedogenic"]["sources"], *rating_sources])
                ),
            )
        )
    return out


def _counted_kind(inci: str) -> str | None:
    kind = oil_kind(inci)
    return kind if kind is not None and kind not in _NOT_COUNTED else None


def _surely_oils(ambiguous: Sequence[tuple[str, Sequence[str]]]) -> list[str]:
    """Ambiguous names every candidate of which is a counted oil, as counted oils.

    "Rosehip Oil" fits ROSA CANINA FRUIT OIL, ROSA RUBIGINOSA SEED OIL and others:
    the label does not say which rose, but each is a plant oil, so the name is one.
    """
    out: list[str] = []
    for written, candidates in ambiguous:
        kinds = {_counted_kind(c) for c in candidates}
        if candidates and None not in kinds:
            kind = " or ".join(sorted(k for k in kinds if k is not None))
            out.append(
                f"{written} ({kind}, whichever of {len(candidates)} CosIng names it is, "
                f"e.g. {candidates[0].title()})"
            )
    return list(dict.fromkeys(out))


def _maybe_oils(ambiguous: Sequence[tuple[str, Sequence[str]]]) -> list[str]:
    """'"written" (e.g. AN OIL)' for each ambiguous name with an oil among its candidates
    (not those every candidate of which is an oil: :func:`_surely_oils` counts them)."""
    out: list[str] = []
    for written, candidates in ambiguous:
        if candidates and all(_counted_kind(c) is not None for c in candidates):
            continue
        oil = next(
            (c for c in candidates if (k := oil_kind(c)) is not None and k not in _NOT_COUNTED),
            None,
        )
        if oil is not None:
            out.append(f"'{written}' (e.g. {oil.title()})")
    return list(dict.fromkeys(out))
