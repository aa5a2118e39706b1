"""Other readings of an ingredient name that is not found as written.

Labels dress a name up: a bracketed common name ("Butyrospermum Parkii (Shea)
Butter"), ``/`` alternatives ("Parfum/Fragrance"), marketing qualifiers
("organic", "cold-pressed"), label wording ("floral water", "L-Proline") or
the common name first with the Latin name in brackets. The lexicon
(:mod:`milia.ingredients.normalize`) tries each reading given here, in order,
as a table look-up; none of them is a guess.

:func:`without_brackets`, :func:`slash_parts`, :func:`strip_variants` and
:func:`bracket_hints` each take one name as written (``text``, a ``str``) and
return what their summary line names; none raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache

from milia.ingredients.complete import PART_WORDS, PREPARATION_WORDS, latin_readings
from milia.ingredients.keys import lookup_key, spaced_key
from milia.ingredients.screen import Screen, Screens

__all__ = [
    "bracket_hints",
    "common_name_readings",
    "one_slashed_name",
    "slash_parts",
    "strip_variants",
    "variant_readings",
    "without_brackets",
]

_PARENS = re.compile(r"\s*[(\[{][^()\[\]{}]*[)\]}]\s*")
_INNER_PARENS = re.compile(r"[(\[{]([^()\[\]{}]*)[)\]}]")
_LETTER_AFTER_BRACKET = re.compile(r"[)\]}][^(\[{]*[A-Za-z]")
_CI = re.compile(r"^\s*CI\s*\d{5}\s*$", re.IGNORECASE)
_ALTERNATIVES = re.compile(r"\s*[/\\|]\s*")
_QUALIFIERS = re.compile(
    r"\b(?:certified\s+organic|organic|bio|natural|naturally\s+derived|unrefined|refined|"
    r"cold[\s-]pressed|virgin|extra\s+virgin|pure|nano|non[\s-]nano|micronized|"
    r"vegan|plant[\s-]derived|plant[\s-]based|wild[\s-]?crafted|fair\s*trade|ecocert|"
    r"sustainably\s+sourced|encapsulated|stabili[sz]ed|essential|and|"
    r"[a-z]+-derived|100\s*percent|"
    # pharmacopoeia grades: "Petrolatum USP", "Hydroquinone USP 4%", "Zinc Oxide BP"
    r"usp|nf|bp|ph\.?\s*eur|fcc)\b"
    # "100%" on its own: a word boundary never follows the "%" before a space
    r"|\b100\s*%",
    re.IGNORECASE,
)
#: What :data:`_QUALIFIERS` needs to match (keep the two in step).
_QUALIFIER_SCREEN = Screen(
    words=(
        "certified organic bio natural naturally unrefined refined cold virgin extra pure nano "
        "non micronized vegan plant wild wildcrafted fair fairtrade ecocert sustainably "
        "encapsulated stabilised stabilized essential and usp nf bp ph pheur fcc"
    ),
    contains=["-derived", "100"],
)
#: Label wording that differs from INCI wording in a fixed way (each with the
#: :class:`~milia.ingredients.screen.Screen` that says when it may apply): "floral" water
#: or extract is the flower's; a stereo prefix ("L-Proline") is not in INCI; a
#: wax is a "cera" in CosIng's Latin (EUPHORBIA CERIFERA CERA, ORMENIS MULTICAULIS
#: FLOWER CERA); a genus written in English before its Latin epithet ("Rose
#: Centifolia", "Coffee Arabica") is the Latin genus. Each reading still has to be
#: a table name, so "rose" becomes ROSA only where CosIng has that Rosa name.
_REWRITES = (
    (re.compile(r"\bfloral\b", re.IGNORECASE), "flower", Screen(words=["floral"])),
    (
        re.compile(r"\b(?:whole\s+)?plant\s+(?=extract\b)", re.IGNORECASE),
        "",
        Screen(words=["plant"]),
    ),
    (re.compile(r"^\s*(?:dl|l|d)\s*-\s*(?=[a-z]{4})", re.IGNORECASE), "", Screen(contains="-")),
    (re.compile(r"\bwax\s*$", re.IGNORECASE), "cera", Screen(words=["wax"])),
    # a run of words printed twice ("Avena Sativa Kernel Flour (Oat) Kernel Flour")
    (
        re.compile(r"\b((?:[a-z]+\s+){1,2}[a-z]+)\s+\1\b", re.IGNORECASE),
        r"\1",
        Screen(repeated=True),
    ),
    # a botanical variety or subspecies: INCI writes CITRUS AURANTIUM AMARA
    (
        re.compile(r"\b(?:var|subsp|ssp)\.?\s+(?=[a-z])", re.IGNORECASE),
        "",
        Screen(words=["var", "subsp", "ssp"]),
    ),
    # esters of polyglycerin-10 are POLYGLYCERYL-10 ESTERS in CosIng's names
    (
        re.compile(r"\bpolyglycerin(?=-\d+\s+esters\b)", re.IGNORECASE),
        "polyglyceryl",
        Screen(words=["polyglycerin"]),
    ),
    (re.compile(r"^\s*rose(?=\s+[a-z]{4})", re.IGNORECASE), "rosa", Screen(words=["rose"])),
    (re.compile(r"^\s*coffee(?=\s+[a-z]{4})", re.I), "coffea", Screen(words=["coffee"])),
    (re.compile(r"^\s*pistachio(?=\s+[a-z]{4})", re.I), "pistacia", Screen(words=["pistachio"])),
    # a medicine's name with its dosage form: "Fluorouracil Cream USP" (the grade is
    # already gone), "Clobetasol Propionate Ointment" (only after a name of 8+ letters)
    (
        re.compile(r"(?<=[a-z]{8})\s+(?:cream|creme|ointment|gel|lotion|solution|foam)\s*$", re.I),
        "",
        Screen(words=["cream", "creme", "ointment", "gel", "lotion", "solution", "foam"]),
    ),
)

#: The rewrites' screens asked at once (most names pass over every rewrite).
_REWRITE_SCREENS = Screens([screen for _, _, screen in _REWRITES])


#: Words that end a name made of several "/" parts and apply to all of them:
#: "Bacillus/Soybean/Folic Acid Ferment Extract" is one ferment, not BACILLUS.
_SHARED_HEADS = frozenset(
    ["COPOLYMER", "CROSSPOLYMER", "POLYMER", "FERMENT", "FERMENTED", "FILTRATE", "LYSATE", "ESTERS"]
)
#: A lone word with a chemical ending, which no label prints as an alternative name
#: on its own ("Pentaerythrityl Adipate/Caprate/Caprylate/Heptanoate").
_CHEMICAL_ENDING = re.compile(r"^[A-Z]{4,}(?:ATE|IDE|ENE|YL|ONE|INE)$")


def one_slashed_name(text: str, *, known: Callable[[str], bool] = lambda _: False) -> bool:
    """True when the ``/`` parts of ``text`` are pieces of one name, not alternatives.

    "Aqua/Water/Eau" or "Yeast Extract/Faex/Extrait de Levure" name one thing
    several ways, so each part may be looked up alone. A slashed chemical or
    botanical name may not: its parts are pieces of it, and one piece read
    alone is another ingredient (STYRENE for "Styrene/Acrylates Copolymer",
    LAVANDULA ANGUSTIFOLIA FLOWER for "... Flower/Leaf/Stem Extract"). The
    signs, each seen in the name alone:

    - a later part is only plant-part words ("Flower/Leaf/Stem Extract");
    - a part begins with a number ("PEG/PPG-16/16 Dimethicone");
    - the last part holds a word that names what all parts make together
      (copolymer, ferment, filtrate, esters...) and the first part does not;
    - a later part is one word that is no name by itself (``known`` says which
      are) and has a chemical ending or at most two letters ("VP", "MA": the
      abbreviations of monomers).

    Parameters
    ----------
    text : str
        A name with ``/`` (or ``\\``, ``|``) in it.
    known : callable, optional
        ``known(spaced_part)``: whether a one-word part is a name by itself.

    Returns
    -------
    bool
        True when the parts must not be looked up alone.
    """
    parts = [spaced_key(p) for p in slash_parts(text)]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return False
    for part in parts[1:]:
        words = part.split()
        if all(w in PART_WORDS or w in PREPARATION_WORDS for w in words) and words[0] in PART_WORDS:
            return True
        if len(words) == 1 and (_CHEMICAL_ENDING.match(part) or len(part) <= 2) and not known(part):
            return True
    if any(p[:1].isdigit() and any(c.isalpha() for c in p) for p in parts[1:]):
        return True
    last, first = set(parts[-1].split()), set(parts[0].split())
    return bool(last & _SHARED_HEADS) and not (first & _SHARED_HEADS)


def common_name_readings(text: str, common: Mapping[str, str]) -> list[str]:
    """The name read with a plant's Latin binomial for its common name, or nothing.

    "Lemon Peel Extract" -> CITRUS LIMON PEEL EXTRACT, when ``common`` (spaced
    common name -> binomial, ``kb/data/ingredients/common_names.yaml``) holds
    "LEMON" and every word after it is a plant-part or preparation word.
    "Wild Thyme Extract" is not read: its first word is no common name listed.

    Parameters
    ----------
    text : str
        A name as written.
    common : mapping of str to str
        Spaced common name (one to three words) -> Latin binomial.

    Returns
    -------
    list of str
        The one reading, or nothing.
    """
    words = spaced_key(strip_variants(text)).split()
    for size in (3, 2, 1):
        if len(words) > size:
            latin = common.get(" ".join(words[:size]))
            rest = words[size:]
            if latin is not None and all(w in PART_WORDS or w in PREPARATION_WORDS for w in rest):
                return [f"{latin} {' '.join(rest)}"]
    return []


def _bracketed(text: str) -> bool:
    """Whether the text has an opening bracket (without one, :data:`_PARENS` cannot match)."""
    return "(" in text or "[" in text or "{" in text


def without_brackets(text: str) -> str:
    """The text with every innermost bracketed part replaced by a space."""
    return _PARENS.sub(" ", text) if _bracketed(text) else text


def slash_parts(text: str) -> list[str]:
    """The ``/``, ``\\`` or ``|`` alternatives of a name, brackets dropped first."""
    return _ALTERNATIVES.split(_PARENS.sub(" ", text) if _bracketed(text) else text)


@lru_cache(maxsize=65536)
def strip_variants(text: str) -> str:
    """The name without bracketed parts and marketing qualifiers ("organic", "pure").

    Cached: one unknown name is stripped by several readings in a row.
    """
    bare = _PARENS.sub(" ", text) if _bracketed(text) else text
    return _QUALIFIERS.sub(" ", bare) if _QUALIFIER_SCREEN.may_match(bare) else bare


def bracket_hints(text: str) -> str:
    """The bracketed words, spaced and upper-case ("Vitis Vinifera (Grape Seed)": GRAPE SEED)."""
    return " ".join(spaced_key(m.group(1)) for m in _INNER_PARENS.finditer(text))


def variant_readings(text: str, *, alternatives: bool = True) -> Iterator[str]:
    """Readings of a name to look up, most literal first (lazily: the first hit ends it).

    Without the brackets and as each bracketed part; as each ``/``
    alternative of four or more letters (a lone short fragment, "tin" in a
    pasted code, is no evidence of a name); without qualifiers; with label
    wording rewritten; and, for a bracketed name under 200 characters, as
    "Genus species part preparation" (:func:`~milia.ingredients.complete.latin_readings`).
    The caller first rules out "Water/Glycerin/Petrolatum", a list written with slashes,
    and says with ``alternatives=False`` when the ``/`` parts are pieces of one name
    (:func:`one_slashed_name`), which are then never looked up alone.

    Parameters
    ----------
    text : str
        A name as written, not found as it is.
    alternatives : bool, optional
        Whether the ``/`` parts may be looked up alone.

    Yields
    ------
    str
        Each reading, most literal first.
    """
    if "(" in text or "[" in text or "{" in text:
        # a colour index number in brackets is the colorant's own INCI name: "Iron Oxide
        # (CI 77492)" is CI 77492 (yellow), whatever the name outside says
        yield from (m.group(1) for m in _INNER_PARENS.finditer(text) if _CI.match(m.group(1)))
        yield _PARENS.sub(" ", text)
        if not _LETTER_AFTER_BRACKET.search(text):
            # "Water (Aqua)", "Green 5 (CI 61570)": the bracket names the same thing; not
            # "Lavandula Angustifolia (Lavender) Flower Water", whose words after the
            # bracket say which part and preparation (never LAVANDULA ANGUSTIFOLIA OIL)
            yield from (m.group(1) for m in _INNER_PARENS.finditer(text))
    if alternatives and ("/" in text or "\\" in text or "|" in text):
        yield from (p for p in slash_parts(text) if len(lookup_key(p)) >= 4)
    stripped = strip_variants(text)
    yield stripped
    if "(" in text and _QUALIFIER_SCREEN.may_match(text) and _QUALIFIERS.search(text):
        yield _QUALIFIERS.sub(" ", text)  # "Organic Brassica Oleracea (Kale) Leaf Extract"
    for index in _REWRITE_SCREENS.matching(stripped):  # = each rewrite's own screen
        pattern, replacement, _ = _REWRITES[index]
        rewritten = pattern.sub(replacement, stripped)
        if rewritten != stripped:
            yield rewritten
    if ("(" in text or "[" in text) and len(text) < 200:
        yield from latin_readings(text)
