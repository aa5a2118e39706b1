"""Regressions found by the issue-2 re-check (/work/qa2/recheck.md, NEW-1 to NEW-5, F2-60)."""

from __future__ import annotations

from typing import Any

import pytest
from engine_strategies import valid_cases
from hypothesis import HealthCheck, given, settings

import milia
from milia.engine.interview import Interview, parse_answer
from milia.engine.triage import level_rank
from milia.errors import CaseError


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
        ("pearly", "pearly_translucent"),
        ("Translucent", "pearly_translucent"),
        ("translucent", "pearly_translucent"),
    ],
)
def test_pearly_and_translucent_are_the_pearly_colour(text: str, value: str) -> None:
    assert parse_answer("color", text) == {"color": value}


@pytest.mark.parametrize("text", ["pearly white", "Pearly White", "pearly-white"])
def test_pearly_white_is_asked_not_taken(text: str) -> None:
    """NEW-3 read "pearly white" (the textbook milia colour, literature case L01) as white;
    QA F11-14 (safety): that dropped the basal cell carcinoma flag of a single bump in an
    adult, and a person's "pearly white" can mean either. It is asked: white or pearly?"""
    with pytest.raises(CaseError, match="can mean white or pearly"):
        parse_answer("color", text)


def _interview(answers: dict[str, str]) -> Interview:
    interview = Interview()
    while (question := interview.next_question()) is not None:
        interview.answer(question["field"], answers.get(question["field"], "?"))
    return interview


@pytest.mark.parametrize("age", ["25", "40", "60"])
@pytest.mark.parametrize("sites", ["cheeks", "eyelids", "cheeks, forehead", "nose", "chest, back"])
def test_adults_are_asked_how_many_bumps(age: str, sites: str) -> None:
    """NEW-2: the other-findings and known-conditions questions took the room, so the
    count question came in 2 of 15 adult interviews (the onset question after 20 or
    more bumps was out of reach). Count comes before the rare-finding questions."""
    answers = {"age": age, "color": "white", "sites": sites, "unwell": "no", "diameter_mm": "1"}
    asked = _interview(answers).asked
    assert asked[:4] == ["age", "color", "sites", "unwell"]
    assert "count" in asked
    assert asked.index("count") < asked.index("associated_findings")
    assert asked.index("count") < asked.index("conditions")


@pytest.mark.parametrize("sites", ["cheeks", "cheeks, forehead", "chest, back"])
def test_many_bumps_bring_the_onset_question_within_the_limit(sites: str) -> None:
    """NEW-2: 20 or more bumps bring the onset question (eruptive_onset flag); it must
    fit within the limit together with the type and rare-finding questions."""
    answers = {
        "age": "40",
        "color": "white",
        "sites": sites,
        "unwell": "no",
        "diameter_mm": "1",
        "count": "40",
        "onset": "eruptive",
    }
    interview = _interview(answers)
    # within the limit (questions past it are only the safety questions of QA F6-20)
    asked = interview.asked[: interview.max_questions]
    assert "onset" in asked and asked.index("onset") == asked.index("count") + 1
    assert {"history", "medications", "associated_findings", "conditions"} <= set(asked)
    result = interview.result()
    assert result is not None and "eruptive_onset" in {f["id"] for f in result["red_flags"]}


def _options_offered(age: str) -> dict[str, list[str]]:
    interview, offered = Interview(max_questions=40), {}
    answers = {"age": age, "color": "white", "sites": "nose", "unwell": "no"}
    while (question := interview.next_question()) is not None:
        offered[question["field"]] = [str(o) for o in question["options"]]
        interview.answer(question["field"], answers.get(question["field"], "?"))
    return offered


ADULT_ITEMS = {
    "associated_findings": {"multiple_basal_cell_carcinomas", "jaw_osteomas", "colon_polyps"},
    "conditions": {"diabetes", "hyperlipidemia", "bullous_pemphigoid", "porphyria_cutanea_tarda"},
}


@pytest.mark.parametrize("age", ["5 days", "3 months", "18 months"])
def test_a_baby_is_not_offered_adult_findings_or_conditions(age: str) -> None:
    """NEW-5: a 5-day-old's parent was offered colon polyps, jaw osteomas, diabetes and
    bullous pemphigoid; the syndromic items of babies stay."""
    offered = _options_offered(age)
    for field, items in ADULT_ITEMS.items():
        assert field in offered
        assert not items & set(offered[field])
    assert "oral_malformations" in offered["associated_findings"]
    assert "epidermolysis_bullosa" in offered["conditions"]


def test_adults_are_offered_every_finding_and_a_baby_may_still_type_one() -> None:
    """NEW-5: only the list offered changes."""
    offered = _options_offered("40")
    for field, items in ADULT_ITEMS.items():
        assert items <= set(offered[field])
    interview = Interview()
    interview.answer("age", "5 days")
    interview.answer("conditions", "diabetes")
    assert interview.case["conditions"] == ["diabetes"]


SEE_A_DOCTOR_SOON = {"soon", "urgent"}


@pytest.mark.parametrize(
    ("case", "item"),
    [
        (
            {
                "age_days": 7,
                "color": "white",
                "course": "resolving",
                "unwell": True,
                "sites": ["abdomen"],
            },
            "newborn_rash_harmless",
        ),
        (
            {
                "age_years": 60,
                "color": "skin_colored",
                "diameter_mm": 2,
                "count": 30,
                "growing": True,
                "sites": ["eyelids", "under_eyes"],
            },
            "syringoma_clinician",
        ),
    ],
)
def test_no_harmless_advice_beside_a_doctor_soon(case: dict[str, Any], item: str) -> None:
    """Re-check of F2-60: the newborn-rash advice ("harmless ... no creams are needed")
    sat under the urgent unwell baby, the syringoma advice ("harmless ... removal")
    beside "rule out basal cell carcinoma"."""
    result = milia.assess(case)
    assert {f["level"] for f in result["red_flags"]} & SEE_A_DOCTOR_SOON
    ids = {a["id"] for a in result["advice"]}
    assert item not in ids
    assert not any("harmless" in a["text"] for a in result["advice"])


@pytest.mark.parametrize(
    "case",
    [
        {"age_days": 5, "color": "white", "surface": "pustule", "sites": ["chest"], "count": 20},
        {"age_years": 45, "color": "skin_colored", "diameter_mm": 2, "count": 20},
    ],
)
def test_the_harmless_advice_stays_without_a_flag(case: dict[str, Any]) -> None:
    """The fix removes the reassurance only beside a flag."""
    case = {**case, "sites": case.get("sites", ["under_eyes"])}
    result = milia.assess(case)
    ids = {a["id"] for a in result["advice"]}
    assert ids & {"newborn_rash_harmless", "syringoma_clinician"}, (ids, result["red_flags"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=valid_cases())
def test_nothing_is_called_harmless_beside_a_doctor_within_days(case: dict[str, Any]) -> None:
    """Re-check of F2-60 on generated cases: no advice says "harmless" while a red flag
    (other than the wish to self-extract) asks for a doctor today or within days."""
    result = milia.assess(case)
    soon = [
        f["id"]
        for f in result["red_flags"]
        if f["level"] in SEE_A_DOCTOR_SOON and "self_extraction" not in f["id"]
    ]
    if soon:
        harmless = [a["id"] for a in result["advice"] if "harmless" in a["text"]]
        assert not harmless, (soon, harmless)
