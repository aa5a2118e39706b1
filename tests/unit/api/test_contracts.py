"""The assessment schema in the OpenAPI document is what the API really sends."""

from __future__ import annotations

import json

import numpy as np
import pytest
from fastapi.testclient import TestClient

import milia
from milia.api.contracts import AssessmentOut, json_answer
from milia.engine.sample import random_cases


@pytest.fixture(scope="module")
def cases() -> list[dict[str, object]]:
    return [dict(case) for case in random_cases(300, seed=11)]


def test_real_assessments_fit_the_documented_schema(cases: list[dict[str, object]]) -> None:
    seen_type = seen_flag = False
    for case in cases:
        result = milia.assess(case)
        AssessmentOut.model_validate(result)  # extra="forbid": a new field must be documented
        seen_type |= result["milia_type"] is not None
        seen_flag |= bool(result["red_flags"])
    assert seen_type and seen_flag  # both optional parts were exercised


def test_a_field_the_schema_does_not_know_is_caught() -> None:
    result = milia.assess({"color": "white", "sites": ["eyelids"]})
    result["extra"] = 1
    with pytest.raises(ValueError, match="extra"):
        AssessmentOut.model_validate(result)


def test_openapi_documents_the_assessment_answer(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    answer = spec["paths"]["/api/v1/assessments"]["post"]["responses"]["200"]
    ref = answer["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/AssessmentOut")
    documented = spec["components"]["schemas"]["AssessmentOut"]["properties"]
    sent = client.post("/api/v1/assessments", json={"color": "white"}).json()
    assert set(documented) == set(sent)


def test_json_answer_is_compact_utf8_json_equal_to_the_standard_encoder(
    cases: list[dict[str, object]],
) -> None:
    for case in cases[:50]:
        result = milia.assess(case)
        body = bytes(json_answer(result).body)
        assert body == json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode()
    mixed = {"n": np.float64(0.25), "k": np.int64(3), "a": np.arange(2), "t": (1, "é")}
    assert json.loads(bytes(json_answer(mixed).body)) == {"n": 0.25, "k": 3, "a": [0, 1],
                                                          "t": [1, "é"]}  # fmt: skip
    with pytest.raises(TypeError):
        json_answer({"x": object()})
