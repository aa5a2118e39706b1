"""A warning sign comes before the ranking: the list of conditions never opens as if it
reassured against a soon or urgent warning (QA F14B-04)."""

from __future__ import annotations

import pytest

import milia
from milia.cli.assess import render_text
from milia.engine.presentation import ranking_note

# a 9-day-old's grouped clear blisters on the scalp: the herpes warning says today,
# while the ranking is ~98 % miliaria crystallina (sweat rash)
_NEWBORN_GROUPED_BLISTERS = {
    "age_days": 9,
    "color": "clear",
    "surface": "vesicle",
    "arrangement": "grouped",
    "diameter_mm": 2,
    "count": 8,
    "sites": ["scalp"],
}


@pytest.mark.parametrize("unwell", [None, True, False])
def test_the_newborn_herpes_picture_says_the_warning_comes_first(unwell: bool | None) -> None:
    case = dict(_NEWBORN_GROUPED_BLISTERS)
    if unwell is not None:
        case["unwell"] = unwell
    result = milia.assess(case)
    assert result["triage"]["level"] == "urgent"
    assert result["differential"][0]["condition"] == "miliaria_crystallina"
    note = ranking_note(result)
    assert note is not None
    assert "come first: see a doctor today" in note
    text = render_text(result)
    # the note sits above the list, so its first line is never a bare reassuring share
    assert text.index(note) < text.index("Most consistent with:")


def test_a_soon_warning_says_within_days() -> None:
    result = milia.assess(
        {
            "age_years": 60,
            "color": "white",
            "diameter_mm": 1.5,
            "sites": ["back_of_hands"],
            "history": ["skin_fragility"],
        }
    )
    assert result["triage"]["level"] == "soon"
    note = ranking_note(result)
    assert note is not None and "within days" in note


def test_no_note_without_a_warning_or_when_the_top_condition_is_the_worry() -> None:
    calm = milia.assess({"age_years": 34, "color": "white", "diameter_mm": 1.5,
                         "sites": ["eyelids"], "consistency": "firm"})  # fmt: skip
    assert ranking_note(calm) is None
    assert "come first" not in render_text(calm)
    # a basal cell carcinoma picture: the most likely condition is itself the soon one
    bcc = milia.assess({"age_years": 70, "color": "pearly_translucent", "count": 1,
                        "diameter_mm": 6, "growing": True, "sites": ["nose"]})  # fmt: skip
    assert bcc["differential"][0]["condition"] == "basal_cell_carcinoma"
    assert ranking_note(bcc) is None
