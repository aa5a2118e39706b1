"""find_candidates: the quick pre-screen of faint light peaks, and the search itself."""

from __future__ import annotations

import numpy as np
from lab_helpers import DARK, LIGHT, blend, dome, light_up, skin

from milia.imaging.detect import (
    FAINT_MIN_A_LOSS,
    FAINT_MIN_DB,
    _faint_prescreen,
    find_candidates,
)


def _screen(lab: np.ndarray) -> bool:
    one = np.array([70.0])
    return bool(
        _faint_prescreen(
            lab,
            one,
            np.array([80.0]),
            np.array([6.0]),
            min_share=FAINT_MIN_A_LOSS,
            min_db=FAINT_MIN_DB,
        )[0]
    )


def test_grey_white_on_yellowish_skin_fails_the_pre_screen() -> None:
    # Teeth, shine or texture toward grey-white lose yellowness (b*).
    lab = skin((66.0, 11.0, 20.0))
    blend(lab, 0.6 * dome(70, 80, 6.0), (90.0, 1.0, 2.0))
    assert not _screen(lab)


def test_a_yellowish_white_dome_passes_the_pre_screen() -> None:
    lab = skin((66.0, 11.0, 16.0))
    blend(lab, 0.6 * dome(70, 80, 6.0), (90.0, 3.0, 20.0))
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
