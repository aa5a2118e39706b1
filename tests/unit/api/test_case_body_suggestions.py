"""A wrongly shaped assessment body is answered with its own case or the shape, nothing made up.

QA F11-02: a JSON array, or a ``{"id", "case"}`` line of a case file sent whole, was
offered a made-up case of white bumps on the eyelids to send instead.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from milia.engine.case_suggest import CASE_SHAPE

PATH = "/api/v1/assessments"
J = {"Content-Type": "application/json"}


@pytest.mark.parametrize("body", [b"[1, 2]", b"[]", b"3", b"null", b"true"])
def test_a_body_that_is_no_object_is_shown_the_shape_not_a_case(
    client: TestClient, body: bytes
) -> None:
    answer = client.post(PATH, content=body, headers=J)
    assert answer.status_code == 422, answer.text
    got = answer.json()
    assert got["suggestion"] is None
    assert CASE_SHAPE in got["detail"]
    assert "eyelids" not in answer.text and "white" not in answer.text


@pytest.mark.parametrize(
    "case",
    [
        {"color": "red"},
        {"age_years": 70, "sites": ["nose"], "count": 3},
        {"color": "white", "sites": ["chin"]},
    ],
)
def test_a_wrapped_case_is_offered_its_own_case_back(
    client: TestClient, case: dict[str, object]
) -> None:
    answer = client.post(PATH, content=json.dumps({"id": "x", "case": case}), headers=J)
    assert answer.status_code == 422, answer.text
    got = answer.json()
    assert got["field"] == "case"
    assert got["suggestion"] is not None
    assert json.loads(got["suggestion"]) == case
    assert "eyelids" not in answer.text


def test_a_wrapper_whose_case_is_no_object_is_offered_nothing(client: TestClient) -> None:
    answer = client.post(PATH, content=b'{"case": "red spots on my nose"}', headers=J)
    assert answer.status_code == 422, answer.text
    got = answer.json()
    assert got["field"] == "case" and got["suggestion"] is None
    assert "eyelids" not in answer.text
