"""``POST /api/v1/assessments``: a bad value is a 422 whose body names the field and
offers the closest valid value (issue 2; the engine's CaseError, engine/case_suggest.py)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("case", "field", "suggestion"),
    [
        ({"color": "white", "diameter_mm": 150}, "diameter_mm", "100"),
        ({"color": "white", "count": "six"}, "count", "6"),
        ({"color": "white", "count": "1,500"}, "count", "1500"),
        ({"color": "white", "unwell": 1}, "unwell", "true"),
        ({"color": "white", "sites": {"eyelids": True}}, "sites", '["eyelids"]'),
        ({"color": "white", "sites": ["eyelid"]}, "sites[0]", "eyelids"),
        ({"color": "white", "sexx": "female"}, "sexx", "sex"),
    ],
)
def test_a_bad_value_is_a_422_with_the_field_and_the_closest_valid_value(
    client: TestClient, case: dict[str, object], field: str, suggestion: str
) -> None:
    answer = client.post("/api/v1/assessments", json=case)
    assert answer.status_code == 422
    body = answer.json()
    assert (body["field"], body["suggestion"]) == (field, suggestion)
    assert body["detail"]


def test_a_value_that_says_no_number_gets_no_made_up_one(client: TestClient) -> None:
    answer = client.post("/api/v1/assessments", json={"color": "white", "count": True})
    assert answer.status_code == 422
    assert answer.json()["field"] == "count" and answer.json()["suggestion"] is None
