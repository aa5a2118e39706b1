"""Answers QA F13-06 found refused: lengths in two units, sizes in inches."""

from __future__ import annotations

import pytest

from milia.engine.answer_time import compound_days
from milia.engine.answers import number_ends, parse_answer
from milia.errors import CaseError


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2 years 3 months", {"age_years": 2.3}),  # 821.8 days
        ("1 year 6 months", {"age_days": 548}),
        ("one year and two months", {"age_days": 426}),
        ("3 weeks 2 days", {"age_days": 23}),
        ("34", {"age_years": 34.0}),  # one part: read as before
        ("5 days", {"age_days": 5}),
    ],
)
def test_an_age_in_two_units_is_their_sum(typed: str, expected: dict[str, float]) -> None:
    assert parse_answer("age", typed) == expected


@pytest.mark.parametrize(
    ("typed", "weeks"),
    [
        ("2 years 3 months", 117.4),
        ("1 month and 2 weeks", 6.35),
        ("2 weeks 3 days", 2.43),
        ("2 weeks, 3 days", 2.43),
        ("1,5 weeks", 1.5),  # a decimal comma is still a decimal comma
        ("6 weeks", 6.0),
    ],
)
def test_a_duration_in_two_units_is_their_sum(typed: str, weeks: float) -> None:
    assert parse_answer("duration_weeks", typed) == {"duration_weeks": weeks}


@pytest.mark.parametrize("typed", ["2 weeks or 3 days", "2 mm 3 days", "2 weeks 3 bumps"])
def test_two_numbers_that_are_not_one_length_are_refused(typed: str) -> None:
    with pytest.raises(CaseError) as caught:
        parse_answer("duration_weeks", typed)
    assert caught.value.field == "duration_weeks"


def test_compound_days_needs_two_time_parts_and_nothing_else() -> None:
    assert compound_days("1 year 1 day") == pytest.approx(366.25)
    assert compound_days("3 days") is None
    assert compound_days("about 2 weeks 3 days") is None
    assert compound_days("2 weeks 3 days ago") is None


@pytest.mark.parametrize(
    ("typed", "mm"),
    [("0.2 in", 5.08), ("1/16 inch", 1.5875), ("0.1 inches", 2.54), ('0.1"', 2.54)],
)
def test_a_size_in_inches_is_read_in_millimetres(typed: str, mm: float) -> None:
    assert parse_answer("diameter_mm", typed) == {"diameter_mm": pytest.approx(mm)}


def test_a_size_range_in_inches_has_its_ends_in_millimetres() -> None:
    ends = number_ends("diameter_mm", "0.05-0.1 in")
    assert ends is not None and ends == pytest.approx((1.27, 2.54))


def test_in_is_not_read_as_inches_inside_a_word() -> None:
    with pytest.raises(CaseError):
        parse_answer("diameter_mm", "2 min")
