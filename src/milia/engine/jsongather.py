"""Token texts gathered by id for the JSON writers (:mod:`milia.engine.jsontokens`,
:mod:`milia.engine.jsonbytes`): a static table's and a chunk's own in one ``take``."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["Gather"]

IntArray = npt.NDArray[np.intp] | npt.NDArray[np.int32]  # token ids


@dataclass(eq=False)
class Gather:
    """Gathers token texts by id: the static table's (ids below its length), then a
    chunk's own (ids from its length on), in one ``take``.

    The static table is copied once into a longer one with room after it; each
    chunk's own texts are put in that room for the gather and taken out after it
    (so they are freed with the chunk), under a lock: threads share the room.
    Joining the two tables for each chunk would copy the whole static one
    (~280,000 entries) every time; gathering the two apart costs a mask, a
    ``where`` and a second gather.
    """

    static: npt.NDArray[np.object_] | None = None
    table: npt.NDArray[np.object_] = field(default_factory=lambda: np.zeros(0, dtype=object))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def gather(
        self, static: npt.NDArray[np.object_], own: Sequence[object], ids: IntArray
    ) -> list[Any]:
        """``[(static + own)[i] for i in ids]``, as a list."""
        base, end = len(static), len(static) + len(own)
        with self.lock:
            if self.static is not static or len(self.table) < end:
                table = np.empty(base + max(2 * len(own), 65_536), dtype=object)
                table[:base] = static
                self.static, self.table = static, table
            table = self.table
            table[base:end] = own
            try:
                gathered: list[Any] = table.take(ids).tolist()
            finally:
                table[base:end] = None
        return gathered
