"""Find, count and measure milia-like bumps in a photo (contract version 1).

The pipeline: open safely (:mod:`~milia.imaging.io`), find the face and eyes
on a small copy (:mod:`~milia.imaging.face`), set the scale
(:mod:`~milia.imaging.scale`), decode a working copy at about 7 px/mm (JPEGs
are decoded directly at a reduced size), build a skin mask
(:mod:`~milia.imaging.skin`), find bumps by band-pass on L* and a*
(:mod:`~milia.imaging.detect`), measure them against the skin around them
(:mod:`~milia.imaging.measure`) and classify them
(:mod:`~milia.imaging.classify`). Coordinates are reported in px of the
photo as displayed (EXIF orientation applied).

This is a screening aid that counts and measures; it does not diagnose.
"""

from __future__ import annotations

import math
from functools import partial
from typing import Any

import numpy as np

from milia.errors import ImageError
from milia.imaging.background import submit
from milia.imaging.eyes_nearer import eyes_nearer
from milia.imaging.face import REGIONS, Face, detect_faces
from milia.imaging.findings import face_counts as _face_counts
from milia.imaging.findings import name_regions as _name_regions
from milia.imaging.io import DEFAULT_MAX_PIXELS
from milia.imaging.quality import assess_quality, other_skin_of_several_faces
from milia.imaging.scale import given_versus_face, validate_mm_per_pixel
from milia.imaging.skin import (
    SkinModel,
    in_skin_locus,
    is_achromatic,
    ita_group,
    rgb_to_lab,
    skin_mask_rgb,
)
from milia.imaging.source import Source
from milia.imaging.specks import specks_detail, tiny_specks
from milia.imaging.version import ANALYSIS_VERSION
from milia.imaging.working import (
    ASSUMED_SHORT_SIDE_MM,
    MAX_SKIN_PER_EYELESS_FACE,
    MIN_PX_PER_MM,
    WORK_MAX_PX_PER_MM,
    WORK_PX_PER_MM,
    early_grid,
    frame,
    prefetch_decode,
    search,
    skin_dwarfs_face,
    work_size,
)

__all__ = [
    "ANALYSIS_VERSION",
    "ASSUMED_SHORT_SIDE_MM",
    "CLIPPED_BUMPS_UNRELIABLE",
    "DISCLAIMER",
    "MAX_SKIN_PER_EYELESS_FACE",
    "MIN_PX_PER_MM",
    "WORK_MAX_PX_PER_MM",
    "WORK_PX_PER_MM",
    "analyze_photo",
]

#: Bumps not counted because their centre clipped, from which a count is not reliable
#: (QA F8-34; one may be a shine).
CLIPPED_BUMPS_UNRELIABLE = 2
DISCLAIMER = (
    "Screening aid: it counts and measures bumps that look milia-like or inflamed in a photo. "
    "It does not diagnose; a clinician should examine anything new, changing, sore or "
    "bleeding, and milia should not be extracted at home."
)

_DETECT_SIDE_PX = 480
#: Median L* below which a photo without skin is called nearly black rather than
#: grayscale (no colour can show in it; QA F14-11), on CIELAB's 0-100 scale.
_NEAR_BLACK_L = 8.0


#: A further face without an eye (QA F8-33) is searched when its own skin model is in the
#: skin locus (:func:`~milia.imaging.skin.in_skin_locus`) and its skin mask covers at
#: least this share of its box (Grace Hopper beside the astronaut: 0.75-0.80).
EYELESS_FACE_MIN_SKIN = 0.35


def _skin_face(mask: np.ndarray, model: SkinModel | None, face: Face) -> bool:
    """Whether a face box without an eye holds a face's skin (working px)."""
    if model is None or not in_skin_locus(model.a, model.b, warm=True):
        return False
    r0, c0, r1, c1 = (max(0, int(v)) for v in face.box)
    inside = mask[r0:r1, c0:c1]
    return inside.size > 0 and float(inside.mean()) >= EYELESS_FACE_MIN_SKIN


def analyze_photo(
    image: Any,
    *,
    mm_per_pixel: float | None = None,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> dict[str, Any]:
    """Find, count and measure milia-like and inflamed bumps in a photo.

    Parameters
    ----------
    image : str, Path, bytes, binary file object, PIL.Image.Image or ndarray
        A photo file (JPEG, PNG, WebP; HEIC with ``milia[heif]``), its bytes,
        an object whose ``read()`` returns them (``io.BytesIO``, a file opened
        ``"rb"``), a PIL image (EXIF orientation applied), or an array of
        shape (M, N, 3) RGB, (M, N, 4) RGBA or (M, N) grayscale. Array values:
        uint8 as is; uint16 as 16-bit (0-65535); other integers within 0-255
        as 8-bit or, when above 255, within 0-65535 as 16-bit; floats in
        [0, 1]. Anything else raises ImageError stating this rule.
    mm_per_pixel : float, optional
        Scale of the photo in mm per px, when known (e.g. from a ruler in the
        picture). Otherwise it is estimated from the eyes or the face, and
        without a face sizes are not reported in mm.
    max_pixels : int
        Refuse larger photos (checked from the header, before decoding).

    Returns
    -------
    dict
        The photo analysis contract: ``image``, ``face``, ``lesions``,
        ``counts``, ``quality``, ``analysis_version``, plus ``ita``,
        ``disclaimer``, ``quality_details`` (sentences), ``quality_measures``
        and ``counts_reliable`` (false when the photo is too small, dark,
        bright, blurred, noisy or posterized, or has no skin: a count, 0
        included, is then not a clean result; see :mod:`milia.imaging.quality`).

    Raises
    ------
    ImageError
        The input is not a readable image, is too large, or a parameter is invalid.

    Examples
    --------
    >>> import numpy as np
    >>> result = analyze_photo(np.full((64, 64, 3), 200, np.uint8))
    >>> result["counts"]["milia_like"]
    0
    """
    given = validate_mm_per_pixel(mm_per_pixel)
    if isinstance(max_pixels, bool) or not isinstance(max_pixels, int) or max_pixels <= 0:
        raise ImageError("max_pixels must be a positive integer", field="max_pixels")
    src = Source(image, max_pixels)
    width, height = src.width, src.height
    quality: list[str] = []
    details: list[str] = []

    det_f = min(1.0, _DETECT_SIDE_PX / max(width, height))
    dw, dh = max(1, round(width * det_f)), max(1, round(height * det_f))
    # Decode once where possible: with a given scale at least the working size (the
    # working copy is made in frame(), by the area mean only around the skin); without,
    # at half size (a JPEG's 1/2 reduced decode), which serves most close-ups' working
    # scale too. The copy for face detection is resized from that decode.
    grid = None
    if given is not None:
        src.decode(work_size(width, height, 1.0 / given)[0])
        grid = early_grid(src, given, (dw, dh))  # while the face is found
    else:
        src.decode(max(dw, width // 2 - 1))
    small = src.at(dw, dh)
    # Without a scale, a face box found may ask for a wider decode: begun meanwhile.
    guess = None if given is not None else partial(prefetch_decode, src, (dw, dh))
    faces_small = detect_faces(small, on_first_box=guess) if min(dw, dh) >= 48 else []
    # A face small in the copy has its eyes looked for again on a crop (QA F11-15).
    faces = [eyes_nearer(src, f.scaled(height / dh, width / dw), dw / width) for f in faces_small]
    face: Face | None = faces[0] if faces else None  # the main face sets the scale
    scale, work, mask, model, px_per_mm = frame(src, face, given, small, (dw, dh), grid)
    if face is not None and len(face.eyes) < 2 and skin_dwarfs_face(mask, face, width * height):
        # A face box without a pair of eyes in a close-up whose skin is many times the
        # box (a mouth or a cheek taken for a face, QA F4-42; a cheek whose pore or
        # shadow passed for one eye, QA F7-23) would set a scale several times too
        # coarse: the photo is read as one without a face.
        face, faces = None, []
        scale, work, mask, model, px_per_mm = frame(src, None, given, small, (dw, dh), grid)
    if face is None:
        quality.append("no face found")
        details.append(
            "No frontal face was found: the skin found is searched and every finding is "
            "in region 'other'."
            if model is not None
            else "No frontal face was found."  # QA F14-11: no skin either, nothing searched
        )
    elif not face.eyes:
        # QA F11-15: findings near the eyes are named from the box's proportions alone.
        details.append(
            "The eyes were not found in the face (glasses, shade, closed eyes): the regions "
            "are placed from the face box alone, so a bump near an eye may be named "
            "eyelids, forehead or cheeks wrongly"
            + ("." if given is not None else ", and the scale comes from the face's width.")
        )
    off = given_versus_face(given, face) if given is not None and face is not None else None
    if off is not None:
        # QA F6-11: a scale several times off the face's own sets every size, and so
        # what is counted; the face's estimate is within 12-20 %.
        factor, estimate = off
        assert estimate.mm_per_pixel is not None
        quality.append("scale disagrees with face")
        details.append(
            f"The scale given ({given:g} mm per pixel) is "
            f"{max(factor, 1 / factor):.1f} times {'coarser' if factor > 1 else 'finer'} than "
            f"the face found suggests ({estimate.mm_per_pixel:.3g} mm per pixel from its "
            f"{'eyes' if estimate.source == 'eye' else 'width'}): sizes and counts depend on "
            "it. Check the scale (a ruler's mm divided by the pixels they span), or leave it "
            "out to use the face's."
        )
    if scale.mm_per_pixel is None:
        details.append(
            "Scale unknown: sizes in mm are not reported; pass mm_per_pixel to get them."
        )
    wh, ww = work.shape[:2]
    fr, fc = height / wh, width / ww  # working px -> photo px
    ppm_work = px_per_mm * ww / width

    # Exposure, clipping, blur, noise and scale against the size of a milium, on the
    # background thread while the skin is searched (a photo too small to count is
    # then not searched, or its findings dropped).
    report_soon = submit(
        partial(assess_quality, px_per_mm=ppm_work, scale_known=scale.mm_per_pixel is not None),
        work,
        mask,
        model,
    )
    # Searched unless surely too small (then the report decides).
    too_small = ppm_work < MIN_PX_PER_MM and "too small" in report_soon.result().warnings
    if model is None:
        quality.append("no skin found")
        sample = rgb_to_lab(work[:: max(1, wh // 200), :: max(1, ww // 200)])
        if float(np.median(sample[..., 0])) < _NEAR_BLACK_L:
            # QA F14-11: a black photo has no colour to see, but it is not grayscale
            details.append(
                "No skin was found: the photo is nearly black, too dark to tell skin "
                "and bumps by their colour; retake it in daylight."
            )
        elif is_achromatic(sample):
            # skin, milia (white-yellow) and inflamed spots (red) are all told by colour
            details.append(
                "The photo has no colour (grayscale): skin and bumps are told apart by "
                "their colour, so nothing could be searched; send the photo in colour."
            )
        else:
            details.append(
                "No skin was found; frame the skin to check, in good light."
                + (
                    " No face was found either: if the photo shows a face lying sideways "
                    "or upside down, turn it upright first (faces are looked for upright)."
                    if face is None
                    else ""
                )
            )

    lesions: list[dict[str, Any]] = []
    unsearched: list[Face] = []  # further faces without an eye whose middle is not skin
    n_clipped = 0  # bumps not judged: their centre is clipped (classify.Classification.clipped)
    n_specks = 0  # tiny bright specks left out (glitter, QA F8-36; milia.imaging.specks)
    if model is not None and not too_small:
        found = [search(work, mask, model, ppm_work)]
        # Each further face's own skin (its own colour model), apart from what is
        # searched already.
        searched = mask
        for other in faces[1:]:
            other_w = other.scaled(wh / height, ww / width)
            other_mask, other_model = skin_mask_rgb(work, face=other_w, px_per_mm=ppm_work)
            other_mask &= ~searched
            if not other.eyes and not _skin_face(other_mask, other_model, other_w):
                unsearched.append(other)  # QA F8-33: never left out silently
            elif other_model is not None and other_mask.any():
                found.append(search(work, other_mask, other_model, ppm_work))
                searched = searched | other_mask
        faces = [f for f in faces if f not in unsearched]
        at: list[tuple[float, float]] = []  # unrounded centres, photo px, for the regions
        speck_mm: list[float] = []  # diameters at the scale searched (given, estimated or assumed)
        for rows_w, cols_w, cls, keep in found:
            n_clipped += int(np.count_nonzero(cls.clipped))
            rows, cols = rows_w * fr, cols_w * fc
            for j, i in enumerate(keep):
                dia_px = float(cls.diameter_px[i]) * math.sqrt(fr * fc)
                dia_mm = dia_px * scale.mm_per_pixel if scale.mm_per_pixel else None
                at.append((float(rows[j]), float(cols[j])))
                speck_mm.append(float(cls.diameter_px[i]) / ppm_work)
                lesions.append(
                    {
                        "row": round(float(rows[j]), 1),
                        "col": round(float(cols[j]), 1),
                        "diameter_px": round(dia_px, 1),
                        "diameter_mm": round(dia_mm, 2) if dia_mm is not None else None,
                        "kind": str(cls.kind[i]),
                        "confidence": round(float(cls.confidence[i]), 2),
                        "region": "other",
                    }
                )
        specks = tiny_specks([les["kind"] for les in lesions], np.array(speck_mm))
        n_specks = int(np.count_nonzero(specks))
        if n_specks:
            lesions = [les for les, s in zip(lesions, specks, strict=True) if not s]
            at = [p for p, s in zip(at, specks, strict=True) if not s]
        _name_regions(lesions, at, faces)
    report = report_soon.result()
    if "too small" in report.warnings:
        lesions = []
    quality.extend(report.warnings)
    details.extend(report.details)
    clipped_many = False
    if n_clipped and "too small" not in report.warnings:
        # QA F4-41: a white bump on fair skin can clip like shine; say it was not judged.
        details.append(
            f"{n_clipped} bright bump{'s' if n_clipped > 1 else ''} looked milia-like but "
            f"{'were' if n_clipped > 1 else 'was'} not counted: the centre is overexposed "
            "(clipped white), so its colour cannot be measured. Retake in softer light, "
            "without flash."
        )
        # QA F8-34: a flash hot-spot clipped 5 of 12 milia and the 7 left were called a
        # reliable count. One clipped bump may be a shine; from two, the analysis knows
        # that bumps went uncounted.
        if n_clipped >= CLIPPED_BUMPS_UNRELIABLE:
            clipped_many = True
            quality.append("overexposed bumps")
    if n_specks and "too small" not in report.warnings:
        quality.append("bright specks")  # QA F8-36: glitter make-up counted as milia
        details.append(specks_detail(n_specks))
    reliable = report.reliable and model is not None and off is None and not clipped_many
    reliable = reliable and not n_specks
    if unsearched:
        reliable = False
        quality.append("face not searched")  # a reason to doubt the count, not a note
        details.append(
            f"{len(unsearched)} more face{'s' if len(unsearched) > 1 else ''} may be in the "
            "photo (no eye was found in it and its skin was not told apart): not searched. "
            "Photograph one face at a time."
        )
    if face is None and scale.mm_per_pixel is None and model is not None:
        # QA F4-60: the size of the skin is a guess (ASSUMED_SHORT_SIDE_MM); on a
        # whole face not found (sideways, upside down) it is ~3.5x too fine and
        # drops every milium, so the count cannot be trusted, 0 included.
        reliable = False
        details.append(
            "No face was found, so the size of the skin was guessed (as if the photo's "
            f"shorter side spanned {ASSUMED_SHORT_SIDE_MM:.0f} mm): milia may be missed. "
            "Turn the photo upright; give its scale (--mm-per-pixel, mm per pixel, "
            "measured with a ruler held beside the skin)."
        )
    if not reliable:
        details.append(
            "The counts are not reliable for this photo: bumps may be missed (a count of 0 "
            "does not mean there are none). Retake the photo as advised above."
        )
    lesions.sort(key=lambda les: (les["row"], les["col"]))
    by_region = {r: 0 for r in REGIONS}
    for les in lesions:
        by_region[les["region"]] += 1
    if len(faces) > 1:
        details = other_skin_of_several_faces(details, len(faces))  # QA F4-61
        details.append(
            f"{len(faces)} faces were found: the skin of each is searched and its findings "
            "are named by its own regions (see 'faces'); the scale and the skin tone are "
            "the first (largest) face's."
        )
    ita = None
    if model is not None:
        ita = {"degrees": round(model.ita, 1), "group": ita_group(model.ita)}

    def box(b: tuple[float, float, float, float]) -> list[float]:
        return [round(v, 1) for v in b]

    return {
        "image": {
            "width": width,
            "height": height,
            "mm_per_pixel": (
                round(scale.mm_per_pixel, 5) if scale.mm_per_pixel is not None else None
            ),
            "scale_source": scale.source,
            "scale_relative_uncertainty": scale.relative_uncertainty,
        },
        "face": ({"box": box(face.box), "eyes": [box(e) for e in face.eyes]} if face else None),
        "faces": [
            {
                "box": box(f.box),
                "eyes": [box(e) for e in f.eyes],
                "counts": _face_counts(k, lesions),
            }
            for k, f in enumerate(faces)
        ],
        "lesions": lesions,
        "counts": {
            "milia_like": sum(1 for les in lesions if les["kind"] == "milia_like"),
            "inflamed": sum(1 for les in lesions if les["kind"] == "inflamed"),
            "by_region": by_region,
        },
        "quality": quality,
        "quality_details": details,
        "quality_measures": report.measures,
        "counts_reliable": reliable,
        "ita": ita,
        "analysis_version": ANALYSIS_VERSION,
        "disclaimer": DISCLAIMER,
    }
