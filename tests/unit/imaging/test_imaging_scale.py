"""The sizes behind an estimated scale are knowledge-base data, with their sources."""

from __future__ import annotations

from typing import Any

import pytest

from milia.imaging.face import Face
from milia.imaging.scale import SCALE_DATA, estimate_scale
from milia.kb.loader import read_yaml
from milia.kb.validate import validate_knowledge


def _params() -> dict[str, dict[str, Any]]:
    return {str(p["id"]): p for p in read_yaml(SCALE_DATA)["parameters"]}


def test_eye_and_face_scales_come_from_the_data_file() -> None:
    params = _params()
    ipd = params["interpupillary_distance"]
    face_box = params["face_box_width"]
    ratio = params["eye_to_face_ratio"]
    face = Face(box=(0.0, 0.0, 300.0, 300.0), eyes=[(90, 60, 130, 100), (90, 200, 130, 240)])
    assert ratio["min"] <= 140 / 300 <= ratio["max"]  # the eyes are trusted on this face
    eye = estimate_scale(face)
    assert eye.source == "eye"
    assert eye.mm_per_pixel == pytest.approx(ipd["value_mm"] / 140, rel=1e-12)
    assert eye.relative_uncertainty == pytest.approx(ipd["relative_uncertainty"])
    no_eyes = estimate_scale(Face(box=face.box))
    assert no_eyes.source == "face"
    assert no_eyes.mm_per_pixel == pytest.approx(face_box["value_mm"] / 300, rel=1e-12)
    assert no_eyes.relative_uncertainty == pytest.approx(face_box["relative_uncertainty"])
    # Eyes implausibly close for the face box: the face box is used instead.
    close = Face(box=face.box, eyes=[(90, 140, 130, 150), (90, 150, 130, 160)])
    assert ratio["min"] > 10 / 300 and estimate_scale(close).source == "face"


def test_interpupillary_distance_cites_dodgson_2004() -> None:
    ipd = _params()["interpupillary_distance"]
    assert ipd["sources"] == ["dodgson2004"] and ipd["evidence"] == "review"
    assert 50.0 <= ipd["value_mm"] <= 75.0  # the adult range the source gives
    bibliography = read_yaml("bibliography.yaml")
    entries = bibliography["sources"] if isinstance(bibliography, dict) else bibliography
    entry = next(e for e in entries if e["id"] == "dodgson2004")
    assert "5291" in entry["venue"] and entry["doi"] == "10.1117/12.529999"


def test_every_parameter_is_sourced_and_the_knowledge_base_stays_valid() -> None:
    for param in _params().values():
        assert "sources" in param and "evidence" in param, param["id"]
        if not param["sources"]:
            assert param["evidence"] == "expert_estimate"
    mine = [
        p
        for p in validate_knowledge()
        if p.severity == "error"
        and (p.file == SCALE_DATA or (p.file == "bibliography.yaml" and "dodgson" in str(p)))
    ]
    assert not mine, mine
