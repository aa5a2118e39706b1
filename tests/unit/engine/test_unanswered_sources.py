"""The unanswered-signs lines cite only what they say (QA F10-05).

A newborn's parent who answered "don't know" saw child-protection procedures
among the sources of "N warning signs were not answered": they came from a
burn rule neither triggered nor named. The combined line cites the sources of
the named signs' own lines (each names the answers that would raise the level)
and the team's estimate of the joint chance; a sign's own line cites the rules
of the answers it names.
"""

from __future__ import annotations

from typing import Any

from milia.engine.interview import Interview

NEWBORN = {
    "age_days": 2, "color": "white", "diameter_mm": 1, "count": 15,
    "sites": ["nose", "cheeks"], "present_at_birth": True, "inflamed": False,
}  # fmt: skip
SAFEGUARDING = {"nyscp_nim", "wy_nonmobile_burns"}


def _dont_know_to_all(case: dict[str, Any]) -> dict[str, Any]:
    interview = Interview(case=dict(case), asked=list(case))
    for _ in range(60):
        question = interview.next_question()
        if question is None:
            break
        interview.answer(question["field"], "?")
    result = interview.result()
    assert result is not None
    return result


def test_newborn_dont_knows_cite_no_child_protection_procedures() -> None:
    reasons = _dont_know_to_all(NEWBORN)["triage"]["reasons"]
    combined = [r for r in reasons if "warning signs were not answered" in r["text"]]
    assert combined, [r["text"][:80] for r in reasons]
    for reason in reasons:
        assert not SAFEGUARDING & set(reason["sources"]), reason["text"][:120]


def test_the_combined_line_cites_only_its_signs_own_lines() -> None:
    reasons = _dont_know_to_all(NEWBORN)["triage"]["reasons"]
    (combined,) = [r for r in reasons if "warning signs were not answered" in r["text"]]
    own = {s for r in reasons if r["text"].startswith("Not answered") for s in r["sources"]}
    assert set(combined["sources"]) <= own | {"milia_team_estimate"}
    assert "milia_team_estimate" in combined["sources"]
