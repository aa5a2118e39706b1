"""Many tiny bright specks: glitter, a shimmer make-up, shine or sweat (QA F8-36).

Milia are 1-2 mm across (``claims.yaml``: "Milia are about 1 to 2 millimetres
across"; ``conditions.yaml``, milia). A glitter or shimmer make-up puts
hundreds of specks of 0.2-0.7 mm on the lids and cheekbones, each a small,
bright, round dome to the detector: on QA's photo and on made photos (300
specks painted on the lids and cheekbones of the benchmark faces) 78-122
of them were counted as milia-like, and on dark skin the count was called
reliable. A few findings under :data:`TINY_SPECK_MM` are usual (skin
texture, a pore's rim, a small milium measured small); many are not: from
:data:`TINY_SPECKS_UNRELIABLE` of them the tiny ones are not counted, the
photo gets the quality code ``bright specks`` and its count is not reliable.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["TINY_SPECKS_UNRELIABLE", "TINY_SPECK_MM", "specks_detail", "tiny_specks"]

#: A milia-like finding narrower than this (mm, as measured) is a tiny speck: half
#: the smallest milium's size.
TINY_SPECK_MM = 0.8
#: From this many tiny specks in a photo they are glitter or shine, not milia.
TINY_SPECKS_UNRELIABLE = 8


def tiny_specks(kinds: list[str], diameters_mm: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Which findings are tiny bright specks to leave out of the counts.

    Parameters
    ----------
    kinds : list of str
        Each finding's kind (``milia_like`` or ``inflamed``).
    diameters_mm : ndarray of float
        Each finding's diameter, mm (at the scale used to search, given,
        estimated or assumed).

    Returns
    -------
    ndarray of bool
        True for the milia-like findings under :data:`TINY_SPECK_MM` when
        there are at least :data:`TINY_SPECKS_UNRELIABLE` of them; all False
        otherwise (most photos).
    """
    d = np.asarray(diameters_mm, dtype=np.float64)
    tiny = np.array([k == "milia_like" for k in kinds], dtype=bool) & (d < TINY_SPECK_MM)
    if int(np.count_nonzero(tiny)) < TINY_SPECKS_UNRELIABLE:
        return np.zeros(len(kinds), dtype=bool)
    return tiny


def specks_detail(n: int) -> str:
    """The sentence said when ``n`` tiny specks were left out (:func:`tiny_specks`)."""
    return (
        f"{n} tiny bright specks (under {TINY_SPECK_MM:g} mm; milia are 1-2 mm) were not "
        "counted: so many look like glitter or shimmer make-up, shine or sweat, and milia "
        "among them cannot be told apart. Retake the photo of clean, dry skin, without "
        "make-up and without flash."
    )
