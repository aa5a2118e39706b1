"""Product types of the contract, and the shop labels and names that map to them.

``moisturizer, eye_cream, cleanser, sunscreen, serum, mask, treatment, other``;
a shop label ("Eye cream", "Face Mask", "Sun protect", "Facial Cleanser") maps
to one of them, and an unknown or misspelt label is an error naming the
closest type (never a silent correction).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from milia.errors import IngredientParseError
from milia.ingredients.rules import ProductType

__all__ = [
    "CLEANSER_NAME",
    "LEAVE_ON_NAME",
    "PRODUCT_TYPES",
    "RINSE_OFF_NAME",
    "RINSE_OFF_TYPES",
    "SPECIFIC_TYPES",
    "generic_label",
    "normalize_product_type",
    "type_from_name",
]

#: Product types of the contract.
PRODUCT_TYPES: tuple[ProductType, ...] = (
    "moisturizer", "eye_cream", "cleanser", "sunscreen", "serum", "mask", "treatment", "other",
)  # fmt: skip
RINSE_OFF_TYPES = frozenset({"cleanser", "mask"})

_TYPE_ALIASES: dict[str, ProductType] = {
    "moisturiser": "moisturizer", "moisturizers": "moisturizer", "cream": "moisturizer",
    "face cream": "moisturizer", "day cream": "moisturizer", "night cream": "moisturizer",
    "lotion": "moisturizer", "balm": "moisturizer", "face oil": "moisturizer",
    "eye": "eye_cream", "eye cream": "eye_cream", "eye creams": "eye_cream",
    "eye care": "eye_cream", "eye serum": "eye_cream", "eye gel": "eye_cream",
    "eye balm": "eye_cream", "cleansers": "cleanser", "face wash": "cleanser",
    "cleansing": "cleanser", "wash": "cleanser", "exfoliator": "cleanser",
    "exfoliant": "treatment", "peel": "treatment", "toner": "treatment",
    "sun protect": "sunscreen", "sun protection": "sunscreen", "spf": "sunscreen",
    "sun cream": "sunscreen", "suncare": "sunscreen", "sun care": "sunscreen",
    "serums": "serum", "essence": "serum", "face mask": "mask", "masks": "mask",
    "mask": "mask", "treatments": "treatment", "oil": "moisturizer", "mist": "other",
    "bath oil": "other", "bath salts": "other", "bath": "other", "scrub": "cleanser",
    "body oil": "moisturizer", "face serum": "serum", "night serum": "serum", "ampoule": "serum",
    "sunscreen spf": "sunscreen", "sunblock": "sunscreen", "lip balm": "other", "body wash": "cleanser", "body lotion": "moisturizer",
}  # fmt: skip


_LABEL_WORDS = frozenset(
    " ".join([*_TYPE_ALIASES, *PRODUCT_TYPES]).replace("_", " ").split()
) | frozenset(
    [
        "facial",
        "face",
        "day",
        "gel",
        "sheet",
        "patch",
        "patches",
        "makeup",
        "remover",
        "cleansing",
        "and",
        "spf",
    ]
)

# Product type from the name, when no type is given; cleansers first, so that an
# "Eye Makeup Remover" is not weighed as an eye cream.
_NAME_TYPE_PATTERNS: tuple[tuple[str, ProductType], ...] = (
    (r"\b(?:cleans\w*|face\s*wash|wash|remover|micellar|scrub|exfoliat\w*|soap)\b", "cleanser"),
    (r"\beye\b", "eye_cream"),
    (r"\b(?:sunscreen|sun\s*screen|spf\s*\d+|sunblock|uv\s+protect\w*)\b", "sunscreen"),
    (r"\bmasks?\b", "mask"),
    (r"\b(?:serum|essence|ampoule)s?\b", "serum"),
    (r"\b(?:moisturi[sz]\w*|cream|lotion|balm|emulsion|butter|ointment|salve)\b", "moisturizer"),
    (r"\b(?:peel|toner|treatment|spot)\b", "treatment"),
)  # fmt: skip
_NAME_TYPES = tuple((re.compile(p, re.IGNORECASE), kind) for p, kind in _NAME_TYPE_PATTERNS)
#: Left on the skin whatever the type: sleeping masks; a sheet mask's essence (patted in
#: once the sheet is off); no-rinse products; wipes and pads (wiped on, never rinsed);
#: patches (under-eye hydrogel patches sit on the skin, are peeled off and not rinsed:
#: QA F14-09, "Eye mask patches" typed as a mask were weighed as rinsed off).
LEAVE_ON_NAME = re.compile(
    r"\b(?:sleeping|overnight|leave[\s-]on|leave[\s-]in|(?:after|post)[\s-]*(?:bath|shower)"
    r"|sheet\s+masks?|no[\s-]?rinse|wipes?|pads?|patch(?:es)?|towelettes?)\b",
    re.IGNORECASE,
)
#: A name that says the product is a cleanser ("Take The Day Off Cleansing Oil", "Micellar
#: Cleanser", "Eye Make-Up Remover"): removed after use whatever section a shop files it
#: under (the Sephora corpus files cleansing oils and a micellar cleanser as Moisturizer).
#: Narrower than the cleanser words of :func:`type_from_name`: "Spot Remover" gel,
#: "exfoliating serum" and a "Daily Cleanse" supplement are not cleansers.
CLEANSER_NAME = re.compile(
    r"\b(?:cleansing\s+(?:oil|balm|milk|water|gel|foam|cream|lotion|jelly|butter)s?|"
    r"cleansers?|face\s*wash|micellar\s+(?:water|cleans\w+)|"
    r"(?:eye\s+(?:and\s+lip\s+)?)?make[\s-]*up\s+remover)\b",
    re.IGNORECASE,
)
#: Bath and shower products are diluted and rinsed off, whatever type a shop gives them
#: ("Bath Soak" sold as "Bath Oil", type other); not "Bath & Body Works Hand Cream".
RINSE_OFF_NAME = re.compile(
    r"\b(?:bath\s+(?:soak|salts?|oil|foam|milk|bomb|gel|soap|and\s+shower|&\s+shower)|"
    r"bubble\s+bath|shower\s+(?:gel|oil|cream|foam|wash|scrub)|soak|shampoo|body\s+wash|"
    r"rinse[\s-]off)\b",
    re.IGNORECASE,
)


def normalize_product_type(value: str | None) -> ProductType | None:
    """Map a product type or a shop label ("Eye cream", "Face Mask") to the contract's type.

    Parameters
    ----------
    value : str or None
        A contract type (``eye_cream``) or a shop's label, any case, ``_``/``-``
        or spaces.

    Returns
    -------
    str or None
        One of :data:`PRODUCT_TYPES`; None for None or a blank value.

    Raises
    ------
    IngredientParseError
        If the value is not a known type or label; ``suggestion`` holds the closest type.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise IngredientParseError(
            f"product_type must be a string, got {type(value).__name__}", field="product_type"
        )
    text = " ".join(value.replace("_", " ").replace("-", " ").lower().split())
    if not text:
        return None
    compact = text.replace(" ", "_")
    if compact in PRODUCT_TYPES:
        return compact
    if text in _TYPE_ALIASES:
        return _TYPE_ALIASES[text]
    # "Facial Cleanser", "Sunscreen Lotion": known words only, so "eye crem" stays an error
    if set(re.findall(r"[a-z]+", text)) <= _LABEL_WORDS and (named := type_from_name(text)):
        return named
    choices = [*PRODUCT_TYPES, *_TYPE_ALIASES]
    # WRatio scores a short word inside a longer label highly ('gel' in 'eye gel' = 90),
    # so a word of 3 letters or fewer is compared whole; below 75 nothing is close and
    # the honest suggestion is 'other' (never 'cleanser' for 'x').
    scorer = fuzz.ratio if len(text) <= 3 else fuzz.WRatio
    best = process.extractOne(text, choices, scorer=scorer, score_cutoff=75)
    suggestion: ProductType = "other"
    if best is not None:
        suggestion = best[0] if best[0] in PRODUCT_TYPES else _TYPE_ALIASES[best[0]]
    raise IngredientParseError(
        f"unknown product_type {value!r}; use one of {', '.join(PRODUCT_TYPES)}",
        field="product_type",
        suggestion=suggestion,
    )


#: Shop labels that say what a product is made of more than what it is for: a
#: "Cleansing Balm" or "Cleansing Oil" rinses off, an "Eye Balm" is used on the eyelids.
_GENERIC_LABELS = frozenset(
    # "Eye Care" is a shop's section, not a type: it holds eye make-up removers too,
    # which a name saying so makes cleansers (wiped or rinsed off), not eye creams
    {"balm", "oil", "face oil", "body oil", "mist", "cream", "lotion", "gel", "other", "eye care"}
)
#: Types a product name may give in place of a generic label.
SPECIFIC_TYPES: frozenset[ProductType] = frozenset({"cleanser", "eye_cream", "sunscreen", "mask"})


def generic_label(value: str | None) -> bool:
    """True for a generic shop label ("Balm", "Oil", "Mist"), which a product name refines."""
    return isinstance(value, str) and " ".join(value.lower().split()) in _GENERIC_LABELS


def type_from_name(name: str) -> ProductType | None:
    """Guess the product type from its name when none was given (first rule wins).

    Parameters
    ----------
    name : str
        The product's name ("Hydrating Eye Gel", "Foaming Cleanser").

    Returns
    -------
    str or None
        The contract's type the name says; None when it says none.
    """
    for pattern, kind in _NAME_TYPES:
        if pattern.search(name):
            return kind
    return None
