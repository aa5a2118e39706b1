"""A faint white dome may lose b* (a white milium on yellowish skin); other faint bumps may not."""

from __future__ import annotations

import dataclasses

import cv2
import numpy as np
from lab_helpers import LIGHT, blend, dome, skin

from milia.imaging.classify import THRESHOLDS, Thresholds, classify_candidates
from milia.imaging.detect import Candidates
from milia.imaging.measure import measure_candidates

PX_PER_MM = 7.0
#: Yellowish skin (b* 22) and a white milium's colour (b* 4: it loses b* against that skin).
YELLOWISH = (LIGHT[0], LIGHT[1], 22.0)
WHITE = (92.0, 3.0, 4.0)


def _judge(
    lab: np.ndarray, response: float, thresholds: Thresholds = THRESHOLDS
) -> tuple[str, float]:
    cands = Candidates(
        rows=np.array([70.0]),
        cols=np.array([80.0]),
        radii=np.array([6.0]),
        response=np.array([response]),
        channel=np.array(["L"]),
    )
    feats = measure_candidates(lab, np.ones(lab.shape[:2], bool), cands)
    kind = classify_candidates(feats, px_per_mm=PX_PER_MM, thresholds=thresholds).kind[0]
    return str(kind), float(feats["dome_fit"][0])


def test_a_faint_white_dome_that_loses_b_is_milia_like() -> None:
    lab = skin(YELLOWISH)
    blend(lab, 0.7 * dome(70, 80, 6.0), WHITE)
    kind, fit = _judge(lab, response=4.2)
    assert fit > THRESHOLDS.dome_fit
    assert kind == "milia_like"
    # Without the dome test (up to photo-1.14) the faint b* rule dropped it.
    no_dome = dataclasses.replace(THRESHOLDS, dome_fit=2.0)
    assert _judge(lab, response=4.2, thresholds=no_dome)[0] == "rejected"


def test_a_faint_flat_topped_grey_white_patch_that_loses_b_is_not() -> None:
    # The same colour change over a flat-topped patch with a sharp edge (a tooth, a
    # patch of shine): lighter and less yellow, but not shaped like a dome.
    lab = skin(YELLOWISH)
    rr, cc = np.mgrid[:140, :160]
    patch = (np.hypot(rr - 70, cc - 80) <= 9.0).astype(np.float32)
    blend(lab, 0.7 * patch, WHITE)
    kind, fit = _judge(lab, response=4.2)
    assert fit < THRESHOLDS.dome_fit
    assert kind == "rejected"


def test_a_faint_white_bump_on_coarse_texture_is_not_freed_of_b() -> None:
    # On coarse texture (ring spread of L* about 5) the bump's shape follows the
    # texture (dome fit about 0.75, elongation about 1.4, three spreads of L* up): not
    # a dome, so when found faint it still has to keep its yellowness.
    lab = skin(YELLOWISH)
    rng = np.random.default_rng(3)
    tex = cv2.GaussianBlur(rng.normal(0, 1, lab.shape[:2]).astype(np.float32), (0, 0), 2.0)
    lab[..., 0] += 6.0 / float(tex.std()) * tex
    blend(lab, 0.45 * dome(70, 80, 6.0), (95.0, 3.0, 4.0))
    assert _judge(lab, response=4.2)[0] == "rejected"
    # ...the b* rule is what drops it: without it, or found clearly, it is milia-like.
    no_b_rule = dataclasses.replace(THRESHOLDS, faint_min_db=-100.0)
    assert _judge(lab, response=4.2, thresholds=no_b_rule)[0] == "milia_like"
    assert _judge(lab, response=6.0)[0] == "milia_like"
