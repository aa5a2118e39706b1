"""The API's 422 for a long bad value is short (QA F6-09: a 1,000,158-byte 422)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    "case",
    [
        {"color": "w" * 1_000_000},
        {"k" * 100_000: "white", "color": "white"},
        {"color": "white", "sites": ["x" * 1_000_000]},
    ],
)
def test_assessment_422_is_short(client: TestClient, case: dict[str, object]) -> None:
    answer = client.post(
        "/api/v1/assessments",
        content=json.dumps(case),
        headers={"content-type": "application/json"},
    )
    assert answer.status_code == 422
    assert len(answer.content) < 600
    body = answer.json()
    assert "characters)" in body["detail"] and len(body["field"]) <= 100
