"""A long bad value is quoted briefly everywhere a case is checked (QA F6-09)."""

from __future__ import annotations

import json

import pytest

from milia.engine.answers import parse_answer
from milia.engine.case import validate_case
from milia.errors import CaseError

LONG = 1_000_000
# the longest error message about one bad value, in characters (the valid values of
# the sites list are ~330 characters)
MAX_MESSAGE = 600


@pytest.mark.parametrize(
    "case",
    [
        {"color": "w" * LONG},
        {"k" * 100_000: "white", "color": "white"},
        {"color": "white", "sites": ["x" * LONG]},
        {"color": "white", "sites": ["y" * LONG, "y" * LONG]},
        {"color": "white", "history": ["h" * LONG]},
    ],
)
def test_case_errors_quote_at_most_a_few_characters(case: dict[str, object]) -> None:
    with pytest.raises(CaseError) as info:
        validate_case(case)
    error = info.value
    assert len(error.message) < MAX_MESSAGE
    assert error.field is None or len(error.field) <= 100
    assert error.suggestion is None
    assert "characters)" in error.message


def test_a_key_given_twice_is_quoted_briefly() -> None:
    key = "k" * 100_000
    with pytest.raises(CaseError) as info:
        validate_case(f'{{"{key}": 1, "{key}": 2, "color": "white"}}')
    assert len(info.value.message) < MAX_MESSAGE
    assert info.value.field is not None and len(info.value.field) <= 100


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("sites", "x" * LONG),
        ("sites", "nose, " + "x" * LONG),
        ("color", "w" * LONG),
        ("surface", "s" * LONG),
        ("age", "a" * LONG),
        ("count", "c" * LONG),
        ("x" * LONG, "white"),
    ],
)
def test_interview_answers_are_quoted_briefly(field: str, text: str) -> None:
    with pytest.raises(CaseError) as info:
        parse_answer(field, text)
    assert len(info.value.message) < MAX_MESSAGE
    assert info.value.suggestion is None


def test_a_short_value_is_still_quoted_whole() -> None:
    with pytest.raises(CaseError) as info:
        validate_case(json.loads('{"color": "whte"}'))
    assert "'whte'" in info.value.message and info.value.suggestion == "white"
