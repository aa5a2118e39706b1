"""The assessment of a chunk of validated cases, vectorised: what ``assess`` runs.

The straightforward path (:func:`milia.engine.assess.assemble`, one case at a
time) is kept as the reference; this module gives the same output (tests
compare them on thousands of cases) with the work that depends only on the
knowledge base done once (:mod:`milia.engine.prepared`) and the numerical
work done for the whole chunk at once with numpy: posteriors, rankings, the
selection of every class's ``why`` items, milia's mixture items, question
gains and their order, and the red-flag variants of
:mod:`milia.engine.reassure`. What remains per case is cheap Python: fresh
dicts from prepared parts, and the rules of red flags and advice.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

import numpy as np

from milia.engine.advice import advice_rules, likely_chunk
from milia.engine.case import case_age_days
from milia.engine.chunk_encode import encode_chunk
from milia.engine.chunk_messages import flag_messages
from milia.engine.chunk_mixture import (
    MixedItem,
    MixturePicks,
    mixture_picks,
    mixture_texts,
    picked_items,
)
from milia.engine.chunk_questions import chunk_questions, questions_supported
from milia.engine.chunk_rules import (
    CHUNK_RULES_FROM,
    BoolArray,
    ChunkFacts,
    advice_chunk_rules,
    fired_lists,
    flag_rules,
)
from milia.engine.explain import labels
from milia.engine.factors import DecimalTexts
from milia.engine.model import CompiledModel, FloatArray, shown_order, softmax
from milia.engine.not_listed import leak_column, listed_share
from milia.engine.prepared import IntArray, Padded, Selected, prepared
from milia.engine.presentation import ordered_fresh
from milia.engine.questions import question_table
from milia.engine.raising import holds_above, raising_chunk_rules, raising_rules
from milia.engine.reassure import never_reassured
from milia.engine.selection import select_items
from milia.engine.triage import LEVELS, triage_policy
from milia.engine.triage_flags import described_floor, type_name

__all__ = [
    "DISCLAIMER",
    "FLOORS",
    "GAINS",
    "MILIA_TOP",
    "Computed",
    "assess_chunk",
    "compute_chunk",
    "log_posteriors",
]

DISCLAIMER = (
    "milia supports decisions and does not diagnose. The results say what the "
    "description is most consistent with; a clinician who examines the skin decides."
)
MILIA_TOP = 3  # the milia type is given when milia is among the top three
# k / 10,000 for k = 0..10,000: a probability rounded down to 4 decimals is
# FLOORS[floor(p * 10,000)], the same float as math.floor(p * 10_000) / 10_000
FLOORS: tuple[float, ...] = tuple(k / 10_000 for k in range(10_001))
# expected information gains (bits, at most log2 of 23) rounded to 4 decimals
GAINS = DecimalTexts(4, 100_000)
_NO_FLAGS: dict[str, int] = {}  # the messages of no fired flag (read only)


def log_posteriors(model: CompiledModel, padded: Padded) -> tuple[FloatArray, FloatArray]:
    """Unnormalised log posteriors of a padded chunk, shape (N, C), and the scores of
    the milia types (the mixture components of milia), shape (N, T).

    The weighted rows are added one row position at a time, in order: the very sums
    of ``(log_p[rows] * weights).sum(axis=1)`` without its (N, K, C) temporaries.
    """
    rows, weights = padded.rows, padded.weights
    if model.mixture is None:
        return _weighted_sum(model.log_p, rows, weights), np.zeros((len(rows), 0))
    n_classes = len(model.classes)
    both = _weighted_sum(_with_types(model), rows, weights)
    type_scores: FloatArray = both[:, n_classes:]
    return model.mix(both[:, :n_classes], type_scores, rows[:, 0]), type_scores


def leak_scores(model: CompiledModel, padded: Padded) -> FloatArray:
    """The "not one of the listed conditions" scores of a padded chunk, shape (N,)
    (:mod:`milia.engine.not_listed`), summed row by row as the one-case path sums them."""
    column = leak_column(model)[:, None]
    return _weighted_sum(column, padded.rows, padded.weights)[:, 0]


def _weighted_sum(log_p: FloatArray, rows: IntArray, weights: FloatArray) -> FloatArray:
    total: FloatArray = log_p[rows[:, 0]] * weights[:, 0, None]
    for k in range(1, rows.shape[1]):
        total += log_p[rows[:, k]] * weights[:, k, None]
    return total


@cache
def _with_types(model: CompiledModel) -> FloatArray:
    """``log_p`` of the conditions, then of the milia types, side by side (R, C + T)."""
    assert model.mixture is not None
    both: FloatArray = np.concatenate([model.log_p, model.mixture.log_p], axis=1)
    return both


@dataclass(frozen=True, eq=False)
class Computed:
    """Everything the assessments of a chunk hold, before any output container is built.

    Lists are per case unless said otherwise. :func:`~milia.engine.fast_dicts.to_dicts` builds the
    result dicts; :mod:`milia.engine.jsontext` writes the same as JSON text.
    """

    cases: Sequence[Mapping[str, Any]]
    orders: list[list[int]]  # classes, most likely first
    order_array: IntArray  # (N, C) the same
    floor_ints: IntArray  # (N, C) probabilities x 10,000 rounded down, class order
    outside_ints: IntArray  # (N,) the "not listed" share x 10,000 rounded down (not_listed.py)
    selected: Selected | None  # the why items of the conditions and the best types
    mixture: MixturePicks | None  # milia's items (mixture) of the cases that show them
    types: list[tuple[int, float] | None]  # the milia type (column, probability)
    flags: list[list[int]]  # fired red flags (indices into the policy's flags)
    advice: list[list[int]]  # fired advice items (indices into advice_items())
    questions: list[list[tuple[str, float, str | None]]]
    levels: list[int]
    # in their final order, without ``evidence``: each writer adds it (to_dicts: with_evidence;
    # jsontext: the reason's text is mostly cached)
    reasons: list[list[dict[str, Any]]]
    why_top: int
    # (case, flag) -> the message of a fired flag that names the case's findings
    messages: dict[tuple[int, int], str]
    # case -> its milia type's name where it is not the label: a cause type whose cause was
    # not reported (triage_flags.type_name; QA F13-04's rest)
    type_names: dict[int, str] = field(default_factory=dict)

    @cached_property
    def mixed(self) -> dict[int, list[MixedItem]]:
        """Milia's mixture items by case (the cases that explain milia), as tuples."""
        if self.mixture is None:
            return {}
        items = picked_items(prepared(), self.mixture, self.cases)
        return dict(zip(self.mixture.which, items, strict=True))

    @cached_property
    def mixed_texts(self) -> dict[int, str]:
        """The JSON text of milia's mixture items by case (cases with items only)."""
        return {} if self.mixture is None else mixture_texts(prepared(), self.mixture, self.cases)

    @property
    def floors(self) -> list[list[float]]:
        """Probabilities rounded down to 4 decimals, class order (``FLOORS[k]``)."""
        return [list(map(FLOORS.__getitem__, row)) for row in self.floor_ints.tolist()]


def compute_chunk(
    cleaned: Sequence[Mapping[str, Any]], *, n_questions: int, why_top: int
) -> Computed:
    """The numbers, rankings and rules of the assessments of validated cases."""
    n = len(cleaned)
    prep = prepared()
    model = prep.model
    tmodel = model.mixture
    assert tmodel is not None
    classes, types = model.classes, tmodel.classes
    all_names = labels()["all"]
    m = model.mixture_class

    ages = [case_age_days(c) for c in cleaned]
    padded = encode_chunk(prep, cleaned, ages)
    scores, type_scores = log_posteriors(model, padded)
    probs, type_probs = softmax(scores), softmax(type_scores)
    shares = listed_share(scores, leak_scores(model, padded))  # (N, 1), QA F9-C11
    orders_arr = shown_order(probs)
    ranks_arr = np.argsort(orders_arr, axis=1)
    with_type = ranks_arr[:, m] < MILIA_TOP
    bests_arr = np.argmax(type_probs, axis=1)

    mixture: MixturePicks | None = None
    wanted = np.zeros((n, len(classes)), dtype=bool)
    if why_top > 0:
        wanted[:] = ranks_arr < why_top
        wanted[:, m] = False
        which = np.flatnonzero(ranks_arr[:, m] < why_top).tolist()
        if which:
            mixture = mixture_picks(prep, padded, type_scores, which)
    selected = (
        select_items(prep, padded, wanted, bests_arr, with_type)
        if wanted.any() or with_type.any()
        else None
    )

    table = question_table(model)
    gains: FloatArray = np.zeros((n, 0))
    order_q: IntArray = np.zeros((n, 0), dtype=np.intp)
    gains_ok = questions_supported(table)  # and no NaN gain (the chunk form's filter)
    if n_questions > 0:
        gains = table.gains(probs, type_probs)
        order_q = np.argsort(-gains, axis=1)
        gains_ok = gains_ok and not np.isnan(gains).any()

    policy = triage_policy(classes)
    assert policy.fired is not None
    fired_flags, fired_advice = policy.fired, advice_rules(classes)
    flag_levels = [f.level for f in policy.flags]
    # each flag's message, whether it names the case's findings, its level and sources
    flag_parts = [(f.message, f.template is not None, f.level, f.sources) for f in policy.flags]
    flag_lists: list[list[int]] | None = None
    raising_held: BoolArray | None = None  # (N, R) the relaxed rules that hold (raising.py)
    messages: dict[tuple[int, int], str] = {}  # (case, flag) -> a message naming findings
    advice_lists: list[list[int]] = []
    facts: ChunkFacts | None = None
    if n >= CHUNK_RULES_FROM:  # the rules for the whole chunk at once (same answers)
        facts = ChunkFacts(
            cases=cleaned,
            ages=np.array([math.nan if a is None else a for a in ages], dtype=float),
            ranks=ranks_arr,
            probs=probs,
            milia_types=np.where(with_type, bests_arr, -1),
            type_classes=types,
            rows=padded.rows,
            present=np.arange(padded.rows.shape[1]) < padded.lengths[:, None],
            n_rows=len(model.rows),
        )
        flag_lists = fired_lists(flag_rules(model)(facts))
        if n_questions > 0:
            raising_held = raising_chunk_rules(model)(facts)
        advice_lists = fired_lists(advice_chunk_rules(model)(facts))
        top = orders_arr[:, 0]
        messages = flag_messages(policy, flag_lists, padded.rows, facts.present, top)
    plists = probs.tolist()
    share_list = shares[:, 0].tolist()
    thresholds = policy.threshold_levels(probs).tolist()
    orders, typed = orders_arr.tolist(), with_type.tolist()
    # each case's ranks as lists, for the per-case rules only (the chunk form reads arrays)
    chunk_questions_ok = n_questions > 0 and raising_held is not None and gains_ok
    ranks = ranks_arr.tolist() if flag_lists is None or not chunk_questions_ok else []
    bests, best_ps = bests_arr.tolist(), type_probs[np.arange(n), bests_arr].tolist()
    out_types: list[tuple[int, float] | None] = []
    flags, advice, levels, reasons_of = [], [], [], []
    questions: list[list[tuple[str, float, str | None]]] = []
    type_ids: list[str | None] = []
    for i, case in enumerate(cleaned):
        order, plist, age = orders[i], plists[i], ages[i]
        rank = ranks[i] if ranks else []  # read by the per-case rules only
        type_id: str | None = None
        type_p = 0.0
        if typed[i]:  # milia in the top three
            type_id, type_p = types[bests[i]], best_ps[i]
            out_types.append((bests[i], type_p))
        else:
            out_types.append(None)
        level, reasons = policy.base(
            plist,
            order,
            classes,
            all_names,
            type_id,
            type_p,
            threshold=thresholds[i],
            share=share_list[i],
        )
        fired = (
            fired_flags(case, age, rank, plist, type_id) if flag_lists is None else flag_lists[i]
        )
        for f in fired:
            text, templated, flag_level, sources = flag_parts[f]
            if templated:  # names the case's findings
                text = messages.get((i, f)) or policy.flag_message(
                    policy.flags[f], case, age, rank or ranks_arr[i].tolist()
                )
                messages[i, f] = text
            if flag_level > 0:
                reasons.append({"text": text, "sources": list(sources)})
                if flag_level > level:
                    level = flag_level
        flags.append(fired)
        levels.append(level)
        reasons_of.append(reasons)
        advice.append(
            fired_advice(case, age, rank, plist, type_id) if flag_lists is None else advice_lists[i]
        )
        type_ids.append(type_id)
    never_reassured(cleaned, ages, padded, scores, type_scores, levels, reasons_of)
    for i, fired in enumerate(flags):
        # self-care needs the key findings (QA F7-04); the reasons that set the level
        # come first (QA F6-07)
        level = levels[i] = described_floor(policy, cleaned[i], levels[i], reasons_of[i])
        shown = (
            {messages.get((i, f)) or flag_parts[f][0]: flag_levels[f] for f in fired}
            if fired
            else _NO_FLAGS
        )
        # the reasons are this chunk's own dicts: ordered without copies
        reasons_of[i] = ordered_fresh(LEVELS[level], reasons_of[i], shown)
    # questions need the final level: the findings that could raise it come first (F6-02)
    relaxed = raising_rules(classes)
    if n_questions <= 0:
        questions = [[] for _ in cleaned]
    elif chunk_questions_ok:  # the whole chunk at once (same answers)
        assert raising_held is not None
        questions = chunk_questions(
            table,
            relaxed,
            cleaned,
            ages,
            levels,
            raising_held,
            gains,
            order_q,
            limit=n_questions,
            given_of=None if facts is None else facts.given,
        )
    else:
        q_order, q_values = order_q.tolist(), gains.tolist()
        for i, case in enumerate(cleaned):
            holds, kept = holds_above(classes, levels[i])  # the rules above its level
            held = [kept[j] for j in holds(case, ages[i], ranks[i], plists[i], type_ids[i])]
            raising = relaxed.fields_for(case, levels[i], held)
            questions.append(
                table.ranked_fields(
                    q_order[i], q_values[i], case, ages[i], limit=n_questions, raising=raising
                )
            )
    floor_ints = np.floor(probs * shares * 10_000).astype(np.intp)
    outside_ints = np.floor((1.0 - shares[:, 0]) * 10_000).astype(np.intp)
    type_labels = labels()["milia_types"]
    named: dict[int, str] = {}
    for i, type_id in enumerate(type_ids):
        if type_id is not None:
            label = type_labels[type_id]
            name = type_name(type_id, cleaned[i], label, milia=FLOORS[floor_ints[i, m]])
            if name != label:
                named[i] = name
    return Computed(
        cases=cleaned,
        orders=orders,
        order_array=orders_arr,
        floor_ints=floor_ints,
        outside_ints=outside_ints,
        selected=selected,
        mixture=mixture,
        types=out_types,
        flags=flags,
        # "most likely X" only when X is printed at the "not listed" share or more (F10-03)
        advice=likely_chunk(advice, floor_ints, outside_ints, tuple(classes)),
        questions=questions,
        levels=levels,
        reasons=reasons_of,
        why_top=why_top,
        messages=messages,
        type_names=named,
    )


def assess_chunk(
    cleaned: Sequence[Mapping[str, Any]], *, n_questions: int, why_top: int
) -> list[dict[str, Any]]:
    """The assessments of validated cases (see :func:`milia.engine.assess.assess`).

    Parameters
    ----------
    cleaned : sequence of Mapping
        Cases already checked by :func:`~milia.engine.case.validate_case`.
    n_questions : int
        Next questions per case.
    why_top : int
        Explain only the ``why_top`` most likely conditions of each case.
    """
    from milia.engine.fast_dicts import to_dicts  # it imports this module

    if not cleaned:
        return []
    return to_dicts(compute_chunk(cleaned, n_questions=n_questions, why_top=why_top))
