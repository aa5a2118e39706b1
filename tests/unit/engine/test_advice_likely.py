"""Advice that calls a condition likely only when it is (QA F10-03).

An advice item with a ``likely`` list in ``advice.yaml`` ("Most likely acne
lesions ...") is kept only when one of those conditions' printed probability
is at least the share outside the listed conditions (the ``not_listed``
member); both paths (one case, a chunk, JSON text) agree.
"""

from __future__ import annotations

import json
import re

from milia.engine.advice import advice_items, likely_columns, likely_only
from milia.engine.assess import assess, assess_many
from milia.engine.jsontext import assess_lines
from milia.engine.model import condition_model
from milia.kb.loader import read_yaml

# QA U41: a cold sore's picture (35 y, grouped painful clear blisters on a red patch, upper lip)
COLD_SORE = {
    "age_years": 35,
    "sex": "female",
    "color": "clear",
    "diameter_mm": 2,
    "count": 8,
    "surface": "vesicle",
    "content": "clear_fluid",
    "painful": True,
    "arrangement": "grouped",
    "on_red_plaque": True,
    "sites": ["upper_lip"],
}
# a plain acne picture: acne is printed well above the share outside the list
ACNE = {
    "age_years": 17,
    "color": "red",
    "diameter_mm": 3,
    "count": 20,
    "surface": "pustule",
    "inflamed": True,
    "sites": ["cheeks", "forehead"],
}


def _printed(result: dict[str, object]) -> dict[str, float]:
    return {d["condition"]: d["probability"] for d in result["differential"]}  # type: ignore[attr-defined,index]


def test_no_most_likely_acne_when_most_of_the_estimate_lies_outside_the_list() -> None:
    result = assess(COLD_SORE)
    printed = _printed(result)
    outside = result["not_listed"]["probability"]
    assert printed["acne_papulopustular"] < outside  # the QA picture: acne 5 %, 89 % outside
    ids = [a["id"] for a in result["advice"]]
    assert "comedones_acne_care" not in ids
    assert not any("most likely" in a["text"].lower() for a in result["advice"])


def test_acne_advice_stays_for_an_acne_picture() -> None:
    result = assess(ACNE)
    assert result["differential"][0]["condition"] == "acne_papulopustular"
    assert result["differential"][0]["probability"] >= result["not_listed"]["probability"]
    assert "comedones_acne_care" in [a["id"] for a in result["advice"]]


def test_both_paths_keep_the_same_advice() -> None:
    cases = [COLD_SORE, ACNE] * 40  # a chunk large enough for the chunk-wide rules
    many = assess_many(cases)
    for case, result in zip(cases, many, strict=True):
        assert result["advice"] == assess(case)["advice"]
    lines = assess_lines([(n, json.dumps(c)) for n, c in enumerate(cases, 1)])
    for case, (text, error) in zip(cases, lines, strict=True):
        assert not error
        assert json.loads(text)["advice"] == assess(case)["advice"]


def test_every_most_likely_item_names_its_conditions() -> None:
    classes = set(condition_model().classes)
    for raw in read_yaml("model/advice.yaml")["items"]:
        if re.search(r"\bmost likely\b", raw["text"], re.IGNORECASE):
            assert raw.get("likely"), raw["id"]
        for condition in raw.get("likely") or ():
            assert condition in classes, (raw["id"], condition)


def test_likely_only_keeps_an_item_at_the_outside_share_and_drops_it_below() -> None:
    classes = condition_model().classes
    columns = likely_columns(tuple(classes))
    i = next(k for k, item in enumerate(advice_items()) if item.id == "comedones_acne_care")
    plain = next(k for k, c in enumerate(columns) if c is None)
    acne = classes.index("acne_papulopustular")
    printed = [0] * len(classes)
    printed[acne] = 500
    assert likely_only([plain, i], printed, 500, columns) == [plain, i]
    assert likely_only([plain, i], printed, 501, columns) == [plain]
