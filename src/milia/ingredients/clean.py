"""Clean one item cut out of an ingredient list and say what kind of item it is.

An item is an ingredient, or something that is not one and must not be
counted as one: marketing or directions prose, a stock code, a footnote's
explanation ("*Organic"), a lone percentage, a section header left behind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from milia.ingredients.screen import Screen

__all__ = ["CleanItem", "ItemKind", "clean_item", "display_text", "impossible_percent"]

ItemKind = Literal["ingredient", "prose", "stock_code", "footnote", "header", "empty"]

_PERCENT = re.compile(
    # a range ("0.1-0.3%") gives its upper value; "<1%", "≤ 1%", "less than 1%" an upper
    # bound (group 1), never the amount itself
    r"[(\[]?\s*(<|≤|=<|(?:less than|below|under|max\.?|up to)\s)?\s*"
    r"(?:\d{1,3}(?:[.,]\d+)?\s*-\s*)?(\d{1,3}(?:[.,]\d+)?)\s*(?:%|per\s?cent\b)"
    r"\s*(?:w/w|w/v)?\s*[)\]]?",
    re.IGNORECASE,
)
_PERCENT_WORD = re.compile(r"\d\s*per\s?cent\b", re.IGNORECASE)
#: A CAS registry number printed with a name ("Diisopropyl Adipate 6938-94-9").
_CAS = re.compile(
    r"[(\[]?\s*(?:CAS(?:\s*(?:No\.?|#|number))?\s*:?\s*)?\b\d{2,7}-\d{2}-\d\b\s*[)\]]?", re.I
)
_CAS_HINT = re.compile(r"\d-\d\d-\d")
#: A spreadsheet cell reference pasted with a name ("'[product copy.xls]product'!$h$23").
_SHEET_REF = re.compile(r"'?\[[^\]]*\.xlsx?\][^!]*!\$?[A-Za-z]{1,3}\$?\d+", re.I)
#: A medicine's strength ("0.5 mg", "50 mg/g", "(25 mcg)"): not part of the name.
_STRENGTH = re.compile(
    r"[(\[]?\b\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|ppm)(?:\s*/\s*(?:g|ml))?\b[)\]]?", re.IGNORECASE
)
#: What every :data:`_STRENGTH` contains: one scan that needs a digit first.
_STRENGTH_HINT = re.compile(r"\d\s*(?:[mM][gG]|mcg|µg|ppm|PPM)")
_LEAD = re.compile(r"^[\s*†‡§+•·\-.:;,!?¹²³⁴⁵⁶⁷⁸⁹⁰°~^_=>\"'`]+")
_TRAIL = re.compile(r"[\s*†‡§+•·\-.:;,!?¹²³⁴⁵⁶⁷⁸⁹⁰°~^_=<\"'`]+$")
_SPACES = re.compile(r"\s+")
_PLAIN = re.compile(
    r"[A-Za-z][A-Za-z0-9 /&',-]*(?:\([A-Za-z0-9 /&',-]+\)[A-Za-z0-9 /&',-]*)?[A-Za-z0-9)]"
)
_EMPTY_BRACKETS = re.compile(r"[(\[{]\s*[)\]}]")
_PROSE_WORDS = re.compile(
    r"\b(?:apply|applying|directions?|warnings?|caution|keep out|external use|avoid|discontinue|"
    r"please|we|our|your|you|this|these|that|is|are|was|helps?|provides?|formulated|"
    r"dermatologist|clinically|recommended|suitable|skin types?|visit|boutique|click|"
    r"ingredients? list|subject to change|may vary|refer to|packaging|rinse|massage|"
    # botanical names are not prose: "Oenothera Biennis (Evening Primrose) Oil",
    # "Morning Glory Extract", "Tea Leaves Extract"
    r"morning(?!\s+glory)|evening(?!\s+primrose)|daily|nightly|until|without|free from|"
    r"free of|gently|smooth|reduces?|improves?|"
    r"leaves?(?!\s+(?:extract|oil|powder|water|juice|wax|ferment))|"
    r"protects?|hydrates?|nourish\w*|rich in|known)\b",
    re.IGNORECASE,
)
#: The words that begin an alternative of :data:`_PROSE_WORDS` (keep the two in step).
_PROSE_SCREEN = Screen(
    words=(
        "apply applying direction directions warning warnings caution keep external avoid "
        "discontinue please we our your you this these that is are was help helps provide "
        "provides formulated dermatologist clinically recommended suitable skin visit boutique "
        "click ingredient ingredients subject may refer packaging rinse massage morning evening "
        "daily nightly until without free gently smooth reduce reduces improve improves leave "
        "leaves protect protects hydrate hydrates rich known"
    ),
    starts=["nourish"],
)
_STOCK_CODE = re.compile(
    r"^(?:(?:F\.?I\.?L\.?|W\.?I\.?P\.?|ILN|SKU|UPC|EAN|LOT|REF|CODE|ITEM|N°|NO\.?)\s*[#:.]?\s*"
    r"[\w./-]*\d[\w./-]*"
    r"|[A-Z]{0,4}[.-]?\d{6,}[\w./-]*|[A-Z]\d{4,}[A-Z0-9/.-]*)$",
    re.IGNORECASE,
)
_HEADER_WORDS = re.compile(
    r"^(?:(?:full\s+|key\s+|other\s+|(?:in)?active\s+|non[\s-]medicinal\s+)?ingredients?|inci|"
    r"composition|contains|purpose|sunscreens?|uses?|drug facts|list|new|formula|"
    r"directions(?:\s+for\s+use)?|warnings?|cautions?|precautions|how\s+to\s+use|storage|"
    r"and|or|with|from)$",
    re.IGNORECASE,
)
_FOOTNOTE_WORDS = re.compile(
    r"\b(?:organic|certified|natural|naturally|origin|derived|farming|wild|harvested|fair|"
    r"trade|ecocert|cosmos|usda|biodynamic|plant|vegetable|ingredients?|from|of|"
    r"essential oils?|remaining|total|formula)\b",
    re.IGNORECASE,
)
#: No INCI name is longer than this (CosIng's longest, a ferment blend, has about 1,930).
_MAX_NAME = 2000
#: Words of a label's sentence after the list's full stop ("Not tested on animals.",
#: "Store in a cool dry place.", "Made in France."), never of an INCI name: such a
#: sentence of 3 words or more after a sentence break is prose (QA F7-09).
_TAIL_SENTENCE_WORDS = re.compile(
    r"\b(?:not|on|in|a|an|the|store|keep|tested|made|animals?|place|away|reach|children|"
    r"sunlight|opening|recycl(?:e|able|ed)|cruelty|packed|bottled|manufactured)\b",
    re.IGNORECASE,
)
_FUNCTION_WORDS = re.compile(r"\b(?:the|to|it|its|you|your|our|we|is|are|be|will|can)\b", re.I)
_FUNCTION_SCREEN = Screen(words="the to it its you your our we is are be will can")
_FOOTNOTE_PHRASE = re.compile(
    r"\b(?:organic\s+farming|(?:plant|natural|vegetable)\s+origin|\w+\s+formula|"
    r"certified\s+organic|essential\s+oils?|organic\s+ingredients?|naturally\s+derived|"
    r"wild\s*crafted|fair\s*trade)\b|^(?:organic|natural|certified|biodynamic|bio)$",
    re.IGNORECASE,
)
#: The first word of a description of what an ingredient does ("Niacinamide: Visibly
#: minimizes pores", "Silica Silylate: Helps to control oil").
_DOES = re.compile(
    r"(?:visibly|instantly|gently|deeply|helps?|delivers?|provides?|soothes?|protects?|"
    r"reduces?|hydrates?|smooth(?:e|s|es)?|boosts?|supports?|creates?|tones?|brightens?|"
    r"calms?|nourish(?:es)?|controls?|minimi[sz]es?|improves?|evens?|firms?|plumps?|blurs?|"
    r"absorbs?|repairs?|restores?|strengthens?|exfoliates?|clarif(?:y|ies)|refines?|"
    r"retains?|locks?|balances?|works?|acts?|targets?|fights?|prevents?|defends?|shields?|"
    r"energi[sz]es?|revitali[sz]es?|renews?|replenish(?:es)?|moisturi[sz]es?|purifies|purify|"
    r"cleanses?|removes?|lifts?|tightens?|illuminates?|softens?|conditions?|promotes?)\b",
    re.IGNORECASE,
)
#: A label's claim printed among the ingredients ("Steroid-free", "Non-comedogenic",
#: "Dermatologist tested"): prose, never an ingredient (and, with its negation, never
#: a drug alarm: "Hydrocortisone-free" names no hydrocortisone in the product).
_CLAIM_ITEM = re.compile(
    r"^(?:(?:[\w&'/]+[\s-]+){0,3}free|non[\s-]?(?:comedogenic|acnegenic)|"
    r"(?:dermatologist|ophthalmologist|allergy|clinically)[\s-]+(?:tested|approved)|"
    r"hypo[\s-]?allergenic|vegan)(?:[\s-]+(?:formula|formulation))?$",  # "Oil-free formula"
    re.IGNORECASE,
)
_UNBALANCED_FIX = (("(", ")"), ("[", "]"), ("{", "}"))


@dataclass(frozen=True, slots=True)
class CleanItem:
    """One list item after cleaning.

    Attributes
    ----------
    text : str
        The item as written (trimmed), for display.
    name : str
        The name to look up: no percent, marks or stray brackets.
    percent : float or None
        A percentage printed with the item (0-100).
    kind : ItemKind
        ``"ingredient"`` or why the item is not one.
    percent_below : float or None
        An upper bound printed with the item ("<1%", "≤ 1%", "less than 1%"):
        the amount is below it, so ``percent`` is then ``None`` (a "<1%" is
        never read as 1 %).
    """

    text: str
    name: str
    percent: float | None
    kind: ItemKind
    percent_below: float | None = None


@lru_cache(maxsize=65536)
def display_text(text: str) -> str:
    """An item as written, without separators, marks or quotes left at its edges.

    ``' - "Niacinamide"*'`` gives ``Niacinamide``: a closing quote goes with the
    trailing marks, so the opening one goes too (an unpaired quote is never shown).

    Parameters
    ----------
    text : str
        A raw item.

    Returns
    -------
    str
        The item to show; ``text`` itself when nothing would be left.
    """
    return _TRAIL.sub("", text.lstrip(" -•·,;:\"'`")).strip() or text


@lru_cache(maxsize=65536)
def clean_item(raw: str, after_break: bool = False) -> CleanItem:
    """Clean one raw list item (cached: a pure function of its text, and most items
    of a catalogue repeat: "Water", "Glycerin").

    Parameters
    ----------
    raw : str
        The item as cut from the list.
    after_break : bool, optional
        True when the item follows a sentence break (". "), where a marked
        item (``*Organic``) is a footnote's explanation rather than an
        ingredient.

    Returns
    -------
    CleanItem
    """
    text = " ".join(raw.split())
    if not text:
        return CleanItem("", "", None, "empty")
    if text[:4].lower() == "and " or text[:2] == "& ":  # "..., and Willow Bark Extract"
        text = text[4:].strip() if text[:4].lower() == "and " else text[2:].strip()
    strength = _STRENGTH_HINT.search(text) is not None
    cas = _CAS_HINT.search(text) is not None
    if (
        not strength
        and not cas
        and _PLAIN.fullmatch(text) is not None
        and text.count(" ") < 6
        and not _has_percent(text)  # "Salicylic Acid 2 percent" (QA F9-C12)
    ):
        # Fast path: most items are a plain name of 1-3 words.
        if _HEADER_WORDS.match(text):
            return CleanItem(text, text, None, "header")
        if _claim_like(text):
            return CleanItem(text, text, None, "prose")
        if text[-1].isdigit() and _STOCK_CODE.match(text):
            return CleanItem(text, text, None, "stock_code")
        if text.count(" ") >= 2 and (_is_prose(text) or (after_break and _is_tail(text))):
            return CleanItem(text, text, None, "prose")
        if after_break and _FOOTNOTE_PHRASE.search(text) and _is_footnote(text):
            return CleanItem(text, text, None, "footnote")  # "Citric Acid* *. Plant Origin."
        return CleanItem(text, text, None, "ingredient")
    marked = text[0] in "*†‡+¹²³"
    percent: float | None = None
    below: float | None = None
    name = text
    if "!" in name and "[" in name:
        name = _SHEET_REF.sub(" ", name)
    if _has_percent(name):
        found = _PERCENT.search(name)
        if found is not None:
            value = float(found.group(2).replace(",", "."))
            if value <= 100.0:
                if found.group(1):
                    below = value
                else:
                    percent = value
            name = name[: found.start()] + " " + name[found.end() :]
    if strength:
        name = _STRENGTH.sub(" ", name)
    if cas:
        name = _CAS.sub(" ", name)
    if ":" in name:
        name = _after_colon(name)
    name = _EMPTY_BRACKETS.sub(" ", name)
    for opener, closer in _UNBALANCED_FIX:
        if name.count(opener) != name.count(closer):
            name = _balanced(name, opener, closer)
    name = _TRAIL.sub("", _LEAD.sub("", name))
    name = _SPACES.sub(" ", name).strip()
    display = display_text(text)
    if not name or not any(c.isalpha() for c in name):
        return CleanItem(display, "", percent, "empty", below)
    if _HEADER_WORDS.match(name):
        return CleanItem(display, name, percent, "header", below)
    if _claim_like(name):
        return CleanItem(display, name, percent, "prose", below)
    if _STOCK_CODE.match(name):
        return CleanItem(display, name, percent, "stock_code", below)
    phrase = _FOOTNOTE_PHRASE.search(name) is not None
    # a marked item after a full stop or in footnote words; or footnote words after a stop
    if ((marked and (after_break or phrase)) or (after_break and phrase)) and _is_footnote(name):
        return CleanItem(display, name, percent, "footnote", below)
    if _is_prose(name) or (after_break and _is_tail(name)):
        return CleanItem(display, name, percent, "prose", below)
    return CleanItem(display, name, percent, "ingredient", below)


def _balanced(name: str, opener: str, closer: str) -> str:
    """The name with its brackets made to pair, or dropped when they cannot be.

    A bracket left open is closed at the end: "Glycerin (Vegetable" is read as
    "Glycerin (Vegetable)", whose bracketed common name the lexicon drops (the
    brackets' words were a broken token before). Two openers and no closer are
    one bracket typed twice: "Stellaria Media (Chickweed( Extract" is "(Chickweed)".
    Anything else (a closer with no opener, brackets nested open) is dropped.
    """
    opened, closed = name.count(opener), name.count(closer)
    if closed == 0 and opened == 2:
        first = name.index(opener)
        second = name.index(opener, first + 1)
        if name[first + 1 : second].strip() and name[second + 1 :].strip():
            return f"{name[:second]}{closer}{name[second + 1 :]}"
    if closed == 0 and opened == 1:
        head, _, inside = name.partition(opener)
        # a common name or qualifier; never a number ("extci 60725 (ci 17200" is two
        # colours run together, not CI 17200 with a bracketed common name before it)
        if head.strip() and inside.strip() and not any(c.isdigit() for c in inside):
            return f"{head}{opener}{inside.rstrip()}{closer}"
    return name.replace(opener, " ").replace(closer, " ")


def _has_percent(text: str) -> bool:
    """Whether a percentage may be printed: "%", or the word (US Drug Facts panels
    write "Retinol 0.3 percent"; QA F9-C12)."""
    return "%" in text or ("cent" in text.lower() and _PERCENT_WORD.search(text) is not None)


def impossible_percent(text: str) -> float | None:
    """A percentage over 100 printed with an item (ignored by :func:`clean_item`), or None.

    Parameters
    ----------
    text : str
        A raw item ("Aqua 150%").

    Returns
    -------
    float or None
        The percent printed (over 100), for an issue; None when there is none.
    """
    found = _PERCENT.search(text) if _has_percent(text) else None
    if found is None:
        return None
    value = float(found.group(2).replace(",", "."))
    return value if value > 100.0 else None


def _after_colon(name: str) -> str:
    left, _, right = name.rpartition(":")
    left, right = left.strip(), right.strip()
    if not right or _HEADER_WORDS.match(_TRAIL.sub("", right)):
        return left
    if not left or _HEADER_WORDS.match(left.split()[-1] if left.split() else left):
        return right
    # "Hydrocortisone 1%: relieves itching", "Octinoxate 6%: Deliver sun protection":
    # a named ingredient, then what it does (lower-case prose, or a verb of what
    # ingredients do); keep the name.
    if (
        len(right.split()) >= 3
        and len(left.split()) <= 6
        and (right[:1].islower() or _DOES.match(right))
    ):
        return left
    # "Kit part name: Water" or "Active: Zinc Oxide": the ingredient follows the colon.
    return right


#: Last three letters of every :data:`_CLAIM_ITEM` (a set look-up before the regex).
_CLAIM_TAILS = frozenset(
    t for w in ("ree", "ted", "ved", "nic", "gan", "ula", "ion") for t in (w, w.upper(), w.title())
)


def _claim_like(text: str) -> bool:
    """A claim printed as an item ("Paraben-free", "Non-comedogenic"); cheap test first."""
    return text[-3:] in _CLAIM_TAILS and _CLAIM_ITEM.match(text) is not None


def _is_footnote(name: str) -> bool:
    words = name.split()
    return len(words) <= 8 and (
        _FOOTNOTE_WORDS.search(name) is not None or name.isupper() or len(words) <= 2
    )


def _is_tail(name: str) -> bool:
    """A sentence after a full stop (3 words or more with a sentence's word), not a name."""
    return name.count(" ") >= 2 and _TAIL_SENTENCE_WORDS.search(name) is not None


def _is_prose(name: str) -> bool:
    words = name.split()
    if len(words) > 12 or len(name) > _MAX_NAME:
        return True
    if (
        len(words) >= 3
        and _FUNCTION_SCREEN.may_match(name)
        and _FUNCTION_WORDS.search(name) is not None
    ):
        return True
    if len(words) >= 4 and _PROSE_SCREEN.may_match(name) and _PROSE_WORDS.search(name) is not None:
        return True
    return len(words) >= 3 and name[-1:] in "!?"
