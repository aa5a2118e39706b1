"""milia.engine.urgent_now: the answers so far already need a doctor today (QA F8-19)."""

from __future__ import annotations

from typing import Any

import pytest

from milia import assess
from milia.engine.urgent_now import urgent_now
from milia.errors import CaseError


def test_an_unwell_newborn_is_urgent_before_the_bumps_are_described() -> None:
    reasons = urgent_now({"age_days": 5, "unwell": True})
    assert len(reasons) == 1 and "seen by a doctor today" in reasons[0]["text"]
    assert reasons[0]["sources"] and reasons[0]["evidence"]


@pytest.mark.parametrize(
    "case",
    [
        {"age_days": 5, "color": "white", "sites": ["nose"]},
        {"age_years": 30, "color": "white", "sites": ["eyelids"], "count": 6},
        {"age_days": 5},  # nothing known yet: not urgent on its own
    ],
)
def test_not_urgent_is_empty(case: dict[str, Any]) -> None:
    assert urgent_now(case) == []


@pytest.mark.parametrize(
    "case",
    [
        {"age_days": 5, "color": "white", "sites": ["nose"], "unwell": True},
        {"age_years": 30, "sites": ["eyelids"], "painful": True, "surface": "vesicle"},
    ],
)
def test_agrees_with_the_assessment_of_the_same_answers(case: dict[str, Any]) -> None:
    result = assess(case)
    assert result["triage"]["level"] == "urgent"
    urgent_flags = {f["message"] for f in result["red_flags"] if f["level"] == "urgent"}
    assert {r["text"] for r in urgent_now(case)} == urgent_flags


def test_a_bad_case_is_a_case_error() -> None:
    with pytest.raises(CaseError):
        urgent_now({"age_days": -3, "color": "white"})
