"""Where the findings of a photo lie: each one's region by its nearest face, and counts per face.

Used by :func:`milia.imaging.analyze.analyze_photo` once the skin is searched.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from milia.imaging.face import REGIONS, Face, regions_by_face

__all__ = ["face_counts", "name_regions"]


def name_regions(
    lesions: list[dict[str, Any]], at: list[tuple[float, float]], faces: list[Face]
) -> None:
    """Set each finding's ``region`` by the face nearest to it (:func:`regions_by_face`).

    ``at`` holds the findings' centres (row, col) in photo px. With several
    faces each finding also gets ``face``, the index of its face in ``faces``.
    """
    rows = np.array([r for r, _ in at], dtype=np.float64)
    cols = np.array([c for _, c in at], dtype=np.float64)
    regions, index = regions_by_face(rows, cols, faces)
    for les, region, k in zip(lesions, regions, index, strict=True):
        les["region"] = region
        if len(faces) > 1:
            les["face"] = k


def face_counts(index: int, lesions: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts (as ``counts``) of the findings named by face ``index``."""
    mine = [les for les in lesions if les.get("face", 0) == index]
    by_region = {r: 0 for r in REGIONS}
    for les in mine:
        by_region[les["region"]] += 1
    return {
        "milia_like": sum(1 for les in mine if les["kind"] == "milia_like"),
        "inflamed": sum(1 for les in mine if les["kind"] == "inflamed"),
        "by_region": by_region,
    }
