"""The parser on real, messy label strings, and its properties (Hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milia.errors import IngredientParseError
from milia.ingredients.tokenize import MAX_ITEMS, decode_input, parse_ingredient_text


def names(text: str) -> list[str]:
    return [i.item.name for i in parse_ingredient_text(text).items]


def codes(text: str) -> list[str]:
    return [i["code"] for i in parse_ingredient_text(text).issues]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # slashes and backslashes never split an INCI name
        ("Aqua/Water/Eau, Glycerin", ["Aqua/Water/Eau", "Glycerin"]),
        ("Water\\Aqua\\Eau, Glycerin", ["Water\\Aqua\\Eau", "Glycerin"]),
        ("Water (Aqua, Eau), Glycerin", ["Water (Aqua, Eau)", "Glycerin"]),
        (
            "Caprylic/Capric Triglyceride, Acrylates/C10-30 Alkyl Acrylate Crosspolymer",
            ["Caprylic/Capric Triglyceride", "Acrylates/C10-30 Alkyl Acrylate Crosspolymer"],
        ),
        # common names in brackets stay with their INCI name
        (
            "Butyrospermum Parkii (Shea) Butter, Tocopherol",
            ["Butyrospermum Parkii (Shea) Butter", "Tocopherol"],
        ),
        # commas inside chemical names
        (
            "Water, 1,2-Hexanediol, 2-Bromo-2-Nitropropane-1,3-Diol",
            ["Water", "1,2-Hexanediol", "2-Bromo-2-Nitropropane-1,3-Diol"],
        ),
        # missing spaces after commas, case
        ("WATER,glycerin,Dimethicone", ["WATER", "glycerin", "Dimethicone"]),
        # footnote marks
        (
            "Water, Aloe Barbadensis Leaf Juice*, Glycerin**. *Organic. **Plant origin.",
            ["Water", "Aloe Barbadensis Leaf Juice", "Glycerin"],
        ),
        # a footnote glued to the last name: after a full stop with no space, or a space
        (
            "Water, Glycerin, Linalool.*Organic Farming.",
            ["Water", "Glycerin", "Linalool"],
        ),
        ("Aqua, Sodium Benzoate *Naturally Derived.", ["Aqua", "Sodium Benzoate"]),
        ("Aqua, Tocopherol.† Certified Organic", ["Aqua", "Tocopherol"]),
        # a footnote's explanation after a full stop, its mark left before the stop
        ("Aqua, Glycerin*, Citric Acid*. Organic Farming.", ["Aqua", "Glycerin", "Citric Acid"]),
        # but a name after a full stop is a name
        ("Aqua, Glycerin. Tocopherol", ["Aqua", "Glycerin", "Tocopherol"]),
        # a botanical "var." or "subsp." is no sentence break
        (
            "Aqua, Citrus Aurantium Var. Amara Flower Water. Glycerin",
            ["Aqua", "Citrus Aurantium Var. Amara Flower Water", "Glycerin"],
        ),
        # unicode dashes and quotes
        (
            "Water, Laureth\u20134, St. John\u2019s Wort Extract",
            ["Water", "Laureth-4", "St. John's Wort Extract"],
        ),
        # "(and)" joins two ingredients in a trade blend
        (
            "Dimethyl Isosorbide (and) Hydroxypinacolone Retinoate",
            ["Dimethyl Isosorbide", "Hydroxypinacolone Retinoate"],
        ),
        # abbreviations with a period are not sentence breaks
        (
            "Red 33 (CI 17200), Ext. Violet 2 (CI 60730), FD&C Yellow No. 5",
            ["Red 33 (CI 17200)", "Ext. Violet 2 (CI 60730)", "FD&C Yellow No. 5"],
        ),
        # Python-list strings (the lookfantastic corpus)
        ("['water', 'glycerin', 'cetearyl alchol']", ["water", "glycerin", "cetearyl alchol"]),
        ('["aqua", "shea\'s butter"]', ["aqua", "shea's butter"]),
        # title and division prose before "Ingredients:"
        (
            "Micro Essence Lot Division: El (Estee Lauder)Ingredients: Water , Bifida Ferment Lysate , Peg-75",
            ["Water", "Bifida Ferment Lysate", "Peg-75"],
        ),
    ],
)
def test_real_label_patterns(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "percents"),
    [
        ("Zinc Oxide 17.1%, Water", [17.1, None]),
        ("Zinc Oxide 6.90%Water, Glycerin", [6.9, None, None]),
        ("Peat Extract(0.5%), Water", [0.5, None]),
        ("Niacinamide 10 %, Zinc PCA 1%", [10.0, 1.0]),
        ("Salicylic Acid 0,5%, Water", [0.5, None]),
    ],
)
def test_percentages(text: str, percents: list[float | None]) -> None:
    items = parse_ingredient_text(text).items
    assert [i.item.percent for i in items] == percents
    assert all("%" not in i.item.name for i in items)


def test_a_percentage_over_100_is_reported_not_silently_dropped() -> None:
    """QA F3-4: "Zinc Oxide 150%" lost its number with no issue."""
    parsed = parse_ingredient_text("Zinc Oxide 150%, Glycerin 80%, Aqua")
    assert [i.item.percent for i in parsed.items] == [None, 80.0, None]
    assert [i.item.name for i in parsed.items] == ["Zinc Oxide", "Glycerin", "Aqua"]
    (issue,) = [i for i in parsed.issues if i["code"] == "impossible_percent"]
    assert "150" in issue["message"]
    assert not any(
        i["code"] == "impossible_percent" for i in parse_ingredient_text("Zinc Oxide 100%").issues
    )


def test_missing_separator_after_percent_splits_two_ingredients() -> None:
    assert names("Zinc Oxide 6.90%Water, Glycerin") == ["Zinc Oxide", "Water", "Glycerin"]


@pytest.mark.parametrize(
    "text",
    [
        "Water, Glycerin, Mica. [+/- May Contain: CI 77891, CI 77491, CI 77492]",
        "Water, Glycerin, Mica [+/- CI 77891, CI 77491, CI 77492]",
        "Water, Glycerin, Mica. May Contain: CI 77891, CI 77491, CI 77492.",
        "Water, Glycerin, Mica (+/- May Contain): CI 77891, CI 77491, CI 77492",
        "Water, Glycerin, Mica. Peut Contenir: CI 77891, CI 77491, CI 77492",
    ],
)
def test_may_contain_tails(text: str) -> None:
    items = parse_ingredient_text(text).items
    assert [i.item.name for i in items] == [
        "Water",
        "Glycerin",
        "Mica",
        "CI 77891",
        "CI 77491",
        "CI 77492",
    ]
    assert [i.may_contain for i in items] == [False] * 3 + [True] * 3


def test_drug_facts_sections_are_one_product() -> None:
    parsed = parse_ingredient_text(
        "Active Ingredients: Zinc Oxide 17.1%, Octinoxate 7.5% "
        "Inactive Ingredients: Water, Dimethicone, Cetyl Alcohol"
    )
    assert [i.item.name for i in parsed.items] == [
        "Zinc Oxide",
        "Octinoxate",
        "Water",
        "Dimethicone",
        "Cetyl Alcohol",
    ]
    assert parsed.items[0].item.percent == pytest.approx(17.1)
    assert "several_lists" not in [i["code"] for i in parsed.issues]
    # the inactive list is weighted by its own positions
    assert [i.position_in_list for i in parsed.items] == [1, 2, 1, 2, 3]


def test_kit_with_several_lists() -> None:
    parsed = parse_ingredient_text(
        "Jelly Cleanser: Water, Sodium Lauroyl Methyl Isethionate, Glycerin. "
        "C-Firma Day Serum: Water, Ethoxydiglycol, Ascorbic Acid"
    )
    assert [i.item.name for i in parsed.items] == [
        "Water",
        "Sodium Lauroyl Methyl Isethionate",
        "Glycerin",
        "Water",
        "Ethoxydiglycol",
        "Ascorbic Acid",
    ]
    assert {i.list_index for i in parsed.items} == {0, 1}
    assert "several_lists" in [i["code"] for i in parsed.issues]


@pytest.mark.parametrize(
    "text", ["No Info", "Visit the Tata Harper boutique", "n/a", "  ", "-", "Ingredients:"]
)
def test_placeholders_give_no_ingredients(text: str) -> None:
    parsed = parse_ingredient_text(text)
    assert parsed.items == []
    assert {i["code"] for i in parsed.issues} & {"placeholder", "empty"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "I really love this cream, it is amazing and you should buy it for your skin.",
            "not_an_ingredient_list",
        ),
        (
            "Apply a small amount to clean skin every morning and evening, avoiding the eyes.",
            "not_an_ingredient_list",
        ),
        (
            "Water, Glycerin, Mica. Directions: apply daily to clean skin and massage gently.",
            "prose",
        ),
        ("Water, Glycerin, F.I.L. D12345/1, Mica", "stock_code"),
        ("Water, Glycerin. Our products are free from parabens, sulfates and phthalates.", "prose"),
        ("<p>Water, <b>Glycerin</b></p><br>Mica", "html"),
        ("((((((Water, Glycerin", "unbalanced_brackets"),
        ("Water, Stellaria Media (Chickweed( Extract, Mica", "unbalanced_brackets"),
        ("Water,, Glycerin", "empty_items"),
    ],
)
def test_problems_are_reported(text: str, code: str) -> None:
    assert code in codes(text)


def test_free_from_statement_is_not_read_as_ingredients() -> None:
    assert names(
        "Water, Glycerin. Our products are free from parabens, sulfates and phthalates."
    ) == [
        "Water",
        "Glycerin",
    ]


def test_unclosed_brackets_do_not_swallow_the_list() -> None:
    # one bracket typed twice is read as a pair (it was "Stellaria Media Chickweed Extract")
    assert names("Water, Stellaria Media (Chickweed( Extract*+, Mica") == [
        "Water",
        "Stellaria Media (Chickweed) Extract",
        "Mica",
    ]
    assert names("((((((((Water, Glycerin, Mica") == ["Water", "Glycerin", "Mica"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a bracket left open is closed at the end of its item (was "Glycerin Vegetable")
        ("Water, Glycerin (Vegetable", "Glycerin (Vegetable)"),
        ("Water, Glycerin (Vegetable, Petrolatum", "Glycerin (Vegetable)"),
        ("Water, Glycerin [Vegetable Source, Mica", "Glycerin [Vegetable Source]"),
        # a bracket with nothing after it is dropped; a closer with no opener too
        ("Water, Glycerin (, Mica", "Glycerin"),
        ("Water, Vegetable) Glycerin, Mica", "Vegetable Glycerin"),
    ],
)
def test_a_bracket_left_open_is_closed_at_the_end_of_its_item(text: str, name: str) -> None:
    assert names(text)[1] == name
    assert "unbalanced_brackets" in codes(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Water, Diisopropyl Adipate 6938-94-9, Mica", "Diisopropyl Adipate"),
        ("Water, Titanium Dioxide (CAS 13463-67-7), Mica", "Titanium Dioxide"),
        ("Water, Titanium Dioxide (CAS No. 13463-67-7), Mica", "Titanium Dioxide"),
        # a spreadsheet cell reference pasted after a name (Sephora corpus)
        ("Water, Potassium Sorbate.'[product copy_0328_tj.xls]product'!$H$23", "Potassium Sorbate"),
    ],
)
def test_cas_numbers_and_cell_references_are_not_part_of_the_name(text: str, name: str) -> None:
    assert names(text)[1] == name


def test_html_is_stripped() -> None:
    assert names("<p>Water, <b>Glycerin</b></p><br>Mica") == ["Water", "Glycerin", "Mica"]


def test_bytes_are_decoded_or_refused() -> None:
    assert decode_input(b"Water") == "Water"
    assert decode_input("Crème".encode("cp1252")) == "Crème"
    with pytest.raises(IngredientParseError) as err:
        decode_input(bytes(range(256)) * 4)
    assert err.value.field == "text"
    with pytest.raises(IngredientParseError):
        decode_input(12345)


def test_item_cap() -> None:
    parsed = parse_ingredient_text(", ".join(["Glycerin"] * (MAX_ITEMS + 10)))
    assert len(parsed.items) == MAX_ITEMS
    assert "too_long" in [i["code"] for i in parsed.issues]


_LABEL_ALPHABET = st.sampled_from(
    [
        *"abcXYZ019 ,;.:/\\()[]{}%*+-\n\t'\"&",
        *("May Contain", "+/-", "Ingredients:", "Aqua", "\u2013", "\u00a0"),
    ]
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text())
def test_any_text_parses(text: str) -> None:
    parsed = parse_ingredient_text(text)
    for item in parsed.items:
        assert item.item.kind == "ingredient"
        assert item.item.name.strip() == item.item.name and item.item.name
        assert item.item.percent is None or 0.0 <= item.item.percent <= 100.0


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(_LABEL_ALPHABET, max_size=60).map("".join))
def test_label_like_text_positions_run_one_to_n_per_list(text: str) -> None:
    parsed = parse_ingredient_text(text)
    by_list: dict[int, list[int]] = {}
    for item in parsed.items:
        by_list.setdefault(item.list_index, []).append(item.position_in_list)
    for positions in by_list.values():
        assert positions == list(range(1, len(positions) + 1))
    assert [len(v) for _, v in sorted(by_list.items())] == parsed.list_sizes
    for issue in parsed.issues:
        assert set(issue) == {"code", "message"} and issue["message"]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    st.lists(
        st.from_regex(r"[A-Z][a-z]{2,10}( [A-Z][a-z]{2,10}){0,2}", fullmatch=True),
        min_size=1,
        max_size=30,
    )
)
def test_plain_comma_lists_round_trip(words: list[str]) -> None:
    assert names(", ".join(words)) == words


def test_key_ingredient_bullets_name_their_ingredients() -> None:
    text = (
        "-Glycolic Acid: Reduces visible signs of aging. -Salicylic Acid: Reduces pore "
        "blockages. -Citric Acid (AHA), Malic Acid (AHA), and Willow Bark Extract"
    )
    assert names(text) == [
        "Glycolic Acid",
        "Salicylic Acid",
        "Citric Acid (AHA)",
        "Malic Acid (AHA)",
        "Willow Bark Extract",
    ]
    assert "prose" in codes(text)


def test_key_ingredient_bullets_followed_by_the_full_list() -> None:
    text = (
        "-Lactic Acid: Supports cell renewal. -Colloidal Oatmeal: Acts as an anti-irritant. "
        "Step One: Water, Hamamelis Virginiana (Witch Hazel) Water, Lactic Acid, "
        "Mandelic Acid, Salix Alba (Willow) Bark Extract, Glycerin"
    )
    assert names(text) == [
        "Water",
        "Hamamelis Virginiana (Witch Hazel) Water",
        "Lactic Acid",
        "Mandelic Acid",
        "Salix Alba (Willow) Bark Extract",
        "Glycerin",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Water\nGlycerin\nPetrolatum",
        "Water,\nGlycerin,\n\nPetrolatum",
        "Water; Glycerin; Petrolatum",
        "\u2022 Water \u2022 Glycerin \u2022 Petrolatum",
        "1. Water 2. Glycerin 3. Petrolatum",
        "1) Water\n2) Glycerin\n3) Petrolatum",
        "Water - Glycerin - Petrolatum",
        "Water | Glycerin | Petrolatum",
        "Water\tGlycerin\tPetrolatum",
        "INGREDIENTS: Water, Glycerin, Petrolatum.",
        "Ingr\u00e9dients : Water, Glycerin, Petrolatum",
    ],
)
def test_list_formats_people_paste(text: str) -> None:
    parsed = parse_ingredient_text(text)
    assert [i.item.name for i in parsed.items] == ["Water", "Glycerin", "Petrolatum"]
    assert parsed.issues == []


def test_random_bytes_are_refused_as_binary() -> None:
    import random

    rng = random.Random(20261127)
    for size in (20, 200, 5000):
        with pytest.raises(IngredientParseError):
            decode_input(bytes(rng.randrange(1, 256) for _ in range(size)))
    assert decode_input("Crème, Glycérine, Huile minérale".encode("cp1252")).startswith("Crème")


def test_allergen_and_colourant_headers_continue_the_list() -> None:
    parsed = parse_ingredient_text("Water, Glycerin, Parfum. Allergens: Limonene, Linalool")
    assert [i.item.name for i in parsed.items] == [
        "Water",
        "Glycerin",
        "Parfum",
        "Limonene",
        "Linalool",
    ]
    assert [i.position_in_list for i in parsed.items] == [1, 2, 3, 4, 5]
    assert parsed.issues == []


@pytest.mark.parametrize(
    "botanical",
    [
        "Oenothera Biennis (Evening Primrose) Root Extract",
        "Oenothera Biennis (Organic Evening Primrose) Oil",
        "Camellia Sinensis (Green Tea) Leaves Extract",
        "Ipomoea (Morning Glory) Flower Extract",
    ],
)
def test_botanical_names_with_prose_words_are_ingredients(botanical: str) -> None:
    # 'evening', 'morning' and 'leaves' also occur in directions; a plant name is kept.
    parsed = parse_ingredient_text(f"Water, {botanical}, Glycerin")
    assert names(f"Water, {botanical}, Glycerin") == ["Water", botanical, "Glycerin"]
    assert not [i for i in parsed.issues if i["code"] == "prose"]


@pytest.mark.parametrize(
    "directions", ["Apply every evening to clean skin", "leaves skin soft and smooth all day"]
)
def test_directions_with_the_same_words_are_still_prose(directions: str) -> None:
    assert names(f"Water, {directions}, Glycerin") == ["Water", "Glycerin"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # real Sephora rows: Clinique's internal record headers between products
        (
            "Glycerin, Titanium Dioxide (Ci 77891) Rds Product Name: Spf30 Face Cream "
            "Division: Cl (Clinique)Water , Ethylhexyl Salicylate",
            ["glycerin", "titanium dioxide (ci 77891)", "water", "ethylhexyl salicylate"],
        ),
        (
            "Disodium Edta , Chloroxylenol Rds Product Name: Acne Solutions Clarifying Lotion "
            "Division: Cl (Clinique)Active Ingredient: Salicylic Acid 1.50%Water , Alcohol Denat.",
            ["disodium edta", "chloroxylenol", "salicylic acid", "water", "alcohol denat"],
        ),
    ],
)
def test_shop_record_headers_separate_lists(text: str, names: list[str]) -> None:
    parsed = parse_ingredient_text(text)
    assert [i.item.name.lower() for i in parsed.items] == names
    assert "several_lists" in [i["code"] for i in parsed.issues]
    assert len({i.list_index for i in parsed.items}) >= 2


def test_a_glued_footnote_is_reported_as_a_footnote() -> None:
    assert "footnote" in codes("Water, Glycerin, Linalool.*Organic Farming.")
    assert "footnote" in codes("Aqua, Sodium Benzoate *Naturally Derived.")


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Octinoxate 6%: Deliver broad-spectrum sun protection", "Octinoxate"),
        ("Niacinamide: Visibly minimizes the look of pores", "Niacinamide"),
        ("Silica Silylate: Helps to control oil and reduce shine", "Silica Silylate"),
        ("Cleanser: Water", "Water"),  # a kit part's name, then its list
    ],
)
def test_a_description_after_a_colon_keeps_the_named_ingredient(raw: str, name: str) -> None:
    from milia.ingredients.clean import clean_item

    assert clean_item(raw).name == name


def test_a_last_bullet_of_several_actives_is_not_taken_for_the_full_list() -> None:
    text = (
        "-Rose Apple Leaf Extract: Counteracts oxidation. -Xylitol: Helps keep skin soft. "
        "-Avobenzone 3%, Homosalate 15%, Octisalate 5%, Octocrylene 2.5%, Oxybenzone 5%: "
        "Provide sun protection properties."
    )
    names = [i.item.name for i in parse_ingredient_text(text).items]
    assert names[:2] == ["Rose Apple Leaf Extract", "Xylitol"]
    assert names[-1] == "Oxybenzone"


@pytest.mark.parametrize(
    "text",
    [
        "Zinc Oxide 40%; Inactive: Cod Liver Oil, Lanolin, Petrolatum, Talc",
        "Zinc Oxide 40% Inactive ingredients: Cod Liver Oil, Lanolin, Petrolatum, Talc",
    ],
)
def test_an_active_with_its_strength_before_the_inactive_section_is_kept(text: str) -> None:
    parsed = parse_ingredient_text(text)
    assert [i.item.name for i in parsed.items][:2] == ["Zinc Oxide", "Cod Liver Oil"]
    assert parsed.products == 1 and not parsed.issues  # one product, not a kit


@pytest.mark.parametrize(
    ("raw", "name", "percent"),
    [
        ("Clobetasol 500 ppm", "Clobetasol", None),
        ("Hydrocortisone 10 mg/g", "Hydrocortisone", None),
        ("Retinol 0.1-0.3%", "Retinol", 0.3),  # a range gives its upper value
    ],
)
def test_doses_and_ranges_are_not_part_of_the_name(
    raw: str, name: str, percent: float | None
) -> None:
    from milia.ingredients.clean import clean_item

    item = clean_item(raw)
    assert (item.name, item.percent) == (name, percent)


def test_a_bracket_left_open_before_a_number_is_not_closed() -> None:
    # two colours run together: closing it would read CI 17200 alone as the whole item
    assert names("Water, extci 60725 (ci 17200, Mica")[1] == "extci 60725 ci 17200"
