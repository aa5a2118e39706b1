"""Draw an analysis on its photo: findings circled by kind, a legend, counts by region.

The result (PNG, JPEG or WebP) is re-created from pixels, so it never carries
the input's EXIF or GPS metadata.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from milia.imaging.io import (
    DEFAULT_MAX_PIXELS,
    as_rgb_array,
    encode_rgb,
    open_photo,
    pil_to_rgb,
)

__all__ = ["COLOURS", "draw_overlay", "render_overlay"]

#: RGB colour of each finding kind.
COLOURS: dict[str, tuple[int, int, int]] = {
    "milia_like": (0, 230, 255),
    "inflamed": (255, 0, 200),
}


def _load(image: Any, max_pixels: int) -> NDArray[np.uint8]:
    from PIL import Image

    if isinstance(image, np.ndarray):
        return as_rgb_array(image)
    if isinstance(image, Image.Image):
        return pil_to_rgb(image, max_pixels=max_pixels)
    return open_photo(image, max_pixels=max_pixels).decode()


def draw_overlay(
    rgb: NDArray[np.uint8], analysis: dict[str, Any], *, max_side: int = 2000
) -> NDArray[np.uint8]:
    """Return a copy of the photo with the findings drawn on it.

    Parameters
    ----------
    rgb : ndarray, shape (M, N, 3), uint8
        The photo as displayed (the one the analysis was made on).
    analysis : dict
        Output of :func:`milia.imaging.analyze.analyze_photo`.
    max_side : int
        The drawing is downscaled so that its longer side is at most this, px.

    Returns
    -------
    ndarray, shape (M', N', 3), uint8
    """
    import cv2

    h, w = rgb.shape[:2]
    f = min(1.0, max_side / max(h, w))
    if f == 1.0:
        canvas = np.array(rgb, dtype=np.uint8, copy=True)
    else:
        size = (round(w * f), round(h * f))
        canvas = np.asarray(cv2.resize(rgb, size, interpolation=cv2.INTER_AREA), np.uint8)
    canvas = np.ascontiguousarray(canvas)
    fy = canvas.shape[0] / h
    fx = canvas.shape[1] / w
    thick = max(1, round(max(canvas.shape[:2]) / 700))
    face = analysis.get("face")
    if face:
        r0, c0, r1, c1 = face["box"]
        cv2.rectangle(
            canvas,
            (round(c0 * fx), round(r0 * fy)),
            (round(c1 * fx), round(r1 * fy)),
            (255, 255, 255),
            1,
        )
    for les in analysis.get("lesions", []):
        colour = COLOURS.get(les["kind"], (255, 255, 0))
        centre = (round(les["col"] * fx), round(les["row"] * fy))
        radius = max(4, round(les["diameter_px"] * fx * 0.5 + 3 * thick))
        cv2.circle(canvas, centre, radius, colour, thick, lineType=cv2.LINE_AA)
    counts = analysis.get("counts", {})
    lines: list[tuple[str, tuple[int, int, int]]] = [
        (f"milia-like: {counts.get('milia_like', 0)}", COLOURS["milia_like"]),
        (f"inflamed: {counts.get('inflamed', 0)}", COLOURS["inflamed"]),
    ]
    for region, n in counts.get("by_region", {}).items():
        if n:
            lines.append((f"  {region}: {n}", (255, 255, 255)))
    lines.append(("screening aid, not a diagnosis", (255, 255, 255)))
    scale = max(0.4, min(canvas.shape[:2]) / 900)
    step = round(26 * scale) + 4
    box_w = round(330 * scale)
    box_h = step * len(lines) + 10
    panel = canvas[: min(box_h, canvas.shape[0]), : min(box_w, canvas.shape[1])]
    panel[:] = (panel * 0.35).astype(np.uint8)
    for k, (text, colour) in enumerate(lines):
        cv2.putText(
            canvas,
            text,
            (8, step * (k + 1)),
            cv2.FONT_HERSHEY_SIMPLEX,
            0.6 * scale,
            colour,
            max(1, thick),
            cv2.LINE_AA,
        )
    return canvas


def render_overlay(
    image: Any,
    analysis: dict[str, Any],
    *,
    max_side: int = 2000,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    fmt: str = "PNG",
) -> bytes:
    """Draw the analysis on the photo and return it encoded, with no metadata.

    Parameters
    ----------
    image : str, Path, bytes or ndarray
        The photo that was analysed.
    analysis : dict
        Output of :func:`milia.imaging.analyze.analyze_photo`.
    max_side : int
        Longest side of the drawing, px.
    max_pixels : int
        Pixel limit for decoding, as in the analysis.
    fmt : {"PNG", "JPEG", "WEBP"}
        Output format (see :func:`milia.imaging.io.format_for_path` to choose
        it from a file name). Never carries EXIF, GPS, XMP or ICC data.
    """
    return encode_rgb(draw_overlay(_load(image, max_pixels), analysis, max_side=max_side), fmt=fmt)
