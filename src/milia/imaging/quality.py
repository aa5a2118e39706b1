"""Photo quality: can milium-sized bumps be counted in this photo at all?

A blurred, dark, overexposed, noisy or distant photo gives few or no
findings, and a bare "0" would read as a clean result. :func:`assess_quality`
measures the working copy of the photo on the skin that was found and says
which of these make the counts unreliable:

- **too small**: px per mm against the size of a milium (a 1 mm bump must
  span at least :attr:`QualityLimits.min_px_per_milium` px).
- **too dark**: nothing in the whole photo (its brightest 0.1 %) reaches
  :attr:`QualityLimits.min_bright_level` of full scale, or the skin is
  black (L* below :attr:`QualityLimits.min_skin_lightness`, the toe of the
  CIE L* curve: under 1 % of the light reflected). Exposure is judged on the
  photo, not on the skin's lightness: very dark skin in a well exposed photo
  (skin L* 15-25) still has bright parts (its own sheen, the eyes, the
  background), while an underexposed photo has none; so dark skin is not
  called "too dark" (QA F4-63: skin at L* 17-22 was, when the floor was
  L* 18). A white milium on such skin has more contrast, not less; grain
  in a dim photo is judged by ``too noisy``, relative to the skin.
- **too bright**: a share of the skin above
  :attr:`QualityLimits.max_clipped_share` has a colour channel at full scale
  (clipped): a milium, lighter than the skin, cannot show there.
- **blurred**: the skin's finest detail (texture and pores at 0.12-0.25 mm)
  against the next octave (0.25-0.5 mm), a dimensionless ratio of band-pass
  energies. Skin texture has energy at every scale, so a sharp photo keeps a
  ratio near or above :attr:`QualityLimits.min_fine_detail`; a blur of about
  a third of a milium's diameter removes the fine band first.
- **posterized**: fewer than :attr:`QualityLimits.min_skin_colours`
  distinct colours on the skin (a GIF or a palette PNG: 256 colours for the
  whole photo leave a few dozen for the skin); the steps between them, and
  their dithering, look like spots.
- **colour cast**: the skin's CIELAB hue angle outside
  :attr:`QualityLimits.skin_hue_deg` (daylight skin; the benchmark's six ITA
  groups span 44-57 degrees), or its b* above :meth:`QualityLimits.max_skin_b`
  at its lightness (a warm, tungsten cast): a lamp, shade or screen light has
  tinted the photo (:mod:`milia.imaging.colour_cast`). Not corrected.
- **other skin not searched** (a note; the count stands for the face): with
  a face found, only skin touching it is searched, and a large skin-coloured
  area apart from it (a second face: a parent holding a baby) is said.
- **too noisy**: the noise of L* (Immerkaer's estimator on the skin) against
  the contrast of a faint milium on that skin, taken as a quarter of the way
  from the skin's L* to white (so a darker skin, on which a white bump stands
  out more, tolerates more noise); the classifier needs
  ``THRESHOLDS.light_cnr`` local spreads of contrast.

Every limit is relative (to the milium's size, to full scale, to the skin's
own lightness, or a ratio of the image's own energies); none is a fixed
lightness of "normal" skin. The values are set by the team on the synthetic
benchmark (``milia.imaging.synth``: unmodified photos vs the same blurred,
darkened, brightened or with noise added); evidence level: expert estimate.

References
----------
J. Immerkaer, "Fast noise variance estimation", Computer Vision and Image
Understanding 64(2), 300-302 (1996).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from milia.imaging.classify import THRESHOLDS
from milia.imaging.colour_cast import colour_cast
from milia.imaging.skin import SkinModel, rgb_to_lab
from milia.imaging.skin_texture import (
    distinct_colours,
    level_step_l,
    skin_window,
    texture_measures,
)

__all__ = [
    "LIMITS",
    "OTHER_SKIN_DETAIL",
    "UNRELIABLE",
    "QualityLimits",
    "QualityReport",
    "assess_quality",
    "other_skin_of_several_faces",
]

#: The note of ``other skin not searched`` (one face searched).
OTHER_SKIN_DETAIL = (
    "Only the face found was searched: skin apart from it (another face, a hand or an arm) "
    "was not. Photograph one face, or one area of skin, at a time."
)

#: Warnings after which a count (including 0) is not a reliable result.
UNRELIABLE = frozenset(
    {
        "too small",
        "too dark",
        "too bright",
        "colour cast",
        "blurred",
        "too noisy",
        "posterized",
        "no skin found",
    }
)


@dataclass(frozen=True)
class QualityLimits:
    """Limits of a photo in which milia can be counted; see the module docstring.

    Attributes
    ----------
    milium_mm : float
        Diameter of the smallest milium to count reliably, mm (most are 1-2 mm).
    min_px_per_milium : float
        Pixels across such a milium, below which the photo is ``too small``.
    min_skin_lightness : float
        Median L* of the skin below which the photo is ``too dark``: black, below
        the toe of the CIE L* curve (L* 8, luminance under 0.9 %), where L* is
        linear in the light and the skin is within a few dozen 8-bit levels of
        black. Not a lightness of "normal" skin: the darkest skin in a well
        exposed photo lies well above it.
    min_bright_level : float
        Share of full scale (0-1) that the brightest 0.1 % of the photo must
        reach; below it the whole photo is underexposed (``too dark``).
    max_clipped_share : float
        Share of skin (0-1) with a channel at full scale above which the photo
        is ``too bright``. Milia, lighter than the skin, clip long before the
        skin does: a benchmark face (light, 12 milia-like found) brightened
        x1.15 clips 9 % of its skin and 2 are found, x1.2 clips 17 % and 1 is;
        unmodified benchmark photos clip at most 4.3 %.
    min_fine_detail : float
        Ratio of the skin's 0.12-0.25 mm band energy to its 0.25-0.5 mm band
        energy below which the photo is ``blurred``.
    min_fine_level : float
        The same fine band's sd as a share of one 8-bit level's step of L* at the
        skin's lightness, below which it holds only rounding (``blurred``).
    faint_milium_share : float
        A faint milium's L* contrast as a share of the skin's distance to white
        (100 - L*); the noise limit is this contrast / ``light_cnr``.
    max_other_skin : float
        Largest skin-coloured area apart from the face (another face, a hand),
        as a share of the face box, above which ``other skin not searched`` is
        said (single-face benchmark photos: at most 0.13; two faces: about 1).
    min_skin_colours : int
        Distinct 8-bit colours among (up to 20000) skin pixels below which the
        photo is ``posterized``; a photo's skin has thousands.
    skin_hue_deg : tuple of float
        The skin's CIELAB hue angle, degrees, outside which the photo has a
        ``colour cast``: 32-72, about 12-15 degrees beyond the benchmark's skin of
        every ITA group (44-57); QA's casts gave 29 (bluish) and 74 (tungsten).
    warm_b_at_60, warm_b_slope : float
        The skin's yellowness (CIELAB b*) above which the photo has a warm
        ``colour cast``, at skin L* 60, and its fall per unit of L* above 60
        (:meth:`max_skin_b`: 26 at L* 60, 23 at L* 80, 29.75 at L* 35; how they
        were set: :mod:`milia.imaging.colour_cast`). Set by the team; evidence
        level: expert estimate.
    """

    milium_mm: float = 1.0
    min_px_per_milium: float = 2.5
    min_skin_lightness: float = 8.0
    min_bright_level: float = 0.5
    max_clipped_share: float = 0.08
    min_fine_detail: float = 0.40
    min_fine_level: float = 0.15
    faint_milium_share: float = 0.25
    min_skin_colours: int = 64
    max_other_skin: float = 0.35
    skin_hue_deg: tuple[float, float] = (32.0, 72.0)
    warm_b_at_60: float = 26.0
    warm_b_slope: float = 0.15
    light_cnr: float = field(default=THRESHOLDS.light_cnr)

    def max_skin_b(self, skin_l: float) -> float:
        """Largest b* of daylight skin of median lightness ``skin_l``; above it, a warm cast."""
        return self.warm_b_at_60 - self.warm_b_slope * (skin_l - 60.0)

    @property
    def min_px_per_mm(self) -> float:
        """Smallest scale at which the smallest milium can be seen, px/mm."""
        return self.min_px_per_milium / self.milium_mm

    def max_noise_l(self, skin_l: float) -> float:
        """Largest noise standard deviation of L* on skin of median lightness ``skin_l``."""
        return self.faint_milium_share * max(100.0 - skin_l, 0.0) / self.light_cnr


LIMITS = QualityLimits()

#: Clipped: a channel at or above this 8-bit level.
_CLIP_LEVEL = 250


@dataclass(frozen=True)
class QualityReport:
    """What limits the counts of one photo.

    Attributes
    ----------
    warnings : tuple of str
        Short codes (``too small``, ``too dark``, ``too bright``, ``colour cast``, ``blurred``,
        ``too noisy``, ``posterized``, ``other skin not searched``) in that order; empty when the photo is fit to count.
    details : tuple of str
        One sentence per warning: what was measured and what to do.
    measures : dict
        ``px_per_mm`` (working scale), ``bright_level`` (0-1), ``skin_lightness``
        (L*), ``clipped_share`` (0-1), ``fine_detail`` (ratio), ``noise_l`` (L*)
        ``max_noise_l`` (L*) and ``skin_colours``; None where there is no skin to
        measure.
    """

    warnings: tuple[str, ...]
    details: tuple[str, ...]
    measures: dict[str, float | None]

    @property
    def reliable(self) -> bool:
        """Whether counts (including 0) from this photo can be taken as a result."""
        return not UNRELIABLE.intersection(self.warnings)


def assess_quality(
    rgb: NDArray[np.uint8],
    mask: NDArray[np.bool_],
    model: SkinModel | None,
    *,
    px_per_mm: float,
    scale_known: bool = True,
    limits: QualityLimits = LIMITS,
) -> QualityReport:
    """Measure whether milium-sized bumps can be counted in a photo.

    Parameters
    ----------
    rgb : ndarray, shape (M, N, 3), uint8
        Working copy of the photo (the one searched).
    mask : ndarray of bool, shape (M, N)
        Skin mask of ``rgb`` (:func:`milia.imaging.skin.skin_mask_rgb`).
    model : SkinModel or None
        The skin's colour model; None when no skin was found (only the
        exposure and the scale are then judged).
    px_per_mm : float
        Scale of ``rgb``, px/mm (given, estimated or assumed).
    scale_known : bool
        False when ``px_per_mm`` is a guess (no face, no given scale): the
        ``too small`` sentence then says so.
    limits : QualityLimits
        The limits; :data:`LIMITS` by default.

    Returns
    -------
    QualityReport

    Examples
    --------
    >>> import numpy as np
    >>> dark = np.full((200, 200, 3), (60, 40, 30), np.uint8)
    >>> report = assess_quality(dark, np.zeros((200, 200), bool), None, px_per_mm=7.0)
    >>> report.warnings, report.reliable
    (('too dark',), False)
    """
    import cv2

    warnings: list[str] = []
    details: list[str] = []
    step = max(1, int(min(rgb.shape[:2]) // 400))
    grid = rgb[::step, ::step]
    # The brightest channel, as .max(axis=2), which is ~15x slower on a strided uint8 view.
    value = np.maximum(np.maximum(grid[..., 0], grid[..., 1]), grid[..., 2])
    bright = float(np.percentile(value, 99.9)) / 255.0
    measures: dict[str, float | None] = {
        "px_per_mm": round(px_per_mm, 2),
        "bright_level": round(bright, 3),
        "skin_lightness": None,
        "clipped_share": None,
        "fine_detail": None,
        "fine_level": None,
        "noise_l": None,
        "max_noise_l": None,
        "skin_colours": None,
        "skin_hue": None,
    }

    if px_per_mm < limits.min_px_per_mm:
        warnings.append("too small")
        guess = "" if scale_known else " (assuming the photo is a close-up)"
        details.append(
            f"About {px_per_mm:.1f} px per mm{guess}: a {limits.milium_mm:g} mm milium would "
            f"span fewer than {limits.min_px_per_milium:g} px; take a closer or sharper photo."
        )

    if model is not None:
        skin_l = model.L
    else:
        skin_l = float(np.median(rgb_to_lab(rgb[::step, ::step])[..., 0]))
    measures["skin_lightness"] = round(skin_l, 1)
    if skin_l < limits.min_skin_lightness or bright < limits.min_bright_level:
        warnings.append("too dark")
        details.append(
            "The photo is too dark (underexposed): bumps lose their contrast and may be "
            "missed. Retake it in daylight, without flash glare."
        )

    # Clipping on the skin; with no skin found, on the whole photo (skin burnt out to
    # white is not found as skin at all).
    on_skin = mask[::step, ::step] if model is not None else np.ones(value.shape, bool)
    clipped = float(np.count_nonzero((value >= _CLIP_LEVEL) & on_skin))
    clipped_share = clipped / max(1, int(np.count_nonzero(on_skin)))
    measures["clipped_share"] = round(clipped_share, 3)
    if clipped_share > limits.max_clipped_share:
        warnings.append("too bright")
        where = "the skin" if model is not None else "the photo"
        details.append(
            f"The photo is too bright: {clipped_share:.0%} of {where} is overexposed "
            "(white), where lighter bumps cannot show. Retake it out of direct sun or flash."
        )

    if model is not None:
        hue, cast = colour_cast(
            model.a, model.b, hue_range=limits.skin_hue_deg, max_b=limits.max_skin_b(model.L)
        )
        measures["skin_hue"] = round(hue, 1)
        if cast is not None:
            warnings.append("colour cast")
            details.append(cast)

    if model is not None and mask.any():
        rows, cols = skin_window(mask)
        inner = np.asarray(
            cv2.erode(np.ascontiguousarray(mask[rows, cols]).view(np.uint8), np.ones((7, 7))),
            dtype=np.uint8,
        ).astype(bool)
        if np.count_nonzero(inner) >= 400:
            lab_l = np.ascontiguousarray(rgb_to_lab(rgb[rows, cols])[..., 0])
            detail, fine_sd, noise = texture_measures(lab_l, inner, px_per_mm)
            max_noise = limits.max_noise_l(model.L)
            # A fine band within the rounding of 8-bit levels holds no detail at all
            # (a heavy blur, where the ratio of two near-empty bands means nothing).
            level = level_step_l(model.L)
            measures.update(
                fine_detail=round(detail, 3),
                fine_level=round(fine_sd / level, 3),
                noise_l=round(noise, 2),
                max_noise_l=round(max_noise, 2),
            )
            if detail < limits.min_fine_detail or fine_sd < limits.min_fine_level * level:
                warnings.append("blurred")
                details.append(
                    "The photo is blurred: the skin's finest detail is lost, so small bumps "
                    "are missed or merged. Hold the phone still, tap the skin to focus, and "
                    "retake it."
                )
            if noise > max_noise:
                warnings.append("too noisy")
                details.append(
                    f"The photo is grainy (noise {noise:.1f} L*, above {max_noise:.1f} on this "
                    "skin): faint bumps are lost and grain can look like bumps. Retake it in "
                    "more light."
                )
    if model is not None and mask.any():
        colours = distinct_colours(rgb[::step, ::step][mask[::step, ::step]])
        measures["skin_colours"] = colours
        if colours < limits.min_skin_colours:
            warnings.append("posterized")
            details.append(
                f"The photo has only {colours} colours on the skin (a GIF, a palette PNG or "
                "a heavily edited copy): the steps between them look like spots. Send the "
                "original photo from the camera."
            )
        if model.other_skin > limits.max_other_skin:
            # Not a reason to doubt the face's count, but the photo's count is the face's only.
            warnings.append("other skin not searched")
            details.append(OTHER_SKIN_DETAIL)
    return QualityReport(tuple(warnings), tuple(details), measures)


def other_skin_of_several_faces(details: list[str], n_faces: int) -> list[str]:
    """``details`` with the ``other skin not searched`` note worded for several faces.

    The skin apart from the main face is measured before the other faces are
    searched, so it may be one of them (QA F4-61): the note then says only what
    is known.

    Parameters
    ----------
    details : list of str
        The report's sentences.
    n_faces : int
        Faces found and searched (2 or more).
    """
    several = (
        f"Skin apart from the {n_faces} faces found (a hand, an arm, or a face turned away) "
        "may not have been searched. Photograph one face, or one area of skin, at a time."
    )
    return [several if d == OTHER_SKIN_DETAIL else d for d in details]
