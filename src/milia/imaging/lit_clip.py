"""Skin lit up toward white as a camera records it: each sRGB channel clipped at 1.

Lighting keeps the skin's chromaticity (:func:`milia.imaging.classify.lit_skin_a`),
but a camera clips each channel at its white: on light skin lit up toward white
the red channel saturates first, so the recorded colour loses a* as a white
milium does. A bump whose core the camera clipped is therefore compared with
the lit skin *as recorded*: the skin's linear sRGB scaled by the gain whose
clipped result is as light as the core, then clipped.

CIE 1976 L*a*b* (D65 white) and IEC 61966-2-1 sRGB primaries (linear light: the
sRGB transfer curve is monotone and keeps 0 and 1, so clipping linear values at
1 is clipping the encoded ones).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["lit_skin_recorded"]

#: D65 reference white, XYZ (Y = 1).
_WHITE = np.array([0.95047, 1.0, 1.08883])
#: Linear sRGB -> XYZ (IEC 61966-2-1), and back.
_RGB_TO_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)
_XYZ_TO_RGB = np.linalg.inv(_RGB_TO_XYZ)
_EPS = 6.0 / 29.0


def _lab_to_rgb_linear(lab: NDArray[np.float64]) -> NDArray[np.float64]:
    fy = (lab[..., 0] + 16.0) / 116.0
    f = np.stack([fy + lab[..., 1] / 500.0, fy, fy - lab[..., 2] / 200.0], axis=-1)
    xyz = np.where(f > _EPS, f**3, 3.0 * _EPS**2 * (f - 4.0 / 29.0)) * _WHITE
    return np.asarray(xyz @ _XYZ_TO_RGB.T, dtype=np.float64)


def _rgb_linear_to_lab(rgb: NDArray[np.float64]) -> NDArray[np.float64]:
    t = (rgb @ _RGB_TO_XYZ.T) / _WHITE
    f = np.where(t > _EPS**3, np.cbrt(t), t / (3.0 * _EPS**2) + 4.0 / 29.0)
    return np.stack(
        [
            116.0 * f[..., 1] - 16.0,
            500.0 * (f[..., 0] - f[..., 1]),
            200.0 * (f[..., 1] - f[..., 2]),
        ],
        axis=-1,
    )


def lit_skin_recorded(
    ring_lab: NDArray[np.float64], core_l: NDArray[np.float64], steps: int = 30
) -> NDArray[np.float64]:
    """The skin ``ring_lab`` lit up until, as recorded (channels clipped at 1), it is as light as ``core_l``.

    Parameters
    ----------
    ring_lab : ndarray, shape (K, 3)
        The skin's colour, CIELAB.
    core_l : ndarray, shape (K,)
        The recorded lightness (L*) to reach; at most the lightness of white (100).
    steps : int
        Bisection steps on the light's gain (from 1 to 64 times).

    Returns
    -------
    ndarray, shape (K, 3)
        CIELAB of the lit skin as recorded. Where ``core_l`` is not above the
        skin's own L*, the skin itself.
    """
    ring = np.asarray(ring_lab, dtype=np.float64).reshape(-1, 3)
    target = np.asarray(core_l, dtype=np.float64).reshape(-1)
    lin = np.clip(_lab_to_rgb_linear(ring), 0.0, None)
    lo = np.zeros(len(ring))  # log2 of the gain
    hi = np.full(len(ring), 6.0)
    for _ in range(steps):
        mid = 0.5 * (lo + hi)
        recorded = np.clip(lin * np.exp2(mid)[:, None], 0.0, 1.0)
        too_light = _rgb_linear_to_lab(recorded)[:, 0] > target
        hi = np.where(too_light, mid, hi)
        lo = np.where(too_light, lo, mid)
    return _rgb_linear_to_lab(np.clip(lin * np.exp2(lo)[:, None], 0.0, 1.0))
