"""Regressions found by the contract and new-user QA (/work/qa/REPORT.md), each in the knowledge.

The engine turns ``age_years`` into days as ``age_years * 365.25``
(:func:`milia.engine.case.case_age_days`), so an age boundary of N whole
years in the knowledge base must be ``N * 365.25`` days: 18 years is 6574.5
days, and ``age_days_lt: 6575`` would keep an 18-year-old a child.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import milia
from milia.engine.case import case_age_days
from milia.engine.model import condition_model
from milia.engine.triage import level_rank
from milia.kb.loader import data_files, read_yaml

DAYS_PER_YEAR = 365.25
AGE_KEYS = ("age_days_lt", "age_days_ge", "below_days")


def _age_limits(node: Any, where: str) -> Iterator[tuple[str, float]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in AGE_KEYS:
                yield where, float(value)
            else:
                yield from _age_limits(value, where)
    elif isinstance(node, list):
        for item in node:
            yield from _age_limits(item, where)


def _all_age_limits() -> list[tuple[str, float]]:
    return [
        found
        for rel in data_files()
        if rel.endswith((".yaml", ".yml"))
        for found in _age_limits(read_yaml(rel), rel)
    ]


def _flags(case: dict[str, Any]) -> set[str]:
    return {f["id"] for f in milia.assess(case)["red_flags"]}


def _level(case: dict[str, Any]) -> int:
    return level_rank(milia.assess(case)["triage"]["level"])


def test_knowledge_has_age_limits() -> None:
    limits = {value for _, value in _all_age_limits()}
    assert {28.0, 91.0, 6574.5} <= limits


@pytest.mark.parametrize(("where", "days"), _all_age_limits())
def test_year_boundaries_are_whole_years_of_365_25_days(where: str, days: float) -> None:
    """A limit within a day of N years is exactly N years as the engine counts them."""
    years = round(days / DAYS_PER_YEAR)
    if years >= 1 and abs(days - years * DAYS_PER_YEAR) <= 1.0:
        assert days == years * DAYS_PER_YEAR, (
            f"{where}: {days:g} days is not {years} years ({years * DAYS_PER_YEAR:g} days)"
        )


@pytest.mark.parametrize(
    ("years", "adult"), [(17.99, False), (18, True), (18.01, True), (40, True)]
)
def test_an_18_year_old_is_an_adult(years: float, adult: bool) -> None:
    """A single growing bump: soon in an adult (BCC must be excluded) from 18.0 years."""
    case = {"age_years": years, "color": "skin_colored", "growing": True, "count": 1}
    case["sites"] = ["nose"]
    assert ("adult_pearly_or_growing" in _flags(case)) is adult
    if adult:
        assert _level(case) >= level_rank("soon")


@pytest.mark.parametrize(("years", "child"), [(17.99, True), (18, False)])
def test_child_rules_stop_at_18(years: float, child: bool) -> None:
    case = {"age_years": years, "color": "white", "count": 60, "sites": ["cheeks", "nose"]}
    assert ("child_widespread_or_persisting_milia" in _flags(case)) is child


@pytest.mark.parametrize(
    ("age", "baby"),
    [({"age_years": 1.99}, True), ({"age_days": 730}, True), ({"age_years": 2}, False)],
)
def test_a_2_year_old_is_no_longer_a_baby(age: dict[str, Any], baby: bool) -> None:
    case = {**age, "unwell": True, "color": "white", "sites": ["nose"]}
    flags = _flags(case)
    assert ("baby_unwell" in flags) is baby
    assert ("unwell_with_rash" in flags) is not baby


@pytest.mark.parametrize(("age", "baby"), [({"age_years": 0.99}, True), ({"age_years": 1}, False)])
def test_a_1_year_old_is_no_longer_under_a_year(age: dict[str, Any], baby: bool) -> None:
    case = {**age, "history": ["wants_self_extraction"], "color": "white", "sites": ["nose"]}
    flags = _flags(case)
    assert ("wants_self_extraction_baby" in flags) is baby
    assert ("wants_self_extraction" in flags) is not baby


@pytest.mark.parametrize(
    ("age", "band"),
    [
        ({"age_days": 27}, "neonate"),
        ({"age_days": 28}, "young_infant"),
        ({"age_days": 90}, "young_infant"),
        ({"age_days": 91}, "infant"),
        ({"age_years": 0.25}, "infant"),
        ({"age_years": 1.99}, "infant"),
        ({"age_days": 730}, "infant"),
        ({"age_years": 2}, "child"),
        ({"age_years": 11.99}, "child"),
        ({"age_years": 12}, "adolescent"),
        ({"age_years": 19.99}, "adolescent"),
        ({"age_years": 20}, "adult"),
        ({"age_years": 39.99}, "adult"),
        ({"age_years": 40}, "midlife"),
        ({"age_years": 60}, "older_adult"),
    ],
)
def test_age_bands_at_their_boundaries(age: dict[str, Any], band: str) -> None:
    assert condition_model().age_band(case_age_days(age)) == band


@pytest.mark.parametrize(("years", "child"), [(7.99, True), (8, False)])
def test_milia_en_plaque_advice_for_young_children_stops_at_8(years: float, child: bool) -> None:
    case = {
        "age_years": years,
        "color": "white",
        "on_red_plaque": True,
        "arrangement": "grouped",
        "count": 20,
        "sites": ["behind_ears"],
    }
    result = milia.assess(case)
    assert result["milia_type"] is not None
    assert result["milia_type"]["type"] == "milia_en_plaque"
    advice = {a["id"] for a in result["advice"]}
    assert ("milia_en_plaque_child" in advice) is child
    assert ("milia_en_plaque_options" in advice) is not child


def _milia_type(case: dict[str, Any]) -> str | None:
    kind = milia.assess(case)["milia_type"]
    return None if kind is None else str(kind["type"])


@pytest.mark.parametrize("age", [20, 45, 62, 80])
@pytest.mark.parametrize("site", ["eyelids", "under_eyes", "ears", "behind_ears", "nose"])
@pytest.mark.parametrize("color", ["white", "yellow", "skin_colored"])
def test_red_plaque_alone_types_milia_en_plaque(age: int, site: str, color: str) -> None:
    """The red, swollen plaque defines milia en plaque [berk2008, c360, da], "grouped" or not."""
    case = {"age_years": age, "on_red_plaque": True, "color": color, "sites": [site]}
    assert _milia_type(case) in ("milia_en_plaque", None)  # None: milia not in the top three


def test_qa_milia_en_plaque_case() -> None:
    case = {"age_years": 62, "on_red_plaque": True, "color": "white", "sites": ["under_eyes"]}
    result = milia.assess(case)
    assert result["milia_type"]["type"] == "milia_en_plaque"
    assert "grouped_on_red_plaque" in {f["id"] for f in result["red_flags"]}
    del case["on_red_plaque"]
    assert _milia_type(case) == "primary_benign"


ACRAL_SITES = ["back_of_hands", "arms", "legs", "knees", "feet", "palms_soles"]
SITE_PAIRS = [[a] for a in ACRAL_SITES] + [
    [a, b] for i, a in enumerate(ACRAL_SITES) for b in ACRAL_SITES[i + 1 :]
]


def test_qa_down_syndrome_hands_and_feet() -> None:
    """Sites alone do not make a child's milia 'after a blistering disease'."""
    case = {
        "age_years": 8,
        "conditions": ["down_syndrome"],
        "color": "white",
        "consistency": "firm",
        "sites": ["back_of_hands", "feet"],
        "count": 10,
    }
    result = milia.assess(case)
    assert result["differential"][0]["condition"] == "milia_like_calcinosis_cutis"
    assert result["milia_type"]["type"] != "secondary_blistering_disease"
    # milia is ~1 %: no advice asserting these are secondary milia
    assert "secondary_treat_cause" not in {a["id"] for a in result["advice"]}


@pytest.mark.parametrize("years", [0.5, 3, 8, 15])
def test_sites_alone_never_type_a_childs_milia_as_blistering_disease(years: float) -> None:
    """Porphyria cutanea tarda and pemphigoid are adult diseases [cmaj_pct, berk2008]."""
    for sites in SITE_PAIRS:
        case = {"age_years": years, "color": "white", "sites": sites}
        assert _milia_type(case) != "secondary_blistering_disease", sites


@pytest.mark.parametrize("years", [0.5, 3, 8, 15, 30, 50])
def test_sites_alone_do_not_raise_triage_to_soon(years: float) -> None:
    """Without blistering, fragility or light sensitivity the sites are no red flag
    (from 60, porphyria cutanea tarda and pemphigoid make the hands and feet weigh more)."""
    for sites in SITE_PAIRS:
        case = {"age_years": years, "color": "white", "sites": sites}
        assert _level(case) < level_rank("soon"), sites


@pytest.mark.parametrize(
    "age",
    [{"age_days": 0}, {"age_days": 20}, {"age_days": 90}, {"age_days": 91}, {"age_years": 40}, {}],
)
def test_eruptive_onset_is_at_least_routine_at_every_age(age: dict[str, Any]) -> None:
    """Issue 2: "eruptive onset: at least routine" (no exception for newborns)."""
    case = {**age, "onset": "eruptive", "color": "white", "count": 40, "sites": ["nose"]}
    result = milia.assess(case)
    assert level_rank(result["triage"]["level"]) >= level_rank("routine")
    flags = {f["id"]: f for f in result["red_flags"]}
    days = case_age_days(case)
    newborn = days is not None and days < 91
    flag = flags["eruptive_onset_newborn" if newborn else "eruptive_onset"]
    assert flag["sources"]
    # a newborn's crop of bumps is a routine check, not a hunt for medicines or syndromes
    assert ("medicines" in flag["message"]) is not newborn


@pytest.mark.parametrize("site", ["cheeks", "nose", "eyelids"])
def test_a_wish_to_self_extract_needs_a_clinician(site: str) -> None:
    """Clinical brief s6 [mdw, typ]: a wish to self-extract needs a clinician, at any site."""
    case = {"age_years": 25, "color": "white", "sites": [site]}
    case["history"] = ["wants_self_extraction"]
    result = milia.assess(case)
    assert level_rank(result["triage"]["level"]) >= level_rank("routine")
    texts = " ".join(f["message"] for f in result["red_flags"]).lower()
    assert "do not" in texts or "should only be removed by a clinician" in texts


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("Isopropyl Lanolate", "occlusive"),  # lanolin and its derivatives
        ("Malic Acid", "alpha_hydroxy_acid"),
        ("Tartaric Acid", "alpha_hydroxy_acid"),
        ("Glycolic Acid", "alpha_hydroxy_acid"),
    ],
)
def test_ingredient_flags_that_must_fire(name: str, category: str) -> None:
    flags = milia.check_ingredients(f"Water, {name}, Glycerin")["flags"]
    assert category in {f["category"] for f in flags}


@pytest.mark.parametrize(("years", "asked"), [(1.99, True), (2.0, False), (2.01, False)])
def test_unwell_safety_question_is_for_babies_under_two_years(years: float, asked: bool) -> None:
    result = milia.assess({"age_years": years, "color": "white", "sites": ["nose"]})
    fields = [q["field"] for q in result["next_questions"]]
    assert (fields[:1] == ["unwell"]) is asked
