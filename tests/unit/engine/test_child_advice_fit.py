"""Care advice fits the age and the site (QA F14B-06)."""

from __future__ import annotations

import milia

_V04 = {"age_years": 2, "present_at_birth": True, "color": "white", "diameter_mm": 1,
        "count": 30, "sites": ["cheeks", "nose"], "duration_weeks": 100, "course": "stable"}  # fmt: skip


def _advice(case: dict[str, object]) -> dict[str, str]:
    return {a["id"]: a["text"] for a in milia.assess(case)["advice"]}


def test_a_young_child_is_not_told_about_retinoid_creams() -> None:
    advice = _advice(_V04)
    assert "acne_products_do_not_help" not in advice
    assert not any("retinoid" in text for text in advice.values())


def test_an_adult_still_is() -> None:
    adult = {"age_years": 30, "color": "white", "diameter_mm": 1, "count": 6,
             "sites": ["cheeks"], "duration_weeks": 30, "surface": "smooth_dome"}  # fmt: skip
    assert "acne_products_do_not_help" in _advice(adult)


def test_cheek_bumps_are_not_told_only_about_the_eyes() -> None:
    adult = {"age_years": 30, "color": "white", "diameter_mm": 1, "count": 6,
             "sites": ["cheeks"], "duration_weeks": 30, "surface": "smooth_dome"}  # fmt: skip
    text = _advice(adult)["avoid_heavy_eye_creams"]
    assert "on the skin with the bumps" in text


def test_an_eruptive_picture_after_laser_names_procedures_among_the_causes() -> None:
    # QA F14B-08: the flag spoke only of medicines and inherited conditions
    case = {"age_years": 35, "color": "white", "consistency": "firm", "diameter_mm": 1,
            "count": 20, "sites": ["cheeks"], "duration_weeks": 6,
            "history": ["laser_resurfacing_at_site"]}  # fmt: skip
    flags = {f["id"]: f for f in milia.assess(case)["red_flags"]}
    assert "skin procedures" in flags["eruptive_by_count"]["message"]
    assert "berk2008" in flags["eruptive_by_count"]["sources"]
