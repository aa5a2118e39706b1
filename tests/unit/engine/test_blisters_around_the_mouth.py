"""Grouped blisters on or around the lips (session 10, brief item 4).

A 3-year-old's grouped clear blisters on the lip read "sweat rash 0.82": none of the
23 conditions is herpes, and sweat rash is the least bad fit (its sites never include
the lips: the site already counts against it as far as the model lets one finding).
The red flag ``blisters_around_the_mouth`` names what it most often is (a cold sore)
and how not to spread it, with its sources; "keep cool, it clears within days" is not
said beside it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import milia
from milia.engine.batch import assess_batch
from milia.engine.jsontext import assess_json

TODDLER_LIP = {"age_years": 3, "color": "clear", "surface": "vesicle", "arrangement": "grouped", "sites": ["lips_vermilion"]}  # fmt: skip
ADULT_UPPER_LIP = {"age_years": 30, "color": "clear", "surface": "vesicle", "arrangement": "grouped", "painful": True, "itchy": True, "sites": ["upper_lip"], "duration_weeks": 0.3}  # fmt: skip


def _flags(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["id"]: f for f in result["red_flags"]}


def test_a_toddlers_grouped_lip_blisters_are_named_and_seen() -> None:
    result = milia.assess(TODDLER_LIP)
    flag = _flags(result)["blisters_around_the_mouth"]
    assert flag["level"] == "routine"
    # session 13: described blisters are soon whatever the ranking (blisters_with_milia
    # no longer reads milia's share; when unsure, triage up)
    assert result["triage"]["level"] == "soon"
    assert "cold sore" in flag["message"] and "see a doctor today" in flag["message"]
    assert {"stlouis_cold_sores", "advocare_cold_sores"} <= set(flag["sources"])
    assert flag["evidence"] == "patient_education"
    assert "you have" not in flag["message"].lower()
    # sweat rash's "keep cool, it clears within days" would contradict the flag
    assert "miliaria_keep_cool" not in {a["id"] for a in result["advice"]}
    assert assess_batch([TODDLER_LIP])[0] == result
    assert json.loads(assess_json(TODDLER_LIP)) == result


def test_painful_ones_stay_at_the_shingles_level() -> None:
    result = milia.assess(ADULT_UPPER_LIP)
    assert {"painful_blisters", "blisters_around_the_mouth"} <= set(_flags(result))
    assert result["triage"]["level"] == "soon"


@pytest.mark.parametrize(
    "change",
    [
        {"arrangement": "scattered"},  # not grouped and not on red skin
        {"sites": ["chest"]},  # not around the mouth
        {"surface": "smooth_dome", "color": "white"},  # no blister
    ],
)
def test_the_flag_needs_grouped_blisters_around_the_mouth(change: dict[str, Any]) -> None:
    assert "blisters_around_the_mouth" not in _flags(milia.assess({**TODDLER_LIP, **change}))


def test_a_newborn_keeps_the_urgent_herpes_flag() -> None:
    result = milia.assess({**{k: v for k, v in TODDLER_LIP.items() if k != "age_years"}, "age_days": 10})  # fmt: skip
    flags = _flags(result)
    assert "newborn_blisters_on_red_skin" in flags and "blisters_around_the_mouth" not in flags
    assert result["triage"]["level"] == "urgent"
