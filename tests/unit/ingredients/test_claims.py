"""Claims: "oil-free" and "non-comedogenic" against the list."""

from __future__ import annotations

import pytest

from milia.ingredients.check import check_ingredients
from milia.ingredients.claims import detect_claims, oil_kind


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("Oil-Free Moisturizer", ["oil_free"]),
        ("Oil Free Face Cream", ["oil_free"]),
        ("oil\u2010free gel", ["oil_free"]),
        ("Non-Comedogenic Lotion", ["non_comedogenic"]),
        ("noncomedogenic SPF 30", ["non_comedogenic"]),
        ("Non Comedogenic", ["non_comedogenic"]),
        ("A light gel that won't clog pores", ["non_comedogenic"]),
        ("Will not clog pores; oil free", ["oil_free", "non_comedogenic"]),
        ("Clinically proven not to clog pores", ["non_comedogenic"]),
        ("Formulated to not clog pores", ["non_comedogenic"]),
        ("Moisturises without clogging your pores", ["non_comedogenic"]),
        ("Pore Clogging Test Kit", []),
        ("Cleansing Oil", []),
        ("Hydrating Face Oil for dry skin", []),
        # a kind of oil before "oil-free" is a narrower claim, not "oil-free"
        ("Palm Oil Free Body Butter", []),
        ("Mineral-Oil-Free Night Cream", []),
        ("Paraben and mineral oil free", []),
        ("Essential oil-free serum", []),
        # "oil" opening a list of things the product is free of
        ("Hydrating Gel - Oil & Fragrance Free", ["oil_free"]),
        ("Gentle gel. Oil, paraben and fragrance free.", ["oil_free"]),
        ("Olive oil, shea butter and sulfate-free", []),
        (None, []),
    ],
)
def test_detect_claims(text: str | None, claims: list[str]) -> None:
    assert detect_claims(text) == claims


@pytest.mark.parametrize(
    ("inci", "kind"),
    [
        ("OLEA EUROPAEA FRUIT OIL", "plant oil"),
        ("MINK OIL", "animal oil"),
        ("SHARK LIVER OIL", "animal oil"),
        ("PARAFFINUM LIQUIDUM", "mineral oil"),
        ("BUTYROSPERMUM PARKII BUTTER", "plant butter"),
        ("CERA ALBA", "wax"),
        ("LANOLIN", "lanolin (animal wax)"),
        ("LAVANDULA ANGUSTIFOLIA OIL", "essential oil"),
        ("CITRUS AURANTIUM BERGAMIA FRUIT OIL", "essential oil"),
        ("CAPRYLIC/CAPRIC TRIGLYCERIDE", None),
        ("ISOPROPYL MYRISTATE", None),
        ("DIMETHICONE", None),
        ("CYCLOPENTASILOXANE", None),
        ("PEG-40 HYDROGENATED CASTOR OIL", None),
        ("SODIUM PEG-7 OLIVE OIL CARBOXYLATE", None),
        ("CETEARYL ALCOHOL", None),
    ],
)
def test_what_counts_as_an_oil(inci: str, kind: str | None) -> None:
    assert oil_kind(inci) == kind


def claim(result: dict[str, object], name: str) -> dict[str, object]:
    found = [c for c in result["claims"] if c["claim"] == name]  # type: ignore[attr-defined]
    assert len(found) == 1
    return found[0]  # type: ignore[no-any-return]


def test_oil_free_with_mineral_oil_is_inconsistent() -> None:
    result = check_ingredients("Water, Mineral Oil, Glycerin", name="Oil-Free Lotion")
    c = claim(dict(result), "oil_free")
    assert c["consistent"] is False
    why = str(c["why"])
    assert why.startswith("The list contains") and "Paraffinum Liquidum" in why
    assert "false" not in why.lower()
    assert c["sources"]


def test_oil_free_with_esters_and_silicones_is_consistent() -> None:
    result = check_ingredients(
        "Water, Dimethicone, Caprylic/Capric Triglyceride, Isopropyl Palmitate, Cetyl Alcohol, "
        "Lavandula Angustifolia (Lavender) Oil",
        name="Oil-Free Gel",
    )
    c = claim(dict(result), "oil_free")
    assert c["consistent"] is True
    assert "esters, silicones" in str(c["why"]) and "Lavandula" in str(c["why"])


@pytest.mark.parametrize(
    "hydrocarbon",
    ["Hydrogenated Polyisobutene", "Isohexadecane", "Isododecane", "Polydecene"],
)
def test_synthetic_hydrocarbon_emollients_are_named_not_counted_for_oil_free(
    hydrocarbon: str,
) -> None:
    # QA F3-43: one stated rule: synthetic hydrocarbons are named in why, never counted,
    # while oils pressed or refined from plants, animals or minerals always count
    result = check_ingredients(f"Aqua, {hydrocarbon}, Glycerin", name="Oil-Free Lotion")
    c = claim(dict(result), "oil_free")
    assert c["consistent"] is True and hydrocarbon in str(c["why"])
    mineral = check_ingredients(f"Aqua, {hydrocarbon}, Mineral Oil", name="Oil-Free Lotion")
    assert claim(dict(mineral), "oil_free")["consistent"] is False


@pytest.mark.parametrize("name", ["Squalane", "Squalene", "Olea Europaea (Olive) Fruit Oil"])
def test_squalane_counts_as_an_oil_like_the_olive_oil_it_comes_from(name: str) -> None:
    result = check_ingredients(f"Aqua, {name}, Glycerin", name="Oil-Free Lotion")
    c = claim(dict(result), "oil_free")
    assert c["consistent"] is False and name.split(" (")[0].split(" ")[0] in str(c["why"])


def test_squalane_is_counted_whatever_its_origin_and_the_why_says_so() -> None:
    # QA F13-10: much squalane is made from sugar-cane, like the synthetic hydrocarbons
    # that are not counted; the rule counts it as sold and named as an oil, and says that
    # the label does not tell its origin rather than claiming olive or shark liver
    result = check_ingredients("Aqua, Squalane, Isohexadecane", name="Oil-Free Primer")
    why = str(claim(dict(result), "oil_free")["why"])
    assert "sugar-cane" in why and "label does not say" in why
    assert "whatever its origin" in why and "this reading is ours" in why
    assert "Isohexadecane" in why  # named, not counted


def test_non_comedogenic_with_isopropyl_myristate_is_inconsistent() -> None:
    result = check_ingredients(
        "Water, Isopropyl Myristate, Glycerin", name="Non-Comedogenic Day Cream"
    )
    c = claim(dict(result), "non_comedogenic")
    assert c["consistent"] is False and "Isopropyl Myristate (rated 5/5)" in str(c["why"])
    assert "rabbit-ear" in str(c["why"])


def test_non_comedogenic_not_broken_by_fatty_alcohols_or_petrolatum() -> None:
    result = check_ingredients(
        "Water, Petrolatum, Cetearyl Alcohol, Cetyl Alcohol, Stearyl Alcohol, Glycerin",
        name="Non-comedogenic balm",
    )
    assert claim(dict(result), "non_comedogenic")["consistent"] is True


def test_claims_in_the_text_are_found_too() -> None:
    result = check_ingredients("Oil-free formula. Ingredients: Water, Jojoba Oil, Glycerin")
    assert claim(dict(result), "oil_free")["consistent"] is False
    assert [e["inci"] for e in result["ingredients"]] == [
        "AQUA",
        "SIMMONDSIA CHINENSIS SEED OIL",
        "GLYCERIN",
    ]


def test_no_claim_no_entry() -> None:
    assert check_ingredients("Water, Mineral Oil", name="Body Lotion")["claims"] == []


def test_claims_in_bytes_input_are_found() -> None:
    result = check_ingredients(b"Oil-free. Ingredients: Water, Mineral Oil")
    assert [c["claim"] for c in result["claims"]] == ["oil_free"]
    assert result["claims"][0]["consistent"] is False


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("Not oil-free cleanser", []),
        ("This is not an oil free cream", []),
        ("Noncomedogenic; NOT oil-free", ["non_comedogenic"]),
        ("is not non-comedogenic", []),
        ("Not comedogenic gel", ["non_comedogenic"]),  # "not comedogenic" is the claim itself
        ("A notable oil-free gel", ["oil_free"]),
        ("Oil-free (not greasy), non-comedogenic", ["oil_free", "non_comedogenic"]),
    ],
)
def test_a_negated_claim_is_no_claim(text: str, claims: list[str]) -> None:
    """QA F3-4: a product named "Not oil-free cleanser" was checked as claiming oil-free."""
    from milia.ingredients.claims import detect_claims

    assert detect_claims(text) == claims


def test_a_may_contain_tail_is_named_but_never_decides_a_claim() -> None:
    text = (
        "Aqua, Dimethicone, Glycerin, Silica "
        "[+/- May Contain: CI 77891, Ricinus Communis Seed Oil, Isopropyl Myristate]"
    )
    result = check_ingredients(text, name="Oil-Free Non-Comedogenic Foundation")
    claims = {c["claim"]: c for c in result["claims"]}
    assert claims["oil_free"]["consistent"] is True
    assert "may contain" in claims["oil_free"]["why"] and "Ricinus" in claims["oil_free"]["why"]
    assert claims["non_comedogenic"]["consistent"] is True
    assert "Isopropyl Myristate" in claims["non_comedogenic"]["why"]
    # the same oil in the list itself decides it
    listed = check_ingredients("Aqua, Ricinus Communis Seed Oil, Glycerin", name="Oil-Free Gel")
    assert listed["claims"][0]["consistent"] is False


@pytest.mark.parametrize("text", ["No Info", "Zzqx, Qqvv", ""])
def test_a_claim_on_an_unread_list_gets_no_verdict(text: str) -> None:
    # QA F3-42: "consistent: true" about a list nobody could read counted it as checked
    result = check_ingredients(text, name="Oil-Free Non-Comedogenic Gel")
    assert result["claims"] == []
    assert "claims_unchecked" in {i["code"] for i in result["issues"]}


@pytest.mark.parametrize(
    ("written", "fits"),
    [
        ("Rosehip Oil", "ROSA RUBIGINOSA SEED OIL"),
        ("Rose Hip Seed Oil", "ROSA CANINA SEED OIL"),
        ("Organic Rosehip Oil", "ROSA CANINA FRUIT OIL"),
        ("Macadamia Oil", "MACADAMIA TERNIFOLIA SEED OIL"),
        ("Rapeseed Oil", "BRASSICA NAPUS SEED OIL"),
        ("Camellia Oil", "CAMELLIA JAPONICA SEED OIL"),
    ],
)
def test_a_common_oil_name_of_several_species_counts_as_an_oil(written: str, fits: str) -> None:
    """Which rose the label does not say, so no INCI name is picked; but it is an oil."""
    result = check_ingredients(f"Aqua, {written}, Glycerin", name="Oil-Free Moisturiser")
    entry = result["ingredients"][1]
    assert entry["inci"] is None and entry["match"]["method"] == "ambiguous"
    assert fits in entry["match"]["candidates"]
    assert all(oil_kind(c) == "plant oil" for c in entry["match"]["candidates"])
    (claim,) = result["claims"]
    assert claim["consistent"] is False
    assert claim["why"].startswith(f"The list contains {written} (plant oil")


def test_a_latin_name_in_brackets_says_which_rosehip_oil() -> None:
    result = check_ingredients("Aqua, Rosehip Seed Oil (Rosa Canina)")
    assert result["ingredients"][1]["inci"] == "ROSA CANINA SEED OIL"


def test_an_ambiguous_name_that_may_not_be_an_oil_is_still_not_counted() -> None:
    result = check_ingredients("Aqua, Rosa Damascena, Glycerin", name="Oil-Free Toner")
    (claim,) = result["claims"]
    assert claim["consistent"] is True and "could be an oil" in claim["why"]


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        ("Neem Oil", "AZADIRACHTA INDICA SEED OIL"),
        ("Walnut Oil", "JUGLANS REGIA SEED OIL"),
        ("Acai Oil", "EUTERPE OLERACEA FRUIT OIL"),
        ("Sacha Inchi Oil", "PLUKENETIA VOLUBILIS SEED OIL"),
        ("Passion Fruit Seed Oil", "PASSIFLORA EDULIS SEED OIL"),
        ("Plum Kernel Oil", "PRUNUS DOMESTICA SEED OIL"),
        ("Tsubaki Oil", "CAMELLIA JAPONICA SEED OIL"),
        ("Squalane Oil", "SQUALANE"),
    ],
)
def test_common_oil_names_of_one_species_are_mapped_and_counted(written: str, inci: str) -> None:
    result = check_ingredients(f"Aqua, {written}", name="Oil-Free Gel")
    assert result["ingredients"][1]["inci"] == inci
    assert result["claims"][0]["consistent"] is False


@pytest.mark.parametrize(
    ("inci", "kind"),
    [
        # fragrance-only oils in CosIng's functions: volatile, not counted for "oil-free"
        ("MYRISTICA FRAGRANS KERNEL OIL", "essential oil"),
        ("CUMINUM CYMINUM SEED OIL", "essential oil"),
        ("ELETTARIA CARDAMOMUM SEED OIL", "essential oil"),
        ("PETROSELINUM CRISPUM SEED OIL", "essential oil"),
        ("HUMULUS LUPULUS OIL", "essential oil"),
        ("MYROXYLON PEREIRAE OIL", "essential oil"),
        ("ORMENIS MULTICAULIS OIL", "essential oil"),
        # CosIng lists coriander seed oil as an emollient only (the essential oil is the
        # fruit oil): a fatty oil, counted
        ("CORIANDRUM SATIVUM SEED OIL", "plant oil"),
        ("CORIANDRUM SATIVUM FRUIT OIL", "essential oil"),
        ("PRUNUS ARMENIACA KERNEL OIL", "plant oil"),
    ],
)
def test_spice_and_resin_oils_are_essential_and_coriander_seed_oil_is_fatty(
    inci: str, kind: str
) -> None:
    assert oil_kind(inci) == kind


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("0% oil", ["oil_free"]),
        ("0 % Oils, 100% glow", ["oil_free"]),
        ("Sans huile", ["oil_free"]),
        ("Ölfrei", ["oil_free"]),
        ("oel-frei", ["oil_free"]),
        ("Sin aceite", ["oil_free"]),
        ("Senza olio", ["oil_free"]),
        ("Olievrij", ["oil_free"]),
        # one kind of oil only: no claim about oils in general
        ("Sans huile minérale", []),
        ("0% mineral oil", []),
        ("Mineralölfrei", []),
        ("Olea Europaea Fruit Oil 10%", []),
    ],
)
def test_the_oil_free_claim_in_other_words(text: str, claims: list[str]) -> None:
    """QA F7-10 (minor): '0% oil', 'sans huile', 'ölfrei' are the oil-free claim."""
    assert detect_claims(text) == claims
