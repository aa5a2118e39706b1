"""The synthetic milia: every dome profile puts half its peak at the true radius (the visible edge)."""

from __future__ import annotations

import numpy as np
import pytest

from milia.imaging.synth import BACKGROUNDS, FACE_ELLIPSES, make_photo
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


@pytest.mark.parametrize("name", sorted(BACKGROUNDS))
def test_bumps_are_placed_on_the_face(name: str) -> None:
    """Every composited bump lies inside the hand-marked face ellipse (not on hair, a
    flag, a wall or a collar, which the generator's skin weight alone let through)."""
    photo = make_photo(name, ita_group="very_light", seed=2)
    native_ppm = BACKGROUNDS[name][0]
    cr, cc, ar, ac = (v / native_ppm / photo.mm_per_pixel for v in FACE_ELLIPSES[name])
    assert len(photo.truth) >= 20
    for t in photo.truth:  # places are drawn on a 4 px grid, then moved by up to 4 px
        assert ((t["row"] - cr) / (ar + 6)) ** 2 + ((t["col"] - cc) / (ac + 6)) ** 2 <= 1.0, t
