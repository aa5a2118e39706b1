"""The photo-quality check ``colour cast``: light that has tinted the whole photo.

:func:`milia.imaging.quality.assess_quality` calls :func:`colour_cast` with
the skin's colour model. Two kinds of cast are told:

- the skin's CIELAB hue angle (atan2(b*, a*)) outside the range of skin lit
  by daylight-like light (``skin_hue_deg``): a shade, screen or LED light
  turns it bluish or pinkish, a green cast yellow-green (QA F7-33: a bluish
  cast, skin hue 29 degrees, missed 7 of 12 milia and was called reliable);
- a warm (tungsten) cast, which keeps the hue inside that range and only makes
  the skin yellower: its b* above the largest b* of daylight skin of that
  lightness (``max_b``; melanin makes skin darker and yellower, a lamp only
  yellower).

The warm limit (``QualityLimits.warm_b_at_60``, ``warm_b_slope``): a
tungsten-like cast (linear R x1.2, B x0.72) raised the benchmark skin's b*
from 12.7-19.7 to 26.4-29.2 at unchanged L* and lost 3-4 of 10-12 milia on
very light to intermediate skin, its hue staying at 56-58 degrees; the limit
lies above every skin of the synthetic benchmark (b* at most 20) and of
``bench/photo_variations.py`` (the yellowest measured b* 25.0 at L* 60, 1.0
under it) and below those casts. White balance is not corrected; the
sentence says so.
"""

from __future__ import annotations

import math

__all__ = ["colour_cast"]


def colour_cast(
    a: float,
    b: float,
    *,
    hue_range: tuple[float, float],
    max_b: float,
) -> tuple[float, str | None]:
    """The skin's hue angle, degrees, and the ``colour cast`` sentence (None: no cast).

    Parameters
    ----------
    a, b : float
        The skin's median CIELAB a* and b*.
    hue_range : tuple of float
        Hue angles of daylight skin, degrees (low, high).
    max_b : float
        Largest b* of daylight skin of this skin's lightness; above it, a warm cast.

    Returns
    -------
    hue : float
        atan2(b*, a*), degrees.
    detail : str or None
        What was measured and what to do; None when the colours are those of
        daylight skin.

    Examples
    --------
    >>> hue, detail = colour_cast(10.0, 15.0, hue_range=(32.0, 72.0), max_b=26.0)
    >>> round(hue), detail is None
    (56, True)
    """
    hue = math.degrees(math.atan2(b, a))
    low, high = hue_range
    if low <= hue <= high and b <= max_b:
        return hue, None
    if hue < low:
        tint = f"bluish or pinkish (hue {hue:.0f} degrees, daylight skin {low:.0f}-{high:.0f})"
    elif hue > high:
        tint = f"yellow or greenish (hue {hue:.0f} degrees, daylight skin {low:.0f}-{high:.0f})"
    else:
        tint = (
            f"orange, as under indoor lamp light (yellowness b* {b:.0f}, daylight "
            f"skin this light up to about {max_b:.0f})"
        )
    detail = (
        f"The light has tinted the photo (a colour cast): the skin looks {tint}. This "
        "changes the colours that tell milia from other spots, so the count may miss "
        "milia. "
        "Retake it in daylight, near a window, without a lamp on; the photo's "
        "colours were not corrected."
    )
    return hue, detail
