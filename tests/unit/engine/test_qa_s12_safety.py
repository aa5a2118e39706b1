"""QA session 12 safety findings about the engine (F12-xx)."""

from __future__ import annotations

from typing import Any

import pytest

import milia
from assess_paths import assess_both, flag_ids


@pytest.mark.parametrize("age", [5, 12, 30, 70])
@pytest.mark.parametrize("site", ["eyelids", "under_eyes"])
@pytest.mark.parametrize("painful", [None, False, True])
def test_red_eyelid_with_fever_is_urgent_whether_or_not_it_hurts(
    age: int, site: str, painful: bool | None
) -> None:
    """F12-04: a red, inflamed eyelid bump with feeling unwell stayed 'soon' from 5 years
    unless 'painful' was yes, while the eyelid flag itself said 'today ... if there is a
    fever' [willseye_preseptal_cellulitis, aao_preseptal_cellulitis]."""
    case: dict[str, Any] = {
        "age_years": age,
        "inflamed": True,
        "unwell": True,
        "sites": [site],
        "color": "red",
        "diameter_mm": 15,
    }
    if painful is not None:
        case["painful"] = painful
    result = assess_both(case)
    assert result["triage"]["level"] == "urgent"
    assert "eyelid_infection_unwell" in flag_ids(result)


def test_crusted_inflamed_bump_under_the_eye_with_fever_is_urgent() -> None:
    """F12-04's batch row n0219 (painful: false)."""
    case = {
        "age_years": 18,
        "color": "skin_colored",
        "sites": ["under_eyes", "neck"],
        "diameter_mm": 1.5,
        "surface": "crusted",
        "inflamed": True,
        "painful": False,
        "growing": True,
        "unwell": True,
    }
    assert milia.assess(case)["triage"]["level"] == "urgent"


def test_a_calm_eyelid_bump_with_fever_is_not_made_urgent_by_this_rule() -> None:
    """Not red, not inflamed, no pus: the eyelid rule does not fire (unwell stays soon)."""
    case = {"age_years": 30, "unwell": True, "sites": ["eyelids"], "color": "white"}
    result = milia.assess(case)
    assert "eyelid_infection_unwell" not in flag_ids(result)


BLISTERING = [
    {
        "age_years": 10,
        "conditions": ["epidermolysis_bullosa"],
        "color": "white",
        "diameter_mm": 1,
        "count": 30,
        "sites": ["back_of_hands", "knees"],
        "history": ["blistering_at_site"],
    },
    {
        "age_years": 55,
        "conditions": ["porphyria_cutanea_tarda"],
        "color": "white",
        "diameter_mm": 1,
        "count": 10,
        "sites": ["back_of_hands"],
        "history": ["blistering_at_site", "skin_fragility"],
    },
    {
        "age_years": 80,
        "conditions": ["bullous_pemphigoid"],
        "color": "white",
        "diameter_mm": 1,
        "count": 10,
        "sites": ["eyelids", "arms"],
    },
]


@pytest.mark.parametrize("case", BLISTERING)
def test_blistering_skin_is_not_told_to_drop_heavy_creams(case: dict[str, Any]) -> None:
    """F12-01: 'avoid heavy creams and ointments' was given in EB, PCT and pemphigoid,
    where emollients and ointments are part of the EB team's skin care
    [el_hachem2014_eb_skin_care]; the keep-your-skin-care line is given instead."""
    advice = {a["id"] for a in assess_both(case)["advice"]}
    assert not advice & {"avoid_heavy_creams_body", "avoid_heavy_eye_creams"}
    assert "blistering_skin_care" in advice


def test_heavy_cream_advice_stays_for_ordinary_milia() -> None:
    case = {"age_years": 40, "color": "white", "diameter_mm": 1, "count": 5, "sites": ["arms"]}
    assert "avoid_heavy_creams_body" in {a["id"] for a in milia.assess(case)["advice"]}


def test_a_blister_description_with_fragile_skin_gets_one_blister_warning() -> None:
    """F12-02: two near-identical flags ('Milia with blisters...' twice); the history flag
    keeps the warning (soon) and no longer says the bumps are milia."""
    case = {
        "age_years": 45,
        "surface": "vesicle",
        "sites": ["back_of_hands"],
        "history": ["skin_fragility", "photosensitivity"],
    }
    result = assess_both(case)
    flags = {f["id"]: f["message"] for f in result["red_flags"]}
    assert "blistering_fragility_photosensitivity" in flags
    assert "blisters_with_milia" not in flags
    assert not flags["blistering_fragility_photosensitivity"].startswith("Milia")
    assert result["triage"]["level"] == "soon"


def test_a_pearly_growing_bump_does_not_read_most_often_sebaceous_hyperplasia() -> None:
    """F12-09: 'most often sebaceous hyperplasia ... when convenient' sat under a soon
    basal cell carcinoma warning; the soon flags keep the warning."""
    case = {
        "age_years": 45,
        "color": "pearly_translucent",
        "count": 1,
        "diameter_mm": 5,
        "growing": True,
        "sites": ["nose"],
    }
    result = assess_both(case)
    flags = flag_ids(result)
    assert "single_sebaceous_bump_adult" not in flags
    assert {"adult_pearly_or_growing", "basal_cell_carcinoma_possible"} <= flags
    assert result["triage"]["level"] == "soon"


def test_a_single_yellow_bump_keeps_its_sebaceous_hyperplasia_warning() -> None:
    case = {
        "age_years": 60,
        "color": "yellow",
        "count": 1,
        "diameter_mm": 3,
        "surface": "umbilicated",
        "sites": ["forehead"],
    }
    result = milia.assess(case)
    if result["differential"][0]["condition"] == "sebaceous_hyperplasia":
        assert "single_sebaceous_bump_adult" in flag_ids(result)
        assert result["triage"]["level"] in ("routine", "soon")


@pytest.mark.parametrize(
    "case",
    [
        {"age_years": 56, "color": "red", "surface": "crusted", "inflamed": True, "count": 100,
         "sites": ["chin", "arms"]},
        {"age_years": 56, "color": "red", "sites": ["chin", "arms"], "count": 118,
         "surface": "crusted"},
    ],
)  # fmt: skip
def test_red_inflamed_crusted_bumps_are_not_self_care(case: dict[str, Any]) -> None:
    """F12-14: acne 86 %, self-care; adding 'inflamed' lowered the level."""
    result = assess_both(case)
    assert result["triage"]["level"] != "self_care"
    assert "crusted_inflamed_bumps" in flag_ids(result)


def test_adding_inflamed_to_crusted_bumps_does_not_lower_the_level() -> None:
    from milia.engine.triage import level_rank

    base = {"age_years": 56, "color": "red", "sites": ["chin", "arms"], "count": 118,
            "surface": "crusted"}  # fmt: skip
    plain = milia.assess(base)["triage"]["level"]
    inflamed = milia.assess({**base, "inflamed": True})["triage"]["level"]
    assert level_rank(inflamed) >= level_rank(plain)


@pytest.mark.parametrize("age", [4, 35])
def test_honey_crusts_round_the_nose_and_mouth_say_impetigo(age: int) -> None:
    """F12-14: no impetigo wording when 'course' was not given [allina_impetigo]."""
    case = {"age_years": age, "surface": "crusted", "color": "yellow", "count": 6,
            "sites": ["nose", "upper_lip"]}  # fmt: skip
    result = assess_both(case)
    assert "yellow_crusts_nose_mouth" in flag_ids(result)
    assert result["triage"]["level"] in ("soon", "urgent")


@pytest.mark.parametrize(
    "treated", ["laser_resurfacing_at_site", "burn_at_site", "skin_graft_at_site"]
)
def test_treated_skin_gets_its_aftercare_not_lighter_products(treated: str) -> None:
    """F12-17: 'lighter products' could contradict wound aftercare (often an ointment
    while the skin heals [clevelandclinic_laser_resurfacing])."""
    case = {"age_years": 40, "color": "white", "diameter_mm": 1, "count": 8,
            "sites": ["cheeks", "arms"], "history": [treated]}  # fmt: skip
    advice = {a["id"] for a in assess_both(case)["advice"]}
    assert not advice & {"avoid_heavy_creams_body", "avoid_heavy_eye_creams"}
    assert "treated_skin_aftercare" in advice
