"""The web interview reads answers with the same everyday words as the CLI (QA F6-01).

The page's controls send option values and numbers; a client without the browser's
number check (or a pasted value) still reaches the same reader.
"""

from __future__ import annotations

import json
import re

import pytest
from api_helpers import csrf_of
from fastapi.testclient import TestClient

from milia.api.interview import InterviewState, answer
from milia.errors import CaseError

_HIDDEN = re.compile(r'name="(case_json|asked_json|question_json)" value="([^"]*)"')
COUNT = {"field": "count", "answer": "number", "options": []}
DIAMETER = {"field": "diameter_mm", "answer": "number", "unit": "mm", "options": []}
AGE = {"field": "age", "answer": "age", "question": "How old?"}


def _hidden(html: str) -> dict[str, str]:
    import html as htmllib

    return {k: htmllib.unescape(v) for k, v in _HIDDEN.findall(html)}


@pytest.mark.parametrize(
    ("raw", "value", "unit", "expected"),
    [
        (COUNT, "a dozen", "years", {"count": 12}),
        (COUNT, "100+", "years", {"count": 101}),
        (DIAMETER, "0,5 cm", "years", {"diameter_mm": 5.0}),
        (DIAMETER, "half a mm", "years", {"diameter_mm": 0.5}),
        (AGE, "thirty four", "years", {"age_years": 34.0}),
        (AGE, "six", "weeks", {"age_days": 42}),
    ],
)
def test_words_posted_to_a_number_field_are_read(
    raw: dict[str, object], value: str, unit: str, expected: dict[str, object]
) -> None:
    assert answer(InterviewState(), raw, [value], unit=unit).case == expected


def test_a_vague_count_asks_for_a_number() -> None:
    with pytest.raises(CaseError) as info:
        answer(InterviewState(), COUNT, ["lots"])
    assert "dozens" in info.value.message


def test_the_page_takes_an_age_in_words(client: TestClient) -> None:
    page = client.get("/interview").text
    data = {**_hidden(page), "csrf_token": csrf_of(page), "answer": ["thirty four"],
            "unit": "years", "action": "answer"}  # fmt: skip
    answer_page = client.post("/interview", data=data)
    assert answer_page.status_code == 200
    assert json.loads(_hidden(answer_page.text)["case_json"]) == {"age_years": 34.0}


def test_the_page_asks_again_with_a_hint_for_an_age_word(client: TestClient) -> None:
    page = client.get("/interview").text
    data = {**_hidden(page), "csrf_token": csrf_of(page), "answer": ["teen"],
            "unit": "years", "action": "answer"}  # fmt: skip
    answer_page = client.post("/interview", data=data)
    assert answer_page.status_code == 422
    assert 'role="alert"' in answer_page.text and "13 to 19" in answer_page.text
    assert json.loads(_hidden(answer_page.text)["question_json"])["field"] == "age"
