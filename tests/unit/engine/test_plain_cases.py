"""Plain-language cases written from the literature (tests/data/cases_plain.jsonl).

Each line is ``{"id", "source", "refs", "case", "expect"}`` as in
``test_literature_cases.py``. The cases give what a parent or a patient would
say with few words ("white spots on my newborn's nose"), typical presentations
of the conditions and milia types at different ages, contradictory words
("white" spots full of pus) and pictures that fit nothing well. They were
written from the cited sources before being run. At the first run the first
60 scored top-1 54/55, milia type 24/26, triage in range 60/60 (no under-triage);
the next 20 (P61-P80, sparse and safety-focused) 14/14, 8/8, 20/20; P81-P87
each came with the red flag it prompted; P88-P104 (second presentations at other
ages) 17/17, 6/6, 17/17.
Strict, per case: triage never below ``triage_min``; aggregate floors as for
the literature set.
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

CASES_PATH = Path(__file__).resolve().parents[2] / "data" / "cases_plain.jsonl"
CASES: list[dict[str, Any]] = [
    json.loads(line) for line in CASES_PATH.read_text(encoding="utf-8").splitlines() if line.strip()
]
IDS = [c["id"] for c in CASES]
TOP1_MIN, TOP3_MIN, TYPE_MIN, TRIAGE_RANGE_MIN = 0.9, 0.95, 0.9, 0.95


@functools.cache
def _result(case_id: str) -> dict[str, Any]:
    item = next(c for c in CASES if c["id"] == case_id)
    result: dict[str, Any] = milia.assess(item["case"])
    return result


def test_set_is_well_formed() -> None:
    knowledge = milia.load_knowledge()
    assert len(set(IDS)) == len(IDS) >= 100
    for item in CASES:
        assert item["source"].strip() and item["refs"], item["id"]
        assert not [r for r in item["refs"] if r not in knowledge.sources], item["id"]
        expect = item["expect"]
        assert expect.get("top") is None or expect["top"] in CONDITIONS
        assert set(expect.get("top3", [])) <= set(CONDITIONS)
        assert set(expect.get("type", [])) <= set(MILIA_TYPES)
        assert level_rank(expect["triage_min"]) <= level_rank(expect["triage_max"])


@pytest.mark.parametrize("case_id", IDS)
def test_triage_never_below_floor(case_id: str) -> None:
    item = next(c for c in CASES if c["id"] == case_id)
    got = _result(case_id)["triage"]["level"]
    assert level_rank(got) >= level_rank(item["expect"]["triage_min"]), (
        f"{case_id}: triage {got!r} below {item['expect']['triage_min']!r} ({item['source']})"
    )


def test_accuracy_floors() -> None:
    """Aggregate accuracy; the message lists every miss."""
    hits: dict[str, list[bool]] = {"top1": [], "top3": [], "type": [], "in_range": []}
    misses = []
    for item in CASES:
        result, expect = _result(item["id"]), item["expect"]
        ranked = [d["condition"] for d in result["differential"]]
        level = level_rank(result["triage"]["level"])
        scores: dict[str, bool] = {
            "in_range": level_rank(expect["triage_min"])
            <= level
            <= level_rank(expect["triage_max"])
        }
        if expect.get("top"):
            scores["top1"] = ranked[0] == expect["top"]
            scores["top3"] = bool(set(expect.get("top3", [expect["top"]])) & set(ranked[:3]))
        if "type" in expect:
            kind = result["milia_type"]
            scores["type"] = kind is not None and kind["type"] in expect["type"]
        for key, ok in scores.items():
            hits[key].append(ok)
        if not all(scores.values()):
            misses.append(f"{item['id']}: {[k for k, ok in scores.items() if not ok]}")
    report = (
        ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in hits.items())
        + "; misses: "
        + ("; ".join(misses))
    )
    print(report)
    for key, floor in (
        ("top1", TOP1_MIN),
        ("top3", TOP3_MIN),
        ("type", TYPE_MIN),
        ("in_range", TRIAGE_RANGE_MIN),
    ):
        assert hits[key] and sum(hits[key]) / len(hits[key]) >= floor, report
