"""A fuzzy match never accepts another compound (QA F3-64)."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz, process

from milia.ingredients.check import check_ingredients
from milia.ingredients.fuzzy import FuzzyIndex, missing_component
from milia.ingredients.match import NONE, Match


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


def _whole_bucket(index: FuzzyIndex, written: str) -> Match:
    """What match() answered when it scored every name of the first letter's bucket."""
    bucket = index.buckets().get(written[:1])
    if len(written) < 4 or bucket is None:
        return NONE
    found = process.extractOne(
        written, bucket[0], scorer=fuzz.ratio, score_cutoff=60.0, processor=None
    )
    if found is None:
        return NONE
    return index._judge(written, found[0], float(found[1]), bucket[1][found[2]])


def test_the_best_candidate_is_the_one_the_whole_bucket_gives() -> None:
    """match() scores the names whose length allows 85 first: same answer, suggestions too."""
    from milia.ingredients.normalize import lexicon

    index = lexicon()._index
    kinds = {"recognised": 0, "suggestion": 0, "none": 0}
    # 'TNH POLYPEPTIDE 84': three names at 66.7, the bucket's first is not the shortest
    for written in [*_typos(600, seed=5), "TNH POLYPEPTIDE 84", "XQZW"]:
        found = index.match(written)
        assert found == _whole_bucket(index, written), written
        kind = "none" if found.candidate is None else "suggestion"
        kinds["recognised" if found.inci is not None else kind] += 1
    assert min(kinds.values()) > 5, kinds  # each path is taken


def test_equal_best_scores_give_the_buckets_first_name() -> None:
    """Two names at one score (85.7), the longer first in the bucket: it is picked, as before."""
    # 12 letters against 16 (4 added) and against 9 (3 dropped): 1 - 4/28 = 1 - 3/21
    index = FuzzyIndex({"LONGER": "ABCDEFGHIJKLMNOP", "SHORTER": "ABCDEFGHI"}, {}, [])
    found = index.match("ABCDEFGHIJKL")
    assert found.candidate == "LONGER" and found.score == 85.7
    assert found == _whole_bucket(index, "ABCDEFGHIJKL")
    assert index.accepted("ABCDEFGHIJKL").candidate == "LONGER"
    shorter_first = FuzzyIndex({"SHORTER": "ABCDEFGHI", "LONGER": "ABCDEFGHIJKLMNOP"}, {}, [])
    assert shorter_first.match("ABCDEFGHIJKL").candidate == "SHORTER"


def test_more_equal_scores_than_kept_still_give_the_buckets_first_name() -> None:
    """Nine names at 85.7, the bucket's first the longest: the search keeps 8, then scores all."""
    from itertools import combinations

    query = "ABCDEFGHIJKL"
    shorter = ["".join(c) for c in combinations(query, 9)][:9]  # 3 letters dropped: 1 - 3/21
    spaced = {"LONGER": "ABCDEFGHIJKLMNOP"} | {f"SHORTER {i}": n for i, n in enumerate(shorter)}
    index = FuzzyIndex(spaced, {}, [])
    assert index.match(query).candidate == "LONGER"
    assert index.match(query) == _whole_bucket(index, query)


def test_a_cut_name_with_a_typo_is_joined_as_before() -> None:
    """joined_typo looks only for a recognised name (suggest=False): "luminaria", ..."""
    result = check_ingredients("Aqua, luminaria, saccharina extract, Glycerin")
    entry = result["ingredients"][1]
    assert entry["text"] == "luminaria, saccharina extract"
    assert entry["inci"] == "LAMINARIA SACCHARINA EXTRACT"
    assert entry["match"]["method"] == "fuzzy" and entry["match"]["score"] >= 90


def test_a_typo_as_close_to_two_names_is_reported_not_decided_silently() -> None:
    # QA F13-09: "Retinl" is one letter from RETINAL and from RETINOL (ratio 92.3 each)
    from milia.ingredients.check import check_ingredients

    result = check_ingredients("Aqua, Retinl, Cetearyl Alchol")
    retinl, alcohol = result["ingredients"][1], result["ingredients"][2]
    assert retinl["recognized"] and retinl["match"]["tied"] == [retinl["inci"], "RETINOL"]
    assert "tied" not in alcohol["match"]  # one closest name: nothing to report
    ties = [i for i in result["issues"] if i["code"] == "fuzzy_tie"]
    assert len(ties) == 1 and "RETINOL" in ties[0]["message"] and "Retinl" in ties[0]["message"]
