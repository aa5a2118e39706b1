"""Correcting a diary (QA F7-13, F7-15): delete any record, end a treatment, and the
saved assessments in both exports."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from api_helpers import csrf_of, synthetic_jpeg
from fastapi.testclient import TestClient

CASE = {"age_years": 34, "color": "white", "diameter_mm": 1, "sites": ["eyelids"], "count": 6}


def _add_one_of_each(client: TestClient, who: dict[str, str]) -> dict[str, int]:
    """Store a photo, a treatment, a product, a diagnosis and an assessment; return their ids."""
    ids: dict[str, int] = {}
    photo = client.post("/api/v1/diary/photos",
                        files={"file": ("a.jpg", synthetic_jpeg(), "image/jpeg")},
                        data={"taken_on": "2026-10-01", "mm_per_pixel": "0.1"},
                        headers=who)  # fmt: skip
    assert photo.status_code == 201, photo.text
    ids["photos"] = photo.json()["id"]
    treatment = {"what": "adapalene 0.1 %", "from": "2026-10-02"}
    answer = client.post("/api/v1/diary/treatments", json=treatment, headers=who)
    ids["treatments"] = answer.json()["id"]
    product = {"text": "Aqua, Petrolatum, Cetyl Alcohol", "name": "Night cream"}
    ids["products"] = client.post("/api/v1/diary/products", json=product, headers=who).json()["id"]
    diagnosis = {"diagnosed_on": "2026-10-03", "clinician": "Dr A"}
    answer = client.post("/api/v1/diary/diagnoses", json=diagnosis, headers=who)
    ids["diagnoses"] = answer.json()["id"]
    assert client.post("/api/v1/assessments", json=CASE, headers=who).status_code == 200
    saved = client.get("/api/v1/diary/assessments", headers=who).json()
    assert len(saved) == 1
    ids["assessments"] = saved[0]["id"]
    return ids


@pytest.mark.parametrize("path", ["photos", "treatments", "products", "diagnoses", "assessments"])
def test_each_kind_of_record_can_be_deleted_by_its_owner_only(
    client: TestClient, alice: dict[str, str], bob: dict[str, str], path: str
) -> None:
    ids = _add_one_of_each(client, alice)
    url = f"/api/v1/diary/{path}/{ids[path]}"
    assert client.delete(url, headers=bob).status_code == 404  # not bob's: no IDOR
    assert client.get(url, headers=alice).status_code == 200
    assert client.delete(url, headers=alice).status_code == 204
    assert client.get(url, headers=alice).status_code == 404
    assert client.delete(url, headers=alice).status_code == 404  # already gone
    listed = client.get(f"/api/v1/diary/{path}", headers=alice).json()
    assert ids[path] not in [item["id"] for item in listed]
    # the other kinds are untouched
    for other, record_id in ids.items():
        if other != path:
            assert (
                client.get(f"/api/v1/diary/{other}/{record_id}", headers=alice).status_code == 200
            )


def test_deleting_a_photo_removes_its_image_and_overlay(
    client: TestClient, alice: dict[str, str]
) -> None:
    ids = _add_one_of_each(client, alice)
    photo = ids["photos"]
    assert client.get(f"/api/v1/diary/photos/{photo}/overlay", headers=alice).status_code == 200
    assert client.delete(f"/api/v1/diary/photos/{photo}", headers=alice).status_code == 204
    for suffix in ("", "/overlay", "/analysis"):
        answer = client.get(f"/api/v1/diary/photos/{photo}{suffix}", headers=alice)
        assert answer.status_code == 404, suffix
    export = client.get("/api/v1/diary/export.csv", headers=alice).text
    assert f"photo {photo}" not in export


def test_an_ongoing_treatment_can_be_ended_and_reopened(
    client: TestClient, alice: dict[str, str], bob: dict[str, str]
) -> None:
    body = {"what": "tretinoin", "from": "2026-11-01"}
    created = client.post("/api/v1/diary/treatments", json=body, headers=alice).json()
    assert created["to"] is None
    url = f"/api/v1/diary/treatments/{created['id']}"
    assert client.patch(url, json={"to": "2026-11-20"}, headers=bob).status_code == 404
    ended = client.patch(url, json={"to": "2026-11-20"}, headers=alice)
    assert ended.status_code == 200, ended.text
    assert ended.json() == {**created, "to": "2026-11-20"}
    assert client.get(url, headers=alice).json()["to"] == "2026-11-20"
    reopened = client.patch(url, json={"to": None}, headers=alice)
    assert reopened.json()["to"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"to": "2026-10-01"}, "to"),  # before the start
        ({"to": "2026-02-30"}, "to"),
        ({"to": "1850-01-01"}, "to"),
        ({}, "to"),
        ({"to": "2026-11-20", "what": "x"}, "what"),
    ],
)
def test_bad_treatment_end_is_422_naming_the_field(
    client: TestClient, alice: dict[str, str], body: dict[str, Any], field: str
) -> None:
    created = client.post("/api/v1/diary/treatments", json={"what": "tretinoin",
                          "from": "2026-11-01"}, headers=alice).json()  # fmt: skip
    answer = client.patch(f"/api/v1/diary/treatments/{created['id']}", json=body, headers=alice)
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == field
    assert client.get(f"/api/v1/diary/treatments/{created['id']}",
                      headers=alice).json()["to"] is None  # fmt: skip


def test_saved_assessments_are_in_both_exports(client: TestClient, alice: dict[str, str]) -> None:
    ids = _add_one_of_each(client, alice)
    saved = client.get(f"/api/v1/diary/assessments/{ids['assessments']}", headers=alice).json()
    level = saved["result"]["triage"]["level"]
    export = client.get("/api/v1/diary/export.csv", headers=alice).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(export)))
    assessed = [r for r in rows if r["kind"] == "assessment"]
    assert len(assessed) == 1
    row = assessed[0]
    assert f"triage {level.replace('_', ' ')}" in row["what"]
    assert saved["knowledge_version"] in row["details"]
    assert "red flags:" in row["details"] and "does not diagnose" in row["details"]
    assert '"eyelids"' in row["notes"]  # the case as described
    bundle = client.get("/api/v1/diary/export.fhir.json", headers=alice).json()
    risk = [e["resource"] for e in bundle["entry"]
            if e["resource"]["resourceType"] == "RiskAssessment"]  # fmt: skip
    assert len(risk) == 1
    top = saved["result"]["differential"][0]
    first = risk[0]["prediction"][0]
    assert first["outcome"]["text"] == (top.get("name") or top["condition"]).replace("_", " ")
    assert first["probabilityDecimal"] == pytest.approx(top["probability"], abs=1e-4)
    assert saved["knowledge_version"] in risk[0]["method"]["text"]
    assert f"triage {level.replace('_', ' ')}" in risk[0]["note"][0]["text"]
    # deleting the assessment takes it out of both exports
    client.delete(f"/api/v1/diary/assessments/{ids['assessments']}", headers=alice)
    text = client.get("/api/v1/diary/export.csv", headers=alice).text
    assert "assessment," not in text
    bundle = client.get("/api/v1/diary/export.fhir.json", headers=alice).json()
    assert "RiskAssessment" not in {e["resource"]["resourceType"] for e in bundle["entry"]}


def test_diary_page_deletes_records_and_ends_a_treatment(
    page_signup: Callable[[str], TestClient],
) -> None:
    web = page_signup("fay@example.org")
    token = csrf_of(web.get("/diary").text)
    web.post("/diary/treatments", data={"csrf_token": token, "what": "adapalene",
             "started": "2026-09-05", "ended": ""}, follow_redirects=False)  # fmt: skip
    web.post("/diary/diagnoses", data={"csrf_token": token, "diagnosed_on": "2026-09-06"},
             follow_redirects=False)  # fmt: skip
    page = web.get("/diary").text
    assert ", ongoing" in page
    assert 'action="/diary/treatments/1/end"' in page
    assert 'action="/diary/treatments/1/delete"' in page
    assert 'action="/diary/diagnoses/1/delete"' in page
    bad = web.post("/diary/treatments/1/end", data={"csrf_token": token, "ended": "2026-09-01"})
    assert bad.status_code == 422 and "before" in bad.text
    ended = web.post("/diary/treatments/1/end", data={"csrf_token": token, "ended": "2026-10-01"},
                     follow_redirects=False)  # fmt: skip
    assert ended.status_code == 303
    page = web.get("/diary").text
    assert "to 2026-10-01" in page and ", ongoing" not in page
    no_csrf = web.post("/diary/diagnoses/1/delete", data={}, follow_redirects=False)
    assert no_csrf.status_code in (400, 403)
    gone = web.post("/diary/diagnoses/1/delete", data={"csrf_token": token},
                    follow_redirects=False)  # fmt: skip
    assert gone.status_code == 303
    assert "Diagnosis by a clinician" not in web.get("/diary").text
    unknown = web.post("/diary/users/1/delete", data={"csrf_token": token})
    assert unknown.status_code == 404


def test_delete_links_are_visible() -> None:
    from pathlib import Path

    import milia.api

    css = (Path(milia.api.__file__).parent / "static" / "style.css").read_text()
    rule = next(line for line in css.split("}") if line.strip().startswith("button.link"))
    assert "color: var(--accent)" in rule  # not the buttons' white on the near-white page
