"""Pus spots well above erythema toxicum's in a baby under 4 weeks are today (QA F14B-01)."""

from __future__ import annotations

from typing import Any

import pytest

import milia

_QA_N09 = {
    "age_days": 6,
    "color": "yellow",
    "surface": "pustule",
    "inflamed": True,
    "on_red_plaque": True,
    "course": "spreading",
    "diameter_mm": 4,
    "sites": ["neck", "axillae", "abdomen"],
}


def _flags(case: dict[str, Any]) -> set[str]:
    return {f["id"] for f in milia.assess(case)["red_flags"]}


@pytest.mark.parametrize("size", [4, 6, 9.5])
@pytest.mark.parametrize("age", [2, 6, 20])
def test_large_pus_spots_in_a_newborn_are_urgent(size: float, age: int) -> None:
    case = {**_QA_N09, "age_days": age, "diameter_mm": size}
    result = milia.assess(case)
    assert result["triage"]["level"] == "urgent"
    assert "newborn_large_pustules" in _flags(case)
    advice = {a["id"] for a in result["advice"]}
    assert "newborn_rash_harmless" not in advice  # never "harmless" beside it


def test_redness_not_said_is_not_no_redness() -> None:
    case = {k: v for k, v in _QA_N09.items() if k not in ("inflamed", "on_red_plaque")}
    assert "newborn_large_pustules" in _flags(case)


def test_erythema_toxicum_sized_spots_and_unreddened_large_pustules_do_not_fire() -> None:
    # erythema toxicum's spots are 1-2 mm; transient neonatal pustular melanosis's
    # larger pustules have no redness around them [afp2009_mrsa_pustulosis]
    assert "newborn_large_pustules" not in _flags({**_QA_N09, "diameter_mm": 2})
    assert "newborn_large_pustules" not in _flags({**_QA_N09, "diameter_mm": 3.5})
    tnpm = {"age_days": 1, "color": "white", "surface": "pustule", "inflamed": False,
            "diameter_mm": 5, "sites": ["chin", "neck"]}  # fmt: skip
    assert "newborn_large_pustules" not in _flags(tnpm)


def test_not_from_four_weeks() -> None:
    assert "newborn_large_pustules" not in _flags({**_QA_N09, "age_days": 28})


def test_the_batch_path_agrees() -> None:
    from milia.engine.batch import assess_batch

    cases = [{**_QA_N09, "diameter_mm": s} for s in (2, 3, 3.5, 8)]
    for case, fast in zip(cases, assess_batch(cases), strict=True):
        assert fast["triage"]["level"] == milia.assess(case)["triage"]["level"]
        assert {f["id"] for f in fast["red_flags"]} == _flags(case)
