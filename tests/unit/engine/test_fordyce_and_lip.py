"""Fordyce spots stay off the trunk and limbs; an adult's lasting lip lump is soon (session 14).

QA F13-01's rest: Fordyce spots kept x0.36-0.58 on the feet and knees, but they are
ectopic sebaceous glands of the lips, the mouth and the genitals [tab, mdl,
oral_mucosa_adnexa]. Giving them a low floor on the trunk and limbs raises them on the
lips (a floor's mass goes to the listed sites), where an adult's lasting lump is itself a
reason for an assessment within 2 weeks (NICE NG12 [cruk_oral_cancer_referral]):
lip_lump_adult reads that finding rather than basal cell carcinoma's share there.
"""

from __future__ import annotations

from typing import Any

import pytest

from assess_paths import assess_both, flag_ids


def _shown(result: dict[str, Any]) -> dict[str, float]:
    return {d["condition"]: d["probability"] for d in result["differential"]}


@pytest.mark.parametrize("site", ["knees", "feet", "abdomen", "arms"])
def test_fordyce_spots_are_not_read_on_the_trunk_and_limbs(site: str) -> None:
    case = {"age_years": 30, "color": "yellow", "diameter_mm": 1, "count": 10, "sites": [site]}
    assert _shown(assess_both(case))["fordyce_spots"] < 0.03


def test_fordyce_spots_stay_on_the_lips_and_inner_cheeks() -> None:
    for site in ("lips_vermilion", "buccal_mucosa"):
        case = {"age_years": 30, "color": "yellow", "diameter_mm": 1, "count": 20, "sites": [site]}
        assert assess_both(case)["differential"][0]["condition"] == "fordyce_spots"


@pytest.mark.parametrize(
    "case",
    [
        {"age_years": 69, "color": "skin_colored", "count": 3, "arrangement": "grouped",
         "itchy": True, "sites": ["lips_vermilion", "upper_lip"]},
        {"age_years": 45, "color": "pink", "sites": ["lips_vermilion"], "duration_weeks": 6},
    ],
)  # fmt: skip
def test_an_adults_lasting_lip_lump_is_soon(case: dict[str, Any]) -> None:
    result = assess_both(case)
    assert "lip_lump_adult" in flag_ids(result)
    assert result["triage"]["level"] in ("soon", "urgent")


@pytest.mark.parametrize(
    "case",
    [
        {"age_years": 30, "color": "clear", "surface": "vesicle", "arrangement": "grouped",
         "sites": ["lips_vermilion"]},  # a cold sore: blisters_around_the_mouth
        {"age_years": 30, "color": "white", "diameter_mm": 1, "count": 30, "sites": ["lips_vermilion"]},
        {"age_years": 12, "color": "pink", "sites": ["lips_vermilion"]},
        {"age_years": 45, "color": "pink", "sites": ["lips_vermilion"], "duration_weeks": 1},
    ],
)  # fmt: skip
def test_blisters_fordyce_dots_children_and_new_bumps_do_not_fire_it(case: dict[str, Any]) -> None:
    assert "lip_lump_adult" not in flag_ids(assess_both(case))
