"""The next questions of a chunk of cases at once, as the one-case path ranks them.

The one-case path (:meth:`milia.engine.questions.QuestionTable.ranked_fields`
with :meth:`milia.engine.raising.RaisingRules.fields_for`) puts, per case,
the baby-unwell or unknown-age question first, then the fields not given that
a relaxed red-flag rule more urgent than the case's level could fire (most
urgent first, then the answers that alone could, then by gain, then by name),
then the other fields not given by gain (down to ``min_gain``), at most
``limit`` in all. Every field takes at
most one of these places, so each (case, field) gets one group and one sort
key, and a chunk's questions are one ``lexsort`` of an (N, fields) table:

- group 0: ``unwell`` for a baby who is not known to be well or unwell;
- group 1: ``age`` when unknown;
- group 2: a field not given that a held relaxed rule of a level above the
  case's names, keyed by its best such level (most urgent first), whether its
  answer alone could give that level (first if so), its gain (0 for a field
  without one), its name;
- group 3: any other field not given with a gain of at least ``min_gain``,
  keyed by its place in the gain order (``np.argsort(-gains)``, as the
  one-case path orders them);
- group 4: not asked.

Tests compare the result with the one-case path on thousands of cases.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, pairwise, repeat
from typing import Any

import numpy as np
import numpy.typing as npt

from milia.engine.questions import (
    _BABY_DAYS,
    AGE_REASON,
    SAFETY_REASON,
    QuestionTable,
    raise_reason,
)
from milia.engine.raising import RaisingRules

__all__ = ["chunk_questions", "questions_supported"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]

_NOT_ASKED = 4
_NAN = float("nan")
MIN_GAIN: float = (QuestionTable.ranked_fields.__kwdefaults__ or {})["min_gain"]


@dataclass(frozen=True, eq=False)
class _Columns:
    """The fields a question can be about, in one column order: the gain columns
    (:attr:`QuestionTable.fields`, then ``age``), the other questions, then the fields
    relaxed rules name that are no question (they count for whether any field could
    raise the level, as in the one-case path, but are never asked)."""

    names: tuple[str, ...]
    column: dict[str, int]
    n_gains: int  # the gain columns
    askable: BoolArray  # (U,) a field with a question
    name_rank: IntArray  # (U,) place of the name in sorted order (the last tie-break)
    levels: IntArray  # (L,) the rule levels above 0
    # (R, L * U) per level, the fields each rule of that level names (a rule's own block)
    by_level: npt.NDArray[np.float32]
    # the same for the rules that hold when one answer alone could fire the flag (QA F8-02)
    alone_by_level: npt.NDArray[np.float32]
    # per reason code: 0 none, 1 unwell, 2 age, 3 + 2 x level + (1 when that answer alone could)
    reasons: tuple[str | None, ...]


@cache
def _columns(table: QuestionTable, rules: RaisingRules) -> _Columns:
    gain_names = (*table.fields, "age")
    names = list(gain_names)
    names += [f for f in table.protos if f not in gain_names]
    askable = len(names)
    names += sorted({f for fs in rules.fields for f in fs} - set(names))
    column = {name: j for j, name in enumerate(names)}
    fields = np.zeros((len(rules.fields), len(names)), dtype=bool)
    for r, found in enumerate(rules.fields):
        fields[r, [column[f] for f in found]] = True
    levels = sorted({level for level in rules.levels if level > 0})
    by_level = np.zeros((len(rules.fields), len(levels), len(names)), dtype=np.float32)
    alone_by_level = np.zeros_like(by_level)
    for r, level in enumerate(rules.levels):
        if level > 0:
            by_level[r, levels.index(level)] = fields[r]
            if rules.alone and rules.alone[r]:
                alone_by_level[r, levels.index(level)] = fields[r]
    top = max(rules.levels, default=0)
    return _Columns(
        names=tuple(names),
        column=column,
        n_gains=len(gain_names),
        askable=np.arange(len(names)) < askable,
        name_rank=np.argsort(np.argsort(np.asarray(names, dtype=object))).astype(np.intp),
        levels=np.asarray(levels, dtype=np.intp),
        by_level=by_level.reshape(len(rules.fields), -1),
        alone_by_level=alone_by_level.reshape(len(rules.fields), -1),
        reasons=(
            None,
            SAFETY_REASON,
            AGE_REASON,
            *(raise_reason(lv, alone) for lv in range(top + 1) for alone in (False, True)),
        ),
    )


def questions_supported(table: QuestionTable) -> bool:
    """Whether the chunk form gives the one-case answers for ``table``: the one-case
    path may ask ``unwell`` twice when it has a gain, which one place per field cannot."""
    return "unwell" not in table.fields


def chunk_questions(
    table: QuestionTable,
    rules: RaisingRules,
    cases: Sequence[Mapping[str, Any]],
    ages: Sequence[float | None],
    levels: Sequence[int],
    held: BoolArray,
    gains: FloatArray,
    order: IntArray,
    *,
    limit: int,
    given_of: Callable[[str], BoolArray] | None = None,
) -> list[list[tuple[str, float, str | None]]]:
    """Each case's questions as ``(field, gain, reason)``, as the one-case path gives them.

    Parameters
    ----------
    cases : sequence of Mapping
        Validated cases.
    ages : sequence of float or None
        Their ages in days.
    levels : sequence of int
        Their final triage levels (ranks).
    held : ndarray of bool, shape (N, R)
        Which relaxed rules of ``rules`` hold for each case.
    gains : ndarray, shape (N, G + 1)
        :meth:`QuestionTable.gains` (no NaN: the caller checks).
    order : ndarray of int, shape (N, G + 1)
        ``np.argsort(-gains, axis=1)``: the gain order the one-case path follows.
    limit : int
        Questions per case (1 or more).
    given_of : callable, optional
        Whether each case gives a field, by its name (``ChunkFacts.given``, already
        read for the rules); else read here from the cases' keys.
    """
    cols = _columns(table, rules)
    n, width, n_gains = len(cases), len(cols.names), cols.n_gains
    column = cols.column
    if given_of is not None:
        given = np.stack([given_of(name) for name in cols.names], axis=1)
        gives_age = given_of("age_days") | given_of("age_years")
    else:  # which fields each case gives: its keys' columns (-1: no question field)
        keys = [key for case in cases for key in case]
        at_column = np.fromiter(map(column.get, keys, repeat(width)), np.intp, len(keys))
        at_case = np.repeat(np.arange(n), [len(case) for case in cases])
        given = np.zeros((n, width + 1), dtype=bool)
        given[at_case, at_column] = True
        given = given[:, :width]
        gives_age = np.array(
            ["age_days" in case or "age_years" in case for case in cases], dtype=bool
        )
    group = np.full((n, width), _NOT_ASKED, dtype=np.intp)
    second = np.zeros((n, width), dtype=np.intp)  # minus the level (group 2)
    third = np.zeros((n, width), dtype=float)  # minus the gain (2); place by gain (3)
    # group 3: by gain, not given, at least min_gain (the gain order is descending)
    place = np.empty_like(order)
    np.put_along_axis(place, order, np.arange(n_gains)[None, :], axis=1)
    by_gain = ~given[:, :n_gains] & (gains >= MIN_GAIN)
    by_gain[:, column["age"]] = False
    group[:, :n_gains][by_gain] = 3
    third[:, :n_gains] = np.where(by_gain, place, 0)
    # group 2: the best level a held relaxed rule above the case's level names per field
    above = cols.levels[None, :] > np.asarray(levels, dtype=np.intp)[:, None]  # (N, L)
    held_f = held.astype(np.float32)
    named = (held_f @ cols.by_level).reshape(n, len(cols.levels), width) > 0
    named &= above[:, :, None]
    best = (named * cols.levels[None, :, None]).max(axis=1, initial=0)
    best[given] = 0
    # whether the field's answer alone could give its best level (QA F8-02)
    alone_named = (held_f @ cols.alone_by_level).reshape(n, len(cols.levels), width) > 0
    alone_named &= above[:, :, None]
    alone = (alone_named & (cols.levels[None, :, None] == best[:, None, :])).any(axis=1)
    raising = np.asarray((best > 0).any(axis=1), dtype=bool)  # the one-case list not empty
    raise_here = (best > 0) & cols.askable & raising[:, None]
    # groups 0 and 1 come first and take the field
    age = np.array([_NAN if a is None else a for a in ages], dtype=float)
    unwell = column["unwell"]
    baby = (age < _BABY_DAYS) & ~given[:, unwell]
    unknown_age = ~gives_age
    raise_here[baby, unwell] = False  # taken by the safety questions
    raise_here[unknown_age, column["age"]] = False
    group[raise_here] = 2
    second[raise_here] = -best[raise_here]
    gain_of = np.zeros((n, width), dtype=float)
    gain_of[:, :n_gains] = gains
    third[raise_here] = -gain_of[raise_here]
    group[baby, unwell] = 0
    group[unknown_age, column["age"]] = 1
    name_rank = np.broadcast_to(cols.name_rank, (n, width))
    # the safety questions are asked whatever the limit (both can come: an age band
    # without age_days or age_years), then the rest up to the limit
    first = baby.astype(np.intp) + unknown_age
    # among equal levels, an answer that alone could raise it first (F9-14, session 10)
    by_itself = np.where(raise_here, -alone.astype(np.intp), 0)
    ranked = np.lexsort((name_rank, third, by_itself, second, group), axis=1)[:, : limit + 2]
    picked_group = np.take_along_axis(group, ranked, axis=1)
    code = 3 + 2 * best + alone
    reason = np.where(picked_group == 2, np.take_along_axis(code, ranked, axis=1), 0)
    reason[picked_group == 0] = 1
    reason[picked_group == 1] = 2
    gain = np.where(picked_group == 0, 0.0, np.take_along_axis(gain_of, ranked, axis=1))
    counts = np.minimum((picked_group < _NOT_ASKED).sum(axis=1), np.maximum(first, limit))
    kept = np.arange(ranked.shape[1])[None, :] < counts[:, None]
    flat = list(
        zip(
            map(cols.names.__getitem__, ranked[kept].tolist()),
            gain[kept].tolist(),
            map(cols.reasons.__getitem__, reason[kept].tolist()),
            strict=True,
        )
    )
    bounds = [0, *accumulate(counts.tolist())]
    return [flat[a:b] for a, b in pairwise(bounds)]
