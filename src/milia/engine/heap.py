"""Freed memory kept for reuse in batch work (the C allocator's trim threshold).

A batch of 2,000 assessments holds about 50 MB of results (24 kB of JSON
text per case). When the caller drops them, glibc's allocator returns the
freed top of its heap to the system as soon as more than 128 kB is free there
(its default ``M_TRIM_THRESHOLD``); the next batch then takes the same memory
back from the system page by page, and every first touch of a page is a page
fault. Measured on 20,000 generated cases in chunks of 2,000 (JSON lines),
that was ~7 page faults and a fifth of the CPU time per case.

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

__all__ = ["KEPT_BYTES", "keep_freed_memory"]

KEPT_BYTES = 256 * 1024 * 1024  # at most this much freed memory is kept
_M_TRIM_THRESHOLD = -1  # mallopt parameter (malloc.h)
_state: dict[str, bool] = {}


def keep_freed_memory(limit: int = KEPT_BYTES) -> bool:
    """Let the process keep up to ``limit`` bytes of freed heap for reuse (glibc only).

    Called once per process (later calls return the first answer). Setting the
    trim threshold also fixes glibc's mmap threshold at its current value
    (128 kB unless it grew), as any ``mallopt`` of these parameters does.

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
    return bool(mallopt(_M_TRIM_THRESHOLD, limit))
