"""Shapes composited into the synthetic benchmark photos (:mod:`milia.imaging.synth`).

Each shape is an opacity map (an ``alpha(rs, re, cs, ce)`` function of a
window's row and column bounds) painted into a CIELAB image with
:func:`paint`, as a colour blended in or a shift added:

- :func:`dome`: a milium, with one of :data:`MILIA_PROFILES`, whose half-peak
  contour (its visible edge, the size convention) lies at the given radius;
- :func:`disc`: a soft disc (papules, pustule heads, freckles, pores);
- :func:`ellipse`: an elongated soft ellipse (specular highlights).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["MILIA_PROFILES", "disc", "dome", "ellipse", "paint", "paint_milium"]

#: Dome profiles of synthetic milia (see :func:`dome`).
MILIA_PROFILES = ("logistic", "cosine", "gaussian")


def _profile(d: NDArray[np.float64], radius: float, softness: float) -> NDArray[np.float64]:
    """Soft disc of the given radius (px) with edge width softness*radius."""
    return 1.0 / (1.0 + np.exp((d - radius) / max(softness * radius, 0.3)))


def paint(
    lab: NDArray[np.float32],
    row: float,
    col: float,
    alpha: Callable[[int, int, int, int], NDArray[np.float64]],
    target: tuple[float, float, float] | None = None,
    delta: tuple[float, float, float] | None = None,
    *,
    half: int,
) -> None:
    """Blend a colour (target) or add a shift (delta), weighted by alpha, in place."""
    h, w = lab.shape[:2]
    rs, re = max(0, int(row) - half), min(h, int(row) + half + 1)
    cs, ce = max(0, int(col) - half), min(w, int(col) + half + 1)
    a = alpha(rs, re, cs, ce)[..., None].astype(np.float32)
    patch = lab[rs:re, cs:ce]
    if target is not None:
        patch += a * (np.asarray(target, np.float32) - patch)
    if delta is not None:
        patch += a * np.asarray(delta, np.float32)


def disc(row: float, col: float, radius: float, softness: float, dome: float = 0.0) -> Any:
    """A soft round bump's opacity, for :func:`paint`.

    Parameters
    ----------
    row, col : float
        Centre, in px.
    radius : float
        Radius, in px.
    softness : float
        Edge width as a share of the radius.
    dome : float, optional
        How much the opacity falls from the centre to the edge (0: flat top).

    Returns
    -------
    callable
        ``alpha(rs, re, cs, ce)``: the opacity (0-1) over rows ``rs:re`` and columns ``cs:ce``.
    """

    def alpha(rs: int, re: int, cs: int, ce: int) -> NDArray[np.float64]:
        rr, cc = np.mgrid[rs:re, cs:ce]
        d = np.hypot(rr - row, cc - col)
        prof = _profile(d, radius, softness)
        if dome:
            prof = prof * (1.0 - dome * np.clip(d / radius, 0, 1) ** 2)
        return prof

    return alpha


def dome(row: float, col: float, radius: float, profile: str, shape: float) -> Any:
    """Opacity (peak 1) of a milium dome whose half-peak contour has the given radius (px).

    ``logistic``: a soft disc (edge width ``shape`` x radius), slightly domed;
    ``cosine``: a raised cosine over twice the radius, raised to the power
    ``shape`` (flatter or more peaked) and rescaled so that half the peak
    still lies at the radius; ``gaussian``: exp(-ln 2 (d / radius)^2).
    """
    if profile not in MILIA_PROFILES:
        raise ValueError(f"profile must be one of {MILIA_PROFILES}, not {profile!r}")

    def alpha(rs: int, re: int, cs: int, ce: int) -> NDArray[np.float64]:
        rr, cc = np.mgrid[rs:re, cs:ce]
        x = np.hypot(rr - row, cc - col) / max(radius, 0.5)
        if profile == "logistic":
            # Edge centred just outside the radius so that, with the dome's fall
            # to 0.7 at the radius, half the peak lies at the radius.
            edge = 1.0 + shape * float(np.log(1.0 / 0.4))
            prof = 1.0 / (1.0 + np.exp((x - edge) / shape)) * (1.0 - 0.3 * np.clip(x, 0, 1) ** 2)
            prof0 = 1.0 / (1.0 + np.exp(-edge / shape))
        elif profile == "cosine":
            # Support edge u = 1 where (0.5 + 0.5 cos(pi u))^shape = 0.5 at x = 1.
            u_half = float(np.arccos(2.0 * 0.5 ** (1.0 / shape) - 1.0) / np.pi)
            u = np.clip(x * u_half, 0.0, 1.0)
            prof = (0.5 + 0.5 * np.cos(np.pi * u)) ** shape
            prof0 = 1.0
        else:
            prof = np.exp(-np.log(2.0) * x * x)
            prof0 = 1.0
        return np.asarray(prof / prof0, dtype=np.float64)

    return alpha


def ellipse(row: float, col: float, a: float, b: float, theta: float) -> Any:
    """A soft elongated shape's opacity (a specular highlight), for :func:`paint`.

    Parameters
    ----------
    row, col : float
        Centre, in px.
    a, b : float
        Semi-axes, in px.
    theta : float
        Rotation of the ``a`` axis, in radians.

    Returns
    -------
    callable
        ``alpha(rs, re, cs, ce)``: the opacity (0-1) over rows ``rs:re`` and columns ``cs:ce``.
    """

    def alpha(rs: int, re: int, cs: int, ce: int) -> NDArray[np.float64]:
        rr, cc = np.mgrid[rs:re, cs:ce]
        y, x = rr - row, cc - col
        u = x * np.cos(theta) + y * np.sin(theta)
        v = -x * np.sin(theta) + y * np.cos(theta)
        d = np.sqrt((u / a) ** 2 + (v / b) ** 2)
        return np.asarray(1.0 / (1.0 + np.exp((d - 1.0) / 0.15)), dtype=np.float64)

    return alpha


def paint_milium(
    lab: NDArray[np.float32],
    pos: tuple[float, float],
    d: float,
    rng: np.random.Generator,
    profiles: tuple[str, ...],
    px_per_mm: float,
) -> dict[str, Any]:
    """Paint one milium of diameter ``d`` mm at ``pos`` (px) into ``lab``; its ground truth."""
    h, w = lab.shape[:2]
    rad = d / 2 * px_per_mm
    # White to yellow (a keratin cyst under a thin epidermis), opacity varying. b* from
    # 4 (white, the independent check's white end) to 26: up to photo-1.8 it was 10-26,
    # so the benchmark never showed a white milium (QA F8-10). One draw as before, so
    # every other draw (places, sizes, profiles) is unchanged.
    target = (rng.uniform(86, 96), rng.uniform(0, 8), rng.uniform(4, 26))
    alpha0 = rng.uniform(0.5, 0.9)
    profile = str(profiles[int(rng.integers(len(profiles)))])
    shape = {"logistic": rng.uniform(0.1, 0.25), "cosine": rng.uniform(0.6, 1.2)}.get(profile, 1.0)
    opacity = dome(*pos, rad, profile, shape)
    rc, cc_ = min(int(pos[0]), h - 1), min(int(pos[1]), w - 1)
    before = lab[rc, cc_].copy()
    paint(lab, *pos, lambda *a, o=opacity, k=alpha0: k * o(*a), target, half=int(rad * 2.6) + 3)
    return {
        "kind": "milia_like",
        "row": pos[0],
        "col": pos[1],
        "diameter_mm": d,
        "profile": profile,
        # colour change at the centre (CIE76 Delta E), before the JPEG: how visible it is
        "delta_e": float(np.linalg.norm(lab[rc, cc_] - before)),
    }
