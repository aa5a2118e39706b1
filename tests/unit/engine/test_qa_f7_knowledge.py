"""QA round 7 findings on the knowledge (repro in /work/qa/findings.md): F7-01, F7-02, F7-05."""

from __future__ import annotations

from typing import Any

import pytest

import milia
from milia.engine.batch import assess_batch

SHINGLES_NEAR_EYE = {
    "age_years": 60,
    "color": "clear",
    "surface": "vesicle",
    "content": "clear_fluid",
    "arrangement": "grouped",
    "on_red_plaque": True,
    "painful": True,
    "inflamed": True,
    "sites": ["forehead", "eyelids"],
    "duration_weeks": 0.4,
    "course": "spreading",
}


def _advice(result: dict[str, Any]) -> dict[str, str]:
    return {a["id"]: a["text"] for a in result["advice"]}


@pytest.mark.parametrize(
    "case",
    [
        {"age_years": 30, "color": "clear", "surface": "vesicle", "count": 50, "sites": ["neck", "chest"]},
        {"age_days": 10, "color": "clear", "surface": "vesicle", "count": 50, "sites": ["neck", "chest"]},
        {"color": "clear", "surface": "vesicle", "count": 50, "sites": ["neck", "chest"]},
    ],
)  # fmt: skip
def test_sweat_rash_advice_fits_every_age(case: dict[str, Any]) -> None:
    """F7-02: 'keep the baby cool' was said to a 60-year-old."""
    result = milia.assess(case)
    assert result["differential"][0]["condition"] == "miliaria_crystallina"
    text = _advice(result)["miliaria_keep_cool"]
    assert "baby" not in text
    assert assess_batch([case])[0] == result


SWEAT_RASH = {
    "age_years": 30,
    "color": "clear",
    "surface": "vesicle",
    "count": 50,
    "sites": ["neck", "chest"],
}


def test_no_sweat_rash_reassurance_for_a_shingles_picture() -> None:
    """F7-02: painful, inflamed blisters on a red plaque near the eye got 'clears within days'."""
    result = milia.assess(SHINGLES_NEAR_EYE)
    assert result["triage"]["level"] == "urgent"
    assert result["differential"][0]["condition"] == "miliaria_crystallina"
    assert "miliaria_keep_cool" not in _advice(result)


@pytest.mark.parametrize("sign", ["painful", "inflamed", "on_red_plaque", "unwell"])
def test_no_sweat_rash_reassurance_beside_pain_or_redness(sign: str) -> None:
    """Miliaria crystallina's clear blisters sit on normal skin [cpm]."""
    assert "miliaria_keep_cool" in _advice(milia.assess(SWEAT_RASH))
    result = milia.assess({**SWEAT_RASH, sign: True})
    assert result["differential"][0]["condition"] == "miliaria_crystallina"
    assert "miliaria_keep_cool" not in _advice(result)


@pytest.mark.parametrize(
    ("age_days", "words"),
    [
        (10, "Is the baby unwell"),
        (700, "Is the baby unwell"),
        (730.5, "Does the person feel unwell"),
        (29 * 365.25, "Does the person feel unwell"),
        (None, "Does the person feel unwell"),
    ],
)
def test_the_unwell_question_is_worded_for_the_age(age_days: float | None, words: str) -> None:
    """F7-01: a 29-year-old was asked 'Is the baby unwell (fever, floppy, feeding poorly)?'.
    QuestionTable words a question for the age as the interview does (questions.yaml)."""
    from milia.engine.model import condition_model
    from milia.engine.questions import question_table

    table = question_table(condition_model())
    assert table.question_text("unwell", age_days).startswith(words)
    variant = table.variant("unwell", age_days)
    assert variant in table.variants("unwell")
    item = table.item("unwell", 0.25, reason="r", variant=variant)
    assert item["question"].startswith(words)
    assert item["field"] == "unwell" and item["expected_information_gain"] == 0.25
    assert table.item("unwell", 0.25)["question"] == table.head("unwell")["question"]
    # a young baby's spots are counted in days; older people's bumps in weeks
    duration = table.question_text("duration_weeks", age_days)
    assert ("since birth" in duration) is (age_days is not None and age_days < 91)


HYDROQUINONE_USER = {
    "age_years": 40,
    "sex": "female",
    "color": "brown",
    "diameter_mm": 1,
    "count": 20,
    "sites": ["cheeks"],
}


def test_hydroquinone_weighs_no_more_than_drugs_with_case_reports() -> None:
    """F7-29: one patient-education page [dove] gave hydroquinone 0.2 among medicine-linked
    milia ("x8 for milia", the largest factor of the result), above drugs with case reports."""
    from milia.kb.loader import read_yaml

    table = read_yaml("model/milia_types_model.yaml")["classes"]["secondary_medication"]
    share = table["p_present"]
    reported = ("fluorouracil_topical", "cyclosporine", "isotretinoin", "tyrosine_kinase_inhibitor")
    assert share["hydroquinone"] <= max(share[d] for d in reported)
    case = {**HYDROQUINONE_USER, "color": "white", "medications": ["hydroquinone"]}
    why = next(d for d in milia.assess(case)["differential"] if d["condition"] == "milia")["why"]
    assert next(w["factor"] for w in why if w["value"] == "hydroquinone") < 4


@pytest.mark.parametrize(
    "dark", [{"color": "brown"}, {"color": "white", "leaves_brown_marks": True}]
)
def test_dark_bumps_on_hydroquinone_are_checked_for_ochronosis(dark: dict[str, Any]) -> None:
    """F7-29: long-term hydroquinone causes exogenous ochronosis with dark caviar-like
    papules [simmons2015_eo, nayak2012_eo]; brown bumps got only 'milia, medicine'."""
    case = {**HYDROQUINONE_USER, **dark, "medications": ["hydroquinone"]}
    result = milia.assess(case)
    flags = {f["id"]: f for f in result["red_flags"]}
    assert "ochronosis" in flags["hydroquinone_dark_bumps"]["message"]
    assert flags["hydroquinone_dark_bumps"]["evidence"] == "review"
    assert result["triage"]["level"] != "self_care"
    assert not any("harmless" in a["text"] for a in result["advice"])
    assert assess_batch([case])[0] == result
    plain = milia.assess({**HYDROQUINONE_USER, **dark})
    assert "hydroquinone_dark_bumps" not in {f["id"] for f in plain["red_flags"]}


def test_the_retinoid_advice_says_not_in_pregnancy() -> None:
    """F7-42: the tretinoin advice to a 29-year-old woman never mentioned pregnancy."""
    case = {"age_years": 29, "sex": "female", "color": "white", "diameter_mm": 1, "count": 5,
            "sites": ["cheeks"], "duration_weeks": 30}  # fmt: skip
    advice = {a["id"]: a for a in milia.assess(case)["advice"]}
    assert "topical_retinoid" in advice
    item = advice["retinoid_not_in_pregnancy"]
    assert "pregnan" in item["text"] and "uktis_topical_retinoids" in item["sources"]
    ids = list(advice)
    assert ids.index("retinoid_not_in_pregnancy") == ids.index("topical_retinoid") + 1
    # whenever a pregnancy is possible: sex not given or other (QA F13-07 keeps those)
    unsaid = {k: v for k, v in case.items() if k != "sex"}
    for sex in ({}, {"sex": "other"}):
        shown = {a["id"] for a in milia.assess({**unsaid, **sex})["advice"]}
        assert "retinoid_not_in_pregnancy" in shown, sex


@pytest.mark.parametrize("who", [{"sex": "male", "age_years": 72}, {"sex": "male", "age_years": 30},
                                 {"sex": "female", "age_years": 64}])  # fmt: skip
def test_the_pregnancy_line_is_not_told_to_a_man_or_from_sixty(who: dict[str, object]) -> None:
    """QA F13-07: a 72-year-old man was told retinoid creams are not used in pregnancy."""
    case = {"color": "white", "diameter_mm": 1, "count": 6, "sites": ["eyelids"],
            "duration_weeks": 40, **who}  # fmt: skip
    ids = {a["id"] for a in milia.assess(case)["advice"]}
    assert "topical_retinoid" in ids and "retinoid_not_in_pregnancy" not in ids
