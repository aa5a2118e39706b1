"""Unknown query parameters are refused with a suggestion, as unknown body keys are (QA F7-32)."""

from __future__ import annotations

from api_helpers import synthetic_jpeg
from fastapi.testclient import TestClient


def test_a_misspelt_scale_is_refused_not_dropped(client: TestClient) -> None:
    files = {"file": ("a.jpg", synthetic_jpeg(), "image/jpeg")}
    answer = client.post("/api/v1/photos/analyze?mm_per_pixle=0.05", files=files)
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["field"] == "mm_per_pixle"
    assert body["suggestion"] == "mm_per_pixel"
    assert "did you mean 'mm_per_pixel'" in body["detail"]
    right = client.post("/api/v1/photos/analyze?mm_per_pixel=0.05", files=files)
    assert right.status_code == 200
    assert right.json()["image"]["scale_source"] == "given"


def test_the_assessment_takes_no_query_parameters(client: TestClient) -> None:
    case = {"color": "white", "sites": ["eyelids"]}
    answer = client.post("/api/v1/assessments?colour=1", json=case)
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == "colour"
    assert "takes: none" in answer.json()["detail"]
    assert client.post("/api/v1/assessments", json=case).status_code == 200


def test_diary_routes_refuse_unknown_parameters(client: TestClient, alice: dict[str, str]) -> None:
    answer = client.get("/api/v1/diary/entries?since=2026-01-01", headers=alice)
    assert answer.status_code == 422
    assert answer.json()["field"] == "since"
    assert client.get("/api/v1/diary/entries", headers=alice).status_code == 200
