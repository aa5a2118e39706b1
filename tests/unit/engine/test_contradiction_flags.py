"""A flag that fires when two answers disagree is no warning sign (session 9, brief item 3).

``birth_and_duration_disagree`` (``contradiction: true`` in ``red_flags.yaml``) still
fires when "there since birth" meets a short duration, but no question is asked only to
find out whether the answers would disagree: the adult eyelid interview asked "there
since birth?" for it and grew from 18 to 19 questions.
"""

from __future__ import annotations

import pytest

import milia
from milia.engine.case import case_age_days, validate_case
from milia.engine.interview import Interview
from milia.engine.raising import raising_fields
from milia.engine.rule_possible import possible_flag_fields
from milia.engine.triage import level_rank
from milia.kb.loader import read_yaml

ADULT_EYELIDS = {"age_years": 34, "color": "white", "sites": ["eyelids"], "count": 3}


def test_the_contradiction_flag_is_marked_and_still_fires() -> None:
    flags = {f["id"]: f for f in read_yaml("model/red_flags.yaml")["flags"]}
    assert flags["birth_and_duration_disagree"].get("contradiction") is True
    case = {**ADULT_EYELIDS, "present_at_birth": True, "duration_weeks": 4}
    assert "birth_and_duration_disagree" in {f["id"] for f in milia.assess(case)["red_flags"]}


def test_no_question_is_asked_only_to_find_a_contradiction() -> None:
    clean = validate_case(ADULT_EYELIDS)
    age = case_age_days(clean)
    result = milia.assess(clean)
    unknown = ["present_at_birth", "duration_weeks"]
    possible = possible_flag_fields(result, clean, age, unknown)
    assert "birth_and_duration_disagree" not in {flag for flag, _, _ in possible}
    level = level_rank(result["triage"]["level"])
    assert "present_at_birth" not in {
        field for field, *_ in raising_fields(clean, age, level, [0] * 23, [0.0] * 23, None)
    }


@pytest.mark.parametrize("age", ["34", "41", "60"])
def test_the_adult_eyelid_interview_asks_no_contradiction_question(age: str) -> None:
    """18 questions without the contradiction's; QA F9-09 (a painful or red eyelid bump
    is routine) makes the pain a warning sign of its own: 19 with it, never more."""
    answers = {"age": age, "color": "white", "sites": "eyelids", "count": "3"}
    interview = Interview()
    while (question := interview.next_question()) is not None:
        interview.answer(question["field"], answers.get(question["field"], "?"))
    assert "present_at_birth" not in interview.asked
    assert "painful" in interview.asked
    assert len(interview.asked) <= 19
