"""Complete names that omit a plant part, or lost their last words, when CosIng allows one answer.

Labels and shop data often shorten INCI names: "Pogostemon Cablin Oil" for
POGOSTEMON CABLIN LEAF OIL (the name without its plant part, as older US
labels print it), or "acetyl dipeptide-1 cetyl" for ACETYL DIPEPTIDE-1 CETYL
ESTER (a name cut after a few words). The EU CosIng inventory lists every INCI
name in use, so when exactly one of its names fits, the shortened name can
mean only that ingredient. This module finds that one name; it never picks
between several ("Vitis Vinifera Extract": bud, fruit, leaf, seed...?), and a
bare species name ("lavandula angustifolia": oil, water or extract?) is never
completed with a part. Results carry the method ``completion``.

Two rules, both on :func:`~milia.ingredients.keys.spaced_key` words:

- *plant part*: the name ends with a preparation word (extract, oil, water,
  wax, butter, juice, powder) and exactly one CosIng name becomes this name
  when both drop their plant-part words (leaf, flower, seed...) and holds
  every part the label names ("Leaf Oil" is the FLOWER/LEAF/STEM OIL when
  CosIng has no leaf oil alone).
  A part named in the label's brackets ("Vitis Vinifera (Grape Seed)
  Extract") narrows the choice. Callus, cell-culture and ferment names keep
  those words, so they never compete with the plant itself.
- *cut tail*: the name has at least two words, does not end with a
  preparation word (a name ending in "wax" or "oil" is whole: RICE BRAN WAX
  ETHYL ESTERS is a derivative of rice bran wax, not its full name), and
  exactly one CosIng name starts with those words; or, for a name written with ``/`` ("VP/VA",
  "Styrene/Acrylates"), exactly one CosIng name is that monomer list plus its
  class word (COPOLYMER, CROSSPOLYMER).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["PART_WORDS", "PREPARATION_WORDS", "Completer"]

#: Plant-part words of CosIng botanical names (dropped to build the lookup key).
PART_WORDS = frozenset(
    [
        "LEAF",
        "LEAVES",
        "FLOWER",
        "FRUIT",
        "SEED",
        "ROOT",
        "STEM",
        "BARK",
        "WOOD",
        "PEEL",
        "BRANCH",
        "HERB",
        "RHIZOME",
        "BUD",
        "SPROUT",
        "TWIG",
        "RESIN",
        "SHELL",
        "KERNEL",
        "BULB",
        "GUM",
        "BRAN",
        "STALK",
        "GERM",
        "TUBER",
        "NEEDLE",
        "PULP",
        "NUT",
        "HUSK",
        "SHOOT",
        "PERICARP",
        "SEEDCOAT",
        "CONE",
        "BERRY",
        "RIND",
        "HULL",
        "FLOWERING",
        "TOP",
        "TOPS",
        "AERIAL",
        "PARTS",
        "PETAL",
        "PETALS",
        "THALLUS",
        "SCLEROTIUM",
        "MYCELIUM",
        "SAP",
        "PLANT",
        "WHOLE",
    ]
)
#: Words a botanical name must end with before a part may be filled in.
PREPARATION_WORDS = frozenset(
    ["EXTRACT", "OIL", "WATER", "WAX", "CERA", "BUTTER", "JUICE", "POWDER"]
)


class Completer:
    """Index of CosIng names for the two completion rules (build once, share).

    Parameters
    ----------
    pairs : iterable of (str, str)
        ``(spaced key, INCI name)`` of every canonical CosIng name.
    """

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        by_part_key: dict[str, list[tuple[str, str]]] = {}
        by_head: dict[str, list[tuple[str, str]]] = {}
        by_first: dict[str, list[tuple[str, str]]] = {}
        for spaced, name in pairs:
            words = spaced.split()
            if len(words) < 2:
                continue
            by_first.setdefault(words[0], []).append((spaced, name))
            by_head.setdefault(" ".join(words[:2]), []).append((spaced, name))
            if len(words) >= 3 and words[-1] in PREPARATION_WORDS:
                kept = [w for w in words[:-1] if w not in PART_WORDS]
                if len(kept) < len(words) - 1:
                    key = " ".join([*kept, words[-1]])
                    by_part_key.setdefault(key, []).append((spaced, name))
        self._by_part_key = by_part_key
        self._by_head = by_head
        self._by_first = by_first

    def complete(self, spaced: str, *, hints: str = "", slashed: bool = False) -> str | None:
        """Return the one CosIng name that the shortened ``spaced`` name can mean, else ``None``.

        Parameters
        ----------
        spaced : str
            The name as written, as a spaced key, without brackets or qualifiers.
        hints : str, optional
            Spaced words from the label's brackets ("GRAPE SEED"); a plant part
            among them narrows the choice.
        slashed : bool, optional
            The name was written with ``/`` between its parts ("VP/VA"): a list of
            monomers that may lack only its class word (VP/VA COPOLYMER).
        """
        if len(spaced.split()) < 2:
            return None
        found, cut_tail = self._find(spaced, hints)
        if slashed and cut_tail and "/" in "".join(found):
            classed = _with_class_word(spaced, found)
            if classed is not None or len(found) > 1:
                return classed
        if len(found) != 1:
            return None
        # A cut must fall before a later word, not at a "/": "fish collagen" is not
        # FISH COLLAGEN/GLYCOPROTEINS, "peg-6 caprylic" not PEG-6 CAPRYLIC/CAPRIC GLYCERIDES.
        if cut_tail and not _spaced_before_slash(found[0]).startswith(spaced + " "):
            return None
        return found[0]

    def candidates(self, spaced: str, *, hints: str = "") -> tuple[str, ...]:
        """Every CosIng name the shortened ``spaced`` name could mean (the two rules).

        One candidate is a completion (:meth:`complete`); several make the name
        *ambiguous*: "rosa damascena" may be the flower oil, the flower water or
        an extract, and nothing on the label says which. A single word is tried
        by the cut-tail rule only ("cetyl": CETYL ALCOHOL, CETYL ESTERS...).

        Parameters
        ----------
        spaced : str
            The name as written, as a spaced key, without brackets or qualifiers.
        hints : str, optional
            Spaced words from the label's brackets; a plant part among them
            narrows the choice.

        Returns
        -------
        tuple of str
            CosIng names, fewest words first, then alphabetical; empty when
            none fits.
        """
        return self._find(spaced, hints)[0]

    def _find(self, spaced: str, hints: str) -> tuple[tuple[str, ...], bool]:
        """The candidates, and whether the cut-tail rule (not the plant-part rule) found them."""
        words = spaced.split()
        if not words:
            return (), False
        if len(words) >= 3 and words[-1] in PREPARATION_WORDS:
            written = PART_WORDS & set(words)
            key = " ".join(w for w in words if w not in PART_WORDS)
            found = self._by_part_key.get(key)
            if found:
                # parts on the label must all be in the name ("leaf oil" may be the
                # FLOWER/LEAF/STEM OIL when CosIng has no leaf oil alone)
                found = [f for f in found if written <= set(f[0].split())]
                named = PART_WORDS & set(hints.split())
                if len(found) > 1 and named:
                    found = [f for f in found if named <= set(f[0].split())]
                return _ordered(found), False
        if words[-1] in PREPARATION_WORDS:
            # "Rice Bran Wax", "Sunflower Seed Wax" are whole names: RICE BRAN WAX ETHYL
            # ESTERS or SUNFLOWER SEED WAX ALKANES, which begin with them, are derivatives
            return (), True
        prefix = spaced + " "
        if len(words) >= 2:
            heads = self._by_head.get(" ".join(words[:2]), [])
        elif len(spaced) >= 4:
            heads = self._by_first.get(spaced, [])
        else:
            heads = []
        return _ordered([f for f in heads if f[0].startswith(prefix)]), True


#: Lab-grown forms a label seldom means when it names only the plant: listed last.
_LAB_GROWN = re.compile(r"\b(?:CALLUS|CELL|CELLS|CULTURE|MERISTEM|FERMENT|LYSATE)\b")


def _ordered(found: list[tuple[str, str]]) -> tuple[str, ...]:
    """Names once each: plant forms before lab-grown ones, fewest words first."""
    names = dict.fromkeys(name for _, name in found)
    return tuple(sorted(names, key=lambda n: (bool(_LAB_GROWN.search(n)), n.count(" "), n)))


_NON_ALNUM = re.compile(r"[^0-9A-Z]+")
#: The word that makes a list of monomers one polymer's name.
_CLASS_WORDS = (" COPOLYMER", " CROSSPOLYMER")


def _with_class_word(spaced: str, found: tuple[str, ...]) -> str | None:
    """The one name that is a slashed monomer list as written plus only its class word.

    "VP/VA" or "Styrene/Acrylates" is printed without "Copolymer": the label names
    every monomer, so STYRENE/ACRYLATES/AMMONIUM METHACRYLATE COPOLYMER, which has
    one more, is not meant. Only when exactly one CosIng name fits, and only when
    the written name runs past its first "/" (all of its monomers are written).
    """
    fits = [
        name
        for name in found
        if "/" in name
        and len(_spaced_before_slash(name)) < len(spaced)
        and _NON_ALNUM.sub(" ", name.upper()).strip() in {spaced + w for w in _CLASS_WORDS}
    ]
    return fits[0] if len(fits) == 1 else None


def _spaced_before_slash(name: str) -> str:
    return _NON_ALNUM.sub(" ", name.split("/", 1)[0].upper()).strip()


#: Part words that name no CosIng part: dropping them invents nothing.
_VAGUE_PARTS = frozenset({"BERRY", "PLANT", "WHOLE"})
_BRACKETED = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
_LATIN = re.compile(r"^\s*([a-z]{3,}(?:\s+[a-z]{3,}){1,2})\s*$", re.IGNORECASE)


def latin_readings(text: str) -> list[str]:
    """Read "Common Part Prep (Genus species)" labels as "GENUS SPECIES PART PREP".

    Natural brands print the common name first and the botanical name in
    brackets: "Organic Orange Peel Extract (Citrus Sinensis)" is CITRUS
    SINENSIS PEEL EXTRACT; "Kokum Butter (Garcinia Indica)" is GARCINIA
    INDICA (SEED) BUTTER. The reading keeps only the plant-part and
    preparation words written outside the brackets, in order, so nothing is
    invented; a part missing from the label is left to :class:`Completer`.
    Nested brackets ("A (A (common) flower)") are read from the inside out.

    Parameters
    ----------
    text : str
        A name as written, with brackets.

    Returns
    -------
    list of str
        Spaced readings to look up, most specific first (possibly empty).
    """
    readings: list[str] = []
    flat = text
    while True:  # innermost brackets first: "x [x (common) fruit extract]"
        inner = _BRACKETED.findall(flat)
        readings.extend(i for i in inner if len(i.split()) >= 3)
        reduced = _BRACKETED.sub(" ", flat)
        if reduced == flat or not inner:
            break
        flat = reduced
    if flat != _BRACKETED.sub(" ", text):
        readings.append(flat)  # "a flower extract (a (common) flower)" -> "a flower extract"
    for inner in _BRACKETED.findall(text):
        latin = _LATIN.match(inner)
        if latin is None:
            continue
        outside = _NON_ALNUM.sub(" ", _BRACKETED.sub(" ", text).upper()).split()
        if not outside or outside[-1] not in PREPARATION_WORDS:
            continue
        genus = _NON_ALNUM.sub(" ", latin.group(1).upper()).strip()
        kept = [w for w in outside if w in PART_WORDS or w in PREPARATION_WORDS]
        readings.append(" ".join([genus, *kept]))
        if set(kept[:-1]) <= _VAGUE_PARTS:  # "Goji Berry Extract (Lycium Barbarum)"
            readings.append(f"{genus} {outside[-1]}")
    return readings
