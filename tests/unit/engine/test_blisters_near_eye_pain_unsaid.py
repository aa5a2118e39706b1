"""Blisters near the eye whose pain was not said (session 12 scan after QA F12-21).

"painful" not given is "not known", never "no": grouped blisters, or blisters on red or
inflamed skin, on the forehead, nose or near the eye are shingles-like and need a doctor
today even when nobody asked about pain. Pain said to be absent, and plain clear
blisters on normal skin (sweat rash), keep their lower levels.
"""

from __future__ import annotations

from typing import Any

import pytest

from milia import assess
from milia.engine.batch import assess_batch


def _both(case: dict[str, Any]) -> list[dict[str, Any]]:
    return [assess(case), assess_batch([case])[0]]


def _flags(result: dict[str, Any]) -> set[str]:
    return {flag["id"] for flag in result["red_flags"]}


@pytest.mark.parametrize(
    "case",
    [
        {"age_years": 67, "color": "red", "surface": "vesicle", "arrangement": "grouped",
         "sites": ["forehead", "eyelids"]},
        {"age_years": 30, "surface": "vesicle", "arrangement": "grouped", "sites": ["nose"]},
        {"age_years": 45, "surface": "vesicle", "inflamed": True, "sites": ["eyelids"]},
        {"age_years": 72, "surface": "crusted", "arrangement": "grouped", "sites": ["forehead"]},
    ],
)  # fmt: skip
def test_grouped_or_red_blisters_near_the_eye_are_urgent_with_pain_not_said(
    case: dict[str, Any],
) -> None:
    for result in _both(case):
        assert result["triage"]["level"] == "urgent"
        assert "painful_blisters_near_eye" in _flags(result)


def test_pain_said_to_be_absent_keeps_the_lower_level() -> None:
    case = {"age_years": 67, "color": "red", "surface": "vesicle", "arrangement": "grouped",
            "inflamed": True, "painful": False, "sites": ["forehead"]}  # fmt: skip
    for result in _both(case):
        assert "painful_blisters_near_eye" not in _flags(result)
        assert result["triage"]["level"] != "urgent"


def test_clear_blisters_on_normal_forehead_skin_are_not_shingles() -> None:
    case = {"age_years": 5, "color": "clear", "surface": "vesicle", "count": 30,
            "diameter_mm": 1, "sites": ["forehead"]}  # fmt: skip
    for result in _both(case):
        assert "painful_blisters_near_eye" not in _flags(result)


def test_painful_blisters_near_the_eye_stay_urgent() -> None:
    case = {"age_years": 50, "surface": "vesicle", "painful": True, "sites": ["nose"]}
    for result in _both(case):
        assert result["triage"]["level"] == "urgent"
