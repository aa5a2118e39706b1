"""Words for the warning signs an interview left unanswered: the question, the answers
that would raise the level, and the sources of the rules behind those answers.

:mod:`milia.engine.unanswered` builds the reasons from these; the wording comes from
``questions.yaml`` through the model's question table, and a list's items not offered
at the person's age are never named (QA F7-08, F8-35).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from milia.engine.case import LIST_FIELDS, NUMERIC_FIELDS
from milia.engine.model import condition_model
from milia.engine.plain_words import option_label
from milia.engine.questions import offered_options, question_table
from milia.engine.safety_probe import Probe, SafetyQuestion, candidate_values
from milia.kb.loader import read_yaml

__all__ = ["answer_words", "question_text", "shown_answers", "sign_sources"]

_SHOWN_ANSWERS = 3  # answers named in a reason


@cache
def _plain_wording() -> dict[str, str]:
    """Each question's plain words in ``questions.yaml`` (for those the model's
    question table does not hold, such as ``premature``)."""
    questions = read_yaml("model/questions.yaml")["questions"]
    return {str(name): str(spec["question"]) for name, spec in questions.items()}


@cache
def _unknown_age_wording() -> dict[str, str]:
    """``unknown_age_question`` of ``questions.yaml``: words for when the age is not given."""
    questions = read_yaml("model/questions.yaml")["questions"]
    return {
        str(name): str(spec["unknown_age_question"])
        for name, spec in questions.items()
        if "unknown_age_question" in spec
    }


def question_text(field: str, age_days: float | None) -> str:
    """The question about ``field`` in words that fit the person's age (a young baby's
    spots in days, "is the baby unwell" only for babies; QA F7-01; with no age, the
    signs of both, QA F7-26), from ``questions.yaml`` through the model's question table."""
    if age_days is None and field in _unknown_age_wording():  # QA F7-26: both ages' signs
        return _unknown_age_wording()[field]
    table = question_table(condition_model())
    if field in table.protos:
        return table.question_text(field, age_days)
    return _plain_wording()[field]


def answer_words(probe: Probe) -> str:
    """An answer in plain words: yes/no, an option or list item, a number with its unit."""
    value = probe.value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):  # as the question's options show it (QA F8-09: 'blister')
        return option_label(probe.field, value)
    unit = question_table(condition_model()).options.get(probe.field, {}).get("unit", "")
    number = f"{value:g}"
    return f"{number} {unit}".strip()


def _unit(field: str) -> str:
    return str(question_table(condition_model()).options.get(field, {}).get("unit", ""))


def _number_words(field: str, values: Sequence[float]) -> list[str]:
    """Numbers tried as answers in words: runs of the values tried, as a threshold
    where they run to the end ("3 mm or more", QA F7-08), else "2 to 4 mm"."""
    tried = sorted(candidate_values(field))
    chosen = set(values)
    runs: list[list[float]] = []
    for k, value in enumerate(tried):
        if value in chosen:
            if runs and tried.index(runs[-1][-1]) == k - 1:
                runs[-1].append(value)
            else:
                runs.append([value])
    unit = _unit(field)
    out = []
    for run in runs:
        low, high = f"{run[0]:g} {unit}".strip(), f"{run[-1]:g} {unit}".strip()
        if run[-1] == tried[-1] and len(run) > 1:
            out.append(f"{low} or more")
        elif run[0] == tried[0] and len(run) > 1:
            out.append(f"{high} or less")
        else:
            out.append(low if len(run) == 1 else f"{run[0]:g} to {high}")
    return out


def shown_answers(sign: SafetyQuestion, age_days: float | None) -> list[str]:
    """The answers that would bring the most urgent level, in words (at most 3).

    A list's items not offered at this age (colon polyps, skin cancers to a newborn's
    parent) are never named (QA F7-08, F8-35): none when only those would; the
    reason then says "an answer not expected at this age".
    """
    top = [p for p in sign.probes if p.level == sign.raises_to]
    if sign.field in NUMERIC_FIELDS:
        return _number_words(sign.field, [float(p.value) for p in top])[:_SHOWN_ANSWERS]
    return [answer_words(p) for p in _named_probes(sign, age_days)]


def _named_probes(sign: SafetyQuestion, age_days: float | None) -> list[Probe]:
    """The probes of the answers a sign's reason names: at most 3 that bring the most
    urgent level, a list's items only when offered at this age (possibly none)."""
    top = [p for p in sign.probes if p.level == sign.raises_to]
    if sign.field in LIST_FIELDS:
        offered = set(offered_options(sign.field, [p.value for p in top], age_days))
        top = [p for p in top if p.value in offered]
    return top[:_SHOWN_ANSWERS]


def sign_sources(sign: SafetyQuestion, age_days: float | None) -> list[str]:
    """The sources of the rules whose answers a sign's reason names (QA F10-05: not
    those of other answers, such as a burn rule's child-protection procedures
    shown to a newborn's parent who answered "don't know" about its history)."""
    top = [p for p in sign.probes if p.level == sign.raises_to][:_SHOWN_ANSWERS]
    sources: dict[str, None] = {}
    for p in _named_probes(sign, age_days) or top:  # none named: "an answer not expected"
        sources.update(dict.fromkeys(p.sources))
    return list(sources)
