"""Advice items shown together must not contradict each other (QA F8-16)."""

from __future__ import annotations

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
