"""The interview never concludes before the questions that could raise triage (QA F6-20).

An oracle answers every question truthfully from a full case ("?" for what the
case does not say, as QA's /work/qa/oracle.py does); the interview's triage
must never be less urgent than ``assess(full case)``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import milia
from milia.engine.case import LIST_FIELDS, case_age_days, validate_case
from milia.engine.interview import Interview
from milia.engine.safety_probe import (
    Predictive,
    Probe,
    SafetyQuestion,
    answer_probability,
    candidate_values,
    safety_questions,
)
from milia.engine.triage import LEVELS
from milia.engine.unanswered import joint_mass

DATA = Path(__file__).resolve().parents[2] / "data"


def _answer(field: str, case: dict[str, Any]) -> str:
    """The oracle's truthful answer to a question about ``field``."""
    if field == "age":
        if "age_days" in case:
            return f"{case['age_days']} days"
        return str(case["age_years"]) if "age_years" in case else "?"
    if field not in case:
        return "?"
    value = case[field]
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value) if value else "none"
    return str(value)


def _interview(case: dict[str, Any], **options: Any) -> Interview:
    interview = Interview(**options)
    while (question := interview.next_question()) is not None:
        try:
            interview.answer(question["field"], _answer(question["field"], case))
        except milia.MiliaError:
            interview.answer(question["field"], "?")
    return interview


def _level(result: dict[str, Any] | None) -> int:
    assert result is not None
    return LEVELS.index(result["triage"]["level"])


NEWBORN_HERPES_PICTURE = {
    "age_days": 10,
    "color": "clear",
    "diameter_mm": 2,
    "count": 6,
    "surface": "vesicle",
    "content": "clear_fluid",
    "inflamed": True,
    "on_red_plaque": True,
    "arrangement": "grouped",
    "sites": ["scalp"],
    "unwell": False,
}


@pytest.mark.parametrize(
    ("case", "level"),
    [
        # QA's repros: full case urgent / urgent / routine, the interview said routine /
        # routine / self_care (it never asked inflamed, on_red_plaque, painful)
        (NEWBORN_HERPES_PICTURE, "urgent"),
        (
            {
                "age_days": 15,
                "color": "red",
                "diameter_mm": 6,
                "count": 1,
                "inflamed": True,
                "painful": True,
                "sites": ["cheeks"],
                "unwell": False,
            },
            "urgent",
        ),
        (
            {
                "age_years": 58,
                "color": "white",
                "diameter_mm": 1,
                "count": 30,
                "on_red_plaque": True,
                "sites": ["eyelids"],
            },
            "routine",
        ),
        # a warning sign that needs two unasked findings (painful AND red): neither
        # alone raises the level
        (
            {
                "age_years": 40,
                "count": 1,
                "diameter_mm": 15,
                "surface": "central_pore",
                "painful": True,
                "inflamed": True,
                "sites": ["back"],
            },
            "soon",
        ),
    ],
)
def test_qa_repros_reach_the_full_case_level(case: dict[str, Any], level: str) -> None:
    assert milia.assess(case)["triage"]["level"] == level
    assert _level(_interview(case).result()) >= LEVELS.index(level)


# two of the sets here (the interview costs ~50 ms a case on a loaded machine); all
# six realistic sets are measured by bench/interview_safety.py
@pytest.mark.parametrize("name", ["cases_newuser2.jsonl", "cases_plain.jsonl"])
def test_no_under_triage_on_realistic_sets(name: str) -> None:
    under = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        result = _interview(row["case"]).result()
        if result is not None and _level(result) < _level(milia.assess(row["case"])):
            under.append(row.get("id"))
    assert under == []


def test_dont_know_to_a_plausible_warning_sign_triages_up_and_says_so() -> None:
    # clear blisters on a newborn's scalp, arrangement "don't know": grouped is
    # plausible (miliaria and herpes both group) and would make it urgent
    case = {k: v for k, v in NEWBORN_HERPES_PICTURE.items() if k in ("age_days", "color")}
    case |= {"sites": ["scalp"], "content": "clear_fluid", "count": 6, "unwell": False}
    assert milia.assess(case)["triage"]["level"] == "routine"
    interview = _interview(case)
    assert {"arrangement", "on_red_plaque", "inflamed"} <= set(interview.asked)
    result = interview.result()
    assert result is not None and result["triage"]["level"] == "urgent"
    signs = {s["field"]: s for s in result["unanswered_warning_signs"]}
    assert signs["arrangement"]["assumed"] and signs["arrangement"]["could_raise_to"] == "urgent"
    first = result["triage"]["reasons"][0]
    assert first["text"].startswith('Not answered: "How are the bumps arranged?"')
    assert "statpearls_neonatal_hsv" in first["sources"]


def test_implausible_unanswered_signs_even_together_are_named_without_raising() -> None:
    # history, content, onset, on_red_plaque unanswered: 0.14, 0.06, 0.05, 0.01
    # alone, about 0.24 together (under 0.3)
    case = {"age_years": 41, "color": "white", "sites": ["eyelids"], "count": 3}
    case |= {"diameter_mm": 1, "surface": "smooth_dome", "consistency": "firm"}
    case |= {"growing": False, "bleeding": False, "conditions": [], "unwell": False}
    case |= {"associated_findings": []}
    result = _interview(case).result()
    assert result is not None and result["triage"]["level"] == "self_care"
    signs = result["unanswered_warning_signs"]
    assert signs and not any(s["assumed"] for s in signs)
    named = [r["text"] for r in result["triage"]["reasons"] if r["text"].startswith("Not answ")]
    assert len(named) == len(signs)


def test_none_to_a_list_question_is_known_not_unanswered() -> None:
    interview = Interview()
    interview.answer("history", "none")
    assert interview.case == {"history": []}
    interview.answer("conditions", "?")
    assert "conditions" not in interview.case


def test_candidate_numbers_include_the_rules_thresholds() -> None:
    assert {20, 2, 1} <= set(candidate_values("count"))
    assert 10.0 in candidate_values("diameter_mm")
    assert candidate_values("history") == tuple([h] for h in LIST_FIELDS["history"])
    assert candidate_values("inflamed") == (True, False)


def test_the_blistering_history_is_a_safety_question_for_hands_of_an_older_adult() -> None:
    # QA F6-02: milia on the backs of the hands of a 60-year-old
    case = validate_case(
        {
            "age_years": 60,
            "color": "white",
            "diameter_mm": 1,
            "count": 10,
            "sites": ["back_of_hands"],
        }
    )
    _, found = safety_questions(case)
    # first of the questions the model has a probability for ("unwell", without
    # one, is taken as even odds and is asked first by the interview anyway)
    known = [q for q in found if all(p.probability is not None for p in q.probes)]
    assert known[0].field == "history"
    assert known[0].probes[0].value in {"blistering_at_site", "skin_fragility", "photosensitivity"}
    assert LEVELS[known[0].raises_to] == "soon"


def _probe(field: str, value: Any, p: float, outcome: Any = None, level: int = 1) -> Probe:
    return Probe(field, value, level, level, p, ("milia_team_estimate",), outcome)


def test_values_of_a_number_in_one_band_count_that_band_once() -> None:
    # 2.9, 3.0 and 3.4 mm are one band of the model (2.5-4.5 mm): its probability
    # was added three times (0.43 for a band of 0.14; literature L07 went routine)
    probes = [_probe("diameter_mm", v, 0.144, outcome=2) for v in (2.9, 3.0, 3.4)]
    probes += [_probe("diameter_mm", 6.5, 0.045, outcome=3)]
    assert answer_probability("diameter_mm", probes) == pytest.approx(0.189)


def test_a_lists_items_give_the_chance_of_at_least_one() -> None:
    probes = [_probe("history", h, 0.3) for h in ("blistering_at_site", "skin_fragility")]
    assert answer_probability("history", probes) == pytest.approx(1 - 0.7 * 0.7)


def test_a_choices_values_add_up() -> None:
    probes = [_probe("surface", s, 0.2) for s in ("umbilicated", "rough")]
    assert answer_probability("surface", probes) == pytest.approx(0.4)
    sign = SafetyQuestion(
        "surface", 0, 2, 0.6, (*probes, _probe("surface", "vesicle", 0.1, level=2))
    )
    assert sign.mass(1) == pytest.approx(0.5) and sign.mass(2) == pytest.approx(0.1)


def test_dont_know_to_everything_is_judged_together_and_triages_up() -> None:
    # QA F7-37: 60 years, white, eyelids, then "don't know" to every question
    # was self_care: 12 unanswered warning signs, each under 0.3 alone, about
    # 0.6 that at least one raises the level
    interview = Interview()
    given = {"age": "60", "color": "white", "sites": "eyelids"}
    while (question := interview.next_question()) is not None:
        interview.answer(question["field"], given.get(question["field"], "?"))
    result = interview.result()
    assert result is not None and result["triage"]["level"] != "self_care"
    signs = result["unanswered_warning_signs"]
    assert len(signs) >= 5 and all(
        s["probability"] is None or s["probability"] < 0.3 for s in signs
    )
    joint = [
        r for r in result["triage"]["reasons"] if "warning signs were not answered" in r["text"]
    ]
    assert len(joint) == 1 and result["triage"]["reasons"][0] is joint[0]
    assert '"Is any bump getting larger?"' in joint[0]["text"]
    assert f"make this {result['triage']['level']}" in joint[0]["text"]
    assert set(joint[0]["sources"]) - {"milia_team_estimate"}  # the rules' own sources
    # each sign keeps its own line
    own = [r for r in result["triage"]["reasons"] if r["text"].startswith("Not answered")]
    assert len(own) == len(signs)
    assert sum(s["assumed"] for s in signs) >= 5


def test_the_joint_chance_is_that_of_at_least_one_sign() -> None:
    signs = [
        SafetyQuestion("growing", 0, 2, 0.2, (_probe("growing", True, 0.2, level=2),)),
        SafetyQuestion("surface", 0, 1, 0.1, (_probe("surface", "rough", 0.1, level=1),)),
        SafetyQuestion("unwell", 0, 2, 0.5, (Probe("unwell", True, 2, 2, None, ("x",)),)),
    ]
    assert joint_mass(signs, 1) == pytest.approx(1 - 0.8 * 0.9)
    assert joint_mass(signs, 2) == pytest.approx(0.2)  # no probability: 0, as alone


def test_the_models_joint_chance_counts_signs_of_one_condition_once() -> None:
    clean = validate_case({"age_years": 60, "color": "white", "sites": ["eyelids"]})
    level, signs = safety_questions(clean)
    predictive = Predictive(clean, case_age_days(clean))
    # one sign alone: its own chance
    for sign in signs[:6]:
        alone = joint_mass([sign], level + 1, predictive=predictive)
        assert alone == pytest.approx(sign.mass(level + 1), abs=1e-3)  # a list: per condition
    # together: more than any one, at most the chance of independent signs
    together = joint_mass(signs, level + 1, predictive=predictive)
    assert max(s.mass(level + 1) for s in signs) < together
    assert together <= joint_mass(signs, level + 1) + 1e-9
