"""QA F9-C07: the suggestion is the closest valid value (fewest edits first)."""

from __future__ import annotations

from typing import Any

import pytest

from milia.engine.case import validate_case
from milia.errors import CaseError


@pytest.mark.parametrize(
    ("case", "field", "suggestion"),
    [
        ({"color": "white", "sites": ["ear"]}, "sites", "ears"),  # was behind_ears
        ({"color": "white", "sites": ["bac"]}, "sites", "back"),  # was back_of_hands
        ({"color": "white", "sex": "mal"}, "sex", "male"),  # was female
        ({"color": "white", "se": 1}, "se", "sex"),  # was onset
        ({"color": "white", "sex": "OTHER"}, "sex", "other"),  # was none
        ({"color": "white", "content": "NONE"}, "content", "none"),  # was none
        ({"color": "white", "sites": ["upper eyelid"]}, "sites", "eyelids"),
        ({"colour": "white"}, "colour", "color"),
        ({"color": "white", "sites": ["bakc"]}, "sites", "back"),  # two letters swapped
        ({"color": "white", "sex": "mlae"}, "sex", "male"),
    ],
)
def test_the_closest_valid_value_is_suggested(
    case: dict[str, Any], field: str, suggestion: str
) -> None:
    with pytest.raises(CaseError) as caught:
        validate_case(case)
    assert field in str(caught.value.field) and caught.value.suggestion == suggestion


def test_vague_words_are_still_not_guessed() -> None:
    with pytest.raises(CaseError) as caught:
        validate_case({"color": "white", "sites": ["face"]})
    assert caught.value.suggestion is None


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ({"case": {"color": "white"}, "unwell": True, "age_days": 5}, "unwell"),
        ({"id": 1, "case": {"color": "white"}, "sites": ["eyelids"]}, "sites"),
        ({"ID": 4, "case": {"color": "white"}}, "id"),
    ],
)
def test_qa_f9_c13_a_finding_beside_case_is_refused_not_dropped(
    line: dict[str, Any], field: str
) -> None:
    from milia.engine.json_input import unwrap_case

    with pytest.raises(CaseError) as caught:
        unwrap_case(line)
    assert caught.value.field == field


def test_metadata_beside_case_stays_the_callers() -> None:
    from milia.engine.json_input import unwrap_case

    line = {"id": "H1", "case": {"color": "white"}, "expect": {}, "rationale": "x", "refs": []}
    assert unwrap_case(line) == ("H1", {"color": "white"})
