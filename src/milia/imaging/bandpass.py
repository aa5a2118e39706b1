"""Multi-scale band-pass (difference of Gaussians) peaks with a local noise scale.

The machinery of :mod:`milia.imaging.detect`: the scales searched, the
scale-normalised difference of Gaussians computed on a pyramid (each scale on
the image halved until its sigma is at most 1.3 px), divided by its local
spread over skin (the mean absolute band-pass over a window of
:data:`NOISE_WINDOW_MM`, scaled to a standard deviation), its local maxima, and
greedy non-maximum suppression across scales.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from milia.imaging.labimage import rows_cols_where

__all__ = [
    "NOISE_WINDOW_MM",
    "band_pass_peaks",
    "half_mask_nearest",
    "local_maxima",
    "scales",
    "suppress",
]

#: Local noise window, mm.
NOISE_WINDOW_MM = 12.0
#: Standard deviation of Gaussian noise over its mean absolute value, sqrt(pi / 2).
_MEAN_ABS_TO_SD = float(np.sqrt(np.pi / 2))


def scales(radii_mm: tuple[float, float], px_per_mm: float) -> list[float]:
    """Gaussian sigmas, px, for blob radii ``radii_mm`` (about 1.6 apart, at least 0.7 px)."""
    lo = max(radii_mm[0] * px_per_mm / np.sqrt(2), 0.7)
    hi = max(radii_mm[1] * px_per_mm / np.sqrt(2), lo * 1.5)
    n = int(np.ceil(np.log(hi / lo) / np.log(1.6))) + 1
    return [float(s) for s in np.geomspace(lo, hi, n)]


def half_mask_nearest(mask: NDArray[np.bool_], shape: tuple[int, ...]) -> NDArray[np.bool_]:
    """``mask`` sampled at every other px to ``shape`` (half its size, rounded down)."""
    return np.ascontiguousarray(mask[: 2 * shape[0] : 2, : 2 * shape[1] : 2])


def local_maxima(
    image: NDArray[np.float32], where: NDArray[np.bool_]
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Rows and columns of the px in ``where`` that are >= their 8 neighbours in ``image``.

    The same px as ``image >= cv2.dilate(image, 3 x 3)`` within ``where``,
    checked only at the (few) px of ``where``.
    """
    import cv2

    rr, cc = rows_cols_where(where)  # np.nonzero(where), faster
    if len(rr) > where.size // 64:  # many: one dilation over the image is cheaper
        dil = cv2.dilate(image, np.ones((3, 3), np.uint8))
        ok = image[rr, cc] >= dil[rr, cc]
        return rr[ok], cc[ok]
    h, w = image.shape
    v = image[rr, cc]
    ok = np.ones(len(rr), dtype=bool)
    for dr in (-1, 0, 1):
        r2 = np.clip(rr + dr, 0, h - 1)
        for dc in (-1, 0, 1):
            if dr or dc:
                # Clipped at the border: the px itself, which never fails the test.
                ok &= v >= image[r2, np.clip(cc + dc, 0, w - 1)]
    return rr[ok], cc[ok]


def band_pass_peaks(
    channel: NDArray[np.float32],
    mask: NDArray[np.bool_] | NDArray[np.float32],
    sigmas: list[float],
    px_per_mm: float,
    *,
    min_response: float,
) -> tuple[
    NDArray[np.float64],
    NDArray[np.float64],
    NDArray[np.float64],
    NDArray[np.float64],
    NDArray[np.float64],
]:
    """Peaks of the noise-normalised band-pass at each scale, on a pyramid.

    Returns rows, columns, noise-normalised response, sigma and the raw
    scale-normalised band-pass (used to choose the scale).

    Each scale is computed on the image halved until its sigma is at most
    1.3 px, so every blur is short; peaks are mapped back to
    the input's px. ``mask`` is the skin (bool) or its share of each px
    (float, 0-1); a px counts as skin above one half.
    """
    import cv2

    k = 1.6
    level = channel
    level_mask = np.asarray(mask, dtype=np.float32)
    factor = 1
    rows, cols, resp, sig, raw = [], [], [], [], []
    cached_factor = 0
    for sigma in sigmas:
        while sigma / factor > 1.3 and min(level.shape) >= 64:
            # Half of each side rounded down (area averaging); an odd side is
            # averaged over the whole of it, as the peaks found were tuned on.
            size = (level.shape[1] // 2, level.shape[0] // 2)
            level = np.asarray(cv2.resize(level, size, interpolation=cv2.INTER_AREA), np.float32)
            level_mask = np.asarray(
                cv2.resize(level_mask, size, interpolation=cv2.INTER_AREA), np.float32
            )
            factor *= 2
        s = sigma / factor
        g1 = cv2.GaussianBlur(level, (0, 0), s)
        g2 = cv2.GaussianBlur(level, (0, 0), s * k)
        dog = cv2.addWeighted(g1, 1.0 / (k - 1.0), g2, -1.0 / (k - 1.0), 0.0)
        # Local spread of the band-pass over skin only (background edges excluded).
        win = round(NOISE_WINDOW_MM * px_per_mm / factor) | 1
        if cached_factor != factor:
            on_skin = level_mask > 0.5
            m = on_skin.astype(np.float32)
            cover = np.maximum(
                cv2.boxFilter(m, -1, (win, win), borderType=cv2.BORDER_REFLECT), 1e-3
            )
            cached_factor = factor
        # The local spread: the mean absolute band-pass over skin, times sqrt(pi / 2)
        # (the standard deviation of Gaussian noise), not its RMS: a bump's own
        # energy, and that of strong neighbours (other bumps, shine, creases), would
        # inflate an RMS and hide it (a sum of squares is ruled by its largest
        # terms). In place, one buffer: large temporaries cost more than the arithmetic.
        spread = cv2.boxFilter(
            cv2.multiply(np.abs(dog), m), -1, (win, win), borderType=cv2.BORDER_REFLECT
        )
        np.divide(spread, cover, out=spread)
        np.multiply(spread, np.float32(_MEAN_ABS_TO_SD), out=spread)
        np.add(spread, np.float32(1e-3), out=spread)
        norm = np.divide(dog, spread, out=spread)
        rr, cc = local_maxima(norm, (norm > min_response) & on_skin)
        rows.append((rr + 0.5) * factor - 0.5)
        cols.append((cc + 0.5) * factor - 0.5)
        resp.append(norm[rr, cc].astype(np.float64))
        sig.append(np.full(len(rr), sigma))
        raw.append(dog[rr, cc].astype(np.float64))
    return (
        np.concatenate(rows).astype(np.float64),
        np.concatenate(cols).astype(np.float64),
        np.concatenate(resp),
        np.concatenate(sig),
        np.concatenate(raw),
    )


def suppress(
    rows: NDArray[np.float64],
    cols: NDArray[np.float64],
    radii: NDArray[np.float64],
    response: NDArray[np.float64],
) -> NDArray[np.intp]:
    """Greedy non-maximum suppression: keep the strongest of overlapping blobs.

    Blobs overlap when their centres lie closer than 1.1 x the larger radius
    + 1 px. Neighbours are looked up in a grid of cells as wide as the
    largest such reach (the 3 x 3 cells around a blob hold every blob within
    it), in numpy: a k-d tree (``scipy.spatial``) found the same blobs, but
    importing scipy cost about 0.35 s CPU per ``milia photo analyze`` call.
    """
    if len(rows) == 0:
        return np.zeros(0, dtype=np.intp)
    order = np.argsort(-response)
    reach = float(radii.max()) * 1.1 + 1.0
    cell_r = np.floor(rows / reach).astype(np.int64).tolist()
    cell_c = np.floor(cols / reach).astype(np.int64).tolist()
    members: dict[tuple[int, int], list[int]] = {}
    for k, key in enumerate(zip(cell_r, cell_c, strict=True)):
        members.setdefault(key, []).append(k)
    cells = {key: np.asarray(v, dtype=np.intp) for key, v in members.items()}
    alive = np.ones(len(rows), dtype=bool)
    kept: list[int] = []
    for i in order:
        if not alive[i]:
            continue
        kept.append(int(i))
        ci, cj = cell_r[i], cell_c[i]
        near = np.concatenate(
            [
                cells[key]
                for key in ((ci + di, cj + dj) for di in (-1, 0, 1) for dj in (-1, 0, 1))
                if key in cells
            ]
        )
        d = np.hypot(rows[near] - rows[i], cols[near] - cols[i])
        alive[near[d < np.maximum(radii[near], radii[i]) * 1.1 + 1.0]] = False
    return np.asarray(kept, dtype=np.intp)
