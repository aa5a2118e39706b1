"""A picture that fits none of the listed conditions well gets advice that says so, and
no condition's own advice unless that condition is printed at least as likely (QA
F14B-07, an eruptive xanthoma's picture)."""

from __future__ import annotations

from assess_paths import assess_both
from milia.engine.sample import random_cases

# eruptive xanthoma: crops of yellow papules on the limbs and back with a red halo, in
# someone with diabetes and high blood lipids (not one of the 23 conditions)
_XANTHOMA = {
    "age_years": 45,
    "color": "yellow",
    "diameter_mm": 3,
    "count": 30,
    "sites": ["arms", "legs", "back"],
    "onset": "eruptive",
    "inflamed": True,
    "itchy": True,
    "conditions": ["diabetes", "hyperlipidemia"],
}


def test_the_xanthoma_picture_is_told_it_fits_none_well() -> None:
    result = assess_both(_XANTHOMA)
    assert result["not_listed"]["probability"] >= 0.2
    ids = [a["id"] for a in result["advice"]]
    assert "fits_none_well" in ids
    assert "molluscum_contagious" not in ids  # molluscum is printed far below "not listed"


def test_the_note_appears_exactly_from_the_policy_share() -> None:
    seen = 0
    for case in random_cases(800, seed=21):
        result = assess_both(case)
        outside = result["not_listed"]["probability"] >= 0.2
        assert ("fits_none_well" in [a["id"] for a in result["advice"]]) == outside, case
        seen += outside
    assert seen > 0


def test_a_calm_milia_picture_is_unchanged() -> None:
    result = assess_both({"age_years": 34, "color": "white", "diameter_mm": 1.5,
                          "sites": ["eyelids"], "consistency": "firm"})  # fmt: skip
    assert "fits_none_well" not in [a["id"] for a in result["advice"]]
