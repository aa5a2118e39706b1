"""The numba kernel of :mod:`milia.engine.jsonkernel` (imported only when numba is).

Compiled with ``cache=True``: numba keeps the machine code beside this file, or
in the user's cache folder when the package folder is read-only, so only the
first process on a machine pays the compilation.
"""

from __future__ import annotations

from typing import Any

import numba
import numpy as np
from numba.core import cgutils, types
from numba.extending import intrinsic

__all__ = ["walk"]


@intrinsic
def _memcpy(typingctx: Any, dst: Any, dst_at: Any, src: Any, src_at: Any, size: Any) -> Any:
    """``dst[dst_at:dst_at + size] = src[src_at:src_at + size]`` as one memcpy (numba's
    slice assignment and a byte loop are 4-5 times slower here)."""
    sig = types.void(dst, types.intp, src, types.intp, types.intp)

    def codegen(context: Any, builder: Any, signature: Any, args: Any) -> None:
        to = context.make_array(signature.args[0])(context, builder, args[0])
        of = context.make_array(signature.args[2])(context, builder, args[2])
        to_at, of_at = builder.gep(to.data, [args[1]]), builder.gep(of.data, [args[3]])
        cgutils.raw_memcpy(builder, to_at, of_at, args[4], 1)  # type: ignore[no-untyped-call]

    return sig, codegen


@numba.njit(cache=True, nogil=True)
def _put(src: Any, offsets: Any, token: int, out: Any, pos: int, write: bool) -> int:
    start, stop = offsets[token], offsets[token + 1]
    if write:
        _memcpy(out, pos, src, start, stop - start)  # type: ignore[call-arg]
    return pos + stop - start  # type: ignore[no-any-return]


@numba.njit(cache=True, nogil=True)
def walk(
    tab: Any,
    tab_off: Any,
    dyn: Any,
    dyn_off: Any,
    order: Any,
    floors: Any,
    counts: Any,
    keys: Any,
    numeric: Any,
    part_field: Any,
    num_ids: Any,
    mixed_id: Any,
    m: int,
    items_at: int,
    out: Any,
    starts: Any,
    write: bool,
) -> int:
    """Write each case's text into ``out`` (when ``write``; else only measure them) and
    its start into ``starts`` (N + 1,), the end last; returns the bytes in all."""
    n, n_classes = order.shape
    col_start = np.zeros(n_classes + 2, dtype=np.int64)
    pos = 0
    at = 0  # the case's first item in keys
    for i in range(n):
        starts[i] = pos
        col_start[0] = at
        for c in range(n_classes + 1):
            col_start[c + 1] = col_start[c] + counts[i, c]
        pos = _put(dyn, dyn_off, i, out, pos, write)  # up to the differential's first entry
        for j in range(n_classes + 1):
            if j < n_classes:
                c = order[i, j]
                pos = _put(tab, tab_off, c if j == 0 else n_classes + c, out, pos, write)
                pos = _put(tab, tab_off, 2 * n_classes + floors[i, c], out, pos, write)
                if c == m and mixed_id[i] >= 0:  # milia's mixture items: the chunk's text
                    pos = _put(dyn, dyn_off, mixed_id[i], out, pos, write)
                    continue
            else:  # the milia type's items, after the case's middle text
                c = n_classes
                pos = _put(dyn, dyn_off, n + i, out, pos, write)
            for p in range(col_start[c + 1] - col_start[c]):
                at_key = col_start[c] + p
                k = keys[at_key]
                token = items_at + 3 * k
                if p > 0:  # the table's item-after-a-comma tokens are empty
                    if write:
                        out[pos] = 44  # ","
                        out[pos + 1] = 32  # " "
                    pos += 2
                pos = _put(tab, tab_off, token, out, pos, write)
                if numeric[at_key]:  # the case's own number between head and tail
                    pos = _put(dyn, dyn_off, num_ids[i, part_field[k]], out, pos, write)
                    pos = _put(tab, tab_off, token + 2, out, pos, write)
        pos = _put(dyn, dyn_off, 2 * n + i, out, pos, write)  # the end
        at = col_start[n_classes + 1]
    starts[n] = pos
    return pos
