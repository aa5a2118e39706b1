"""Second new-user set (tests/data/cases_newuser2.jsonl), written in session 6.

27 cases as parents of newborns and young children, teenagers, older adults
and clinics would describe bumps, coded into the case format, each expected
answer taken from its cited source and committed (488c12a) before the first
run. First run: top-1 27/27, top-3 27/27, milia type 9/9, triage in range
27/27, no under-triage. Strict per case on the triage floor; aggregate floors
as for the other sets.
"""

from __future__ import annotations

import pytest
from case_sets import CaseSet

SET = CaseSet("cases_newuser2.jsonl")
FLOORS = {"top1": 0.9, "top3": 0.95, "type": 0.9, "in_range": 0.95}


def test_set_is_well_formed() -> None:
    SET.check_well_formed(min_cases=20)


@pytest.mark.parametrize("case_id", SET.ids)
def test_triage_never_below_floor(case_id: str) -> None:
    SET.check_triage_floor(case_id)


def test_accuracy_floors() -> None:
    """Aggregate accuracy; the message lists every miss."""
    SET.check_accuracy(FLOORS)
