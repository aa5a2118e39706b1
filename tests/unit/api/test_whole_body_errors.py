"""A JSON body that is empty, or not an object, is said plainly, naming the body (QA F14-03)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (b"", "the body is empty"),
        (b'["Aqua"]', "not an array"),
        (b'"Aqua, Petrolatum"', "not a string"),
        (b"42", "not a number"),
        (b"null", "not null"),
    ],
)
def test_a_body_that_is_not_an_object_names_the_body_and_the_fields(
    client: TestClient, body: bytes, said: str
) -> None:
    got = client.post(
        "/api/v1/ingredients/check", content=body, headers={"content-type": "application/json"}
    )
    assert got.status_code == 422
    answer = got.json()
    assert answer["field"] == "body"
    assert said in answer["detail"] and '"text": ...' in answer["detail"]


def test_a_missing_field_inside_an_object_still_names_that_field(client: TestClient) -> None:
    got = client.post("/api/v1/ingredients/check", json={})
    assert got.status_code == 422 and got.json()["field"] == "text"


def test_an_unwell_newborn_without_bumps_gets_the_warning_in_the_refusal(
    client: TestClient,
) -> None:
    # QA F14B-11: refused as the contract says, but not silently about the red flag
    got = client.post("/api/v1/assessments", json={"age_days": 5, "unwell": True})
    assert got.status_code == 422
    assert "seen by a doctor today" in got.json()["detail"]
