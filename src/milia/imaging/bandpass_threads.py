"""A band-pass search split between the calling thread and the background thread.

:func:`~milia.imaging.bandpass.band_pass_peaks` finds each scale's peaks on
its own pyramid level (the channel halved until the scale's sigma is at most
1.3 px), and no scale reads another's: the peaks of ``sigmas[:1]`` followed
by those of ``sigmas[1:]`` are the peaks of ``sigmas``, bit for bit and in
the same order (the second call makes the same halvings from the same
channel). The coarser scales are searched on the background thread
(:mod:`milia.imaging.background`; OpenCV and numpy release the GIL) while the
calling thread searches the finest, on the largest level: by then the
background thread has the photo-quality report and the a* and colour-loss
searches behind it or still queued, so this split keeps the two threads' shares
nearer than the other way round (CPU per analysis on the face in a quarter of
the frame: finest 6 | 19 ms, the coarser ones 11 | 11 ms, scale given | from
the face).
"""

from __future__ import annotations

from functools import partial

import numpy as np
from numpy.typing import NDArray

from milia.imaging.background import submit
from milia.imaging.bandpass import band_pass_peaks

__all__ = ["band_pass_peaks_split"]

_Peaks = tuple[
    NDArray[np.float64],
    NDArray[np.float64],
    NDArray[np.float64],
    NDArray[np.float64],
    NDArray[np.float64],
]


def band_pass_peaks_split(
    channel: NDArray[np.float32],
    mask: NDArray[np.bool_] | NDArray[np.float32],
    sigmas: list[float],
    px_per_mm: float,
    *,
    min_response: float,
) -> _Peaks:
    """:func:`~milia.imaging.bandpass.band_pass_peaks`, its coarser scales on the background thread.

    Parameters
    ----------
    channel, mask, sigmas, px_per_mm, min_response
        As for :func:`~milia.imaging.bandpass.band_pass_peaks`.

    Returns
    -------
    tuple of ndarray
        Rows, columns, noise-normalised response, sigma and raw band-pass of
        the peaks, exactly as one call with all of ``sigmas`` returns them.
    """
    if len(sigmas) < 2:
        return band_pass_peaks(channel, mask, sigmas, px_per_mm, min_response=min_response)
    coarser_soon = submit(
        partial(band_pass_peaks, channel, mask, sigmas[1:], px_per_mm, min_response=min_response)
    )
    finest = band_pass_peaks(channel, mask, sigmas[:1], px_per_mm, min_response=min_response)
    coarser = coarser_soon.result()
    rows, cols, resp, sig, raw = (
        np.concatenate([a, b]) for a, b in zip(finest, coarser, strict=True)
    )
    return rows, cols, resp, sig, raw
