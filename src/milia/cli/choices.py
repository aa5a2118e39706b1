"""Option values read as the rest of milia reads them: with "Did you mean ...?" (QA F12-12).

Typer checks an option typed as an Enum itself, and its error names every allowed
value but guesses none ("Invalid value for '--format': Value error, 'txt' is not
one of 'json', 'text'."), while milia's own checks do ("--format must be 'json' or
'text', not 'xml'. Did you mean 'json'?"). :func:`choice_parser` gives such an
option a parser that raises :class:`~milia.errors.ConfigError` with the closest
allowed value, which ``milia`` prints as ``error (field: ...): ...`` with exit 2.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TypeVar

from milia.errors import ConfigError

__all__ = ["choice_parser", "closest"]

_E = TypeVar("_E", bound=StrEnum)


def closest(value: str, choices: Sequence[str]) -> str | None:
    """The allowed value closest to ``value``, or None when none is close.

    The knowledge base's id matcher (:func:`milia.kb.knowledge.closest_id`: case
    and punctuation do not count, rapidfuzz edit ratio of at least 65), imported
    only when a value is refused.

    Examples
    --------
    >>> closest("txt", ["json", "text"]), closest("condition", ["conditions", "types"])
    ('text', 'conditions')
    >>> closest("proceses", ["loop", "processes", "dask"]), closest("zzz", ["json", "text"])
    ('processes', None)
    """
    from milia.kb.knowledge import closest_id

    return closest_id(value, choices)


def choice_parser(enum: type[_E], option: str) -> Callable[[str], _E]:
    """A Typer ``parser`` for an option whose values are ``enum``'s (any case).

    Parameters
    ----------
    enum : type of StrEnum
        The allowed values.
    option : str
        The option as typed, e.g. ``"--format"`` (its name without dashes is the
        error's field).

    Returns
    -------
    callable
        Maps the text given to the member; raises :class:`ConfigError` naming the
        allowed values and the closest one otherwise.
    """
    values = [str(m.value) for m in enum]

    def parse(value: str) -> _E:
        if isinstance(value, enum):
            return value
        word = str(value).strip().lower()
        if word in values:
            return enum(word)
        raise ConfigError(
            f"{option} must be one of {', '.join(map(repr, values))}, not {value!r}",
            field=option.lstrip("-").replace("-", "_"),
            suggestion=closest(word, values),
        )

    return parse
