"""The overlay keeps the photo's size, and circles and numbers every finding (photo-format.md)."""

from __future__ import annotations

import io
from typing import Any

import numpy as np
from PIL import Image

from milia.imaging.overlay import (
    COLOURS,
    MAX_SIDE,
    _legend,
    draw_overlay,
    kinds_by_region,
    region_summary,
    render_overlay,
)


def _analysis(lesions: list[tuple[float, float, str]]) -> dict[str, Any]:
    return {
        "face": None,
        "lesions": [
            {"row": r, "col": c, "diameter_px": 12.0, "kind": kind, "region": "other"}
            for r, c, kind in lesions
        ],
        "counts": {
            "milia_like": sum(k == "milia_like" for *_, k in lesions),
            "inflamed": sum(k == "inflamed" for *_, k in lesions),
            "by_region": {"other": len(lesions)},
        },
    }


def _grey(h: int, w: int) -> np.ndarray:
    return np.full((h, w, 3), 128, np.uint8)


def test_a_2048_photo_keeps_its_size_so_row_col_are_overlay_pixels() -> None:
    rgb = _grey(2048, 2048)
    drawn = draw_overlay(rgb, _analysis([(1500.0, 1500.0, "milia_like")]))
    assert drawn.shape == rgb.shape
    # The circle passes through row 1500 at the finding's column +- radius, in photo pixels.
    ring = drawn[1500, 1500 - 25 : 1500 + 26]
    assert (ring == COLOURS["milia_like"]).all(axis=1).any()
    png = render_overlay(rgb, _analysis([]))
    with Image.open(io.BytesIO(png)) as img:
        assert img.size == (2048, 2048)


def test_a_phone_photo_of_12_mp_keeps_its_size() -> None:
    assert max(4032, 3024) <= MAX_SIDE
    assert draw_overlay(_grey(3024, 4032), _analysis([])).shape == (3024, 4032, 3)


def test_larger_photos_are_scaled_and_the_legend_says_so() -> None:
    drawn = draw_overlay(_grey(1000, 2 * MAX_SIDE), _analysis([]))
    assert drawn.shape == (500, MAX_SIDE, 3)
    legend = " ".join(text for text, _ in _legend(_analysis([]), (1000, 8192), (500, 4096)))
    assert "scaled x0.50 of 8192 x 1000 px" in legend
    assert "full photo" in legend
    same = " ".join(text for text, _ in _legend(_analysis([]), (1000, 800), (1000, 800)))
    assert "scaled" not in same


def test_every_finding_is_labelled_with_its_number() -> None:
    rgb = _grey(1200, 1200)
    spots = [(600.0, 300.0, "milia_like"), (600.0, 900.0, "inflamed")]
    circled = draw_overlay(rgb, _analysis(spots))
    for row, col, kind in spots:
        # Above and to the right of the circle, outside it: the label, in the kind's colour.
        box = circled[int(row) - 40 : int(row) - 8, int(col) + 10 : int(col) + 40]
        assert (box == COLOURS[kind]).all(axis=2).sum() >= 10, kind
    legend = " ".join(text for text, _ in _legend(_analysis(spots), (1200, 1200), (1200, 1200)))
    assert "numbers: order of the findings" in legend


def test_labels_near_the_border_stay_inside_the_picture() -> None:
    rgb = _grey(300, 300)
    drawn = draw_overlay(rgb, _analysis([(2.0, 297.0, "milia_like"), (298.0, 1.0, "inflamed")]))
    assert drawn.shape == rgb.shape


def test_regions_are_counted_by_kind() -> None:
    """QA F4-49: counts.by_region adds both kinds; the legend and CLI text say which."""
    analysis = _analysis(
        [(10.0, 10.0, "inflamed"), (20.0, 20.0, "milia_like"), (30.0, 30.0, "inflamed")]
    )
    analysis["lesions"][0]["region"] = "cheeks"
    analysis["counts"]["by_region"] = {"cheeks": 1, "chin_mouth": 0, "other": 2}
    kinds = kinds_by_region(analysis)
    assert kinds == {"cheeks": {"inflamed": 1}, "other": {"milia_like": 1, "inflamed": 1}}
    assert list(kinds) == ["cheeks", "other"]
    assert region_summary(kinds["other"]) == "1 milia-like, 1 inflamed"
    legend = [text for text, _ in _legend(analysis, (100, 100), (100, 100))]
    assert "  other: 1 milia-like, 1 inflamed" in legend and "  other: 2" not in legend


def test_a_finding_under_the_legend_stays_visible() -> None:
    drawn = draw_overlay(_grey(1200, 1200), _analysis([(40.0, 40.0, "inflamed")]))
    ring = drawn[20:60, 20:60]
    assert (ring == COLOURS["inflamed"]).all(axis=2).sum() >= 10


def test_the_png_is_the_drawing_without_metadata() -> None:
    rgb = np.random.default_rng(0).integers(0, 256, (300, 400, 3), dtype=np.uint8)
    analysis = _analysis([(100.0, 100.0, "milia_like")])
    png = render_overlay(rgb, analysis)
    with Image.open(io.BytesIO(png)) as img:
        assert img.format == "PNG" and not img.info.get("exif") and not img.info.get("icc_profile")
        assert np.array_equal(np.asarray(img.convert("RGB")), draw_overlay(rgb, analysis))


def test_every_face_searched_is_outlined() -> None:
    analysis = _analysis([])
    boxes = [[100.0, 100.0, 400.0, 400.0], [150.0, 900.0, 450.0, 1200.0]]
    analysis["face"] = {"box": boxes[0], "eyes": []}
    analysis["faces"] = [{"box": b, "eyes": [], "counts": analysis["counts"]} for b in boxes]
    drawn = draw_overlay(_grey(1000, 1400), analysis)
    for r0, _c0, r1, c1 in boxes:  # the right-hand edge of each box, half-way down
        assert (drawn[round((r0 + r1) / 2), round(c1)] == 255).all()
