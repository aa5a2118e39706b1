"""A milia type's triage reason asks about an unreported cause (QA F13-12, F13-04; session 14).

An older adult's milia on the backs of the hands and feet are typed "after a blistering
disease" from the sites alone (porphyria cutanea tarda shows there [cmaj_pct]), which sets
"soon"; the reason said "the picture is consistent with secondary milia after a blistering
disease" as if blisters were known. The level stays; the words ask about the cause.
"""

from __future__ import annotations

from typing import Any

import pytest

from assess_paths import assess_both

HANDS = {"age_years": 70, "color": "white", "sites": ["back_of_hands", "feet"]}
NECK = {
    "age_years": 70,
    "color": "white",
    "sites": ["neck", "chest", "under_eyes"],
    "duration_weeks": 3,
}
ASSERTS = "the picture is consistent with secondary milia"


def _texts(result: dict[str, Any]) -> list[str]:
    return [r["text"] for r in result["triage"]["reasons"]]


@pytest.mark.parametrize(
    ("case", "kind", "level", "asks"),
    [
        (HANDS, "secondary_blistering_disease", "soon", "were there blisters"),
        (NECK, "secondary_medication", "routine", "was a steroid cream"),
    ],
)
def test_an_unreported_cause_is_asked_about_not_asserted(
    case: dict[str, Any], kind: str, level: str, asks: str
) -> None:
    result = assess_both(case)
    assert result["milia_type"]["type"] == kind
    assert result["triage"]["level"] == level  # the level is kept
    texts = _texts(result)
    assert not [t for t in texts if t.startswith(ASSERTS)]
    (reason,) = [r for r in result["triage"]["reasons"] if asks in r["text"]]
    assert "no " in reason["text"] and reason["sources"]


@pytest.mark.parametrize(
    ("case", "field", "cause"),
    [
        (HANDS, "history", "blistering_at_site"),
        (HANDS, "conditions", "porphyria_cutanea_tarda"),
        (NECK, "medications", "topical_corticosteroid"),
    ],
)
def test_a_reported_cause_keeps_the_type_reason(
    case: dict[str, Any], field: str, cause: str
) -> None:
    result = assess_both({**case, field: [cause]})
    assert any(t.startswith(ASSERTS) for t in _texts(result))
