"""An adult's milia on the backs of the hands stay at least routine while blisters are
not denied: porphyria cutanea tarda and pseudoporphyria leave milia there (QA F14B-09)."""

from __future__ import annotations

from typing import Any

import pytest

from assess_paths import assess_both, flag_ids

_QA_HANDS = {
    "age_years": 60,
    "color": "white",
    "diameter_mm": 1.5,
    "count": 10,
    "sites": ["back_of_hands"],
}
_LEVELS = ("self_care", "routine", "soon", "urgent")


def _level(result: dict[str, Any]) -> int:
    return _LEVELS.index(result["triage"]["level"])


@pytest.mark.parametrize(
    "extra",
    [
        {"history": ["sunburn_at_site"]},  # the QA case: it was self-care
        {"consistency": "firm", "onset": "gradual", "duration_weeks": 12},  # was self-care
        {"history": ["chronic_sun_damage"]},
        {},
    ],
)
def test_adult_hand_milia_are_at_least_routine(extra: dict[str, Any]) -> None:
    result = assess_both({**_QA_HANDS, **extra})
    assert result["differential"][0]["condition"] == "milia"
    assert _level(result) >= 1
    assert "adult_hand_milia" in flag_ids(result)


def test_the_flag_names_both_conditions_and_when_to_go_sooner() -> None:
    (flag,) = [
        f
        for f in assess_both({**_QA_HANDS, "history": ["sunburn_at_site"]})["red_flags"]
        if f["id"] == "adult_hand_milia"
    ]
    assert "porphyria cutanea tarda" in flag["message"]
    assert "pseudoporphyria" in flag["message"]
    assert "within days" in flag["message"]
    assert "naproxen_pseudoporphyria1995" in flag["sources"]


def test_blisters_reported_are_soon_by_the_blistering_flag_instead() -> None:
    result = assess_both({**_QA_HANDS, "history": ["skin_fragility"]})
    assert result["triage"]["level"] == "soon"
    assert "blistering_fragility_photosensitivity" in flag_ids(result)
    assert "adult_hand_milia" not in flag_ids(result)


def test_none_of_these_denies_it_and_children_and_other_sites_do_not_fire() -> None:
    assert "adult_hand_milia" not in flag_ids(assess_both({**_QA_HANDS, "history": []}))
    assert "adult_hand_milia" not in flag_ids(assess_both({**_QA_HANDS, "age_years": 12}))
    assert "adult_hand_milia" not in flag_ids(assess_both({**_QA_HANDS, "sites": ["cheeks"]}))
