"""milia: decision support for milia and their look-alikes.

The public API is small and stable; heavy parts import lazily so that
``import milia`` stays instant:

- :func:`assess` -- differential, milia type, triage, red flags and advice for a case;
- :func:`check_ingredients` -- milia risks and helpers in a product's ingredient list;
- :func:`analyze_photo` -- find, count and measure milia-like bumps in a photo;
- :func:`load_knowledge` -- the cited knowledge base.

The system supports decisions; it never diagnoses.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from milia.errors import (
    AuthError,
    CaseError,
    ConfigError,
    ImageError,
    IngredientParseError,
    KnowledgeBaseError,
    MiliaError,
    NotFoundError,
    StorageError,
)

__version__ = "0.1.0"

__all__ = [
    "AuthError",
    "CaseError",
    "ConfigError",
    "ImageError",
    "IngredientParseError",
    "KnowledgeBaseError",
    "MiliaError",
    "NotFoundError",
    "StorageError",
    "__version__",
    "analyze_photo",
    "assess",
    "check_ingredients",
    "load_knowledge",
]

_LAZY = {
    "assess": "milia.engine.assess",
    "check_ingredients": "milia.ingredients.check",
    "analyze_photo": "milia.imaging.analyze",
    "load_knowledge": "milia.kb.loader",
}

if TYPE_CHECKING:
    from milia.engine.assess import assess
    from milia.imaging.analyze import analyze_photo
    from milia.ingredients.check import check_ingredients
    from milia.kb.loader import load_knowledge


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'milia' has no attribute {name!r}")
    return getattr(import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
