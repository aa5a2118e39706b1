"""QA F7-03, F7-04, F7-16, F7-17 (safety): eruptive yellow bumps, newborn conditions in
adults, self-care for an almost-empty description, lasting mouth patches, and signs of
infection on the eyelid."""

from __future__ import annotations

import json
from typing import Any

import pytest

import milia
from milia.engine.assess import assess_many, assess_plain
from milia.engine.jsontext import assess_json
from milia.engine.model import condition_model
from milia.engine.triage import level_rank, triage_policy
from milia.engine.triage_flags import described_floor, missing_key_findings
from milia.kb.loader import read_yaml

# ---------------------------------------------------------------- F7-03
# the QA tester's case: eruptive xanthomas, the textbook picture
XANTHOMA = {
    "age_years": 40,
    "sex": "male",
    "conditions": ["diabetes", "hyperlipidemia"],
    "color": "yellow",
    "diameter_mm": 3,
    "count": 40,
    "inflamed": True,
    "itchy": True,
    "onset": "eruptive",
    "sites": ["arms", "legs"],
    "duration_weeks": 2,
}
NEWBORN_ONLY = (
    "erythema_toxicum_neonatorum",
    "transient_neonatal_pustular_melanosis",
    "neonatal_cephalic_pustulosis",
)


def _flags(case: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["id"]: f for f in milia.assess(case)["red_flags"]}


def test_eruptive_yellow_bumps_with_diabetes_are_seen_within_days_with_sources() -> None:
    """F7-03: routine before, with nothing about lipids; the sources are case reports of
    eruptive xanthomas (very high triglycerides, pancreatitis risk)."""
    result = milia.assess(XANTHOMA)
    assert result["triage"]["level"] == "soon"
    flag = _flags(XANTHOMA)["eruptive_yellow_bumps"]
    assert flag["level"] == "soon"
    assert flag["evidence"] == "case_report"
    assert "lee2019_eruptive_xanthoma" in flag["sources"]
    assert "blood test of fats" in flag["message"]
    assert "you have" not in flag["message"].lower()
    assert result["triage"]["reasons"][0]["text"] == flag["message"]


@pytest.mark.parametrize(
    "change",
    [
        {"conditions": ["diabetes"]},
        {"conditions": ["hyperlipidemia"]},
        {"conditions": []},  # not known, but on the limbs: diabetes is often not yet known
        {"color": "amber", "age_years": 12},
    ],
)
def test_eruptive_yellow_bumps_fire_with_lipids_or_on_the_limbs(change: dict[str, Any]) -> None:
    case = {**XANTHOMA, **change}
    if not case["conditions"]:
        del case["conditions"]
    assert "eruptive_yellow_bumps" in _flags(case)


@pytest.mark.parametrize(
    "change",
    [
        {"surface": "pustule"},  # pus spots: xanthomas are solid papules
        {"content": "pus"},
        {"color": "white"},
        {"onset": "gradual"},
        {"age_days": 10, "age_years": None},  # a newborn's rash (eruptive_onset_newborn)
        {"conditions": None, "sites": ["cheeks", "nose"]},  # the face, nothing reported
    ],
)
def test_eruptive_yellow_bumps_keep_to_their_picture(change: dict[str, Any]) -> None:
    case = {k: v for k, v in {**XANTHOMA, **change}.items() if v is not None}
    assert "eruptive_yellow_bumps" not in _flags(case)


def test_yellow_body_bumps_with_diabetes_ask_for_lipids_whatever_the_onset() -> None:
    case = {**XANTHOMA, "onset": "gradual", "duration_weeks": 26}
    flags = _flags(case)
    assert "yellow_bumps_lipids" in flags
    assert flags["yellow_bumps_lipids"]["level"] == "routine"
    assert "eruptive_yellow_bumps" not in flags
    # one message for eruptive bumps, not both
    assert "yellow_bumps_lipids" not in _flags(XANTHOMA)
    # the face's yellow bumps (sebaceous hyperplasia) and the eyelids (own flag) do not
    face = {**case, "sites": ["cheeks", "forehead"]}
    assert "yellow_bumps_lipids" not in _flags(face)


def test_bumps_on_the_limbs_get_no_eye_cream_advice() -> None:
    """F7-03: advice about eye creams for bumps on the arms and legs."""
    texts = " ".join(a["text"] for a in milia.assess(XANTHOMA)["advice"])
    assert "eye" not in texts
    assert "these milia" not in texts


@pytest.mark.parametrize("age_years", [2, 5, 15, 40, 70])
@pytest.mark.parametrize("color", ["yellow", "red", "white"])
def test_newborn_rashes_are_near_zero_after_the_first_years(age_years: int, color: str) -> None:
    """F7-03: erythema toxicum NEONATORUM at 6.9 % in a 40-year-old (83 % for a
    70-year-old with eruptive yellow pus spots on the trunk and limbs)."""
    case = {
        "age_years": age_years,
        "color": color,
        "surface": "pustule",
        "content": "pus",
        "inflamed": True,
        "onset": "eruptive",
        "count": 40,
        "diameter_mm": 2,
        "sites": ["chest", "back", "arms", "legs"],
        "duration_weeks": 0.5,
        "course": "resolving",
    }
    shares = {d["condition"]: d["probability"] for d in milia.assess(case)["differential"]}
    assert max(shares[c] for c in NEWBORN_ONLY) < 0.01
    for change in ({}, {"conditions": ["diabetes"], "sites": ["arms", "legs"]}):
        shares = {
            d["condition"]: d["probability"]
            for d in milia.assess(XANTHOMA | change)["differential"]
        }
        assert max(shares[c] for c in NEWBORN_ONLY) < 0.01


def test_the_newborn_picture_still_ranks_erythema_toxicum_first_in_a_newborn() -> None:
    case = {
        "age_days": 3,
        "color": "yellow",
        "surface": "pustule",
        "inflamed": True,
        "onset": "eruptive",
        "sites": ["chest", "back"],
    }
    assert milia.assess(case)["differential"][0]["condition"] == "erythema_toxicum_neonatorum"


# ---------------------------------------------------------------- F7-04
def test_an_almost_empty_case_is_not_self_care_and_says_what_is_missing() -> None:
    """F7-04: {"sites": ["eyelids"]} was self-care with the top at 41 %."""
    result = milia.assess({"sites": ["eyelids"]})
    assert result["triage"]["level"] == "routine"
    texts = [r["text"] for r in result["triage"]["reasons"]]
    missing = [t for t in texts if t.startswith("not enough is known")]
    assert len(missing) == 1
    assert "the age" in missing[0]
    assert "what the bumps look like" in missing[0]
    assert "where the bumps are" not in missing[0]
    advice = " ".join(a["text"] for a in result["advice"])
    assert "these milia" not in advice


@pytest.mark.parametrize(
    ("case", "missing"),
    [
        ({"age_years": 34, "color": "white", "diameter_mm": 1}, ["where the bumps are"]),
        ({"color": "white", "diameter_mm": 1, "sites": ["eyelids"]}, ["the age"]),
        ({"age_years": 34, "diameter_mm": 1, "sites": ["eyelids"], "count": 3}, ["what the bumps"]),
    ],
)
def test_self_care_needs_the_age_the_place_and_the_look(
    case: dict[str, Any], missing: list[str]
) -> None:
    result = milia.assess(case)
    assert result["triage"]["level"] != "self_care"
    texts = " ".join(r["text"] for r in result["triage"]["reasons"])
    for words in missing:
        assert words in texts


def test_a_full_typical_description_stays_self_care_without_a_missing_reason() -> None:
    case = {
        "age_years": 41,
        "color": "white",
        "diameter_mm": 1,
        "count": 3,
        "surface": "smooth_dome",
        "consistency": "firm",
        "sites": ["eyelids"],
        "duration_weeks": 26,
    }
    result = milia.assess(case)
    assert result["triage"]["level"] == "self_care"
    assert not any("not enough is known" in r["text"] for r in result["triage"]["reasons"])
    # a surface instead of a colour tells the look too
    no_colour = {k: v for k, v in case.items() if k != "color"}
    assert missing_key_findings(triage_policy(condition_model().classes), no_colour) == []


def test_self_care_needs_a_likely_top_condition() -> None:
    """F7-04: "when unsure, triage up": self-care rests on a top condition more likely
    than all the others together (the policy's uncertain_top_probability)."""
    policy = read_yaml("model/red_flags.yaml")["policy"]
    assert policy["uncertain_top_probability"] >= 0.5
    case = {"age_years": 34, "color": "white", "sites": ["cheeks"]}  # milia about 49 %
    result = milia.assess(case)
    top = result["differential"][0]["probability"]
    assert 0.35 <= top < 0.5
    assert result["triage"]["level"] == "routine"
    assert not any("not enough is known" in r["text"] for r in result["triage"]["reasons"])
    more = milia.assess({**case, "count": 4})  # the count makes milia likely (about 64 %)
    assert more["differential"][0]["probability"] >= 0.5
    assert more["triage"]["level"] == "self_care"


def test_the_missing_findings_rule_never_lowers_a_level() -> None:
    policy = triage_policy(condition_model().classes)
    for level in range(4):
        reasons: list[dict[str, Any]] = []
        got = described_floor(policy, {"sites": ["nose"]}, level, reasons)
        assert got == max(level, level_rank("routine"))
        assert bool(reasons) is (level <= level_rank("routine"))
        reasons = []
        full = {"age_years": 30, "sites": ["nose"], "color": "white"}
        assert described_floor(policy, full, level, reasons) == level
        assert reasons == []


# ---------------------------------------------------------------- F7-16
PALATE_62 = {
    "age_years": 62,
    "color": "white",
    "diameter_mm": 3,
    "count": 4,
    "sites": ["palate", "gums"],
    "duration_weeks": 8,
}


def test_an_adults_lasting_white_mouth_bumps_go_to_a_dentist_not_newborn_advice() -> None:
    """F7-16: a 62-year-old's palate bumps were Epstein pearls (62 %), self-care, with
    the newborn advice; white patches lasting over 2 weeks need a dentist [NHS]."""
    result = milia.assess(PALATE_62)
    assert result["triage"]["level"] != "self_care"
    flags = {f["id"]: f for f in result["red_flags"]}
    assert flags["mouth_patch_lasting"]["sources"][0] == "nhs_leukoplakia"
    shares = {d["condition"]: d["probability"] for d in result["differential"]}
    assert shares["oral_inclusion_cysts"] < 0.01
    assert "oral_cysts_no_treatment" not in {a["id"] for a in result["advice"]}
    # a newborn's gums: still the newborn cysts, no such flag
    baby = milia.assess({"age_days": 10, "color": "white", "count": 3, "sites": ["gums"]})
    assert baby["differential"][0]["condition"] == "oral_inclusion_cysts"
    assert "mouth_patch_lasting" not in {f["id"] for f in baby["red_flags"]}


@pytest.mark.parametrize(
    "change",
    [{"duration_weeks": 1}, {"color": "yellow"}, {"sites": ["lips_vermilion"]}],
)
def test_the_mouth_flag_keeps_to_lasting_non_yellow_bumps_inside_the_mouth(
    change: dict[str, Any],
) -> None:
    assert "mouth_patch_lasting" not in _flags({**PALATE_62, **change})


# ---------------------------------------------------------------- F7-17
SQUEEZED_EYELID = {
    "age_years": 16,
    "color": "white",
    "diameter_mm": 1,
    "count": 3,
    "inflamed": True,
    "painful": True,
    "on_red_plaque": True,
    "sites": ["eyelids"],
    "history": ["wants_self_extraction"],
}


def test_a_painful_red_eyelid_is_an_infection_sign_not_milia_en_plaque() -> None:
    """F7-17: routine, framed as milia en plaque; an infection near the eye is soon, and
    today with feeling unwell."""
    result = milia.assess(SQUEEZED_EYELID)
    assert result["triage"]["level"] == "soon"
    flags = {f["id"]: f for f in result["red_flags"]}
    assert "eyelid_infection_signs" in flags
    assert "grouped_on_red_plaque" not in flags
    assert "today" in flags["eyelid_infection_signs"]["message"]
    assert "milia en plaque" not in json.dumps(result["red_flags"])
    stye = {
        "age_years": 30,
        "color": "white",
        "diameter_mm": 3,
        "count": 1,
        "content": "pus",
        "inflamed": True,
        "painful": True,
        "sites": ["eyelids"],
        "duration_weeks": 1,
    }
    assert milia.assess(stye)["triage"]["level"] == "soon"
    # no "responds to acne care" or milia en plaque treatments beside it
    advice = {a["id"] for a in milia.assess(stye)["advice"]}
    advice |= {a["id"] for a in result["advice"]}
    assert not advice & {"comedones_acne_care", "milia_en_plaque_options"}
    assert "comedones_acne_care" in {
        a["id"] for a in milia.assess({**stye, "sites": ["chin"]})["advice"]
    }
    assert milia.assess({**stye, "unwell": True})["triage"]["level"] == "urgent"
    # not painful: milia en plaque's flag stays; painful elsewhere: not this flag
    calm = {**SQUEEZED_EYELID, "painful": False}
    assert "grouped_on_red_plaque" in _flags(calm)
    assert "eyelid_infection_signs" not in _flags({**SQUEEZED_EYELID, "sites": ["chin"]})


# ---------------------------------------------------------------- every path
EQUIVALENCE = [
    {"sites": ["eyelids"]},
    {"age_years": 34, "color": "white"},
    {"color": "white", "sites": ["nose", "cheeks"]},
    {"age_years": 30, "surface": "smooth_dome", "sites": ["eyelids"]},
    {"age_days": 5, "color": "white", "sites": ["nose"], "unwell": True},
    XANTHOMA,
    {**XANTHOMA, "onset": "gradual"},
    {"growing": True, "sites": ["nose"]},
    PALATE_62,
    SQUEEZED_EYELID,
]


@pytest.mark.parametrize("n_questions", [0, 5])
def test_every_path_gives_the_same_answer(n_questions: int) -> None:
    """assess == assess_many (a few cases, and a chunk of 64 or more) == assess_json."""
    cases = EQUIVALENCE * 9  # 72 cases: the chunk rules' path
    want = [assess_plain(c, n_questions=n_questions) for c in EQUIVALENCE]
    assert assess_many(EQUIVALENCE, n_questions=n_questions) == want
    assert assess_many(cases, n_questions=n_questions) == want * 9
    for case, expected in zip(EQUIVALENCE, want, strict=True):
        assert milia.assess(case, n_questions=n_questions) == expected
        assert json.loads(assess_json(case, n_questions=n_questions)) == expected


def test_generated_self_care_results_are_described_and_likely() -> None:
    """F7-04 as a property: every self-care answer on 400 generated cases has its top
    condition at 50 % or more and the age, the place and the look given."""
    from milia.engine.sample import random_cases

    policy = triage_policy(condition_model().classes)
    cases = random_cases(400, seed=74)
    results = assess_many(cases, n_questions=0)
    self_care = 0
    for case, result in zip(cases, results, strict=True):
        if result["triage"]["level"] == "self_care":
            self_care += 1
            assert result["differential"][0]["probability"] >= 0.5
            assert missing_key_findings(policy, case) == []
        elif missing_key_findings(policy, case) and result["triage"]["level"] == "routine":
            assert any("not enough is known" in r["text"] for r in result["triage"]["reasons"])
    assert self_care > 0  # the property is not empty


def test_a_one_year_olds_pustules_are_not_a_newborn_rash() -> None:
    """F7-03 one age band lower: a 1-year-old's red pustules on the scalp and forehead were
    'neonatal cephalic pustulosis' at 61 % with the newborn-rash advice."""
    case = {"age_days": 365, "color": "red", "surface": "pustule", "sites": ["scalp", "forehead"]}
    result = milia.assess(case)
    shares = {d["condition"]: d["probability"] for d in result["differential"]}
    assert result["differential"][0]["condition"] == "acne_papulopustular"
    assert shares["neonatal_cephalic_pustulosis"] < 0.5
    assert not {"newborn_rash_harmless", "newborn_rash_examined"} & {
        a["id"] for a in result["advice"]
    }
    assert "young_child_acne" in {f["id"] for f in result["red_flags"]}
    # in the first weeks the same picture is still the newborn's
    young = milia.assess({**case, "age_days": 21})
    assert young["differential"][0]["condition"] == "neonatal_cephalic_pustulosis"


# ---------------------------------------------------------------- F7-41, V7-e
@pytest.mark.parametrize(
    "case",
    [
        {
            "age_years": 45,
            "color": "brown",
            "diameter_mm": 7,
            "growing": True,
            "bleeding": True,
            "sites": ["back"],
            "count": 1,
            "itchy": True,
        },
        {"age_years": 45, "color": "brown", "diameter_mm": 7, "growing": True, "count": 1},
        {"age_years": 16, "color": "brown", "diameter_mm": 8, "growing": True, "sites": ["legs"]},
        {"color": "brown", "bleeding": True, "sites": ["back"]},
    ],
)
def test_a_growing_or_bleeding_brown_spot_names_melanoma(case: dict[str, Any]) -> None:
    """F7-41: only basal cell carcinoma was named (seborrhoeic keratosis 78 % on top); a
    teenager's growing brown spot was routine."""
    result = milia.assess(case)
    assert result["triage"]["level"] == "soon"
    flag = _flags(case)["changing_pigmented_spot"]
    assert "melanoma" in flag["message"]
    assert flag["sources"] == ["nsw_skin_cancer_detection"]


def test_the_pigmented_spot_flag_keeps_to_one_or_two_changing_brown_spots() -> None:
    base = {"age_years": 45, "color": "brown", "diameter_mm": 7, "growing": True}
    assert "changing_pigmented_spot" not in _flags({**base, "count": 30})
    assert "changing_pigmented_spot" not in _flags({**base, "growing": False})
    assert "changing_pigmented_spot" not in _flags({**base, "age_years": 8})


def test_the_eyelid_flag_is_never_looser_than_its_level() -> None:
    """V7-e: the flag said "within a day or two" under SOON ("within days to a couple of
    weeks"); its words now follow the level, with what makes it today."""
    message = _flags(SQUEEZED_EYELID)["eyelid_infection_signs"]["message"]
    assert "within days" in message
    assert "a day or two" not in message


def test_a_single_firm_yellow_eyelid_lump_in_an_older_adult_is_seen_soon() -> None:
    """F7-41 addendum: named only as xanthelasma (routine); eyelid sebaceous carcinoma
    shows as a painless lump on an older person's eyelid [Wills Eye]."""
    case = {
        "age_years": 70,
        "color": "yellow",
        "count": 1,
        "consistency": "firm",
        "sites": ["eyelids"],
    }
    result = milia.assess(case)
    assert result["triage"]["level"] == "soon"
    flag = _flags(case)["single_yellow_eyelid_lump_older_adult"]
    assert "sebaceous carcinoma" in flag["message"]
    ids = {a["id"] for a in result["advice"]}
    assert not ids & {"no_home_extraction", "adult_milia_persist", "topical_retinoid"}
    for change in ({"age_years": 45}, {"count": 6}, {"color": "white"}):
        assert "single_yellow_eyelid_lump_older_adult" not in _flags({**case, **change})
