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

import pytest
from case_sets import CaseSet

from milia.kb import CONDITION_IDS as CONDITIONS
from milia.kb import MILIA_TYPE_IDS as MILIA_TYPES

SET = CaseSet("cases_literature.jsonl")
CASES, IDS = SET.cases, SET.ids
FLOORS = {"top1": 0.85, "top3": 0.95, "type": 0.85, "in_range": 0.90}


def test_set_is_well_formed() -> None:
    SET.check_well_formed(min_cases=80)


def test_set_covers_every_condition_and_type() -> None:
    tops = [c["expect"]["top"] for c in CASES if c["expect"].get("top")]
    assert set(tops) == set(CONDITIONS)
    assert min(tops.count(t) for t in set(tops)) >= 2
    types = [t for c in CASES for t in c["expect"].get("type", [])]
    assert set(types) == set(MILIA_TYPES)
    assert min(types.count(t) for t in set(types)) >= 3


@pytest.mark.parametrize("case_id", IDS)
def test_triage_never_below_floor(case_id: str) -> None:
    SET.check_triage_floor(case_id)


def test_accuracy_floors() -> None:
    """Aggregate accuracy; the message lists every miss."""
    SET.check_accuracy(FLOORS)
