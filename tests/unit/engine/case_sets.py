"""A set of cited cases with expected answers (tests/data/cases_*.jsonl), scored one way.

Each line is ``{"id", "source", "refs", "case", "expect"}``; ``expect`` holds
``top`` (null when only triage is judged), an optional ``top3`` (default
``[top]``), the acceptable milia ``type`` list and ``triage_min`` /
``triage_max``. Used by ``test_literature_cases.py`` and ``test_plain_cases.py``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import milia
from milia.engine.triage import level_rank
from milia.kb import CONDITION_IDS as CONDITIONS
from milia.kb import MILIA_TYPE_IDS as MILIA_TYPES

DATA = Path(__file__).resolve().parents[2] / "data"
#: The aggregate scores, in report order.
KEYS = ("top1", "top3", "type", "in_range")


class CaseSet:
    """The cases of one JSONL file, their assessments (made once) and scores."""

    def __init__(self, file_name: str) -> None:
        text = (DATA / file_name).read_text(encoding="utf-8")
        self.cases: list[dict[str, Any]] = [
            json.loads(ln) for ln in text.splitlines() if ln.strip()
        ]
        self.ids = [c["id"] for c in self.cases]
        self._by_id = {c["id"]: c for c in self.cases}

    def item(self, case_id: str) -> dict[str, Any]:
        return self._by_id[case_id]

    @functools.cache  # noqa: B019 - one CaseSet per module, alive for the session
    def result(self, case_id: str) -> dict[str, Any]:
        result: dict[str, Any] = milia.assess(self._by_id[case_id]["case"])
        return result

    def score(self, item: dict[str, Any]) -> dict[str, bool | None]:
        """Each score of one case; None when the case does not judge it."""
        result, expect = self.result(item["id"]), item["expect"]
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

    def check_well_formed(self, *, min_cases: int) -> None:
        """Unique ids, a source for every case, every reference in the bibliography."""
        knowledge = milia.load_knowledge()
        assert len(set(self.ids)) == len(self.ids) >= min_cases
        for item in self.cases:
            assert item["source"].strip(), item["id"]
            assert item["refs"], item["id"]
            unknown = [r for r in item["refs"] if r not in knowledge.sources]
            assert not unknown, f"{item['id']}: unknown bibliography ids {unknown}"
            expect = item["expect"]
            assert expect.get("top") is None or expect["top"] in CONDITIONS
            assert set(expect.get("top3", [])) <= set(CONDITIONS)
            assert set(expect.get("type", [])) <= set(MILIA_TYPES)
            assert level_rank(expect["triage_min"]) <= level_rank(expect["triage_max"])

    def check_triage_floor(self, case_id: str) -> None:
        """Strict, per case: triage never below ``triage_min`` (a safety floor)."""
        item = self.item(case_id)
        got = self.result(case_id)["triage"]["level"]
        assert not self.score(item)["under"], (
            f"{case_id}: triage {got!r} below the floor {item['expect']['triage_min']!r} "
            f"({item['source']})"
        )

    def check_accuracy(self, floors: dict[str, float]) -> None:
        """Aggregate accuracy at least ``floors[key]`` (0-1); the message lists every miss."""
        scores = [self.score(c) for c in self.cases]
        rates = {}
        for key in KEYS:
            judged = [s[key] for s in scores if s[key] is not None]
            rates[key] = (sum(bool(v) for v in judged), len(judged))
        misses = [
            f"{c['id']}: {[k for k in KEYS if s[k] is False]}"
            for c, s in zip(self.cases, scores, strict=True)
            if any(s[k] is False for k in KEYS)
        ]
        report = (
            ", ".join(f"{k} {n}/{d}" for k, (n, d) in rates.items())
            + "; misses: "
            + "; ".join(misses)
        )
        print(report)
        for key, floor in floors.items():
            hits, judged = rates[key]
            assert judged and hits / judged >= floor, f"{key} below {floor:.0%}: {report}"
