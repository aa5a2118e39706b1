"""A milia type named after a cause, when that cause was not reported (session 7 brief).

The types "after skin injury", "linked to a medicine or product" and "after a
blistering disease" are often reached from the sites alone. The result must
not read as if the person had reported the cause: the type is never called a
fit without a reported cause, and the advice says the kind is only consistent
with the picture and names what to check.
"""

from __future__ import annotations

from typing import Any

import pytest

import milia
from milia.engine.batch import assess_batch
from milia.engine.type_fit import type_is_clear
from milia.kb.loader import read_yaml

UNREPORTED = {
    "secondary_trauma": "secondary_trauma_unreported",
    "secondary_medication": "secondary_medication_unreported",
    "secondary_blistering_disease": "secondary_blistering_unreported",
}
# one description per type with no cause given, and the cause that settles it
CASES = [
    ({"age_years": 6, "color": "white", "sites": ["back_of_hands", "feet"]}, "history", "burn_at_site"),
    ({"age_years": 40, "color": "white", "sites": ["neck", "chest"]}, "history", "sunburn_at_site"),
    ({"age_years": 70, "color": "white", "sites": ["back_of_hands", "feet"]}, "history", "blistering_at_site"),
    ({"age_years": 70, "color": "white", "sites": ["neck", "chest", "under_eyes"], "duration_weeks": 3},
     "medications", "topical_corticosteroid"),
]  # fmt: skip


def _advice(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in result["advice"]}


@pytest.mark.parametrize(("case", "field", "cause"), CASES)
def test_a_cause_type_without_its_cause_is_only_consistent(
    case: dict[str, Any], field: str, cause: str
) -> None:
    result = milia.assess(case)
    kind = result["milia_type"]
    assert kind is not None and kind["type"] in UNREPORTED
    assert not type_is_clear(kind)
    advice = _advice(result)
    item = advice[UNREPORTED[kind["type"]]]
    assert "consistent with" in item["text"] and "worth checking" in item["text"].lower()
    assert item["sources"]
    assert "secondary_treat_cause" not in advice
    assert assess_batch([case])[0] == result
    given = milia.assess({**case, field: [*case.get(field, []), cause]})
    assert given["milia_type"]["type"] == kind["type"]
    assert not [a for a in _advice(given) if a.startswith(UNREPORTED[kind["type"]])]


def test_sites_alone_never_make_a_cause_type_a_fit() -> None:
    """A 70-year-old's bumps on the hands and feet: 52 % 'after a blistering disease'
    from two sites (each about 2x) was shown as 'the picture fits'."""
    case = {"age_years": 70, "color": "white", "sites": ["back_of_hands", "feet"]}
    kind = milia.assess(case)["milia_type"]
    assert kind["type"] == "secondary_blistering_disease"
    assert kind["probability"] >= 0.5 and max(w["factor"] for w in kind["why"]) >= 2
    assert not type_is_clear(kind)
    told = milia.assess({**case, "history": ["blistering_at_site"]})["milia_type"]
    assert told["type"] == "secondary_blistering_disease"
    assert type_is_clear(told)


def test_a_babys_check_list_names_no_cosmetic_procedure() -> None:
    """Peels, lasers and dermabrasion are causes from 2 years (questions.yaml)."""
    case = {"age_days": 200, "color": "white", "sites": ["arms"]}
    result = milia.assess(case)
    assert result["milia_type"]["type"] == "secondary_trauma"
    advice = _advice(result)
    assert "secondary_trauma_unreported" not in advice
    text = advice["secondary_trauma_unreported_baby"]["text"]
    assert "consistent with" in text
    assert not any(word in text for word in ("laser", "peel", "dermabrasion", "tattoo"))


def test_every_cause_type_has_its_unreported_advice() -> None:
    ids = {item["id"] for item in read_yaml("model/advice.yaml")["items"]}
    assert set(UNREPORTED.values()) <= ids


@pytest.mark.parametrize("medicine", ["isotretinoin", "topical_corticosteroid", "hydroquinone"])
def test_a_reported_medicine_gets_the_prescriber_advice_whatever_the_type(medicine: str) -> None:
    """Isotretinoin with milia around the eyes stays 'primary benign' by the type model
    (a likelihood ratio of about 8 against a prior about 7 times higher); the advice not
    to stop a prescribed medicine alone must not hang on the type."""
    case = {"age_years": 25, "color": "white", "sites": ["eyelids", "under_eyes"]}
    result = milia.assess({**case, "medications": [medicine]})
    assert "medication_talk_to_prescriber" in _advice(result)
    assert "medication_talk_to_prescriber" not in _advice(milia.assess(case))


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        # QA F7-05 Q34: calcinosis 99 %, milia ~1 %: no sentence about the kind of milia
        ({"age_years": 6, "conditions": ["down_syndrome"], "color": "white", "diameter_mm": 2,
          "count": 10, "consistency": "firm", "sites": ["back_of_hands", "palms_soles"]}, None),
        # QA F7-02: a shingles picture near the eye, milia ~0 %, was "fits milia en plaque"
        ({"age_years": 60, "color": "clear", "surface": "vesicle", "content": "clear_fluid",
          "arrangement": "grouped", "on_red_plaque": True, "painful": True, "inflamed": True,
          "sites": ["forehead", "eyelids"], "duration_weeks": 0.4, "course": "spreading"}, None),
        ({"age_years": 70, "color": "white", "sites": ["back_of_hands", "feet"]},
         "the closest is secondary milia after a blistering disease (52%). No cause of that kind"),
        ({"age_years": 70, "color": "white", "sites": ["back_of_hands", "feet"],
          "history": ["blistering_at_site"]}, "the picture fits secondary milia after a blistering"),
        ({"age_days": 10, "color": "white", "sites": ["nose"], "count": 20},
         "the picture fits newborn (neonatal) milia"),
    ],
)  # fmt: skip
def test_the_type_sentence_a_front_end_shows(case: dict[str, Any], expected: str | None) -> None:
    from milia.engine.type_fit import type_sentence

    result = milia.assess(case)
    # the contract names it while milia is in the top 3; the shingles picture's blisters
    # take milia out of the top 3 (QA F13-03, session 13), so there it is null
    assert result["milia_type"] is not None or expected is None
    sentence = type_sentence(result)
    if expected is None:
        assert sentence is None
    else:
        assert sentence is not None and expected in sentence
        assert ("No cause" in sentence) is ("No cause" in expected)
