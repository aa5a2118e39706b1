"""GET /api/v1/sources: the ids an answer cites can be read over the API (QA F14-07)."""

from __future__ import annotations

from fastapi.testclient import TestClient

import milia


def test_every_source_an_ingredient_answer_cites_can_be_read(client: TestClient) -> None:
    answer = client.post(
        "/api/v1/ingredients/check", json={"text": "Aqua, Petrolatum", "name": "Baby Lotion"}
    ).json()
    cited = {s for flag in answer["flags"] for s in flag["sources"]}
    cited |= set(answer["summary"]["sources"])
    assert {"berk2008", "acad"} <= cited
    for source_id in sorted(cited):
        got = client.get(f"/api/v1/sources/{source_id}")
        assert got.status_code == 200, source_id
        record = got.json()
        assert record["id"] == source_id
        assert record["short"] and record["short"] != source_id  # a readable citation
        assert record["evidence"]


def test_a_source_record_carries_its_bibliography_fields(client: TestClient) -> None:
    record = client.get("/api/v1/sources/berk2008").json()
    assert record["short"] == "Berk & Bayliss 2008"
    assert record["year"] == 2008
    assert record["doi"] == "10.1016/j.jaad.2008.07.034"
    assert record["href"] and "10.1016/j.jaad.2008.07.034" in record["href"]


def test_the_list_has_every_bibliography_entry(client: TestClient) -> None:
    listed = client.get("/api/v1/sources").json()
    assert [r["id"] for r in listed] == sorted(milia.load_knowledge().sources)


def test_an_unknown_id_is_404_with_the_closest(client: TestClient) -> None:
    got = client.get("/api/v1/sources/berk2009")
    assert got.status_code == 404
    body = got.json()
    assert body["field"] == "source_id"
    assert "berk2008" in str(body)
