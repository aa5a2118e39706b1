"""Small spreading crusts that are honey-coloured or inflamed are soon (QA F14B-02)."""

from __future__ import annotations

import milia

_QA = {
    "age_years": 2,
    "color": "red",
    "surface": "crusted",
    "arrangement": "grouped",
    "inflamed": True,
    "course": "spreading",
    "sites": ["cheeks", "neck"],
    "count": 30,
    "diameter_mm": 2,
    "itchy": True,
}


def _result(case: dict[str, object]) -> tuple[str, set[str]]:
    out = milia.assess(case)
    return out["triage"]["level"], {f["id"] for f in out["red_flags"]}


def test_a_toddlers_inflamed_spreading_small_crusts_are_soon() -> None:
    level, flags = _result(_QA)
    assert level == "soon" and "spreading_crusts" in flags


def test_small_honey_coloured_spreading_crusts_fire() -> None:
    case = {k: v for k, v in _QA.items() if k != "inflamed"} | {"color": "yellow"}
    assert "spreading_crusts" in _result(case)[1]


def test_eruptive_vellus_hair_cysts_small_brown_crusts_still_do_not() -> None:
    evhc = {"age_years": 8, "color": "brown", "surface": "crusted", "course": "spreading",
            "sites": ["chest"], "count": 30, "diameter_mm": 2}  # fmt: skip
    assert "spreading_crusts" not in _result(evhc)[1]
    red_not_inflamed = evhc | {"color": "red", "inflamed": False}
    assert "spreading_crusts" not in _result(red_not_inflamed)[1]
