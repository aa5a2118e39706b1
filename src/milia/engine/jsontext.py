"""Assessments written straight to JSON text: the fast path for JSON lines.

:func:`to_json` writes the same assessments as :func:`milia.engine.fast.to_dicts`
without building the dicts: every part that depends only on the knowledge
base (each why item, each condition's opening, red flags, advice, the fixed
parts of each question) is JSON text prepared once, and a result is joined
from those pieces and the case's numbers. ``json.loads`` of each line gives
exactly the dict ``assess`` gives (tests check it on thousands of cases).
:func:`assess_lines` reads JSON lines of cases (bare or ``{"id", "case"}``)
and writes one JSON line per input line, an error record for a bad one, as
``milia assess CASES.jsonl`` prints them. :func:`assess_json` is the one-case
entry: ``json.loads(assess_json(case)) == assess(case)``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, pairwise
from json.encoder import encode_basestring
from typing import Any

from milia.engine.advice import advice_items
from milia.engine.assess import check_count
from milia.engine.case import validate_case
from milia.engine.explain import labels
from milia.engine.fast import DISCLAIMER, Computed, compute_chunk
from milia.engine.json_input import parse_case_json, unwrap_case
from milia.engine.prepared import prepared
from milia.engine.questions import question_table
from milia.engine.triage import LEVELS, triage_policy
from milia.errors import CaseError
from milia.kb.loader import knowledge_version

__all__ = ["assess_json", "assess_lines", "to_json"]


_dumps = json.JSONEncoder(ensure_ascii=False).encode  # as json.dumps(..., ensure_ascii=False)
_string: Any = encode_basestring  # a str as JSON text, as _dumps writes it (C, no encoder set-up)


@dataclass(eq=False)
class _Pieces:
    """JSON text of the knowledge-only parts (why items grow with the item table)."""

    condition_heads: list[str]  # '{"condition": ..., "name": ..., "probability": ' per class
    type_heads: list[str]  # '"milia_type": {"type": ..., "name": ..., "probability": '
    flags: list[str]
    advice: list[str]
    question_heads: dict[str, str]  # a question up to its gain
    tail: str  # knowledge version and disclaimer, closing the object
    items: list[str] = field(default_factory=list)  # why items (numeric ones: head only)
    item_tails: list[str] = field(default_factory=list)  # after the value of numeric ones

    def grow(self) -> None:
        """Write the why items the item table gained since the last call."""
        parts = prepared().items.parts
        for finding, value, factor, text, sources in parts[len(self.items) :]:
            rest = f', "factor": {factor!r}, "text": {_dumps(text)}, '
            rest += f'"sources": {_dumps(list(sources))}}}'
            head = f'{{"finding": {_dumps(finding)}, "value": '
            if value is None:  # the case's own number
                self.items.append(head)
                self.item_tails.append(rest)
            else:
                self.items.append(head + _dumps(value) + rest)
                self.item_tails.append("")


@cache
def _pieces() -> _Pieces:
    model = prepared().model
    tmodel = model.mixture
    assert tmodel is not None
    names = labels()
    table = question_table(model)
    questions = {}
    for name in table.protos:
        item = table.item(name, 0.0)
        del item["expected_information_gain"]
        questions[name] = _dumps(item)[:-1] + ', "expected_information_gain": '
    return _Pieces(
        condition_heads=[
            f'{{"condition": {_dumps(c)}, "name": {_dumps(names["conditions"][c])}, "probability": '
            for c in model.classes
        ],
        type_heads=[
            f'"milia_type": {{"type": {_dumps(t)}, "name": {_dumps(names["milia_types"][t])}, '
            '"probability": '
            for t in tmodel.classes
        ],
        flags=[_dumps(f.as_dict()) for f in triage_policy(model.classes).flags],
        advice=[_dumps(a.as_dict()) for a in advice_items()],
        question_heads=questions,
        tail=f'"knowledge_version": {_dumps(knowledge_version())}, '
        f'"disclaimer": {_dumps(DISCLAIMER)}}}',
    )


def to_json(done: Computed, heads: Sequence[str] | None = None) -> list[str]:
    """The assessments of a computed chunk as JSON object texts, one per case.

    Parameters
    ----------
    heads : sequence of str, optional
        JSON members to put first in each object, each ending in ``", "``
        (``'"id": 7, "line": 9, '``).
    """
    pieces = _pieces()
    if len(pieces.items) < len(prepared().items.parts):
        pieces.grow()
    n_classes = len(pieces.condition_heads)
    width = n_classes + len(pieces.type_heads)
    whys: list[str] = []
    if done.selected is not None:
        items, tails = pieces.items, pieces.item_tails
        keys = done.selected.keys
        texts = [items[k] for k in keys]
        table = prepared().items.parts
        for i, c in done.selected.numeric:
            value = done.cases[c][table[keys[i]][0]]
            texts[i] = texts[i] + repr(value) + tails[keys[i]]  # a number: JSON as repr
        bounds = [0, *accumulate(c for per_case in done.selected.counts for c in per_case)]
        whys = [", ".join(texts[a:b]) for a, b in pairwise(bounds)]
    m = prepared().model.mixture_class
    heads_ = heads if heads is not None else [""] * len(done.cases)
    cond_heads, type_heads = pieces.condition_heads, pieces.type_heads
    flag_texts, advice_texts, question_heads = pieces.flags, pieces.advice, pieces.question_heads
    explained = bool(whys) and done.why_top > 0
    out = []
    for i, (head, order, floor) in enumerate(zip(heads_, done.orders, done.floors, strict=True)):
        at = i * width
        mixed = _items_json(done.mixed[i]) if i in done.mixed else None
        entries = [
            f'{cond_heads[c]}{floor[c]!r}, "why": ['
            f"{mixed if c == m and mixed is not None else whys[at + c] if explained else ''}]}}"
            for c in order
        ]
        kind = done.types[i]
        if kind is None:
            milia_type = '"milia_type": null, '
        else:
            best, type_p = kind
            milia_type = (
                f"{type_heads[best]}{math.floor(type_p * 10_000) / 10_000!r}, "
                f'"why": [{whys[at + n_classes + best] if whys else ""}]}}, '
            )
        questions = ", ".join(
            f"{question_heads[name]}{round(gain, 4)!r}"
            + ("}" if reason is None else f', "reason": {_string(reason)}}}')
            for name, gain, reason in done.questions[i]
        )
        out.append(
            f'{{{head}"differential": [{", ".join(entries)}], {milia_type}'
            f'"triage": {{"level": "{LEVELS[done.levels[i]]}", "reasons": ['
            + ", ".join(
                f'{{"text": {_string(r["text"])}, "sources": {_sources(r["sources"])}}}'
                for r in done.reasons[i]
            )
            + f']}}, "red_flags": [{", ".join([flag_texts[f] for f in done.flags[i]])}], '
            f'"advice": [{", ".join([advice_texts[a] for a in done.advice[i]])}], '
            f'"next_questions": [{questions}], {pieces.tail}'
        )
    return out


def _sources(sources: Sequence[str]) -> str:
    """JSON text of a list of source ids (cached: the lists come from the knowledge base)."""
    key = tuple(sources)
    text = _SOURCES.get(key)
    if text is None:
        text = _SOURCES[key] = _dumps(list(sources))
    return text


_SOURCES: dict[tuple[str, ...], str] = {}


def _items_json(items: list[dict[str, Any]]) -> str:
    """JSON text of why items (without the brackets), as json.dumps would write them."""
    return ", ".join(
        f'{{"finding": {_string(item["finding"])}, "value": {_dumps(item["value"])}, '
        f'"factor": {item["factor"]!r}, "text": {_string(item["text"])}, '
        f'"sources": {_sources(item["sources"])}}}'
        for item in items
    )


def assess_json(case: object, *, n_questions: int = 5) -> str:
    """Assess one case and return the assessment as JSON text (no dicts built).

    ``json.loads(assess_json(case)) == assess(case)`` for every valid case (tests
    check it on thousands of generated and red-flag cases); the text is what
    ``json.dumps(assess(case), ensure_ascii=False)`` writes, from the prepared
    fragments of :func:`to_json`.

    Parameters
    ----------
    case : Mapping or str
        A case in the case format, as a mapping or a JSON text.
    n_questions : int, optional
        How many next questions to return, best first (default 5).

    Raises
    ------
    CaseError
        As :func:`milia.engine.assess.assess` raises it.
    """
    clean = validate_case(case)
    n_questions = check_count("n_questions", n_questions)
    return to_json(compute_chunk([clean], n_questions=n_questions, why_top=23))[0]


def assess_lines(
    lines: Sequence[tuple[int, str]], *, n_questions: int = 5, why_top: int = 23
) -> list[tuple[str, bool]]:
    """Assess numbered JSON lines of cases; one JSON text per line, in order.

    Each line holds a bare case or ``{"id": ..., "case": {...}}``. A valid
    one gives ``{"id", "line", **assessment}``; an invalid one gives ``{"id",
    "line", "error", "detail", "field", "suggestion"}`` with ``detail``
    prefixed by ``line N:``.

    Returns
    -------
    list of (str, bool)
        Each line's JSON text, and whether it is an error record.
    """
    out: list[tuple[str, bool]] = []
    valid: list[Mapping[str, Any]] = []
    heads: list[str] = []
    where: list[int] = []
    for number, line in lines:
        case_id: Any = None
        try:
            obj = parse_case_json(line, where="the line", field=None)
            if isinstance(obj, dict):
                case_id = obj.get("id")  # carried into the error record too
            case_id, case = unwrap_case(obj)
            valid.append(validate_case(case))
            heads.append(f'"id": {_dumps(case_id)}, "line": {number}, ')
            where.append(len(out))
            out.append(("", False))
        except CaseError as err:
            record = {"id": case_id, "line": number, **err.to_dict()}
            record["detail"] = f"line {number}: {err.message}"
            out.append((_dumps(record), True))
    if valid:
        texts = to_json(compute_chunk(valid, n_questions=n_questions, why_top=why_top), heads)
        for index, text in zip(where, texts, strict=True):
            out[index] = (text, False)
    return out
