"""A white dome whose core the camera clipped is judged by its shape (photo-1.16).

A white milium on very light skin may reach the camera's white: its core's sRGB
channels clip, and its colour no longer measures it. Up to photo-1.15 every
clipped core was left uncounted (and reported); since photo-1.16 a clipped bump
that passes the dome test (round, correlating with a Gaussian dome, well above
its ring's texture, on a ring as light as the photo's skin) is judged as any
other when it is also less red than its skin lit up to its lightness as the
camera records lit skin (each channel clipped at white): its shape tells it
from shine, and that comparison from lit skin.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from lab_helpers import blend, dome, light_up, skin

from milia.imaging.classify import THRESHOLDS, Thresholds, classify_candidates
from milia.imaging.detect import Candidates
from milia.imaging.measure import measure_candidates

PX_PER_MM = 7.0
#: Very light skin (ITA about 67 degrees).
VERY_LIGHT = (78.0, 10.0, 13.0)
#: A yellowish-white milium bright enough to clip the camera's red channel over that skin.
WHITE = (96.0, 0.0, 20.0)


def _judge(
    alpha: np.ndarray, thresholds: Thresholds = THRESHOLDS
) -> tuple[str, bool, dict[str, float]]:
    lab = skin(VERY_LIGHT)
    blend(lab, alpha, WHITE)
    cands = Candidates(
        rows=np.array([70.0]),
        cols=np.array([80.0]),
        radii=np.array([6.0]),
        response=np.array([8.0]),
        channel=np.array(["L"]),
    )
    feats = measure_candidates(lab, np.ones(lab.shape[:2], bool), cands)
    cls = classify_candidates(feats, px_per_mm=PX_PER_MM, thresholds=thresholds)
    return str(cls.kind[0]), bool(cls.clipped[0]), {k: float(v[0]) for k, v in feats.items()}


def test_a_clipped_white_dome_on_very_light_skin_is_milia_like() -> None:
    kind, clipped, f = _judge(0.9 * dome(70, 80, 6.0))
    assert f["core_rgb_max"] >= THRESHOLDS.max_core_rgb  # the camera clipped its core
    assert f["dome_fit"] >= THRESHOLDS.dome_fit
    assert kind == "milia_like"
    assert not clipped  # judged, so not reported as a bump left uncounted
    # Not a dome (up to photo-1.15 no clipped core was judged): left uncounted, reported.
    not_dome = dataclasses.replace(THRESHOLDS, dome_fit=2.0)
    assert _judge(0.9 * dome(70, 80, 6.0), not_dome)[:2] == ("rejected", True)


def test_a_clipped_flat_topped_patch_is_still_not_counted() -> None:
    # The same colour over a flat-topped disc with a sharp edge (clipped shine): it
    # passes every other test of a milium, but is not shaped like a dome.
    rr, cc = np.mgrid[:140, :160]
    patch = (np.hypot(rr - 70, cc - 80) <= 9.0).astype(np.float32)
    kind, clipped, f = _judge(0.9 * patch)
    assert f["core_rgb_max"] >= THRESHOLDS.max_core_rgb
    assert f["dome_fit"] < THRESHOLDS.dome_fit
    assert (kind, clipped) == ("rejected", True)


def test_clipped_lit_skin_shaped_like_a_dome_is_not_milia_like() -> None:
    # Skin lit twice as bright under a dome clips too, and the clip takes its a*;
    # compared with lit skin as recorded, it is not less red: not a milium.
    lab = light_up(skin(VERY_LIGHT), dome(70, 80, 6.0), 2.0)
    cands = Candidates(
        rows=np.array([70.0]),
        cols=np.array([80.0]),
        radii=np.array([6.0]),
        response=np.array([8.0]),
        channel=np.array(["L"]),
    )
    feats = measure_candidates(lab, np.ones(lab.shape[:2], bool), cands)
    assert feats["core_rgb_max"][0] >= THRESHOLDS.max_core_rgb
    assert classify_candidates(feats, px_per_mm=PX_PER_MM).kind[0] == "rejected"
