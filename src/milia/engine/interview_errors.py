"""An interview answer's validation error, said in the question's terms.

:func:`in_plain_words` turns an error of the whole case (after an answer was read)
into what the interview says: a duration longer than the age asks again in the
question's words, and a number out of range is asked again without offering the
bound (QA F10-15: 130 is not 120).
"""

from __future__ import annotations

from typing import Any

from milia.engine.vocabulary import NUMERIC_FIELDS
from milia.errors import BOUND_CLAUSE, CaseError

__all__ = ["age_in_words", "in_plain_words"]


def age_in_words(case: dict[str, Any]) -> str:
    """The case's age as the person gave it ("5 days", "34 years" or "not given")."""
    if "age_days" in case:
        days = case["age_days"]
        return f"{days:g} day{'s' if days != 1 else ''}"
    years = case.get("age_years")
    return f"{years:g} year{'s' if years != 1 else ''}" if years is not None else "not given"


def in_plain_words(err: CaseError, trial: dict[str, Any]) -> CaseError:
    """A validation error of the whole case, said in the question's terms.

    Parameters
    ----------
    err : CaseError
        The error of the case with the answer in it.
    trial : dict
        That case (its age words the duration message; QA F9-13).

    Returns
    -------
    CaseError
        The error to show: the duration asked again in the question's words; a number
        out of range without its bound; anything else unchanged.
    """
    if err.field == "duration_weeks":
        return CaseError(
            f"that is longer than the age given ({age_in_words(trial)}); how long have the "
            "bumps been there? (e.g. '2 days' or '3 weeks'; '?' if you don't know)",
            field="duration_weeks",
        )
    if err.field in NUMERIC_FIELDS and err.suggestion is not None:
        # a number out of range (engine-input: validate_case offers the nearest bound);
        # the interview asks again without offering it, in its words too (QA F10-15:
        # 130 is not 120; audit O1: the message still said "closest valid value: 120")
        return CaseError(err.message.split(BOUND_CLAUSE)[0], field=err.field)
    return err
