"""The summary states how strong its milia risk is, says what helps at its real
strength, and keeps a sunscreen's user protected from the sun (QA F10-13, F10-24)."""

from __future__ import annotations

import pytest

import milia
from cli_runner import run_cli

SUNSCREEN = (
    "Aqua, Zinc Oxide, Titanium Dioxide, Caprylic/Capric Triglyceride, Octocrylene, "
    "Butyl Methoxydibenzoylmethane, Cera Alba, Butyrospermum Parkii Butter, Dimethicone, "
    "Tocopherol"
)


def test_a_risk_level_comes_with_its_strength() -> None:
    why = milia.check_ingredients("Aqua, Petrolatum, Paraffinum Liquidum")["summary"]["why"]
    assert why[0].startswith("How strong:") and "no controlled study" in why[0]
    steroid = milia.check_ingredients("Aqua, Clobetasol Propionate, Petrolatum")
    assert "case reports" in steroid["summary"]["why"][0]


def test_no_strength_line_without_a_risk() -> None:
    why = milia.check_ingredients("Aqua, Glycerin")["summary"]["why"]
    assert not any(w.startswith("How strong:") for w in why)


@pytest.mark.parametrize("helper", ["Glycolic Acid", "Adapalene", "Salicylic Acid"])
def test_what_may_help_is_not_called_better_evidenced_than_it_is(helper: str) -> None:
    why = milia.check_ingredients(f"Aqua, {helper}")["summary"]["why"]
    line = next(w for w in why if w.startswith("May help:"))
    assert "no trial has tested it for milia" in line and "limited" not in line


def test_a_sunscreen_with_a_risk_says_to_keep_sun_protection() -> None:
    result = milia.check_ingredients(SUNSCREEN, product_type="sunscreen")
    assert result["summary"]["milia_risk"] != "low"
    note = next(w for w in result["summary"]["why"] if w.startswith("Keep using sun protection"))
    assert "sunburn is itself a reported cause of milia" in note
    moisturiser = milia.check_ingredients(SUNSCREEN, product_type="moisturizer")
    assert not any("sun protection" in w for w in moisturiser["summary"]["why"])


def test_the_text_puts_the_label_claims_before_the_list(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(
        ["ingredients", "check", "--type", "eye_cream", "--name", "Oil-Free Eye Cream",
         "Aqua, Petrolatum, Cetearyl Alcohol, Paraffinum Liquidum", "--format", "text"],
        capsys,
    )  # fmt: skip
    assert code == 0
    assert out.index("claim oil-free: inconsistent") < out.index("1. Aqua")


def test_a_rinse_off_claim_is_not_contradicted_by_leave_on_ratings() -> None:
    """QA F10-22: table salt (5/5, second-hand) made a foaming cleanser's claim false."""
    text = "Aqua, Sodium Laureth Sulfate, Cocamidopropyl Betaine, Sodium Chloride, Citric Acid"
    name = "Non-Comedogenic Foaming Cleanser"
    rinse = milia.check_ingredients(text, name=name, product_type="cleanser")["claims"]
    claim = next(c for c in rinse if c["claim"] == "non_comedogenic")
    assert claim["consistent"] is True
    assert "rinsed off" in claim["why"] and "Sodium Chloride" in claim["why"]
    stay = milia.check_ingredients(text, name=name, product_type="moisturizer")["claims"]
    assert next(c for c in stay if c["claim"] == "non_comedogenic")["consistent"] is False


def test_a_retinoid_that_may_help_carries_the_pregnancy_caution() -> None:
    """QA F10-27: as the assessment's retinoid advice does [uktis_topical_retinoids]."""
    flags = milia.check_ingredients("Aqua, Adapalene, Glycerin")["flags"]
    retinoid = next(f for f in flags if f["category"] == "retinoid")
    assert "not used in pregnancy" in retinoid["evidence"]
    assert "uktis_topical_retinoids" in retinoid["sources"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the audit's case: the brackets hold the tail, Mica is listed after it
        ("Aqua, Glycerin, [+/- CI 77891], Mica", {"Mica": False, "CI 77891": True}),
        (
            "Aqua, Glycerin, (+/- CI 77891 (Titanium Dioxide)), Mica",
            {"Mica": False, "CI 77891 (Titanium Dioxide)": True},
        ),
        ("Aqua, Glycerin, [+/- CI 77891, Mica]", {"CI 77891": True, "Mica": True}),
    ],
)
def test_a_bracketed_may_contain_tail_ends_at_its_bracket(
    text: str, expected: dict[str, bool]
) -> None:
    result = milia.check_ingredients(text)
    shown = {e["text"]: e["may_contain"] for e in result["ingredients"][2:]}
    assert shown == expected
    assert not result["issues"]
