"""The photo analysis's version, said in every result (``analysis_version``): short and stable.

``photo-<method>+<parameters>``: :data:`METHOD_VERSION` is bumped once for each
change that changes findings (the steps that changed are listed per version
in docs/photo.md, "Analysis versions"); the 8 hex digits after it are a hash
of the decision parameters (:func:`parameters_hash`: the classifier's
thresholds, the photo-quality limits, the search's cutoffs and scales, the
skin model's locus), so a stored result also says which parameters made it,
and two results with the same string were made alike. Up to photo-1.13 the
string was the whole change history (about 2,500 characters), repeated in
every diary row (QA F11-07).
"""

from __future__ import annotations

import hashlib
from typing import Any

__all__ = ["ANALYSIS_VERSION", "METHOD_VERSION", "parameters_hash"]

#: The method's version: bumped for each change of findings (docs/photo.md).
METHOD_VERSION = "photo-1.18"


def _parameters() -> dict[str, Any]:
    """The decision parameters of the analysis, by module and name."""
    from milia.imaging import bandpass, detect, dome_shape, skin, specks
    from milia.imaging.classify import THRESHOLDS
    from milia.imaging.quality import LIMITS

    detector = (
        "BRIGHT_RADII_MM",
        "RED_RADII_MM",
        "MIN_RESPONSE",
        "MIN_RESPONSE_LIGHT",
        "FAINT_MIN_A_LOSS",
        "FAINT_MIN_DB",
        "FAINT_DOME_L",
        "WHITENESS_WEIGHT_RANGE",
        "YELLOWNESS_WEIGHT_RANGE",
        "MILIA_B_RANGE",
        "MIN_KEPT_CONTRAST",
        "COLOUR_LOSS_MIN_RESPONSE",
        "COLOUR_LOSS_WHITER",
        "COLOUR_LOSS_RADII_MM",
    )
    skin_model = (
        "SKIN_LOCUS_A",
        "SKIN_LOCUS_B",
        "SKIN_LOCUS_MAX_CHROMA",
        "MIN_SKIN_SHARE",
        "WARM_LOCUS_A",
        "WARM_LOCUS_B",
        "WARM_LOCUS_MAX_CHROMA",
        "MIN_WARM_SKIN_SHARE",
        "EYE_CUT_ABOVE",
        "EYE_CUT_BELOW",
    )
    return {
        "classify.THRESHOLDS": THRESHOLDS,
        "quality.LIMITS": LIMITS,
        "bandpass.NOISE_WINDOW_MM": bandpass.NOISE_WINDOW_MM,
        **{f"detect.{name}": getattr(detect, name) for name in detector},
        **{f"skin.{name}": getattr(skin, name) for name in skin_model},
        "specks": (specks.TINY_SPECK_MM, specks.TINY_SPECKS_UNRELIABLE),
        "dome_shape": (dome_shape.OPEN_SHARE, dome_shape.MIN_DISC_PX, dome_shape.MIN_CUT_SHARE),
    }


def parameters_hash(parameters: dict[str, Any] | None = None) -> str:
    """8 hex digits of SHA-256 over the ``repr`` of the parameters (sorted by name).

    Parameters
    ----------
    parameters : dict, optional
        Name to value (dataclasses, floats, tuples: their ``repr`` is stable
        across runs and platforms). Default: the analysis's own
        (:func:`_parameters`).

    Returns
    -------
    str
        Lower-case hex, 8 characters.
    """
    if parameters is None:
        parameters = _parameters()
    text = "\n".join(f"{name}={parameters[name]!r}" for name in sorted(parameters))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


#: What a result says it was made by: ``photo-1.18+`` and the parameters' hash.
ANALYSIS_VERSION = f"{METHOD_VERSION}+{parameters_hash()}"
