"""QA session 12 safety findings: urgent rules an unanswered field held back.

F12-20: feeling unwell with a sudden crop of red spots from 2 years on was "soon" with
no glass test; F12-21: feeling unwell with a painful, red, swollen patch was "soon"
unless "spreading" was said (absent course is unknown, never "no"); F12-18: a painful,
red, swollen lump was "today" at 27 days and "within days" at 28.
"""

from __future__ import annotations

from typing import Any

import pytest

import milia
from assess_paths import assess_both, flag_ids
from milia.engine.case import validate_case
from milia.engine.safety_probe import safety_questions
from milia.engine.triage import LEVELS


def _messages(result: dict[str, Any]) -> str:
    return " ".join(f["message"] for f in result["red_flags"])


# --- F12-20: fever and a new rash ---------------------------------------------------


@pytest.mark.parametrize("age", [5, 10, 16, 25, 60])
@pytest.mark.parametrize("colour", ["red", "pink", "brown", None])
def test_fever_with_a_sudden_crop_of_spots_is_today_with_the_glass_test(
    age: int, colour: str | None
) -> None:
    case: dict[str, Any] = {
        "age_years": age,
        "unwell": True,
        "count": 30,
        "diameter_mm": 2,
        "sites": ["chest", "legs"],
        "onset": "eruptive",
    }
    if colour is not None:
        case["color"] = colour
    result = assess_both(case)
    assert result["triage"]["level"] == "urgent"
    assert "unwell_sudden_red_spots" in flag_ids(result)
    assert "glass" in _messages(result) and "999" in _messages(result)


def test_fever_with_spreading_red_spots_is_today() -> None:
    case = {"age_years": 12, "unwell": True, "color": "red", "course": "spreading"}
    case |= {"count": 20, "sites": ["arms"]}
    assert "unwell_sudden_red_spots" in flag_ids(assess_both(case))


@pytest.mark.parametrize(
    "change",
    [{"unwell": False}, {"onset": "gradual"}, {"color": "white"}, {"color": "skin_colored"}],
)
def test_the_sudden_spots_flag_needs_each_part(change: dict[str, Any]) -> None:
    case = {"age_years": 10, "unwell": True, "color": "red", "onset": "eruptive"}
    case |= {"count": 30, "sites": ["chest"], **change}
    assert "unwell_sudden_red_spots" not in flag_ids(assess_both(case))


@pytest.mark.parametrize("age", [5, 8, 40])
def test_every_unwell_rash_carries_the_glass_test(age: int) -> None:
    """An undescribed rash with fever (the interview's repro): the glass-test line is
    there whatever the bumps look like."""
    result = milia.assess({"age_years": age, "unwell": True, "sites": ["chest"]})
    flags = {f["id"]: f for f in result["red_flags"]}
    assert "unwell_with_rash" in flags
    assert "glass" in flags["unwell_with_rash"]["message"]
    assert "what018_fever_and_rash" in flags["unwell_with_rash"]["sources"]


def test_the_interview_asks_whether_spots_came_suddenly_with_fever() -> None:
    """A child with fever and red spots: the onset and the course are safety questions
    (each could make the answer 'today')."""
    case = validate_case({"age_years": 8, "unwell": True, "color": "red", "sites": ["legs"]})
    level, found = safety_questions(case)
    asked = {q.field: LEVELS[q.raises_to] for q in found}
    assert LEVELS[level] == "soon"
    assert asked.get("onset") == "urgent" or asked.get("course") == "urgent"


# --- F12-21: fever with a painful, red, swollen patch -------------------------------


@pytest.mark.parametrize(("age", "size"), [(8, 40), (50, 60), (30, 12), (3, 20), (None, 25)])
@pytest.mark.parametrize(
    "red",
    [
        {"painful": True, "inflamed": True, "color": "red"},
        {"painful": True, "color": "pink"},
        {"inflamed": True, "color": "red"},
    ],
)
def test_fever_with_a_red_painful_patch_is_today_without_spreading(
    age: int | None, size: float, red: dict[str, Any]
) -> None:
    case: dict[str, Any] = {**red, "unwell": True, "diameter_mm": size, "count": 1}
    case["sites"] = ["legs"]
    if age is not None:
        case["age_years"] = age
    result = assess_both(case)
    assert "course" not in case
    assert result["triage"]["level"] == "urgent"
    assert "unwell_spreading_painful_redness" in flag_ids(result)


@pytest.mark.parametrize(
    "change",
    [{"unwell": False}, {"diameter_mm": 5}, {"painful": False, "inflamed": False}],
)
def test_the_cellulitis_flag_still_needs_each_part(change: dict[str, Any]) -> None:
    case = {"age_years": 45, "color": "red", "painful": True, "inflamed": True}
    case |= {"unwell": True, "diameter_mm": 40, "sites": ["legs"], **change}
    assert "unwell_spreading_painful_redness" not in flag_ids(assess_both(case))


def test_the_interview_asks_is_it_spreading_when_the_size_is_unknown() -> None:
    case = validate_case(
        {"age_years": 45, "unwell": True, "color": "red", "painful": True, "sites": ["legs"]}
    )
    _, found = safety_questions(case)
    asked = {q.field: LEVELS[q.raises_to] for q in found}
    assert asked.get("course") == "urgent"
    assert asked.get("diameter_mm") == "urgent"


# --- F12-18: a skin infection under 3 months ----------------------------------------


@pytest.mark.parametrize("days", [10, 27, 28, 45, 80, 90])
def test_a_red_painful_lump_under_3_months_is_today(days: int) -> None:
    case = {"age_days": days, "color": "red", "diameter_mm": 15, "painful": True}
    case |= {"inflamed": True, "count": 1, "sites": ["cheeks"]}
    result = assess_both(case)
    assert result["triage"]["level"] == "urgent"
    assert "newborn_signs_of_infection" in flag_ids(result)
    assert "baby_signs_of_infection" not in flag_ids(result)


def test_from_3_months_the_baby_infection_flag_is_within_days() -> None:
    case = {"age_days": 100, "color": "red", "diameter_mm": 15, "painful": True}
    case |= {"count": 1, "sites": ["cheeks"]}
    result = assess_both(case)
    assert "baby_signs_of_infection" in flag_ids(result)
    assert "newborn_signs_of_infection" not in flag_ids(result)


# --- the scan: a count not given is "not known" -------------------------------------


def test_a_spreading_brown_spot_with_no_count_is_checked_within_days() -> None:
    case = {"age_years": 50, "color": "brown", "course": "spreading", "sites": ["back"]}
    result = assess_both(case)
    assert "changing_brown_spot" in flag_ids(result)
    assert result["triage"]["level"] == "soon"
    assert "changing_brown_spot" not in flag_ids(assess_both({**case, "count": 10}))


def test_a_firm_yellow_eyelid_lump_with_no_count_in_an_older_adult_is_soon() -> None:
    case = {"age_years": 70, "color": "yellow", "sites": ["eyelids"], "consistency": "firm"}
    result = assess_both(case)
    assert "single_yellow_eyelid_lump_older_adult" in flag_ids(result)
    assert "single_yellow_eyelid_lump_older_adult" not in flag_ids(
        assess_both({**case, "count": 4})
    )


def test_fever_with_a_painful_swollen_patch_of_unknown_colour_is_today() -> None:
    case = {"age_years": 45, "unwell": True, "painful": True, "inflamed": True}
    case |= {"diameter_mm": 30, "sites": ["legs"]}
    result = assess_both(case)
    assert result["triage"]["level"] == "urgent"
    assert "unwell_spreading_painful_redness" in flag_ids(result)


@pytest.mark.parametrize("days", [10, 40, 80])
def test_an_inflamed_lump_of_a_baby_under_3_months_is_today_with_no_colour(days: int) -> None:
    """A 40-day-old's inflamed 15-mm lump, colour and pain not said, was routine."""
    case = {"age_days": days, "inflamed": True, "diameter_mm": 15, "sites": ["neck"]}
    result = assess_both(case)
    assert result["triage"]["level"] == "urgent"
    assert "newborn_signs_of_infection" in flag_ids(result)
