"""Why items state the evidence strength of their sources (issue 2 brief item 5, QA F7-29
addendum), in every path."""

from __future__ import annotations

from typing import Any

import pytest

import milia
from milia.engine.batch import assess_batch
from milia.engine.evidence import reason_evidence

CASES = [
    {"age_years": 1.5, "color": "white", "diameter_mm": 1, "count": 6, "sites": ["nose", "cheeks"], "duration_weeks": 4},
    {"age_years": 65, "color": "clear", "surface": "vesicle", "arrangement": "grouped", "painful": True, "sites": ["chest", "back"], "duration_weeks": 0.5},
    {"age_years": 6, "color": "white", "diameter_mm": 1.5, "count": 8, "sites": ["back_of_hands", "feet"], "consistency": "firm", "conditions": []},
]  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_why_items_state_their_evidence(case: dict[str, Any]) -> None:
    """Every why item carries the strongest level its own sources support, as triage
    reasons, red flags and advice do; the batch path says the same."""
    result = milia.assess(case)
    items = [w for d in result["differential"] for w in d["why"]]
    if result["milia_type"] is not None:
        items += result["milia_type"]["why"]
    assert items
    for item in items:
        assert list(item)[-2:] == ["sources", "evidence"]
        assert item["evidence"] == reason_evidence(item["sources"])
    assert assess_batch([case] * 70)[0] == result
