"""Freed memory kept for reuse in batch work (the C allocator's trim threshold).

A batch of 2,000 assessments holds about 50 MB of results (24 kB of JSON
text per case). When the caller drops them, glibc's allocator returns the
freed top of its heap to the system as soon as more than 128 kB is free there
(its default ``M_TRIM_THRESHOLD``); the next batch then takes the same memory
back from the system page by page, and every first touch of a page is a page
fault. Measured on 20,000 generated cases in chunks of 2,000 (JSON lines),
that was ~7 page faults and a fifth of the CPU time per case.

Blocks from 128 kB up (glibc's default ``M_MMAP_THRESHOLD``) are not taken
from the heap at all but mapped afresh and unmapped when freed: a chunk's
numpy arrays (token ids, items, a few MB each) were, at 0.7 page faults and
~2 us of system time per case. :func:`keep_freed_memory` raises that
threshold to :data:`MMAP_FROM` too, so those blocks come from the kept heap
(measured: 0.2 faults and ~0.3 us of system time per case).

:func:`keep_freed_memory` raises that threshold for the process, once: freed
memory up to the limit stays with the process and is reused by the next
batch. The batch entry points (:func:`milia.engine.batch.assess_batch`,
:func:`milia.engine.jsontext.assess_lines`) call it; the single-case
:func:`~milia.engine.assess.assess` and the web API's micro-batches do not.
Outside glibc (macOS, musl, Windows) it does nothing.
"""

from __future__ import annotations

import ctypes
import sys

__all__ = ["KEPT_BYTES", "MMAP_FROM", "keep_freed_memory"]

KEPT_BYTES = 256 * 1024 * 1024  # at most this much freed memory is kept
MMAP_FROM = 32 * 1024 * 1024  # blocks this large or larger are mapped (glibc's largest)
_M_TRIM_THRESHOLD = -1  # mallopt parameters (malloc.h)
_M_MMAP_THRESHOLD = -3
_state: dict[str, bool] = {}


def keep_freed_memory(limit: int = KEPT_BYTES) -> bool:
    """Let the process keep up to ``limit`` bytes of freed heap for reuse (glibc only).

    Called once per process (later calls return the first answer). Blocks
    under :data:`MMAP_FROM` come from the heap too (glibc's mmap threshold,
    which any ``mallopt`` of these parameters would otherwise fix at 128 kB).

    Parameters
    ----------
    limit : int, optional
        Bytes of free memory at the top of the heap kept before any is
        returned to the system (default 256 MiB).

    Returns
    -------
    bool
        Whether the allocator took the setting.
    """
    if "kept" not in _state:
        _state["kept"] = _set_trim_threshold(limit)
    return _state["kept"]


def _set_trim_threshold(limit: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None)  # the C library the interpreter runs on
        libc.gnu_get_libc_version  # noqa: B018 (glibc only: musl's mallopt does nothing)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    kept = bool(mallopt(_M_TRIM_THRESHOLD, limit))
    return kept and bool(mallopt(_M_MMAP_THRESHOLD, MMAP_FROM))
