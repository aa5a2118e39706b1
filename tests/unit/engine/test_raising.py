"""assess().next_questions puts the findings that could raise the level first (QA F6-02, F6-20)."""

from __future__ import annotations

import json
from typing import Any

import pytest

import milia
from milia.engine.assess import assess_many
from milia.engine.jsontext import assess_json
from milia.engine.questions import raise_reason
from milia.engine.raising import relaxed
from milia.engine.sample import random_cases
from milia.engine.triage import LEVELS

HANDS_60 = {
    "age_years": 60,
    "color": "white",
    "diameter_mm": 1,
    "count": 10,
    "sites": ["back_of_hands"],
}
NEWBORN_BLISTERS = {
    "age_days": 10,
    "color": "clear",
    "sites": ["scalp"],
    "content": "clear_fluid",
    "count": 6,
    "unwell": False,
}


def _raising(result: dict[str, Any]) -> dict[str, str]:
    reasons = {
        raise_reason(level, alone): LEVELS[level]
        for level in range(1, len(LEVELS))
        for alone in (False, True)
    }
    return {
        q["field"]: reasons[q["reason"]]
        for q in result["next_questions"]
        if q.get("reason") in reasons
    }


def test_hands_of_an_older_adult_ask_about_blisters() -> None:
    # QA F6-02: next questions were surface, content, consistency, expressible,
    # duration_weeks; never the history that decides the blistering-disease type
    result = milia.assess(HANDS_60, n_questions=8)
    raising = _raising(result)
    assert raising["history"] in ("soon", "urgent")
    assert {"surface", "content"} <= set(raising)  # blisters: vesicle, clear fluid
    # and adding the blistering history does raise the level
    with_history = milia.assess({**HANDS_60, "history": ["blistering_at_site"]})
    assert LEVELS.index(with_history["triage"]["level"]) > LEVELS.index(result["triage"]["level"])


def test_a_newborns_blisters_ask_whether_grouped_or_on_red_skin() -> None:
    # QA F6-20: the result's questions (surface, consistency, duration, present at
    # birth, onset) never asked about the findings that make it urgent
    result = milia.assess(NEWBORN_BLISTERS, n_questions=10)
    assert result["triage"]["level"] == "routine"
    raising = _raising(result)
    assert {"arrangement", "on_red_plaque", "inflamed"} <= set(raising)
    assert raising["arrangement"] == "urgent"
    urgent = milia.assess({**NEWBORN_BLISTERS, "arrangement": "grouped"})
    assert urgent["triage"]["level"] == "urgent"


def test_safety_questions_come_most_urgent_first_after_the_baby_and_age_ones() -> None:
    result = milia.assess({"color": "clear", "sites": ["scalp"]}, n_questions=12)
    fields = [q["field"] for q in result["next_questions"]]
    assert fields[0] == "age_years"  # unknown age leads (QA F2-63)
    levels = [LEVELS.index(v) for v in _raising(result).values()]
    assert levels == sorted(levels, reverse=True)


def test_an_urgent_case_has_no_raising_questions() -> None:
    result = milia.assess({**NEWBORN_BLISTERS, "arrangement": "grouped"}, n_questions=10)
    assert result["triage"]["level"] == "urgent"
    assert _raising(result) == {}


@pytest.mark.parametrize("n_questions", [0, 3, 8])
def test_batch_and_json_paths_give_the_same_questions(n_questions: int) -> None:
    cases = random_cases(150, seed=23)  # 150 >= 64: the chunk form of the rules
    cases += [HANDS_60, NEWBORN_BLISTERS]
    batch = assess_many(cases, n_questions=n_questions)
    for case, got in zip(cases, batch, strict=True):
        assert got == milia.assess(case, n_questions=n_questions)
    for case in cases[:20]:
        assert json.loads(assess_json(case, n_questions=n_questions)) == milia.assess(
            case, n_questions=n_questions
        )


def test_relaxed_rules_keep_negations_and_missing_safe() -> None:
    fields: set[str] = set()
    spec = {
        "all": [
            {"field": "painful", "is": True},
            {"not": {"field": "onset", "is": "eruptive"}},
            {"not": {"missing": "count"}},
            {"age_days_lt": 42},
        ]
    }
    out = relaxed(spec, fields)
    assert out == {
        "all": [
            {"any": [{"missing": "painful"}, {"field": "painful", "is": True}]},
            {"not": {"field": "onset", "is": "eruptive"}},
            {"not": {"always": False}},
            {"age_days_lt": 42},
        ]
    }
    # onset can only make the rule false; count and painful can make it true
    assert fields == {"painful", "count"}
