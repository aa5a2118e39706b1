"""The result page of an undescribed case shows no empty sections (QA F10-20)."""

from __future__ import annotations

import json

from api_helpers import csrf_of
from fastapi.testclient import TestClient


def _result(client: TestClient, case: dict[str, object]) -> str:
    page = client.get("/interview").text
    data = {"csrf_token": csrf_of(page), "case_json": json.dumps(case),
            "asked_json": json.dumps(list(case)), "action": "result"}  # fmt: skip
    answer = client.post("/interview", data=data)
    assert answer.status_code == 200, answer.text[:300]
    return " ".join(answer.text.split())


def test_nothing_described_says_so_instead_of_empty_sections(client: TestClient) -> None:
    page = _result(client, {"age_days": 5})
    assert "Nothing was described about the bumps yet" in page
    assert "What the bumps are most consistent with" not in page
    assert "Milia are not among the three most likely" not in page
    assert "questions below" not in page


def test_a_described_case_keeps_its_sections(client: TestClient) -> None:
    page = _result(client, {"age_days": 10, "color": "white", "sites": ["nose"], "count": 20})
    assert "What the bumps are most consistent with" in page
    assert "If these are milia" in page
    assert "Nothing was described" not in page


def test_the_photo_page_says_why_it_asks_to_sign_in(client: TestClient) -> None:
    # QA F10-20: "Photo" on the home page led to a bare sign-in form
    page = client.get("/photo", follow_redirects=True).text
    assert "Checking a photo here needs an account" in page
    plain = client.get("/signin").text
    assert "Checking a photo here needs an account" not in plain
