"""Every next question names a case key, and the order is the documented one (A12-08).

The contract (case-format.md ``next_questions``) says "findings not given": a client
fills ``case[question["field"]]``. The age question was ``"age"``, not a case key; it is
``age_years`` (a baby's age may be given as ``age_days``). The interview keeps its own
question name ("age") and reads the case key back.
"""

from __future__ import annotations

import pytest

import milia
from milia.engine.assess import assess_many
from milia.engine.case import validate_case
from milia.engine.interview import Interview
from milia.engine.sample import random_cases

CASE_KEYS = {
    "age_days", "age_years", "sex", "premature", "unwell", "conditions",
    "associated_findings", "medications", "history", "color", "diameter_mm", "count",
    "surface", "consistency", "content", "expressible", "inflamed", "on_red_plaque",
    "arrangement", "painful", "itchy", "mobile", "growing", "leaves_brown_marks", "sites",
    "present_at_birth", "duration_weeks", "onset", "course", "bleeding",
}  # fmt: skip


def test_every_next_question_field_is_a_case_key() -> None:
    cases = random_cases(300, seed=13)
    for case, result in zip(cases, assess_many(cases, n_questions=64), strict=True):
        for q in result["next_questions"]:
            assert q["field"] in CASE_KEYS, q["field"]
            assert q["field"] not in case


def test_the_age_question_fills_age_years() -> None:
    result = milia.assess({"color": "white", "sites": ["nose"]})
    first = result["next_questions"][0]
    assert first["field"] == "age_years" and first["answer"] == "age"
    validate_case({"color": "white", "age_years": 34.0})  # the field takes an answer


@pytest.mark.parametrize("seed", [3, 4])
def test_triage_changing_questions_lead_then_information_gain(seed: int) -> None:
    """The documented order: answers that could change the level first (their reason
    says 'safety'), then the rest by expected information gain, best first."""
    for result in assess_many(random_cases(200, seed=seed), n_questions=12):
        questions = result["next_questions"]
        safety = [bool(str(q.get("reason") or "").startswith("safety")) for q in questions]
        assert safety == sorted(safety, reverse=True)  # no safety question after the rest
        rest = [q["expected_information_gain"] for q in questions if not q.get("reason")]
        assert rest == sorted(rest, reverse=True)


def test_the_interview_asks_the_age_by_its_own_name_and_does_not_repeat_it() -> None:
    interview = Interview()
    question = interview.next_question()
    assert question is not None and question["field"] == "age"
    interview.asked.append("age")  # answered "don't know": the age stays unknown
    for _ in range(6):
        nxt = interview.next_question()
        if nxt is None:
            break
        assert nxt["field"] != "age"
        interview.asked.append(nxt["field"])
        if nxt["field"] == "color":
            interview.answer("color", "white")
        elif nxt["field"] == "sites":
            interview.answer("sites", "nose")
