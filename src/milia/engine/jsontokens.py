"""JSON text of assessments from prepared tokens (the engine of :mod:`milia.engine.jsontext`).

Every part of an assessment that depends only on the knowledge base (each
condition's opening, each probability rounded down, each why item with and
without its leading comma, the head and tail of an item holding the case's
number, red flags, advice, the fixed parts of each question) is JSON text
prepared once (:class:`Pieces`). :func:`stream` lays out a chunk's texts as
token ids with numpy and joins each case once; :func:`few` does the same for
a few cases in plain Python (numpy's fixed cost dominates there).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, pairwise
from json.encoder import encode_basestring
from typing import Any

import numpy as np
import numpy.typing as npt

from milia.engine.advice import advice_items
from milia.engine.evidence import reason_evidence
from milia.engine.explain import labels
from milia.engine.fast import DISCLAIMER, FLOORS, Computed
from milia.engine.jsongather import Gather
from milia.engine.not_listed import not_listed_entry
from milia.engine.prepared import IntArray, prepared
from milia.engine.questions import question_table
from milia.engine.triage import triage_policy
from milia.kb.loader import knowledge_version

__all__ = [
    "STREAM_FROM",
    "Pieces",
    "TokenIds",
    "dumps",
    "few",
    "layout",
    "pieces",
    "sources_text",
    "stream",
    "string_text",
    "type_head",
    "value_text",
]

TokenIds = npt.NDArray[np.int32]  # token ids of a chunk's texts (see layout)
dumps = json.JSONEncoder(ensure_ascii=False).encode  # as json.dumps(..., ensure_ascii=False)
string_text: Any = encode_basestring  # a str as JSON text, as dumps writes it (C, no set-up)


def type_head(type_id: str, name: str) -> str:
    """The JSON text of a milia type up to its probability, ``dumps`` as ``assess`` writes it."""
    return f'"milia_type": {{"type": {dumps(type_id)}, "name": {dumps(name)}, "probability": '


@dataclass(eq=False)
class Pieces:
    """JSON text of the knowledge-only parts (why items grow with the item table).

    ``tokens`` holds, at fixed offsets, each condition's opening (first in the
    differential, or after the previous entry's close), each probability
    rounded down to 4 decimals followed by the opening of its ``why`` list,
    and, three per why item part, the item's text (first in its list, or after
    a comma) and, for an item holding the case's number, its tail after the
    value (the two texts are then the item up to the value).
    """

    condition_heads: list[str]  # '{"condition": ..., "name": ..., "probability": ' per class
    type_heads: list[str]  # '"milia_type": {"type": ..., "name": ..., "probability": '
    flags: list[str]
    # each red flag's text around a message naming the case's findings: before, after
    flag_around: list[tuple[str, str]]
    advice: list[str]
    question_heads: dict[str, str]  # a question up to its gain
    # a question worded for the age (QA F7-01) up to its gain, by field and variant
    question_variants: dict[str, dict[str, str]]
    tail: str  # knowledge version and disclaimer, closing the object
    # '"not_listed": {"probability": ' and the rest of that member after the number
    not_listed_around: tuple[str, str]
    tokens: list[str]  # see the class docstring
    numeric_fields: tuple[str, ...]  # the fields whose items hold the case's number
    part_field: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.intp))
    n_parts: int = 0
    table: npt.NDArray[np.object_] = field(default_factory=lambda: np.zeros(0, dtype=object))

    @property
    def items_at(self) -> int:
        """Offset of the why items in :attr:`tokens`."""
        return len(self.tokens) - 3 * self.n_parts

    def grow(self) -> None:
        """Write the why items the item table gained since the last call."""
        parts = prepared().items.parts
        fields = []
        for finding, value, factor, text, sources in parts[self.n_parts :]:
            rest = f', "factor": {factor!r}, "text": {dumps(text)}, '
            rest += f'"sources": {dumps(list(sources))}, '
            rest += f'"evidence": {dumps(reason_evidence(sources))}}}'
            head = f'{{"finding": {dumps(finding)}, "value": '
            if value is None and finding in self.numeric_fields:  # the case's own number
                self.tokens += [head, ", " + head, rest]
                fields.append(self.numeric_fields.index(finding))
            else:  # fixed (hidden rows, never shown, too)
                whole = head + dumps(value) + rest
                self.tokens += [whole, ", " + whole, ""]
                fields.append(-1)
        self.part_field = np.concatenate([self.part_field, np.asarray(fields, dtype=np.intp)])
        self.n_parts = len(parts)
        self.table = np.empty(len(self.tokens), dtype=object)
        self.table[:] = self.tokens


@cache
def pieces() -> Pieces:
    """The writer's fixed JSON pieces for the packaged model, built once (cached).

    Returns
    -------
    Pieces
        The pre-encoded tokens of the differential, types, questions and why items.
    """
    model = prepared().model
    tmodel = model.mixture
    assert tmodel is not None
    names = labels()
    table = question_table(model)
    questions = {
        name: dumps(table.head(name))[:-1] + ', "expected_information_gain": '
        for name in table.protos
    }
    heads = [
        f'{{"condition": {dumps(c)}, "name": {dumps(names["conditions"][c])}, "probability": '
        for c in model.classes
    ]
    return Pieces(
        condition_heads=heads,
        type_heads=[type_head(t, names["milia_types"][t]) for t in tmodel.classes],
        flags=[dumps(f.as_dict()) for f in triage_policy(model.classes).flags],
        flag_around=[_around_message(f.as_dict()) for f in triage_policy(model.classes).flags],
        advice=[dumps(a.as_dict()) for a in advice_items()],
        question_heads=questions,
        question_variants={
            name: {
                v: dumps(table.head(name, v))[:-1] + ', "expected_information_gain": '
                for v in table.variants(name)
            }
            for name in table.protos
            if len(table.variants(name)) > 1
        },
        not_listed_around=_around_probability(),
        tail=f'"knowledge_version": {dumps(knowledge_version())}, '
        f'"disclaimer": {dumps(DISCLAIMER)}}}',
        tokens=[*heads, *("]}, " + h for h in heads), *(f'{p!r}, "why": [' for p in FLOORS)],
        numeric_fields=tuple(model.numeric_edges),
    )


_MESSAGE = "milia: the message goes here"


def _around_probability() -> tuple[str, str]:
    """The JSON text of the ``not_listed`` member before and after its probability."""
    text = dumps(not_listed_entry(0.5))
    before, after = text.split("0.5", 1)  # the probability is the first value
    return f'"not_listed": {before}', f"{after}, "


def _around_message(flag: dict[str, Any]) -> tuple[str, str]:
    """The JSON text of ``{**flag, "message": m}`` before and after ``m``'s text."""
    text = dumps({**flag, "message": _MESSAGE})
    before, after = text.split(dumps(_MESSAGE))  # the flag's texts never hold it
    return before, after


def stream(
    done: Computed, pieces: Pieces, pre: list[str], mid: list[str], end: list[str]
) -> list[str]:
    """Each case's JSON text, laid out as token ids with numpy and joined once
    (:func:`layout`)."""
    ids, bounds, dynamic = layout(done, pieces, pre, mid, end)
    texts = _GATHER_TEXT.gather(pieces.table, dynamic, ids)
    return ["".join(texts[a:b]) for a, b in pairwise(bounds.tolist())]


_GATHER_TEXT = Gather()


def layout(
    done: Computed, pieces: Pieces, pre: list[str], mid: list[str], end: list[str]
) -> tuple[TokenIds, IntArray, list[str]]:
    """Each case's JSON text as token ids, laid out with numpy.

    A case is ``pre``, its 23 conditions in rank order (an opening and the
    probability, then the why items), ``mid``, its best milia type's items,
    ``end``. A fixed item is one token, an item holding the case's number
    three (its head, the number, its tail); milia's mixture items are one
    token per case. The texts come from the token table (ids below its
    length) and this chunk's own texts (``pre``, ``mid``, ``end``, numbers,
    mixture items: ids from the table's length on).

    Returns
    -------
    ids : ndarray of int32
        Every case's token ids, one case after the other (32 bits: half the memory
        traffic of the layout's last steps and the gather; a chunk's ids stay far
        below 2**31).
    bounds : ndarray of int, shape (N + 1,)
        Where each case's ids start, then the end.
    dynamic : list of str
        The chunk's own texts.
    """
    n, n_classes = done.order_array.shape
    groups = n_classes + 2  # the conditions, the type's items, the end
    order = done.order_array
    rank_of = np.empty_like(order)
    np.put_along_axis(rank_of, order, np.arange(n_classes)[None, :], axis=1)
    base = len(pieces.tokens)
    dynamic: list[str] = [*pre, *mid, *end]  # then numbers, mixture items
    sizes = np.zeros((n, groups), dtype=np.intp)  # item tokens per group, output order
    sel = done.selected
    keys = src_start = new_counts = np.zeros(0, dtype=np.intp)
    numeric = np.zeros(0, dtype=bool)
    if sel is not None:
        counts = sel.counts  # (N, C + 1) in column order, the type last
        numeric = sel.numeric
        col_sizes = counts.copy()
        item_ends = np.cumsum(counts.ravel())  # where each group's items end in keys
        numeric_at = np.flatnonzero(numeric)
        if len(numeric_at):  # two more tokens each: the number and the item's tail
            group_of = np.searchsorted(item_ends, numeric_at, side="right")
            col_sizes += 2 * np.bincount(group_of, minlength=counts.size).reshape(counts.shape)
        perm = np.empty((n, n_classes + 1), dtype=np.intp)
        perm[:, :n_classes] = order
        perm[:, n_classes] = n_classes
        sizes[:, : n_classes + 1] = np.take_along_axis(col_sizes, perm, axis=1)
        keys = sel.keys
        item_start = item_ends - counts.ravel()
        src_start = np.take_along_axis(item_start.reshape(counts.shape), perm, axis=1).ravel()
        new_counts = np.take_along_axis(counts, perm, axis=1).ravel()
    mixed_at: list[int] = []
    m = prepared().model.mixture_class
    if done.mixed_texts:
        mixed_at = list(done.mixed_texts)
        mixed_texts = list(done.mixed_texts.values())
        if mixed_at:
            sizes[mixed_at, rank_of[mixed_at, m]] += 1
    heads = np.ones((n, groups), dtype=np.intp)  # mid, end
    heads[:, :n_classes] = 2  # a condition's opening and probability
    heads[:, 0] = 3  # pre first
    starts = np.zeros(n * groups + 1, dtype=np.intp)
    np.cumsum((sizes + heads).ravel(), out=starts[1:])
    ids = np.full(int(starts[-1]), -1, dtype=np.int32)
    group_at = starts[:-1].reshape(n, groups)
    at = group_at[:, :n_classes].copy()
    ids[at[:, 0]] = base + np.arange(n)  # pre
    at[:, 0] += 1
    ids[group_at[:, n_classes]] = base + n + np.arange(n)  # mid
    ids[group_at[:, n_classes + 1]] = base + 2 * n + np.arange(n)  # end
    first = np.full((n, n_classes), n_classes, dtype=np.intp)
    first[:, 0] = 0  # "]}, " before every entry but the first
    ids[at] = first + order
    ids[at + 1] = 2 * n_classes + np.take_along_axis(done.floor_ints, order, axis=1)
    if mixed_at:
        ids[at[mixed_at, rank_of[mixed_at, m]] + 2] = base + len(dynamic) + np.arange(len(mixed_at))
        dynamic += mixed_texts
    if len(keys):
        # the items in output order: each group's run of the flat (column order) items
        lens = new_counts
        dst = np.zeros(len(lens), dtype=np.intp)
        np.cumsum(lens[:-1], out=dst[1:])
        take = np.repeat(src_start - dst, lens) + np.arange(int(lens.sum()))
        k, num = keys[take], numeric[take]
        later = np.ones(len(take), dtype=np.int32)
        later[dst[lens > 0]] = 0  # the first item of its list has no comma
        tok = pieces.items_at + 3 * k
        width = 1 + 2 * num
        pos = np.zeros(len(take), dtype=np.intp)
        np.cumsum(width[:-1], out=pos[1:])
        stream = np.empty(int(width.sum()), dtype=np.int32)
        stream[pos] = tok + later
        at_num = np.flatnonzero(num)  # the items holding the case's number
        if len(at_num):
            values = _numbers(done.cases, pieces.numeric_fields, base, dynamic)
            case_ends = np.cumsum(lens.reshape(n, n_classes + 1).sum(axis=1))
            case_of = np.searchsorted(case_ends, at_num, side="right")
            put = pos[at_num]
            stream[put + 1] = values[case_of, pieces.part_field[k[at_num]]]
            stream[put + 2] = tok[at_num] + 2
        ids[ids < 0] = stream
    return ids, starts[::groups], dynamic


def _numbers(
    cases: Sequence[Mapping[str, Any]], fields: tuple[str, ...], base: int, dynamic: list[str]
) -> IntArray:
    """Token ids of each case's numbers, (N, len(fields)); texts appended to ``dynamic``."""
    ids = np.zeros((len(cases), len(fields)), dtype=np.intp)
    for q, name in enumerate(fields):
        values = [case.get(name) for case in cases]
        given = [i for i, value in enumerate(values) if value is not None]
        if given:
            start = base + len(dynamic)
            ids[given, q] = np.arange(start, start + len(given))
            dynamic += map(repr, [values[i] for i in given])  # a number: JSON as repr
    return ids


STREAM_FROM = 4  # cases from which numpy lays out the tokens (its fixed cost is ~0.1 ms)


def few(
    done: Computed, pieces: Pieces, pre: list[str], mid: list[str], end: list[str]
) -> list[str]:
    """:func:`stream` for a few cases, token by token in plain Python (same texts)."""
    tokens = pieces.tokens
    n_classes = done.order_array.shape[1]
    m = prepared().model.mixture_class
    sel = done.selected
    keys = sel.keys.tolist() if sel is not None else []
    numeric = sel.numeric.tolist() if sel is not None else []
    counts = sel.counts.tolist() if sel is not None else [[0] * (n_classes + 1)] * len(pre)
    floors = done.floor_ints.tolist()
    out = []
    at = 0  # the case's first item in keys
    for i, order in enumerate(done.orders):
        floor, count = floors[i], counts[i]
        starts = [at + c for c in [0, *accumulate(count)]]
        items = _ItemTexts(pieces, keys, numeric, done.cases[i])
        texts = [pre[i]]
        for j, c in enumerate(order):
            texts += [tokens[c if j == 0 else n_classes + c], tokens[2 * n_classes + floor[c]]]
            mixed = done.mixed_texts.get(i) if c == m else None
            if mixed:
                texts.append(mixed)
            else:
                items.add(texts, starts[c], count[c])
        texts.append(mid[i])
        items.add(texts, starts[n_classes], count[n_classes])
        texts.append(end[i])
        out.append("".join(texts))
        at = starts[-1]
    return out


@dataclass(frozen=True, eq=False)
class _ItemTexts:
    """Adds the texts of a run of one case's selected why items (see :func:`few`)."""

    pieces: Pieces
    keys: list[int]
    numeric: list[bool]
    case: Mapping[str, Any]

    def add(self, texts: list[str], start: int, count: int) -> None:
        tokens, at_items = self.pieces.tokens, self.pieces.items_at
        for p in range(count):
            k = self.keys[start + p]
            texts.append(tokens[at_items + 3 * k + (p > 0)])
            if self.numeric[start + p]:  # the case's number between head and tail
                field_ = self.pieces.numeric_fields[int(self.pieces.part_field[k])]
                texts.append(repr(self.case[field_]))
                texts.append(tokens[at_items + 3 * k + 2])


def sources_text(sources: Sequence[str]) -> str:
    """JSON text of a list of source ids (cached: the lists come from the knowledge base)."""
    key = tuple(sources)
    text = _SOURCE_TEXTS.get(key)
    if text is None:
        text = _SOURCE_TEXTS[key] = dumps(list(sources))
    return text


_SOURCE_TEXTS: dict[tuple[str, ...], str] = {}


def value_text(value: Any) -> str:
    """JSON text of a finding's value, as json.dumps writes it."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    kind = type(value)
    if kind is str:
        return str(string_text(value))
    if kind is int or (kind is float and value - value == 0):  # finite: JSON as repr
        return repr(value)
    return str(dumps(value))
