"""API errors suggest what was meant, in words for people (QA F11-08).

A near-miss region carries its suggestion in the body, not only in the detail; a
start or end date under another common name points to ``from`` / ``to`` (meaning,
not spelling); a malformed e-mail address is described, not shown as a regex; a
date written another way is told the format; ``leave_on: "yes"`` suggests ``true``.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


def test_a_near_miss_region_gets_the_suggestion_in_the_body(
    client: TestClient, alice: dict[str, str]
) -> None:
    body = {"date": "2026-12-01", "count": 5, "by_region": {"eyelid": 5}}
    got = client.post("/api/v1/diary/entries", json=body, headers=alice)
    assert got.status_code == 422
    answer = got.json()
    assert answer["field"] == "by_region"
    assert answer["suggestion"] == "eyelids"
    assert "did you mean 'eyelids'?" in answer["detail"]


def test_a_region_far_from_every_name_gets_no_suggestion(
    client: TestClient, alice: dict[str, str]
) -> None:
    body = {"date": "2026-12-01", "count": 5, "by_region": {"qqqqqqqq": 5}}
    got = client.post("/api/v1/diary/entries", json=body, headers=alice)
    assert got.status_code == 422
    assert got.json()["suggestion"] is None


@pytest.mark.parametrize(
    ("sent", "meant"),
    [("start", "from"), ("begin", "from"), ("since", "from"), ("end", "to"), ("until", "to")],
)
def test_a_date_under_a_synonym_points_to_the_field_of_that_meaning(
    client: TestClient, alice: dict[str, str], sent: str, meant: str
) -> None:
    body: dict[str, Any] = {"what": "tretinoin", sent: "2026-11-10"}
    if meant == "to":
        body["from"] = "2026-11-01"
    got = client.post("/api/v1/diary/treatments", json=body, headers=alice)
    assert got.status_code == 422
    answer = got.json()
    assert answer["field"] == sent
    assert answer["suggestion"] == meant
    assert f"did you mean {meant!r}?" in answer["detail"]


def test_start_and_end_together_suggest_from_first(
    client: TestClient, alice: dict[str, str]
) -> None:
    body = {"what": "tretinoin", "start": "2026-11-10", "end": "2026-12-01"}
    got = client.post("/api/v1/diary/treatments", json=body, headers=alice)
    assert got.status_code == 422
    assert (got.json()["field"], got.json()["suggestion"]) == ("start", "from")


def test_a_malformed_email_is_described_not_shown_as_a_pattern(client: TestClient) -> None:
    got = client.post(
        "/api/v1/auth/signup", json={"email": "notanemail", "password": "correct horse 1"}
    )
    assert got.status_code == 422
    answer = got.json()
    assert answer["field"] == "email"
    assert "name@example.org" in answer["detail"]
    assert "pattern" not in answer["detail"] and "^" not in answer["detail"]


@pytest.mark.parametrize("date", ["01/12/2026", "2026/12/01", "1 Dec 2026", "20261301"])
def test_a_date_written_another_way_is_told_the_format(
    client: TestClient, alice: dict[str, str], date: str
) -> None:
    got = client.post("/api/v1/diary/entries", json={"date": date, "count": 5}, headers=alice)
    assert got.status_code == 422
    answer = got.json()
    assert answer["field"] == "date"
    assert "write the date as YYYY-MM-DD, e.g. 2026-12-01" in answer["detail"]


def test_a_treatment_date_written_another_way_is_told_the_format(
    client: TestClient, alice: dict[str, str]
) -> None:
    got = client.post(
        "/api/v1/diary/treatments", json={"what": "tretinoin", "from": "10.11.2026"}, headers=alice
    )
    assert got.status_code == 422
    assert got.json()["field"] == "from"
    assert "YYYY-MM-DD" in got.json()["detail"]


@pytest.mark.parametrize(("sent", "meant"), [("yes", "true"), ("no", "false"), (1, "true")])
def test_leave_on_written_as_a_word_suggests_the_boolean(
    client: TestClient, sent: object, meant: str
) -> None:
    got = client.post(
        "/api/v1/ingredients/check", json={"text": "Aqua, Petrolatum", "leave_on": sent}
    )
    assert got.status_code == 422
    assert got.json()["field"] == "leave_on"
    assert got.json()["suggestion"] == meant


def test_braces_in_a_sent_region_are_shown_as_sent(
    client: TestClient, alice: dict[str, str]
) -> None:
    body = {"date": "2026-12-01", "count": 5, "by_region": {"{suggestion}": 5}}
    got = client.post("/api/v1/diary/entries", json=body, headers=alice)
    assert got.status_code == 422
    assert "'{suggestion}'" in got.json()["detail"]
