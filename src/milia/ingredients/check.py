"""``check_ingredients``: milia risks and helpers in one product's ingredient list.

The output follows ``shared/spec/ingredients-format.md`` (version 1):
``ingredients``, ``flags``, ``claims``, ``summary``, ``issues`` and
``knowledge_version``. It supports decisions about products; it never
diagnoses, and every flag and claim carries its sources.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict

from milia.errors import IngredientParseError
from milia.ingredients.claims import Claim, detect_claims, evaluate_claims
from milia.ingredients.joins import (
    report_repeats,
)
from milia.ingredients.normalize import Match
from milia.ingredients.product_types import (
    CLEANSER_NAME,
    LEAVE_ON_NAME,
    PRODUCT_TYPES,
    RINSE_OFF_NAME,
    RINSE_OFF_TYPES,
    SPECIFIC_TYPES,
    generic_label,
    normalize_product_type,
    type_from_name,
)
from milia.ingredients.resolve import MAX_CANDIDATES, resolve_items
from milia.ingredients.rules import Flag, ProductType, rulebook
from milia.ingredients.scripts import report_foreign_scripts
from milia.ingredients.summary import Bulk, BulkRow, Summary, occlusive_bulk, summarize
from milia.ingredients.text import decode_input
from milia.ingredients.tokenize import MAX_ITEMS, Item, parse_ingredient_text
from milia.kb.loader import knowledge_version

__all__ = ["PRODUCT_TYPES", "check_ingredients", "normalize_product_type"]


class IngredientEntry(TypedDict):
    """One ingredient of the contract (``match`` says how the name was found)."""

    position: int
    text: str
    inci: str | None
    recognized: bool
    percent: float | None
    may_contain: bool
    match: NotRequired[dict[str, Any]]
    #: An upper bound printed as "<1%" ("less than 1%"): ``percent`` is then null.
    percent_below: NotRequired[float]


class IngredientCheck(TypedDict):
    """The whole ingredient-check result (contract version 1)."""

    ingredients: list[IngredientEntry]
    flags: list[Flag]
    claims: list[Claim]
    summary: Summary
    issues: list[dict[str, str]]
    knowledge_version: str


def check_ingredients(
    text: str | bytes,
    *,
    name: str | None = None,
    product_type: str | None = None,
    leave_on: bool | None = None,
) -> IngredientCheck:
    """Check one product's ingredient list for milia risks, helpers and claims.

    Parameters
    ----------
    text : str or bytes
        The ingredient list as printed or pasted (bytes are decoded as UTF-8,
        else Windows-1252). May be messy: see :mod:`milia.ingredients.tokenize`.
    name : str, optional
        The product's name; searched for claims such as "Oil-Free".
    product_type : str, optional
        One of ``moisturizer, eye_cream, cleanser, sunscreen, serum, mask,
        treatment, other``, or a shop label such as "Eye cream", "Face Mask",
        "Sun protect". Eye creams weigh most.
    leave_on : bool, optional
        Leave-on (True) or rinse-off (False); by default inferred from the type
        (cleansers, masks, and bath and shower products named so rinse off;
        everything else stays on).

    Returns
    -------
    dict
        ``ingredients``, ``flags``, ``claims``, ``summary``, ``issues`` and
        ``knowledge_version``, JSON-ready.

    Raises
    ------
    IngredientParseError
        If ``text`` is binary data or not text, or ``product_type`` is unknown.

    Examples
    --------
    >>> result = check_ingredients("Aqua, Petrolatum, Cetearyl Alcohol", product_type="eye_cream")
    >>> [f["category"] for f in result["flags"]]
    ['occlusive', 'fatty_alcohol']
    >>> result["summary"]["milia_risk"]
    'moderate'
    """
    kind = normalize_product_type(product_type)
    if name is not None and not isinstance(name, str):
        raise IngredientParseError("name must be a string", field="name")
    if leave_on is not None and not isinstance(leave_on, bool):
        raise IngredientParseError("leave_on must be true, false or null", field="leave_on")
    inferred = kind is None and name is not None and (kind := type_from_name(name)) is not None
    if not inferred and name is not None and generic_label(product_type):
        # a shop's generic label ("Balm", "Oil") says less than "Cleansing Balm", "Eye Balm"
        named = type_from_name(name)
        if named is not None and named in SPECIFIC_TYPES and named != kind:
            kind, inferred = named, True
    if (
        kind not in (None, "cleanser")
        and product_type not in PRODUCT_TYPES  # a shop label, not the contract's own type
        and name is not None
        and CLEANSER_NAME.search(name)
        and not LEAVE_ON_NAME.search(name)
    ):
        # "Take The Day Off Cleansing Oil" filed as a "Moisturizer" is still a cleanser
        kind, inferred = "cleanser", True
    if leave_on is not None:
        stays_on = leave_on
    elif name is not None and LEAVE_ON_NAME.search(name):
        stays_on = True  # "Overnight Sleeping Mask"
    elif any(t and RINSE_OFF_NAME.search(t) for t in (name, product_type)):
        stays_on = False  # "Drift-Off Bath Soak" (sold as "Bath Oil"), "Shower Gel"
    else:
        stays_on = kind not in RINSE_OFF_TYPES
    raw = decode_input(text)
    parsed = parse_ingredient_text(raw)
    rules = rulebook()
    entries: list[IngredientEntry] = []
    flags: list[Flag] = []
    recognised: list[str] = []
    possible: list[str] = []  # in a "may contain" tail: named in claims, never deciding one
    vague: list[tuple[str, tuple[str, ...]]] = []
    hits = rules.hits
    at = 0  # the entry's own position, which its flags carry
    # a kit part named by its header ("Cleanser: ...", "Eye Cream: ...") is weighed as
    # that type, and rinses off if it is a cleanser or mask (unless leave_on was given)
    parts = [_part_type(label, kind, stays_on, leave_on) for label in parsed.list_labels]
    resolved = resolve_items(parsed)
    occlusive: set[int] = set()  # entry positions with an occlusive risk flag
    for text_as_written, hit, item in resolved:
        at += 1
        entries.append(_entry(at, text_as_written, hit, item))
        if hit.inci is None:
            if hit.candidates:
                vague.append((text_as_written, hit.candidates))
            alarms = rules.safety_scan(text_as_written)
            if alarms:
                flags.extend({**alarm, "position": at} for alarm in alarms)
                parsed.issue(
                    "unrecognized_drug",
                    "an item that could not be read names a drug or prohibited substance "
                    f"({text_as_written[:60]!r}); it was flagged anyway",
                )
            continue
        (possible if item.may_contain else recognised).append(hit.inci)
        if hits(hit.inci):
            for flag in rules.flags(
                hit.inci,
                position=item.position_in_list,
                percent=item.item.percent,
                percent_below=item.item.percent_below,
                may_contain=item.may_contain,
                leave_on=parts[item.list_index][1] if parts else stays_on,
                product_type=parts[item.list_index][0] if parts else kind,
            ):
                flag["position"] = at
                flags.append(flag)
                if flag["category"] == "occlusive" and flag["effect"] == "risk":
                    occlusive.add(at)
    if alarms := rules.prose_alarms(parsed.dropped):
        flags.extend(alarms)
        parsed.issue(
            "unrecognized_drug",
            "prose in the list names a drug or prohibited substance; it was flagged anyway",
        )
    report_repeats(resolved, parsed)
    unrecognized = sum(not e["recognized"] for e in entries)
    foreign = report_foreign_scripts([(t, m.inci) for t, m, _ in resolved], parsed)
    if entries and unrecognized == len(entries) and foreign < len(entries):
        parsed.issue(
            "not_an_ingredient_list",
            "none of the items is a known ingredient; the text does not look like an "
            "ingredient list (paste the list as printed on the pack)",
        )
    if unrecognized < len(entries) < 2 * unrecognized and foreign < unrecognized:
        # most names unread though some are (QA F12-05): often a national-language label
        parsed.issue(
            "mostly_unrecognized",
            f"{unrecognized} of {len(entries)} ingredients could not be read, so the milia "
            "risk covers only the rest; if the list is written in a national language "
            "rather than INCI names, use the INCI list, often printed on the box or given "
            "on the maker's site",
        )
    if unrecognized == len(entries) and not any(f["effect"] != "benefit" for f in flags):
        parsed.issue(
            "risk_unknown",
            "no ingredient could be read, so the milia risk is unknown: the summary's "
            "'low' is the lowest level the result can carry, not a finding of low risk",
        )
    made = detect_claims(name, raw)
    if made and not recognised:
        # nothing was read, so nothing supports or contradicts a claim: no verdict
        # (a "consistent" about an unread list would count it as checked; QA F3-42)
        parsed.issue(
            "claims_unchecked",
            f"the product claims {', '.join(c.replace('_', '-') for c in made)}, but no "
            "ingredient could be read, so the claim was not checked",
        )
        made = []
    claims = evaluate_claims(
        made,
        recognised,
        rules,
        unrecognized=unrecognized,
        ambiguous=vague,
        may_contain=possible,
        leave_on=stays_on,
    )
    return IngredientCheck(
        ingredients=entries,
        flags=flags,
        claims=claims,
        summary=summarize(
            flags,
            len(entries),
            unrecognized,
            stays_on,
            kind,
            inferred=inferred,
            vague=vague,
            bulk=_bulk(resolved, occlusive, parts, stays_on) if occlusive else None,
            cut=MAX_ITEMS if any(i["code"] == "too_long" for i in parsed.issues) else 0,
            name=name,
        ),
        issues=parsed.issues,
        knowledge_version=knowledge_version(),
    )


def _bulk(
    resolved: list[tuple[str, Match, Item]],
    occlusive: set[int],
    parts: list[tuple[ProductType | None, bool]],
    stays_on: bool,
) -> Bulk | None:
    """:func:`occlusive_bulk` of the entries (built only when one is occlusive)."""
    return occlusive_bulk(
        [
            BulkRow(
                item.list_index,
                item.may_contain,
                item.item.percent,
                at in occlusive,
                parts[item.list_index][1] if parts else stays_on,
            )
            for at, (_, _, item) in enumerate(resolved, start=1)
        ]
    )


def _part_type(
    label: str | None, kind: ProductType | None, stays_on: bool, leave_on: bool | None
) -> tuple[ProductType | None, bool]:
    """The type and leave-on of one list of a kit: its header's type, else the product's."""
    named = type_from_name(label) if label else None
    if named is None:
        return kind, stays_on
    return named, leave_on if leave_on is not None else named not in RINSE_OFF_TYPES


def _entry(position: int, text: str, match: Match, item: Item) -> IngredientEntry:
    method = match.method
    how: dict[str, Any] = {"method": method, "score": match.score}
    if method == "ambiguous":
        how["candidates"] = list(match.candidates[:MAX_CANDIDATES])
        how["candidates_total"] = len(match.candidates)
    elif method == "fuzzy":
        how["candidate"] = match.candidate
        if match.partial:
            how["partial"] = True
        if match.candidates:  # as close to other names: reported, not decided silently
            how["tied"] = list(match.candidates[:MAX_CANDIDATES])
    inci = match.inci
    entry: IngredientEntry = {
        "position": position,
        "text": text,
        "inci": inci,
        "recognized": inci is not None,
        "percent": item.item.percent,
        "may_contain": item.may_contain,
        "match": how,
    }
    if item.item.percent_below is not None:
        entry["percent_below"] = item.item.percent_below
    return entry
