"""Shingles of the eye (today) is an acute flag: not for a long-stable, healed picture.

QA F13-13 (session 14): bumps on the forehead, stable for 8 weeks after old healed
blisters, fired painful_blisters_near_eye ("today"). Shingles' eruptive phase resolves
over 10-15 days [medscape_herpes_zoster] and antivirals help within 72 hours
[ting2019_hzo]; the history of blisters still fires blistering_fragility_photosensitivity
(soon). The flag stays whenever the picture may be active or the answers are missing.
"""

from __future__ import annotations

from typing import Any

import pytest

from assess_paths import assess_both, flag_ids

FLAG = "painful_blisters_near_eye"
HEALED = {
    "age_years": 50,
    "color": "white",
    "count": 10,
    "arrangement": "grouped",
    "sites": ["forehead"],
    "history": ["blistering_at_site"],
    "course": "stable",
    "duration_weeks": 8,
}


def test_a_healed_stable_picture_is_soon_not_today() -> None:
    result = assess_both(HEALED)
    flags = flag_ids(result)
    assert FLAG not in flags
    assert "blistering_fragility_photosensitivity" in flags
    assert result["triage"]["level"] == "soon"


@pytest.mark.parametrize(
    "change",
    [
        {"duration_weeks": 2},  # within the acute weeks
        {"duration_weeks": None},  # not known
        {"course": None},  # not known
        {"course": "spreading"},
        {"painful": True},  # eye pain can be the eye's own involvement
        {"surface": "vesicle"},  # blisters now
        {"surface": "crusted"},  # broken blisters now
        {"content": "pus"},
        {"inflamed": True},
        {"on_red_plaque": True},
    ],
)
def test_the_flag_stays_when_the_picture_may_be_active(change: dict[str, Any]) -> None:
    case = {k: v for k, v in {**HEALED, **change}.items() if v is not None}
    result = assess_both(case)
    assert FLAG in flag_ids(result)
    assert result["triage"]["level"] == "urgent"
