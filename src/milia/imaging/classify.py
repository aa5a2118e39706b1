"""Classify measured candidates: ``milia_like``, ``inflamed`` or rejected.

Every contrast is compared with the local skin's spread (the ring's robust
standard deviation), never with an absolute value, so the same rule holds on
very light and on dark skin (where a white bump has *more* contrast and
redness *less*).

- ``inflamed``: redder than the ring (core or halo), the redness being the
  main change, not a darker brown (freckle, mole); a white head does not stop
  a red bump from being inflamed.
- ``milia_like``: lighter than the ring, small (about 0.4-3.5 mm), round,
  not redder, and not a specular highlight.
- rejected: everything else -- darker spots (pores, freckles, moles),
  highlights (elongated, large, or bright and chroma-less white), noise.

The thresholds below are set by the team on the synthetic benchmark
(``milia.imaging.synth``); evidence level: expert estimate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["THRESHOLDS", "Thresholds", "classify_candidates"]


@dataclass(frozen=True)
class Thresholds:
    """Decision thresholds, in units of the local skin spread unless named otherwise."""

    light_cnr: float = 5.0  # peak dL* / ring sd(L*)
    red_cnr: float = 4.0  # max(da*, halo da*) / ring sd(a*)
    red_over_dark: float = 0.6  # redness must reach this share of any darkening
    min_diameter_mm: float = 0.4
    max_milia_mm: float = 3.6
    max_inflamed_mm: float = 8.0
    max_elongation: float = 1.9
    highlight_chroma_ratio: float = 0.3  # core chroma / ring chroma below this...
    highlight_core_L: float = 95.0  # ...with a core this bright is a highlight
    min_skin_fraction: float = 0.6


THRESHOLDS = Thresholds()


def _confidence(margin: NDArray[np.float64]) -> NDArray[np.float64]:
    """Map a ratio-to-threshold (1 = at threshold) to 0.5-0.99."""
    return np.clip(1.0 - 0.5 * np.exp(-1.5 * (margin - 1.0)), 0.5, 0.99)


@dataclass
class Classification:
    """Per-candidate result: kind ('milia_like', 'inflamed' or 'rejected'), etc."""

    kind: NDArray[np.str_]
    confidence: NDArray[np.float64]
    diameter_px: NDArray[np.float64]


def classify_candidates(
    features: dict[str, NDArray[np.float64]],
    *,
    px_per_mm: float,
    thresholds: Thresholds = THRESHOLDS,
) -> Classification:
    """Classify candidates from :func:`milia.imaging.measure.measure_candidates`.

    Parameters
    ----------
    features : dict of str to ndarray (K,)
        Measured features.
    px_per_mm : float
        Scale of the image the features were measured on.
    thresholds : Thresholds
        Decision thresholds.

    Returns
    -------
    Classification
    """
    t = thresholds
    n = len(features["dL"])
    kind = np.full(n, "rejected", dtype="<U10")
    conf = np.zeros(n, dtype=np.float64)
    dia = features["diameter_px"].copy()
    if n == 0:
        return Classification(kind, conf, dia)
    sd_l, sd_a = features["sd_L"], features["sd_a"]
    skin_ok = features["skin_fraction"] >= t.min_skin_fraction
    light = features["peak_L"] / sd_l
    red_delta = np.maximum(features["da"], features["da_halo"])
    red_delta = np.maximum(red_delta, features["peak_a"] * 0.8)
    red = red_delta / sd_a
    darker = np.maximum(-features["dL"], 0.0)
    dia_mm = features["diameter_px"] / px_per_mm
    red_dia_mm = features["diameter_red_px"] / px_per_mm
    round_ = features["elongation"] <= t.max_elongation

    is_red = (
        skin_ok
        & (red >= t.red_cnr)
        & (red_delta >= t.red_over_dark * darker)
        & (red_delta > features["db"])
        & (red_dia_mm >= t.min_diameter_mm)
        & (red_dia_mm <= t.max_inflamed_mm)
    )
    highlight = (features["chroma_ratio"] < t.highlight_chroma_ratio) & (
        features["core_L"] >= t.highlight_core_L
    )
    is_milia = (
        skin_ok
        & ~is_red
        & (light >= t.light_cnr)
        & (features["dL"] > 0)
        & (dia_mm >= t.min_diameter_mm)
        & (dia_mm <= t.max_milia_mm)
        & round_
        & ~highlight
    )
    kind[is_red] = "inflamed"
    kind[is_milia] = "milia_like"
    conf[is_red] = _confidence(red[is_red] / t.red_cnr)
    conf[is_milia] = _confidence(light[is_milia] / t.light_cnr)
    dia[is_red] = np.maximum(features["diameter_red_px"][is_red], dia[is_red])
    return Classification(kind, conf, dia)
