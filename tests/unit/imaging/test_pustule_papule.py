"""A pustule's papule larger than the rings sized to its white head (issue 4, QA F8-12).

Made photos of naturally ruddy skin (a broad flush on the cheek) holding
pustules -- a 1.2 mm white head on a soft 4 mm red papule -- and plain milia
on the flush: the pustules are inflamed, the milia stay milia-like.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from milia.imaging.analyze import analyze_photo

PPM = 8.0  # px per mm
SIZE = 480  # px (60 mm)
PUSTULES = ((140.0, 140.0), (340.0, 330.0))
MILIA = ((150.0, 330.0), (330.0, 150.0), (240.0, 250.0))
#: Ruddy skin (CIELAB) and its papules' colour, light and dark: redness shows less on dark skin.
TONES = {
    "light": ((64.0, 16.0, 16.0), (54.0, 38.0, 22.0)),
    "brown": ((42.0, 14.0, 18.0), (36.0, 32.0, 22.0)),
}


def _soft_disc(
    centre: tuple[float, float], diameter_mm: float, peak: float, edge: float
) -> np.ndarray:
    """Weights of a logistic-edged disc (edge: its softness as a share of the diameter)."""
    rr, cc = np.mgrid[:SIZE, :SIZE]
    d = np.hypot(rr - centre[0], cc - centre[1])
    diameter = diameter_mm * PPM
    return peak / (1.0 + np.exp(np.minimum((d - diameter / 2) / (edge * diameter + 0.5), 50.0)))


def _blend(lab: np.ndarray, w: np.ndarray, target: tuple[float, float, float]) -> None:
    lab += w[..., None].astype(np.float32) * (np.asarray(target, np.float32) - lab)


def _ruddy_photo(tone: str, seed: int) -> np.ndarray:
    skin, papule = TONES[tone]
    rng = np.random.default_rng(seed)
    lab = np.empty((SIZE, SIZE, 3), np.float32)
    lab[...] = skin
    for k, sd in enumerate((1.0, 0.5, 0.4)):
        grain = cv2.GaussianBlur(rng.standard_normal((SIZE, SIZE)).astype(np.float32), (0, 0), 0.8)
        lab[..., k] += grain / grain.std() * sd
    rr, cc = np.mgrid[:SIZE, :SIZE]
    # A cheek's flush: a* up to +6 over ~20 mm, with the milia on it.
    lab[..., 1] += 6.0 * np.exp(-((np.hypot(rr - 240, cc - 240) / (10 * PPM)) ** 2))
    for centre in PUSTULES:
        _blend(lab, _soft_disc(centre, 4.0, 0.75, 0.3), papule)
        _blend(lab, _soft_disc(centre, 1.2, 0.8, 0.25), (90.0, 3.0, 12.0))
    for centre in MILIA:
        _blend(lab, _soft_disc(centre, 1.4, 0.8, 0.15), (90.0, 3.0, 16.0))
    rgb = cv2.cvtColor(lab, cv2.COLOR_Lab2RGB)
    return np.clip(rgb * 255 + 0.5, 0, 255).astype(np.uint8)


def _kinds_at(
    lesions: list[dict[str, object]], centres: tuple[tuple[float, float], ...]
) -> list[set[str]]:
    out = []
    for r, c in centres:
        near = {
            str(les["kind"])
            for les in lesions
            if np.hypot(float(les["row"]) - r, float(les["col"]) - c) <= 1.5 * PPM  # type: ignore[arg-type]
        }
        out.append(near)
    return out


@pytest.mark.parametrize("tone", sorted(TONES))
def test_pustules_on_ruddy_skin_are_inflamed_and_milia_stay_milia(tone: str) -> None:
    result = analyze_photo(_ruddy_photo(tone, seed=3), mm_per_pixel=1 / PPM)
    lesions = result["lesions"]
    assert _kinds_at(lesions, PUSTULES) == [{"inflamed"}, {"inflamed"}], lesions
    assert _kinds_at(lesions, MILIA) == [{"milia_like"}] * 3, lesions
    assert result["counts"]["milia_like"] == 3
    assert result["counts"]["inflamed"] == 2
