"""Glitter make-up is not counted as milia (QA F8-36).

A shimmer or glitter make-up puts hundreds of specks of 0.2-0.7 mm on the lids
and cheekbones; each looked like a small milium (78-122 counted on the benchmark
faces) and on dark skin the count was called reliable.
"""

from __future__ import annotations

import io
from functools import cache

import numpy as np
from PIL import Image

from milia.imaging.analyze import analyze_photo
from milia.imaging.specks import TINY_SPECK_MM, TINY_SPECKS_UNRELIABLE, tiny_specks
from milia.imaging.synth import SyntheticPhoto, make_photo


@cache
def plain() -> SyntheticPhoto:
    return make_photo(
        "astronaut", ita_group="dark", n_milia=0, n_inflamed=0, n_distractors=0, seed=7
    )


def with_glitter(p: SyntheticPhoto, n: int = 300) -> bytes:
    """``n`` white or tinted specks of 0.15-0.7 mm around the eyes and on the cheekbones."""
    rng = np.random.default_rng(0)
    ppm = 1.0 / p.mm_per_pixel
    out = p.rgb.astype(np.float32)
    # the benchmark astronaut's eyes at this scale (make_photo's default 9 px/mm)
    eyes = ((850.0, 670.0), (880.0, 1225.0))
    tints = np.array([[255, 255, 255], [255, 215, 120], [220, 235, 255], [255, 190, 230]])
    for _ in range(n):
        er, ec = eyes[rng.integers(2)]
        r, c = er + rng.uniform(-110, 200), ec + rng.uniform(-130, 130)
        d = rng.uniform(0.15, 0.7) * ppm
        half = int(d) + 3
        r0, c0 = int(r) - half, int(c) - half
        yy, xx = np.mgrid[r0 : r0 + 2 * half + 1, c0 : c0 + 2 * half + 1]
        disc = np.clip(d / 2 - np.hypot(yy - r, xx - c) + 0.5, 0.0, 1.0)[..., None]
        k = rng.uniform(0.6, 1.0)
        tint = tints[rng.integers(len(tints))]
        patch = out[r0 : r0 + 2 * half + 1, c0 : c0 + 2 * half + 1]
        patch[:] = patch * (1 - k * disc) + tint * k * disc
    buffer = io.BytesIO()
    Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def test_a_few_tiny_findings_are_kept_many_are_specks() -> None:
    kinds = ["milia_like"] * (TINY_SPECKS_UNRELIABLE - 1) + ["inflamed", "milia_like"]
    d = np.array([0.5] * (TINY_SPECKS_UNRELIABLE - 1) + [0.5, 1.5])
    assert not tiny_specks(kinds, d).any()  # a few tiny ones: counted as before
    kinds.append("milia_like")
    d = np.append(d, TINY_SPECK_MM - 0.05)
    dropped = tiny_specks(kinds, d)
    assert int(dropped.sum()) == TINY_SPECKS_UNRELIABLE
    assert not dropped[TINY_SPECKS_UNRELIABLE - 1]  # an inflamed one stays
    assert not dropped[TINY_SPECKS_UNRELIABLE]  # a 1.5 mm milium stays


def test_glitter_is_not_counted_and_the_count_is_not_reliable() -> None:
    p = plain()
    before = analyze_photo(p.jpeg, mm_per_pixel=p.mm_per_pixel)
    assert "bright specks" not in before["quality"]
    result = analyze_photo(with_glitter(p), mm_per_pixel=p.mm_per_pixel)
    # before: 107 milia-like, counts_reliable true
    assert result["counts"]["milia_like"] <= before["counts"]["milia_like"] + 1
    assert "bright specks" in result["quality"]
    assert result["counts_reliable"] is False
    assert any("tiny bright specks" in d for d in result["quality_details"])
