"""Triage levels and red-flag rules as compiled records.

:data:`LEVELS` orders the levels (``self_care < routine < soon < urgent``); a
:class:`Flag` is one compiled rule of ``kb/data/model/red_flags.yaml``;
:func:`without` removes red-flag findings from a case (the variants that make
triage monotone). Split from :mod:`milia.engine.triage`, which re-exports these
names and compiles the policy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from milia.engine.rules import Predicate

__all__ = ["LEVELS", "Flag", "level_rank", "variant_sensitive", "without"]

LEVELS: tuple[str, ...] = ("self_care", "routine", "soon", "urgent")
_RANK = {name: i for i, name in enumerate(LEVELS)}


def level_rank(level: str) -> int:
    """Position of a level in :data:`LEVELS` (0 = self_care)."""
    return _RANK[level]


@dataclass(frozen=True)
class Flag:
    """One red-flag rule."""

    id: str
    level: int
    when: Predicate
    message: str
    sources: tuple[str, ...]
    # True when removing red-flag findings could make the rule fire: it reads
    # the model's results, or tests a red-flag field under `not`/`missing`
    variant_sensitive: bool = True
    when_spec: Any = field(default=None, compare=False)  # the rule as written (compile_rules)
    # an atypical rule's message naming the case's findings: ``message_template``
    # with {findings} and {condition}, and the rule's against_probability
    template: str | None = None
    against: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (without the rule)."""
        return {
            "id": self.id,
            "level": LEVELS[self.level],
            "message": self.message,
            "sources": list(self.sources),
        }


def variant_sensitive(spec: Any, flagged_fields: frozenset[str], negated: bool = False) -> bool:
    """Whether removing red-flag findings (``flagged_fields``) could make a rule fire:
    it reads the model's results, or tests a flagged field under ``not``/``missing``."""
    if isinstance(spec, list):
        return any(variant_sensitive(s, flagged_fields, negated) for s in spec)
    if not isinstance(spec, Mapping):
        return False
    if {"top", "chance_of", "milia_type", "atypical"} & set(spec):
        return True
    if "missing" in spec and spec["missing"] in flagged_fields:
        return True
    if negated and spec.get("field") in flagged_fields:
        return True
    return any(
        variant_sensitive(v, flagged_fields, negated or k == "not")
        for k, v in spec.items()
        if isinstance(v, (Mapping, list))
    )


def without(case: Mapping[str, Any], items: Sequence[tuple[str, Any]]) -> dict[str, Any]:
    """A copy of ``case`` without the given ``(field, value)`` findings."""
    out = dict(case)
    for key, value in items:
        current = out.get(key)
        if isinstance(current, list):
            out[key] = [v for v in current if v != value]
        elif current == value:
            del out[key]
    return out
