"""Assessments written straight to JSON text: the fast path for JSON lines.

:func:`to_json` writes the same assessments as :func:`milia.engine.fast_dicts.to_dicts`
without building the dicts: every part that depends only on the knowledge
base (each why item, each condition's opening, red flags, advice, the fixed
parts of each question) is JSON text prepared once
(:mod:`milia.engine.jsontokens`), and a result is joined from those pieces
and the case's numbers. ``json.loads`` of each line gives
exactly the dict ``assess`` gives (tests check it on thousands of cases).
:func:`assess_lines` reads JSON lines of cases (bare or ``{"id", "case"}``)
and writes one JSON line per input line, an error record for a bad one, as
``milia assess CASES.jsonl`` prints them. :func:`assess_json` is the one-case
entry: ``json.loads(assess_json(case)) == assess(case)``.
"""

from __future__ import annotations

import json
import json.scanner
import math
from collections.abc import Mapping, Sequence
from typing import Any

from milia.engine.assess import check_count, gc_paused
from milia.engine.case import case_age_days, validate_case
from milia.engine.evidence import reason_evidence
from milia.engine.fast import FLOORS, GAINS, Computed, compute_chunk
from milia.engine.heap import keep_freed_memory
from milia.engine.json_input import parse_case_json, unwrap_case
from milia.engine.jsonbytes import stream_utf8, utf8
from milia.engine.jsonread import read_valid
from milia.engine.jsontokens import (
    STREAM_FROM,
    Pieces,
    dumps,
    few,
    pieces,
    sources_text,
    stream,
    string_text,
    value_text,
)
from milia.engine.prepared import prepared
from milia.engine.questions import question_table
from milia.engine.triage import LEVELS
from milia.errors import CaseError

__all__ = [
    "assess_json",
    "assess_lines",
    "assess_lines_utf8",
    "read_line",
    "to_json",
    "to_json_utf8",
]

# the C scanner of the json module without its Python wrapper (json.loads)
_DECODER: Any = json.JSONDecoder()
_scan: Any = json.scanner.make_scanner(_DECODER)


def read_line(line: str) -> Any:
    """A JSON line parsed as :func:`~milia.engine.json_input.parse_case_json` parses it.

    The usual line (one object, no surrounding space, no key given twice) is
    read by the json module's scanner alone, without the per-object hook that
    checks for repeated keys: a line has at least as many colons as keys, so
    when its colons are no more than the keys of the parsed object (and of its
    ``case``) no key was repeated. Any other line (a colon inside a string, a
    deeper object, spaces, invalid JSON) goes to ``parse_case_json``, which
    gives the same value or raises the same error.
    """
    try:
        obj, end = _scan(line, 0)
    except (StopIteration, ValueError, RecursionError):
        return parse_case_json(line, where="the line", field=None)
    if end == len(line) and type(obj) is dict:
        inner = obj.get("case")
        if line.count(":") == len(obj) + (len(inner) if type(inner) is dict else 0):
            return obj
    return parse_case_json(line, where="the line", field=None)


# each probability rounded down to 4 decimals, as JSON, then the opening of its why list
_FLOOR_TEXTS = [f'{p!r}, "why": [' for p in FLOORS]
# a reason's JSON text by its text and sources (most recur: fixed messages, a few percents;
# its evidence follows from its sources)
_REASONS: dict[str, tuple[list[str], str]] = {}  # text -> its sources, the reason's text
_MAX_REASONS = 50_000
# a flag's JSON text by the flag and its message naming a case's findings (these recur too)
_NAMED_FLAGS: dict[tuple[int, str], str] = {}


class _Tails(dict[str | None, str]):
    """A question's JSON text after its gain, by its reason (None: none; a few texts)."""

    def __missing__(self, reason: str | None) -> str:
        text = "}" if reason is None else f', "reason": {string_text(reason)}}}'
        if len(self) < 1_000:
            self[reason] = text
        return text


_QUESTION_TAILS = _Tails()


def to_json(done: Computed, heads: Sequence[str] | None = None) -> list[str]:
    """The assessments of a computed chunk as JSON object texts, one per case.

    Parameters
    ----------
    heads : sequence of str, optional
        JSON members to put first in each object, each ending in ``", "``
        (``'"id": 7, "line": 9, '``).
    """
    texts, pre, mid, end = _case_texts(done, heads)
    if len(pre) < STREAM_FROM:
        return few(done, texts, pre, mid, end)
    return stream(done, texts, pre, mid, end)


def to_json_utf8(done: Computed, heads: Sequence[str] | None = None) -> list[bytes]:
    """:func:`to_json`'s texts as UTF-8 (``text.encode()`` of each; a lone surrogate
    as its JSON escape, :func:`milia.engine.jsonbytes.utf8`).

    Written as UTF-8 straight away from each token's UTF-8
    (:mod:`milia.engine.jsonbytes`); the texts of a few cases are encoded.
    """
    texts, pre, mid, end = _case_texts(done, heads)
    if len(pre) < STREAM_FROM:
        return utf8(few(done, texts, pre, mid, end))
    return stream_utf8(done, texts, pre, mid, end)


def _case_texts(
    done: Computed, heads: Sequence[str] | None
) -> tuple[Pieces, list[str], list[str], list[str]]:
    """The static texts and each case's own: before its differential, between its
    conditions and its milia type's why items, and after those."""
    texts = pieces()
    if texts.n_parts < len(prepared().items.parts):
        texts.grow()
    heads_ = heads if heads is not None else [""] * len(done.cases)
    type_heads = texts.type_heads
    flag_texts, advice_texts, question_heads = texts.flags, texts.advice, texts.question_heads
    pre = [f'{{{head}"differential": [' for head in heads_]
    mid, end = [], []
    gains = GAINS.of([gain for asked in done.questions for _, gain, _ in asked])
    at = 0
    reason_texts = _REASONS
    flag_around, messages = texts.flag_around, done.messages
    named = {i for i, _ in messages}  # cases with a flag whose message names their findings

    question_tails = _QUESTION_TAILS
    worded, variant = texts.question_variants, question_table(prepared().model).variant
    named_texts = _NAMED_FLAGS

    def flag_text(i: int, f: int) -> str:
        """A red flag's JSON text; a flag whose message names the case's findings anew."""
        message = messages.get((i, f))
        if message is None:
            return flag_texts[f]
        text = named_texts.get((f, message))
        if text is None:
            before, after = flag_around[f]
            text = f"{before}{string_text(message)}{after}"
            if len(named_texts) < _MAX_REASONS:
                named_texts[f, message] = text
        return text

    nl_before, nl_after = texts.not_listed_around
    outside = done.outside_ints.tolist()
    for i, kind in enumerate(done.types):
        not_listed = f"]}}], {nl_before}{FLOORS[outside[i]]!r}{nl_after}"
        if kind is None:
            mid.append(f'{not_listed}"milia_type": null, ')
            close = ""
        else:
            best, type_p = kind
            mid.append(f"{not_listed}{type_heads[best]}{_FLOOR_TEXTS[math.floor(type_p * 10_000)]}")
            close = "]}, "
        questions = []
        for name, _, reason in done.questions[i]:
            by_age = worded.get(name)  # worded for the person's age (QA F7-01)
            head = (
                question_heads[name]
                if by_age is None
                else by_age[variant(name, case_age_days(done.cases[i]))]
            )
            questions.append(f"{head}{gains[at]}{question_tails[reason]}")
            at += 1
        reasons = []
        for r in done.reasons[i]:
            text, sources = r["text"], r["sources"]
            known = reason_texts.get(text)
            if known is not None and known[0] == sources:
                reasons.append(known[1])
                continue
            written = (
                f'{{"text": {string_text(text)}, "sources": {sources_text(sources)}, '
                f'"evidence": {string_text(reason_evidence(sources))}}}'
            )
            if known is None and len(reason_texts) < _MAX_REASONS:
                reason_texts[text] = (list(sources), written)
            reasons.append(written)
        flags = (
            ", ".join([flag_text(i, f) for f in done.flags[i]])
            if i in named
            else ", ".join(map(flag_texts.__getitem__, done.flags[i]))
        )
        end.append(
            f'{close}"triage": {{"level": "{LEVELS[done.levels[i]]}", "reasons": ['
            f"{', '.join(reasons)}]}}, "
            f'"red_flags": [{flags}], '
            f'"advice": [{", ".join(map(advice_texts.__getitem__, done.advice[i]))}], '
            f'"next_questions": [{", ".join(questions)}], {texts.tail}'
        )
    return texts, pre, mid, end


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

    Notes
    -----
    The cyclic garbage collector is paused meanwhile (and restored after), as
    in :func:`milia.engine.batch.assess_batch`: the work makes many short-lived
    containers and no reference cycles, and the collector's scans of them cost
    about a quarter of the time. The process keeps freed memory for reuse from
    the first call on (:func:`milia.engine.heap.keep_freed_memory`).
    """
    keep_freed_memory()  # the process reuses the memory of dropped results
    with gc_paused():
        return _assess_lines(lines, n_questions=n_questions, why_top=why_top)


def assess_lines_utf8(
    lines: Sequence[tuple[int, str]], *, n_questions: int = 5, why_top: int = 23
) -> list[tuple[bytes, bool]]:
    """:func:`assess_lines` as UTF-8: ``[(text.encode(), failed) for text, failed in
    assess_lines(lines)]``, what ``milia assess CASES.jsonl`` writes (a newline after
    each), made without a ``str`` per case (:func:`to_json_utf8`). A lone surrogate
    (an id given as ``"\\ud800"``), which has no UTF-8, is written as that escape."""
    keep_freed_memory()
    with gc_paused():  # the chunk's work in a call of its own: see _assess_lines
        return _assess_lines_utf8(lines, n_questions=n_questions, why_top=why_top)


def _assess_lines_utf8(
    lines: Sequence[tuple[int, str]], *, n_questions: int, why_top: int
) -> list[tuple[bytes, bool]]:
    out, valid, heads, where = _read_lines(lines)
    lines_out = [(data, True) for data in utf8(out)]
    if valid:
        done = compute_chunk(valid, n_questions=n_questions, why_top=why_top)
        for index, data in zip(where, to_json_utf8(done, heads), strict=True):
            lines_out[index] = (data, False)
    return lines_out


def _assess_lines(
    lines: Sequence[tuple[int, str]], *, n_questions: int, why_top: int
) -> list[tuple[str, bool]]:
    """:func:`assess_lines`'s work, called with the collector paused.

    Its own call, so that the chunk's cases, computed parts and texts (a few
    hundred thousand containers) are freed when it returns, before the collector
    is back on: while they live, the collector's first run after it is enabled
    scans them all (measured: ~30 ms of CPU a chunk of 2,000, ~15 us a case).
    """
    out, valid, heads, where = _read_lines(lines)
    lines_out = [(text, True) for text in out]
    if valid:
        texts = to_json(compute_chunk(valid, n_questions=n_questions, why_top=why_top), heads)
        for index, text in zip(where, texts, strict=True):
            lines_out[index] = (text, False)
    return lines_out


def _read_lines(
    lines: Sequence[tuple[int, str]],
) -> tuple[list[str], list[Mapping[str, Any]], list[str], list[int]]:
    """Each line's error record ("" for a valid line), the valid cases, their heads
    (id and line number) and their places among the lines.

    The usual valid line is read by :func:`~milia.engine.jsonread.read_valid`; any
    other goes the full way (:func:`read_line`, ``unwrap_case``, ``validate_case``),
    which gives the same case or the error record with its message."""
    out: list[str] = []
    valid: list[Mapping[str, Any]] = []
    heads: list[str] = []
    where: list[int] = []
    for number, line in lines:
        usual = read_valid(line)  # the usual valid line, read and checked by msgspec
        if usual is not None:
            valid.append(usual[1])
            heads.append(f'"id": {value_text(usual[0])}, "line": {number}, ')
            where.append(len(out))
            out.append("")
            continue
        case_id: Any = None
        try:
            obj = read_line(line)
            if isinstance(obj, dict):
                case_id = obj.get("id")  # carried into the error record too
            case_id, case = unwrap_case(obj)
            valid.append(validate_case(case))
            heads.append(f'"id": {value_text(case_id)}, "line": {number}, ')
            where.append(len(out))
            out.append("")
        except CaseError as err:
            record = {"id": case_id, "line": number, **err.to_dict()}
            record["detail"] = f"line {number}: {err.message}"
            out.append(dumps(record))
    return out, valid, heads, where
