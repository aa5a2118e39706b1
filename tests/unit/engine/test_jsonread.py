"""``read_valid``: the usual valid line read by msgspec, exactly as the full reading reads it;
any other line left to the full reading, whose results and error records stay the same."""

from __future__ import annotations

import json
from typing import Any

import pytest
from engine_strategies import json_values, valid_cases
from hypothesis import given, settings
from hypothesis import strategies as st

from milia.engine.case import validate_case
from milia.engine.json_input import unwrap_case
from milia.engine.jsonread import read_valid
from milia.engine.jsontext import assess_lines, read_line
from milia.engine.sample import random_cases
from milia.engine.vocabulary import FIELDS
from milia.errors import CaseError


def _full(line: str) -> tuple[Any, dict[str, Any]] | str:
    """The full reading of a line: ``(id, case)``, or its error message."""
    try:
        case_id, case = unwrap_case(read_line(line))
        return case_id, validate_case(case)
    except CaseError as err:
        return err.message


def _same(got: tuple[Any, dict[str, Any]], want: object) -> None:
    """The same id and case: values, key order and each value's type (2 is not 2.0)."""
    assert isinstance(want, tuple), want
    assert got == want
    assert list(got[1]) == list(want[1])
    assert [type(v) for v in got[1].values()] == [type(v) for v in want[1].values()]
    assert type(got[0]) is type(want[0])


def _lines(cases: list[dict[str, Any]]) -> list[str]:
    """Bare cases, and cases with a string, an integer and a null id."""
    out = []
    for i, case in enumerate(cases):
        form = i % 4
        if form == 0:
            out.append(json.dumps(case))
        else:
            case_id = [f"case-{i}", i, None][form - 1]
            out.append(json.dumps({"id": case_id, "case": case}))
    return out


def test_usual_lines_read_as_the_full_reading_reads_them() -> None:
    lines = _lines(random_cases(3000, seed=41))
    for line in lines:
        got = read_valid(line)
        assert got is not None, line  # every usual valid line takes the fast way
        _same(got, _full(line))


@settings(max_examples=300, deadline=None)
@given(st.lists(valid_cases(), min_size=1, max_size=8))
def test_any_valid_case_reads_the_same(cases: list[dict[str, Any]]) -> None:
    for line in _lines(cases):
        got = read_valid(line)
        if got is not None:
            _same(got, _full(line))


# lines the fast way must leave to the full reading: each is invalid, or valid only
# after the full reading changes or accepts something the typed form does not
LEFT: list[str] = [
    '{"color": "white", "color": "yellow"}',  # a key twice
    '{"color": "whte"}',
    '{"color": "white", "count": 2.0}',  # valid: the full reading makes it 2
    '{"color": "white", "count": 0}',
    '{"color": "white", "diameter_mm": 0}',
    '{"color": "white", "diameter_mm": NaN}',
    '{"color": "white", "age_years": 1e400}',
    '{"color": "white", "sites": ["eyelids", "eyelids"]}',
    '{"color": "white", "sites": "eyelids"}',
    '{"color": "white", "unwell": 1}',
    '{"color": "white", "unwell": null}',
    '{"color": "white", "bogus": 1}',
    '{"age_days": 10, "age_years": 1, "color": "white"}',
    '{"age_days": 10, "color": "white", "duration_weeks": 9}',
    '{"age_years": 30}',  # nothing about the bumps
    '{"sites": []}',
    '{"case": {"color": "white"}}',  # valid: a wrapper without an id
    '{"id": 1, "case": {"color": "white"}, "expect": "x"}',  # valid: another key beside
    '{"id": 1, "color": "white"}',
    '{"id": "\\ud800", "case": {"color": "white"}}',  # valid: a lone surrogate id
    '{"id": 123456789012345678901234567890, "case": {"color": "white"}}',  # valid
    '{"id": 1.5, "case": {"color": "white"}}',  # valid: a float id
    '{"id": "a:b", "case": {"color": "white"}}',  # valid: a colon inside a string
    '{"id": 1, "case": "{\\"color\\": \\"white\\"}"}',
    '{"id": 1, "case": {"color": "white", "case": {}}}',
    '["color"]',
    '"a string"',
    "",
    "{",
    '{"color": "white"} x',
]


@pytest.mark.parametrize("line", LEFT)
def test_other_lines_are_left_to_the_full_reading(line: str) -> None:
    assert read_valid(line) is None


def test_records_of_left_lines_as_the_full_reading_gives_them() -> None:
    """Through ``assess_lines``: each left line's record is the full reading's, an
    error with its message or the assessment of the case the full reading gives."""
    numbered = list(enumerate(LEFT, start=1))
    out = assess_lines(numbered)
    errors = 0
    for (number, line), (text, failed) in zip(numbered, out, strict=True):
        want = _full(line)
        record = json.loads(text)
        assert failed == isinstance(want, str), line
        if isinstance(want, str):
            errors += 1
            assert record["detail"] == f"line {number}: {want}"
        else:  # the assessment of the case the full reading gives, with the line's id
            bare = json.loads(assess_lines([(number, json.dumps(want[1]))])[0][0])
            assert record == {**bare, "id": want[0]}
    assert 15 < errors < len(LEFT)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from([*FIELDS, "id", "case", "other"]), json_values, max_size=6))
def test_any_json_object_reads_the_same_or_is_left(obj: dict[str, Any]) -> None:
    try:
        line = json.dumps(obj)
    except ValueError:  # not JSON
        return
    got = read_valid(line)
    if got is not None:
        _same(got, _full(line))
