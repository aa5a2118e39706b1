"""Triage reasons carry their evidence level in every path (QA F6-19)."""

from __future__ import annotations

import json

import pytest

from milia.engine.assess import assess
from milia.engine.batch import assess_batch
from milia.engine.evidence import reason_evidence
from milia.engine.jsontext import assess_json, assess_lines
from milia.engine.model import condition_model
from milia.engine.sample import random_cases
from milia.engine.triage import triage_policy
from milia.errors import KnowledgeBaseError
from milia.kb.loader import read_yaml
from milia.kb.schema import EVIDENCE_RANK

CASES = random_cases(300, seed=19)


def test_every_reason_has_the_strongest_level_of_its_sources() -> None:
    levels = {e["id"]: e["evidence"] for e in read_yaml("bibliography.yaml")["sources"]}
    seen = set()
    for case in CASES:
        for reason in assess(case)["triage"]["reasons"]:
            assert list(reason) == ["text", "sources", "evidence"]
            best = max(EVIDENCE_RANK[levels[s]] for s in reason["sources"])
            assert EVIDENCE_RANK[reason["evidence"]] == best
            seen.add(reason["evidence"])
    assert len(seen) >= 3  # the cases reach reasons of several levels


def test_a_flag_reason_shows_the_flag_evidence() -> None:
    """A flag's reason has its flag's sources: it shows the level the flag shows (a flag
    stating a weaker level than its sources support would break this)."""
    for flag in triage_policy(condition_model().classes).flags:
        assert reason_evidence(flag.sources) == flag.evidence, flag.id
    checked = 0
    for case in CASES:
        result = assess(case)
        by_text = {r["text"]: r["evidence"] for r in result["triage"]["reasons"]}
        for flag in result["red_flags"]:
            if flag["message"] in by_text:
                assert by_text[flag["message"]] == flag["evidence"]
                checked += 1
    assert checked > 20


def test_every_path_writes_the_same_reasons() -> None:
    cases = CASES[:120]
    one = [assess(case) for case in cases]
    assert assess_batch(cases) == one
    lines = assess_lines(list(enumerate(map(json.dumps, cases), start=1)))
    for (text, failed), expected in zip(lines, one, strict=True):
        assert not failed
        got = json.loads(text)
        assert got["triage"] == expected["triage"]
    for case, expected in zip(cases[:20], one[:20], strict=True):
        assert json.loads(assess_json(case))["triage"] == expected["triage"]


def test_an_unknown_source_is_a_knowledge_base_error() -> None:
    with pytest.raises(KnowledgeBaseError, match="not_a_source"):
        reason_evidence(["not_a_source"])
