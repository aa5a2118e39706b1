"""Read-only containers: output parts shared between results.

An assessment part whose content depends only on the knowledge base (a fixed
why item, a red flag, an advice item, a question's options) is built once and
shared by every result of :func:`milia.engine.assess.assess_many` that shows
it. These containers make that safe: they compare, iterate and serialise
(``json``, ``orjson``) as plain dicts and lists, but every mutator raises
``TypeError``, so no caller can change another result through them.
``copy.deepcopy(result)`` gives plain, mutable containers.
"""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["ReadOnlyDict", "ReadOnlyList"]

_READ_ONLY = (
    "this part of the assessment is shared between results and read-only; "
    "copy.deepcopy(result) gives a mutable copy"
)


class ReadOnlyList(list[Any]):
    """A list whose mutators raise ``TypeError`` (shared between results).

    It compares, serialises (``json``, ``orjson``) and iterates as a list;
    ``copy.copy`` and ``copy.deepcopy`` give plain lists; pickling keeps it
    read-only (pickle restores one object per shared item, which must not
    become a mutable list shared between results).
    """

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError(_READ_ONLY)

    append = extend = insert = pop = remove = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        # read-only again when unpickled: pickle keeps one object per shared
        # item, so plain lists would come back shared between results
        return (ReadOnlyList, (list(self),))

    def __copy__(self) -> list[Any]:
        return list(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> list[Any]:
        return [copy.deepcopy(v, memo) for v in self]


class ReadOnlyDict(dict[str, Any]):
    """A dict whose mutators raise ``TypeError`` (shared between results).

    It compares, serialises (``json``, ``orjson``) and iterates as a dict;
    ``copy.copy``, ``copy.deepcopy`` and ``dict.copy`` give plain dicts (deep
    copies with plain lists); pickling keeps it read-only, as
    :class:`ReadOnlyList`.
    """

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError(_READ_ONLY)

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return (ReadOnlyDict, (dict(self),))  # read-only again, as ReadOnlyList

    def __copy__(self) -> dict[str, Any]:
        return dict(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, Any]:
        return {k: copy.deepcopy(v, memo) for k, v in self.items()}
