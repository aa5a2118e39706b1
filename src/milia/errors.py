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
    │   └── PixelLimitError   a photo has more pixels than the limit
    ├── StorageError          the diary database failed
    │   └── NotFoundError     a record does not exist (or is not yours)
    ├── AuthError             sign-in, token or permission problem
    └── ConfigError           settings are invalid (e.g. default secret in production)

Messages say what was wrong and what to do next.
"""

from __future__ import annotations

__all__ = [
    "BOUND_CLAUSE",
    "AuthError",
    "CaseError",
    "ConfigError",
    "ImageError",
    "IngredientParseError",
    "KnowledgeBaseError",
    "MiliaError",
    "NotFoundError",
    "PixelLimitError",
    "StorageError",
    "clip_field",
    "quoted",
]

#: characters of a bad value a message quotes (QA F6-09: a 1 MB value came back whole)
QUOTE_LIMIT = 60
#: longest ``field`` an error carries; an unknown key longer than this is clipped
FIELD_LIMIT = 100


def quoted(value: object, *, limit: int = QUOTE_LIMIT) -> str:
    """``repr(value)`` for a message, quoting at most ``limit`` characters of it.

    A longer string is cut with "…" and its length is given, so that a message
    about a megabyte of input stays one line.

    Examples
    --------
    >>> quoted("whte")
    "'whte'"
    >>> quoted("w" * 1_000_000, limit=4)
    "'wwww…' (1,000,000 characters)"
    """
    if not isinstance(value, str):
        text = repr(value)
        return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"
    if len(value) <= limit:
        return repr(value)
    shown = repr(value[:limit])
    return f"{shown[:-1]}…{shown[-1]} ({len(value):,} characters)"


def clip_field(field: str | None) -> str | None:
    """``field`` cut to :data:`QUOTE_LIMIT` characters and "…" when longer than
    :data:`FIELD_LIMIT` (a field named by an unknown key of any length)."""
    if field is None or len(field) <= FIELD_LIMIT:
        return field
    return f"{field[:QUOTE_LIMIT]}…"


#: how a refused number names the bound it passed (engine.case): "...; closest valid value: 120"
BOUND_CLAUSE = "; closest valid value: "


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
        self.field = clip_field(field)
        self.suggestion = suggestion

    def __str__(self) -> str:
        """The message with the suggestion, as the CLI and the API show it (QA F7-38).

        ``str(CaseError("unknown field 'colour' ...", suggestion="color"))`` ends with
        ``Did you mean 'color'?``, so a traceback or a notebook shows the suggestion too;
        ``message`` stays the bare message. A message that already gives the suggestion
        as the closest valid value (a number out of range: "closest valid value: 120")
        is left alone: 130 was not meant as 120 (QA F10-15).
        """
        said = self.message.lower()
        if not self.suggestion or "did you mean" in said or BOUND_CLAUSE.strip("; ") in said:
            return self.message
        message = self.message.rstrip()
        if not message.endswith((".", "!", "?")):
            message += "."
        return f"{message} Did you mean {self.suggestion!r}?"

    def to_dict(self) -> dict[str, str | int | None]:
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


class PixelLimitError(ImageError):
    """A photo has more pixels than the limit (read from its header, before decoding).

    Adapters word the advice from the fields (the CLI names ``--max-pixels``
    and ``MILIA_MAX_IMAGE_PIXELS``, the web API the server's limit) with
    :meth:`with_advice`, never by matching the message.

    Parameters
    ----------
    pixels : int
        Width x height of the photo, px.
    limit : int
        The largest number of pixels allowed, px.
    advice : str
        What to do, after the facts (default: advice for Python callers).
    what : str
        What is refused (``"photo"``, ``"image"``).

    Attributes
    ----------
    reason : str
        ``"too_many_pixels"``, also in :meth:`to_dict`.
    """

    reason = "too_many_pixels"

    def __init__(
        self,
        *,
        pixels: int,
        limit: int,
        advice: str = "resize it or raise max_pixels",
        what: str = "photo",
    ) -> None:
        digits = 1  # as many decimals as tell the two apart ("50.0 ... limit of 50.0": QA F9-C01)
        while digits < 6 and f"{pixels / 1e6:.{digits}f}" == f"{limit / 1e6:.{digits}f}":
            digits += 1
        super().__init__(
            f"the {what} has {pixels / 1e6:.{digits}f} megapixels, more than the limit of "
            f"{limit / 1e6:.{digits}f}; {advice}",
            field="image",
        )
        self.pixels = pixels
        self.limit = limit
        self.what = what

    def with_advice(self, advice: str) -> PixelLimitError:
        """The same error (pixels, limit) with other advice."""
        return PixelLimitError(pixels=self.pixels, limit=self.limit, advice=advice, what=self.what)

    def to_dict(self) -> dict[str, str | int | None]:
        """Return the error as a JSON-ready mapping, with ``reason``, ``pixels`` and ``limit``.

        ``error`` stays ``"ImageError"`` (the family clients match on);
        ``reason`` tells this case apart.
        """
        out = super().to_dict()
        out.update(error="ImageError", reason=self.reason, pixels=self.pixels, limit=self.limit)
        return out


class StorageError(MiliaError):
    """The diary database could not complete an operation."""


class NotFoundError(StorageError):
    """A record does not exist, or belongs to someone else (never say which)."""


class AuthError(MiliaError):
    """Sign-up, sign-in, session or token problem.

    ``retry_after`` (seconds), when set, is how long a throttled sign-in must wait:
    the API sends it as the ``Retry-After`` header of its 429 answer.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        suggestion: str | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(message, field=field, suggestion=suggestion)
        self.retry_after = retry_after


class ConfigError(MiliaError):
    """Settings are invalid; the message names the setting and the fix."""
