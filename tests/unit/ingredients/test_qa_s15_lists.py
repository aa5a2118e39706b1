"""Lists QA F15-12 found misread: a "formulated without" header that swallowed the
list after it, and mineral oil's word-swapped name "Paraffin Liquid"."""

from __future__ import annotations

import pytest

import milia


def _incis(text: str) -> list[str | None]:
    return [i["inci"] for i in milia.check_ingredients(text)["ingredients"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Formulated without: Petrolatum, Mineral Oil, Lanolin. Aqua, Glycerin", ["AQUA", "GLYCERIN"]),
        ("Made without: mineral oil, parabens. Water, Glycerin, Dimethicone",
         ["AQUA", "GLYCERIN", "DIMETHICONE"]),
        # a short form's full stop is not a sentence's end: Vit. E stays in the absent list
        ("Free from: Parabens, Vit. E, Mineral Oil. Aqua, Glycerin", ["AQUA", "GLYCERIN"]),
        # as before: a heading after the free-from list, and a free-from list at the end
        ("Free of: Parabens, Sulfates. Ingredients: Aqua, Glycerin", ["AQUA", "GLYCERIN"]),
        ("Aqua, Glycerin. Free from: Petrolatum, Mineral Oil. Made in France.", ["AQUA", "GLYCERIN"]),
    ],
)  # fmt: skip
def test_the_list_after_a_free_from_sentence_is_read(text: str, expected: list[str]) -> None:
    assert _incis(text) == expected


def test_what_the_product_is_made_without_is_not_flagged() -> None:
    result = milia.check_ingredients("Formulated without: Petrolatum, Mineral Oil. Aqua, Glycerin")
    assert result["summary"]["milia_risk"] == "low"
    assert not [f for f in result["flags"] if f["effect"] == "risk"]


def test_paraffin_liquid_is_mineral_oil() -> None:
    assert _incis("Aqua, Paraffin Liquid, Lanoline, Vaseline") == [
        "AQUA", "PARAFFINUM LIQUIDUM", "LANOLIN", "PETROLATUM",
    ]  # fmt: skip
