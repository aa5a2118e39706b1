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


@pytest.mark.parametrize("name", sorted(BACKGROUNDS))
def test_upper_eyelid_milia_lie_on_the_lids_and_change_nothing_else(name: str) -> None:
    # QA F6-08: milia on the upper eyelid (the commonest adult site) were not in the benchmark.
    from milia.imaging.synth import UPPER_LIDS

    plain = make_photo(name, ita_group="light", px_per_mm=7.0, seed=4)
    lids = make_photo(name, ita_group="light", px_per_mm=7.0, seed=4, n_eyelid_milia=6)
    extra = lids.truth[len(plain.truth) :]
    assert lids.truth[: len(plain.truth)] == plain.truth
    assert len(extra) == 6
    k = 7.0 / BACKGROUNDS[name][0]
    for t in extra:
        assert t["kind"] == "milia_like" and t["region"] == "eyelids"
        assert 1.0 <= t["diameter_mm"] <= 2.0
        assert any(
            r0 * k <= t["row"] <= r1 * k and c0 * k <= t["col"] <= c1 * k
            for r0, r1, c0, c1 in UPPER_LIDS[name]
        )
    # both eyes get some
    cols = sorted(t["col"] for t in extra)
    assert cols[-1] - cols[0] > 20 * k
