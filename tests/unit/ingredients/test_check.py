"""check_ingredients: the contract, product types, summary and bad input."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import milia
from milia.errors import IngredientParseError
from milia.ingredients.check import (
    PRODUCT_TYPES,
    IngredientCheck,
    check_ingredients,
    normalize_product_type,
)
from milia.kb.loader import knowledge_version

ENTRY_KEYS = {"position", "text", "inci", "recognized", "percent", "may_contain", "match"}
FLAG_KEYS = {"inci", "category", "effect", "weight", "evidence", "sources", "position", "shown_as"}
CATEGORIES = {
    "occlusive", "comedogenic", "corticosteroid", "fluorouracil", "retinoid",
    "alpha_hydroxy_acid", "beta_hydroxy_acid", "fatty_alcohol",
}  # fmt: skip


def assert_contract(result: dict[str, object]) -> None:
    assert set(result) == {
        "ingredients", "flags", "claims", "summary", "issues", "knowledge_version"
    }  # fmt: skip
    entries = result["ingredients"]
    assert isinstance(entries, list)
    assert [e["position"] for e in entries] == list(range(1, len(entries) + 1))
    for e in entries:
        assert set(e) - {"percent_below"} == ENTRY_KEYS
        assert e["recognized"] == (e["inci"] is not None)
        assert e["percent"] is None or 0 <= e["percent"] <= 100
        if "percent_below" in e:  # "<1%": a bound, never the amount
            assert e["percent"] is None and 0 < e["percent_below"] <= 100
    for f in result["flags"]:  # type: ignore[attr-defined]
        if f["category"] == "comedogenic":  # the 0-5 rating and its source (QA F9-C04)
            assert set(f) == FLAG_KEYS | {"rating", "rating_source"}
            assert 0 <= f["rating"] <= 5 and f["rating_source"] == f["sources"][0]
            assert f"{f['rating']}/5" in f["evidence"]
        else:
            assert set(f) == FLAG_KEYS
        assert f["category"] in CATEGORIES
        assert f["effect"] in ("risk", "benefit", "anomaly")
        assert 0.0 <= f["weight"] <= 1.0 and f["sources"] and f["evidence"]
        # the position of the entry it concerns (None only for prose around the list)
        if f["position"] is not None:
            entry = entries[f["position"] - 1]
            assert entry["inci"] == f["inci"] or entry["inci"] is None
        assert f["shown_as"] in (f["effect"], "note")
        assert (f["shown_as"] == "note") == (f["category"] == "fatty_alcohol")
    for c in result["claims"]:  # type: ignore[attr-defined]
        assert c["claim"] in ("oil_free", "non_comedogenic")
        assert isinstance(c["consistent"], bool) and c["why"]
    summary = result["summary"]
    assert summary["milia_risk"] in ("low", "moderate", "high")  # type: ignore[index]
    if not summary["risk_known"]:  # type: ignore[index]
        # nothing was read: "low" only because the contract has no "unknown" level
        assert summary["milia_risk"] == "low" and not result["flags"]  # type: ignore[index]
        assert summary["why"][0].startswith("Risk unknown")  # type: ignore[index]
        assert "risk_unknown" in [i["code"] for i in result["issues"]]  # type: ignore[attr-defined]
    assert summary["unrecognized"] == sum(not e["recognized"] for e in entries)  # type: ignore[index]
    assert summary["ambiguous"] == sum(  # type: ignore[index]
        e["match"]["method"] == "ambiguous" for e in entries
    )
    for e in entries:
        if e["match"]["method"] == "ambiguous":
            assert not e["recognized"] and len(e["match"]["candidates"]) >= 2
    assert result["knowledge_version"] == knowledge_version()
    json.dumps(result)


def test_public_api_and_contract() -> None:
    result = milia.check_ingredients(
        "Aqua, Petrolatum, Cetearyl Alcohol, dimethicon, Retinol [+/- May Contain: CI 77891]",
        name="Oil-free eye balm",
        product_type="eye_cream",
    )
    assert_contract(dict(result))
    entries = result["ingredients"]
    assert entries[3]["text"] == "dimethicon" and entries[3]["inci"] == "DIMETHICONE"
    assert entries[3]["match"]["method"] == "fuzzy" and entries[3]["match"]["score"] < 100
    assert entries[-1]["may_contain"] is True


def test_eye_cream_with_occlusives_is_high_and_says_why() -> None:
    result = check_ingredients(
        "Water, Petrolatum, Paraffinum Liquidum, Lanolin, Glycerin", product_type="eye_cream"
    )
    assert result["summary"]["milia_risk"] == "high"
    assert any("Petrolatum" in line for line in result["summary"]["why"])


def test_the_same_list_weighs_less_as_a_rinse_off_cleanser() -> None:
    text = "Water, Petrolatum, Paraffinum Liquidum, Lanolin, Glycerin"
    eye = check_ingredients(text, product_type="eye_cream")
    wash = check_ingredients(text, product_type="cleanser")

    def total(result: IngredientCheck) -> float:
        return sum(f["weight"] for f in result["flags"] if f["effect"] == "risk")

    assert total(wash) < total(eye)
    assert wash["summary"]["milia_risk"] != "high"
    assert (
        check_ingredients(text, product_type="cleanser", leave_on=True)["flags"][0]["weight"]
        > wash["flags"][0]["weight"]
    )


def test_fatty_alcohols_do_not_raise_the_risk() -> None:
    result = check_ingredients(
        "Water, Cetearyl Alcohol, Cetyl Alcohol, Stearyl Alcohol, Behenyl Alcohol, Glycerin",
        product_type="eye_cream",
    )
    assert result["summary"]["milia_risk"] == "low"
    assert {f["category"] for f in result["flags"]} == {"fatty_alcohol"}
    assert all(f["weight"] == 0 for f in result["flags"])


def test_corticosteroid_makes_a_leave_on_product_high_wherever_it_is() -> None:
    """A cleanser is moderate at least, not high (QA F12-07: test_summary_medicine_exposure)."""
    for kind, level in (("moisturizer", "high"), ("cleanser", "moderate")):
        result = check_ingredients(
            "Water, Glycerin, Dimethicone, Phenoxyethanol, Hydrocortisone", product_type=kind
        )
        assert result["summary"]["milia_risk"] == level
        assert any("prohibited in EU cosmetics" in w for w in result["summary"]["why"])


def test_benefits_are_reported_but_do_not_count_as_risk() -> None:
    result = check_ingredients("Water, Glycolic Acid, Retinol, Salicylic Acid")
    assert result["summary"]["milia_risk"] == "low"
    assert {f["category"] for f in result["flags"]} == {
        "alpha_hydroxy_acid", "retinoid", "beta_hydroxy_acid"
    }  # fmt: skip
    assert any(w.startswith("May help") for w in result["summary"]["why"])


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Eye cream", "eye_cream"),
        ("Face Mask", "mask"),
        ("Sun protect", "sunscreen"),
        ("Moisturizer", "moisturizer"),
        ("Moisturiser", "moisturizer"),
        ("eye-cream", "eye_cream"),
        ("TREATMENT", "treatment"),
        (None, None),
    ],
)
def test_product_type_labels(label: str | None, kind: str | None) -> None:
    assert normalize_product_type(label) == kind


def test_unknown_product_type_is_an_error_with_a_suggestion() -> None:
    with pytest.raises(IngredientParseError) as err:
        check_ingredients("Water", product_type="eye crem")
    assert err.value.field == "product_type" and err.value.suggestion == "eye_cream"
    assert set(PRODUCT_TYPES) >= {"eye_cream", "mask", "cleanser"}


def test_leave_on_is_inferred_from_the_type() -> None:
    mask = check_ingredients("Petrolatum", product_type="mask")["flags"][0]["weight"]
    cream = check_ingredients("Petrolatum", product_type="mask", leave_on=True)["flags"][0][
        "weight"
    ]
    assert mask < cream


@pytest.mark.parametrize(
    ("name", "label", "rinse_off"),
    [
        ("Lavender Bath Soak", "Bath Oil", True),  # a shop's type "other", a rinse-off name
        ("Citrus Shower Gel", None, True),
        ("Bath and Shower Gel", "Body Wash", True),
        ("After-Shower Body Oil", None, False),
        ("Bath & Body Hand Cream", None, False),
        ("Rich Night Cream", "Bath Oil", True),  # the label alone says bath product
    ],
)
def test_bath_and_shower_products_rinse_off(name: str, label: str | None, rinse_off: bool) -> None:
    result = check_ingredients("Aqua, Petrolatum", name=name, product_type=label)
    assert ("rinse-off" in " ".join(result["summary"]["why"])) is rinse_off


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("No Info", "placeholder"),
        ("I bought this cream last week and it is lovely.", "not_an_ingredient_list"),
        ("<html><body><div>Great product!</div></body></html>", "html"),
        ("Water, (((Glycerin, [Mica", "unbalanced_brackets"),
    ],
)
def test_bad_input_gives_issues_not_crashes(text: str, code: str) -> None:
    result = check_ingredients(text)
    assert_contract(dict(result))
    assert code in [i["code"] for i in result["issues"]]


def test_empty_text_gives_an_empty_result() -> None:
    result = check_ingredients("")
    assert result["ingredients"] == [] and result["flags"] == [] and result["claims"] == []
    assert result["summary"]["milia_risk"] == "low" and result["summary"]["unrecognized"] == 0


def test_binary_bytes_raise_and_text_bytes_work() -> None:
    with pytest.raises(IngredientParseError):
        check_ingredients(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    result = check_ingredients("Aqua, Glycérine".encode())
    assert result["ingredients"][0]["inci"] == "AQUA"


def test_wrong_types_raise() -> None:
    with pytest.raises(IngredientParseError):
        check_ingredients(None)  # type: ignore[arg-type]
    with pytest.raises(IngredientParseError):
        check_ingredients("Water", leave_on="yes")  # type: ignore[arg-type]


def test_a_megabyte_of_prose_is_no_list() -> None:
    # how long it takes is measured in bench/ingredients.py (bad input), not here
    sentence = "This luxurious cream melts into your skin, leaving it soft and radiant. "
    text = sentence * (1_000_000 // len(sentence))
    result = check_ingredients(text)
    assert result["ingredients"] == []
    assert "not_an_ingredient_list" in [i["code"] for i in result["issues"]]


def test_a_megabyte_of_unknown_words_is_bounded() -> None:
    text = ", ".join(f"Zqx{i} Vrbl" for i in range(60_000))
    result = check_ingredients(text)  # timed in bench/ingredients.py, not here
    assert {"too_long", "fuzzy_limit"} & {i["code"] for i in result["issues"]}


def test_drug_facts_panels_do_not_hide_the_active() -> None:
    result = check_ingredients(
        "Active ingredient: Hydrocortisone 1% Purpose: Anti-itch. "
        "Inactive ingredients: aloe barbadensis leaf extract, light mineral oil, white wax",
        product_type="treatment",
    )
    entries = result["ingredients"]
    assert entries[0]["inci"] == "HYDROCORTISONE" and entries[0]["percent"] == 1.0
    assert all(e["recognized"] for e in entries)
    assert ("corticosteroid", "anomaly") in {(f["category"], f["effect"]) for f in result["flags"]}
    assert result["summary"]["milia_risk"] == "high"


def test_a_drug_inside_an_unreadable_item_is_still_flagged() -> None:
    result = check_ingredients("Water, Clobetasol Propionat Creme 0.05% xyz, Glycerin")
    assert "unrecognized_drug" in [i["code"] for i in result["issues"]] or any(
        e["inci"] == "CLOBETASOL PROPIONATE" for e in result["ingredients"]
    )
    assert result["summary"]["milia_risk"] == "high"


def test_low_comedogenic_ratings_are_not_flagged() -> None:
    result = check_ingredients("Water, Tocopherol, Stearic Acid, Olea Europaea Fruit Oil")
    assert [f for f in result["flags"] if f["category"] == "comedogenic"] == []


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    st.text(max_size=300),
    st.sampled_from([None, *PRODUCT_TYPES]),
    st.sampled_from([None, True, False]),
)
def test_any_text_gives_a_valid_result(text: str, kind: str | None, leave_on: bool | None) -> None:
    assert_contract(dict(check_ingredients(text, product_type=kind, leave_on=leave_on)))


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(
            ["Aqua", "Petrolatum", "Cetyl Alcohol", "dimethicon", "Hydrocortisone", "Retinol",
             "Shea Butter", "Isopropyl Myristate", "Glycerin", "Zinc Oxide 6.90%", "(and)",
             "[+/- May Contain:", "CI 77891]", "Xyzzy", "Active Ingredients:", "*Organic."]
        ),
        max_size=25,
    ).map(", ".join)
)  # fmt: skip
def test_label_like_lists_give_valid_results(text: str) -> None:
    result = check_ingredients(text, product_type="eye_cream")
    assert_contract(dict(result))
    if "Hydrocortisone" in text:
        assert result["summary"]["milia_risk"] == "high"


def test_a_truncation_guess_never_raises_a_flag_or_an_oil() -> None:
    result = check_ingredients(
        "Water, sambucus nigra, plukenetia volubilis oil, vitis vinifera extract", name="Oil-free"
    )
    by_text = {e["text"]: e for e in result["ingredients"]}
    elder = by_text["sambucus nigra"]  # oil, wax, extract, juice...: ambiguous, no flag
    assert elder["recognized"] is False and elder["match"]["method"] == "ambiguous"
    assert "SAMBUCUS NIGRA WAX" in elder["match"]["candidates"]
    assert not [f for f in result["flags"] if f["position"] == elder["position"]]
    grape = by_text["vitis vinifera extract"]  # bud, fruit, leaf or seed extract?
    assert grape["recognized"] is False and grape["match"]["method"] == "ambiguous"
    assert "VITIS VINIFERA SEED EXTRACT" in grape["match"]["candidates"]
    # the only CosIng name that adds a plant part: a completion, not a guess
    inca = by_text["plukenetia volubilis oil"]
    assert inca["inci"] == "PLUKENETIA VOLUBILIS SEED OIL"
    assert inca["match"]["method"] == "completion" and "partial" not in inca["match"]
    # the oil is named as written, so the claim check may rely on it
    assert result["claims"][0]["consistent"] is False


@pytest.mark.parametrize(
    ("name", "context"),
    [
        ("Rich Eye Cream", "leave-on eye cream"),
        ("Gentle Oil-Free Eye Makeup Remover", "rinse-off cleanser"),
        ("Overnight Sleeping Mask", "leave-on mask"),
        ("Clay Mask", "rinse-off mask"),
        ("Something Nice", "leave-on product of unknown type"),
    ],
)
def test_type_and_exposure_guessed_from_the_name(name: str, context: str) -> None:
    why = check_ingredients("Water, Petrolatum", name=name)["summary"]["why"]
    assert any(context in line for line in why)


def test_an_explicit_type_beats_the_name() -> None:
    why = check_ingredients("Water, Petrolatum", name="Eye Cream", product_type="cleanser")
    assert any(
        "rinse-off cleanser for" in line or "rinse-off cleanser (" in line
        for line in why["summary"]["why"]
    )


@pytest.mark.parametrize(
    "text",
    [
        "Hydrocortisone 1%: relieves itching and redness, Water, Petrolatum",  # kit-like header
        "Aqua, Glycerin, formulated with hydrocortisone for fast relief, Petrolatum",  # prose
        "Water, Glycerin. Clobetasol Propionate 0.05%: for severe eczema, Petrolatum",
    ],
)
def test_a_corticosteroid_in_prose_or_a_header_still_raises_the_red_flag(text: str) -> None:
    result = check_ingredients(text)
    categories = {(f["category"], f["effect"]) for f in result["flags"]}
    assert ("corticosteroid", "anomaly") in categories
    assert ("corticosteroid", "risk") in categories
    assert result["summary"]["milia_risk"] == "high"


@pytest.mark.parametrize(
    "text",
    [
        "Aqua, Glycerin, formulated without hydrocortisone or other steroids",
        "Aqua, Glycerin, Petrolatum. Free from parabens and hydrocortisone.",
        "Aqua, Glycerin, contains no steroids such as hydrocortisone",
    ],
)
def test_a_negated_drug_in_prose_raises_no_flag(text: str) -> None:
    result = check_ingredients(text)
    assert all(f["category"] != "corticosteroid" for f in result["flags"])


def test_a_named_ingredient_before_its_description_is_read() -> None:
    result = check_ingredients("Water, Octinoxate 6%: deliver broad-spectrum sun protection")
    octinoxate = result["ingredients"][1]
    assert octinoxate["inci"] == "ETHYLHEXYL METHOXYCINNAMATE" and octinoxate["percent"] == 6.0


@pytest.mark.parametrize(
    ("text", "joined", "inci"),
    [
        ("Glycerin, disodium, edta, Water", "disodium, edta", "DISODIUM EDTA"),
        ("Glycerin, sodium, hyaluronate", "sodium, hyaluronate", "SODIUM HYALURONATE"),
        ("hexylene, glycol, Water", "hexylene, glycol", "HEXYLENE GLYCOL"),
    ],
)
def test_a_name_cut_by_a_stray_comma_is_joined(text: str, joined: str, inci: str) -> None:
    entries = {e["text"]: e for e in check_ingredients(text)["ingredients"]}
    assert entries[joined]["inci"] == inci
    assert entries[joined]["match"]["method"] == "joined"


@pytest.mark.parametrize(
    ("text", "joined", "inci"),
    [
        # real Sephora and lookfantastic items: a stray comma AND a typo
        ("Prunus Aermeniaca (Apricot), Kernel Oil, Water", "Prunus Aermeniaca (Apricot), Kernel Oil",
         "PRUNUS ARMENIACA KERNEL OIL"),
        ("Aqua, Phyllostachis, Bambusoides Juice", "Phyllostachis, Bambusoides Juice",
         "PHYLLOSTACHYS BAMBUSOIDES JUICE"),
        ("glycerin, luminaria, saccharina extract", "luminaria, saccharina extract",
         "LAMINARIA SACCHARINA EXTRACT"),
        ("linalool, butlyphenyl, methylpropional", "butlyphenyl, methylpropional",
         "BUTYLPHENYL METHYLPROPIONAL"),
    ],
)  # fmt: skip
def test_a_name_cut_by_a_stray_comma_with_a_typo_is_joined_with_its_score(
    text: str, joined: str, inci: str
) -> None:
    entries = {e["text"]: e for e in check_ingredients(text)["ingredients"]}
    assert entries[joined]["inci"] == inci
    assert entries[joined]["match"]["method"] == "fuzzy"
    assert 90 <= entries[joined]["match"]["score"] < 100


@pytest.mark.parametrize(
    ("text", "joined", "inci"),
    [
        # the first piece is a typo of a name on its own, but the pair is one name
        ("Water, Dimethicon, Crosspolymer, Glycerin", "Dimethicon, Crosspolymer",
         "DIMETHICONE CROSSPOLYMER"),
        ("Aqua, Babasu Oil, Polyglyceryl-4 Esters", "Babasu Oil, Polyglyceryl-4 Esters",
         "BABASSU OIL POLYGLYCERYL-4 ESTERS"),
    ],
)  # fmt: skip
def test_a_typo_and_the_piece_after_it_are_joined_when_they_are_one_name(
    text: str, joined: str, inci: str
) -> None:
    entries = {e["text"]: e for e in check_ingredients(text)["ingredients"]}
    assert entries[joined]["inci"] == inci
    assert entries[joined]["match"]["method"] == "fuzzy"


@pytest.mark.parametrize(
    ("text", "joined", "inci"),
    [
        # a known name, then the unknown rest of a longer name after a stray comma
        ("Aqua, Glyceryl Stearate, SE, Glycerin", "Glyceryl Stearate, SE", "GLYCERYL STEARATE SE"),
        # a "/" written as a comma
        ("Aqua, Hydrolyzed Wheat Protein, PVP Crosspolymer",
         "Hydrolyzed Wheat Protein, PVP Crosspolymer", "HYDROLYZED WHEAT PROTEIN/PVP CROSSPOLYMER"),
    ],
)  # fmt: skip
def test_a_known_name_takes_the_unknown_rest_after_a_stray_comma(
    text: str, joined: str, inci: str
) -> None:
    entries = {e["text"]: e for e in check_ingredients(text)["ingredients"]}
    assert entries[joined]["inci"] == inci
    assert entries[joined]["match"]["method"] == "joined"


def test_a_completed_stub_takes_its_rest_with_a_typo() -> None:
    # "lauryl peg-9" is completed (completions.yaml); its rest follows, with a typo
    text = "Aqua, lauryl peg-9, polydimethylsiloxyethyl dimethicne, Glycerin"
    entries = check_ingredients(text)["ingredients"]
    assert [e["inci"] for e in entries] == [
        "AQUA",
        "LAURYL PEG-9 POLYDIMETHYLSILOXYETHYL DIMETHICONE",
        "GLYCERIN",
    ]
    assert entries[1]["match"]["method"] == "fuzzy"


def test_two_known_names_are_never_joined() -> None:
    entries = check_ingredients("Water, Cetearyl Alcohol, Ceteareth-20")["ingredients"]
    assert [e["inci"] for e in entries] == ["AQUA", "CETEARYL ALCOHOL", "CETEARETH-20"]


def test_a_typo_is_never_joined_into_a_slash_alternative() -> None:
    # the pair's "/" alternative (jasmine flower extract) is no reading of the pair
    text = "gardenia tahitensis flower extract, jasminum sambac flower extract / jasmine flower extract"
    entries = check_ingredients(text)["ingredients"]
    assert entries[0]["inci"] == "GARDENIA TAITENSIS FLOWER EXTRACT"
    assert all(e["match"]["method"] != "joined" for e in entries)


def test_a_stray_comma_typo_join_never_takes_another_word() -> None:
    # copolymer is not crosspolymer; the pieces stay apart and unrecognised
    entries = check_ingredients("Aqua, Sodium Acryloyldimethyl Taurate, Copolymer")["ingredients"]
    assert [e["text"] for e in entries] == ["Aqua", "Sodium Acryloyldimethyl Taurate", "Copolymer"]


def test_an_unknown_item_never_swallows_the_known_one_after_it() -> None:
    text = "Aqua, thymus serpillum extract, iron oxides (ci 77491), Glycerin"
    entries = check_ingredients(text)["ingredients"]
    assert [e["text"] for e in entries][2] == "iron oxides (ci 77491)"
    assert all(e["match"]["method"] != "joined" for e in entries)


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Facial Cleanser", "cleanser"),
        ("Sunscreen Lotion", "sunscreen"),
        ("Sheet Mask", "mask"),
        ("Eye Cream & Treatments", "eye_cream"),
        ("Makeup Remover", "cleanser"),
        ("Gel Cream", "moisturizer"),
    ],
)
def test_shop_labels_made_of_known_words_map_to_a_type(label: str, kind: str) -> None:
    assert normalize_product_type(label) == kind


@pytest.mark.parametrize("label", ["eye crem", "Foundation", "banana"])
def test_misspelt_or_unknown_labels_stay_errors(label: str) -> None:
    with pytest.raises(IngredientParseError) as err:
        normalize_product_type(label)
    assert err.value.suggestion in PRODUCT_TYPES


def test_prose_alarms_are_one_per_rule() -> None:
    prose = [
        f"this cream is made with hydrocortisone, batch {i}, for your relief" for i in range(30)
    ]
    text = ". ".join(["Aqua, Glycerin", *prose])
    flags = [f for f in check_ingredients(text)["flags"] if f["category"] == "corticosteroid"]
    assert sorted(f["effect"] for f in flags) == ["anomaly", "risk"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("eyecrem", "eye_cream"),
        ("sun screen", "sunscreen"),
        ("retinol serum", "serum"),
        ("masque", "mask"),
        # nothing close: 'other', never a wrong guess ('gel' was 'eye_cream', 'x' 'cleanser')
        ("gel", "other"),
        ("x", "other"),
        ("foundation", "other"),
        ("shampoo", "other"),
    ],
)
def test_unknown_product_type_suggests_what_was_meant(typed: str, meant: str) -> None:
    with pytest.raises(IngredientParseError) as info:
        check_ingredients("Water", product_type=typed)
    assert info.value.field == "product_type"
    assert info.value.suggestion == meant


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "Water \u2013 Glycerin \u2014 \u201cNiacinamide\u201d, \u2018Panthenol\u2019",
            ["Water", "Glycerin", "Niacinamide", "Panthenol"],
        ),
        ("Water - Glycerin, Niacinamide", ["Water", "Glycerin", "Niacinamide"]),
        ('"Aqua", Glycerin', ["Aqua", "Glycerin"]),
        (
            "1,2-Hexanediol, Caprylic/Capric Triglyceride, Vitamin E (Tocopherol)",
            ["1,2-Hexanediol", "Caprylic/Capric Triglyceride", "Vitamin E (Tocopherol)"],
        ),
    ],
)
def test_text_as_written_keeps_no_separator_or_unpaired_quote(text: str, shown: list[str]) -> None:
    assert [i["text"] for i in check_ingredients(text)["ingredients"]] == shown


def test_one_ingredient_named_in_several_languages_is_one_entry_and_one_flag() -> None:
    # "Paraffinum Liquidum/Mineral Oil/Huile Minerale" with its slashes turned into commas
    text = "Water, Paraffinum Liquidum, Mineral Oil, Huile Minerale, Glycerin, Cera Alba, Beeswax"
    result = check_ingredients(text, product_type="moisturizer")
    entries = [(e["position"], e["inci"]) for e in result["ingredients"]]
    assert entries == [
        (1, "AQUA"),
        (2, "PARAFFINUM LIQUIDUM"),
        (3, "GLYCERIN"),
        (4, "CERA ALBA"),
    ]
    assert result["ingredients"][1]["text"] == "Paraffinum Liquidum, Mineral Oil, Huile Minerale"
    occlusive = [f for f in result["flags"] if f["category"] == "occlusive"]
    assert [f["position"] for f in occlusive] == [2, 4]
    # weighed at its place in the list as printed without the repeats (Cera Alba is 4th)
    alone = check_ingredients(
        "Water, Paraffinum Liquidum, Glycerin, Cera Alba", product_type="moisturizer"
    )
    assert occlusive[1]["weight"] == alone["flags"][1]["weight"]


def test_the_same_name_in_two_lists_of_a_kit_is_kept_in_each() -> None:
    text = "Step 1: Water, Petrolatum. Step 2: Petrolatum, Glycerin"
    result = check_ingredients(text)
    assert [e["inci"] for e in result["ingredients"]].count("PETROLATUM") == 2


def test_a_drug_facts_panel_without_colons_is_read() -> None:
    text = (
        "Drug Facts Active ingredient Hydrocortisone 1% Purpose Anti-itch Uses temporarily "
        "relieves itching Warnings For external use only Inactive ingredients Water, "
        "Cetearyl Alcohol, Petrolatum, Glycerin"
    )
    result = check_ingredients(text, name="Anti-Itch Creme")
    assert [e["inci"] for e in result["ingredients"]] == [
        "HYDROCORTISONE",
        "AQUA",
        "CETEARYL ALCOHOL",
        "PETROLATUM",
        "GLYCERIN",
    ]
    assert {
        (f["inci"], f["effect"]) for f in result["flags"] if f["category"] == "corticosteroid"
    } == {
        ("HYDROCORTISONE", "anomaly"),
        ("HYDROCORTISONE", "risk"),
    }


@pytest.mark.parametrize(
    ("text", "drug", "base"),
    [
        (
            "Fluorouracil Cream USP, 5% Each gram contains 50 mg fluorouracil in a vanishing "
            "cream base consisting of white petrolatum, stearyl alcohol, propylene glycol",
            "FLUOROURACIL",
            ["PETROLATUM", "STEARYL ALCOHOL", "PROPYLENE GLYCOL"],
        ),
        (
            "Clobetasol Propionate Ointment USP, 0.05%: Each gram contains clobetasol propionate "
            "USP 0.5 mg in a base of propylene glycol, sorbitan sesquioleate and white petrolatum.",
            "CLOBETASOL PROPIONATE",
            ["PROPYLENE GLYCOL", "SORBITAN SESQUIOLEATE", "PETROLATUM"],
        ),
    ],
)
def test_a_medicines_composition_in_prose_is_read(text: str, drug: str, base: list[str]) -> None:
    result = check_ingredients(text)
    incis = [e["inci"] for e in result["ingredients"]]
    assert incis == [drug, *base]  # the active once, then its base; never CREAM (dairy)
    assert "several_lists" not in {i["code"] for i in result["issues"]}
    assert sum(f["category"] == "occlusive" for f in result["flags"]) == 1  # petrolatum


def test_a_drug_in_prose_is_flagged_by_its_name_not_the_whole_sentence() -> None:
    text = "Formulated with clobetasol propionate for fast relief. Water, Glycerin, Petrolatum"
    result = check_ingredients(text)
    drug = [f for f in result["flags"] if f["category"] == "corticosteroid"]
    assert drug and {f["inci"] for f in drug} == {"CLOBETASOL PROPIONATE"}
    assert all(f["position"] is None for f in drug)  # no entry shows prose
    # an unreadable item's flag keeps the item's own text, which pairs it with its entry
    item = check_ingredients("Water, Hydrocortisone Crem 1% anti-itch, Glycerin")
    assert item["ingredients"][1]["inci"] is None
    assert {f["inci"] for f in item["flags"]} == {"HYDROCORTISONE CREM 1 ANTI ITCH"}


@pytest.mark.parametrize(
    ("name", "label", "context"),
    [
        ("Purity Cleansing Balm", "Balm", "rinse-off cleanser"),
        ("Soothing Eye Balm", "Balm", "leave-on eye cream"),
        ("Rose Face Oil", "Oil", "leave-on moisturizer"),
        ("Cleansing Oil", "moisturizer", "leave-on moisturizer"),  # a contract type wins
    ],
)
def test_a_product_name_refines_a_generic_shop_label(name: str, label: str, context: str) -> None:
    why = " ".join(
        check_ingredients("Aqua, Petrolatum", name=name, product_type=label)["summary"]["why"]
    )
    assert f"for a {context}" in why


@pytest.mark.parametrize(
    ("text", "actives"),
    [
        (
            "Drug Facts\nActive ingredient (in each gram)     Purpose\n"
            "Hydrocortisone 1% .................. Anti-itch\n"
            "Uses temporarily relieves itching\nWarnings For external use only\n"
            "Directions adults and children 2 years and older: apply to affected area\n"
            "children under 2 years of age: do not use, ask a doctor\n"
            "Other information store at 20-25C\n"
            "Inactive ingredients petrolatum, mineral oil, water\nQuestions? call 1-800-000-0000",
            ["HYDROCORTISONE"],
        ),
        (
            "Drug Facts\nActive ingredients                Purpose\n"
            "Avobenzone 3% .................... Sunscreen\n"
            "Octocrylene 7% ................... Sunscreen\nUses helps prevent sunburn\n"
            "Inactive ingredients petrolatum, mineral oil, water",
            ["BUTYL METHOXYDIBENZOYLMETHANE", "OCTOCRYLENE"],
        ),
    ],
)
def test_a_drug_facts_table_with_dotted_leaders_keeps_its_actives(
    text: str, actives: list[str]
) -> None:
    # QA F3-48: the "Purpose" column header and the panels erased the actives
    result = check_ingredients(text)
    incis = [e["inci"] for e in result["ingredients"]]
    assert incis == [*actives, "PETROLATUM", "PARAFFINUM LIQUIDUM", "AQUA"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Aqua, Glycerin, Colloidal Oatmeal. Steroid-free. Hydrocortisone-free.", "Eczema Cream"),
        ("Aqua, Niacinamide, Arbutin, Glycerin. Free of: Hydroquinone, Parabens, Sulfates.", None),
        ("Ingredients: Aqua, Glycerin. Does not contain: Petrolatum, Mineral Oil, Lanolin", None),
    ],
)
def test_what_a_product_is_free_of_is_no_ingredient_and_no_alarm(
    text: str, name: str | None
) -> None:
    # QA F3-47: these raised a prohibited-drug anomaly or occlusive flags
    result = check_ingredients(text, name=name)
    assert result["flags"] == []
    assert "several_lists" not in {i["code"] for i in result["issues"]}
    assert "prose" in {i["code"] for i in result["issues"]}


def test_claims_and_headings_printed_among_ingredients_are_not_ingredients() -> None:
    text = (
        "Ingredients\nWater, Petrolatum, Glycerin. Non-comedogenic. Dermatologist tested.\n"
        "Directions\nApply a thin layer.\nWarnings\nAvoid contact with eyes."
    )
    result = check_ingredients(text)
    assert [e["inci"] for e in result["ingredients"]] == ["AQUA", "PETROLATUM", "GLYCERIN"]
    assert result["summary"]["unrecognized"] == 0


def test_an_ingredient_named_twice_in_one_list_is_reported() -> None:
    # QA F3-41 residual: each place keeps its flag (the web page shows one under each
    # row), and an issue says the list repeats the name
    result = check_ingredients("Aqua, Petrolatum, Glycerin, Petrolatum")
    assert sum(f["inci"] == "PETROLATUM" for f in result["flags"]) == 2
    assert "repeated_ingredient" in {i["code"] for i in result["issues"]}
    kit = check_ingredients("Step 1: Water, Petrolatum. Step 2: Petrolatum, Glycerin")
    assert "repeated_ingredient" not in {i["code"] for i in kit["issues"]}


def test_each_part_of_a_kit_is_weighed_as_the_type_its_header_names() -> None:
    # QA F3-44: a kit's cleanser was weighed as a leave-on product of the kit's type
    kit = check_ingredients(
        "Cleanser: Aqua, Sodium Laureth Sulfate, Glycerin. Eye Cream: Aqua, Lanolin",
        name="Skincare Kit",
    )
    alone_cleanser = check_ingredients(
        "Aqua, Sodium Laureth Sulfate, Glycerin", product_type="cleanser"
    )
    alone_eye = check_ingredients("Aqua, Lanolin", product_type="eye_cream")
    weights = {f["inci"]: f["weight"] for f in kit["flags"]}
    assert weights["SODIUM LAURETH SULFATE"] == alone_cleanser["flags"][0]["weight"]
    assert weights["LANOLIN"] == alone_eye["flags"][0]["weight"]


@pytest.mark.parametrize(
    "text",
    ["", "No Info", "Lorem ipsum dolor sit amet", "Zqxv Blorf, Wibble Wobble"],
)
def test_a_list_with_nothing_read_says_its_risk_is_unknown(text: str) -> None:
    """'low' is the contract's only level without a finding; it must not read as one."""
    result = check_ingredients(text, product_type="eye_cream")
    assert_contract(dict(result))
    summary = result["summary"]
    assert summary["milia_risk"] == "low" and summary["risk_known"] is False
    assert summary["why"][0].startswith("Risk unknown: no ingredient could be read")
    assert "not a finding of low risk" in summary["why"][0]
    assert not any(w.startswith(("Sum of risk weights", "No occlusive")) for w in summary["why"])
    assert "risk_unknown" in [i["code"] for i in result["issues"]]


def test_a_drug_named_in_an_unreadable_text_is_a_known_risk() -> None:
    result = check_ingredients("Hydrocortisone 1% Anti-itch blorf")
    assert result["summary"]["milia_risk"] == "high" and result["summary"]["risk_known"]
    assert "risk_unknown" not in [i["code"] for i in result["issues"]]


def test_one_ingredient_read_makes_the_risk_known() -> None:
    result = check_ingredients("Aqua, Zqxv Blorf")
    assert result["summary"]["risk_known"] is True
    assert "risk_unknown" not in [i["code"] for i in result["issues"]]


@pytest.mark.parametrize(
    ("bound", "written"),
    [(1.0, "Petrolatum <1%"), (1.0, "Petrolatum (less than 1%)"), (2.0, "Petrolatum (< 2%)")],
)
def test_below_a_percent_is_a_bound_not_the_amount(bound: float, written: str) -> None:
    below = check_ingredients(f"Aqua, Glycerin, {written}", product_type="moisturizer")
    at = check_ingredients(f"Aqua, Glycerin, Petrolatum {bound}%", product_type="moisturizer")
    entry = below["ingredients"][2]
    assert entry["inci"] == "PETROLATUM"
    assert entry["percent"] is None and entry["percent_below"] == bound
    assert at["ingredients"][2]["percent"] == bound and "percent_below" not in at["ingredients"][2]
    (flag,) = below["flags"]
    (at_flag,) = at["flags"]
    assert flag["weight"] < at_flag["weight"]  # "<1%" never weighs as 1 %
    assert_contract(dict(below))


def test_a_loose_bound_never_raises_the_weight_of_its_place() -> None:
    bounded = check_ingredients("Aqua, Glycerin, Dimethicone, Mica, Silica, Petrolatum <50%")
    plain = check_ingredients("Aqua, Glycerin, Dimethicone, Mica, Silica, Petrolatum")
    assert bounded["flags"][0]["weight"] == plain["flags"][0]["weight"]


@pytest.mark.parametrize(
    ("text", "inci"),
    [
        ("Water, Glycerin (Vegetable", "GLYCERIN"),
        ("Water, Glycerin (Vegetable, Petrolatum", "GLYCERIN"),
        ("Water, Stellaria Media (Chickweed( Extract, Mica", "STELLARIA MEDIA EXTRACT"),
    ],
)
def test_a_bracket_left_open_still_names_its_ingredient(text: str, inci: str) -> None:
    result = check_ingredients(text)
    entry = result["ingredients"][1]
    assert entry["inci"] == inci and entry["recognized"]
    assert "unbalanced_brackets" in [i["code"] for i in result["issues"]]
    assert_contract(dict(result))


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Aqua, Cortisone-free formula, Glycerin", False),  # was a corticosteroid, "high"
        ("Aqua, Without added hydrocortisone, Glycerin", False),
        ("Aqua, Hydrocortisone 1% no-drip formula, Glycerin", True),  # negation not on the drug
        ("Aqua, Clobetasol Propionate Free Base, Glycerin", True),  # chemistry, not absence
    ],
)
def test_a_drug_named_only_as_absent_raises_no_red_flag(text: str, flagged: bool) -> None:
    result = check_ingredients(text)
    steroid = [f for f in result["flags"] if f["category"] == "corticosteroid"]
    assert bool(steroid) is flagged
    assert (result["summary"]["milia_risk"] == "high") is flagged


@pytest.mark.parametrize(
    ("name", "context"),
    [
        # a shop's "Eye Care" section holds make-up removers: wiped or rinsed off
        ("Avene Gentle Eye Make-Up Remover 125ml", "rinse-off cleanser (type guessed"),
        ("Sarah Chapman Lash Boosting Eye Cleanse 70ml", "rinse-off cleanser (type guessed"),
        ("Clinique All About Eyes 15ml", "leave-on eye cream ("),
    ],
)
def test_an_eye_care_label_is_refined_by_a_remover_name(name: str, context: str) -> None:
    result = check_ingredients(
        "Aqua, Isohexadecane, Petrolatum", name=name, product_type="Eye Care"
    )
    assert any(w.startswith("Sum") and context in w for w in result["summary"]["why"])


@pytest.mark.parametrize(
    ("name", "label", "context"),
    [
        # the Sephora corpus files cleansing oils and a micellar cleanser as "Moisturizer"
        ("Take The Day Off Cleansing Oil", "Moisturizer", "rinse-off cleanser (type guessed"),
        ("Miracle Water 3-in-1 Micellar Cleanser", "Moisturizer", "rinse-off cleanser (type"),
        ("Gentle Oil-Free Eye Makeup Remover", "Eye cream", "rinse-off cleanser (type guessed"),
        # not cleansers: a spot gel, a supplement, a sleeping mask; a contract type wins
        ("Super Spot Remover Blemish Treatment Gel", "Treatment", "leave-on treatment ("),
        ("Daily Cleanse Clear Skin and Breakout Supplement", "Treatment", "leave-on treatment ("),
        ("Water Sleeping Mask", "Moisturizer", "leave-on moisturizer ("),
        ("Take The Day Off Cleansing Oil", "moisturizer", "leave-on moisturizer ("),
    ],
)
def test_a_cleanser_name_beats_a_shop_label(name: str, label: str, context: str) -> None:
    why = check_ingredients("Aqua, Petrolatum", name=name, product_type=label)["summary"]["why"]
    assert any(w.startswith("Sum") and context in w for w in why), why


@pytest.mark.parametrize(
    "drug",
    ["Fluorometholone", "Tixocortol Pivalate", "Cortivazol", "Halobetasol Propionate", "Desonide"],
)
def test_every_glucocorticoid_in_a_cosmetic_list_is_a_red_flag(drug: str) -> None:
    """Annex II entry 300 prohibits glucocorticoids as a class, not a list of names."""
    result = check_ingredients(f"Aqua, {drug} 0.1%, Petrolatum")
    kinds = {(f["category"], f["effect"]) for f in result["flags"]}
    assert {("corticosteroid", "anomaly"), ("corticosteroid", "risk")} <= kinds
    assert result["summary"]["milia_risk"] == "high"
