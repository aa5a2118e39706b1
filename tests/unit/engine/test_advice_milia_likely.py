"""Milia's own advice (its types, triggers and care) only when milia is likely (QA F11-09).

Shingles near the eye (97 % outside the listed conditions, milia 1.2 %) was told about
milia triggers and "the kind of milia named here". Items that speak of milia list
``likely: [milia]`` in advice.yaml, as the other condition-specific items do (QA F10-03);
the safety lines (no extraction at home, a baby who seems unwell) stay whatever the
differential says.
"""

from __future__ import annotations

from typing import Any

from milia.engine.advice import advice_items
from milia.engine.assess import assess
from milia.engine.batch import assess_batch
from milia.engine.case import validate_case
from milia.kb.loader import read_yaml

# kept whatever the differential says (common.md: never advise extracting at home; a
# baby's parent is always told not to squeeze, test_advice_safety)
SAFETY_LINES = {
    "no_home_extraction",
    "no_home_extraction_doctor_decides",
    "baby_unwell_safety_line",
    "baby_milia_no_treatment",
    "baby_milia_other_kind",
    "infant_milia_no_treatment",
    "baby_milia_infection_possible",  # QA F15-02: "do not squeeze" beside an infection flag
}

SHINGLES_NEAR_THE_EYE: dict[str, Any] = {
    "age_years": 72, "surface": "vesicle", "arrangement": "grouped", "on_red_plaque": True,
    "painful": True, "count": 15, "sites": ["forehead", "eyelids"], "onset": "eruptive",
    "duration_weeks": 0.3,
}  # fmt: skip


def _needs_milia(rule: object) -> bool:
    """Whether a ``when`` rule asks for milia's chance, rank or type outside a ``not``
    (an item about acne may require that milia is *not* first)."""
    if isinstance(rule, list):
        return any(_needs_milia(part) for part in rule)
    if not isinstance(rule, dict):
        return False
    if rule.get("chance_of") == "milia" or rule.get("top") == "milia" or "milia_type" in rule:
        return True
    return any(_needs_milia(part) for key, part in rule.items() if key != "not")


def test_every_item_resting_on_milia_is_kept_only_when_milia_is_likely() -> None:
    raw = {item["id"]: item for item in read_yaml("model/advice.yaml")["items"]}
    missing = [
        item.id
        for item in advice_items()
        if item.id not in SAFETY_LINES and _needs_milia(raw[item.id]["when"]) and not item.likely
    ]
    assert missing == []


def test_shingles_near_the_eye_gets_no_milia_trigger_advice_in_either_path() -> None:
    single = [a["id"] for a in assess(SHINGLES_NEAR_THE_EYE)["advice"]]
    batch = [a["id"] for a in assess_batch([validate_case(SHINGLES_NEAR_THE_EYE)])[0]["advice"]]
    assert single == batch
    assert "no_home_extraction_doctor_decides" in single  # the safety line stays
    for item in ("secondary_medication_unreported", "medication_talk_to_prescriber",
                 "avoid_heavy_eye_creams"):  # fmt: skip
        assert item not in single


def test_a_plain_case_of_milia_keeps_its_care() -> None:
    case = {"age_years": 34, "color": "white", "diameter_mm": 1.5, "count": 6,
            "surface": "smooth_dome", "sites": ["eyelids", "cheeks"], "duration_weeks": 20}  # fmt: skip
    shown = [a["id"] for a in assess(case)["advice"]]
    assert "avoid_heavy_eye_creams" in shown and "no_home_extraction" in shown
