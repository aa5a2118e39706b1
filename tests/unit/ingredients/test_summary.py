"""The summary's level: how occlusive the product is, not how many names (QA F3-63)."""

from __future__ import annotations

import pytest

from milia.ingredients.check import check_ingredients
from milia.ingredients.summary import BulkRow, occlusive_bulk

_LEVEL = {"low": 0, "moderate": 1, "high": 2}


def _risk(text: str, **kw: object) -> str:
    return str(check_ingredients(text, **kw)["summary"]["milia_risk"])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text", ["White Petrolatum 100%", "Petrolatum", "100% Lanolin", "Mineral Oil, Fragrance"]
)
@pytest.mark.parametrize("kind", ["eye_cream", "moisturizer", None])
def test_a_product_that_is_mostly_occlusive_is_high(text: str, kind: str | None) -> None:
    result = check_ingredients(text, product_type=kind)
    assert result["summary"]["milia_risk"] == "high"
    assert any("Occlusive ingredients make up at least" in w for w in result["summary"]["why"])


def test_pure_petrolatum_ranks_at_least_as_high_as_a_dilute_cream() -> None:
    pure = _risk("White Petrolatum 100%", product_type="eye_cream")
    for cream in (
        "Aqua, Glycerin, Petrolatum, Lanolin",
        "Aqua, Petrolatum, Paraffinum Liquidum, Lanolin",
    ):
        assert _LEVEL[pure] >= _LEVEL[_risk(cream, product_type="eye_cream")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an occlusive second of two, after water: its share is unknown (not raised)
        ("Aqua, Petrolatum", "moderate"),
        # a printed percent well below half: the sum decides, as before
        ("Aqua, Glycerin, Petrolatum 10%, Dimethicone, Phenoxyethanol", "moderate"),
        # a washed-off product keeps the rinse-off weights
        ("Paraffinum Liquidum, Parfum", "low"),
    ],
)
def test_the_share_rule_only_raises_a_mostly_occlusive_leave_on_product(
    text: str, expected: str
) -> None:
    kind = "cleanser" if text.startswith("Paraffinum") else "eye_cream"
    assert _risk(text, product_type=kind) == expected


def test_the_share_is_a_lower_bound_from_order_or_printed_percent() -> None:
    def row(occlusive: bool, percent: float | None = None, *, tail: bool = False) -> BulkRow:
        return BulkRow(0, tail, percent, occlusive, True)

    bulk = occlusive_bulk([row(True), row(True), row(False), row(False)])
    assert bulk is not None and bulk.share == 0.5 and (bulk.lead, bulk.count) == (2, 4)
    # the may-contain tail is not part of the product's amounts
    bulk = occlusive_bulk([row(True), row(False), row(False, tail=True)])
    assert bulk is not None and bulk.share == 0.5
    bulk = occlusive_bulk([row(False), row(True, 41.0), row(False)])
    assert bulk is not None and bulk.share == pytest.approx(0.41) and bulk.lead == 0
    assert occlusive_bulk([row(False), row(False)]) is None


def test_a_kit_weighs_its_most_occlusive_leave_on_part() -> None:
    rows = [
        BulkRow(0, False, None, True, False),  # a cleansing balm: all occlusive, rinsed off
        BulkRow(1, False, None, False, True),
        BulkRow(1, False, None, True, True),
    ]
    bulk = occlusive_bulk(rows)
    assert bulk is not None and bulk.leave_on and bulk.share == 0.0


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Aqua, Glycerin, Hydrocortisone 1.0%", "Hydrocortisone is a corticosteroid"),
        ("Aqua, Fluorouracil 5%", "Fluorouracil is a chemotherapy cream"),
    ],
)
def test_a_medicine_that_makes_the_summary_high_is_named_in_why(text: str, words: str) -> None:
    """QA F7-36: the sum stays under 'high', so a why line states the medicine rule."""
    summary = check_ingredients(text)["summary"]
    assert summary["milia_risk"] == "high"
    lines = [w for w in summary["why"] if "high for a leave-on product whatever the sum" in w]
    assert len(lines) == 1 and lines[0].startswith(words)


def test_no_medicine_rule_line_without_a_medicine() -> None:
    summary = check_ingredients("Petrolatum")["summary"]
    assert not any("whatever the sum" in w for w in summary["why"])


def test_a_baby_product_with_a_risk_gets_the_baby_note() -> None:
    # QA F13-14: "Baby Cream: milia risk high" said nothing about babies; a parent may
    # stop an emollient the baby needs. The level stays what the list gives.
    baby = check_ingredients("Petrolatum, Mineral Oil, Lanolin", name="Baby Cream")
    plain = check_ingredients("Petrolatum, Mineral Oil, Lanolin", name="Night Cream")
    assert baby["summary"]["milia_risk"] == plain["summary"]["milia_risk"]
    note = [w for w in baby["summary"]["why"] if w.startswith("For a baby:")]
    assert len(note) == 1 and "ask them before stopping it" in note[0]
    assert "expert opinion" in note[0] and "berk2008" in baby["summary"]["sources"]
    assert not any(w.startswith("For a baby:") for w in plain["summary"]["why"])
    # a word inside another word is not the audience; no risk, no note
    assert not any(
        w.startswith("For a baby:")
        for w in check_ingredients("Petrolatum", name="Babyface Balm")["summary"]["why"]
    )
    calm = check_ingredients("Aqua, Glycerin", name="Baby Wash")
    assert not any(w.startswith("For a baby:") for w in calm["summary"]["why"])
