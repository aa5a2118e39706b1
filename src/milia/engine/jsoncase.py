"""Each case's own JSON texts in a chunk of assessments (the writer's dynamic parts).

:func:`case_texts` gives, for :func:`milia.engine.jsontext.to_json` and
:func:`~milia.engine.jsontext.to_json_utf8`, the texts of each case that are not
static tokens: the opening of its object (with its id and line), the text between
its conditions and its milia type's why items (the "not listed" share, the type),
and everything after those (triage level and reasons, red flags, advice, next
questions, the closing fixed members). The questions, reasons and flags of a
whole chunk are written in flat runs, one comprehension each, and each case joins
its slice; texts that recur (reasons, flags naming findings, the "not listed" and
type openings) are kept by their key, up to a bound.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from itertools import accumulate
from typing import Any

from milia.engine.case import case_age_days
from milia.engine.evidence import reason_evidence
from milia.engine.fast import FLOORS, GAINS, Computed
from milia.engine.jsontokens import Pieces, pieces, sources_text, string_text, type_head
from milia.engine.prepared import prepared
from milia.engine.questions import question_table
from milia.engine.triage import LEVELS

__all__ = ["case_texts"]

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


def case_texts(
    done: Computed, heads: Sequence[str] | None
) -> tuple[Pieces, list[str], list[str], list[str]]:
    """The static texts and each case's own: before its differential, between its
    conditions and its milia type's why items, and after those.

    Parameters
    ----------
    done : Computed
        The chunk's computed assessments.
    heads : sequence of str, optional
        JSON members to put first in each object, each ending in ``", "``.

    Returns
    -------
    texts : Pieces
        The static tokens (grown to the item table).
    pre, mid, end : list of str
        Each case's texts before its differential, between its conditions and its
        milia type's why items, and after those.
    """
    texts = pieces()
    if texts.n_parts < len(prepared().items.parts):
        texts.grow()
    n = len(done.cases)
    heads_ = heads if heads is not None else [""] * n
    pre = [f'{{{head}"differential": [' for head in heads_]
    mid = _mid_texts(done, texts)
    asked = done.questions
    question_at = [0, *accumulate(map(len, asked))]
    questions = _question_texts(done, texts)
    reason_at = [0, *accumulate(map(len, done.reasons))]
    reasons = _reason_texts(done.reasons)
    flags = _flag_texts(done, texts)
    advice_texts, tail, types = texts.advice, texts.tail, done.types
    end = [
        f'{"" if types[i] is None else "]}, "}"triage": {{"level": "{LEVELS[level]}", '
        f'"reasons": [{", ".join(reasons[reason_at[i] : reason_at[i + 1]])}]}}, '
        f'"red_flags": [{flags[i]}], '
        f'"advice": [{", ".join(map(advice_texts.__getitem__, done.advice[i]))}], '
        f'"next_questions": [{", ".join(questions[question_at[i] : question_at[i + 1]])}], '
        f"{tail}"
        for i, level in enumerate(done.levels)
    ]
    return texts, pre, mid, end


# the text between a case's conditions and its milia type's why items, by the "not listed"
# share x 10,000 and by (type column, its probability x 10,000) (the probabilities are
# rounded down to 4 decimals, so a few thousand texts recur)
_NOT_LISTED: dict[int, str] = {}
_TYPED: dict[tuple[int, int], str] = {}


def _mid_texts(done: Computed, texts: Pieces) -> list[str]:
    """Each case's text between its conditions and its milia type's why items."""
    nl_before, nl_after = texts.not_listed_around
    type_heads, not_listed, typed = texts.type_heads, _NOT_LISTED, _TYPED
    mid = []
    named = done.type_names
    tmodel = prepared().model.mixture
    assert tmodel is not None
    type_classes = tmodel.classes
    for i, (k, kind) in enumerate(zip(done.outside_ints.tolist(), done.types, strict=True)):
        before = not_listed.get(k)
        if before is None:
            before = f"]}}], {nl_before}{FLOORS[k]!r}{nl_after}"
            if len(not_listed) < _MAX_REASONS:
                not_listed[k] = before
        if kind is None:
            mid.append(f'{before}"milia_type": null, ')
            continue
        key = (kind[0], math.floor(kind[1] * 10_000))
        name = named.get(i)
        if name is not None:  # a cause type whose cause was not reported (QA F13-04's rest)
            mid.append(before + type_head(type_classes[kind[0]], name) + _FLOOR_TEXTS[key[1]])
            continue
        head = typed.get(key)
        if head is None:
            head = f"{type_heads[key[0]]}{_FLOOR_TEXTS[key[1]]}"
            if len(typed) < _MAX_REASONS:
                typed[key] = head
        mid.append(before + head)
    return mid


def _question_texts(done: Computed, texts: Pieces) -> list[str]:
    """The JSON text of every case's questions, one case after the other."""
    flat = [q for asked in done.questions for q in asked]
    if not flat:
        return []
    gains = GAINS.of([gain for _, gain, _ in flat])
    worded = texts.question_variants  # worded for the person's age (QA F7-01)
    plain = _plain_heads(texts)
    heads = [plain.get(name) for name, _, _ in flat]
    if None in heads:  # a question worded by age: its case's age picks the wording
        variant = question_table(prepared().model).variant
        owners = [i for i, asked in enumerate(done.questions) for _ in asked]
        cases = done.cases
        for at, head in enumerate(heads):
            if head is None:
                name = flat[at][0]
                heads[at] = worded[name][variant(name, case_age_days(cases[owners[at]]))]
    tails = _QUESTION_TAILS
    return [
        f"{head}{gain}{tails[reason]}"
        for head, gain, (_, _, reason) in zip(heads, gains, flat, strict=True)
    ]


@cache
def _plain_heads(texts: Pieces) -> dict[str, str]:
    """The questions worded alike at every age, up to their gain, by field."""
    return {
        name: head
        for name, head in texts.question_heads.items()
        if name not in texts.question_variants
    }


def _reason_texts(reasons_of: list[list[dict[str, Any]]]) -> list[str]:
    """The JSON text of every case's triage reasons, one case after the other (a reason's
    text is mostly known: fixed messages, a few percents; its evidence follows from its
    sources)."""
    known_texts = _REASONS
    out = []
    for reasons in reasons_of:
        for r in reasons:
            text, sources = r["text"], r["sources"]
            known = known_texts.get(text)
            if known is not None and known[0] == sources:
                out.append(known[1])
                continue
            written = (
                f'{{"text": {string_text(text)}, "sources": {sources_text(sources)}, '
                f'"evidence": {string_text(reason_evidence(sources))}}}'
            )
            if known is None and len(known_texts) < _MAX_REASONS:
                known_texts[text] = (list(sources), written)
            out.append(written)
    return out


def _flag_texts(done: Computed, texts: Pieces) -> list[str]:
    """Each case's red flags as JSON text (the members of its list)."""
    flag_texts, flag_around, messages = texts.flags, texts.flag_around, done.messages
    named_texts = _NAMED_FLAGS
    named = {i for i, _ in messages}  # cases with a flag whose message names their findings

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

    return [
        ", ".join([flag_text(i, f) for f in fired])
        if i in named
        else ", ".join(map(flag_texts.__getitem__, fired))
        for i, fired in enumerate(done.flags)
    ]
