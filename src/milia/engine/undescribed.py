"""Guidance when an interview ends before the bumps were described (QA F7-06, F7-07).

:func:`milia.assess` needs at least one lesion field, but an interview can end
without one: "don't know" to the colour and the place, or the input ends. What
was said may still call for a doctor (a newborn reported unwell), and saying
nothing would drop that warning sign. :func:`undescribed_result` assesses the
case once with each possible colour and keeps what holds for *every* colour:
the least urgent level they give, the warning signs, reasons and advice they
all share. Nothing about the bumps is assumed; the differential is empty.

The model cannot tell the conditions apart without a description, which is
the triage policy's "unsure" case (``red_flags.yaml`` ``policy.uncertain_level``,
routine): the level is at least that, so an interview of "don't know" answers
is triaged up, never left without guidance.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from milia.engine.assess import assess_valid
from milia.engine.case import (
    CATEGORICAL_FIELDS,
    case_age_days,
    describes_bumps,
    validate_case,
)
from milia.engine.evidence import with_evidence
from milia.engine.model import condition_model
from milia.engine.questions import question_table
from milia.engine.rules import RuleContext, compile_rule
from milia.engine.triage import LEVELS, level_rank, triage_policy
from milia.errors import CaseError
from milia.kb.loader import read_yaml

__all__ = ["undescribed_result", "validate_or_warn", "with_red_flags"]

_NOT_DESCRIBED = (
    "Nothing was said about what the bumps look like (colour, size or place), so the "
    "conditions they could be cannot be told apart and a clinician should see them"
)


# questions about the person, not the bumps: a safety question among them leads
_PERSON = frozenset({"age", "age_years", "unwell"})

# rule words that read the model's results (what the bumps most likely are)
_MODEL_WORDS = frozenset({"top", "chance_of", "milia_type", "atypical"})


def _reads_model(spec: Any) -> bool:
    """Whether a rule (``when``) reads the model's results anywhere."""
    if isinstance(spec, Mapping):
        return bool(_MODEL_WORDS.intersection(spec)) or any(_reads_model(v) for v in spec.values())
    if isinstance(spec, list):
        return any(_reads_model(s) for s in spec)
    return False


@cache
def _about_the_bumps() -> frozenset[str]:
    """Ids of the advice whose rules read what the bumps most likely are."""
    entries = read_yaml("model/advice.yaml")["items"]
    return frozenset(str(e["id"]) for e in entries if _reads_model(e["when"]))


def _model_free(spec: Any, *, negated: bool = False) -> Any:
    """``spec`` with every test of the model's results made to count against the rule:
    false where the rule needs it true, true under a ``not`` (QA F8-01)."""
    if isinstance(spec, Mapping):
        if _MODEL_WORDS.intersection(spec):
            return {"always": negated}
        if "not" in spec:
            return {"not": _model_free(spec["not"], negated=not negated)}
        if "all" in spec or "any" in spec:
            key = "all" if "all" in spec else "any"
            return {key: [_model_free(s, negated=negated) for s in spec[key]]}
    return spec


def _holds_without_model(spec: Any, case: Mapping[str, Any]) -> bool:
    """Whether a rule holds on what was said alone, whatever the bumps are (a baby's
    "is the baby unwell?" safety line holds by the age; "most likely milia" does not)."""
    context = RuleContext(case, case_age_days(case), {}, {}, None)
    return bool(compile_rule(_model_free(spec))(context))


@cache
def _advice_rules() -> dict[str, Any]:
    """Each advice item's rule (``when``), by id."""
    return {str(e["id"]): e["when"] for e in read_yaml("model/advice.yaml")["items"]}


def _shared(items: list[list[dict[str, Any]]], key: str) -> list[dict[str, Any]]:
    """The items of the first list whose ``key`` is in every list, in its order."""
    common = set.intersection(*({str(i[key]) for i in group} for group in items))
    return [i for i in items[0] if str(i[key]) in common]


def undescribed_result(case: Mapping[str, Any], *, n_questions: int = 5) -> dict[str, Any]:
    """What holds for a case whose bumps were not described, whatever they look like.

    Parameters
    ----------
    case : Mapping
        The interview's answers with no lesion field (age, "unwell", history...).
    n_questions : int
        Next questions to list (those describing the bumps come first).

    Returns
    -------
    dict
        An assessment (as :func:`milia.assess`) with an empty ``differential``,
        ``milia_type`` None, ``described`` False, and the triage level, red
        flags, reasons and advice that every colour of bump gives, the level
        at least the policy's level for an unsure model.
    """
    results = [
        assess_valid(validate_case({**case, "color": colour}), n_questions=n_questions + 1)
        for colour in CATEGORICAL_FIELDS["color"]
    ]
    policy = triage_policy(condition_model().classes)
    level = min(level_rank(r["triage"]["level"]) for r in results)
    reasons = _shared([r["triage"]["reasons"] for r in results], "text")
    level = max(level, policy.uncertain_level)
    # never without a reason: the shared ones may not say why every colour is this urgent
    floor = LEVELS[policy.uncertain_level]
    text = f"{_NOT_DESCRIBED}: at least {floor} ({policy.level_words[floor]})."
    reasons.extend(with_evidence([{"text": text, "sources": ["milia_team_estimate"]}]))
    # advice that depends on the likely condition is not given: it came from a guessed
    # colour; unless its rule holds on what was said alone (QA F8-01: a baby's unwell line)
    about, rules = _about_the_bumps(), _advice_rules()
    advice = [
        a
        for a in _shared([r["advice"] for r in results], "text")
        if a["id"] not in about or _holds_without_model(rules[a["id"]], case)
    ]
    first = results[0]
    # the colour, which was varied, leads the questions, after the safety questions about
    # the person (QA F8-01: "is the baby unwell?" first); then the first result's
    colour = question_table(condition_model()).item("color", 0.0)
    person = [
        q
        for q in first["next_questions"]
        if q["field"] in _PERSON and str(q.get("reason", "")).startswith("safety")
    ]
    rest = [q for q in first["next_questions"] if q["field"] != "color" and q not in person]
    questions = [*person, colour, *rest]
    return {
        "differential": [],
        "milia_type": None,
        "described": False,
        "triage": {"level": LEVELS[level], "reasons": reasons},
        "red_flags": _shared([r["red_flags"] for r in results], "id"),
        "advice": advice,
        "next_questions": questions[:n_questions],
        "knowledge_version": first["knowledge_version"],
        "disclaimer": first["disclaimer"],
    }


def validate_or_warn(case: object) -> dict[str, Any]:
    """:func:`~milia.engine.case.validate_case`, whose refusal of a case that does not
    describe the bumps also gives the warning signs what was said already raises
    (:func:`with_red_flags`).

    Parameters
    ----------
    case : object
        A case in the case format.

    Returns
    -------
    dict
        The validated case.

    Raises
    ------
    CaseError
        As :func:`~milia.engine.case.validate_case`; for a case without a lesion
        field, the message ends with the red flags' messages.
    """
    try:
        return validate_case(case)
    except CaseError as err:
        raise with_red_flags(case, err) from None


def with_red_flags(case: object, err: CaseError) -> CaseError:
    """``err``, or for a case refused for not describing the bumps, the same refusal
    ending with the red flags what was said already raises.

    An unwell newborn whose bumps are not described is refused (the case format needs
    a lesion field), but the refusal said nothing of the red flag it was given (QA
    F14B-11): the flags every colour of bump would raise (:func:`undescribed_result`)
    are added to the message, with their sources.

    Parameters
    ----------
    case : object
        The case as given.
    err : CaseError
        Its refusal by :func:`~milia.engine.case.validate_case`.

    Returns
    -------
    CaseError
        The error to raise.
    """
    if not (
        isinstance(case, Mapping)
        and err.message.startswith("describe the bumps")
        and not describes_bumps(case)
    ):
        return err
    try:
        flags = undescribed_result(case)["red_flags"]
    except CaseError:
        return err  # something else is wrong too: the first refusal stands
    if not flags:
        return err
    said = " ".join(f"{f['message']} [{', '.join(f['sources'])}]" for f in flags)
    return CaseError(
        f"{err.message}. Meanwhile, what was given already says: {said}",
        field=err.field,  # no "Did you mean 'color'?" after the warning: nothing was
        # misspelt, and the message lists the fields that describe the bumps
    )
