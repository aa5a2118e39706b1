"""QA F12-11: the diary's list routes page (limit, offset, order), and the Diary page shows
the newest records with a link to all of them."""

from __future__ import annotations

import html as htmllib
from collections.abc import Callable

import pytest
from api_helpers import csrf_of
from fastapi.testclient import TestClient

from milia.api.routes import pages_diary

CASE = {"age_years": 30, "color": "white", "sites": ["eyelids"], "diameter_mm": 1}


def _assess(client: TestClient, who: dict[str, str], times: int) -> list[int]:
    for _ in range(times):
        assert client.post("/api/v1/assessments", json=CASE, headers=who).status_code == 200
    return [a["id"] for a in client.get("/api/v1/diary/assessments", headers=who).json()]


def test_assessments_page_by_limit_offset_and_order(
    client: TestClient, alice: dict[str, str]
) -> None:
    ids = _assess(client, alice, 4)
    assert len(ids) == 4

    def got(query: str) -> list[int]:
        answer = client.get(f"/api/v1/diary/assessments?{query}", headers=alice)
        assert answer.status_code == 200, answer.text
        return [a["id"] for a in answer.json()]

    assert got("limit=2&offset=1") == ids[1:3]
    answer = client.get("/api/v1/diary/assessments?limit=2&offset=1", headers=alice)
    assert answer.headers["X-Total-Count"] == "4"
    assert answer.headers["Link"].endswith('>; rel="next"') and "offset=3" in answer.headers["Link"]
    last = client.get("/api/v1/diary/assessments?limit=2&offset=2", headers=alice)
    assert "Link" not in last.headers and last.headers["X-Total-Count"] == "4"
    assert got("") == ids  # 4 of them: under the default limit
    assert got("limit=2&order=newest") == [ids[3], ids[2]]
    assert got("offset=3") == ids[3:]


def test_the_summary_view_is_small(client: TestClient, alice: dict[str, str]) -> None:
    _assess(client, alice, 1)
    full = client.get("/api/v1/diary/assessments", headers=alice).json()[0]
    (brief,) = client.get("/api/v1/diary/assessments?view=summary", headers=alice).json()
    assert set(brief) == {"id", "created_at", "top", "triage", "knowledge_version"}
    top = full["result"]["differential"][0]
    assert brief["top"] == {"condition": top["condition"], "probability": top["probability"]}
    assert brief["triage"] == full["result"]["triage"]["level"]
    assert brief["id"] == full["id"] and "case" not in brief


@pytest.mark.parametrize(
    ("query", "field"),
    [("limit=0", "limit"), ("limit=1001", "limit"), ("offset=-1", "offset"),
     ("order=latest", "order"), ("view=short", "view")],
)  # fmt: skip
def test_bad_paging_is_422_naming_the_field(
    client: TestClient, alice: dict[str, str], query: str, field: str
) -> None:
    answer = client.get(f"/api/v1/diary/assessments?{query}", headers=alice)
    assert answer.status_code == 422 and answer.json()["field"] == field


@pytest.mark.parametrize("path", ["entries", "photos", "treatments", "products", "diagnoses"])
def test_every_list_route_takes_paging(
    client: TestClient, alice: dict[str, str], path: str
) -> None:
    answer = client.get(f"/api/v1/diary/{path}?limit=5&offset=0&order=newest", headers=alice)
    assert answer.status_code == 200 and answer.json() == []
    assert answer.headers["X-Total-Count"] == "0" and "Link" not in answer.headers


def test_the_diary_page_shows_the_newest_records_and_links_to_all(
    page_signup: Callable[[str], TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages_diary, "SHOWN", 3)
    web = page_signup("many-records@example.org")
    token = csrf_of(web.get("/diary").text)
    for day in range(1, 6):
        sent = web.post("/diary/entries", data={"csrf_token": token, "date": f"2026-10-0{day}",
                                                "count": str(day)})  # fmt: skip
        assert sent.status_code == 200
    page = htmllib.unescape(web.get("/diary").text)
    assert page.count('class="tl-count"') == 3
    assert "The newest 3 of 5 records are shown." in page
    assert 'href="/diary?all=1#timeline">Show all 5</a>' in page
    assert "2026-10-05" in page and "2026-10-01" not in page.split('id="timeline"')[1]
    everything = htmllib.unescape(web.get("/diary?all=1").text)
    assert everything.count('class="tl-count"') == 5 and "more-records" not in everything


def test_the_default_and_the_maximum_are_in_the_api_docs(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    params = spec["paths"]["/api/v1/diary/assessments"]["get"]["parameters"]
    limit = next(p for p in params if p["name"] == "limit")["schema"]
    assert (limit["default"], limit["maximum"], limit["minimum"]) == (100, 1000, 1)
