"""The one error tree of milia.

Every error the core raises is a :class:`MiliaError`. Adapters map the tree
once: the CLI prints the message and exits with status 2, the web API answers
with a 4xx JSON body (``{"detail": message, "field": field}``).

::

    MiliaError
    ├── CaseError             a case does not follow the case format
    ├── KnowledgeBaseError    the knowledge base data is missing or invalid
    ├── IngredientParseError  an ingredient text cannot be checked at all
    ├── ImageError            a photo cannot be read safely
    ├── StorageError          the diary database failed
    │   └── NotFoundError     a record does not exist (or is not yours)
    ├── AuthError             sign-in, token or permission problem
    └── ConfigError           settings are invalid (e.g. default secret in production)

Messages say what was wrong and what to do next.
"""

from __future__ import annotations

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
]


class MiliaError(Exception):
    """Base of every error raised by milia.

    Parameters
    ----------
    message : str
        What was wrong and what to do next.
    field : str, optional
        The input field at fault, as a dotted path (``"sites[1]"``).
    suggestion : str, optional
        The closest valid value, when one exists.
    """

    def __init__(
        self, message: str, *, field: str | None = None, suggestion: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.suggestion = suggestion

    def to_dict(self) -> dict[str, str | None]:
        """Return the error as a JSON-ready mapping."""
        return {
            "error": type(self).__name__,
            "detail": self.message,
            "field": self.field,
            "suggestion": self.suggestion,
        }


class CaseError(MiliaError):
    """A case does not follow the case format (unknown key or value, bad type, range)."""


class KnowledgeBaseError(MiliaError):
    """The knowledge base data is missing, malformed or inconsistent."""


class IngredientParseError(MiliaError):
    """An ingredient text cannot be checked at all (e.g. binary bytes, wrong type)."""


class ImageError(MiliaError):
    """A photo cannot be read safely (not an image, truncated, too many pixels)."""


class StorageError(MiliaError):
    """The diary database could not complete an operation."""


class NotFoundError(StorageError):
    """A record does not exist, or belongs to someone else (never say which)."""


class AuthError(MiliaError):
    """Sign-up, sign-in, session or token problem."""


class ConfigError(MiliaError):
    """Settings are invalid; the message names the setting and the fix."""
