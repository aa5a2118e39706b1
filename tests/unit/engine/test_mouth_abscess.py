"""A painful or pus-filled lump in the mouth is a dental abscess until seen (QA F13-05).

A 35-year-old's painful pus-filled lump on the gums was routine, with leukoplakia words
and no word of infection. A dental abscess needs a dentist as soon as possible and does
not go away on its own [collegegreen_dental_abscess, callowbrook_dental_abscess].
"""

from __future__ import annotations

from typing import Any

import pytest

from assess_paths import assess_both, flag_ids
from milia.engine.triage import level_rank


@pytest.mark.parametrize("site", ["gums", "palate", "buccal_mucosa"])
@pytest.mark.parametrize(
    "signs",
    [
        {"content": "pus", "painful": True},
        {"surface": "pustule"},
        {"painful": True, "color": "red"},
        {"painful": True, "inflamed": True},
    ],
)
def test_abscess_signs_in_the_mouth_are_soon_with_a_dentist(
    site: str, signs: dict[str, Any]
) -> None:
    result = assess_both({"age_years": 35, "diameter_mm": 5, "sites": [site], **signs})
    assert "mouth_abscess_signs" in flag_ids(result)
    assert level_rank(result["triage"]["level"]) >= level_rank("soon")
    flag = next(f for f in result["red_flags"] if f["id"] == "mouth_abscess_signs")
    assert "dentist" in flag["message"] and "999" in flag["message"]
    assert "you have" not in flag["message"].lower()


@pytest.mark.parametrize(
    "case",
    [
        {"age_years": 35, "sites": ["gums"], "color": "white", "painful": True},  # an ulcer
        {"age_years": 35, "sites": ["cheeks"], "content": "pus"},  # not in the mouth
        {"age_days": 30, "sites": ["gums"], "color": "white"},  # Epstein pearls / Bohn nodules
    ],
)
def test_the_flag_needs_pus_or_pain_with_redness_in_the_mouth(case: dict[str, Any]) -> None:
    assert "mouth_abscess_signs" not in flag_ids(assess_both(case))
