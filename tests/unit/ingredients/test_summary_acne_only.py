"""QA F9-15: acne comedogenicity ratings alone do not raise the milia risk."""

from __future__ import annotations

from milia.ingredients.check import check_ingredients


def test_comedogenic_ratings_alone_leave_the_milia_risk_low_and_say_why() -> None:
    result = check_ingredients("Aqua, Isocetyl Stearate, Algae Extract, Glycerin")
    flags = [f for f in result["flags"] if f["effect"] == "risk"]
    assert flags and {f["category"] for f in flags} == {"comedogenic"}
    assert sum(f["weight"] for f in flags) >= 0.35  # moderate by the sum alone
    assert result["summary"]["milia_risk"] == "low"
    assert any("link to milia is not proven" in w for w in result["summary"]["why"])


def test_beside_an_occlusive_their_weights_still_count() -> None:
    alone = check_ingredients("Aqua, Petrolatum, Glycerin", product_type="moisturizer")
    both = check_ingredients(
        "Aqua, Petrolatum, Isopropyl Myristate, Glycerin", product_type="moisturizer"
    )
    order = ["low", "moderate", "high"]
    assert order.index(both["summary"]["milia_risk"]) >= order.index(alone["summary"]["milia_risk"])
    assert both["summary"]["milia_risk"] == "moderate"
    assert not any("link to milia is not proven" in w for w in both["summary"]["why"])


def test_qa_f9_c12_percent_as_a_word_and_percents_over_100() -> None:
    result = check_ingredients("Aqua, Retinol 0.3 percent, Salicylic Acid 2 percent, Glycerin")
    entries = {e["inci"]: e["percent"] for e in result["ingredients"]}
    assert entries["RETINOL"] == 0.3 and entries["SALICYLIC ACID"] == 2.0
    assert {"retinoid", "beta_hydroxy_acid"} <= {f["category"] for f in result["flags"]}
    assert check_ingredients("Centella Asiatica Extract, Aqua")["ingredients"][0]["recognized"]
    over = check_ingredients("Aqua 70%, Glycerin 40%, Petrolatum 5%")["issues"]
    assert [i["code"] for i in over] == ["percents_over_100"]
    assert not check_ingredients("Aqua 70%, Glycerin 20%, Petrolatum 5%")["issues"]
