"""Score photo analyses against synthetic ground truth (precision, recall, F1, size error).

A finding matches a true bump of the same kind when its centre lies within
``max(0.6 * true diameter, 0.75 mm)`` of the bump's centre; matching is greedy
by distance, one to one. Findings on distractors (highlights, freckles, pores)
or on nothing are false positives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["KINDS", "Score", "score_analysis", "summarise"]

KINDS = ("milia_like", "inflamed")


@dataclass
class Score:
    """Counts and size errors for one kind (summable over photos)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    size_errors_mm: list[float] = field(default_factory=list)

    def __iadd__(self, other: Score) -> Score:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.size_errors_mm.extend(other.size_errors_mm)
        return self

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 1.0 when nothing was reported."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 1.0 when nothing was there to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall; 0.0 when both are 0."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def median_size_error_mm(self) -> float | None:
        """Median absolute diameter error of the matched findings, in mm (None without matches)."""
        if not self.size_errors_mm:
            return None
        return float(np.median(np.abs(self.size_errors_mm)))

    def as_dict(self) -> dict[str, Any]:
        """The counts, precision, recall, F1 and median size error (mm) as JSON-ready data."""
        med = self.median_size_error_mm
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "median_abs_size_error_mm": None if med is None else round(med, 3),
        }


def score_analysis(
    analysis: dict[str, Any], truth: Iterable[dict[str, Any]], *, mm_per_pixel: float
) -> dict[str, Score]:
    """Score one analysis (the contract dict) against ground truth, per kind.

    Parameters
    ----------
    analysis : dict
        Output of :func:`milia.imaging.analyze.analyze_photo`.
    truth : iterable of dict
        ``{"kind", "row", "col", "diameter_mm"}``, rows and columns in px.
    mm_per_pixel : float
        True scale.
    """
    truth = list(truth)
    scores: dict[str, Score] = {}
    for kind in KINDS:
        found = [les for les in analysis["lesions"] if les["kind"] == kind]
        real = [t for t in truth if t["kind"] == kind]
        pairs = []
        for i, les in enumerate(found):
            for j, t in enumerate(real):
                dist_mm = (
                    float(np.hypot(les["row"] - t["row"], les["col"] - t["col"])) * mm_per_pixel
                )
                if dist_mm <= max(0.6 * t["diameter_mm"], 0.75):
                    pairs.append((dist_mm, i, j))
        pairs.sort()
        used_f: set[int] = set()
        used_t: set[int] = set()
        score = Score()
        for _, i, j in pairs:
            if i in used_f or j in used_t:
                continue
            used_f.add(i)
            used_t.add(j)
            score.tp += 1
            dia = found[i]["diameter_mm"]
            if dia is None:
                dia = found[i]["diameter_px"] * mm_per_pixel
            score.size_errors_mm.append(float(dia) - float(real[j]["diameter_mm"]))
        score.fp = len(found) - len(used_f)
        score.fn = len(real) - len(used_t)
        scores[kind] = score
    return scores


def summarise(scores: dict[str, dict[str, Score]]) -> dict[str, dict[str, dict[str, Any]]]:
    """Turn ``{group: {kind: Score}}`` into JSON-ready numbers."""
    return {g: {k: s.as_dict() for k, s in per.items()} for g, per in scores.items()}
