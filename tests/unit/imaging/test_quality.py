"""Photo quality measures (milia.imaging.quality): each warning fires on the defect it names."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from milia.imaging.quality import LIMITS, QualityLimits, assess_quality
from milia.imaging.skin import skin_mask_rgb

PPM = 7.0


def skin_patch(rgb: tuple[int, int, int], *, seed: int = 0, size: int = 400) -> np.ndarray:
    """A patch of skin of one colour with a natural (1/f) texture, and a bright corner.

    Natural images, skin included, have an amplitude spectrum close to 1/f:
    detail at every scale, from pores to mottling; a camera adds grain. The 20 x 20 px corner at
    full scale stands for whatever is bright in a well exposed photo.
    """
    rng = np.random.default_rng(seed)
    freq = np.fft.fftfreq(size)
    radius = np.hypot(*np.meshgrid(freq, freq))
    radius[0, 0] = 1.0
    spectrum = (rng.standard_normal((size, size)) + 1j * rng.standard_normal((size, size))) / radius
    spectrum[0, 0] = 0.0
    lum = np.real(np.fft.ifft2(spectrum))
    lum /= lum.std()
    out = np.asarray(rgb, np.float64) * (1.0 + 0.03 * lum[..., None])
    out += rng.normal(0.0, 1.0, out.shape)  # a camera's grain, one 8-bit level per channel
    patch = np.clip(out, 0, 255).astype(np.uint8)
    patch[:20, :20] = 250
    return patch


def report_of(rgb: np.ndarray, *, px_per_mm: float = PPM, limits: QualityLimits = LIMITS):
    mask, model = skin_mask_rgb(rgb, face=None, px_per_mm=px_per_mm)
    return assess_quality(rgb, mask, model, px_per_mm=px_per_mm, limits=limits)


LIGHT = (224, 178, 150)
DARK = (96, 62, 44)


@pytest.mark.parametrize("colour", [LIGHT, DARK], ids=["light", "dark"])
def test_sharp_well_exposed_skin_has_no_warning(colour: tuple[int, int, int]) -> None:
    rgb = skin_patch(colour)
    report = report_of(rgb)
    assert report.warnings == ()
    assert report.reliable
    assert report.measures["fine_detail"] is not None
    assert report.measures["fine_detail"] > LIMITS.min_fine_detail


@pytest.mark.parametrize("colour", [LIGHT, DARK], ids=["light", "dark"])
def test_blur_of_half_a_milium_is_blurred(colour: tuple[int, int, int]) -> None:
    rgb = skin_patch(colour)
    assert "blurred" not in report_of(cv2.GaussianBlur(rgb, (0, 0), 0.1 * PPM)).warnings
    blurred = cv2.GaussianBlur(rgb, (0, 0), 0.5 * PPM)
    report = report_of(blurred)
    assert "blurred" in report.warnings and not report.reliable
    # heavier blur stays blurred (the measure must not turn back up)
    assert "blurred" in report_of(cv2.GaussianBlur(rgb, (0, 0), 1.5 * PPM)).warnings


def test_underexposed_photo_is_too_dark_but_dark_skin_is_not() -> None:
    light = skin_patch(LIGHT)
    under = (light.astype(np.float32) * 0.4).astype(np.uint8)  # skin then about as dark as DARK
    assert "too dark" in report_of(under).warnings
    dark_skin = skin_patch(DARK)
    assert "too dark" not in report_of(dark_skin).warnings


def test_overexposed_skin_is_too_bright() -> None:
    rgb = skin_patch(LIGHT)
    over = np.clip(rgb.astype(np.float32) * 1.6, 0, 255).astype(np.uint8)
    report = report_of(over)
    assert "too bright" in report.warnings and not report.reliable
    assert report.measures["clipped_share"] is not None
    assert report.measures["clipped_share"] > LIMITS.max_clipped_share


@pytest.mark.parametrize("colour", [LIGHT, DARK], ids=["light", "dark"])
def test_sensor_noise_is_too_noisy(colour: tuple[int, int, int]) -> None:
    rgb = skin_patch(colour)
    noisy = np.clip(rgb + np.random.default_rng(1).normal(0, 30, rgb.shape), 0, 255)
    report = report_of(noisy.astype(np.uint8))
    assert "too noisy" in report.warnings
    assert report.measures["noise_l"] is not None and report.measures["max_noise_l"] is not None
    assert report.measures["noise_l"] > report.measures["max_noise_l"]


def test_noise_limit_is_relative_to_the_skin() -> None:
    # a white bump stands out more on darker skin, so darker skin tolerates more noise
    assert LIMITS.max_noise_l(35.0) > LIMITS.max_noise_l(70.0) > 0


def test_too_few_px_per_milium_is_too_small() -> None:
    rgb = skin_patch(LIGHT)
    assert "too small" in report_of(rgb, px_per_mm=2.0).warnings
    assert "too small" not in report_of(rgb, px_per_mm=3.0).warnings
    stricter = QualityLimits(milium_mm=0.5)  # counting 0.5 mm milia needs twice the px/mm
    assert "too small" in report_of(rgb, px_per_mm=3.0, limits=stricter).warnings


def test_no_skin_judges_exposure_only() -> None:
    black = np.full((200, 200, 3), 8, np.uint8)
    report = assess_quality(black, np.zeros((200, 200), bool), None, px_per_mm=PPM)
    assert report.warnings == ("too dark",)
    assert report.measures["fine_detail"] is None and report.measures["noise_l"] is None


@pytest.mark.parametrize("colour", [(67, 43, 31), (58, 37, 27)], ids=["L*20", "L*17"])
def test_very_dark_skin_well_exposed_is_not_too_dark(colour: tuple[int, int, int]) -> None:
    # QA F4-63: skin at L* 17-22 with bright parts in the photo is not an underexposed photo
    report = report_of(skin_patch(colour))
    assert report.measures["skin_lightness"] is not None
    assert report.measures["skin_lightness"] < 22.0
    assert "too dark" not in report.warnings
    under = (skin_patch(colour).astype(np.float32) * 0.4).astype(np.uint8)
    assert "too dark" in report_of(under).warnings
