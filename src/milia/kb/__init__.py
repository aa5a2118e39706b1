"""The cited knowledge base: facts as data, every record with its sources.

Data live in ``milia/kb/data`` (YAML/CSV). The public names below import
lazily, so ``from milia.kb.loader import read_yaml`` stays cheap:

- :func:`load_knowledge` -- the typed, cross-checked :class:`KnowledgeBase`;
- :func:`knowledge_version` -- stamped on every output;
- :func:`read_yaml`, :func:`read_text`, :func:`data_files` -- raw data access;
- :func:`validate_knowledge` -- every problem in every data file, as :class:`Problem`;
- the record models :class:`Source`, :class:`Fact`, :class:`Condition`,
  :class:`MiliaType`, :class:`Claim`, :class:`Treatment`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__all__ = [
    "CONDITION_IDS",
    "MILIA_TYPE_IDS",
    "Claim",
    "Condition",
    "Fact",
    "KnowledgeBase",
    "MiliaType",
    "Problem",
    "Source",
    "Treatment",
    "data_files",
    "knowledge_version",
    "load_knowledge",
    "read_text",
    "read_yaml",
    "validate_knowledge",
]

_LAZY = {
    "CONDITION_IDS": "milia.kb.knowledge",
    "MILIA_TYPE_IDS": "milia.kb.knowledge",
    "KnowledgeBase": "milia.kb.knowledge",
    "Claim": "milia.kb.schema",
    "Condition": "milia.kb.schema",
    "Fact": "milia.kb.schema",
    "MiliaType": "milia.kb.schema",
    "Source": "milia.kb.schema",
    "Treatment": "milia.kb.schema",
    "Problem": "milia.kb.files",
    "data_files": "milia.kb.loader",
    "knowledge_version": "milia.kb.loader",
    "load_knowledge": "milia.kb.loader",
    "read_text": "milia.kb.loader",
    "read_yaml": "milia.kb.loader",
    "validate_knowledge": "milia.kb.validate",
}

if TYPE_CHECKING:
    from milia.kb.files import Problem
    from milia.kb.knowledge import CONDITION_IDS, MILIA_TYPE_IDS, KnowledgeBase
    from milia.kb.loader import (
        data_files,
        knowledge_version,
        load_knowledge,
        read_text,
        read_yaml,
    )
    from milia.kb.schema import Claim, Condition, Fact, MiliaType, Source, Treatment
    from milia.kb.validate import validate_knowledge


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'milia.kb' has no attribute {name!r}")
    return getattr(import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
