"""Reading case JSON offers nothing made up (QA F11-02): a wrongly wrapped case is offered
back as the author's own object, and text that holds no case gets the shape, no case."""

from __future__ import annotations

import json

import pytest

from milia.engine.case_suggest import CASE_SHAPE
from milia.engine.json_input import parse_case_json, unwrap_case
from milia.errors import CaseError


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ('"red spots on my nose"', None),  # was white bumps on the eyelids
        ('"hello"', None),
        (json.dumps(json.dumps({"color": "red", "sites": ["nose"]})), '{"color": "red", "sites": ["nose"]}'),
        ("[" * 100_000 + "]" * 100_000, None),  # nested too deeply
    ],
)  # fmt: skip
def test_text_that_is_no_case_gets_its_own_case_or_the_shape(
    text: str, suggestion: str | None
) -> None:
    with pytest.raises(CaseError) as refused:
        parse_case_json(text)
    assert refused.value.suggestion == suggestion
    assert "eyelids" not in str(refused.value)
    if suggestion is None:
        assert CASE_SHAPE in refused.value.message


@pytest.mark.parametrize(
    ("line", "suggestion"),
    [
        ({"id": "a", "case": "white bumps"}, None),
        ({"id": "a", "case": '{"color": "red"}'}, '{"color": "red"}'),
        (
            {"id": "a", "color": "red", "count": 3},
            '{"id": "a", "case": {"color": "red", "count": 3}}',
        ),
    ],
)
def test_a_line_is_offered_its_own_findings_in_the_right_place(
    line: dict[str, object], suggestion: str | None
) -> None:
    with pytest.raises(CaseError) as refused:
        unwrap_case(line)
    assert refused.value.suggestion == suggestion
    assert "eyelids" not in str(refused.value)
