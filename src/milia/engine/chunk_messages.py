"""Red-flag messages that name a case's findings, for a whole chunk at once.

A flag with a ``message_template`` (an atypical rule) names the case's
findings that are against its most likely condition
(:meth:`milia.engine.triage.TriagePolicy.flag_message`, which reads them from
the case through :class:`milia.engine.fit.AgainstTable`). The fast path reads
the same findings from each case's encoded rows, in the case's order (the
rows whose finding is against the top condition, as the atypical rule counts
them), and writes the same text; tests compare the two paths' outputs.
"""

from __future__ import annotations

from functools import cache
from itertools import accumulate

import numpy as np
import numpy.typing as npt

from milia.engine.chunk_rules import against_matrix
from milia.engine.fit import AgainstTable, against_table
from milia.engine.model import CompiledModel
from milia.engine.triage import Flag, TriagePolicy

__all__ = ["against_messages", "flag_messages"]

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.intp]


def flag_messages(
    policy: TriagePolicy,
    fired: list[list[int]],
    rows: IntArray,
    present: BoolArray,
    top: IntArray,
) -> dict[tuple[int, int], str]:
    """``(case, flag) -> message`` for every fired flag with a template in a chunk.

    Parameters
    ----------
    fired : list of list of int
        Each case's fired flags (indices into ``policy.flags``).
    rows, present : ndarray, shape (N, K)
        The cases' encoded rows (padded) and which are real.
    top : ndarray, shape (N,)
        Each case's most likely condition (column).
    """
    out: dict[tuple[int, int], str] = {}
    for f, flag in enumerate(policy.flags):
        if flag.template is None:
            continue
        which = [i for i, flags in enumerate(fired) if f in flags]
        if which:
            named = against_messages(policy, flag, rows[which], present[which], top[which])
            out.update(zip([(i, f) for i in which], named, strict=True))
    return out


def against_messages(
    policy: TriagePolicy, flag: Flag, rows: IntArray, present: BoolArray, top: IntArray
) -> list[str]:
    """The messages of a flag with a ``message_template`` for cases with these encoded
    ``rows`` (``present``) and top condition columns ``top``: what
    :meth:`~milia.engine.triage.TriagePolicy.flag_message` writes, the findings
    against the top condition read from the rows (in the case's order) instead of
    from the case."""
    assert flag.template is not None and flag.against is not None
    table = against_table(flag.against)
    words, worded = _row_words(table.model)
    hit = _against_of(table)[rows, top[:, None]] & present
    hit &= worded[rows]  # rows without words are not named
    case_of, position = np.nonzero(hit)  # by case, then position: the case's order
    named = words[rows[case_of, position]].tolist()
    bounds = [0, *accumulate(np.bincount(case_of, minlength=len(rows)).tolist())]
    template, fallback, names = flag.template, flag.message, policy.class_names
    return [
        template.format(findings="; ".join(named[a:b]), condition=names[t]) if b > a else fallback
        for a, b, t in zip(bounds, bounds[1:], top.tolist(), strict=False)
    ]


@cache
def _against_of(table: AgainstTable) -> BoolArray:
    return against_matrix(table)


@cache
def _row_words(model: CompiledModel) -> tuple[npt.NDArray[np.object_], BoolArray]:
    """Each row's finding in plain words (the text of the finding's row without an age
    band, as ``AgainstTable.words`` names it), and whether it has any."""
    words: list[str | None] = []
    for row in model.rows:
        base = model.index.get((row.field, row.value))
        words.append(None if base is None else model.rows[base].text)
    table = np.empty(len(words), dtype=object)
    table[:] = words
    return table, np.array([w is not None for w in words], dtype=bool)
