"""The whiteness channel's per-photo weights (detect.whiteness_weight): a matched filter."""

from __future__ import annotations

import cv2
import numpy as np

from milia.imaging.detect import WHITENESS_WEIGHT_RANGE, whiteness_weight

PPM = 7.0


def mottled_skin(*, correlated: bool, seed: int = 0, size: int = 320) -> np.ndarray:
    """Skin (L* 72, a* 11, b* 13) with ~1 mm blotches in a* and b*, moving together or not."""
    rng = np.random.default_rng(seed)

    def blotches() -> np.ndarray:
        field = cv2.GaussianBlur(rng.standard_normal((size, size)).astype(np.float32), (0, 0), 3.0)
        return field / field.std()

    lab = np.empty((size, size, 3), np.float32)
    red = blotches()
    lab[..., 0] = 72.0 + 0.8 * blotches()
    lab[..., 1] = 11.0 + 1.5 * red
    lab[..., 2] = 13.0 + 1.5 * (red if correlated else blotches())
    return lab


def test_correlated_redness_and_yellowness_give_b_a_weight() -> None:
    # Blood and pigment mottling move a* and b* together: a b* weight cancels what the
    # a* weight lets in, so the channel L* + c_a a* + c_b b* keeps less of the mottling.
    lab = mottled_skin(correlated=True)
    mask = np.ones(lab.shape[:2], bool)
    c_a, c_b = whiteness_weight(lab, mask, px_per_mm=PPM)
    assert c_a < 0 and c_b > 0.5 * -c_a
    channel = lab[..., 0] + c_a * lab[..., 1] + c_b * lab[..., 2]
    a_only = lab[..., 0] + c_a * lab[..., 1]
    assert channel.std() < 0.5 * a_only.std()


def test_independent_channels_leave_b_out() -> None:
    lab = mottled_skin(correlated=False)
    c_a, c_b = whiteness_weight(lab, np.ones(lab.shape[:2], bool), px_per_mm=PPM)
    assert WHITENESS_WEIGHT_RANGE[0] <= -c_a <= WHITENESS_WEIGHT_RANGE[1]
    assert abs(c_b) < 0.2 * -c_a


def test_too_little_skin_gives_plain_l_minus_a() -> None:
    lab = mottled_skin(correlated=True)
    assert whiteness_weight(lab, np.zeros(lab.shape[:2], bool), px_per_mm=PPM) == (-1.0, 0.0)
