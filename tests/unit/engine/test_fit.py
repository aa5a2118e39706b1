"""Poor fit: findings the top condition almost never shows triage up (milia.engine.fit)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from engine_strategies import valid_cases
from hypothesis import HealthCheck, given, settings

from milia.engine.assess import assess
from milia.engine.case import case_age_days, validate_case
from milia.engine.fit import against_table
from milia.engine.model import condition_model
from milia.engine.rules import RuleContext, compile_rule, compile_rules
from milia.engine.triage import level_rank, triage_policy
from milia.errors import KnowledgeBaseError
from milia.kb.loader import read_yaml

DATA = Path(__file__).resolve().parents[2] / "data"


def _rule() -> dict[str, Any]:
    flags = read_yaml("model/red_flags.yaml")["flags"]
    when: dict[str, Any] = next(f["when"] for f in flags if f["id"] == "atypical_picture")
    return when


def _threshold() -> float:
    return float(_rule()["atypical"]["against_probability"])


def _column(condition: str) -> int:
    return condition_model().classes.index(condition)


def test_unlisted_site_is_against_and_a_rare_listed_site_is_not() -> None:
    table = against_table(_threshold())
    sole = {"age_days": 3, "color": "white", "sites": ["palms_soles"]}
    case = validate_case(sole)
    assert table.against(case, case_age_days(case), _column("oral_inclusion_cysts")) == [
        ("sites", "palms_soles")
    ]
    # milia on the areola are rare but reported [berk2008]: listed, so not against
    areola = validate_case({"age_years": 30, "color": "white", "sites": ["areola"]})
    assert table.count(areola, case_age_days(areola), _column("milia")) == 0


def test_milia_counts_its_most_favourable_type() -> None:
    """Itch is rare in benign primary milia but common in multiple eruptive milia."""
    table = against_table(_threshold())
    case = validate_case({"age_years": 30, "itchy": True, "color": "white"})
    assert table.count(case, case_age_days(case), _column("milia")) == 0
    vesicle = validate_case({"age_years": 30, "surface": "vesicle", "color": "white"})
    assert table.against(vesicle, case_age_days(vesicle), _column("milia")) == [
        ("surface", "vesicle")
    ]


def test_context_fields_never_count() -> None:
    table = against_table(_threshold())
    case = validate_case(
        {
            "age_years": 40,
            "sex": "other",
            "color": "white",
            "medications": ["benoxaprofen"],
            "history": ["radiotherapy_at_site"],
            "conditions": ["gardner_syndrome"],
        }
    )
    for column in range(len(condition_model().classes)):
        assert {f for f, _ in table.against(case, 14610.0, column)} <= {"color"}


def _reference_count(case: dict[str, Any], top: int) -> int:
    """Count through the model's own encoding (the rows the differential uses)."""
    model, table = condition_model(), against_table(_threshold())
    encoded = model.encode(case, case_age_days(case))
    return sum(1 for r in encoded.rows if top in table.against_rows[r])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_cases())
def test_fast_count_matches_the_encoding(case: dict[str, Any]) -> None:
    clean = validate_case(case)
    table = against_table(_threshold())
    for top in range(len(condition_model().classes)):
        assert table.count(clean, case_age_days(clean), top) == _reference_count(clean, top)


def test_rule_forms_agree_on_the_case_sets() -> None:
    """The predicate (RuleContext) and the generated function give the same answer."""
    model = condition_model()
    spec = _rule()
    predicate = compile_rule(spec)
    fired = compile_rules([spec], model.classes)
    lines = (DATA / "cases_literature.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines[:40]:
        case = validate_case(json.loads(line)["case"])
        age = case_age_days(case)
        for top in (0, _column("milia"), _column("basal_cell_carcinoma")):
            rank = list(range(len(model.classes)))
            rank[0], rank[top] = rank[top], rank[0]
            ctx = RuleContext(case, age, dict(zip(model.classes, rank, strict=True)), {}, None)
            assert predicate(ctx) == (fired(case, age, rank, [0.0] * len(rank), None) == [0])


@pytest.mark.parametrize(
    "bad",
    [
        {"atypical": {"against_probability": 0.02}},
        {"atypical": {"against_probability": 1.5, "min_findings": 1}},
        {"atypical": {"against_probability": 0.02, "min_findings": 0}},
        {"atypical": 3},
    ],
)
def test_malformed_atypical_rule_is_a_knowledge_error(bad: dict[str, Any]) -> None:
    with pytest.raises(KnowledgeBaseError):
        compile_rule(bad)


def test_flag_is_variant_sensitive() -> None:
    """Removing a red-flag finding can change the top condition, so the rule is re-checked."""
    policy = triage_policy(condition_model().classes)
    assert any(f.id == "atypical_picture" for f in policy.sensitive_flags)


@pytest.mark.parametrize(
    "case",
    [
        # a newborn's single 4 mm bump on the sole: no condition of the 23 fits
        {"age_days": 3, "color": "white", "diameter_mm": 4, "count": 1, "sites": ["palms_soles"]},
        # a child's fluid-filled lip bump: not an epidermoid cyst's site
        {
            "age_years": 8,
            "color": "white",
            "diameter_mm": 6,
            "count": 1,
            "content": "clear_fluid",
            "sites": ["lips_vermilion"],
        },
    ],
)
def test_atypical_picture_triages_up_and_says_so(case: dict[str, Any]) -> None:
    result = assess(case)
    assert "atypical_picture" in [f["id"] for f in result["red_flags"]]
    assert level_rank(result["triage"]["level"]) >= level_rank("routine")
    assert any("unusual" in r["text"] for r in result["triage"]["reasons"])


@pytest.mark.parametrize(
    "case",
    [
        {"age_days": 5, "color": "white", "diameter_mm": 1, "count": 25, "sites": ["nose"]},
        {"age_years": 34, "color": "white", "diameter_mm": 1.5, "sites": ["eyelids", "cheeks"]},
        {"age_years": 16, "color": "red", "content": "pus", "sites": ["cheeks", "chin"]},
    ],
)
def test_typical_pictures_are_not_atypical(case: dict[str, Any]) -> None:
    assert "atypical_picture" not in [f["id"] for f in assess(case)["red_flags"]]


def test_mouth_advice_only_for_bumps_in_the_mouth() -> None:
    """Epstein pearls and Bohn nodules are in the mouth [eps]: no such advice for the sole."""
    sole = assess({"age_days": 3, "color": "white", "count": 1, "sites": ["palms_soles"]})
    assert "oral_cysts_no_treatment" not in [a["id"] for a in sole["advice"]]
    gums = assess({"age_days": 3, "color": "white", "count": 2, "sites": ["gums"]})
    assert gums["differential"][0]["condition"] == "oral_inclusion_cysts"
    assert "oral_cysts_no_treatment" in [a["id"] for a in gums["advice"]]
