"""Cases written from published case reports and reviews (tests/data/cases_literature.jsonl).

Each line is ``{"id", "source", "refs", "case", "expect"}``: ``source`` says which
report or review the case comes from, ``refs`` are its bibliography ids, and
the case gives only what a parent, a patient or a referral letter would
(many fields absent, meaning "not known"). ``expect`` holds the condition a
clinician would put first (``top``, null when only triage is judged), an
optional ``top3`` list of which one must be among the first three (default:
``top``), the acceptable milia types and the triage range.

The set was written from the sources before its cases were run, so it is not
fitted to the model; the knowledge changes it prompted are each sourced in the
model files. Strict, per case: triage never below ``triage_min`` (a safety
floor). Aggregate, because some reports are atypical on purpose (multiple
eruptive milia with brown, punctate papules; calcinosis without Down
syndrome): top-1 >= 85 %, top-3 >= 95 %, milia type >= 85 %, triage within
range >= 90 %, the floors ``tests/unit/test_heldout.py`` sets for the
independent held-out set. At the first run the set scored top-1 85/89,
top-3 88/89, type 37/42, triage 88/90.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest

import milia
from milia.engine.triage import level_rank
from milia.kb import CONDITION_IDS as CONDITIONS
from milia.kb import MILIA_TYPE_IDS as MILIA_TYPES

CASES_PATH = Path(__file__).resolve().parents[2] / "data" / "cases_literature.jsonl"
CASES: list[dict[str, Any]] = [
    json.loads(line) for line in CASES_PATH.read_text(encoding="utf-8").splitlines() if line.strip()
]
IDS = [c["id"] for c in CASES]
TOP1_MIN, TOP3_MIN, TYPE_MIN, TRIAGE_RANGE_MIN = 0.85, 0.95, 0.85, 0.90


@functools.cache
def _result(case_id: str) -> dict[str, Any]:
    item = next(c for c in CASES if c["id"] == case_id)
    result: dict[str, Any] = milia.assess(item["case"])
    return result


def _score(item: dict[str, Any]) -> dict[str, bool | None]:
    result = _result(item["id"])
    expect = item["expect"]
    ranked = [d["condition"] for d in result["differential"]]
    top = expect.get("top")
    kind = result["milia_type"]
    level = level_rank(result["triage"]["level"])
    low, high = level_rank(expect["triage_min"]), level_rank(expect["triage_max"])
    return {
        "top1": None if top is None else ranked[0] == top,
        "top3": None if top is None else bool(set(expect.get("top3", [top])) & set(ranked[:3])),
        "type": None
        if "type" not in expect
        else kind is not None and kind["type"] in expect["type"],
        "in_range": low <= level <= high,
        "under": level < low,
    }


def _rate(scores: list[dict[str, bool | None]], key: str) -> tuple[int, int]:
    judged = [s[key] for s in scores if s[key] is not None]
    return sum(bool(v) for v in judged), len(judged)


def test_set_is_well_formed() -> None:
    """Unique ids, a source for every case, every reference in the bibliography."""
    knowledge = milia.load_knowledge()
    assert len(set(IDS)) == len(IDS) >= 80
    for item in CASES:
        assert item["source"].strip(), item["id"]
        assert item["refs"], item["id"]
        unknown = [r for r in item["refs"] if r not in knowledge.sources]
        assert not unknown, f"{item['id']}: unknown bibliography ids {unknown}"
        expect = item["expect"]
        assert expect.get("top") is None or expect["top"] in CONDITIONS
        assert set(expect.get("type", [])) <= set(MILIA_TYPES)
        assert level_rank(expect["triage_min"]) <= level_rank(expect["triage_max"])


def test_set_covers_every_condition_and_type() -> None:
    tops = [c["expect"]["top"] for c in CASES if c["expect"].get("top")]
    assert set(tops) == set(CONDITIONS)
    assert min(tops.count(t) for t in set(tops)) >= 2
    types = [t for c in CASES for t in c["expect"].get("type", [])]
    assert set(types) == set(MILIA_TYPES)
    assert min(types.count(t) for t in set(types)) >= 3


@pytest.mark.parametrize("case_id", IDS)
def test_triage_never_below_floor(case_id: str) -> None:
    item = next(c for c in CASES if c["id"] == case_id)
    score = _score(item)
    got = _result(case_id)["triage"]["level"]
    assert not score["under"], (
        f"{case_id}: triage {got!r} below the floor {item['expect']['triage_min']!r} "
        f"({item['source']})"
    )


def test_accuracy_floors() -> None:
    """Aggregate accuracy; the message lists every miss."""
    scores = [_score(c) for c in CASES]
    rates = {key: _rate(scores, key) for key in ("top1", "top3", "type", "in_range")}
    misses = [
        f"{c['id']}: {[k for k in ('top1', 'type', 'in_range') if s[k] is False]}"
        for c, s in zip(CASES, scores, strict=True)
        if any(s[k] is False for k in ("top1", "type", "in_range"))
    ]
    report = (
        ", ".join(f"{k} {n}/{d}" for k, (n, d) in rates.items()) + "; misses: " + "; ".join(misses)
    )
    print(report)
    for key, floor in (
        ("top1", TOP1_MIN),
        ("top3", TOP3_MIN),
        ("type", TYPE_MIN),
        ("in_range", TRIAGE_RANGE_MIN),
    ):
        hits, judged = rates[key]
        assert judged and hits / judged >= floor, f"{key} below {floor:.0%}: {report}"
