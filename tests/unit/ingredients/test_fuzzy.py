"""A fuzzy match never accepts another compound (QA F3-64)."""

from __future__ import annotations

import pytest

from milia.ingredients.check import check_ingredients
from milia.ingredients.fuzzy import missing_component


@pytest.mark.parametrize(
    ("written", "suggested"),
    [
        # another acid's ester: OCTANOATE and COCOATE are both CosIng words
        ("Pentaerythrityl Tetraoctanoate", "PENTAERYTHRITYL TETRACOCOATE"),
        # a "/" component added by the guess: maleic anhydride, soybean (an allergen)
        ("Styrene Copolymer", "STYRENE/MA COPOLYMER"),
        ("Bacillus/Folic Acid Ferment Extract", "BACILLUS/FOLIC ACID/SOYBEAN FERMENT EXTRACT"),
    ],
)
def test_a_different_compound_is_a_suggestion_not_a_match(written: str, suggested: str) -> None:
    entry = check_ingredients(f"Aqua, {written}, Glycerin")["ingredients"][1]
    assert entry["inci"] is None and not entry["recognized"]
    match = entry["match"]
    assert match["method"] == "fuzzy"
    assert match["candidate"] == suggested  # shown with its score, as a suggestion
    assert 85.0 <= match["score"] < 100.0


def test_an_old_ester_name_of_two_compounds_is_ambiguous() -> None:
    entry = check_ingredients("Aqua, Propylene Glycol Dioctanoate, Glycerin")["ingredients"][1]
    assert entry["inci"] is None
    assert entry["match"]["method"] == "ambiguous"
    assert set(entry["match"]["candidates"]) == {
        "PROPYLENE GLYCOL DICAPRYLATE",
        "PROPYLENE GLYCOL DIETHYLHEXANOATE",
    }


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        # typos keep being read
        ("ethylhexyl isonanoate", "ETHYLHEXYL ISONONANOATE"),
        ("dystearmonium hectorite", "DISTEARDIMONIUM HECTORITE"),
        ("dimethicon/vinyl dimethicon crosspolymer", "DIMETHICONE/VINYL DIMETHICONE CROSSPOLYMER"),
        ("sorbitan tristearatee", "SORBITAN TRISTEARATE"),
        ("caprylic/caprlc triglyceride", "CAPRYLIC/CAPRIC TRIGLYCERIDE"),
    ],
)
def test_typos_of_chemical_names_are_still_read(written: str, inci: str) -> None:
    assert check_ingredients(f"Aqua, {written}")["ingredients"][1]["inci"] == inci


def test_a_component_run_into_the_next_word_is_not_missing() -> None:
    written = "DIMETHICONVINYL DIMETHICON CROSSPOLYMER"
    assert not missing_component(written, "DIMETHICONE/VINYL DIMETHICONE CROSSPOLYMER")
    assert missing_component("STYRENE COPOLYMER", "STYRENE/MA COPOLYMER")
