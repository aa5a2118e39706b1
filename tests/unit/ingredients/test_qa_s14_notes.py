"""Audience notes and their sources (QA F14-01, F14-02, F14-04)."""

from __future__ import annotations

import re

import milia

_BABY = "For a baby:"


def _why(result: dict[str, object]) -> list[str]:
    summary = result["summary"]
    assert isinstance(summary, dict)
    return list(summary["why"])


def test_a_baby_cream_with_a_steroid_keeps_the_baby_note() -> None:
    # F14-01: the medicine's name overwrote the product's, so the note was lost
    result = milia.check_ingredients("Aqua, Hydrocortisone, Petrolatum", name="Baby Lotion")
    assert result["summary"]["milia_risk"] == "high"
    assert any(line.startswith(_BABY) for line in _why(result))
    assert any("ask them before stopping it" in line for line in _why(result))


def test_a_baby_product_with_only_a_may_help_gets_the_note() -> None:
    # F14-02: a retinol "baby lotion" said only "May help: Retinol"
    result = milia.check_ingredients("Aqua, Retinol, Glycerin", name="Gentle Baby Lotion")
    why = _why(result)
    baby = next(i for i, line in enumerate(why) if line.startswith(_BABY))
    helps = next(i for i, line in enumerate(why) if line.startswith("May help"))
    assert baby < helps  # a parent reads the baby note first


def test_no_note_for_a_product_with_nothing_flagged() -> None:
    result = milia.check_ingredients("Aqua, Glycerin", name="Baby Wash")
    assert not any(line.startswith(_BABY) for line in _why(result))
    assert result["summary"]["sources"] == []


def test_notes_cite_their_sources_in_a_field_not_as_ids_in_the_prose() -> None:
    # F14-04: "(berk2008, medscape_pediatric_milia)" inside the text, never listed
    result = milia.check_ingredients("Aqua, Petrolatum", name="Baby Lotion")
    sources = result["summary"]["sources"]
    assert {"berk2008", "medscape_pediatric_milia", "acad", "lsh"} <= set(sources)
    for line in _why(result):
        assert not set(re.findall(r"[a-z_0-9]+", line)) & set(sources), line


def test_a_sunscreen_note_cites_its_sources() -> None:
    result = milia.check_ingredients("Petrolatum, Mineral Oil, Zinc Oxide", name="Sunscreen SPF 50")
    why = " ".join(_why(result))
    assert "sun protection" in why and "medscape_milia" not in why
    assert "medscape_milia" in result["summary"]["sources"]


def test_a_rating_is_cited_in_the_claim_sources_not_its_text() -> None:
    result = milia.check_ingredients("Aqua, Isopropyl Myristate", name="Non-Comedogenic Cream")
    claim = next(c for c in result["claims"] if c["claim"] == "non_comedogenic")
    assert "(rated 5/5)" in claim["why"]
    assert "ezob_comedogenic_compilation" not in claim["why"]
    assert "ezob_comedogenic_compilation" in claim["sources"]


def test_patches_are_left_on_even_when_typed_as_a_mask() -> None:
    # F14-09: "Eye mask patches" typed as a mask were weighed as a rinse-off mask
    occlusive = "Petrolatum, Paraffinum Liquidum, Cera Alba"
    patches = milia.check_ingredients(occlusive, name="Eye mask patches", product_type="mask")
    clay = milia.check_ingredients(occlusive, name="Clay mask", product_type="mask")
    assert any("for a leave-on mask" in line for line in _why(patches))
    assert any("for a rinse-off mask" in line for line in _why(clay))
    assert patches["summary"]["milia_risk"] != "low" and clay["summary"]["milia_risk"] == "low"
