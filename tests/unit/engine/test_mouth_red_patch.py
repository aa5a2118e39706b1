"""A red patch inside the mouth with no duration keeps mouth_patch_lasting (QA F13-05's rest).

Red or white patches in the mouth, and a sore that does not heal in 3 weeks, are possible
signs of mouth cancer [macmillan_mouth_cancer_awareness]; an unknown duration is "not
known", never "less than 2 weeks". The flag stays, and its words name red patches too.
"""

from __future__ import annotations

from assess_paths import assess_both


def test_a_red_mouth_patch_of_unknown_duration_is_checked_and_named() -> None:
    result = assess_both({"age_years": 55, "color": "red", "sites": ["buccal_mucosa"]})
    flags = {f["id"]: f for f in result["red_flags"]}
    flag = flags["mouth_patch_lasting"]
    assert "red" in flag["message"].split(":")[0]
    assert "macmillan_mouth_cancer_awareness" in flag["sources"]
    assert result["triage"]["level"] != "self_care"


def test_a_short_lived_red_patch_does_not_fire_it() -> None:
    case = {"age_years": 55, "color": "red", "sites": ["buccal_mucosa"], "duration_weeks": 1}
    assert "mouth_patch_lasting" not in {f["id"] for f in assess_both(case)["red_flags"]}
