"""basal_cell_carcinoma_possible reads findings, not only the ranking (session 14, finding 1).

The flag asked only for basal cell carcinoma at 10 % or more of the listed conditions,
so it was lost when the carcinoma sat at that edge: a 46-year-old's growing, bleeding
red bumps (QA F13-03's check; the level stayed soon by other flags). In an adult (or
with no age), a bump that grows, bleeds or will not heal, or one or two pearly,
translucent bumps, raise the suspicion of basal cell carcinoma [macmillan_ng12_skin, pg,
accessem_bcc, utah_bcc]: the flag fires on them whatever the ranking. The ranking stays a
second way in.
"""

from __future__ import annotations

from typing import Any

import pytest

from assess_paths import assess_both
from milia.engine.sample import random_cases

FLAG = "basal_cell_carcinoma_possible"


def _flags(case: dict[str, Any]) -> set[str]:
    return {f["id"] for f in assess_both(case)["red_flags"]}


@pytest.mark.parametrize(
    "case",
    [
        # acne on top (BCC under 1 %): the growing, bleeding bumps still raise it
        {
            "age_years": 46,
            "color": "red",
            "growing": True,
            "bleeding": True,
            "count": 9,
            "sites": ["cheeks"],
            "surface": "pustule",
        },
        {"age_years": 30, "color": "white", "growing": True, "count": 1, "sites": ["eyelids"]},
        {"age_years": 52, "color": "skin_colored", "bleeding": True, "sites": ["nose"]},
        {"color": "red", "growing": True, "sites": ["back"]},  # no age: may be an adult
        {
            "age_years": 40,
            "color": "pearly_translucent",
            "count": 2,
            "sites": ["cheeks"],
            "duration_weeks": 300,
            "course": "stable",
            "growing": False,
        },
    ],
)
def test_the_signs_raise_the_flag_whatever_the_ranking(case: dict[str, Any]) -> None:
    result = assess_both(case)
    assert FLAG in {f["id"] for f in result["red_flags"]}
    assert result["triage"]["level"] in ("soon", "urgent")


def test_a_child_or_many_pearly_bumps_do_not_raise_it_by_findings() -> None:
    # a child's growing bump is growing_bump_child (routine); several pearly bumps in an
    # adult are pearly_bumps_adult (routine): neither is the findings' way in
    assert FLAG not in _flags({"age_years": 9, "color": "red", "growing": True, "sites": ["arms"]})
    many = {"age_years": 25, "color": "pearly_translucent", "count": 12, "sites": ["cheeks"]}
    result = assess_both(many)
    shown = {d["condition"]: d["probability"] for d in result["differential"]}
    if shown["basal_cell_carcinoma"] < 0.05:  # the ranking does not speak for it either
        assert FLAG not in {f["id"] for f in result["red_flags"]}


def test_every_generated_adult_with_the_signs_has_the_flag() -> None:
    for case in random_cases(400, seed=31):
        age = case.get("age_years", case["age_days"] / 365.25 if "age_days" in case else None)
        if age is not None and age < 18:
            continue
        pearly_few = case.get("color") == "pearly_translucent" and case.get("count", 1) <= 2
        if case.get("growing") or case.get("bleeding") or pearly_few:
            assert FLAG in _flags(case), case
