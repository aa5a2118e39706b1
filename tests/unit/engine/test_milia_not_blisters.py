"""A fluid-filled blister all but rules out milia (QA F13-03, session 13).

Milia are solid keratin cysts [berk2008, medscape_milia]; a newborn's grouped clear
blisters on red skin (herpes must be excluded: urgent) led the differential as milia
45 %, because a vesicle and clear fluid were only "unlisted" values for milia (the
shared floor). They are ``ruled_out`` now (likelihoods.yaml; findings.yaml
``floors.ruled_out_probability``).
"""

from __future__ import annotations

from typing import Any

import pytest

from assess_paths import assess_both

Q70: dict[str, Any] = {
    "age_days": 20,
    "color": "white",
    "count": 3,
    "diameter_mm": 1,
    "sites": ["nose"],
    "surface": "vesicle",
    "content": "clear_fluid",
    "arrangement": "grouped",
    "on_red_plaque": True,
}


def test_a_newborns_grouped_clear_blisters_on_red_skin_are_not_led_by_milia() -> None:
    result = assess_both(Q70)
    assert result["differential"][0]["condition"] != "milia"
    shown = {d["condition"]: d["probability"] for d in result["differential"]}
    assert shown["milia"] < 0.15
    assert result["triage"]["level"] == "urgent"  # herpes must be excluded (kept)


@pytest.mark.parametrize(
    "blister", [{"surface": "vesicle"}, {"content": "clear_fluid"}, {"consistency": "fluid"}]
)
def test_one_blister_finding_counts_far_more_against_milia_than_an_unlisted_one(
    blister: dict[str, Any],
) -> None:
    base = {"age_days": 3, "color": "white", "sites": ["nose"], "count": 10}
    solid = {"surface": "rough", "content": "cheesy", "consistency": "soft"}
    field = next(iter(blister))
    p_blister = _milia(assess_both({**base, **blister}))
    p_other = _milia(assess_both({**base, field: solid[field]}))
    assert p_blister < p_other


def _milia(result: dict[str, Any]) -> float:
    shown = {d["condition"]: d["probability"] for d in result["differential"]}
    return shown.get("milia", 0.0)
