"""The independent check's generator paints bumps on skin only (not on lips, teeth or eyes)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))

import photo_variations as pv


def _native(name: str, row: float, col: float, ppm: float) -> tuple[float, float]:
    """A bump's place (rows, cols of the made photo) on the native background, px."""
    (r0, r1), (c0, c1) = pv.CROPS[name]
    er, ec, _, _ = pv.FACE_ELLIPSE[name]
    f = ppm / pv.NATIVE_PPM[name]
    keep = math.sqrt(pv.MAX_PIXELS / ((r1 - r0) * (c1 - c0) * f * f))
    if keep < 1.0:
        r0 = max(r0, round(er - (r1 - r0) * keep / 2))
        c0 = max(c0, round(ec - (c1 - c0) * keep / 2))
    return r0 + row / f, c0 + col / f


def test_places_inside_the_mouth_and_the_eyes_are_refused() -> None:
    for name, parts in pv.NOT_SKIN.items():
        centres = np.array([[round(r), round(c)] for r, c, _, _ in parts])
        assert not pv._on_skin(name, centres, (0, 0), 1.0).any()
        cheek = np.array([[round(parts[0][0] - 25), round(parts[0][1] - 30)]])
        assert pv._on_skin(name, cheek, (0, 0), 1.0).all()


def test_no_milium_is_painted_on_the_astronauts_mouth() -> None:
    """Seed 9000 (brown, 5000-series) painted a milium on her teeth (0.22 mouth radii)."""
    v = pv.make_variation("astronaut", "brown", seed=9000)
    mr, mc, ar, ac = pv.NOT_SKIN["astronaut"][0]
    ppm = v.settings["px_per_mm"]
    for t in v.truth:
        r, c = _native("astronaut", t["row"], t["col"], ppm)
        assert math.hypot((r - mr) / ar, (c - mc) / ac) > 1.0
