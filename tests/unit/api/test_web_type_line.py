"""The result page names a milia type only when milia is plausible (QA F10-03)."""

from __future__ import annotations

import json

from api_helpers import csrf_of
from fastapi.testclient import TestClient

COLD_SORE = {
    "age_years": 35, "sex": "female", "color": "clear", "diameter_mm": 2, "count": 8,
    "surface": "vesicle", "content": "clear_fluid", "painful": True, "arrangement": "grouped",
    "on_red_plaque": True, "sites": ["upper_lip"],
}  # fmt: skip


def test_result_page_names_no_milia_type_when_milia_is_unlikely(client: TestClient) -> None:
    page = client.get("/interview").text
    data = {"csrf_token": csrf_of(page), "case_json": json.dumps(COLD_SORE),
            "asked_json": json.dumps(["age", "color", "sites"]), "action": "result"}  # fmt: skip
    result = " ".join(client.post("/interview", data=data).text.split())
    assert "If these are milia" not in result
    # since QA F13-03 (blisters all but rule milia out) milia leaves the top three here,
    # so the engine gives no type at all
    assert "Milia are not among the three most likely, so no milia type is given." in result
    assert "Most likely acne" not in result


# milia second at 0.06 % behind milia-like calcinosis (QA F13-04's case): the engine
# names a type (milia is in the top three), the page does not
CALCINOSIS = {
    "age_years": 8, "conditions": ["down_syndrome"], "color": "white", "consistency": "firm",
    "diameter_mm": 2, "count": 10, "sites": ["back_of_hands", "feet", "palms_soles"],
}  # fmt: skip


def test_result_page_withholds_a_type_the_engine_names_when_milia_is_unlikely(
    client: TestClient,
) -> None:
    page = client.get("/interview").text
    data = {"csrf_token": csrf_of(page), "case_json": json.dumps(CALCINOSIS),
            "asked_json": json.dumps(["age", "color", "sites"]), "action": "result"}  # fmt: skip
    result = " ".join(client.post("/interview", data=data).text.split())
    assert "If these are milia" not in result
    assert "Milia are unlikely here, so no milia type is given." in result
    assert "Most likely acne" not in result
