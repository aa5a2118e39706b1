"""An adult's lasting lump inside the mouth is seen within 2 weeks (session 14).

NICE NG12 asks for an urgent (2-week) assessment of a lump or a red patch in the oral
cavity for possible oral cancer [cruk_oral_cancer_referral]. Such a lump was "soon" only
when basal cell carcinoma happened to reach 10 % of the ranking, which it should not in
the mouth: intraoral basal cell carcinoma is extremely rare [woods2014_iobcc] (QA F13-01's
rest: "BCC possible on the gums"). The flag reads the findings; the carcinoma leaves the
mouth's ranking.
"""

from __future__ import annotations

from typing import Any

import pytest

from assess_paths import assess_both, flag_ids

FLAG = "mouth_lump_adult"


@pytest.mark.parametrize(
    "case",
    [
        {"age_years": 46, "color": "red", "sites": ["gums"], "count": 2},
        {"age_years": 62, "color": "white", "sites": ["palate"], "duration_weeks": 8},
        {"age_years": 35, "color": "pink", "sites": ["buccal_mucosa"], "diameter_mm": 4},
        {"color": "skin_colored", "sites": ["gums"]},  # no age: when unsure, triage up
    ],
)
def test_an_adults_lasting_mouth_lump_is_soon(case: dict[str, Any]) -> None:
    result = assess_both(case)
    assert FLAG in flag_ids(result)
    assert result["triage"]["level"] in ("soon", "urgent")
    shown = {d["condition"]: d["probability"] for d in result["differential"]}
    assert shown["basal_cell_carcinoma"] < 0.02  # not a carcinoma of the mouth's lining


@pytest.mark.parametrize(
    "case",
    [
        {"age_years": 10, "color": "white", "sites": ["palate"], "duration_weeks": 5},
        {"age_years": 40, "color": "white", "sites": ["buccal_mucosa"], "duration_weeks": 1},
        {"age_years": 40, "color": "yellow", "sites": ["buccal_mucosa"], "count": 30},
        {"age_days": 10, "color": "white", "sites": ["gums"]},
    ],
)
def test_children_short_lived_and_yellow_spots_do_not_fire_it(case: dict[str, Any]) -> None:
    assert FLAG not in flag_ids(assess_both(case))


def test_many_tiny_white_dots_are_fordyce_spots_not_a_lump() -> None:
    """Fordyce spots: 1-2 mm white to yellow papules of the inner cheeks [tab]."""
    dots = {
        "age_years": 30,
        "color": "white",
        "diameter_mm": 1,
        "count": 40,
        "sites": ["buccal_mucosa"],
    }
    assert FLAG not in flag_ids(assess_both(dots))
    # the size or the count not given: not known, so the flag stays
    assert FLAG in flag_ids(assess_both({k: v for k, v in dots.items() if k != "count"}))
    assert FLAG in flag_ids(assess_both({**dots, "diameter_mm": 4}))
