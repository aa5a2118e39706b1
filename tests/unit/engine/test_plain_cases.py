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

import pytest
from case_sets import CaseSet

SET = CaseSet("cases_plain.jsonl")
FLOORS = {"top1": 0.9, "top3": 0.95, "type": 0.9, "in_range": 0.95}


def test_set_is_well_formed() -> None:
    SET.check_well_formed(min_cases=100)


@pytest.mark.parametrize("case_id", SET.ids)
def test_triage_never_below_floor(case_id: str) -> None:
    SET.check_triage_floor(case_id)


def test_accuracy_floors() -> None:
    """Aggregate accuracy; the message lists every miss."""
    SET.check_accuracy(FLOORS)
