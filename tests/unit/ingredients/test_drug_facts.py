"""US Drug Facts panels as shops and users paste them (QA round 3: F3-60, F3-61, F3-68)."""

from __future__ import annotations

import pytest

from milia.ingredients.check import check_ingredients


def _incis(result: dict[str, object]) -> list[str | None]:
    return [e["inci"] for e in result["ingredients"]]  # type: ignore[attr-defined]


def _codes(result: dict[str, object]) -> list[str]:
    return [i["code"] for i in result["issues"]]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        # QA F3-68: a table pasted cell by cell (tabs and line breaks)
        "Drug Facts\nActive ingredient\tPurpose\nHydrocortisone 1%\tAnti-itch\nUses\n"
        "for the temporary relief of itching\nInactive ingredients\twater, cetyl alcohol, "
        "glycerin, white petrolatum\n",
        "Drug Facts\nActive ingredient\nPurpose\nHydrocortisone 1%\nAnti-itch\nUses\n"
        "for the temporary relief of itching\nInactive ingredients\nwater, cetyl alcohol, "
        "glycerin, white petrolatum\n",
    ],
)
def test_a_drug_facts_table_pasted_cell_by_cell_keeps_its_steroid(text: str) -> None:
    result = check_ingredients(text)
    assert _incis(result) == ["HYDROCORTISONE", "AQUA", "CETYL ALCOHOL", "GLYCERIN", "PETROLATUM"]
    assert ("corticosteroid", "anomaly") in {(f["category"], f["effect"]) for f in result["flags"]}
    assert result["summary"]["milia_risk"] == "high"


def test_sunscreen_actives_pasted_cell_by_cell_are_all_kept() -> None:
    text = (
        "Drug Facts\nActive ingredients\tPurpose\nAvobenzone 3%\tSunscreen\n"
        "Homosalate 10%\tSunscreen\nOctocrylene 7%\tSunscreen\nUses\nhelps prevent sunburn\n"
        "Inactive ingredients\twater, glycerin, petrolatum"
    )
    assert _incis(check_ingredients(text)) == [
        "BUTYL METHOXYDIBENZOYLMETHANE",
        "HOMOSALATE",
        "OCTOCRYLENE",
        "AQUA",
        "GLYCERIN",
        "PETROLATUM",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # QA F3-60: the leaders cut everything after them on the line
        (
            "Active ingredient (in each gram) Purpose Zinc oxide 40% ........ Skin protectant "
            "Inactive ingredients cod liver oil, fragrance, lanolin, methylparaben, petrolatum, talc",
            [
                "ZINC OXIDE",
                "COD LIVER OIL",
                "PARFUM",
                "LANOLIN",
                "METHYLPARABEN",
                "PETROLATUM",
                "TALC",
            ],
        ),
        (
            "Active ingredient Colloidal oatmeal 1% ...... Skin protectant. "
            "Inactive ingredients: water, glycerin, petrolatum",
            ["COLLOIDAL OATMEAL", "AQUA", "GLYCERIN", "PETROLATUM"],
        ),
        (
            "Active ingredient Colloidal oatmeal 1% ...... Skin protectant. "
            "Inactive ingredients water, glycerin, petrolatum",
            ["COLLOIDAL OATMEAL", "AQUA", "GLYCERIN", "PETROLATUM"],
        ),
        (
            "Drug Facts Active ingredients Purpose Avobenzone 3% ..... Sunscreen Homosalate 10% "
            "..... Sunscreen Octocrylene 7% ..... Sunscreen Inactive ingredients water, petrolatum",
            ["BUTYL METHOXYDIBENZOYLMETHANE", "HOMOSALATE", "OCTOCRYLENE", "AQUA", "PETROLATUM"],
        ),
        # a purpose not in the monographs' words: the leaders' line is cut at the next heading
        (
            "Drug Facts Active ingredient Purpose Hydrocortisone 1% ....... Itch relief cream "
            "Uses relieves itch Inactive ingredients: water, glycerin",
            ["HYDROCORTISONE", "AQUA", "GLYCERIN"],
        ),
    ],
)
def test_dotted_leaders_on_one_line_keep_the_inactive_list(text: str, expected: list[str]) -> None:
    result = check_ingredients(text)
    assert _incis(result) == expected
    assert all(i["message"] != "drug-facts text was ignored: ''" for i in result["issues"])


def test_zinc_oxide_paste_with_lanolin_and_petrolatum_is_not_low() -> None:
    text = (
        "Active ingredient (in each gram) Purpose Zinc oxide 40% ........ Skin protectant "
        "Inactive ingredients cod liver oil, fragrance, lanolin, methylparaben, petrolatum, talc"
    )
    assert check_ingredients(text)["summary"]["milia_risk"] != "low"


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # QA F3-61: the purpose beside the active is not part of its name
        (
            "Drug Facts Active ingredient Purpose Colloidal oatmeal 1% Skin protectant Uses "
            "temporarily protects Warnings For external use only Inactive ingredients water, "
            "glycerin, petrolatum",
            "COLLOIDAL OATMEAL",
        ),
        (
            "Drug Facts Active ingredient Purpose Benzoyl peroxide 10% Acne treatment Uses treats "
            "acne Inactive ingredients water, carbomer",
            "BENZOYL PEROXIDE",
        ),
    ],
)
def test_a_purpose_beside_the_active_is_not_part_of_its_name(text: str, first: str) -> None:
    result = check_ingredients(text)
    assert result["ingredients"][0]["inci"] == first
    assert result["summary"]["unrecognized"] == 0


@pytest.mark.parametrize(
    "text",
    [
        "Active ingredient: Fluorouracil 5%. Inactive ingredients: water, glycerin, petrolatum",
        "Active ingredient: Zinc Oxide 6.90%Inactive Ingredients: water, glycerin",
    ],
)
def test_no_empty_ignored_text_is_reported(text: str) -> None:
    # QA F3-61: "drug-facts text was ignored: ''" though nothing was ignored
    result = check_ingredients(text)
    assert "prose" not in _codes(result)


def test_a_drug_in_a_blanked_panel_is_still_flagged() -> None:
    # the column header is too far from "Purpose" to be recognised: the panel heading
    # blanks the actives, but the drug named there must still raise its flag
    text = (
        "Drug Facts Active ingredients (in each gram of this cream, for external use) Purpose "
        "Hydrocortisone 1% Itch relief Uses relieves itch Inactive ingredients: water, glycerin"
    )
    result = check_ingredients(text)
    assert ("corticosteroid", "anomaly") in {(f["category"], f["effect"]) for f in result["flags"]}
    assert result["summary"]["milia_risk"] == "high"


@pytest.mark.parametrize(
    "text",
    [
        "Oil-free, non-comedogenic formula. Ingredients: Water, Glycerin, Isopropyl Myristate, "
        "Mineral Oil, Phenoxyethanol",
        "Fragrance free, dermatologist tested. Ingredients: Water, Glycerin, Isopropyl "
        "Myristate, Mineral Oil, Phenoxyethanol",
    ],
)
def test_a_marketing_line_before_the_list_is_prose(text: str) -> None:
    # QA F3-62: it was ingredient no. 1 and a second list
    result = check_ingredients(text)
    assert _incis(result) == [
        "AQUA",
        "GLYCERIN",
        "ISOPROPYL MYRISTATE",
        "PARAFFINUM LIQUIDUM",
        "PHENOXYETHANOL",
    ]
    assert "several_lists" not in _codes(result)
    assert "prose" in _codes(result)
    if text.startswith("Oil-free"):  # the claim itself is still checked against the list
        assert [(c["claim"], c["consistent"]) for c in result["claims"]] == [
            ("oil_free", False),
            ("non_comedogenic", False),
        ]


def test_a_list_before_a_second_ingredients_header_is_still_a_list() -> None:
    text = "Aqua, Glycerin, Petrolatum. Ingredients: Water, Dimethicone, Phenoxyethanol"
    result = check_ingredients(text)
    assert _incis(result)[:3] == ["AQUA", "GLYCERIN", "PETROLATUM"]
    assert "several_lists" in _codes(result)
