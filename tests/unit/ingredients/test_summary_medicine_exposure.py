"""QA F12-07: a corticosteroid is graded by the exposure its reports describe (left on the skin)."""

from __future__ import annotations

import pytest

from milia.ingredients.check import check_ingredients


def _medicine_line(why: list[str]) -> str:
    (line,) = [w for w in why if "a medicine reported to cause milia" in w]
    return line


@pytest.mark.parametrize(
    "text",
    [
        "Aqua, Sodium Laureth Sulfate, Hydrocortisone Acetate 0.1%",  # the QA cleanser
        "Aqua, Sodium Laureth Sulfate, Cocamidopropyl Betaine, Clobetasol Propionate",
    ],
)
def test_a_rinse_off_product_with_a_steroid_is_moderate_not_high(text: str) -> None:
    result = check_ingredients(text, product_type="cleanser")
    summary = result["summary"]
    assert summary["milia_risk"] == "moderate"  # was high whatever the sum
    assert any(f["effect"] == "anomaly" for f in result["flags"])  # the EU anomaly stays
    line = _medicine_line(summary["why"])
    assert "left on the skin, not a rinse-off product" in line and "moderate at least" in line
    assert "high whatever the sum" not in " ".join(summary["why"])


@pytest.mark.parametrize("kind", ["moisturizer", "eye_cream", None])
def test_a_leave_on_product_with_a_steroid_stays_high(kind: str | None) -> None:
    summary = check_ingredients("Aqua, Glycerin, Hydrocortisone 1%", product_type=kind)["summary"]
    assert summary["milia_risk"] == "high"
    assert _medicine_line(summary["why"]).endswith("high for a leave-on product whatever the sum.")


def test_the_steroid_flag_says_what_exposure_the_reports_describe() -> None:
    flags = check_ingredients("Aqua, Hydrocortisone", product_type="cleanser")["flags"]
    (risk,) = [f for f in flags if f["category"] == "corticosteroid" and f["effect"] == "risk"]
    text = risk["evidence"]
    assert "left on the skin" in text and "none concerns a rinse-off product" in text
    assert "clobetasol propionate ointment" in text and risk["sources"][:2] == ["clob", "ad86"]
