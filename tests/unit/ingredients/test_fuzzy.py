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


def _typos(count: int, seed: int) -> list[str]:
    """Names of the lexicon with one to three letters dropped, added or changed."""
    import random

    from milia.ingredients.normalize import lexicon

    rng = random.Random(seed)
    names = sorted(lexicon()._spaced.values())
    out = []
    for _ in range(count):
        name = list(rng.choice(names))
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(name))
            edit = rng.randrange(3)
            if edit == 0 and len(name) > 1:
                del name[at]
            elif edit == 1:
                name.insert(at, rng.choice("AEIOULNRST "))
            else:
                name[at] = rng.choice("AEIOULNRST")
        out.append(" ".join("".join(name).split()))
    # edge lengths, a boundary score (17 vs 23 letters) and the short-name cut-off
    return [*out, "DIMETHICON", "CETEARYL ALCHOL", "ARGANINE", "ABC", "", "PEG-16 LANOLIN"]


def test_the_accepting_search_finds_what_the_full_one_recognises() -> None:
    """accepted() scores only names whose length allows 85; same answer when recognised."""
    from milia.ingredients.normalize import lexicon

    index = lexicon()._index
    recognised = 0
    for written in _typos(600, seed=3):
        full, fast = index.match(written), index.accepted(written)
        if full.inci is not None:
            recognised += 1
            assert fast == full, written
        else:
            assert fast.inci is None, written
    assert recognised > 100  # the sample holds typos that are recognised


def test_a_cut_name_with_a_typo_is_joined_as_before() -> None:
    """joined_typo looks only for a recognised name (suggest=False): "luminaria", ..."""
    result = check_ingredients("Aqua, luminaria, saccharina extract, Glycerin")
    entry = result["ingredients"][1]
    assert entry["text"] == "luminaria, saccharina extract"
    assert entry["inci"] == "LAMINARIA SACCHARINA EXTRACT"
    assert entry["match"]["method"] == "fuzzy" and entry["match"]["score"] >= 90
