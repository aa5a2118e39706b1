"""The whiteness channel's per-photo weights (detect.whiteness_weight): a matched filter."""

from __future__ import annotations

import cv2
import numpy as np

from milia.imaging.detect import (
    MILIA_B_RANGE,
    MIN_KEPT_CONTRAST,
    WHITENESS_WEIGHT_RANGE,
    whiteness_weight,
)

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


def warm_mottled_skin(seed: int = 0, size: int = 320) -> np.ndarray:
    """Warm skin (L* 65, a* 14, b* 24, QA F8-10's) whose redness and yellowness move together."""
    rng = np.random.default_rng(seed)

    def blotches() -> np.ndarray:
        field = cv2.GaussianBlur(rng.standard_normal((size, size)).astype(np.float32), (0, 0), 3.0)
        return field / field.std()

    red = blotches()
    lab = np.empty((size, size, 3), np.float32)
    lab[..., 0] = 65.0 + 1.5 * blotches()
    lab[..., 1] = 14.0 + 0.5 * red + 0.1 * blotches()
    lab[..., 2] = 24.0 + 0.5 * red + 0.1 * blotches()
    return lab


def cnr(lab: np.ndarray, weights: tuple[float, float, float], change: tuple[float, ...]) -> float:
    """Contrast of a colour change in the channel over the channel's band-pass spread."""
    channel = sum(w * lab[..., k] for k, w in enumerate(weights)).astype(np.float32)
    sigma = 0.75 * PPM / np.sqrt(2)
    band = cv2.GaussianBlur(channel, (0, 0), sigma) - cv2.GaussianBlur(channel, (0, 0), 1.6 * sigma)
    return float(np.dot(weights, change) / band.std())


def test_white_and_yellow_milia_keep_half_their_contrast_on_warm_mottled_skin() -> None:
    # QA F8-10: on warm skin whose redness and yellowness move together the b* weight
    # reached its old bound (c_a, c_b) = (-4, +4), and a white milium's loss of b*
    # cancelled its lightness. Now a full milium of either end of the white-to-yellow
    # range keeps at least half the contrast L* + c_a a* gives it, and b* still cancels
    # part of the mottling.
    lab = warm_mottled_skin()
    c_a, c_b = whiteness_weight(lab, np.ones(lab.shape[:2], bool), px_per_mm=PPM)
    assert c_b > 0
    for end in MILIA_B_RANGE:
        change = (100.0 - 65.0, -14.0, end - 24.0)
        without_b = (1.0, c_a, 0.0)
        assert cnr(lab, (1.0, c_a, c_b), change) > 0
        assert (
            np.dot((1.0, c_a, c_b), change) >= MIN_KEPT_CONTRAST * np.dot(without_b, change) - 1e-6
        )
    assert cnr(lab, (1.0, -4.0, 4.0), (35.0, -14.0, MILIA_B_RANGE[0] - 24.0)) < 0  # the old failure


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
