"""Advice items shown together must not contradict each other (QA F8-16)."""

from __future__ import annotations

from typing import Any

import pytest

from milia import assess

_TYPICAL_ADULT_MILIA = {
    "age_years": 34,
    "color": "white",
    "diameter_mm": 1.5,
    "count": 6,
    "sites": ["eyelids", "cheeks"],
}


def test_acne_treatment_advice_leaves_room_for_the_retinoid_it_appears_beside() -> None:
    advice = {item["id"]: item for item in assess(_TYPICAL_ADULT_MILIA)["advice"]}
    assert {"acne_products_do_not_help", "topical_retinoid"} <= advice.keys()
    acne = advice["acne_products_do_not_help"]
    # a retinoid is an acne treatment: the line must not say that all acne
    # treatments fail while the next one suggests a retinoid
    assert "retinoid" in acne["text"] and not acne["text"].startswith("Acne treatments")
    assert "skym" in acne["sources"]


@pytest.mark.parametrize(
    "case",
    [
        # epidermolysis bullosa picture: blisters, fragile skin, milia on hands and knees
        {"age_days": 20, "color": "white", "diameter_mm": 1, "count": 15}
        | {"sites": ["back_of_hands", "knees", "feet"]}
        | {"history": ["blistering_at_site", "skin_fragility"]},
        # orofaciodigital syndrome findings
        {"age_days": 60, "color": "white", "count": 40, "sites": ["cheeks", "ears"]}
        | {"associated_findings": ["oral_malformations", "digit_anomalies"]},
        # after a burn
        {"age_days": 10, "color": "white", "count": 10, "sites": ["cheeks"]}
        | {"history": ["burn_at_site"]},
    ],
)
def test_babies_milia_of_another_kind_are_not_promised_the_newborn_course(
    case: dict[str, Any],
) -> None:
    """QA F8-24: "they usually clear by themselves within weeks" is newborn milia's
    course; beside a flag for blistering or a syndrome it read as "it's fine"."""
    advice = {item["id"]: item["text"] for item in assess(case)["advice"]}
    assert "baby_milia_no_treatment" not in advice
    assert "Do not squeeze" in advice["baby_milia_other_kind"]
    assert "usually clear by themselves" not in " ".join(advice.values())


def test_newborn_milia_keep_the_no_treatment_line() -> None:
    case = {"age_days": 10, "color": "white", "count": 10, "sites": ["nose", "cheeks"]}
    advice = {item["id"] for item in assess(case)["advice"]}
    assert "baby_milia_no_treatment" in advice and "baby_milia_other_kind" not in advice


def test_qa_f8_28_red_spots_around_the_mouth_on_a_steroid_cream_are_not_sent_to_acne_care() -> None:
    """The picture of periorificial dermatitis (not one of the 23 conditions) read
    "responds to acne care"; acne products and more steroid make it worse."""
    case = {"age_years": 30, "color": "red", "surface": "pustule", "diameter_mm": 1}
    case |= {"count": 20, "sites": ["upper_lip", "chin", "nasolabial_folds"]}
    without = {item["id"] for item in assess(case)["advice"]}
    assert "comedones_acne_care" in without and "steroid_cream_face_spots" not in without
    advice = {
        i["id"]: i for i in assess(case | {"medications": ["topical_corticosteroid"]})["advice"]
    }
    assert "comedones_acne_care" not in advice
    line = advice["steroid_cream_face_spots"]
    assert "Do not put more steroid cream or acne products on it" in line["text"]
    assert "dermnet_periorificial" in line["sources"]
