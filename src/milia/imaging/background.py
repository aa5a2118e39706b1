"""One background thread for the photo analysis: OpenCV and numpy release the GIL.

The analysis hands a worker the steps that need nothing from the ones
running meanwhile (the CIELAB of the working image while the face and skin
are found; the a* band-pass while the whiteness channel is searched), so
that on a machine with a free core the wall time falls; the CPU time and the
results are the same as run in turn.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

__all__ = ["in_turn", "settings", "submit"]

#: ``settings["inline"] = True`` runs every step on the calling thread, in turn
#: (for timing stages one by one: CPU time is counted per process).
settings = {"inline": False}

_T = TypeVar("_T")
_pool: list[ThreadPoolExecutor] = []
_lock = threading.Lock()
#: Name prefix of the background thread.
_PREFIX = "milia-photo"
#: Per thread: whether :func:`in_turn` is active on it.
_here = threading.local()


@contextmanager
def in_turn() -> Iterator[None]:
    """Within this block, the steps the calling thread submits run on it, in turn.

    For steps that are Python loops holding the GIL most of the time (the
    measurement of candidates, one by one): split between two threads they
    only take turns with the GIL and pay for each hand-off. Other threads,
    and this one after the block, submit as before.
    """
    before = getattr(_here, "inline", False)
    _here.inline = True
    try:
        yield
    finally:
        _here.inline = before


def submit(fn: Callable[..., _T], *args: object) -> Future[_T]:
    """Run ``fn(*args)`` on the shared background thread; returns its future.

    Callers wait for the result with ``future.result()``, which re-raises
    any exception of ``fn``. Analyses running at once share the one thread.
    A step submitted from the background thread itself runs there at once (it
    would otherwise wait for the thread it holds), and so does one submitted
    within :func:`in_turn`.
    """
    if (
        settings["inline"]
        or getattr(_here, "inline", False)
        or threading.current_thread().name.startswith(_PREFIX)
    ):
        done: Future[_T] = Future()
        try:
            done.set_result(fn(*args))
        except BaseException as err:  # handed to the caller, as a worker would
            done.set_exception(err)
        return done
    with _lock:
        if not _pool:
            _pool.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix=_PREFIX))
    return _pool[0].submit(fn, *args)
