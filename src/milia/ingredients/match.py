"""The outcome of resolving one ingredient name (shared by the lexicon and its helpers)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["NONE", "Match", "Method"]

Method = Literal[
    "exact", "synonym", "completion", "variant", "joined", "split", "fuzzy", "ambiguous", "none"
]


@dataclass(frozen=True, slots=True)
class Match:
    """Outcome of resolving one ingredient name.

    Attributes
    ----------
    inci : str or None
        Canonical INCI name when recognised, else ``None``.
    method : str
        How it was found: one of :data:`Method` ("ambiguous" when several
        CosIng names fit a cut name and none is picked).
    score : float
        100 for table lookups; the rapidfuzz ratio (0-100) for fuzzy ones.
    candidate : str or None
        The best fuzzy candidate, also when it scored below the threshold.
    partial : bool
        A fuzzy match that adds words to the name as written (a typo and a
        missing word at once): a guess at a truncated name, which callers must
        not let raise a flag on its own.
    candidates : tuple of str
        For method ``"ambiguous"``: every CosIng name the cut name could mean
        ("rosa damascena": ROSA DAMASCENA FLOWER OIL, ... FLOWER WATER, ...),
        fewest words first. ``inci`` is then ``None``.
    """

    inci: str | None
    method: Method
    score: float
    candidate: str | None = None
    partial: bool = False
    candidates: tuple[str, ...] = ()

    @property
    def recognized(self) -> bool:
        """True when ``inci`` is set (fuzzy matches only at/above the threshold)."""
        return self.inci is not None


#: Nothing found.
NONE = Match(None, "none", 0.0)
