"""QA session 12: likelihoods that let a worrying picture read as a benign one
(F12-14 crusts under acne, F12-10 a spreading rash under keratosis pilaris)."""

from __future__ import annotations

from typing import Any

import pytest

from assess_paths import assess_both, flag_ids
from milia.engine.triage import level_rank
from milia.kb.loader import read_yaml


def _top(result: dict[str, Any]) -> str:
    return str(result["differential"][0]["condition"])


def _share(result: dict[str, Any], condition: str) -> float:
    return next(
        float(d["probability"]) for d in result["differential"] if d["condition"] == condition
    )


def test_crusts_are_unusual_for_acne_in_the_tables() -> None:
    """F12-14: acne's lesions are comedones, papules, pustules and nodules; a crust sits
    below the atypical-picture threshold, so acne with crusts is never read as plain acne."""
    table = read_yaml("model/likelihoods.yaml")["conditions"]["acne_papulopustular"]
    threshold = next(
        f["when"]["atypical"]["against_probability"]
        for f in read_yaml("model/red_flags.yaml")["flags"]
        if f["id"] == "atypical_picture"
    )
    assert table["surface"]["p"]["crusted"] <= threshold
    assert table["surface"]["sources"]


@pytest.mark.parametrize("inflamed", [None, True])
def test_many_red_crusted_bumps_in_an_adult_are_not_self_care(inflamed: bool | None) -> None:
    """F12-14's repro (acne 86 %, self-care) and its variant without 'inflamed'."""
    case: dict[str, Any] = {
        "age_years": 56,
        "color": "red",
        "surface": "crusted",
        "count": 100,
        "sites": ["chin", "arms"],
    }
    if inflamed is not None:
        case["inflamed"] = inflamed
    result = assess_both(case)
    assert level_rank(result["triage"]["level"]) >= level_rank("routine")
    if _top(result) == "acne_papulopustular":
        assert "atypical_picture" in flag_ids(result)
        assert _share(result, "acne_papulopustular") < 0.8


def test_yellow_crusts_round_nose_and_lip_are_not_read_as_plain_acne() -> None:
    """F12-14: honey-coloured crusts round the nose and lip read acne 69 %."""
    case = {
        "age_years": 35,
        "color": "yellow",
        "surface": "crusted",
        "inflamed": True,
        "count": 10,
        "sites": ["nose", "upper_lip"],
    }
    result = assess_both(case)
    assert _share(result, "acne_papulopustular") < 0.5
    assert level_rank(result["triage"]["level"]) >= level_rank("routine")


def test_a_spreading_itchy_red_rash_is_not_self_care_keratosis_pilaris() -> None:
    """F12-10: keratosis pilaris is stable for months to years [medscape_kp]; a spreading,
    itchy red rash of 50 bumps on the limbs read keratosis pilaris 70 %, self-care."""
    case = {
        "age_years": 30,
        "color": "red",
        "itchy": True,
        "course": "spreading",
        "count": 50,
        "sites": ["arms", "legs"],
    }
    result = assess_both(case)
    assert level_rank(result["triage"]["level"]) >= level_rank("routine")
    assert _share(result, "keratosis_pilaris") < 0.5


def test_spreading_counts_against_keratosis_pilaris() -> None:
    """F12-10: the same case stable reads keratosis pilaris more than spreading does."""
    base = {"age_years": 30, "color": "red", "count": 50, "sites": ["arms", "legs"]}
    stable = assess_both({**base, "course": "stable"})
    spreading = assess_both({**base, "course": "spreading"})
    assert _share(spreading, "keratosis_pilaris") < _share(stable, "keratosis_pilaris") / 2
    assert spreading["not_listed"]["probability"] > stable["not_listed"]["probability"]


def test_painful_bumps_do_not_read_as_self_care_keratosis_pilaris() -> None:
    """Keratosis pilaris is asymptomatic apart from an occasional itch [medscape_kp]: a
    12-year-old's painful pink bumps on the legs (generated case 2373 of the kbfit
    comparison) stay routine."""
    case = {
        "age_years": 12.5,
        "color": "pink",
        "sites": ["legs"],
        "diameter_mm": 0.5,
        "on_red_plaque": False,
        "painful": True,
        "itchy": False,
        "duration_weeks": 42.2,
    }
    result = assess_both(case)
    assert level_rank(result["triage"]["level"]) >= level_rank("routine")
