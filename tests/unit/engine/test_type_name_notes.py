"""The milia type's name: how unlikely milia are when the type is given at ~0 % (QA
F14B-05), and the inherited-condition type's candidate syndromes (issue 2)."""

from __future__ import annotations

from typing import Any

from assess_paths import assess_both
from milia.engine.sample import random_cases

_UNLIKELY = "milia themselves are unlikely here"


def _milia(result: dict[str, Any]) -> float:
    return next(d["probability"] for d in result["differential"] if d["condition"] == "milia")


def test_a_type_given_while_milia_are_unlikely_says_so() -> None:
    # amber rough bumps on the soles of a 94-year-old: milia third at ~4 %
    case = {"age_years": 93.9, "color": "amber", "sites": ["palms_soles"], "surface": "rough",
            "arrangement": "scattered", "course": "resolving", "expressible": False,
            "duration_weeks": 94.3}  # fmt: skip
    result = assess_both(case)
    kind = result["milia_type"]
    assert kind is not None and kind["type"] == "primary_benign"  # the field is kept
    assert _milia(result) < 0.05
    assert _UNLIKELY in kind["name"]
    assert "primary benign milia" in kind["name"]


def test_the_note_follows_the_printed_probability_on_generated_cases() -> None:
    noted = 0
    for case in random_cases(600, seed=3):
        result = assess_both(case)
        kind = result["milia_type"]
        if kind is None:
            continue
        assert (_UNLIKELY in kind["name"]) == (_milia(result) < 0.05), case
        noted += _UNLIKELY in kind["name"]
    assert noted > 0


def test_the_inherited_type_names_candidate_syndromes() -> None:
    child = {"age_years": 8, "color": "white", "diameter_mm": 1, "sites": ["cheeks", "ears"],
             "count": 40, "associated_findings": ["oral_malformations", "digit_anomalies"]}  # fmt: skip
    kind = assess_both(child)["milia_type"]
    assert kind["type"] == "genodermatosis_associated"
    assert "Bazex-Dupre-Christol syndrome" in kind["name"]
    assert "Rombo syndrome" in kind["name"]
    assert "Orofaciodigital syndrome type 1" in kind["name"]
    assert "none of which was reported" in kind["name"]


def test_a_reported_syndrome_is_named_as_reported_and_gardner_is_qualified() -> None:
    base = {"age_years": 8, "color": "white", "diameter_mm": 1, "sites": ["cheeks", "ears"],
            "count": 40}  # fmt: skip
    rombo = assess_both({**base, "conditions": ["rombo_syndrome"]})["milia_type"]
    assert rombo["name"].endswith(": Rombo syndrome, as reported")
    gardner = assess_both({**base, "conditions": ["gardner_syndrome"]})["milia_type"]
    assert gardner["type"] == "genodermatosis_associated"
    assert "epidermoid cysts rather than milia" in gardner["name"]
