"""QA round 9 safety findings on the knowledge (F9-06, F9-08, F9-09), each as reported.

Each test fails before its change (self-care with no flag, or soon instead of urgent).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import milia
from milia.engine.batch import assess_batch


def _flags(result: dict[str, Any]) -> set[str]:
    return {f["id"] for f in result["red_flags"]}


# F9-06: persisting or widespread milia in a baby or child, and the inherited kind
PERSISTING = [
    # a 10-month-old, milia since birth
    {"age_days": 300, "color": "white", "diameter_mm": 1, "count": 15, "sites": ["nose", "cheeks"], "present_at_birth": True},
    # a 4-month-old, since birth
    {"age_days": 120, "color": "white", "diameter_mm": 1, "count": 15, "sites": ["nose"], "present_at_birth": True},
    # a 3-year-old, for 100 weeks
    {"age_years": 3, "color": "white", "diameter_mm": 1, "count": 40, "sites": ["cheeks", "nose"], "duration_weeks": 100},
    # a 3-year-old, on the cheeks, arms and scalp
    {"age_years": 3, "color": "white", "diameter_mm": 1, "count": 40, "sites": ["cheeks", "arms", "scalp"]},
]  # fmt: skip


@pytest.mark.parametrize("case", PERSISTING)
def test_persisting_or_widespread_milia_in_a_child_are_seen(case: dict[str, Any]) -> None:
    result = milia.assess(case)
    assert result["triage"]["level"] != "self_care"
    assert "child_widespread_or_persisting_milia" in _flags(result)
    assert assess_batch([case])[0] == result


def test_the_inherited_kind_most_likely_is_not_self_care() -> None:
    result = milia.assess(PERSISTING[2])
    assert result["milia_type"]["type"] == "genodermatosis_associated"
    assert "inherited_kind_most_likely" in _flags(result)


def test_a_newborns_milia_and_a_childs_new_facial_milia_stay_calm() -> None:
    """The change leaves ordinary milia alone: a 5-day-old's nose, a 6-year-old's
    cheeks for 8 weeks."""
    newborn = {"age_days": 5, "color": "white", "count": 20, "sites": ["nose", "cheeks"]}
    child = {"age_years": 6, "color": "white", "count": 5, "sites": ["cheeks"], "duration_weeks": 8}
    for case in (newborn, child):
        assert "child_widespread_or_persisting_milia" not in _flags(milia.assess(case))


# F9-08: shingles of the eye's nerve on the forehead
def test_painful_blisters_on_the_forehead_are_urgent() -> None:
    case = {"age_years": 70, "color": "clear", "surface": "vesicle", "arrangement": "grouped", "on_red_plaque": True, "painful": True, "sites": ["forehead"]}  # fmt: skip
    result = milia.assess(case)
    assert result["triage"]["level"] == "urgent"
    assert "painful_blisters_near_eye" in _flags(result)
    assert assess_batch([case])[0] == result


# F9-09: a painful, or red-rimmed, white eyelid bump
@pytest.mark.parametrize(
    "case",
    [
        {"age_years": 35, "color": "white", "count": 1, "painful": True, "sites": ["eyelids"]},
        {"age_years": 35, "color": "white", "count": 3, "inflamed": True, "sites": ["eyelids"]},
    ],
)
def test_a_painful_or_red_eyelid_bump_is_not_self_care(case: dict[str, Any]) -> None:
    result = milia.assess(case)
    assert result["triage"]["level"] == "routine"
    assert "eyelid_bump_painful_or_red" in _flags(result)
    assert assess_batch([case])[0] == result


def test_painful_and_red_on_the_eyelid_is_still_the_infection_flag() -> None:
    case = {"age_years": 35, "color": "white", "count": 1, "painful": True, "inflamed": True, "sites": ["eyelids"]}  # fmt: skip
    flags = _flags(milia.assess(case))
    assert "eyelid_infection_signs" in flags and "eyelid_bump_painful_or_red" not in flags


# F9-14: yellow crusted bumps in a 12-day-old
def test_crusts_in_a_newborn_are_seen_within_days() -> None:
    case = {"age_days": 12, "color": "yellow", "surface": "crusted", "count": 5, "sites": ["neck"]}
    result = milia.assess(case)
    assert result["triage"]["level"] == "soon"
    assert "newborn_crusts" in _flags(result)
    spreading = milia.assess({**case, "course": "spreading"})
    assert spreading["triage"]["level"] == "urgent"
    assert assess_batch([case])[0] == result


def test_a_crusted_newborn_is_asked_whether_the_crusts_spread() -> None:
    """F9-14, session 10: "spreading?" alone makes it urgent, so it leads the questions
    that could raise the level (after "is the baby unwell?"), before the answers that
    could only together with others, whatever their gain; in every path."""
    from milia.engine.jsontext import assess_json

    case = {"age_days": 12, "color": "yellow", "surface": "crusted", "count": 5, "sites": ["neck"]}
    result = milia.assess(case)
    asked = [(q["field"], q.get("reason", "")) for q in result["next_questions"]]
    assert asked[0][0] == "unwell"
    alone = [f for f, r in asked if "alone" in r]
    # session 10 (QA F10-10): crusts grouped or on red skin are urgent alone too (herpes),
    # so those questions share the first places with "spreading?"
    assert "course" in alone
    assert set(alone) <= {"course", "painful", "inflamed", "on_red_plaque", "arrangement"}
    spread = next(r for f, r in asked if f == "course")
    assert spread.startswith("safety: this answer alone could make this urgent")
    together = [i for i, (_, r) in enumerate(asked) if "together" in r]
    assert all(i > len(alone) for i in together)  # every 'alone' question comes first
    assert assess_batch([case])[0] == result
    assert json.loads(assess_json(case)) == result
