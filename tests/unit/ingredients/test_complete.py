"""Completions, curated names and label-noise rewrites, on real label strings (table-driven)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milia.ingredients.check import check_ingredients
from milia.ingredients.complete import Completer
from milia.ingredients.keys import lookup_key, spaced_key
from milia.ingredients.normalize import lexicon


@pytest.mark.parametrize(
    ("written", "inci", "method"),
    [
        # a plant part added: the only CosIng name of that shape
        ("pogostemon cablin oil", "POGOSTEMON CABLIN LEAF OIL", "completion"),
        ("Pogostemon Cablin (Patchouli) Oil", "POGOSTEMON CABLIN LEAF OIL", "completion"),
        ("centaurea cyanus extract", "CENTAUREA CYANUS FLOWER EXTRACT", "completion"),
        ("acacia decurrens wax", "ACACIA DECURRENS FLOWER WAX", "completion"),
        ("lycium barbarum (goji) extract", "LYCIUM BARBARUM FRUIT EXTRACT", "completion"),
        # parts on the label must all be in the name: no leaf oil alone in CosIng
        ("tanacetum annuum (blue tansy) leaf oil", "TANACETUM ANNUUM FLOWER/LEAF/STEM OIL", "completion"),
        ("mentha piperita (peppermint) stem/leaf oil", "MENTHA PIPERITA FLOWER/LEAF/STEM OIL", "completion"),
        # a part named in brackets narrows the choice
        ("vitis vinifera (grape seed) extract", "VITIS VINIFERA SEED EXTRACT", "variant"),
        ("prunus avium (sweet cherry fruit) extract", "PRUNUS AVIUM FRUIT EXTRACT", "completion"),
        # a name cut after a few words, with one CosIng completion
        ("acetyl dipeptide-1 cetyl", "ACETYL DIPEPTIDE-1 CETYL ESTER", "completion"),
        # curated: Latin, French, US colour and common names
        ("Alcohol Cetylicus", "CETYL ALCOHOL", "synonym"),
        ("Natrii Edetas", "DISODIUM EDTA", "synonym"),
        ("Cire de Carnauba", "COPERNICIA CERIFERA CERA", "synonym"),
        ("Chromium Hydroxide Green", "CI 77289", "synonym"),
        ("Cananga Odorata (Ylang Ylang) Oil", "CANANGA ODORATA FLOWER OIL", "synonym"),
        ("Citrus Aurantium Amara (Neroli) Oil", "CITRUS AURANTIUM AMARA FLOWER OIL", "synonym"),
        ("Cupuacu Butter", "THEOBROMA GRANDIFLORUM SEED BUTTER", "synonym"),
        ("hydrolyzed lactis proteinum", "HYDROLYZED MILK PROTEIN", "synonym"),
        # label noise
        ("Arginine HCI", "ARGININE HCL", "exact"),
        ("L-Lysine HCl", "LYSINE HCL", "variant"),
        ("L-Proline", "PROLINE", "variant"),
        ("Pelargonium Graveolens Flower Essential Oil", "PELARGONIUM GRAVEOLENS FLOWER OIL", "variant"),
        ("Jasminum Grandiflorum Floral Extract", "JASMINUM GRANDIFLORUM FLOWER EXTRACT", "variant"),
        ("boswellia serrata plant extract", "BOSWELLIA SERRATA EXTRACT", "variant"),
    ],
)  # fmt: skip
def test_real_label_names(written: str, inci: str, method: str) -> None:
    match = lexicon().resolve(written)
    assert (match.inci, match.method) == (inci, method)
    assert not match.partial


@pytest.mark.parametrize(
    "written",
    [
        "lavandula angustifolia",  # a bare species: oil, water or extract?
        "rosa damascena",
        "prunus amygdalus dulcis",  # oil or seed meal: decides "oil-free"
        "sodium lauroyl",  # sarcosinate, lactylate, glutamate...?
        "fish (pisces) collagen",  # not FISH COLLAGEN/GLYCOPROTEINS (a cut at a slash)
    ],
)
def test_ambiguous_or_common_names_are_not_completed(written: str) -> None:
    match = lexicon().resolve(written)
    assert match.method != "completion"
    assert match.inci is None or match.partial


@pytest.mark.parametrize(
    ("written", "one_of"),
    [
        # lookfantastic prints these stubs for every form of the plant (its own cleaning)
        ("rosa damascena", "ROSA DAMASCENA FLOWER WATER"),
        ("prunus amygdalus dulcis", "PRUNUS AMYGDALUS DULCIS OIL"),
        ("citrus aurantium dulcis", "CITRUS AURANTIUM DULCIS PEEL OIL"),
        ("lavandula angustifolia", "LAVANDULA ANGUSTIFOLIA OIL"),
        ("hamamelis virginiana", "HAMAMELIS VIRGINIANA WATER"),
        ("sodium lauroyl", "SODIUM LAUROYL SARCOSINATE"),
        ("vitis vinifera extract", "VITIS VINIFERA SEED EXTRACT"),
        ("vanilla planifolia extract", "VANILLA PLANIFOLIA FRUIT EXTRACT"),
        ("chamomilla recutita (matricaria)", "CHAMOMILLA RECUTITA FLOWER EXTRACT"),
        ("eugenia", "EUGENIA CARYOPHYLLUS LEAF OIL"),  # a genus alone
        ("cetyl", "CETYL ALCOHOL"),  # "cetyl, stearyl alcohol" cut at the comma
    ],
)
def test_names_that_fit_several_cosing_names_are_ambiguous(written: str, one_of: str) -> None:
    match = lexicon().resolve(written)
    assert match.method == "ambiguous" and match.inci is None and not match.recognized
    assert one_of in match.candidates and len(match.candidates) >= 2


def test_ambiguous_candidates_list_plant_forms_before_lab_grown_ones() -> None:
    found = lexicon().resolve("rosa damascena").candidates
    assert found.index("ROSA DAMASCENA FLOWER OIL") < found.index("ROSA DAMASCENA CALLUS")


def test_a_typo_with_a_missing_word_stays_a_partial_guess() -> None:
    match = lexicon().resolve("mimosa terniflora extract")  # TENUIFLORA BARK EXTRACT
    assert match.method == "fuzzy" and match.partial


def test_completer_needs_exactly_one_candidate() -> None:
    names = [
        "ROSA X FLOWER OIL",
        "ROSA X FLOWER EXTRACT",
        "ROSA X LEAF EXTRACT",
        "ROSA X CALLUS EXTRACT",
    ]
    completer = Completer((spaced_key(n), n) for n in names)
    assert completer.complete("ROSA X OIL") == "ROSA X FLOWER OIL"
    assert completer.complete("ROSA X EXTRACT") is None  # flower or leaf
    assert completer.complete("ROSA X EXTRACT", hints="ROSE LEAF") == "ROSA X LEAF EXTRACT"
    assert completer.complete("ROSA X") is None  # no preparation word; several names start so
    assert completer.candidates("ROSA X") == (
        "ROSA X FLOWER EXTRACT", "ROSA X FLOWER OIL", "ROSA X LEAF EXTRACT",
        "ROSA X CALLUS EXTRACT",
    )  # fmt: skip
    assert completer.candidates("ROSA X EXTRACT") == (
        "ROSA X FLOWER EXTRACT",
        "ROSA X LEAF EXTRACT",
    )
    assert completer.candidates("ROSA") == completer.candidates("ROSA X")  # a genus alone
    assert completer.candidates("ROS") == ()  # too short to be a cut name


def test_a_completion_is_shown_and_flags_as_written() -> None:
    result = check_ingredients("Aqua, Shorea Stenoptera Butter, Acacia Decurrens Wax", name="Balm")
    entries = {e["text"]: e for e in result["ingredients"]}
    butter = entries["Shorea Stenoptera Butter"]
    assert butter["inci"] == "SHOREA STENOPTERA SEED BUTTER"
    assert butter["match"]["method"] == "completion" and butter["recognized"]
    assert lookup_key(butter["text"]) != lookup_key(butter["inci"])  # text kept as written


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        ("Organic Orange Peel Extract (Citrus Sinensis)", "CITRUS SINENSIS PEEL EXTRACT"),
        ("organic rosehip seed oil (rosa canina)", "ROSA CANINA SEED OIL"),
        (
            "organic lavender flower (lavandula angustifolia) essential oil",
            "LAVANDULA ANGUSTIFOLIA FLOWER OIL",
        ),
        ("organic papaya fruit extract (carica papaya)", "CARICA PAPAYA FRUIT EXTRACT"),
        ("organic goji berry extract (lycium barbarum)", "LYCIUM BARBARUM FRUIT EXTRACT"),
        # nested brackets, read from the inside out
        (
            "cucumis sativus [cucumis sativus (cucumber) fruit extract]",
            "CUCUMIS SATIVUS FRUIT EXTRACT",
        ),
        (
            "lonicera japonica flower extract (lonicera japonica (honeysuckle) flower)",
            "LONICERA JAPONICA FLOWER EXTRACT",
        ),
    ],
)
def test_common_name_first_latin_in_brackets(written: str, inci: str) -> None:
    match = lexicon().resolve(written)
    assert match.inci == inci and not match.partial


def test_latin_reading_needs_a_preparation_word_outside() -> None:
    from milia.ingredients.complete import latin_readings

    assert latin_readings("Hyaluronic Acid (Sodium Hyaluronate)") == []
    assert latin_readings("Water (Aqua)") == []
    assert "PRUNUS AMYGDALUS DULCIS OIL" in latin_readings(
        "Sweet Almond Oil (Prunus Amygdalus Dulcis)"
    )


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_resolve_never_raises_and_is_self_consistent(text: str) -> None:
    lex = lexicon()
    match = lex.resolve(text)
    assert (match.inci is not None) == match.recognized
    if match.partial:
        assert match.method == "fuzzy" and match.inci is not None
    if match.method == "completion":
        assert match.inci is not None and lex.canonical(match.inci) == match.inci


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Rosa", "Canina", "Seed", "Oil", "(", ")", "[", "]", "Extract", "Leaf",
                         "organic", "Citrus", "Sinensis", "Peel", "essential", "/", "Aqua"]),
        max_size=12,
    ).map(" ".join)
)  # fmt: skip
def test_latin_readings_never_raise_and_stay_short(text: str) -> None:
    from milia.ingredients.complete import latin_readings

    readings = latin_readings(text)
    assert all(isinstance(r, str) for r in readings)
    assert len(readings) <= 2 * len(text) + 2


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        # a fungus's part, like a plant's: the one CosIng name with it filled in
        ("Cyathus Stercoreus Extract", "CYATHUS STERCOREUS MYCELIUM EXTRACT"),
        ("Clitocybe Aurantiaca Extract", "CLITOCYBE AURANTIACA MYCELIUM EXTRACT"),
    ],
)
def test_a_fungal_part_is_completed_like_a_plant_part(written: str, inci: str) -> None:
    found = lexicon().resolve(written)
    assert (found.inci, found.method) == (inci, "completion")
