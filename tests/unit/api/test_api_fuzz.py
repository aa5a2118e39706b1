"""Bad input gets a 4xx, never a 500: arbitrary JSON bodies against every JSON endpoint."""

from __future__ import annotations

import json
import os

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

_scalars = (
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=20)
)
_json = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=12,
)
# Bodies shaped like the real ones, with wrong values, so validation goes deep.
_entry_like = st.fixed_dictionaries(
    {"date": _scalars | st.dates().map(str), "count": _json},
    optional={"by_region": st.dictionaries(st.sampled_from(["eyelids", "nose", "x"]), _json),
              "notes": _json},
)  # fmt: skip
_case_like = st.dictionaries(
    st.sampled_from(["color", "sites", "age_years", "age_days", "diameter_mm", "count",
                     "duration_weeks", "unwell", "colour", "history"]),
    _json,
    max_size=5,
)  # fmt: skip
_product_like = st.fixed_dictionaries(
    {"text": st.text(max_size=300)},
    optional={"name": _json, "product_type": st.sampled_from(["eye_cream", "serum", "x"]) | _json,
              "leave_on": _json},
)  # fmt: skip

PATHS = ["/api/v1/assessments", "/api/v1/ingredients/check", "/api/v1/diary/entries",
         "/api/v1/diary/treatments", "/api/v1/diary/products", "/api/v1/diary/diagnoses",
         "/api/v1/auth/signup"]  # fmt: skip


def test_arbitrary_json_never_gives_a_5xx(client: TestClient, alice: dict[str, str]) -> None:
    @settings(
        max_examples=int(os.environ.get("MILIA_FUZZ_EXAMPLES", "80")),
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(path=st.sampled_from(PATHS), body=_json | _entry_like | _case_like | _product_like)
    def check(path: str, body: object) -> None:
        raw = json.dumps(body, allow_nan=True)
        answer = client.post(
            path, content=raw, headers={**alice, "Content-Type": "application/json"}
        )
        assert answer.status_code < 500, (path, raw, answer.text)
        if answer.status_code >= 400:
            assert "detail" in answer.json()

    check()
