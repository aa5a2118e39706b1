"""Regressions found by the issue-2 re-check (/work/qa2/recheck.md, NEW-1 to NEW-5, F2-60)."""

from __future__ import annotations

from typing import Any

import pytest

import milia
from milia.engine.interview import parse_answer
from milia.engine.triage import level_rank


def _flags(case: dict[str, Any]) -> set[str]:
    return {f["id"] for f in milia.assess(case)["red_flags"]}


@pytest.mark.parametrize(
    "case",
    [
        {"age_days": 200, "color": "white", "sites": ["nose"], "count": 30},
        {"age_years": 4, "color": "white", "count": 5, "sites": ["nose"]},
        {"age_days": 60, "color": "yellow", "sites": ["cheeks"], "diameter_mm": 1, "count": 10},
        {"age_years": 2, "color": "white", "sites": ["forehead", "nose"], "count": 3},
    ],
)
def test_milia_in_a_baby_or_young_child_is_not_called_acne(case: dict[str, Any]) -> None:
    """NEW-1: young_child_acne fired when closed comedones were second at >= 10 %,
    so a child whose top condition is milia was told about hormone excess."""
    result = milia.assess(case)
    assert result["differential"][0]["condition"] == "milia"
    assert "young_child_acne" not in _flags(case)
    assert result["triage"]["level"] == "self_care"


def test_an_unwell_young_child_with_blisters_is_not_called_acne() -> None:
    """NEW-1: an unwell 3-year-old with red vesicles had young_child_acne beside the
    urgent unwell flags (the blister flags cover this child)."""
    for extra in ({}, {"count": 10, "sites": ["cheeks", "forehead"]}):
        case = {"age_years": 3, "color": "red", "surface": "vesicle", "unwell": True}
        case |= {"sites": ["cheeks"], **extra}
        result = milia.assess(case)
        assert result["triage"]["level"] == "urgent"
        assert "young_child_acne" not in _flags(case)


def test_infantile_acne_still_has_the_young_child_flag() -> None:
    """QA Q37 (infantile acne, 150 days) stays routine with the flag."""
    case = {
        "age_days": 150,
        "color": "red",
        "diameter_mm": 2,
        "count": 20,
        "surface": "pustule",
        "inflamed": True,
        "sites": ["cheeks", "forehead"],
        "history": ["blackheads"],
        "duration_weeks": 8,
        "unwell": False,
    }
    result = milia.assess(case)
    assert result["triage"]["level"] == "routine"
    assert "young_child_acne" in _flags(case)
    assert level_rank(result["triage"]["level"]) == level_rank("routine")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("pearly white", "white"),
        ("Pearly White", "white"),
        ("pearly-white", "white"),
        ("pearly", "pearly_translucent"),
        ("see-through", "pearly_translucent"),
        ("translucent", "pearly_translucent"),
    ],
)
def test_pearly_white_is_the_milia_white(text: str, value: str) -> None:
    """NEW-3: "pearly white" (the textbook milia colour, literature case L01) was read as
    pearly_translucent, which brought the adult "pearly or see-through bumps" flag."""
    assert parse_answer("color", text) == {"color": value}
