"""Photo scale (mm per px): given by the user, or estimated from the face.

Estimates use population means, so they carry the spread of adult faces plus
the error of the detector's boxes; the relative uncertainty is reported with
the scale and sizes from an estimated scale are approximate.

The sizes, their uncertainties and their sources are data, in
``kb/data/model/imaging_scale.yaml``:

- ``eye``: distance between the two detected eye centres, taken as the adult
  interpupillary distance, mean about 63 mm (Dodgson 2004, Proc. SPIE 5291,
  ``dodgson2004``), 12 % relative uncertainty (population spread plus the eye
  boxes' error; team estimate).
- ``face``: width of the Haar/LBP face box, which spans roughly cheek to
  cheek inside the bizygomatic breadth (about 140 mm in adults); taken as
  135 mm with 20 % relative uncertainty (team estimate, measured on the
  benchmark faces as about 2.1 interpupillary distances).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from milia.errors import ImageError, KnowledgeBaseError
from milia.imaging.face import Face
from milia.kb.loader import read_yaml

__all__ = [
    "EYE_DISTANCE_MM",
    "EYE_UNCERTAINTY",
    "FACE_BOX_WIDTH_MM",
    "FACE_UNCERTAINTY",
    "SCALE_DATA",
    "Scale",
    "estimate_scale",
]

#: The knowledge-base file holding the sizes used for the scale.
SCALE_DATA = "model/imaging_scale.yaml"


def _parameters() -> dict[str, dict[str, Any]]:
    data = read_yaml(SCALE_DATA)
    try:
        params = {str(p["id"]): p for p in data["parameters"]}
        for pid in ("interpupillary_distance", "face_box_width", "eye_to_face_ratio"):
            if pid not in params:
                raise KeyError(pid)
    except (KeyError, TypeError) as err:
        raise KnowledgeBaseError(f"{SCALE_DATA} lacks parameter {err}") from None
    return params


_PARAMS = _parameters()
#: Adult interpupillary distance, mm.
EYE_DISTANCE_MM = float(_PARAMS["interpupillary_distance"]["value_mm"])
#: Relative uncertainty (about 1 SD) of a scale from the eyes.
EYE_UNCERTAINTY = float(_PARAMS["interpupillary_distance"]["relative_uncertainty"])
#: Width of the detector's face box on an adult face, mm.
FACE_BOX_WIDTH_MM = float(_PARAMS["face_box_width"]["value_mm"])
#: Relative uncertainty (about 1 SD) of a scale from the face box.
FACE_UNCERTAINTY = float(_PARAMS["face_box_width"]["relative_uncertainty"])
#: Eye distance / face-box width must fall in this range for the eyes to be trusted.
_EYE_RATIO = (
    float(_PARAMS["eye_to_face_ratio"]["min"]),
    float(_PARAMS["eye_to_face_ratio"]["max"]),
)


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


#: A given scale more than this many times finer or coarser than the face's own
#: estimate is doubted (QA F6-11: 0.05 mm/px given where the eyes said 0.35, a
#: face 20 mm wide, counted 0 milia as a clean result). The face's estimate is
#: within 12-20 % (one SD) on adults, and a baby's face is about 2/3 an adult's.
MAX_GIVEN_TO_FACE_FACTOR = 2.0


def given_versus_face(given: float, face: Face) -> tuple[float, Scale] | None:
    """The given scale over the face's estimate, when they differ by more than
    :data:`MAX_GIVEN_TO_FACE_FACTOR` either way: ``(factor, estimate)``; else None.

    Parameters
    ----------
    given : float
        The user's scale, mm per px.
    face : Face
        The face found, in photo px.
    """
    estimate = estimate_scale(face)
    if estimate.mm_per_pixel is None:
        return None
    factor = given / estimate.mm_per_pixel
    if 1.0 / MAX_GIVEN_TO_FACE_FACTOR <= factor <= MAX_GIVEN_TO_FACE_FACTOR:
        return None
    return factor, estimate
