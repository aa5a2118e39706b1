"""LabImage: windows of the CIELAB image and its half-size copy."""

from __future__ import annotations

import numpy as np
import pytest

from milia.imaging.labimage import (
    LabImage,
    as_lab_image,
    halved,
    pixels_where,
    rows_cols_where,
)


def _lab(h: int, w: int) -> np.ndarray:
    rng = np.random.default_rng(1)
    return rng.uniform(0, 100, (h, w, 3)).astype(np.float32)


def test_windows_are_views_of_the_image() -> None:
    lab = _lab(40, 30)
    image = LabImage(lab)
    assert image.shape == (40, 30, 3)
    np.testing.assert_array_equal(image[5:17, 3:29], lab[5:17, 3:29])
    assert image.full() is lab


@pytest.mark.parametrize(("h", "w"), [(40, 30), (41, 31)])
def test_half_averages_two_by_two_blocks_on_even_sides(h: int, w: int) -> None:
    lab = _lab(h, w)
    half = LabImage(lab).half()
    assert half.shape == (h // 2, w // 2, 3) and half.dtype == np.float32
    if h % 2 == 0 and w % 2 == 0:
        blocks = lab.reshape(h // 2, 2, w // 2, 2, 3).mean(axis=(1, 3))
        np.testing.assert_allclose(half, blocks, rtol=1e-5)
    # an odd side is averaged over the whole of it: the mean is kept
    assert abs(float(half[..., 0].mean()) - float(lab[..., 0].mean())) < 0.5


def test_half_is_made_once() -> None:
    image = LabImage(_lab(32, 32))
    assert image.half() is image.half()


def test_as_lab_image_wraps_arrays_and_keeps_lab_images() -> None:
    lab = _lab(8, 8)
    image = LabImage(lab)
    assert as_lab_image(image) is image
    assert as_lab_image(lab).full() is lab


def test_halved_keeps_a_single_channel_2d() -> None:
    mask = np.zeros((10, 12), np.float32)
    mask[:, :6] = 1.0
    out = halved(mask)
    assert out.shape == (5, 6)
    np.testing.assert_allclose(out[:, :3], 1.0)
    np.testing.assert_allclose(out[:, 3:], 0.0)


@pytest.mark.parametrize("dtype", [np.uint8, np.float32])
@pytest.mark.parametrize("channels", [0, 3])
@pytest.mark.parametrize("share", [0.0, 0.3, 1.0])
def test_pixels_where_is_boolean_indexing(dtype: type, channels: int, share: float) -> None:
    rng = np.random.default_rng(channels)
    shape = (37, 23, channels) if channels else (37, 23)
    image = (rng.random(shape) * 255).astype(dtype)
    mask = rng.random((37, 23)) < share
    for img, m in ((image, mask), (image[::2, ::3], mask[::2, ::3])):  # strided views too
        out = pixels_where(img, np.ascontiguousarray(m))
        assert out.dtype == img.dtype
        np.testing.assert_array_equal(out, img[m])


def test_pixels_where_refuses_a_mask_of_another_shape() -> None:
    with pytest.raises(ValueError, match="mask of shape"):
        pixels_where(np.zeros((4, 5, 3), np.float32), np.ones((4, 4), bool))


@pytest.mark.parametrize("share", [0.0, 0.001, 0.3, 1.0])
@pytest.mark.parametrize("shape", [(1, 1), (1, 9), (9, 1), (61, 47)])
def test_rows_cols_where_is_nonzero(share: float, shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(7)
    mask = rng.random(shape) < share
    rows, cols = rows_cols_where(mask)
    want_rows, want_cols = np.nonzero(mask)
    assert np.array_equal(rows, want_rows) and np.array_equal(cols, want_cols)
    assert rows.dtype == want_rows.dtype and cols.dtype == want_cols.dtype
    big = np.ones((2 * shape[0], 2 * shape[1]), bool)
    big[::2, ::2] = mask
    strided = big[::2, ::2]  # a view, not contiguous
    got, want = rows_cols_where(strided), np.nonzero(mask)
    assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])


def test_rows_cols_where_refuses_other_than_2d() -> None:
    with pytest.raises(ValueError, match="2-D"):
        rows_cols_where(np.ones(5, bool))
