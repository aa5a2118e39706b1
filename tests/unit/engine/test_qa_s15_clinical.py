"""Clinical findings of QA session 15 (F15-07: a newborn's fragile, blistering skin)."""

from __future__ import annotations

from typing import Any

import pytest

import milia


def _flags(result: dict[str, Any]) -> list[str]:
    return [f["id"] for f in result["red_flags"]]


_EB_NEWBORN: dict[str, Any] = {
    "age_days": 2,
    "present_at_birth": True,
    "history": ["skin_fragility", "blistering_at_site"],
    "color": "white",
    "diameter_mm": 1,
    "count": 10,
    "sites": ["back_of_hands", "knees", "feet"],
}


@pytest.mark.parametrize(
    "case",
    [
        _EB_NEWBORN,  # QA F15-07: was soon
        {"age_days": 10, "history": ["skin_fragility"], "color": "white", "sites": ["feet"]},
        {"age_days": 1, "present_at_birth": True, "surface": "vesicle", "sites": ["legs"]},
        {
            "age_days": 3,
            "present_at_birth": True,
            "history": ["blistering_at_site"],
            "color": "white",
        },
    ],
)
def test_a_newborns_fragile_skin_or_blisters_from_birth_are_seen_today(
    case: dict[str, Any],
) -> None:
    result = milia.assess(case)
    assert result["triage"]["level"] == "urgent"
    assert "newborn_fragile_skin_or_birth_blisters" in _flags(result)
    flag = next(
        f for f in result["red_flags"] if f["id"] == "newborn_fragile_skin_or_birth_blisters"
    )
    assert "today" in flag["message"] and "epidermolysis bullosa" in flag["message"]
    assert "gonzalez2013_newborn_eb" in flag["sources"]


def test_a_known_eb_baby_at_follow_up_stays_as_it_was() -> None:
    case = dict(_EB_NEWBORN, age_days=60, conditions=["epidermolysis_bullosa"])
    del case["present_at_birth"]
    result = milia.assess(case)
    assert result["triage"]["level"] == "soon"
    assert "newborn_fragile_skin_or_birth_blisters" not in _flags(result)


def test_a_newborns_blisters_that_came_after_birth_on_normal_skin_stay_routine() -> None:
    # miliaria crystallina's clear blisters on normal skin, mostly harmless [cpm]
    result = milia.assess(
        {
            "age_days": 5,
            "present_at_birth": False,
            "surface": "vesicle",
            "color": "clear",
            "sites": ["forehead"],
        }
    )
    assert result["triage"]["level"] == "routine"
    assert "newborn_fragile_skin_or_birth_blisters" not in _flags(result)


def _advice(result: dict[str, Any]) -> dict[str, str]:
    return {a["id"]: a["text"] for a in result["advice"]}


@pytest.mark.parametrize(
    "case",
    [
        {
            "age_days": 3,
            "color": "yellow",
            "diameter_mm": 0.5,
            "count": 40,
            "sites": ["nose", "upper_lip"],
        },
        {"age_days": 3, "color": "yellow", "count": 40, "sites": ["nose"]},
    ],
)
def test_a_newborns_sebaceous_hyperplasia_gets_no_skin_cancer_line(case: dict[str, Any]) -> None:
    """QA F15-01: basal cell carcinoma was named for a 3-day-old."""
    result = milia.assess(case)
    assert result["differential"][0]["condition"] == "sebaceous_hyperplasia"
    advice = _advice(result)
    assert "check_changing_bump" not in advice
    assert not any("carcinoma" in text for text in advice.values())
    assert "fade by themselves within weeks" in advice["newborn_sebaceous_hyperplasia"]


def test_an_adults_sebaceous_hyperplasia_keeps_the_changing_bump_line() -> None:
    result = milia.assess({"age_years": 60, "color": "yellow", "count": 3, "sites": ["forehead"]})
    assert result["differential"][0]["condition"] == "sebaceous_hyperplasia"
    assert "check_changing_bump" in _advice(result)


@pytest.mark.parametrize(
    "case",
    [
        # QA F15-02: crusts at 2 weeks (newborn_crusts, soon)
        {
            "age_days": 14,
            "color": "yellow",
            "surface": "crusted",
            "count": 6,
            "sites": ["nose", "upper_lip"],
        },
        {"age_days": 20, "color": "white", "surface": "pustule", "count": 6, "sites": ["cheeks"]},
        {"age_days": 200, "color": "white", "painful": True, "count": 4, "sites": ["cheeks"]},
    ],
)
def test_a_babys_infection_picture_gets_no_unconditional_no_treatment_line(
    case: dict[str, Any],
) -> None:
    advice = _advice(milia.assess(case))
    assert not any("need no treatment: " in text for text in advice.values())
    assert "baby_milia_no_treatment" not in advice and "infant_milia_no_treatment" not in advice
    if "baby_milia_infection_possible" in advice:  # milia in the running: still no squeezing
        assert "do not squeeze" in advice["baby_milia_infection_possible"]
        assert "unless the doctor advises it" in advice["baby_milia_infection_possible"]


def test_the_crusted_newborn_is_still_told_not_to_squeeze() -> None:
    advice = _advice(
        milia.assess(
            {
                "age_days": 14,
                "color": "yellow",
                "surface": "crusted",
                "count": 6,
                "sites": ["nose", "upper_lip"],
            }
        )
    )
    assert "baby_milia_infection_possible" in advice
    assert "check_changing_bump" not in advice
