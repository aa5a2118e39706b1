"""The blister red flags read findings, never the ranking (QA F12-02, session 13).

``blisters_with_milia`` asked for milia in the top three at 20 % or more, so the level
of a description of blisters hung on the differential: where milia fell below 20 %
the blisters got no soon flag, and milia's likelihoods could not be lowered for
blisters alone without dropping it. A red flag must not depend on the ranking (when
unsure, triage up).
"""

from __future__ import annotations

from typing import Any

import pytest

from assess_paths import assess_both, flag_ids
from milia.engine.triage import level_rank
from milia.kb.loader import read_yaml

BLISTERS: list[dict[str, Any]] = [
    {"surface": "vesicle"},
    {"content": "clear_fluid"},
    {"consistency": "fluid"},
    {"color": "clear"},
]
# pictures in which milia are far from the top (the old gate did not fire)
PICTURES: list[dict[str, Any]] = [
    {"sites": ["legs"], "diameter_mm": 4, "count": 12, "itchy": True},
    {"sites": ["arms", "chest"], "diameter_mm": 3, "arrangement": "scattered"},
    {"sites": ["feet"], "count": 1, "diameter_mm": 8},
]


def _ranking_keys(node: Any) -> set[str]:
    """The keys of a rule's condition that read the differential."""
    if isinstance(node, dict):
        found = {k for k in node if k in ("top", "chance_of")}
        for value in node.values():
            found |= _ranking_keys(value)
        return found
    if isinstance(node, list):
        return set().union(*(_ranking_keys(v) for v in node)) if node else set()
    return set()


def test_no_blister_flag_reads_the_ranking() -> None:
    flags = read_yaml("model/red_flags.yaml")["flags"]
    blister = [f for f in flags if "blister" in f["id"]]
    assert len(blister) >= 8
    for flag in blister:
        assert not _ranking_keys(flag["when"]), flag["id"]


@pytest.mark.parametrize("age", [{"age_years": 3}, {"age_years": 30}, {"age_years": 75}, {}])
@pytest.mark.parametrize("blister", BLISTERS)
@pytest.mark.parametrize("picture", PICTURES)
def test_described_blisters_are_soon_whatever_the_ranking(
    age: dict[str, Any], blister: dict[str, Any], picture: dict[str, Any]
) -> None:
    result = assess_both({**age, **picture, **blister})
    assert "blisters_with_milia" in flag_ids(result)
    assert level_rank(result["triage"]["level"]) >= level_rank("soon")


def test_sweat_rash_after_a_fever_on_skin_that_is_not_red_is_left_out() -> None:
    """Overheating said and redness denied: sweat rash's clear blisters [cpm]."""
    case = {
        "age_years": 30,
        "history": ["overheating"],
        "color": "clear",
        "surface": "vesicle",
        "inflamed": False,
        "diameter_mm": 1,
        "sites": ["chest", "back"],
    }
    result = assess_both(case)
    assert "blisters_with_milia" not in flag_ids(result)
    assert result["triage"]["level"] in ("self_care", "routine")
    # redness not denied: the flag holds (when unsure, triage up)
    unsure = {k: v for k, v in case.items() if k != "inflamed"}
    assert "blisters_with_milia" in flag_ids(assess_both(unsure))


PCT_HANDS: dict[str, Any] = {
    "age_years": 45,
    "sites": ["back_of_hands"],
    "history": ["skin_fragility", "photosensitivity"],
}


@pytest.mark.parametrize(
    "context",
    [
        {},
        {"history": ["blistering_at_site"]},
        {"history": [], "conditions": ["porphyria_cutanea_tarda"]},
    ],
)
def test_blisters_alone_are_not_printed_as_milia(context: dict[str, Any]) -> None:
    """QA F12-02: blisters only, with fragile, sun-sensitive skin on the hands (the
    blistering disease's own picture [cmaj_pct]), printed milia 98.6 %: the history
    counted about 400x for milia after a blistering disease against 'not listed'."""
    case = {**PCT_HANDS, "surface": "vesicle", **context}
    case = {k: v for k, v in case.items() if v != []}
    result = assess_both(case)
    milia_share = result["differential"][0]["probability"]
    assert milia_share < 0.6
    assert result["not_listed"]["probability"] > 0.3
    assert level_rank(result["triage"]["level"]) >= level_rank("soon")


def test_white_firm_bumps_with_the_same_history_stay_milia() -> None:
    """The history does not tell the disease's blisters from the milia it leaves; the
    look of the bumps does [cmaj_pct, berk2008]."""
    case = {**PCT_HANDS, "color": "white", "consistency": "firm", "diameter_mm": 1.5}
    result = assess_both(case)
    assert result["differential"][0]["condition"] == "milia"
    assert result["differential"][0]["probability"] > 0.9
    assert result["milia_type"]["type"] == "secondary_blistering_disease"


def test_the_unlisted_blistering_items_cite_sources_in_the_bibliography() -> None:
    import milia

    spec = read_yaml("model/findings.yaml")["not_listed"]
    assert spec["as_best"]["history"] and spec["as_best"]["conditions"]
    assert set(spec["as_best_sources"]) <= set(milia.load_knowledge().sources)
