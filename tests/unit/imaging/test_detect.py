"""find_candidates: the quick a*-loss pre-screen of faint light peaks, and the search itself."""

from __future__ import annotations

import numpy as np
from lab_helpers import DARK, LIGHT, blend, dome, light_up, skin

from milia.imaging.detect import FAINT_MIN_A_LOSS, _loses_redness, find_candidates


def _screen(lab: np.ndarray) -> bool:
    one = np.array([70.0])
    return bool(
        _loses_redness(lab, one, np.array([80.0]), np.array([6.0]), min_share=FAINT_MIN_A_LOSS)[0]
    )


def test_a_white_dome_on_yellowish_skin_passes_the_pre_screen() -> None:
    # A white milium loses yellowness (b*) on yellowish skin: it must not be
    # dropped for that (the former pre-screen asked it to keep b*).
    lab = skin((66.0, 11.0, 20.0))
    blend(lab, 0.6 * dome(70, 80, 6.0), (92.0, 2.0, 6.0))
    assert _screen(lab)


def test_a_white_yellow_dome_on_dark_skin_passes_the_pre_screen() -> None:
    lab = skin(DARK)
    blend(lab, 0.75 * dome(70, 80, 6.0), (88.0, 8.0, 20.0))
    assert _screen(lab)


def test_lit_skin_fails_the_pre_screen() -> None:
    assert not _screen(light_up(skin(LIGHT), dome(70, 80, 6.0), 1.6))
    assert not _screen(light_up(skin(DARK), dome(70, 80, 6.0), 2.0))


def test_a_white_dome_is_a_light_candidate_where_it_lies() -> None:
    lab = skin(LIGHT, seed=2)
    blend(lab, 0.7 * dome(70, 80, 6.0), (92.0, 3.0, 12.0))
    found = find_candidates(lab, np.ones(lab.shape[:2], bool), px_per_mm=7.0)
    light = found.channel == "L"
    dist = np.hypot(found.rows[light] - 70, found.cols[light] - 80)
    assert dist.size and dist.min() <= 2.0
