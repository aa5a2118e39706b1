"""A chunk's JSON texts written by a compiled kernel (optional extra ``fast``: numba).

:func:`milia.engine.jsontokens.stream` lays a chunk out as token ids with
numpy, gathers the token texts into a Python list and joins each case's run:
about a third of the JSON-lines time goes to handling ~200 Python strings per
case. :func:`write_chunk` writes the same texts with a numba kernel instead:
the static tokens are one byte table (latin-1 when every text fits it, which
makes turning a case's bytes into a ``str`` a plain copy; UTF-8 otherwise),
the chunk's own texts (each case's opening, middle and end, numbers, milia's
mixture items) a second one, and the kernel walks each case's conditions and
why items as :func:`milia.engine.jsontokens.few` does, copying bytes into one
buffer. Tests compare its texts with the pure-Python paths, byte for byte.

The kernel is loaded on first use (~1.1 s CPU from numba's disk cache,
several seconds to compile it the first time), and it saves only a few
microseconds a case: copying the bytes is memory-bound, like the joins it
replaces. :mod:`milia.engine.jsontext` switches to it once a process has
written :data:`KERNEL_AFTER` cases, so a single assessment or an ordinary
file never pays the loading. Without numba the pure-Python paths are used,
with identical output.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from milia.engine.fast import Computed
from milia.engine.jsontokens import Pieces, mixture_items_json, numbers
from milia.engine.prepared import prepared

__all__ = ["KERNEL_AFTER", "available", "use_kernel", "write_chunk", "write_chunk_utf8"]

# cases a process writes with the Python writer before it loads the kernel: its first
# use costs ~1.1 s CPU (from numba's cache; compiling, several seconds), and it saves
# ~3-10 us a case of ~130 (paired, loaded 2-core machine): paid back after ~200,000
KERNEL_AFTER = 200_000

Bytes = npt.NDArray[np.uint8]
Int64s = npt.NDArray[np.int64]


def available() -> bool:
    """Whether numba is installed (``pip install 'milia[fast]'``)."""
    return importlib.util.find_spec("numba") is not None


_WRITTEN = [0]  # cases this process has written through use_kernel's callers


def use_kernel(n: int) -> bool:
    """Whether to write a chunk of ``n`` cases with the kernel: numba is installed and
    this process has written :data:`KERNEL_AFTER` cases before (counted here)."""
    written = _WRITTEN[0]
    _WRITTEN[0] = written + n
    return written >= KERNEL_AFTER and available()


@dataclass(eq=False)
class _ByteTable:
    """The static tokens of :class:`~milia.engine.jsontokens.Pieces` as bytes, grown
    with them (tokens are only ever appended)."""

    codec: str
    fits: bool = True  # every static text fits the codec (latin-1 may not)
    data: Bytes = field(default_factory=lambda: np.zeros(0, dtype=np.uint8))
    offsets: Int64s = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    n_tokens: int = 0

    def update(self, tokens: list[str], items_at: int) -> bool:
        """Encode the tokens added since the last call; False if one does not fit the codec.

        A why item's second token (the item after a comma) is left empty: the
        kernel writes the comma itself, and the table is ~40 % smaller (fewer
        cache misses).
        """
        if self.n_tokens == len(tokens):
            return True
        new = tokens[self.n_tokens :]
        first = self.n_tokens
        if first + len(new) > items_at:
            new = [
                "" if at >= items_at and (at - items_at) % 3 == 1 else text
                for at, text in enumerate(new, start=first)
            ]
        try:
            data, lengths = _encoded(new, self.codec)
        except UnicodeEncodeError:
            self.fits = False
            return False
        ends = self.offsets[-1] + np.cumsum(lengths, dtype=np.int64)
        self.data = np.concatenate([self.data, np.frombuffer(data, dtype=np.uint8)])
        self.offsets = np.concatenate([self.offsets, ends])
        self.n_tokens = len(tokens)
        return True


def _encoded(texts: Sequence[str], codec: str) -> tuple[bytes, Int64s]:
    """``texts`` encoded one after the other, and each one's length in bytes."""
    if codec == "latin-1":  # one byte per character: lengths are the texts' own
        data = "".join(texts).encode("latin-1")
        return data, np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    parts = [text.encode() for text in texts]
    return b"".join(parts), np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))


@cache
def _tables() -> dict[str, _ByteTable]:
    return {"latin-1": _ByteTable("latin-1"), "utf-8": _ByteTable("utf-8")}


class _Buffer(threading.local):
    """The bytes of a chunk's texts, kept per thread for the next chunks (fresh pages
    for ~50 MB per chunk cost about a sixth of the kernel's time)."""

    data: Bytes = np.zeros(0, dtype=np.uint8)

    def at_least(self, size: int) -> Bytes:
        if len(self.data) < size:
            self.data = np.empty(size + size // 4, dtype=np.uint8)
        return self.data


_BUFFER = _Buffer()


def write_chunk(
    done: Computed, pieces: Pieces, pre: list[str], mid: list[str], end: list[str]
) -> list[str]:
    """Each case's JSON text, as :func:`milia.engine.jsontokens.stream` writes it.

    Parameters
    ----------
    done : Computed
        The chunk's numbers, rankings and rules.
    pieces : Pieces
        The static texts (grown to the chunk's why items).
    pre, mid, end : list of str
        Each case's text before its first condition, between its last condition
        and its milia type's why items, and after them.

    Returns
    -------
    list of str
        One JSON object text per case.

    Raises
    ------
    ModuleNotFoundError
        Without numba (see :func:`available`).
    """
    out, bounds, codec = _write(done, pieces, pre, mid, end, utf8=False)
    view = out.data
    return [str(view[a:b], codec) for a, b in pairwise(bounds)]


def write_chunk_utf8(
    done: Computed, pieces: Pieces, pre: list[str], mid: list[str], end: list[str]
) -> list[bytes]:
    """:func:`write_chunk`'s texts as UTF-8 (``text.encode()`` of each, made without
    the ``str``: encoding 24 kB of JSON holding non-ASCII text costs ~10-20 us)."""
    out, bounds, _ = _write(done, pieces, pre, mid, end, utf8=True)
    view = out.data
    return [view[a:b].tobytes() for a, b in pairwise(bounds)]


def _write(
    done: Computed,
    pieces: Pieces,
    pre: list[str],
    mid: list[str],
    end: list[str],
    *,
    utf8: bool,
) -> tuple[Bytes, list[int], str]:
    """The chunk's bytes (in a buffer reused by the next call), each case's start
    (then the end), and their codec."""
    n = len(pre)
    dynamic: list[str] = [*pre, *mid, *end]  # then mixture items, numbers
    mixed_id = np.full(n, -1, dtype=np.int64)
    for i, items in done.mixed.items():
        if items:
            mixed_id[i] = len(dynamic)
            dynamic.append(mixture_items_json(items))
    num_ids = numbers(done.cases, pieces.numeric_fields, 0, dynamic).astype(np.int64)
    table, dyn, dyn_lengths = _encode_all(pieces, dynamic, utf8=utf8)
    dyn_off = np.zeros(len(dynamic) + 1, dtype=np.int64)
    np.cumsum(dyn_lengths, out=dyn_off[1:])
    sel = done.selected
    if sel is not None:
        keys, numeric, counts = sel.keys, sel.numeric, sel.counts
    else:
        keys, numeric = np.zeros(0, dtype=np.intp), np.zeros(0, dtype=bool)
        counts = np.zeros((n, done.order_array.shape[1] + 1), dtype=np.intp)
    args = (
        table.data,
        table.offsets,
        np.frombuffer(dyn, dtype=np.uint8),
        dyn_off,
        done.order_array.astype(np.int64, copy=False),
        done.floor_ints.astype(np.int64, copy=False),
        counts.astype(np.int64, copy=False),
        keys.astype(np.int64, copy=False),
        numeric,
        pieces.part_field.astype(np.int64, copy=False),
        num_ids,
        mixed_id,
        prepared().model.mixture_class,
        pieces.items_at,
    )
    walk = _kernel()
    starts = np.zeros(n + 1, dtype=np.int64)
    size = walk(*args, _BUFFER.data, starts, False)  # measured first
    out = _BUFFER.at_least(size)
    walk(*args, out, starts, True)
    return out, starts.tolist(), table.codec


def _encode_all(
    pieces: Pieces, dynamic: list[str], *, utf8: bool
) -> tuple[_ByteTable, bytes, Int64s]:
    """The static table and the chunk's texts in one codec: UTF-8 when asked, else
    latin-1 when all fit it (a case's bytes are then its ``str`` as is), else UTF-8."""
    table = _tables()["latin-1"]
    if not utf8 and table.fits and table.update(pieces.tokens, pieces.items_at):
        try:
            return (table, *_encoded(dynamic, "latin-1"))
        except UnicodeEncodeError:  # a case's text beyond latin-1 (an id, a number)
            pass
    table = _tables()["utf-8"]
    table.update(pieces.tokens, pieces.items_at)
    return (table, *_encoded(dynamic, "utf-8"))


@cache
def _kernel() -> Callable[..., int]:
    """The compiled kernel (numba imported and the kernel compiled, or loaded, here)."""
    from milia.engine.jsonkernel_numba import walk

    walk_: Callable[..., int] = walk
    return walk_
