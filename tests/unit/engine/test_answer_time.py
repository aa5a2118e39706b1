"""Reading a typed age: an age of 0 in years or months is asked back (QA F16-04)."""

from __future__ import annotations

import pytest

from milia.engine.answers import parse_answer
from milia.engine.interview import Interview
from milia.errors import CaseError


@pytest.mark.parametrize("typed", ["0", "0 years", "0 yrs", "0 months", "aged 0", "zero"])
def test_an_age_of_0_years_or_months_is_asked_back(typed: str) -> None:
    with pytest.raises(CaseError) as caught:
        parse_answer("age", typed)
    assert caught.value.field == "age"
    assert (
        "under one year" in caught.value.message and "days, weeks or months" in caught.value.message
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("0 days", {"age_days": 0}), ("0 weeks", {"age_days": 0}), ("0.75", {"age_days": 274}),
     ("0 years 9 months", {"age_days": 274}), ("newborn", {"age_days": 7})],
)  # fmt: skip
def test_an_age_under_a_year_said_plainly_is_read(typed: str, expected: dict[str, float]) -> None:
    assert parse_answer("age", typed) == expected


def test_the_interview_asks_again_and_keeps_no_age() -> None:
    interview = Interview()
    with pytest.raises(CaseError):
        interview.answer("age", "0")
    assert "age_days" not in interview.case and "age_years" not in interview.case
    interview.answer("age", "9 months")
    assert interview.case == {"age_days": 274}
