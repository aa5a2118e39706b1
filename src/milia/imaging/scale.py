"""Photo scale (mm per px): given by the user, or estimated from the face.

Estimates use population means, so they carry the spread of adult faces plus
the error of the detector's boxes; the relative uncertainty is reported with
the scale and sizes from an estimated scale are approximate.

- ``eye``: distance between the two detected eye centres, taken as the adult
  interpupillary distance, mean about 63 mm (SD about 3.5-4 mm; Dodgson 2004,
  Proc. SPIE 5291). Haar eye boxes centre on the eye within about a tenth of
  the distance, so the total relative uncertainty is set to 12 %.
- ``face``: width of the Haar/LBP face box, which spans roughly cheek to
  cheek inside the bizygomatic breadth (about 140 mm in adults); the box
  width is taken as 135 mm, with 20 % relative uncertainty (team estimate,
  measured on the benchmark faces as about 2.1 interpupillary distances).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from milia.errors import ImageError
from milia.imaging.face import Face

__all__ = ["EYE_DISTANCE_MM", "FACE_BOX_WIDTH_MM", "Scale", "estimate_scale"]

EYE_DISTANCE_MM = 63.0
EYE_UNCERTAINTY = 0.12
FACE_BOX_WIDTH_MM = 135.0
FACE_UNCERTAINTY = 0.20
#: Eye distance / face-box width must fall in this range for the eyes to be trusted.
_EYE_RATIO = (0.33, 0.62)


@dataclass(frozen=True)
class Scale:
    """Scale of a photo.

    Attributes
    ----------
    mm_per_pixel : float or None
        None when unknown.
    source : {"given", "eye", "face", "none"}
    relative_uncertainty : float or None
        About one standard deviation, as a fraction (0.12 = 12 %).
    """

    mm_per_pixel: float | None
    source: str
    relative_uncertainty: float | None


def validate_mm_per_pixel(value: object) -> float | None:
    """Check a user-given scale; return it as float (or None)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ImageError(
            f"mm_per_pixel must be a number (mm per px), not {type(value).__name__}",
            field="mm_per_pixel",
        )
    v = float(value)
    if not math.isfinite(v) or not (1e-4 <= v <= 10.0):
        raise ImageError(
            f"mm_per_pixel must be between 0.0001 and 10 mm/px (a phone close-up is about "
            f"0.02-0.2); got {value}",
            field="mm_per_pixel",
        )
    return v


def estimate_scale(face: Face | None, *, mm_per_pixel: float | None = None) -> Scale:
    """Scale of the photo from the user's value, the eyes, or the face box.

    Parameters
    ----------
    face : Face or None
        The face in full-image px.
    mm_per_pixel : float, optional
        The user's value; wins when given.
    """
    if mm_per_pixel is not None:
        return Scale(mm_per_pixel, "given", 0.0)
    if face is None:
        return Scale(None, "none", None)
    eye_px = face.eye_distance()
    if eye_px is not None and _EYE_RATIO[0] <= eye_px / face.width <= _EYE_RATIO[1]:
        return Scale(EYE_DISTANCE_MM / eye_px, "eye", EYE_UNCERTAINTY)
    return Scale(FACE_BOX_WIDTH_MM / face.width, "face", FACE_UNCERTAINTY)
