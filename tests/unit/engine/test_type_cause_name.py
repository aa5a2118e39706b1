"""A milia type's name does not claim an unreported cause (QA F13-04's rest; session 14).

A case with no medicine reported was typed ``secondary_medication`` and the JSON's
``milia_type.name`` read "secondary milia linked to a medicine or product", as if a
medicine were known. The type id stays (the contract's value); the name says the
cause is conditional and was not reported (``red_flags.yaml`` ``type_unreported``:
the same rule that rewords the triage reason). Every output path gives the same name.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from assess_paths import assess_both
from milia.engine.batch import assess_batch
from milia.engine.explain import labels
from milia.engine.jsontext import assess_json, assess_lines, assess_lines_utf8

HANDS = {"age_years": 70, "color": "white", "sites": ["back_of_hands", "feet"]}
MIDLIFE_HANDS = {"age_years": 45, "color": "white", "sites": ["back_of_hands"], "count": 5}
NECK = {
    "age_years": 70,
    "color": "white",
    "sites": ["neck", "chest", "under_eyes"],
    "duration_weeks": 3,
}


def _all_paths(case: dict[str, Any]) -> dict[str, Any]:
    result = assess_both(case)
    assert assess_batch([case])[0] == result
    assert json.loads(assess_json(case)) == result
    # a chunk large enough for the chunk rules, with the case in it
    lines = assess_lines([(k, json.dumps(case)) for k in range(300)])
    utf8 = assess_lines_utf8([(k, json.dumps(case)) for k in range(300)])
    for text, failed in [*lines, *utf8]:
        out = json.loads(text)
        assert not failed and {k: out[k] for k in result} == result
    return result


@pytest.mark.parametrize(
    ("case", "kind", "not_reported"),
    [
        (HANDS, "secondary_blistering_disease", "no blisters"),
        (NECK, "secondary_medication", "none was reported"),
        (MIDLIFE_HANDS, "secondary_trauma", "none was reported"),
    ],
)
def test_an_unreported_cause_is_not_named_as_known(
    case: dict[str, Any], kind: str, not_reported: str
) -> None:
    result = _all_paths(case)
    assert result["milia_type"]["type"] == kind  # the contract's id is kept
    name = result["milia_type"]["name"]
    assert name != labels()["milia_types"][kind]
    assert not_reported in name and name.count("if ") == 1


@pytest.mark.parametrize(
    ("case", "field", "cause"),
    [
        (HANDS, "history", "blistering_at_site"),
        (HANDS, "conditions", "porphyria_cutanea_tarda"),
        (NECK, "medications", "topical_corticosteroid"),
        (MIDLIFE_HANDS, "history", "burn_at_site"),
    ],
)
def test_a_reported_cause_keeps_the_label(case: dict[str, Any], field: str, cause: str) -> None:
    result = _all_paths({**case, field: [cause]})
    kind = result["milia_type"]["type"]
    assert result["milia_type"]["name"] == labels()["milia_types"][kind]
