"""New-user cases written from patient and clinical sources (tests/data/cases_newuser.jsonl).

Each line is ``{"id", "source", "refs", "case", "expect"}`` as in
``test_plain_cases.py``. Written as a demanding new user would describe bumps
(NHS pages, GP online, DermNet, Medscape, case reports), every expected answer
committed before the first run (commits bfa414c, 99b9a15 and 4a9bdd7). First runs:
N01-N40 top-1 40/40, milia type 12/12, triage in range 40/40; N41-N62 (sparser,
harder) top-1 21/22, type 8/8, triage in range 21/22. The under-triage (N41, a
single sebaceous-hyperplasia-like bump in an adult, self-care) was fixed in the
knowledge (red flag single_sebaceous_bump_adult); the remaining miss is N57
(eruptive syringoma read as eruptive vellus hair cysts, its look-alike).
N63-N74 (safety-minded, committed in 4a9bdd7 before running): top-1 7/7,
type 4/4, triage in range 12/12.
N40 (the QA F2-42 picture) was written after that fix and is not blind.
Strict, per case: triage never below ``triage_min``; aggregate floors as for
the other sets.
"""

from __future__ import annotations

import pytest
from case_sets import CaseSet

SET = CaseSet("cases_newuser.jsonl")
FLOORS = {"top1": 0.9, "top3": 0.95, "type": 0.9, "in_range": 0.95}


def test_set_is_well_formed() -> None:
    SET.check_well_formed(min_cases=60)


def test_set_covers_every_condition_and_milia_type() -> None:
    from milia.kb import CONDITION_IDS, MILIA_TYPE_IDS

    tops = {c["expect"].get("top") for c in SET.cases}
    types = {t for c in SET.cases for t in c["expect"].get("type", [])}
    assert set(CONDITION_IDS) <= tops
    assert set(MILIA_TYPE_IDS) <= types


@pytest.mark.parametrize("case_id", SET.ids)
def test_triage_never_below_floor(case_id: str) -> None:
    SET.check_triage_floor(case_id)


def test_accuracy_floors() -> None:
    """Aggregate accuracy; the message lists every miss."""
    SET.check_accuracy(FLOORS)
