"""How a result is presented in plain words: the web page and the CLI text say it alike.

Warning signs come first, most urgent first; when a warning sign raises the
level, the engine's line about a calm most likely condition ("most likely X
(64%), which usually needs no urgent care") comes after them and is worded so
that it never reads as contradicting the headline (QA F1-10). Texts and
sources are otherwise the engine's; nothing here changes the assessment.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["triage_reasons", "warning_signs"]

_CALM_TOP = re.compile(
    r"most likely (?P<name>.+) \((?P<share>[^()]*%)\), which usually needs no urgent care"
)


_LEVEL_RANK = {"self_care": 0, "routine": 1, "soon": 2, "urgent": 3}


def warning_signs(result: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The red flags, most urgent first (the engine's order among equals)."""
    flags = [f for f in result.get("red_flags") or [] if isinstance(f, Mapping)]
    return sorted(flags, key=lambda f: -_LEVEL_RANK.get(str(f.get("level")), 0))


def triage_reasons(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The triage reasons as the result page lists them: warning signs first, most urgent first.

    When a warning sign raises the level, the engine's line about a calm most
    likely condition ("most likely X (64%), which usually needs no urgent care")
    comes after the warning signs and is worded so that it never reads as
    contradicting the headline (QA F1-10). Texts and sources are otherwise the
    engine's.
    """
    triage = result.get("triage") or {}
    raw = [r if isinstance(r, Mapping) else {"text": str(r)} for r in triage.get("reasons") or []]
    rank = _LEVEL_RANK
    flags = {
        str(f.get("message")): rank.get(str(f.get("level")), 0)
        for f in result.get("red_flags") or []
        if isinstance(f, Mapping)
    }
    first = [dict(r) for r in raw if str(r.get("text") or r.get("message")) in flags]
    first.sort(key=lambda r: -flags[str(r.get("text") or r.get("message"))])  # most urgent first
    rest = [dict(r) for r in raw if str(r.get("text") or r.get("message")) not in flags]
    if triage.get("level") != "self_care":
        for reason in rest:
            calm = _CALM_TOP.fullmatch(str(reason.get("text") or ""))
            if calm:
                reason["text"] = (
                    f"This advice follows the warning signs above: they matter more than the "
                    f"most likely condition, {calm['name']} ({calm['share']}), which on its own "
                    "would usually need no urgent care."
                    if first
                    else f"The most likely condition, {calm['name']} ({calm['share']}), would "
                    "usually need no urgent care on its own; the other reasons here come first."
                )
                rest.remove(reason)
                rest.append(reason)
                break
    return first + rest
