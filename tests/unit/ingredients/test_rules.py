"""Category rules and weights."""

from __future__ import annotations

from typing import Any

import pytest

from milia.ingredients.rules import rulebook


def flags(inci: str, **kw: object) -> list[dict[str, Any]]:
    args: dict[str, object] = {
        "position": 1,
        "percent": None,
        "may_contain": False,
        "leave_on": True,
        "product_type": "moisturizer",
    }
    args.update(kw)
    return [dict(f) for f in rulebook().flags(inci, **args)]  # type: ignore[arg-type]


def categories(inci: str) -> set[tuple[object, object]]:
    return {(f["category"], f["effect"]) for f in flags(inci)}


@pytest.mark.parametrize(
    "inci",
    [
        "PETROLATUM",
        "PARAFFINUM LIQUIDUM",
        "LANOLIN",
        "ACETYLATED LANOLIN ALCOHOL",
        "CERA MICROCRISTALLINA",
        "PARAFFIN",
        "BUTYROSPERMUM PARKII BUTTER",
        "THEOBROMA CACAO SEED BUTTER",
    ],
)
def test_occlusives(inci: str) -> None:
    assert ("occlusive", "risk") in categories(inci)


@pytest.mark.parametrize(
    "inci", ["DIMETHICONE", "CAPRYLIC/CAPRIC TRIGLYCERIDE", "GLYCERIN", "PEG-75 LANOLIN", "AQUA"]
)
def test_not_occlusive(inci: str) -> None:
    assert ("occlusive", "risk") not in categories(inci)


@pytest.mark.parametrize(
    "inci", ["CETYL ALCOHOL", "STEARYL ALCOHOL", "CETEARYL ALCOHOL", "BEHENYL ALCOHOL"]
)
def test_fatty_alcohols_are_shown_but_weigh_nothing(inci: str) -> None:
    found = flags(inci, product_type="eye_cream")
    assert [(f["category"], f["weight"]) for f in found] == [("fatty_alcohol", 0.0)]
    text = str(found[0]["evidence"]).lower()
    assert "not a drying alcohol" in text and "not a milia risk" in text


def test_corticosteroid_is_an_anomaly_and_a_trigger() -> None:
    found = flags("HYDROCORTISONE")
    assert {(f["category"], f["effect"]) for f in found} == {
        ("corticosteroid", "anomaly"),
        ("corticosteroid", "risk"),
    }
    anomaly = next(f for f in found if f["effect"] == "anomaly")
    assert "eu_annex_ii" in anomaly["sources"] and "300" in str(anomaly["evidence"])
    assert ("corticosteroid", "anomaly") in categories("CLOBETASOL PROPIONATE")
    assert ("corticosteroid", "anomaly") in categories("BETAMETHASONE DIPROPIONATE")


def test_not_corticosteroids() -> None:
    for inci in (
        "PREGNENOLONE ACETATE",
        "CINCHONA SUCCIRUBRA BARK EXTRACT",
        "5-ISOPROPYLTROPOLONE",
    ):
        assert all(c != "corticosteroid" for c, _ in categories(inci))


@pytest.mark.parametrize(
    ("inci", "category"),
    [
        ("RETINOL", "retinoid"),
        ("RETINYL PALMITATE", "retinoid"),
        ("HYDROXYPINACOLONE RETINOATE", "retinoid"),
        ("RETINAL", "retinoid"),
        ("GLYCOLIC ACID", "alpha_hydroxy_acid"),
        ("LACTIC ACID", "alpha_hydroxy_acid"),
        ("MANDELIC ACID", "alpha_hydroxy_acid"),
        ("SALICYLIC ACID", "beta_hydroxy_acid"),
    ],
)
def test_benefits(inci: str, category: str) -> None:
    assert (category, "benefit") in categories(inci)


def test_not_benefits() -> None:
    assert categories("ETHYLHEXYL SALICYLATE") == set()
    assert categories("CITRIC ACID") == set()


def test_fluorouracil() -> None:
    assert categories("FLUOROURACIL") == {("fluorouracil", "anomaly"), ("fluorouracil", "risk")}


def test_comedogenic_flag_states_its_rating_and_source() -> None:
    found = flags("ISOPROPYL MYRISTATE")
    assert [f["category"] for f in found] == ["comedogenic"]
    evidence = str(found[0]["evidence"])
    assert "5/5" in evidence and "rabbit-ear" in evidence and "not milia" in evidence
    assert "fulton1989" in found[0]["sources"]
    assert "ezob_comedogenic_compilation" in found[0]["sources"]


def test_petrolatum_is_not_comedogenic_and_cites_kligman() -> None:
    found = flags("PETROLATUM")
    assert [f["category"] for f in found] == ["occlusive"]
    assert "kligman1996" in found[0]["sources"]
    assert "Kligman 1996" in str(found[0]["evidence"])


def test_weight_falls_with_position() -> None:
    weights = [float(flags("PETROLATUM", position=p)[0]["weight"]) for p in (1, 3, 8, 20)]
    assert weights == sorted(weights, reverse=True) and weights[0] > weights[-1]


def test_percent_overrides_position() -> None:
    high = float(flags("PETROLATUM", position=30, percent=30.0)[0]["weight"])
    low = float(flags("PETROLATUM", position=1, percent=0.5)[0]["weight"])
    assert high > low


def test_rinse_off_and_type_scale_risks() -> None:
    def weight(**kw: object) -> float:
        return float(flags("PETROLATUM", position=2, **kw)[0]["weight"])

    assert weight(product_type="eye_cream") > weight(product_type="moisturizer")
    assert weight(product_type="moisturizer") > weight(product_type="cleanser")
    assert weight(leave_on=True) > weight(leave_on=False)
    assert weight(may_contain=True) < weight(may_contain=False)


def test_anomaly_is_never_scaled_down() -> None:
    found = flags("HYDROCORTISONE", position=40, leave_on=False, product_type="cleanser")
    assert next(f["weight"] for f in found if f["effect"] == "anomaly") == 1.0


def test_weights_are_in_range() -> None:
    rb = rulebook()
    for inci in [*rb.ratings, "PETROLATUM", "RETINOL", "HYDROCORTISONE"]:
        for f in rb.flags(
            inci,
            position=1,
            percent=100.0,
            may_contain=False,
            leave_on=True,
            product_type="eye_cream",
        ):
            assert 0.0 <= f["weight"] <= 1.0


@pytest.mark.parametrize(
    ("written", "category"),
    [
        ("Hydrocortisone Acetate 1%", "corticosteroid"),
        ("Clobetasol Propionate 0.05%", "corticosteroid"),
        ("Fluorouracil 5%", "fluorouracil"),
    ],
)
def test_a_printed_drug_strength_does_not_scale_the_risk_down(written: str, category: str) -> None:
    from milia.ingredients.check import check_ingredients

    with_percent = check_ingredients(f"Water, {written}", product_type="moisturizer")
    bare = check_ingredients(f"Water, {written.rsplit(' ', 1)[0]}", product_type="moisturizer")

    def risk(result: dict[str, object]) -> float:
        flags = result["flags"]
        assert isinstance(flags, list)
        return max(
            f["weight"] for f in flags if f["category"] == category and f["effect"] == "risk"
        )

    assert risk(dict(with_percent)) == pytest.approx(risk(dict(bare)), abs=1e-9)
    assert risk(dict(with_percent)) > 0.5


def test_a_printed_percent_still_weighs_cosmetic_ingredients() -> None:
    from milia.ingredients.check import check_ingredients

    low = check_ingredients("Water, Glycerin, Petrolatum 1%", product_type="moisturizer")
    high = check_ingredients("Water, Glycerin, Petrolatum 30%", product_type="moisturizer")
    assert low["flags"][0]["weight"] < high["flags"][0]["weight"]


@pytest.mark.parametrize(
    ("written", "inci"),
    [("Efudex", "FLUOROURACIL"), ("hydrocortisone 17-butyrate", "HYDROCORTISONE BUTYRATE"),
     ("Fluticasone Propionate", "FLUTICASONE PROPIONATE"), ("Fluocinonide", "FLUOCINONIDE")],
)  # fmt: skip
def test_drug_names_on_labels_are_recognised(written: str, inci: str) -> None:
    from milia.ingredients.normalize import lexicon

    assert lexicon().resolve(written).inci == inci


def test_a_peg_prefix_is_not_split_off_a_compound_name() -> None:
    from milia.ingredients.normalize import lexicon

    assert lexicon().split_run_on("PEG-16 Lanolin") is None
    assert lexicon().split_run_on("Water Glycerin") is not None


@pytest.mark.parametrize(
    "inci",
    [
        "EUPHORBIA CERIFERA CERA",  # candelilla wax
        "COPERNICIA CERIFERA CERA",  # carnauba wax
        "ORYZA SATIVA BRAN WAX",
        "HELIANTHUS ANNUUS SEED CERA",
        "SYNTHETIC WAX",
        "CERA ALBA",
    ],
)
def test_plant_and_synthetic_waxes_are_occlusive(inci: str) -> None:
    assert ("occlusive", "risk") in categories(inci)


@pytest.mark.parametrize(
    "inci",
    [
        "PEG-8 BEESWAX",  # an ethoxylated, water-dispersible emulsifier
        "SODIUM BEESWAX",  # a soap
        "RICE BRAN WAX ETHYL ESTERS",
        "ACACIA DECURRENS/JOJOBA/SUNFLOWER SEED WAX POLYGLYCERYL-3 ESTERS",
    ],
)
def test_wax_derivatives_are_not_occlusive(inci: str) -> None:
    assert ("occlusive", "risk") not in categories(inci)


def test_hydroquinone_is_an_eu_anomaly_and_a_weak_trigger() -> None:
    found = {(f["category"], f["effect"]): f for f in flags("HYDROQUINONE")}
    anomaly = found[("hydroquinone", "anomaly")]
    assert anomaly["weight"] == 1.0 and "eu_annex_ii" in anomaly["sources"]
    assert "1339" in str(anomaly["evidence"])
    risk = found[("hydroquinone", "risk")]
    assert risk["sources"] == ["dove"] and risk["weight"] <= 0.3
    assert "weak" in str(risk["evidence"])


def test_hydroquinone_alone_does_not_make_a_product_high_risk() -> None:
    from milia.ingredients.check import check_ingredients

    result = check_ingredients("Aqua, Hydroquinone 4%, Glycerin", product_type="treatment")
    assert result["summary"]["milia_risk"] != "high"
    assert any("prohibited in EU cosmetics" in w for w in result["summary"]["why"])
    # a mangled label still raises it (safety scan of unrecognised items)
    mangled = check_ingredients("Aqua, Hydroquinone Crème Forte 4% Rx, Glycerin")
    assert ("hydroquinone", "anomaly") in {(f["category"], f["effect"]) for f in mangled["flags"]}


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        ("Petrolatum USP", "PETROLATUM"),
        ("Mineral Oil NF", "PARAFFINUM LIQUIDUM"),
        ("Lanolin BP", "LANOLIN"),
        ("Yellow Soft Paraffin", "PETROLATUM"),
        ("Soft White Paraffin", "PETROLATUM"),  # pharmacopoeia names of emollient medicines
        ("Paraffinum Molle Album", "PETROLATUM"),
        ("Liquid Petrolatum", "PARAFFINUM LIQUIDUM"),
        ("Light Liquid Paraffin", "PARAFFINUM LIQUIDUM"),
        ("Wool Alcohols", "LANOLIN ALCOHOL"),
        ("Paraffinum Solidum", "PARAFFIN"),
        ("Murumuru Butter", "ASTROCARYUM MURUMURU SEED BUTTER"),
        ("Rice Bran Wax", "ORYZA SATIVA BRAN WAX"),  # not RICE BRAN WAX ETHYL ESTERS
        ("Sunflower Seed Wax", "HELIANTHUS ANNUUS SEED WAX"),  # not ... WAX ALKANES
    ],
)
def test_occlusives_under_grade_and_common_names(written: str, inci: str) -> None:
    from milia.ingredients.normalize import lexicon

    assert lexicon().resolve(written).inci == inci
    assert ("occlusive", "risk") in categories(inci)


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        ("Beclomethasone Dipropionate", "BECLOMETASONE DIPROPIONATE"),  # not BETAMETHASONE ...
        ("Betamethasone Sodium Phosphate", "BETAMETHASONE SODIUM PHOSPHATE"),  # never split
        ("Hydrocortisone Probutate", "HYDROCORTISONE BUTEPRATE"),
        ("Alclometasone Dipropionate", "ALCLOMETASONE DIPROPIONATE"),
        ("Desoxymethasone", "DESOXIMETASONE"),
        ("Flurandrenolide", "FLUDROXYCORTIDE"),
        ("Prednisone", "PREDNISONE"),  # not PREDNISOLONE, its active metabolite
        ("Prednicarbate", "PREDNICARBATE"),
    ],
)
def test_more_corticosteroids_by_inn_are_anomalies_and_triggers(written: str, inci: str) -> None:
    from milia.ingredients.normalize import lexicon

    assert lexicon().resolve(written).inci == inci
    assert {("corticosteroid", "anomaly"), ("corticosteroid", "risk")} <= categories(inci)


@pytest.mark.parametrize("inn", ["CICLESONIDE", "FLUOCORTOLONE CAPROATE", "HALOMETASONE"])
def test_corticosteroid_stems_catch_names_not_listed(inn: str) -> None:
    assert ("corticosteroid", "anomaly") in categories(inn)


def test_trifarotene_is_a_retinoid() -> None:
    assert categories("TRIFAROTENE") == {("retinoid", "benefit")}


@pytest.mark.parametrize(
    ("written", "inci"),
    [("Vitamin A Acetate", "RETINYL ACETATE"), ("Vitamin A Propionate", "RETINYL PROPIONATE")],
)
def test_retinyl_esters_by_their_vitamin_names_are_retinoids(written: str, inci: str) -> None:
    from milia.ingredients.normalize import lexicon

    assert lexicon().resolve(written).inci == inci
    assert categories(inci) == {("retinoid", "benefit")}
