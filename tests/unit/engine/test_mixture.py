"""Milia's likelihood is a mixture over the milia types (``milia.engine.model``).

``P(f | milia, age) = sum_t P(t | milia, age) prod_f P(f | milia, t)^w`` with
each type's own parameters where it defines them and the general milia table
otherwise; the milia-type posterior is the mixture's responsibilities.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from milia.engine.assess import assess
from milia.engine.case import case_age_days, validate_case
from milia.engine.model import condition_model, softmax, type_model
from milia.kb.loader import read_yaml


def _milia_probability(result: dict[str, Any]) -> float:
    return next(d["probability"] for d in result["differential"] if d["condition"] == "milia")


def test_milia_score_is_the_mixture_computed_from_the_yaml() -> None:
    """One boolean finding at 50 years, recomputed by hand from the YAML tables."""
    model, types = condition_model(), type_model()
    findings = read_yaml("model/findings.yaml")
    general = read_yaml("model/likelihoods.yaml")["conditions"]["milia"]["p_present"]
    table = read_yaml("model/milia_types_model.yaml")
    w = float(findings["evidence_weight"])
    priors = np.array([table["priors"][t]["midlife"] for t in types.classes], dtype=float)
    priors /= priors.sum()
    # a type that does not define it takes the background rate when another type
    # defines it (findings.yaml), else the general milia value
    defined = any("on_red_plaque" in b.get("p_present", {}) for b in table["classes"].values())
    fallback = findings["p_present"]["on_red_plaque"] if defined else general["on_red_plaque"]
    p = np.array(
        [
            table["classes"][t].get("p_present", {}).get("on_red_plaque", fallback)
            for t in types.classes
        ]
    )
    expected = math.log(float(priors @ p**w))
    clean = validate_case({"age_years": 50, "on_red_plaque": True})
    encoded = model.encode(clean, case_age_days(clean))
    m = model.classes.index("milia")
    got = model.log_posterior(encoded)[m] - model.log_p[encoded.rows[0], m]
    assert got == pytest.approx(expected, abs=1e-9)
    responsibilities = priors * p**w / float(priors @ p**w)
    assert softmax(types.log_posterior(encoded)) == pytest.approx(responsibilities, abs=1e-9)


def test_reported_type_is_the_responsibility() -> None:
    case = {"age_years": 52, "sex": "female", "color": "white", "on_red_plaque": True}
    result = assess(case)
    clean = validate_case(case)
    encoded = condition_model().encode(clean, case_age_days(clean))
    resp = softmax(type_model().log_posterior(encoded))
    best = int(np.argmax(resp))
    assert result["milia_type"]["type"] == type_model().classes[best]
    assert result["milia_type"]["probability"] == pytest.approx(resp[best], abs=1e-4)


BASE = {"color": "white", "diameter_mm": 1, "count": 8}
DEFINING = [
    ("milia_en_plaque", {"age_years": 50, "sites": ["behind_ears"]}, {"on_red_plaque": True}),
    (
        "multiple_eruptive",
        {"age_years": 30, "sites": ["neck", "chest"], "count": 40},
        {"onset": "eruptive"},
    ),
    (
        "genodermatosis_associated",
        {"age_years": 6, "sites": ["cheeks"]},
        {"associated_findings": ["sparse_hair", "nail_dystrophy"]},
    ),
    ("secondary_trauma", {"age_years": 40, "sites": ["cheeks"]}, {"history": ["burn_at_site"]}),
    (
        "secondary_medication",
        {"age_years": 70, "sites": ["neck"]},
        {"medications": ["topical_corticosteroid"]},
    ),
    (
        "secondary_blistering_disease",
        {"age_years": 55, "sites": ["back_of_hands"]},
        {"conditions": ["porphyria_cutanea_tarda"]},
    ),
    ("neonatal", {"age_days": 1, "sites": ["nose"]}, {"present_at_birth": True}),
]


@pytest.mark.parametrize(("kind", "context", "finding"), DEFINING, ids=[d[0] for d in DEFINING])
def test_a_defining_feature_of_a_type_supports_milia_itself(
    kind: str, context: dict[str, Any], finding: dict[str, Any]
) -> None:
    before = assess({**BASE, **context})
    after = assess({**BASE, **context, **finding})
    assert _milia_probability(after) > _milia_probability(before)
    assert after["milia_type"] is not None and after["milia_type"]["type"] == kind


def test_milia_why_names_the_defining_feature_with_the_types_sources() -> None:
    result = assess({"age_years": 50, "color": "white", "on_red_plaque": True})
    milia = next(d for d in result["differential"] if d["condition"] == "milia")
    plaque = next(w for w in milia["why"] if w["finding"] == "on_red_plaque")
    assert plaque["factor"] > 1.2
    assert "mep1" in plaque["sources"]  # milia en plaque's own parameter
