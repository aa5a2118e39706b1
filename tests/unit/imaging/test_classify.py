"""classify_candidates: white bumps against lit skin, on light and on dark skin."""

from __future__ import annotations

import numpy as np
import pytest
from lab_helpers import DARK, LIGHT, blend, dome, light_up, skin

from milia.imaging.classify import classify_candidates
from milia.imaging.detect import Candidates
from milia.imaging.measure import measure_candidates

PX_PER_MM = 7.0


def _kind(lab: np.ndarray, row: float, col: float, radius: float) -> str:
    cands = Candidates(
        rows=np.array([row]),
        cols=np.array([col]),
        radii=np.array([radius]),
        response=np.array([8.0]),
        channel=np.array(["L"]),
    )
    feats = measure_candidates(lab, np.ones(lab.shape[:2], bool), cands)
    return str(classify_candidates(feats, px_per_mm=PX_PER_MM).kind[0])


@pytest.mark.parametrize("colour", [DARK, LIGHT])
def test_a_white_yellow_dome_that_keeps_the_skins_redness_is_milia_like(
    colour: tuple[float, float, float],
) -> None:
    # On dark skin a white-yellow milium (a* 8) loses almost no a* against skin of
    # a* 9, yet it is far paler than that skin lit up to the same lightness.
    lab = skin(colour)
    blend(lab, 0.75 * dome(70, 80, 6.0), (88.0, 8.0, 20.0))
    assert _kind(lab, 70, 80, 6.0) == "milia_like"


@pytest.mark.parametrize("colour", [DARK, LIGHT])
def test_skin_lit_up_keeps_its_colour_and_is_not_milia_like(
    colour: tuple[float, float, float],
) -> None:
    # A lit bump of skin (twice the light, chromaticity kept): lighter, and redder
    # in a* as lit skin is, so not whiter.
    lab = light_up(skin(colour), dome(70, 80, 6.0), 2.0)
    assert _kind(lab, 70, 80, 6.0) == "rejected"


def test_a_red_papule_is_inflamed_not_milia_like() -> None:
    lab = skin(LIGHT)
    alpha = dome(70, 80, 9.0)
    lab[..., 0] -= 3.0 * alpha
    lab[..., 1] += 12.0 * alpha
    cands = Candidates(
        rows=np.array([70.0]),
        cols=np.array([80.0]),
        radii=np.array([9.0]),
        response=np.array([8.0]),
        channel=np.array(["a"]),
    )
    feats = measure_candidates(lab, np.ones(lab.shape[:2], bool), cands)
    assert classify_candidates(feats, px_per_mm=PX_PER_MM).kind[0] == "inflamed"
