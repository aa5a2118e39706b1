"""The text result names a milia type only when milia is plausible (QA F10-03)."""

from __future__ import annotations

import milia
from milia.cli.assess import render_text
from milia.engine.type_fit import MIN_MILIA

# QA U41: a cold sore's picture; milia is printed at about 0 % but is third among the
# listed conditions, so the assessment still carries a milia type
COLD_SORE = {
    "age_years": 35, "sex": "female", "color": "clear", "diameter_mm": 2, "count": 8,
    "surface": "vesicle", "content": "clear_fluid", "painful": True, "arrangement": "grouped",
    "on_red_plaque": True, "sites": ["upper_lip"],
}  # fmt: skip
NEWBORN = {"age_days": 10, "color": "white", "sites": ["nose"], "count": 20}


def _milia(result: dict[str, object]) -> float:
    return next(
        d["probability"]
        for d in result["differential"]  # type: ignore[attr-defined]
        if d["condition"] == "milia"
    )


def test_no_milia_type_line_for_a_picture_where_milia_is_unlikely() -> None:
    result = milia.assess(COLD_SORE)
    # milia_type may be null: the blisters take milia out of the top 3 (QA F13-03)
    assert _milia(result) < MIN_MILIA
    assert "If these are milia" not in render_text(result)


def test_milia_type_line_stays_when_milia_is_likely() -> None:
    result = milia.assess(NEWBORN)
    assert _milia(result) >= MIN_MILIA
    assert "If these are milia, the picture fits newborn" in render_text(result)
