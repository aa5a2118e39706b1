"""A chunk's JSON lines as UTF-8 bytes, without a ``str`` per case.

``milia assess CASES.jsonl`` writes UTF-8. Making each case's ``str`` and then
encoding it costs ~20 us a case (24 kB of JSON with non-ASCII text, such as
the multiplication sign, goes through the encoder's slow path).
:func:`stream_utf8` lays a chunk out as :func:`milia.engine.jsontokens.stream`
does, then joins the UTF-8 of each token (encoded once for the static ones)
into one ``bytes`` per case.

A lone surrogate (a ``"\\ud800"`` escape in the input, kept in a case's id or
an error message) has no UTF-8: :func:`utf8` writes it as that JSON escape,
so the line stays valid UTF-8 and ``json.loads`` gives the same string back.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from milia.engine.fast import Computed
from milia.engine.jsongather import Gather
from milia.engine.jsontokens import Pieces, layout

__all__ = ["stream_utf8", "utf8"]


def utf8(texts: list[str]) -> list[bytes]:
    """Each JSON text's UTF-8; a lone surrogate in one is written as its ``\\uXXXX``
    escape (Python's ``backslashreplace`` gives exactly that: still the same JSON)."""
    try:
        return [text.encode() for text in texts]
    except UnicodeEncodeError:  # only surrogates fail; the usual texts pay nothing
        return [text.encode("utf-8", "backslashreplace") for text in texts]


@dataclass(eq=False)
class _Utf8Tokens:
    """The UTF-8 of :attr:`Pieces.tokens` (only ever appended)."""

    encoded: list[bytes] = field(default_factory=list)
    table: npt.NDArray[np.object_] = field(default_factory=lambda: np.zeros(0, dtype=object))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def grown(self, tokens: list[str]) -> npt.NDArray[np.object_]:
        with self.lock:
            if len(self.encoded) < len(tokens):
                self.encoded += [text.encode() for text in tokens[len(self.encoded) :]]
                table = np.empty(len(self.encoded), dtype=object)
                table[:] = self.encoded
                self.table = table
            return self.table


_TOKENS = _Utf8Tokens()
_GATHER_UTF8 = Gather()


def stream_utf8(
    done: Computed, pieces: Pieces, pre: list[str], mid: list[str], end: list[str]
) -> list[bytes]:
    """The UTF-8 of each case's text of :func:`~milia.engine.jsontokens.stream`.

    One ``bytes`` per case, joined from its tokens' UTF-8 (one join for the
    whole chunk would make a ~50 MB object whose fresh pages cost more than
    the joins it saves).
    """
    ids, bounds, dynamic = layout(done, pieces, pre, mid, end)
    table = _TOKENS.grown(pieces.tokens)
    parts = _GATHER_UTF8.gather(table, utf8(dynamic), ids)
    return [b"".join(parts[a:b]) for a, b in pairwise(bounds.tolist())]
