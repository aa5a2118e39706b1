"""Held-out evaluation through the public API (``milia.assess``, ``milia.check_ingredients``).

The sets in ``tests/data/heldout/`` were written without looking at the
model (see its README); the scoring lives in ``bench/heldout.py`` so that
this test and the benchmark judge alike. Run the benchmark for the numbers
and the full list of misses.

Strict, per case: triage never below the case's floor, a red flag
reported whenever the floor is ``soon`` or ``urgent``, and the project's
safety rules on wording, sources and babies. Per product: every
expected flag, no false risk flag, claims, typos and parse issues.
Aggregate: top-1 >= 85 %, top-3 >= 95 %, milia type >= 85 %, triage within
range >= 90 %, product milia_risk within its labelled range >= 85 %, so that
one debatable item does not block CI.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import milia

REPO = Path(__file__).resolve().parents[2]
TOP1_MIN, TOP3_MIN, TYPE_MIN, TRIAGE_RANGE_MIN, RISK_MIN = 0.85, 0.95, 0.85, 0.90, 0.85


def _load_scoring() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_heldout", REPO / "bench" / "heldout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


H = _load_scoring()
CASES = H.load_cases()
PRODUCTS = H.load_products()
CASE_IDS = [c["id"] for c in CASES]
PRODUCT_IDS = [p["id"] for p in PRODUCTS]


def test_sets_are_as_documented() -> None:
    """The sets cover what the README promises (a guard against silent edits)."""
    assert len(set(CASE_IDS)) == len(CASE_IDS) >= 70
    assert len(set(PRODUCT_IDS)) == len(PRODUCT_IDS) <= 60
    tops = [c["expect"]["top"] for c in CASES if c["expect"]["top"]]
    assert len(set(tops)) == 23 and min(tops.count(t) for t in set(tops)) >= 2
    types = [t for c in CASES for t in c["expect"].get("type", [])]
    assert len(set(types)) == 8 and min(types.count(t) for t in set(types)) >= 2
    assert all(c["rationale"] and "[" in c["rationale"] for c in CASES)


@functools.cache
def _assessment(case_id: str) -> dict[str, Any]:
    case = next(c for c in CASES if c["id"] == case_id)
    result: dict[str, Any] = milia.assess(case["case"])
    return result


@functools.cache
def _case_scores() -> tuple[dict[str, Any], ...]:
    return tuple(H.score_case(c, _assessment(c["id"])) for c in CASES)


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_triage_never_below_floor(case_id: str) -> None:
    item = next(c for c in CASES if c["id"] == case_id)
    score = H.score_case(item, _assessment(case_id))
    assert not score["under_triage"], (
        f"{case_id}: triage {score['got_triage']!r} is below the floor "
        f"{item['expect']['triage_min']!r} ({item['rationale']})"
    )
    assert not score["red_flag_missing"], (
        f"{case_id}: floor {item['expect']['triage_min']!r} but no red flag reported "
        f"({item['rationale']})"
    )


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_output_safety(case_id: str) -> None:
    """No diagnostic wording, sources on every flag and advice, no treatment for babies' milia."""
    item = next(c for c in CASES if c["id"] == case_id)
    problems = H.safety_problems(item, _assessment(case_id))
    assert not problems, f"{case_id}: " + "; ".join(problems)


def _misses(key: str, detail: str) -> str:
    return "; ".join(
        f"{s['id']}: expected {s[f'expected_{detail}']}, got "
        f"{s['got_top3'] if detail == 'top' else s[f'got_{detail}']}"
        for s in _case_scores()
        if s[key] is False
    )


@pytest.mark.parametrize(
    ("key", "detail", "minimum"),
    [("top1", "top", TOP1_MIN), ("top3", "top", TOP3_MIN), ("type_ok", "type", TYPE_MIN)],
)
def test_accuracy_aggregate(key: str, detail: str, minimum: float) -> None:
    judged = [s[key] for s in _case_scores() if s[key] is not None]
    accuracy = sum(judged) / len(judged)
    assert accuracy >= minimum, (
        f"{key} accuracy {accuracy:.1%} < {minimum:.0%} on {len(judged)} held-out cases; "
        f"misses: {_misses(key, detail)}"
    )


def test_triage_within_range_aggregate() -> None:
    scores = _case_scores()
    outside = [s for s in scores if s["under_triage"] or s["over_triage"]]
    share = 1 - len(outside) / len(scores)
    assert share >= TRIAGE_RANGE_MIN, (
        f"triage within range {share:.1%} < {TRIAGE_RANGE_MIN:.0%}; outside: "
        + "; ".join(
            f"{s['id']}: expected {s['expected_triage']}, got {s['got_triage']}" for s in outside
        )
    )


@pytest.fixture(scope="module")
def product_texts(shared_dir: Path) -> dict[str, str]:
    texts: dict[str, str] = H.product_texts(PRODUCTS, shared_dir)
    return texts


@pytest.mark.parametrize("product_id", PRODUCT_IDS)
def test_ingredient_list(product_id: str, product_texts: dict[str, str]) -> None:
    item = next(p for p in PRODUCTS if p["id"] == product_id)
    result = milia.check_ingredients(
        product_texts[product_id], name=item["name"], product_type=item["product_type"]
    )
    score = H.score_product(item, result)
    where = f"{product_id} ({item['source']} row {item['row']}, {item['name']!r})"
    assert not score["false_risk"], f"{where}: flagged as a milia risk: {score['false_risk']}"
    assert not score["missed_flags"], f"{where}: expected flags missing: {score['missed_flags']}"
    wrong_claims = [c for c in score["claims"] if c[1] is not c[2]]
    assert not wrong_claims, f"{where}: claims (claim, expected, got): {wrong_claims}"
    assert not score["unrecognised"], f"{where}: typos not resolved: {score['unrecognised']}"
    assert not score["issue_missing"], f"{where}: prose/kit/placeholder text but no parse issue"


def test_milia_risk_aggregate(product_texts: dict[str, str]) -> None:
    """The summary's milia_risk falls in the labelled range for most lists."""
    scores = [
        H.score_product(
            p,
            milia.check_ingredients(
                product_texts[p["id"]], name=p["name"], product_type=p["product_type"]
            ),
        )
        for p in PRODUCTS
    ]
    judged = [s for s in scores if s["risk_ok"] is not None]
    wrong = [s for s in judged if not s["risk_ok"]]
    share = 1 - len(wrong) / len(judged)
    assert share >= RISK_MIN, f"milia_risk in range {share:.1%} < {RISK_MIN:.0%}; " + "; ".join(
        f"{s['id']}: expected {s['expected_risk']}, got {s['got_risk']}" for s in wrong
    )
