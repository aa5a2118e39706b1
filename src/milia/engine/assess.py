"""``assess(case)``: differential, milia type, triage, red flags, advice, questions.

The output follows the assessment contract of ``../shared/spec/case-format.md``
and is a plain JSON-ready ``dict``:

- ``differential``: all 23 conditions, most likely first, each
  ``{"condition", "name", "probability", "why"}``; each probability is the
  condition's share among the 23 times their share against "not one of the
  listed conditions" (:mod:`milia.engine.not_listed`), rounded down to 4
  decimals, so they sum to less than 1;
- ``not_listed``: ``{"probability", "note", "sources", "evidence"}``, the share
  of "not one of the listed conditions", rounded down to 4 decimals
  (:func:`milia.engine.not_listed.not_listed_entry`);
- ``milia_type``: ``None`` unless milia is in the top three; else
  ``{"type", "name", "probability", "why"}`` where ``probability`` is the
  probability of the type *given that the bumps are milia*;
- ``triage``: ``{"level", "reasons": [{"text", "sources", "evidence"}]}``;
- ``red_flags``: ``[{"id", "level", "message", "sources", "evidence"}]`` (floors on triage);
- ``advice``: ``[{"id", "text", "sources", "evidence"}]``;
- ``next_questions``: ``[{"field", "question", "answer", "options",
  "expected_information_gain"}]`` best first (gain in bits);
- ``knowledge_version`` and ``disclaimer``.

The engine supports decisions; it never diagnoses.

``assess`` runs :func:`assemble`, the one-case path (also
:func:`assess_plain`); ``assess_many`` runs the chunk-vectorised path of
:mod:`milia.engine.fast`. Tests check that they give the same dicts.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import numpy as np

from milia.engine.advice import advice_from
from milia.engine.case import case_age_days, validate_case
from milia.engine.evidence import with_evidence
from milia.engine.explain import explain, labels
from milia.engine.fast import DISCLAIMER, MILIA_TOP
from milia.engine.model import (
    Encoded,
    FloatArray,
    condition_model,
    share_against,
    shown_order,
    softmax,
    softmax_parts,
    type_model,
)
from milia.engine.not_listed import (
    leak_score,
    not_listed_entry,
    outside_floor,
)
from milia.engine.presentation import ordered_reasons
from milia.engine.questions import question_table
from milia.engine.raising import raising_fields
from milia.engine.reassure import MAX_FLAG_SUBSETS_OF
from milia.engine.reassure_one import never_reassured_one
from milia.engine.triage import LEVELS, level_rank, triage_policy
from milia.engine.triage_flags import described_floor, type_name
from milia.errors import CaseError
from milia.kb.loader import knowledge_version

__all__ = [
    "DISCLAIMER",
    "assemble",
    "assess",
    "assess_many",
    "assess_plain",
    "assess_valid",
    "check_count",
]

_MILIA_TOP = MILIA_TOP
_MAX_FLAG_SUBSETS_OF = MAX_FLAG_SUBSETS_OF


def _floor4(p: float) -> float:
    return math.floor(p * 10_000) / 10_000


def assemble(
    clean: Mapping[str, Any],
    age_days: float | None,
    encoded: Encoded,
    probs: FloatArray,
    type_scores: FloatArray | None,
    gains: FloatArray | None,
    *,
    n_questions: int,
    why_top: int = 23,
    share: float = 1.0,
    scores: FloatArray | None = None,
    leak: float | None = None,
) -> dict[str, Any]:
    """Build the assessment of one case from its model outputs.

    The one-case path of :func:`assess`; the chunk-vectorised path of
    :mod:`milia.engine.fast` (``assess_many``) gives identical outputs (tests
    compare them).

    Parameters
    ----------
    probs : ndarray, shape (23,)
        The differential in model column order.
    type_scores : ndarray, shape (8,), optional
        Unnormalised log posterior of the milia types (the mixture components
        of milia); computed from ``encoded`` when not given.
    gains : ndarray, optional
        Expected information gain of each question (see ``QuestionTable.gains``).
    why_top : int
        Explain the ``why_top`` most likely conditions (the rest get ``[]``).
    share : float
        The listed conditions' share against "not one of the listed conditions"
        (:mod:`milia.engine.not_listed`): the differential prints ``probs`` times
        it, and the triage sentences quote that printed probability (QA F9-C11).
        Ranking, type and triage use ``probs``.
    scores, leak : ndarray of shape (23,) and float, optional
        The unnormalised log posterior the differential came from and the "not
        listed" score (:func:`~milia.engine.not_listed.leak_score`), when already
        computed (the red-flag variants start from them; computed there otherwise).
    """
    model = condition_model()
    names = labels()
    cond_names = names["conditions"]
    all_names = names["all"]
    classes = model.classes
    order = shown_order(probs).tolist()
    plist = probs.tolist()
    shown_list = plist if share == 1.0 else (probs * share).tolist()
    ranks = [0] * len(classes)
    for r, i in enumerate(order):
        ranks[i] = r
    tmodel = type_model()
    if type_scores is None:
        type_scores = tmodel.log_posterior(encoded)
    type_probs = softmax(type_scores)
    whys = (
        explain(
            model,
            encoded,
            clean,
            cond_names,
            only=order[:why_top],
            type_scores=type_scores,
        )
        if why_top > 0
        else None
    )
    differential = [
        {
            "condition": classes[i],
            "name": cond_names[classes[i]],
            "probability": math.floor(shown_list[i] * 10_000) / 10_000,
            "why": whys[i] if whys is not None else [],
        }
        for i in order
    ]
    milia_type: dict[str, Any] | None = None
    type_id: str | None = None
    type_p = 0.0
    if ranks[model.mixture_class] < _MILIA_TOP:
        best = int(np.argmax(type_probs))
        type_id, type_p = tmodel.classes[best], float(type_probs[best])
        milia_type = {
            "type": type_id,
            "name": type_name(
                type_id,
                clean,
                names["milia_types"][type_id],
                milia=_floor4(shown_list[model.mixture_class]),
            ),
            "probability": _floor4(type_p),
            "why": explain(tmodel, encoded, clean, names["milia_types"], only=(best,))[best],
        }
    policy = triage_policy(classes)
    level, reasons = policy.base(plist, order, classes, all_names, type_id, type_p, share=share)
    red_flags = policy.red_flags_of(clean, age_days, ranks, plist, type_id)
    for flag in red_flags:
        flag_level = level_rank(flag["level"])
        if flag_level > 0:
            reasons.append({"text": flag["message"], "sources": flag["sources"]})
            level = max(level, flag_level)
    level, reasons = never_reassured_one(
        clean, age_days, encoded, type_scores, all_names, level, reasons, scores=scores, leak=leak
    )
    level = described_floor(policy, clean, level, reasons)  # QA F7-04
    # the reasons that set the level first, no calm line first (QA F6-07)
    reasons = ordered_reasons(
        LEVELS[level], reasons, {f["message"]: level_rank(f["level"]) for f in red_flags}
    )
    with_evidence(reasons)  # QA F6-19
    questions: list[dict[str, Any]] = []
    if n_questions > 0:
        table = question_table(model)
        if gains is None:
            gains = table.gains(probs, type_probs)
        # the findings not given that could raise the level first (QA F6-02, F6-20)
        raising = raising_fields(clean, age_days, level, ranks, plist, type_id)
        questions = table.ranked(gains, clean, age_days, limit=n_questions, raising=raising)
    return {
        "differential": differential,
        "not_listed": not_listed_entry(outside_floor(share) / 10_000),
        "milia_type": milia_type,
        "triage": {"level": LEVELS[level], "reasons": reasons},
        "red_flags": red_flags,
        "advice": advice_from(
            classes,
            clean,
            age_days,
            ranks,
            plist,
            type_id,
            printed=[math.floor(p * 10_000) for p in shown_list],
            outside=outside_floor(share),
        ),
        "next_questions": questions,
        "knowledge_version": knowledge_version(),
        "disclaimer": DISCLAIMER,
    }


def assess_valid(clean: Mapping[str, Any], *, n_questions: int = 5) -> dict[str, Any]:
    """Assess a case that :func:`~milia.engine.case.validate_case` already cleaned.

    One case goes through :func:`assemble` (numpy's per-call cost makes the
    chunk-vectorised path of :mod:`milia.engine.fast` slower for a single
    case); the results are identical.

    Parameters
    ----------
    clean : Mapping
        A validated case.
    n_questions : int, optional
        How many next questions to return (default 5; 0 for none).
    """
    model = condition_model()
    age_days = case_age_days(clean)
    encoded = model.encode(clean, age_days)
    type_scores = type_model().log_posterior(encoded)
    scores = model.log_posterior(encoded, type_scores=type_scores)
    probs, top, total = softmax_parts(scores)
    leak = leak_score(model, encoded.rows, encoded.weights)
    share = share_against(top, total, leak)  # not_listed.listed_share(scores, leak)
    return assemble(
        clean,
        age_days,
        encoded,
        probs,
        type_scores,
        None,
        n_questions=n_questions,
        share=float(share[0]),
        scores=scores,
        leak=leak,
    )


def assess_plain(case: object, *, n_questions: int = 5) -> dict[str, Any]:
    """:func:`assess` by the one-case path (:func:`assemble`), whatever :func:`assess` runs.

    The reference the vectorised batch path is tested against.
    """
    try:
        clean = validate_case(case)
    except CaseError as err:  # an undescribed case's refusal names its red flags
        from milia.engine.undescribed import with_red_flags  # it imports this module

        raise with_red_flags(case, err) from None
    return assess_valid(clean, n_questions=check_count("n_questions", n_questions))


def assess(case: object, *, n_questions: int = 5) -> dict[str, Any]:
    """Assess one case: differential, milia type, triage, red flags, advice.

    Parameters
    ----------
    case : Mapping or str
        A case in the case format (``../shared/spec/case-format.md``), as a
        mapping or a JSON text.
    n_questions : int, optional
        How many next questions to return, best first (default 5).

    Returns
    -------
    dict
        The assessment (see the module docstring), JSON-ready.

    Raises
    ------
    CaseError
        If the case does not follow the case format; ``field`` names the
        offending key and ``suggestion`` the closest valid value.

    Examples
    --------
    >>> result = assess({"age_years": 41, "color": "white", "diameter_mm": 1,
    ...                  "sites": ["eyelids"], "consistency": "firm"})
    >>> result["differential"][0]["condition"]
    'milia'
    """
    try:
        clean = validate_case(case)
    except CaseError as err:  # an undescribed case's refusal names its red flags
        from milia.engine.undescribed import with_red_flags  # it imports this module

        raise with_red_flags(case, err) from None
    return assess_valid(clean, n_questions=check_count("n_questions", n_questions))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a batch (restored after, if it was on).

    A batch makes many short-lived containers and no reference cycles; the
    collector's repeated scans of them cost a quarter to a third of the time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_count(name: str, value: object) -> int:
    """``value`` as a whole number >= 0, or a CaseError naming option ``name``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CaseError(
            f"{name} must be a whole number, 0 or more (got {value!r})", field=name, suggestion="5"
        )
    return value


def assess_many(
    cases: Iterable[object], *, n_questions: int = 5, why_top: int = 23
) -> list[dict[str, Any]]:
    """Assess many cases with the vectorised path of :mod:`milia.engine.batch`.

    Each result equals ``assess(case)``; ``why_top`` limits explanations to the
    most likely conditions (the costliest part of the output).

    Raises
    ------
    CaseError
        On the first invalid case (its ``field`` is prefixed with ``[i].``).
    """
    from milia.engine.batch import assess_batch

    return assess_batch(cases, n_questions=n_questions, why_top=why_top)
