"""QA F12-12 (web forms): a diary form's error uses the form's labels and plain words, not
pydantic's ("date: Input should be a valid date ...", "what: String should have at least 1
character")."""

from __future__ import annotations

import html as htmllib
from collections.abc import Callable

import pytest
from api_helpers import csrf_of
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("path", "form", "said"),
    [
        ("/diary/entries", {"date": "", "count": "3"},
         "Date: write the date as YYYY-MM-DD, e.g. 2026-12-01"),
        ("/diary/entries", {"date": "2026-10-01", "count": "-1"}, "Total count: must be 0 or more"),
        ("/diary/treatments", {"what": "", "started": "2026-10-01"}, "What: fill it in"),
        ("/diary/treatments", {"what": "adapalene", "started": "01/10/2026"},
         "From: write the date as YYYY-MM-DD"),
    ],
)  # fmt: skip
def test_a_diary_form_error_is_in_the_forms_words(
    page_signup: Callable[[str], TestClient], path: str, form: dict[str, str], said: str
) -> None:
    web = page_signup("form-words@example.org")
    token = csrf_of(web.get("/diary").text)
    answer = web.post(path, data={"csrf_token": token, **form})
    assert answer.status_code == 422
    page = htmllib.unescape(answer.text)
    assert said in page
    assert "Input should" not in page and "String should" not in page
