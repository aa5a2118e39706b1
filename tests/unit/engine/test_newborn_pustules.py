"""Pus-filled spots in a baby of 1-4 weeks (QA F14-10; session 14).

A 20-day-old's yellow pustules on inflamed cheeks were self-care with no red flag
(neonatal cephalic pustulosis 83 %). Pustular eruptions of the first 4 weeks include
infections that only an examination tells from the harmless rashes [ghosh2015_pustular];
a parents' triage guide says pus spots in a newborn need a doctor, now when the skin
looks infected [piedmont_newborn_rashes]; spots near the navel within a day
[kidzdocs_umbilical]. From 7 days (erythema toxicum lasts a week or less
[skyscape_pedderma_etn]) to under 4 weeks: routine; spreading or on the tummy: today.
"""

from __future__ import annotations

from typing import Any

import pytest

from assess_paths import assess_both, flag_ids

QA = {
    "age_days": 20,
    "color": "yellow",
    "surface": "pustule",
    "inflamed": True,
    "sites": ["cheeks"],
}


def test_the_qa_case_is_looked_at() -> None:
    result = assess_both(QA)
    assert "newborn_pustules" in flag_ids(result)
    assert result["triage"]["level"] == "routine"
    advice = {a["id"] for a in result["advice"]}
    assert "newborn_rash_harmless" not in advice  # not "harmless" beside the flag
    assert "newborn_rash_examined" in advice


@pytest.mark.parametrize(
    "extra",
    [{"course": "spreading"}, {"sites": ["abdomen"]}, {"sites": ["cheeks", "abdomen"]}],
)
def test_spreading_or_tummy_spots_are_today(extra: dict[str, Any]) -> None:
    result = assess_both({**QA, **extra})
    assert "newborn_pustules_spreading" in flag_ids(result)
    assert "newborn_pustules" not in flag_ids(result)  # one reason, the stronger
    assert result["triage"]["level"] == "urgent"
    advice = {a["id"] for a in result["advice"]}
    assert not {"newborn_rash_harmless", "newborn_rash_examined"} & advice


@pytest.mark.parametrize("age_days", [7, 14, 27])
def test_pus_content_counts_as_pustules(age_days: int) -> None:
    result = assess_both({"age_days": age_days, "content": "pus", "sites": ["cheeks"]})
    assert "newborn_pustules" in flag_ids(result)


@pytest.mark.parametrize("age_days", [3, 28, 60])
def test_outside_weeks_one_to_four_the_flag_is_silent(age_days: int) -> None:
    result = assess_both({**QA, "age_days": age_days})
    assert not {"newborn_pustules", "newborn_pustules_spreading"} & flag_ids(result)


def test_every_source_is_in_the_bibliography() -> None:
    from milia.kb.loader import read_yaml

    ids = {b["id"] for b in read_yaml("bibliography.yaml")["sources"]}
    flags = {f["id"]: f for f in read_yaml("model/red_flags.yaml")["flags"]}
    for flag in ("newborn_pustules", "newborn_pustules_spreading"):
        assert set(flags[flag]["sources"]) <= ids
