"""Plain words for the photo contract's ids (QA F10-07)."""

from __future__ import annotations

from typing import Any

from milia.cli.photo import _text
from milia.imaging.overlay import _legend
from milia.imaging.regions import REGIONS
from milia.imaging.skin import ITA_GROUPS
from milia.imaging.words import plain_group, plain_kind, plain_region


def test_every_region_kind_and_group_reads_without_underscores() -> None:
    for region in REGIONS:
        assert "_" not in plain_region(region)
    for kind in ("milia_like", "inflamed"):
        assert "_" not in plain_kind(kind)
    for group in ITA_GROUPS:
        assert "_" not in plain_group(group)
    assert plain_region("chin_mouth") == "chin and mouth"
    assert plain_kind("milia_like") == "milia-like"
    assert plain_group("very_light") == "very light"


def _analysis() -> dict[str, Any]:
    lesion = {
        "kind": "milia_like",
        "region": "chin_mouth",
        "row": 10.0,
        "col": 20.0,
        "diameter_mm": 1.2,
        "diameter_px": 11.0,
        "confidence": 0.8,
    }
    return {
        "image": {"width": 100, "height": 80, "mm_per_pixel": 0.1, "scale_source": "given"},
        "ita": {"degrees": 60.0, "group": "very_light"},
        "counts": {"milia_like": 1, "inflamed": 0, "by_region": {"chin_mouth": 1}},
        "lesions": [lesion],
        "quality": [],
        "disclaimer": "A screening aid, not a diagnosis.",
    }


def test_text_output_says_ids_in_words() -> None:
    text = _text(_analysis())
    assert "chin and mouth" in text
    assert "very light" in text
    assert "chin_mouth" not in text and "milia_like" not in text and "very_light" not in text


def test_overlay_legend_says_regions_in_words() -> None:
    lines = [line for line, _ in _legend(_analysis(), (80, 100), (80, 100))]
    assert "  chin and mouth: 1 milia-like" in lines
    assert not any("chin_mouth" in line for line in lines)
