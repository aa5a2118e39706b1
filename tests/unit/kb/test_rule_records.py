"""The warning signs and advice items as browsable records (QA F11-19)."""

from __future__ import annotations

import json

import pytest

from cli_runner import run_cli
from milia.engine.advice import advice_items
from milia.engine.triage import triage_policy
from milia.kb.loader import read_yaml
from milia.kb.rule_records import describe_rule, rule_records


def test_the_records_are_exactly_what_the_engine_compiles() -> None:
    classes = tuple(read_yaml("model/labels.yaml")["conditions"])
    policy = triage_policy(classes)
    flags = rule_records("red_flags")
    assert list(flags) == [f.id for f in policy.flags]
    for flag in policy.flags:
        record = flags[flag.id]
        assert record["text"] == (flag.template or flag.message) or record["text"] == flag.message
        assert tuple(record["sources"]) == flag.sources
        assert record["evidence"] == flag.evidence
    assert list(rule_records("advice")) == [item.id for item in advice_items()]


def test_every_record_has_words_a_rule_and_sources() -> None:
    for kind in ("red_flags", "advice"):
        for record in rule_records(kind).values():  # type: ignore[arg-type]
            assert record["text"].strip(), record["id"]
            assert record["sources"], record["id"]
            assert record["when_words"], record["id"]
            if kind == "red_flags":
                assert record["level"] in {"self_care", "routine", "soon", "urgent"}


def test_rules_in_words() -> None:
    rule = {
        "all": [
            {"age_days_lt": 730.5},
            {"field": "unwell", "is": True},
            {
                "not": {
                    "any": [{"field": "count", "ge": 3}, {"milia_type": ["neonatal", "primary"]}]
                }
            },
            {"not": {"missing": "sites"}},
        ]
    }
    assert describe_rule(rule) == [
        "all of:",
        "  age under 730.5 days (2 years)",
        "  unwell is yes",
        "  not:",
        "    any of:",
        "      count >= 3",
        "      milia type is one of neonatal, primary",
        "  not: sites not answered",
    ]
    assert describe_rule({"top": "milia", "within": 3}) == [
        "milia among the first 3 in the differential"
    ]


def test_cli_lists_and_shows_warning_signs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["kb", "list"], capsys)
    assert code == 0
    assert f"red_flags ({len(rule_records('red_flags'))})" in out
    assert f"advice ({len(rule_records('advice'))})" in out
    code, out, _ = run_cli(["kb", "show", "baby_unwell"], capsys)
    assert code == 0
    assert "level: urgent" in out and "age under 730.5 days" in out
    assert "[nice_ng143_fever]" in out and "https://www.nice.org.uk/" in out
    code, out, _ = run_cli(["kb", "show", "no_home_extraction", "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["kind"] == "advice" and "level" not in data
    assert [c["id"] for c in data["citations"]] == data["sources"]


def test_cli_unknown_id_suggests_a_rule_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["kb", "show", "baby_unwel"], capsys)
    assert code == 2 and "Did you mean 'baby_unwell'?" in err and "Traceback" not in err
