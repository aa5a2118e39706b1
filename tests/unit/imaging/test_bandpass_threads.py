"""The light band-pass split between two threads finds the peaks one call finds, bit for bit."""

from __future__ import annotations

import threading

import cv2
import numpy as np
import pytest

from milia.imaging import bandpass, bandpass_threads
from milia.imaging.bandpass import band_pass_peaks, scales
from milia.imaging.bandpass_threads import band_pass_peaks_split


@pytest.mark.parametrize("shape", [(70, 66), (300, 200), (640, 720)])
@pytest.mark.parametrize("px_per_mm", [3.5, 7.0, 8.0])
@pytest.mark.parametrize("float_mask", [False, True])
def test_split_equals_one_call(shape: tuple[int, int], px_per_mm: float, float_mask: bool) -> None:
    rng = np.random.default_rng(shape[0] * 10 + int(px_per_mm))
    chan = np.asarray(cv2.GaussianBlur(rng.normal(0, 3, shape).astype(np.float32), (0, 0), 1.0))
    skin = rng.random(shape) > 0.1
    mask = skin.astype(np.float32) * 0.8 if float_mask else skin
    sigmas = scales((0.25, 1.75), px_per_mm)
    assert len(sigmas) > 2  # the pyramid has levels of several sizes
    one = band_pass_peaks(chan, mask, sigmas, px_per_mm, min_response=2.0)
    split = band_pass_peaks_split(chan, mask, sigmas, px_per_mm, min_response=2.0)
    assert len(one[0]) > 0
    for a, b in zip(one, split, strict=True):
        assert a.dtype == b.dtype
        np.testing.assert_array_equal(a, b)


def test_the_coarser_scales_run_on_the_background_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, str]] = []
    real = bandpass.band_pass_peaks

    def spy(*args: object, **kwargs: object) -> object:
        seen.append((len(args[2]), threading.current_thread().name))  # type: ignore[arg-type]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(bandpass_threads, "band_pass_peaks", spy)
    chan = np.zeros((128, 128), np.float32)
    band_pass_peaks_split(chan, np.ones((128, 128), bool), [1.0, 1.6, 2.6], 7.0, min_response=4.0)
    thread_of = dict(seen)  # number of scales searched -> the thread that searched them
    assert len(seen) == 2
    assert thread_of[1] == threading.current_thread().name  # the finest
    assert thread_of[2] != threading.current_thread().name  # the coarser two


def test_one_scale_is_one_call() -> None:
    chan = np.zeros((64, 64), np.float32)
    out = band_pass_peaks_split(chan, np.ones((64, 64), bool), [1.0], 7.0, min_response=4.0)
    assert all(len(v) == 0 for v in out)
