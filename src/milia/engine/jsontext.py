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
from collections.abc import Mapping, Sequence
from typing import Any

from milia.engine.assess import check_count, gc_paused
from milia.engine.case import validate_case
from milia.engine.fast import Computed, compute_chunk
from milia.engine.heap import keep_freed_memory
from milia.engine.json_input import parse_case_json, unwrap_case
from milia.engine.jsonbytes import stream_utf8, utf8
from milia.engine.jsoncase import case_texts
from milia.engine.jsonread import read_valid
from milia.engine.jsontokens import (
    STREAM_FROM,
    dumps,
    few,
    stream,
    value_text,
)
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


def to_json(done: Computed, heads: Sequence[str] | None = None) -> list[str]:
    """The assessments of a computed chunk as JSON object texts, one per case.

    Parameters
    ----------
    heads : sequence of str, optional
        JSON members to put first in each object, each ending in ``", "``
        (``'"id": 7, "line": 9, '``).
    """
    texts, pre, mid, end = case_texts(done, heads)
    if len(pre) < STREAM_FROM:
        return few(done, texts, pre, mid, end)
    return stream(done, texts, pre, mid, end)


def to_json_utf8(done: Computed, heads: Sequence[str] | None = None) -> list[bytes]:
    """:func:`to_json`'s texts as UTF-8 (``text.encode()`` of each; a lone surrogate
    as its JSON escape, :func:`milia.engine.jsonbytes.utf8`).

    Written as UTF-8 straight away from each token's UTF-8
    (:mod:`milia.engine.jsonbytes`); the texts of a few cases are encoded.
    """
    texts, pre, mid, end = case_texts(done, heads)
    if len(pre) < STREAM_FROM:
        return utf8(few(done, texts, pre, mid, end))
    return stream_utf8(done, texts, pre, mid, end)


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
