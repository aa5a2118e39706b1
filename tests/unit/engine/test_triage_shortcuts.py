"""Session 12 speed shortcuts in the triage code give what the plain forms give.

- ``presentation._reworded`` keeps each calm line's rewordings by its text: a text
  seen before (either wording asked) gives what the regex gives, another text None;
- ``TriagePolicy.red_flag_items`` scans the case's keys against the flagged fields:
  the same pairs in the same order as the loop over ``case.items()`` it replaced;
- ``reassure.never_reassured`` makes each distinct tuple of red-flag findings'
  variants once per chunk: a chunk where many cases share a tuple assesses each case
  as the one-case path does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from milia.engine.assess import assess, assess_many
from milia.engine.case import validate_case
from milia.engine.model import condition_model
from milia.engine.presentation import _reworded, ordered_reasons
from milia.engine.sample import random_cases
from milia.engine.triage import TriagePolicy, triage_policy

_CALM = re.compile(
    r"most likely (?P<name>.+) \((?P<share>[^()]*%)\), which usually needs no urgent care"
)


def _policy() -> TriagePolicy:
    return triage_policy(condition_model().classes)


def _plain_items(policy: TriagePolicy, case: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """``red_flag_items`` as written before session 12."""
    items: list[tuple[str, Any]] = []
    for key, value in case.items():
        flagged = policy.red_flag_findings.get(key)
        if flagged is None:
            continue
        if isinstance(value, list):
            items.extend((key, v) for v in value if v in flagged)
        elif value in flagged:
            items.append((key, value))
    return items


def test_calm_line_rewordings_kept_by_text_are_the_regex_ones() -> None:
    text = "most likely milia (64%), which usually needs no urgent care"
    for _ in range(2):  # the second time from the kept texts
        plain, after_signs = _reworded(text) or ("", "")
        assert plain == (
            "The most likely condition, milia (64%), would usually need no urgent care on "
            "its own; the other reasons here come first."
        )
        assert after_signs == (
            "This advice follows the warning signs above: they matter more than the most "
            "likely condition, milia (64%), which on its own would usually need no urgent care."
        )
    for other in ("most likely milia (64%)", "most likely milia, which usually needs no"):
        assert _reworded(other) is None
        assert _reworded(other) is None  # kept as None


def test_calm_line_seen_before_is_reworded_for_each_order() -> None:
    calm = {"text": "most likely sebaceous hyperplasia (41%), which usually needs no urgent care"}
    sign = {"text": "A sign", "sources": ["x"]}
    alone = ordered_reasons("routine", [calm], {})
    with_sign = ordered_reasons("soon", [calm, sign], {"A sign": 2})
    again = ordered_reasons("routine", [calm], {})
    assert alone == again
    assert alone[0]["text"].startswith("The most likely condition, sebaceous hyperplasia (41%)")
    assert with_sign[0] == sign
    assert with_sign[1]["text"].startswith("This advice follows the warning signs above")


def test_red_flag_items_as_the_plain_loop() -> None:
    policy = _policy()
    cases = [validate_case(c) for c in random_cases(1_500, seed=12)]
    found = [policy.red_flag_items(case) for case in cases]
    assert found == [_plain_items(policy, case) for case in cases]
    assert sum(1 for items in found if len(items) > 1) > 50  # several findings, in order


def test_shared_red_flag_tuples_assess_as_one_case() -> None:
    # generated cases share their red-flag findings' tuples (the variants are planned
    # once per tuple and chunk): each case is assessed as the one-case path does
    policy = _policy()
    cases = random_cases(600, seed=21)
    tuples = [tuple(policy.red_flag_items(validate_case(c))) for c in cases]
    assert len({t for t in tuples if t}) < sum(1 for t in tuples if t) / 2
    assert assess_many(cases) == [assess(c) for c in cases]
