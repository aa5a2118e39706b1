"""Answers QA F15-04 found refused: an age with a decimal comma."""

from __future__ import annotations

import pytest

from milia.engine.answers import parse_answer


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2,5", {"age_years": 2.5}),  # refused three times before (QA F15-04)
        ("2,5 years", {"age_years": 2.5}),
        ("1,5 months", {"age_days": 46}),  # 45.66 days
        ("2 years, 3 months", {"age_years": 2.3}),  # a comma between parts stays one
        ("2.5", {"age_years": 2.5}),
    ],
)
def test_an_age_with_a_decimal_comma_is_read_as_the_size_is(
    typed: str, expected: dict[str, float]
) -> None:
    assert parse_answer("age", typed) == expected


def test_a_size_and_an_age_read_the_same_decimal_comma() -> None:
    assert parse_answer("diameter_mm", "1,5") == {"diameter_mm": 1.5}
    assert parse_answer("age", "1,5") == {"age_days": 548}  # 1.5 years, under 2: in days
