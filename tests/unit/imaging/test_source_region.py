"""The working copy made exactly only around the skin (source.resize_region, working._exact)."""

from __future__ import annotations

import weakref

import numpy as np
import pytest

from milia.imaging import working
from milia.imaging.source import Source, resize, resize_region


def _photo(height: int = 900, width: int = 1200) -> np.ndarray:
    import cv2

    rng = np.random.default_rng(3)
    rgb = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
    return np.asarray(cv2.GaussianBlur(rgb, (0, 0), 1.5), np.uint8)


@pytest.mark.parametrize("box", [(100, 400, 250, 700), (0, 662, 0, 882), (500, 662, 600, 882)])
def test_region_is_the_area_mean_of_the_whole(box: tuple[int, int, int, int]) -> None:
    rgb = _photo()
    width, height = 882, 662  # a fractional factor (1.36), as 9.52 -> 7 px/mm
    whole = resize(rgb, width, height)
    part, exact = resize_region(rgb, width, height, box)
    assert part.shape == whole.shape
    r0, r1, c0, c1 = exact
    assert r0 <= box[0] and c0 <= box[2] and r1 == box[1] and c1 == box[3]
    diff = np.abs(part[r0:r1, c0:c1].astype(int) - whole[r0:r1, c0:c1])
    assert diff.max() <= 1
    # (its start is within a few thousandths of a source px of the whole's phase: on this
    # strongly textured noise 3.6 % of the values round the other way)
    assert np.count_nonzero(diff) <= 0.05 * diff.size
    # Outside the region it is only an approximation (bilinear), not the area mean.
    if exact != (0, height, 0, width):
        outside = np.ones((height, width), bool)
        outside[r0:r1, c0:c1] = False
        assert np.count_nonzero(part[outside] != whole[outside]) > 0.1 * part[outside].size


def test_search_reads_exact_pixels_beyond_the_region() -> None:
    rgb = _photo()
    src = Source(rgb, 10**8)
    part, exact = src.at_region(882, 662, lambda: (100, 300, 100, 300))
    assert exact != (0, 662, 0, 882)
    key = id(part)
    working._PARTIAL[key] = (
        weakref.ref(part),
        exact,
        lambda: src.at(882, 662),
    )
    try:
        whole = src.at(882, 662)
        inside = working._exact(part, 150, 250, 150, 250)
        assert inside.base is part or np.shares_memory(inside, part)
        beyond = working._exact(part, 400, 600, 400, 800)
        np.testing.assert_array_equal(beyond, whole[400:600, 400:800])
        assert not np.array_equal(part[400:600, 400:800], whole[400:600, 400:800])
    finally:
        working._PARTIAL.pop(key, None)


def _no_region() -> tuple[int, int, int, int]:
    raise AssertionError("the region is asked for only when a fractional resize is made")


def test_no_region_when_the_decode_is_used_as_it_is() -> None:
    rgb = _photo()
    src = Source(rgb, 10**8)
    # 1200 px wide is within 9.5 / 7 of 1000: used as it is, wholly exact.
    image, exact = src.at_region(1000, 750, _no_region, accept_up_to=9.5 / 7)
    assert exact == (0, 750, 0, 1000)
    assert image.shape[:2] == (900, 1200)


def test_a_region_of_most_of_the_image_is_made_whole() -> None:
    src = Source(_photo(), 10**8)
    image, exact = src.at_region(882, 662, lambda: (10, 650, 10, 870))
    assert exact == (0, 662, 0, 882)
    np.testing.assert_array_equal(image, src.at(882, 662))
