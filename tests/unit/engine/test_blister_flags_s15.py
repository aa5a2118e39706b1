"""Blisters get the blister flags, not milia's (QA F15-06), and no level is lost."""

from __future__ import annotations

from typing import Any

import pytest

import milia

_OLDER_ADULT: dict[str, Any] = {
    "age_years": 78, "sex": "female", "color": "clear", "surface": "vesicle", "diameter_mm": 15,
    "count": 10, "itchy": True, "on_red_plaque": True, "sites": ["legs", "arms"], "onset": "eruptive",
}  # fmt: skip


def _flags(case: dict[str, Any]) -> set[str]:
    return {f["id"] for f in milia.assess(case)["red_flags"]}


def test_an_older_adults_sudden_blisters_get_no_milia_en_plaque_or_eruptive_milia_flag() -> None:
    result = milia.assess(_OLDER_ADULT)
    flags = {f["id"] for f in result["red_flags"]}
    assert {"grouped_on_red_plaque", "eruptive_onset"}.isdisjoint(flags)
    assert {"blisters_older_adult", "sudden_blisters_from_14"} <= flags
    assert result["triage"]["level"] == "soon"


@pytest.mark.parametrize("age", [{"age_years": 30}, {"age_years": 8}, {"age_days": 400}, {}])
def test_blisters_on_a_red_patch_keep_a_blister_flag_at_routine_or_above(
    age: dict[str, Any],
) -> None:
    case = {**age, "surface": "vesicle", "on_red_plaque": True, "sites": ["arms"]}
    result = milia.assess(case)
    assert "grouped_on_red_plaque" not in {f["id"] for f in result["red_flags"]}
    assert result["triage"]["level"] != "self_care"


def test_a_child_between_2_and_14_with_sudden_blisters_keeps_eruptive_onset() -> None:
    # no blister flag covers a sudden crop of plain blisters at 8: issue 2's floor stays
    assert "eruptive_onset" in _flags(
        {"age_years": 8, "surface": "vesicle", "onset": "eruptive", "sites": ["arms"]}
    )


def test_a_sweat_rash_after_overheating_keeps_eruptive_onset() -> None:
    case = {
        "age_years": 30,
        "surface": "vesicle",
        "onset": "eruptive",
        "inflamed": False,
        "history": ["overheating"],
        "sites": ["chest"],
    }
    assert "eruptive_onset" in _flags(case)


def test_milia_on_a_red_plaque_keep_the_milia_en_plaque_flag() -> None:
    case = {
        "age_years": 40,
        "color": "white",
        "on_red_plaque": True,
        "sites": ["behind_ears"],
        "onset": "eruptive",
    }
    assert {"grouped_on_red_plaque", "eruptive_onset"} <= _flags(case)
