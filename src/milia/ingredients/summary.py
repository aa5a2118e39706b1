"""The summary of an ingredient check: the milia-risk level and why.

The level adds the flags' risk weights (see :mod:`milia.ingredients.rules`),
and looks at how much of the product is occlusive: a leave-on product that
is mostly occlusive ("Petrolatum", "100% Lanolin", "Mineral Oil, Fragrance")
is high however few occlusive names it holds. INCI lists run in descending
order of concentration, so the first ``k`` of ``n`` ingredients make up at
least ``k / n`` of the product; a printed percent is a share too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple, TypedDict

from milia.ingredients.rules import Flag, ProductType, rulebook

__all__ = ["Bulk", "BulkRow", "Summary", "occlusive_bulk", "summarize"]

#: Risk categories that make a leave-on product "high" whatever the sum (a rinse-off
#: one "moderate" at least): medicines with case reports of milia left on the skin
#: (their flags carry the sources), in plain words.
_HIGH_WHATEVER_THE_SUM = {
    "corticosteroid": "a corticosteroid",
    "fluorouracil": "a chemotherapy cream (5-FU)",
}


class BulkRow(NamedTuple):
    """One ingredient as :func:`occlusive_bulk` sees it (a tuple: one per entry, cheap)."""

    #: Which list of the text it belongs to (a kit has several).
    list_index: int
    #: In a "may contain" tail (not counted).
    may_contain: bool
    #: Percent printed on the label (0-100), if any.
    percent: float | None
    #: Whether it raised an occlusive risk flag.
    occlusive: bool
    #: Whether its list stays on the skin.
    leave_on: bool


@dataclass(frozen=True, slots=True)
class Bulk:
    """The least share of one list that is occlusive, and how it is known."""

    #: Fraction 0-1 of the product.
    share: float
    #: Occlusive ingredients leading the list (``lead`` of ``count``).
    lead: int
    count: int
    #: Sum of the occlusives' printed percents, as a fraction 0-1.
    printed: float
    leave_on: bool


def occlusive_bulk(rows: Sequence[BulkRow]) -> Bulk | None:
    """The list with the largest least occlusive share, or None without an occlusive.

    Per list (items of a "may contain" tail left out): the first ``lead``
    items all occlusive make up at least ``lead / count`` of it (INCI order is
    descending concentration); the occlusives' printed percents add up to a
    share as well; the larger of the two is the list's share.

    Parameters
    ----------
    rows : sequence of BulkRow
        Every ingredient entry of the text, in label order.

    Returns
    -------
    Bulk or None
        The list whose least occlusive share (fraction 0-1) is largest, with how
        it is known; None when no list has an occlusive.
    """
    lists: dict[int, list[BulkRow]] = {}
    for row in rows:
        if not row.may_contain:
            lists.setdefault(row.list_index, []).append(row)
    best: Bulk | None = None
    for items in lists.values():
        if not any(r.occlusive for r in items):
            continue
        lead = 0
        while lead < len(items) and items[lead].occlusive:
            lead += 1
        printed = min(1.0, sum(r.percent or 0.0 for r in items if r.occlusive) / 100.0)
        share = max(lead / len(items), printed)
        found = Bulk(share, lead, len(items), printed, items[0].leave_on)
        if best is None or (found.leave_on, found.share) > (best.leave_on, best.share):
            best = found
    return best


class Summary(TypedDict):
    """The summary of the contract."""

    milia_risk: Literal["low", "moderate", "high"]
    why: list[str]
    unrecognized: int
    #: Of the unrecognised, the names that fit several CosIng names (none picked).
    ambiguous: int
    #: False when no ingredient could be read: ``milia_risk`` is then "low" only because
    #: the contract has no "unknown" level; ``why`` and ``issues`` say so (not a finding).
    risk_known: bool
    #: True when more than half of the entries could not be read (QA F12-05), or the list
    #: was cut at the item limit (a CSV row spilt into extra fields is marked so by the
    #: batch, QA F12-06): the level then rests on the part read; ``why`` begins so.
    incomplete: bool
    #: Bibliography ids of the notes in ``why`` that are not a flag's or a claim's (a
    #: product type's or an audience's note), each once.
    sources: list[str]


#: The category whose flags concern acne, not milia: alone it leaves the level low.
_ACNE_ONLY = "comedogenic"


def summarize(
    flags: list[Flag],
    count: int,
    unrecognized: int,
    leave_on: bool,
    kind: ProductType | None,
    *,
    inferred: bool = False,
    vague: Sequence[tuple[str, tuple[str, ...]]] = (),
    bulk: Bulk | None = None,
    cut: int = 0,
    name: str | None = None,
) -> Summary:
    """The contract's summary: the level, why, and the unrecognised count.

    Parameters
    ----------
    flags : list of Flag
        Every flag of the product.
    count : int
        Number of ingredient entries.
    unrecognized : int
        Entries without a canonical name.
    leave_on : bool
        Whether the product stays on the skin.
    kind : ProductType or None
        The product's type (None when unknown).
    inferred : bool, optional
        The type was guessed from the product's name.
    vague : sequence of (str, tuple of str), optional
        Ambiguous names and their candidates.
    bulk : Bulk or None, optional
        The least share of the product that is occlusive (:func:`occlusive_bulk`).
    cut : int, optional
        When the list was too long and only its first ``cut`` items were checked;
        0 when it was checked whole. A cut list is ``incomplete``.
    name : str or None, optional
        The product's name: a word naming whom it is for ("Baby Cream") adds that
        audience's note (``categories.yaml`` ``audience_notes``) when there is a risk
        or a benefit.

    Returns
    -------
    Summary
    """
    rules = rulebook()
    weighting = rules.weighting
    risks = [f for f in flags if f["effect"] == "risk" and f["weight"] > 0]
    anomalies = [f for f in flags if f["effect"] == "anomaly"]
    benefits = [f for f in flags if f["effect"] == "benefit" and f["weight"] > 0]
    score = sum(f["weight"] for f in risks)
    level: Literal["low", "moderate", "high"] = "low"
    medicines = [f for f in risks if f["category"] in _HIGH_WHATEVER_THE_SUM]
    # acne comedogenicity ratings (rabbit-ear tests) alone never raise the *milia* level:
    # their link to milia is not proven (QA F9-15); beside a reported milia trigger they add
    acne_only = bool(risks) and all(f["category"] == _ACNE_ONLY for f in risks)
    if (score >= float(weighting["risk_high"]) and not acne_only) or (medicines and leave_on):
        level = "high"
    elif (score >= float(weighting["risk_moderate"]) and not acne_only) or medicines:
        level = "moderate"
    heavy = (
        bulk is not None
        and bulk.leave_on
        and bulk.share >= float(weighting["occlusive_share_high"])
    )
    if heavy:
        level = "high"  # mostly occlusive: the product itself is the occlusive
    why: list[str] = []
    known = unrecognized < count  # at least one ingredient read as an INCI name
    if not known and not risks and not anomalies:
        why.append(
            "Risk unknown: no ingredient could be read from the text, so nothing was "
            "checked. The result's milia_risk says 'low' only because it has no "
            "'unknown' level; it is not a finding of low risk."
        )
    elif not known:
        why.append(
            "No ingredient could be read as an INCI name; the flags below come from drug "
            "names found in the text, and anything else it contains is unknown."
        )
    for flag in anomalies:
        why.append(f"{flag['inci'].title()}: prohibited in EU cosmetics ({flag['category']}).")
    for flag in sorted(risks, key=lambda f: -f["weight"])[:5]:
        why.append(
            f"{flag['inci'].title()} ({flag['category'].replace('_', ' ')}), weight {flag['weight']}."
        )
    context = ("leave-on" if leave_on else "rinse-off") + (
        f" {kind.replace('_', ' ')}" if kind else " product of unknown type"
    )
    if inferred:
        context += " (type guessed from the product name)"
    if known:
        why.append(
            f"Sum of risk weights {round(score, 3)} for a {context} "
            f"(moderate from {weighting['risk_moderate']}, high from {weighting['risk_high']})."
        )
    if acne_only and score >= float(weighting["risk_moderate"]) and not heavy:
        why.append(
            "Only acne comedogenicity ratings flag this product; they come from rabbit-ear "
            "and similar tests, and their link to milia is not proven (see the flags' "
            "evidence and sources), so on their own they leave the milia risk low."
        )
    # not ``name``: that is the product's name, read below for whom it is for (QA F14-01:
    # a baby lotion with hydrocortisone lost the baby note to the medicine's name)
    for medicine in dict.fromkeys(f["inci"].title() for f in medicines):
        category = next(f["category"] for f in medicines if f["inci"].title() == medicine)
        # the reports describe the medicine left on the skin (QA F12-07): a rinse-off
        # product is not that exposure, so it is graded by the sum, moderate at least
        exposure = (
            "high for a leave-on product whatever the sum."
            if leave_on
            else "the reports concern creams and ointments left on the skin, not a "
            "rinse-off product, so here it makes the level moderate at least, not high."
        )
        why.append(
            f"{medicine} is {_HIGH_WHATEVER_THE_SUM[category]}, a medicine reported to cause "
            f"milia (see its flag's evidence and sources): {exposure}"
        )
    if heavy and bulk is not None:
        how = (
            f"the printed percentages add up to {round(100 * bulk.printed)} %"
            if bulk.printed >= bulk.share
            else "it is the only ingredient"
            if bulk.count == 1
            else f"it is the first of {bulk.count} ingredients, listed by descending amount"
            if bulk.lead == 1
            else f"they are the first {bulk.lead} of {bulk.count} ingredients, listed by "
            "descending amount"
        )
        why.append(
            f"Occlusive ingredients make up at least {round(100 * bulk.share)} % of this "
            f"leave-on product ({how}): high from "
            f"{round(100 * float(weighting['occlusive_share_high']))} %, however few their names."
        )
    read = count - unrecognized
    if not risks and known:
        among = f" among the {read} of {count} read" if unrecognized else ""
        why.append(
            f"No occlusive, highly comedogenic or milia-triggering ingredient was found{among}."
        )
    notes = dict.fromkeys(f["inci"].title() for f in flags if f["category"] == "fatty_alcohol")
    if notes:
        why.append(
            f"Not counted: {', '.join(notes)} (fatty alcohol): not drying and not a milia "
            "risk, though other checkers often flag it (see the flag's evidence and sources)."
        )
    if risks:
        # the level's strength, beside it (QA F10-13): every risk category but the
        # medicines (case reports) is expert opinion or a rabbit-ear rating
        reported = "case reports of the medicines flagged, " if medicines else ""
        why.insert(
            0,
            f"How strong: these milia risks rest on {reported}expert opinion and acne "
            "ratings; no controlled study links a product or an ingredient to milia (see "
            "the flags' evidence and sources).",
        )
    if cut:
        why.insert(
            0,
            f"Incomplete: the list was too long, so only its first {cut} items were "
            "checked; the rest may carry risks.",
        )
    incomplete = known and 2 * unrecognized > count
    if incomplete:
        # most of the list unread (a national language, a garbled paste): the level is
        # what the few read names give, never a finding about the product (QA F12-05)
        why.insert(
            0,
            f"Incomplete: {unrecognized} of {count} ingredients could not be read, so this "
            f"level rests on the {read} read; the others were not checked and may carry "
            "risks.",
        )
    note = rules.product_notes.get(kind or "")
    cited: list[str] = []  # the notes' sources (QA F14-04: never ids in the prose)
    if note and risks:
        why.append(str(note["text"]).strip())
        cited.extend(str(s) for s in note.get("sources") or ())
    # a note for whom the product is named, with a risk or a "may help" (QA F14-02: a
    # retinol "Baby Lotion" read "May help: Retinol" with no word about babies)
    if name and (risks or benefits):
        words = set(re.findall(r"\w+", name.casefold()))
        for audience, text, sources in rules.audience_notes:
            if words & audience:
                why.append(text)
                cited.extend(sources)
    for flag in sorted(benefits, key=lambda f: -f["weight"])[:3]:
        why.append(
            f"May help: {flag['inci'].title()} ({flag['category'].replace('_', ' ')}); "
            "no trial has tested it for milia: expert opinion or less (see its evidence); "
            "not for babies, whose milia need no treatment."
        )
    ambiguous = [text for text, _ in vague]
    if unrecognized:
        why.append(f"{unrecognized} ingredient(s) not recognised; risks they carry may be missed.")
    if ambiguous:
        shown = ", ".join(dict.fromkeys(ambiguous[:3]))
        why.append(
            f"{len(ambiguous)} of them name a plant or a family but not which ingredient "
            f"({shown}{', ...' if len(ambiguous) > 3 else ''}): several CosIng names fit, "
            "listed as candidates; none was picked."
        )
    return Summary(
        milia_risk=level,
        why=why,
        unrecognized=unrecognized,
        ambiguous=len(ambiguous),
        risk_known=known or bool(risks or anomalies),
        incomplete=incomplete or bool(cut),
        sources=list(dict.fromkeys(cited)),
    )
