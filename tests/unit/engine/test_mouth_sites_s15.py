"""Impossible sites keep near-zero mass (QA F15-11): milia of the mouth are a newborn's."""

from __future__ import annotations

from typing import Any

import pytest

import milia


def _p(result: dict[str, Any], condition: str) -> float:
    return next(d["probability"] for d in result["differential"] if d["condition"] == condition)


def test_an_adults_new_white_gum_bumps_are_not_most_consistent_with_milia() -> None:
    case = {"age_years": 40, "color": "white", "diameter_mm": 2, "count": 2, "sites": ["gums"]}
    result = milia.assess({**case, "duration_weeks": 1})
    assert _p(result, "milia") < 0.3  # was 0.80
    assert result["not_listed"]["probability"] > _p(result, "milia")
    advice = {a["id"]: a["text"] for a in result["advice"]}
    assert "dentist" in advice["mouth_bumps_dentist"]
    assert "lumidental_gum_boil" in next(
        a["sources"] for a in result["advice"] if a["id"] == "mouth_bumps_dentist"
    )


@pytest.mark.parametrize("site", ["gums", "palate"])
def test_a_newborns_gum_and_palate_cysts_stay_the_newborn_kind(site: str) -> None:
    result = milia.assess(
        {"age_days": 5, "color": "white", "diameter_mm": 1, "count": 3, "sites": [site]}
    )
    assert result["differential"][0]["condition"] == "oral_inclusion_cysts"
    assert "mouth_bumps_dentist" not in {a["id"] for a in result["advice"]}


@pytest.mark.parametrize("site", ["genitals", "areola"])
def test_oral_inclusion_cysts_keep_almost_nothing_on_the_skin(site: str) -> None:
    result = milia.assess(
        {"age_days": 10, "color": "white", "diameter_mm": 1, "count": 3, "sites": [site]}
    )
    assert _p(result, "oral_inclusion_cysts") < 0.05  # was 0.096 / 0.11
    assert result["differential"][0]["condition"] == "milia"


def test_a_painful_red_gum_lump_keeps_the_abscess_flag_not_the_general_line() -> None:
    result = milia.assess(
        {"age_years": 40, "color": "red", "painful": True, "inflamed": True, "sites": ["gums"]}
    )
    assert "mouth_abscess_signs" in {f["id"] for f in result["red_flags"]}
    assert "mouth_bumps_dentist" not in {a["id"] for a in result["advice"]}
