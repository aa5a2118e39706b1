"""The synthetic milia: every dome profile puts half its peak at the true radius (the visible edge)."""

from __future__ import annotations

import numpy as np
import pytest

from milia.imaging.synth_shapes import MILIA_PROFILES, dome


@pytest.mark.parametrize("profile", MILIA_PROFILES)
@pytest.mark.parametrize("shape", [0.6, 1.0, 1.2])
def test_dome_half_peak_at_the_radius(profile: str, shape: float) -> None:
    if profile == "logistic":
        shape = shape / 6.0  # edge width 0.1-0.2 of the radius
    radius = 20.0
    alpha = dome(50.0, 50.0, radius, profile, shape)(0, 101, 0, 101)
    row = alpha[50, 50:]  # centre to the right edge, 1 px steps
    peak = float(row[0])
    assert 0.8 <= peak <= 1.0
    inside, outside = row[int(radius) - 1], row[int(radius) + 1]
    assert inside >= 0.5 * peak >= outside, (inside, outside, peak)
    assert np.all(np.diff(row) <= 1e-9), "a dome falls from its centre"


def test_unknown_profile_is_refused() -> None:
    with pytest.raises(ValueError, match="profile"):
        dome(0.0, 0.0, 5.0, "square", 1.0)
