"""Whether the answers given so far already make a case urgent (QA F8-19).

An interview goes on after an answer that needs a doctor today (a newborn who is
unwell, painful blisters near an eye...): a parent answering honestly through
fifteen more questions read "see a doctor today" only at the end. The CLI and the
web interview ask :func:`urgent_now` after each answer and say it at once.

Only what was answered counts here: a "don't know" that could raise the level is
judged at the end, with the result (:mod:`milia.engine.unanswered`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from milia.engine.assess import assess_valid
from milia.engine.case import describes_bumps, validate_case
from milia.engine.undescribed import undescribed_result

__all__ = ["urgent_now"]


def urgent_now(case: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The reasons the answers in ``case`` make it urgent (see a doctor today), or [].

    Parameters
    ----------
    case : Mapping
        The answers so far, in the case format; the bumps need not be described
        yet (an unwell newborn is urgent whatever the bumps look like).

    Returns
    -------
    list of dict
        The red flags of level ``urgent`` (``id``, ``message``, ``sources``,
        ``evidence``), or, when the level comes from the conditions themselves,
        the triage reasons (``text``, ``sources``); empty when not urgent.

    Raises
    ------
    CaseError
        When ``case`` is not a valid case.
    """
    if describes_bumps(case):
        result = assess_valid(validate_case(dict(case)), n_questions=0)
    else:
        result = undescribed_result(case, n_questions=0)
    if result["triage"]["level"] != "urgent":
        return []
    flags = [flag for flag in result["red_flags"] if flag.get("level") == "urgent"]
    if flags:
        return [
            {"text": f["message"], "sources": list(f["sources"]), "evidence": f.get("evidence")}
            for f in flags
        ]
    return [dict(reason) for reason in result["triage"]["reasons"]]
