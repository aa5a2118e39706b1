"""The web result never shows a condition at 100 % (QA F16-02)."""

from __future__ import annotations

import json

from api_helpers import csrf_of
from fastapi.testclient import TestClient


def test_a_near_certain_top_is_shown_as_over_99_percent(client: TestClient) -> None:
    case = {"age_days": 6, "color": "clear", "diameter_mm": 1, "surface": "vesicle",
            "content": "clear_fluid", "count": 40, "sites": ["forehead", "neck", "chest"],
            "history": ["overheating"]}  # fmt: skip
    page = client.get("/interview").text
    data = {"csrf_token": csrf_of(page), "case_json": json.dumps(case),
            "asked_json": json.dumps(list(case)), "action": "result"}  # fmt: skip
    answer = client.post("/interview", data=data)
    text = " ".join(answer.text.split())
    assert answer.status_code == 200
    assert "100 %" not in text and "100%" not in text
    assert "&gt;99%" in text
