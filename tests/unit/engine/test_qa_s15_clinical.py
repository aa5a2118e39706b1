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
