"""An inflamed lump of 1 cm or more whose pain was not said (session 12 scan after QA F12-21).

"painful" not given is "not known", never "no": an inflamed (red, swollen) lump of 1 cm or
more is a possible inflamed cyst or boil, to be seen within days, even when nobody asked
about pain. Pain said to be absent keeps the lower level.
"""

from __future__ import annotations

from typing import Any

from milia import assess
from milia.engine.batch import assess_batch

_LUMP = {"age_years": 35, "inflamed": True, "diameter_mm": 15, "count": 1, "sites": ["back"]}


def _both(case: dict[str, Any]) -> list[dict[str, Any]]:
    return [assess(case), assess_batch([case])[0]]


def _flags(result: dict[str, Any]) -> set[str]:
    return {flag["id"] for flag in result["red_flags"]}


def test_an_inflamed_lump_with_pain_not_said_is_seen_within_days() -> None:
    for result in _both(_LUMP):
        assert "painful_red_lump" in _flags(result)
        assert result["triage"]["level"] in ("soon", "urgent")


def test_pain_said_to_be_absent_keeps_the_lower_level() -> None:
    for result in _both({**_LUMP, "painful": False}):
        assert "painful_red_lump" not in _flags(result)


def test_a_small_inflamed_spot_is_not_a_lump() -> None:
    for result in _both({**_LUMP, "diameter_mm": 4}):
        assert "painful_red_lump" not in _flags(result)
