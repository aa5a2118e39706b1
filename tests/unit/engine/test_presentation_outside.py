"""QA F9-C11: when most of the estimate lies outside the 23 conditions, it is said."""

from __future__ import annotations

from milia.engine.assess import assess
from milia.engine.presentation import OUTSIDE_SHOWN, outside_listed

COLD_SORE = {
    "age_years": 30,
    "color": "clear",
    "surface": "vesicle",
    "arrangement": "grouped",
    "on_red_plaque": True,
    "painful": True,
    "sites": ["lips_vermilion"],
}


def test_a_picture_outside_the_listed_conditions_is_said() -> None:
    result = assess(COLD_SORE)
    outside = outside_listed(result)
    printed = sum(d["probability"] for d in result["differential"])
    assert outside is not None and outside == result["not_listed"]["probability"] > 0.5
    # the differential's entries are rounded down: 1 - their sum is at most 23e-4 above it
    assert 0 <= (1 - printed) - outside <= 23e-4 + 1e-9
    older = {k: v for k, v in result.items() if k != "not_listed"}  # stored before session 10
    assert outside_listed(older) == 1 - printed


def test_a_listed_picture_says_nothing_more() -> None:
    milia = {"age_years": 41, "color": "white", "diameter_mm": 1, "count": 3,
             "surface": "smooth_dome", "sites": ["eyelids"], "duration_weeks": 26}  # fmt: skip
    result = assess(milia)
    assert 1 - sum(d["probability"] for d in result["differential"]) < OUTSIDE_SHOWN
    assert outside_listed(result) is None
    assert outside_listed({"differential": []}) is None


def test_the_cli_text_says_it() -> None:
    from milia.cli.assess import OutputFormat, _render

    assert "fits the description well" in _render(
        assess(COLD_SORE), OutputFormat.text, compact=False
    )
