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


def test_an_unknown_long_key_is_clipped_in_a_validation_422(client: TestClient) -> None:
    """A pydantic-checked route named a 100,000-character extra key twice (200,074 bytes)."""
    answer = client.post(
        "/api/v1/ingredients/check",
        content=json.dumps({"text": "water", "k" * 100_000: 1}),
        headers={"content-type": "application/json"},
    )
    assert answer.status_code == 422
    assert len(answer.content) < 400
    assert len(answer.json()["field"]) <= 100
