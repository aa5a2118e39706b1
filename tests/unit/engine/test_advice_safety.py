"""Advice safety on whole families of cases (session 6 leftovers of issue 2).

- children of 2-11 get advice of their own, never "harmless" beside "a doctor decides";
- whoever wants to squeeze is told not to, and a baby's milia "need no treatment";
- nothing calls the bumps harmless while a routine-or-higher flag asks a doctor to look.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

import milia
from milia.engine.sample import random_cases

TYPICAL_MILIA = {
    "color": "white",
    "sites": ["eyelids", "cheeks"],
    "diameter_mm": 1,
    "count": 4,
    "duration_weeks": 20,
}


def _ids(items: list[dict[str, Any]]) -> set[str]:
    return {item["id"] for item in items}


@pytest.mark.parametrize("age_years", [2, 4, 6, 9, 11.9])
def test_a_child_gets_child_advice_without_harmless(age_years: float) -> None:
    result = milia.assess({**TYPICAL_MILIA, "age_years": age_years})
    advice = _ids(result["advice"])
    assert result["differential"][0]["condition"] == "milia"
    assert "child_milia_persist" in advice
    assert "adult_milia_persist" not in advice
    assert "no_home_extraction_doctor_decides" in advice
    assert not any("harmless" in a["text"].lower() for a in result["advice"])
    child = next(a for a in result["advice"] if a["id"] == "child_milia_persist")
    assert child["sources"] and "medscape_pediatric_milia" in child["sources"]


@pytest.mark.parametrize("age_years", [12, 15, 40])
def test_older_children_and_adults_keep_the_adult_advice(age_years: float) -> None:
    advice = _ids(milia.assess({**TYPICAL_MILIA, "age_years": age_years})["advice"])
    assert "adult_milia_persist" in advice and "child_milia_persist" not in advice


def _squeeze_texts(result: dict[str, Any]) -> tuple[str, str]:
    flags = " ".join(f["message"] for f in result["red_flags"]).lower()
    advice = " ".join(a["text"] for a in result["advice"]).lower()
    return flags, advice


def _baby_cases(n: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out = []
    for case in random_cases(n, seed=seed):
        case.pop("age_years", None)
        case["age_days"] = rng.randint(0, 729)
        if "duration_weeks" in case:
            case["duration_weeks"] = min(case["duration_weeks"], case["age_days"] / 7)
        case["history"] = sorted({*case.get("history", []), "wants_self_extraction"})
        out.append(case)
    return out


def test_every_baby_whose_parent_wants_to_squeeze_is_told_not_to() -> None:
    """Session 6: babies under 3 months with milia second or third (at 5 % or more)
    got no "do not squeeze" advice (160 of 13,129 generated cases)."""
    missing = []
    for case in _baby_cases(1500, seed=5):
        result = milia.assess(case)
        flags, advice = _squeeze_texts(result)
        assert "do not squeeze" in flags, case
        assert "need no treatment" in flags, case
        ranked = [d["condition"] for d in result["differential"][:3]]
        milia_p = next(
            d["probability"] for d in result["differential"] if d["condition"] == "milia"
        )
        if "milia" in ranked and milia_p >= 0.05 and "squeeze" not in advice:
            missing.append(case)
    assert missing == []


def test_a_baby_under_3_months_with_milia_second_is_told_not_to_squeeze() -> None:
    case = {
        "age_days": 53,
        "color": "amber",
        "sites": ["palms_soles", "eyelids", "abdomen"],
        "diameter_mm": 3.2,
        "count": 1,
        "unwell": False,
        "history": ["wants_self_extraction"],
    }
    result = milia.assess(case)
    assert [d["condition"] for d in result["differential"][:3]].index("milia") > 0
    assert "baby_milia_no_treatment" in _ids(result["advice"])


def test_an_unknown_age_with_bumps_since_birth_is_told_not_to_squeeze() -> None:
    """Unknown age, present at birth, not a newborn's milia picture: neither the
    babies' advice nor the doctor-decides warning fired before."""
    case = {
        "color": "white",
        "sites": ["eyelids"],
        "diameter_mm": 1,
        "count": 3,
        "present_at_birth": True,
        "duration_weeks": 200,
        "history": ["wants_self_extraction"],
    }
    result = milia.assess(case)
    assert result["milia_type"]["type"] != "neonatal"
    assert "no_home_extraction_doctor_decides" in _ids(result["advice"])


def test_anyone_who_wants_to_squeeze_is_told_not_to() -> None:
    for case in random_cases(1500, seed=11):
        case["history"] = sorted({*case.get("history", []), "wants_self_extraction"})
        flags, advice = _squeeze_texts(milia.assess(case))
        assert "do not squeeze" in flags + advice, case


def test_nothing_is_harmless_while_a_flag_asks_a_doctor_to_look() -> None:
    """Routine-or-higher flags other than the wish to self-extract (whose message
    says where removal belongs). Was 112 of 20,000 generated cases (seed 5),
    mostly newborn_rash_harmless beside atypical_picture."""
    for case in random_cases(2500, seed=5):
        result = milia.assess(case)
        doctor = [
            f["id"]
            for f in result["red_flags"]
            if f["level"] != "self_care" and "self_extraction" not in f["id"]
        ]
        if doctor:
            harmless = [a["id"] for a in result["advice"] if "harmless" in a["text"].lower()]
            assert harmless == [], (case, doctor)


def test_a_newborn_rash_beside_a_routine_flag_is_not_called_harmless() -> None:
    case = {
        "age_days": 2,
        "color": "red",
        "surface": "pustule",
        "sites": ["chest", "back"],
        "onset": "eruptive",
        "count": 30,
    }
    result = milia.assess(case)
    assert result["differential"][0]["condition"] == "erythema_toxicum_neonatorum"
    advice = _ids(result["advice"])
    assert "newborn_rash_examined" in advice and "newborn_rash_harmless" not in advice
    calm = {**case}
    del calm["onset"]
    assert "newborn_rash_harmless" in _ids(milia.assess(calm)["advice"])
