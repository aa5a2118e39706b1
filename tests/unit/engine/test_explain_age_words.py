"""The age row's "why" item says how common a condition is at that age (QA F10-04).

The age row of the model holds the prior ``P(condition | age band)``: its factor
compares how common a condition is at that age with the average condition. It
read "age: child of 2-11 years: x0.2 for milia-like calcinosis cutis", child age
as evidence against a condition whose peak band is childhood, when the x0.2 is
its rarity.
"""

from __future__ import annotations

import json

import pytest

import milia
from milia.engine.jsontext import assess_lines

MICC = {
    "age_years": 8, "color": "white", "diameter_mm": 2, "count": 6, "sites": ["back_of_hands"],
    "conditions": ["down_syndrome"], "consistency": "firm",
}  # fmt: skip
NEWBORN = {"age_days": 10, "color": "white", "sites": ["nose"], "count": 20}


def _age_items(result: dict[str, object]) -> list[dict[str, object]]:
    return [
        w
        for d in result["differential"]  # type: ignore[attr-defined]
        for w in d["why"]
        if w["finding"] == "age"
    ]


def test_micc_rarity_is_not_worded_as_the_childs_age_against_it() -> None:
    result = milia.assess(MICC)
    top = result["differential"][0]
    assert top["condition"] == "milia_like_calcinosis_cutis"
    (age,) = [w for w in top["why"] if w["finding"] == "age"]
    assert age["factor"] < 1
    assert age["text"].startswith("how common it is in a child of 2-11 years: \u00d70.2")
    assert not any(w["text"].startswith("age:") for w in _age_items(result))


@pytest.mark.parametrize("case", [MICC, NEWBORN])
def test_both_paths_word_the_age_row_alike(case: dict[str, object]) -> None:
    one = milia.assess(case)
    (text, error), *_ = assess_lines([(1, json.dumps(case))] * 70)
    assert not error
    assert _age_items(json.loads(text)) == _age_items(one)
    assert _age_items(one)
    for item in _age_items(one):
        assert str(item["text"]).startswith("how common it is in a")
