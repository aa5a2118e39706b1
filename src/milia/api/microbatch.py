"""Micro-batching of ``POST /api/v1/assessments``: the cases of one event-loop turn together.

The engine's vectorised path (:func:`milia.engine.fast.compute_chunk` and
:func:`~milia.engine.fast.to_dicts`, what :func:`milia.assess_many` runs) costs
far less per case for a chunk of cases than for one: numpy's per-call cost is
shared. Under load, many requests become ready in the same turn of the event
loop (uvicorn reads every socket that has data, then runs their handlers). Each handler
validates its own case (a bad case is answered alone, with its own 422) and
queues the clean case; the first one queued schedules a flush with
``loop.call_soon``, which runs after the handlers already ready in that turn.
Nothing waits on a timer: a lone request is assessed in the same turn, as a
chunk of one.

Each answer equals :func:`milia.assess` of its case
(``tests/unit/api/test_microbatch.py``), and is encoded as before
(:func:`milia.api.contracts.json_answer`): the same bytes.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from milia.engine.fast import assess_chunk
from milia.engine.undescribed import validate_or_warn

__all__ = ["MAX_CHUNK", "AssessmentBatcher", "assess_cleaned"]

#: At most this many cases per engine call; the rest are assessed on the next turn,
#: after the answers of the first chunk are sent (bounds the time the loop is held).
MAX_CHUNK = 64

_N_QUESTIONS = 5  # as milia.assess answers: five next questions,
_WHY_TOP = 23  # and a why list for each of the 23 conditions


class _Pending:
    """The cases queued on one event loop and not yet assessed."""

    __slots__ = ("cases", "futures", "scheduled")

    def __init__(self) -> None:
        self.cases: list[Mapping[str, Any]] = []
        self.futures: list[asyncio.Future[dict[str, Any]]] = []
        self.scheduled = False


class AssessmentBatcher:
    """Assess the cases queued in the same event-loop turn as one chunk.

    One per app; safe with several event loops (each has its own queue), but
    not across threads of one loop.
    """

    def __init__(self) -> None:
        self._pending: dict[asyncio.AbstractEventLoop, _Pending] = {}

    def submit(self, case: object) -> asyncio.Future[dict[str, Any]]:
        """Validate ``case`` now and queue it; the future gets its assessment.

        Parameters
        ----------
        case : object
            A case in the case format (a parsed JSON object).

        Returns
        -------
        asyncio.Future of dict
            The assessment, equal to ``milia.assess(case)``.

        Raises
        ------
        CaseError
            At once, if the case does not follow the case format (as
            :func:`milia.assess` raises it); nothing is queued.
        """
        clean = validate_or_warn(case)  # an undescribed case's red flags in its refusal
        loop = asyncio.get_running_loop()
        pending = self._pending.get(loop)
        if pending is None:
            pending = self._pending[loop] = _Pending()
        future: asyncio.Future[dict[str, Any]] = loop.create_future()
        pending.cases.append(clean)
        pending.futures.append(future)
        if not pending.scheduled:
            pending.scheduled = True
            loop.call_soon(self._flush, loop)
        return future

    def _flush(self, loop: asyncio.AbstractEventLoop) -> None:
        pending = self._pending.pop(loop)
        cases, futures = pending.cases[:MAX_CHUNK], pending.futures[:MAX_CHUNK]
        if len(pending.cases) > MAX_CHUNK:  # the rest next turn, after these answers go out
            rest = self._pending[loop] = _Pending()
            rest.cases, rest.futures = pending.cases[MAX_CHUNK:], pending.futures[MAX_CHUNK:]
            rest.scheduled = True
            loop.call_soon(self._flush, loop)
        try:
            results = assess_cleaned(cases)
        except Exception:
            if len(cases) == 1:
                _settle(futures, None, exc=True)
                return
            # Only the case that fails should fail: assess the chunk one by one.
            for case, future in zip(cases, futures, strict=True):
                try:
                    _settle([future], assess_cleaned([case]))
                except Exception:
                    _settle([future], None, exc=True)
            return
        _settle(futures, results)


def assess_cleaned(cases: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The assessments of validated cases, in order (``milia.assess``'s answers).

    Parameters
    ----------
    cases : sequence of Mapping
        Cases already checked by :func:`~milia.engine.case.validate_case`.
    """
    return assess_chunk(cases, n_questions=_N_QUESTIONS, why_top=_WHY_TOP)


def _settle(
    futures: Sequence[asyncio.Future[dict[str, Any]]],
    results: Sequence[dict[str, Any]] | None,
    *,
    exc: bool = False,
) -> None:
    """Give each waiting future its assessment (or the exception being handled)."""
    error = sys.exc_info()[1] if exc else None
    for i, future in enumerate(futures):
        if future.done():  # the client went away and its handler was cancelled
            continue
        if error is not None:
            future.set_exception(error)
        else:
            assert results is not None
            future.set_result(results[i])
