from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

ENTRY = {
    "date": "2026-10-01",
    "count": 9,
    "by_region": {"eyelids": 5, "cheeks": 3},
    "notes": "day 1",
}


def test_entry_round_trip(client: TestClient, alice: dict[str, str]) -> None:
    created = client.post("/api/v1/diary/entries", json=ENTRY, headers=alice)
    assert created.status_code == 201
    body = created.json()
    assert isinstance(body["id"], int)
    assert {k: body[k] for k in ENTRY} == ENTRY
    one = client.get(f"/api/v1/diary/entries/{body['id']}", headers=alice)
    assert one.json() == body
    assert client.get("/api/v1/diary/entries", headers=alice).json() == [body]


def test_count_defaults_to_the_sum_of_regions(client: TestClient, alice: dict[str, str]) -> None:
    body = {"date": "2026-10-02", "by_region": {"nose": 2, "forehead": 1}}
    created = client.post("/api/v1/diary/entries", json=body, headers=alice)
    assert created.status_code == 201
    assert created.json()["count"] == 3


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"date": "2026-13-01", "count": 1}, "date"),
        ({"date": "2026-10-01", "count": -1}, "count"),
        ({"date": "2026-10-01", "count": "many"}, "count"),
        ({"date": "2026-10-01", "count": 1, "by_region": {"eyelid": 1}}, "by_region"),
        ({"date": "2026-10-01", "count": 1, "by_region": {"nose": 5}}, "by_region"),
        ({"date": "2026-10-01"}, "count"),
        ({"count": 1}, "date"),
        ({"date": "2026-10-01", "count": 1, "colour": "white"}, "colour"),
    ],
)
def test_bad_entries_are_422(
    client: TestClient, alice: dict[str, str], body: dict[str, object], field: str | None
) -> None:
    answer = client.post("/api/v1/diary/entries", json=body, headers=alice)
    assert answer.status_code == 422, answer.text
    payload = answer.json()
    assert payload["field"] == field
    assert payload["detail"]


def test_unknown_region_suggests_the_closest(client: TestClient, alice: dict[str, str]) -> None:
    body = {"date": "2026-10-01", "count": 1, "by_region": {"eyelid": 1}}
    answer = client.post("/api/v1/diary/entries", json=body, headers=alice)
    assert "'eyelids'" in answer.json()["detail"]


@pytest.mark.parametrize("raw", [b"{", b"[1, 2]", b"null", b'"text"', b"\xff\xfe", b'{"date": []}'])
def test_malformed_bodies_are_4xx_never_500(
    client: TestClient, alice: dict[str, str], raw: bytes
) -> None:
    headers = {**alice, "Content-Type": "application/json"}
    for path in ("/api/v1/diary/entries", "/api/v1/diary/treatments", "/api/v1/auth/signup"):
        answer = client.post(path, content=raw, headers=headers)
        assert 400 <= answer.status_code < 500, (path, answer.status_code, answer.text)
        assert "detail" in answer.json()


@pytest.mark.parametrize(
    ("kind", "body"),
    [
        ("entries", ENTRY),
        ("treatments", {"what": "adapalene", "from": "2026-10-01", "to": "2026-11-01"}),
    ],
)
def test_other_users_records_answer_404(
    client: TestClient, alice: dict[str, str], bob: dict[str, str], kind: str,
    body: dict[str, object],
) -> None:  # fmt: skip
    record = client.post(f"/api/v1/diary/{kind}", json=body, headers=alice).json()
    theirs = client.get(f"/api/v1/diary/{kind}/{record['id']}", headers=bob)
    assert theirs.status_code == 404
    missing = client.get(f"/api/v1/diary/{kind}/{record['id'] + 999}", headers=alice)
    assert missing.status_code == 404
    assert theirs.json()["detail"].replace(str(record["id"]), "N") == missing.json()[
        "detail"
    ].replace(str(record["id"] + 999), "N")
    assert client.get(f"/api/v1/diary/{kind}", headers=bob).json() == []


def test_treatment_uses_from_and_to(client: TestClient, alice: dict[str, str]) -> None:
    body = {"what": "glycolic acid 8 %", "from": "2026-10-05", "to": None}
    created = client.post("/api/v1/diary/treatments", json=body, headers=alice)
    assert created.status_code == 201
    assert created.json()["from"] == "2026-10-05"
    assert created.json()["to"] is None
    backwards = {"what": "x", "from": "2026-10-05", "to": "2026-10-01"}
    assert client.post("/api/v1/diary/treatments", json=backwards, headers=alice).status_code == 422


def test_csv_export_has_every_count_and_treatment(
    client: TestClient, alice: dict[str, str]
) -> None:
    client.post("/api/v1/diary/entries", json=ENTRY, headers=alice)
    client.post("/api/v1/diary/entries", json={"date": "2026-10-20", "count": 4,
                "notes": "=HYPERLINK(\"x\")"}, headers=alice)  # fmt: skip
    client.post("/api/v1/diary/treatments", json={"what": "adapalene", "from": "2026-10-02"},
                headers=alice)  # fmt: skip
    answer = client.get("/api/v1/diary/export.csv", headers=alice)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert answer.content.startswith(b"\xef\xbb\xbf")  # a BOM, for Excel (QA F15B-06)
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    counts = [r for r in rows if r["kind"] == "count"]
    assert [(r["date"], r["count"], r["eyelids"]) for r in counts] == [
        ("2026-10-01", "9", "5"), ("2026-10-20", "4", ""),
    ]  # fmt: skip
    assert counts[1]["notes"].startswith("'=")  # no formula injection
    assert [r["what"] for r in rows if r["kind"] == "treatment"] == ["adapalene"]


def test_fhir_export_validates_and_codes_the_diagnosis(
    client: TestClient, alice: dict[str, str]
) -> None:
    from fhir.resources.R4B.bundle import Bundle

    client.post("/api/v1/diary/entries", json=ENTRY, headers=alice)
    client.post("/api/v1/diary/entries", json={"date": "2026-11-01", "count": 2}, headers=alice)
    plain = client.get("/api/v1/diary/export.fhir.json", headers=alice).json()
    Bundle.model_validate(plain)
    kinds = [e["resource"]["resourceType"] for e in plain["entry"]]
    assert kinds.count("Observation") == 2
    assert "Condition" not in kinds
    dx = {"diagnosed_on": "2026-10-15", "clinician": "Dr K"}
    assert client.post("/api/v1/diary/diagnoses", json=dx, headers=alice).status_code == 201
    bundle = client.get("/api/v1/diary/export.fhir.json", headers=alice).json()
    Bundle.model_validate(bundle)
    tags = {t["system"]: t["code"] for t in bundle["meta"]["tag"]}
    assert (
        tags["urn:milia:knowledge-version"]
        == client.get("/api/v1/health").json()["knowledge_version"]
    )
    conditions = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Condition"
    ]
    assert len(conditions) == 1
    coding = conditions[0]["code"]["coding"][0]
    assert (coding["system"], coding["code"]) == ("http://snomed.info/sct", "254679001")
    # the diagnosis date is when it was recorded, not when the milia began (QA F5-7)
    assert conditions[0]["recordedDate"] == "2026-10-15"
    assert not [key for key in conditions[0] if key.startswith("onset")]
    values = sorted(
        e["resource"]["valueQuantity"]["value"] for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation"
    )  # fmt: skip
    assert values == [2, 9]


def test_upload_over_the_limit_is_413(client: TestClient, alice: dict[str, str]) -> None:
    big = b"\xff" * 2_100_000
    answer = client.post("/api/v1/diary/photos", files={"file": ("a.jpg", big, "image/jpeg")},
                         headers=alice)  # fmt: skip
    assert answer.status_code == 413
    assert answer.json()["field"] == "file"


def test_streamed_upload_over_the_limit_is_413(client: TestClient, alice: dict[str, str]) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(30):
            yield b"x" * 100_000

    answer = client.post("/api/v1/diary/entries", content=chunks(),
                         headers={**alice, "Content-Type": "application/json"})  # fmt: skip
    assert answer.status_code == 413


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/diary/entries/99999999999999999999999",
        "/api/v1/diary/photos/99999999999999999999999",
        "/api/v1/diary/photos/9223372036854775808/analysis",
        "/api/v1/diary/treatments/99999999999999999999999",
        "/api/v1/diary/products/-99999999999999999999999",
    ],
)
def test_ids_no_database_can_hold_answer_404(
    client: TestClient, alice: dict[str, str], path: str
) -> None:
    got = client.get(path, headers=alice)
    assert got.status_code == 404, got.text
    assert (
        client.delete("/api/v1/diary/entries/99999999999999999999999", headers=alice).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("kind", "body", "words"),
    [
        ("entries", {"date": "2999-01-01", "count": 3}, "check the year"),
        ("entries", {"date": "0001-01-01", "count": 3}, "check the year"),
        ("entries", {"date": "2026-01-01", "count": True}, "integer"),
        ("entries", {"date": "2026-01-01", "by_region": {"nose": False}}, "integer"),
        ("treatments", {"what": "tretinoin", "from": "5447-09-23"}, "check the year"),
    ],
)
def test_implausible_diary_values_are_422(
    client: TestClient, alice: dict[str, str], kind: str, body: dict[str, object], words: str
) -> None:
    got = client.post(f"/api/v1/diary/{kind}", json=body, headers=alice)
    assert got.status_code == 422, got.text
    assert words in got.text
