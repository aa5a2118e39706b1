"""Map an ingredient as written to its canonical INCI name.

The lexicon joins three tables under ``kb/data/ingredients/``, in order of
authority: the curated ``synonyms.yaml`` (US <-> EU names, common names,
drug INNs), the INCI names of the EU CosIng inventory (``inci_names.json``,
generated) and CosDNA's synonyms (``cosdna_synonyms.json``, generated, a
cross-check). Lookups go through :func:`~milia.ingredients.keys.lookup_key`,
so case, spaces and punctuation never matter.

A name that is not found exactly is tried again without its bracketed
common name, as each of its ``/`` alternatives, and without marketing
qualifiers ("organic", "nano"). Only then is it fuzzy-matched with
rapidfuzz; a fuzzy match is never a silent correction: the caller gets the
method and the score, and ``recognized`` is true only at or above
:data:`~milia.ingredients.fuzzy.FUZZY_THRESHOLD` (the fuzzy index is
:mod:`milia.ingredients.fuzzy`; :class:`~milia.ingredients.match.Match` is
re-exported here).
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from typing import Any

from rapidfuzz import fuzz

from milia.errors import KnowledgeBaseError
from milia.ingredients.complete import Completer, latin_readings
from milia.ingredients.fuzzy import FUZZY_THRESHOLD, FuzzyIndex
from milia.ingredients.keys import lookup_key, spaced_key
from milia.ingredients.match import NONE, Match, Method
from milia.ingredients.reorder import SlashOrder, dash_halves
from milia.ingredients.repair import Repairer
from milia.ingredients.runon import run_on, slash_list
from milia.ingredients.typos import ocr_swap
from milia.ingredients.variants import (
    bracket_hints,
    common_name_readings,
    one_slashed_name,
    slash_parts,
    strip_variants,
    variant_readings,
    without_brackets,
)
from milia.kb.loader import read_text, read_yaml

__all__ = ["FUZZY_THRESHOLD", "Lexicon", "Match", "lexicon"]

_NONE = NONE


class Lexicon:
    """Canonical names, synonyms and a fuzzy index (build once, share)."""

    def __init__(
        self,
        inci_names: list[str],
        synonyms: dict[str, str],
        cross_check: dict[str, str],
        completions: dict[str, str] | None = None,
        common_names: dict[str, str] | None = None,
        several: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.inci_names = frozenset(inci_names) | frozenset(synonyms.values())
        self._synonyms = synonyms
        # One fold per name: the compact key is the spaced key without its spaces.
        self._spaced = {name: spaced_key(name) for name in sorted(self.inci_names)}
        self._cosing = inci_names
        self._completion_index: Completer | None = None
        self._repairer: Repairer | None = None
        self._slash_order: SlashOrder | None = None
        self._index = FuzzyIndex(self._spaced, synonyms, inci_names)
        self._table: dict[str, tuple[str, Method]] = {}
        for alias, inci in synonyms.items():
            key = lookup_key(alias)
            self._table.setdefault(key, (inci, "exact" if key == lookup_key(inci) else "synonym"))
        for name, spaced in self._spaced.items():
            self._table.setdefault(spaced.replace(" ", ""), (name, "exact"))
        for alias, inci in cross_check.items():
            self._table.setdefault(lookup_key(alias), (inci, "synonym"))
        for alias, inci in (completions or {}).items():
            self._table.setdefault(lookup_key(alias), (inci, "completion"))
        self._table.pop("", None)
        #: spaced common name ("LEMON") -> Latin binomial (CITRUS LIMON)
        self._common = {spaced_key(k): v.upper() for k, v in (common_names or {}).items()}
        #: a common name that several CosIng names fit ("rosehip oil": canina, rubiginosa...)
        self._several = {lookup_key(k): v for k, v in (several or {}).items()}
        self._fuzzy = lru_cache(maxsize=65536)(self._index.match)
        self._accepted = lru_cache(maxsize=65536)(self._index.accepted)
        self.resolve_cached = lru_cache(maxsize=131072)(self._resolve)
        self._resolve_accepted = lru_cache(maxsize=65536)(self._resolve_no_suggestion)
        self._read = lru_cache(maxsize=131072)(self._read_uncached)
        self.split_run_on = lru_cache(maxsize=16384)(self._split_run_on)  # type: ignore[method-assign]
        # the pieces of run-on names repeat ("Extract", "Seed Oil"): each is read once
        self._exact_piece = lru_cache(maxsize=65536)(self._exact)
        self._joined_cached = lru_cache(maxsize=65536)(self._joined)

    def prepare(self) -> None:
        """Build the indexes otherwise built on first use (completion, fuzzy, word list)."""
        self._completer()
        self._index.buckets()
        self._index.word_set()
        self._repaired("")
        self._reread("a/b extract")

    def __len__(self) -> int:
        return len(self._table)

    def joined(self, first: str, second: str) -> Match:
        """Resolve two items as one name cut by a stray comma (cached; see :meth:`_joined`).

        Parameters
        ----------
        first, second : str
            Two neighbouring items as written.

        Returns
        -------
        Match
            Method ``"joined"`` when the two make a table name, else unrecognised.
        """
        return self._joined_cached(first, second)

    def _joined(self, first: str, second: str) -> Match:
        """Resolve two items as one name cut by a stray comma ("disodium", "edta").

        Only a table name (with its brackets dropped, at most) counts: the
        looser variants (a bracketed common name, one ``/`` alternative) would
        let an unknown item swallow the known one after it.
        """
        text = f"{first} {second}"
        hit = self._table.get(lookup_key(text)) or self._table.get(
            lookup_key(without_brackets(text))
        )
        return Match(hit[0], "joined", 100.0) if hit is not None else _NONE

    def canonical(self, name: str) -> str | None:
        """Return the INCI name for an exact (key-equal) name or synonym, else ``None``."""
        hit = self._table.get(lookup_key(name))
        return hit[0] if hit else None

    def resolve(self, text: str, *, fuzzy: bool = True, suggest: bool = True) -> Match:
        """Resolve an ingredient name as written (cached; see :meth:`_resolve`).

        Parameters
        ----------
        text : str
            One ingredient, already cut out of its list.
        fuzzy : bool, optional
            Allow a fuzzy match when every exact strategy fails.
        suggest : bool, optional
            With False a fuzzy candidate under the threshold is not looked for
            (the result is then :data:`NONE`-like, ``inci`` ``None``): faster, for
            callers that use only a recognised name.

        Returns
        -------
        Match
            The canonical name (or None), how it was found and its score (0-100).
        """
        if fuzzy and not suggest:
            return self._resolve_accepted(text)
        return self.resolve_cached(text, fuzzy)

    def _resolve_no_suggestion(self, text: str) -> Match:
        return self._resolve(text, True, suggest=False)

    def _resolve(self, text: str, fuzzy: bool, *, suggest: bool = True) -> Match:
        """Resolve an ingredient name as written.

        Parameters
        ----------
        text : str
            One ingredient, already cut out of its list (no percent, no marks).
        fuzzy : bool, optional
            Allow a fuzzy match when every exact strategy fails.
        suggest : bool, optional
            Look for the best fuzzy candidate even under the threshold (shown
            as a suggestion); without, only a recognised one is looked for.

        Returns
        -------
        Match
        """
        table_read = self._read(text)
        if table_read is not None:
            return table_read
        stripped = spaced_key(strip_variants(text))
        if not fuzzy:
            if "/" in text and not self._alternatives(text):
                # a slashed name with a typo is its whole name, or nothing (rare, cached)
                whole = self._accepted(stripped)
                if whole.inci is not None and "/" in whole.inci and not whole.partial:
                    return whole
            return _NONE
        bracketed = "(" in text or "[" in text
        swapped = ocr_swap(text)
        if swapped is not None and (read := self._exact(swapped)) is not None:
            # l/I confused by OCR or a PDF copy ("lsododecane"): a typo, shown with its score
            return Match(read, "fuzzy", round(fuzz.ratio(stripped, spaced_key(read)), 1), read)
        hints = bracket_hints(text)
        completer = self._completer()
        readings = [stripped, *latin_readings(text)] if "(" in text or "[" in text else [stripped]
        readings += common_name_readings(text, self._common)
        several: tuple[str, ...] = ()
        for reading in readings:
            completed = completer.complete(reading, hints=hints, slashed="/" in text)
            if completed is not None:
                return Match(completed, "completion", 100.0, completed)
            if not several:
                found = completer.candidates(reading, hints=hints)
                several = found if len(found) > 1 else ()
        if bracketed and (fits := self._several_fit(text)) is not None:
            # "Rosehip Oil (Organic)": no Latin name in the brackets said which rose
            return Match(None, "ambiguous", 0.0, candidates=fits)
        if several:
            # A cut name that fits several CosIng names ("rosa damascena": flower oil,
            # flower water, extract...): say so, with the candidates; never pick one.
            return Match(None, "ambiguous", 0.0, candidates=several)
        typo = self._fuzzy(stripped) if suggest else self._accepted(stripped)
        if typo.inci is not None and not typo.partial:
            return typo
        repaired = self._repaired(text)
        if repaired is not None:
            # a lost ligature or first letter, an OCR misread, an epithet's other gender:
            # the one name that fits, shown as a typo scored against the reading that hit
            inci, reading = repaired
            score = round(fuzz.ratio(stripped, spaced_key(strip_variants(reading))), 1)
            return Match(inci, "fuzzy", score, inci)
        return typo

    def _read_uncached(self, text: str) -> Match | None:
        """What the tables say about a name as written, or ``None`` (no fuzzy step).

        A table name, a common name of several species (ambiguous), a variant
        reading or a re-read name; shared by :meth:`_resolve` with and without
        fuzzy matching, so an unknown name is read from the tables only once.
        """
        hit = self._table.get(lookup_key(text))
        if hit is not None:
            return Match(hit[0], hit[1], 100.0)
        bracketed = "(" in text or "[" in text
        fits = self._several_fit(text) if not bracketed else self._several.get(lookup_key(text))
        if fits is not None:
            # "Rosehip Oil": the oil of one of several wild roses, the label does not say
            # which; every candidate is listed, none is picked (common_names.yaml)
            return Match(None, "ambiguous", 0.0, candidates=fits)
        variant = self._variant(text)
        if variant is not None:
            if "/" in text and "/" not in variant and self._unknown_part(text):
                # one "/" part of a slashed chemical name with a typo is not the name:
                # "dimethicon/peg-10/15 crosspolymer" is DIMETHICONE/PEG-10/15
                # CROSSPOLYMER, not PEG-10 (checked even without fuzzy: rare, cached)
                whole = self._accepted(spaced_key(strip_variants(text)))
                if whole.inci is not None and "/" in whole.inci and not whole.partial:
                    return whole
            return Match(variant, "variant", 100.0)
        reread = self._reread(text)
        if reread is not None:
            return Match(reread, "variant", 100.0)
        return None

    def _reread(self, text: str) -> str | None:
        """A name read as CosIng writes it: its "/" components in CosIng's order
        ("Bacillus/Soybean/Folic Acid Ferment Extract"), or one ingredient named
        twice ("Melaleuca Alternifolia Leaf Oil - Tea Tree Leaf Oil": both halves
        must name the same table name)."""
        if "/" in text:
            if self._slash_order is None:
                self._slash_order = SlashOrder(self._cosing)
            found = self._slash_order.find(strip_variants(text))
            if found is not None:
                return found
        halves = dash_halves(text)
        if halves is not None:
            first, second = (self.canonical(h) or self._variant(h) for h in halves)
            if first is not None and first == second:
                return first
        return None

    def _several_fit(self, text: str) -> tuple[str, ...] | None:
        """The CosIng names a common name of several species may be ("Rosehip Oil")."""
        several = self._several
        return several.get(lookup_key(text)) or several.get(lookup_key(strip_variants(text)))

    def _repaired(self, text: str) -> tuple[str, str] | None:
        """The one table name a damaged name stands for, with the reading that found it."""
        if self._repairer is None:
            self._repairer = Repairer(self._table, self._index.word_set())
        return self._repairer.repair(text)

    def _unknown_part(self, text: str) -> bool:
        """True when a "/" part of the text is no table name ("Aqua/Water/Eau": False)."""
        table = self._table
        return any(table.get(lookup_key(part)) is None for part in slash_parts(text))

    def _completer(self) -> Completer:
        """The completion index over the CosIng names (built on first use)."""
        if self._completion_index is None:
            self._completion_index = Completer((self._spaced[n], n) for n in self._cosing)
        return self._completion_index

    def split_run_on(self, text: str) -> tuple[tuple[str, str], ...] | None:
        """Split names that lost their separators (cached; see :meth:`_split_run_on`)."""
        return self._split_run_on(text)

    def _split_run_on(self, text: str) -> tuple[tuple[str, str], ...] | None:
        """Split names that lost their separators (see :func:`~milia.ingredients.runon.run_on`)."""
        return run_on(text, exact=self._exact_piece, table=self._table)

    def _exact(self, text: str) -> str | None:
        hit = self._table.get(lookup_key(text))
        if hit is not None:
            return hit[0]
        # a piece of a run-on is a name as written, never read from a common name
        # ("Rose Apple Leaf Extract" is no ROSE + apple leaf extract)
        return self._variant(text, common=False)

    def _variant(self, text: str, *, common: bool = True) -> str | None:
        slashed = "/" in text or "\\" in text or "|" in text
        if slashed and slash_list(slash_parts(text), self._table) is not None:
            return None  # "Water/Glycerin/Petrolatum" is a list, not one name
        table = self._table
        for candidate in variant_readings(text, alternatives=self._alternatives(text)):
            hit = table.get(lookup_key(candidate))
            if hit is not None:
                return hit[0]
        for candidate in common_name_readings(text, self._common) if common else ():
            hit = table.get(lookup_key(candidate))
            if hit is not None:
                return hit[0]
        return None

    def _alternatives(self, text: str) -> bool:
        """Whether the ``/`` parts of ``text`` may each be looked up as the whole name.

        Not when they are pieces of one name (:func:`one_slashed_name`), nor when
        the text begins a slashed CosIng name: "Acrylamide/Sodium" is a cut
        ACRYLAMIDE/SODIUM ... COPOLYMER (which one, the label does not say), never
        ACRYLAMIDE, a monomer prohibited in cosmetics.
        """
        if not ("/" in text or "\\" in text or "|" in text):
            return True
        if one_slashed_name(text, known=lambda part: lookup_key(part) in self._table):
            return False
        stripped = spaced_key(strip_variants(text))
        return not any("/" in name for name in self._completer().candidates(stripped))


@cache
def lexicon() -> Lexicon:
    """Return the shared :class:`Lexicon` built from the packaged tables (cached).

    Raises
    ------
    KnowledgeBaseError
        If a table is missing or malformed.
    """
    names_doc = _json("ingredients/inci_names.json")
    cross_doc = _json("ingredients/cosdna_synonyms.json")
    curated = read_yaml("ingredients/synonyms.yaml")
    completion_doc = read_yaml("ingredients/completions.yaml")
    common_doc = read_yaml("ingredients/common_names.yaml")
    synonyms: dict[str, str] = {}
    completions: dict[str, str] = {}
    try:
        for record in completion_doc["completions"]:
            completions.update({str(k): str(v) for k, v in record["names"].items()})
        common = {str(k): str(v) for r in common_doc["common_names"] for k, v in r["names"].items()}
        several = {
            str(k): tuple(str(c).upper() for c in v)
            for r in common_doc.get("several_species", [])
            for k, v in r["names"].items()
        }
        for record in curated["synonyms"]:
            inci = str(record["inci"]).upper()
            synonyms.setdefault(inci.lower(), inci)
            for alias in record["names"]:
                if synonyms.setdefault(str(alias), inci) != inci:
                    raise KnowledgeBaseError(
                        f"ingredients/synonyms.yaml: {alias!r} is listed for both "
                        f"{synonyms[str(alias)]} and {inci} (entry {record.get('id')}); "
                        "a name may stand for one INCI name only"
                    )
        names = [str(n) for n in names_doc["names"]]
        cross = {str(k): str(v) for k, v in cross_doc["synonyms"].items()}
    except (KeyError, TypeError) as exc:
        raise KnowledgeBaseError(
            f"ingredient tables are malformed ({exc}); regenerate them with "
            "scripts/build_ingredient_tables.py"
        ) from exc
    return Lexicon(names, synonyms, cross, completions, common, several)


def _json(relpath: str) -> Any:
    try:
        return json.loads(read_text(relpath))
    except json.JSONDecodeError as exc:
        raise KnowledgeBaseError(f"{relpath} is not valid JSON: {exc}") from exc
