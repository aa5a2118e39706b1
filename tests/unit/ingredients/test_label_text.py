"""Label text around a list that is no ingredient (QA F3-67)."""

from __future__ import annotations

import pytest

from milia.ingredients.check import check_ingredients


@pytest.mark.parametrize(
    ("text", "expected", "code"),
    [
        (
            "Ingredients: Water (Aqua), Glycerin, Petrolatum. Made in France. "
            "Dist. by L Co, NY 10001.",
            ["AQUA", "GLYCERIN", "PETROLATUM"],
            "prose",
        ),
        (
            "WATER/EAU, GLYCERIN, PETROLATUM, LANOLIN, FRAGRANCE (PARFUM), LIMONENE. W.I.P. 12345",
            ["AQUA", "GLYCERIN", "PETROLATUM", "LANOLIN", "PARFUM", "LIMONENE"],
            "stock_code",
        ),
        (
            "Aqua, Glycerin, Petrolatum. Manufactured for Acme Inc., Dallas, TX 75201 USA. "
            "Made in USA",
            ["AQUA", "GLYCERIN", "PETROLATUM"],
            "prose",
        ),
        (
            "Aqua, Glycerin\nDistributed by: Acme, 1 Main St, Springfield\nMade in Korea",
            ["AQUA", "GLYCERIN"],
            "prose",
        ),
        (  # QA re-check: a line naming only who it was made "for" (no "by", no "made")
            "Water, Glycerin, Petrolatum. Manufactured for Acme Inc., Austin TX 78701",
            ["AQUA", "GLYCERIN", "PETROLATUM"],
            "prose",
        ),
        (
            "Aqua, Glycerin, Petrolatum\nMfd for Acme Labs, Austin TX",
            ["AQUA", "GLYCERIN", "PETROLATUM"],
            "prose",
        ),
        # before the list: only its own sentence goes
        ("Made in France. Aqua, Glycerin, Petrolatum", ["AQUA", "GLYCERIN", "PETROLATUM"], "prose"),
    ],
)
def test_maker_lines_and_stock_codes_are_not_ingredients(
    text: str, expected: list[str], code: str
) -> None:
    result = check_ingredients(text)
    assert [e["inci"] for e in result["ingredients"]] == expected
    assert result["summary"]["unrecognized"] == 0
    assert code in {i["code"] for i in result["issues"]}


def test_a_drug_named_in_a_maker_line_still_flags() -> None:
    # dropped text is scanned for drugs: triage up when unsure
    result = check_ingredients("Aqua, Glycerin. Made in USA with hydrocortisone 1% by Acme")
    assert "corticosteroid" in {f["category"] for f in result["flags"]}


def test_a_claims_why_does_not_repeat_its_verdict() -> None:
    # QA F3-66: the CLI and web print "inconsistent with the list" and then the why,
    # which began "Inconsistent with the list: ..." again
    claims = check_ingredients(
        "Aqua/Water/Eau, Petrolatum, Cetearyl Alcohol, Paraffinum Liquidum, Retinyl Palmitate",
        name="Oil-Free Eye Cream",
    )["claims"]
    assert claims and all("onsistent with the list" not in c["why"] for c in claims)
    assert claims[0]["why"].startswith("The list contains Petrolatum")


@pytest.mark.parametrize(
    ("name", "context"),
    [
        # QA F3-66: a sheet mask's essence stays on the skin; lid wipes are not rinsed
        ("Hydrating Sheet Mask", "leave-on mask"),
        ("Eyelid cleanser wipes", "leave-on cleanser"),
        ("No-Rinse Cleansing Water", "leave-on cleanser"),
        ("Baby Bottom Butter", "leave-on moisturizer"),
        ("Lanolin Nipple Ointment", "leave-on moisturizer"),
        ("Shea Butter Hand Soap", "rinse-off cleanser"),
        ("Clay Mask", "rinse-off mask"),
    ],
)
def test_the_product_name_tells_the_type_and_whether_it_stays_on(name: str, context: str) -> None:
    why = " ".join(check_ingredients("Aqua, Petrolatum", name=name)["summary"]["why"])
    assert f"for a {context} (type guessed from the product name)" in why


# QA F6-12: what a page never shows (script, style, comments) is not read as ingredients.
@pytest.mark.parametrize(
    "text",
    [
        "<p>Ingredients: Aqua, Glycerin</p><script>alert(1)</script>",
        "<p>Aqua, Glycerin</p><SCRIPT type='text/javascript'>var a = 1, b = 2;</SCRIPT >",
        "Aqua, Glycerin <style>.a{color:red}</style>",
        "Aqua, <!-- hidden, Paraffinum Liquidum -->Glycerin",
    ],
)
def test_hidden_markup_is_dropped_with_its_contents(text: str) -> None:
    result = check_ingredients(text)
    assert [item["inci"] for item in result["ingredients"]] == ["AQUA", "GLYCERIN"]
    assert "html" in {issue["code"] for issue in result["issues"]}


def test_unclosed_script_loses_only_its_tag() -> None:
    result = check_ingredients("Aqua, Glycerin, <script>Dimethicone")
    assert [item["inci"] for item in result["ingredients"]] == ["AQUA", "GLYCERIN", "DIMETHICONE"]


def test_many_unclosed_openings_stay_fast() -> None:
    text = "Aqua, Glycerin " + "<script><!--<style>" * 50_000
    result = check_ingredients(text)  # linear: each close is searched once per kind
    assert [item["inci"] for item in result["ingredients"]][:2] == ["AQUA", "GLYCERIN"]


# QA F6-12 (second half): a claim with "formula" before the list is prose, not an item.
@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Oil-free formula. Aqua, Glycerin, Paraffinum Liquidum", "oil_free"),
        ("Non-comedogenic formulation, Aqua, Glycerin, Paraffinum Liquidum", "non_comedogenic"),
    ],
)
def test_claim_formula_is_prose_and_still_checked(text: str, claim: str) -> None:
    result = check_ingredients(text)
    assert [item["inci"] for item in result["ingredients"]] == [
        "AQUA",
        "GLYCERIN",
        "PARAFFINUM LIQUIDUM",
    ]
    assert "prose" in {issue["code"] for issue in result["issues"]}
    assert claim in {found["claim"] for found in result["claims"]}


@pytest.mark.parametrize(
    "tail",
    [
        "Not tested on animals. Store in a cool dry place.",
        "Made in France.",
        "Keep out of reach of children. Made in the UK.",
    ],
)
def test_sentences_after_the_list_are_prose_not_unrecognised_ingredients(tail: str) -> None:
    """QA F7-09: a sentence after the list's full stop is dropped with an issue."""
    result = check_ingredients(
        f"Ingredients: Butyrospermum Parkii Butter, Cocos Nucifera Oil, Cera Alba, Tocopherol. {tail}"
    )
    assert [i["inci"] for i in result["ingredients"]] == [
        "BUTYROSPERMUM PARKII BUTTER",
        "COCOS NUCIFERA OIL",
        "CERA ALBA",
        "TOCOPHEROL",
    ]
    assert result["summary"]["unrecognized"] == 0
    assert "prose" in {i["code"] for i in result["issues"]}


def test_a_list_cut_by_full_stops_keeps_its_names() -> None:
    """Only a sentence's words make a piece after a full stop prose, not the stop itself."""
    result = check_ingredients(
        "Aqua. Glycerin. Cetearyl Alcohol. Sodium Hyaluronate. Tocopheryl Acetate."
    )
    assert result["summary"]["unrecognized"] == 0
    assert len(result["ingredients"]) == 5
