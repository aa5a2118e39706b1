"""Triage: a base level from the differential, floors from red-flag rules.

Levels, least to most urgent: ``self_care < routine < soon < urgent``.
The base level is the most urgent level ``L`` whose probability mass
``P(level >= L)`` (each condition carrying its own level from
``red_flags.yaml: condition_levels``) reaches that level's threshold; an
unsure model (top condition below ``uncertain_top_probability``) triages up.
Every red flag that fires sets a floor: the final level is the most urgent of
the base level and all floors, so no ranking can ever lower a red flag.
Rules and messages are data in ``kb/data/model/red_flags.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from milia.engine.rules import Predicate, RuleContext, compile_rule
from milia.errors import KnowledgeBaseError
from milia.kb.loader import read_yaml

__all__ = ["LEVELS", "TriagePolicy", "Triaged", "level_rank", "triage_policy"]

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


@dataclass(frozen=True)
class Triaged:
    """Result of triage: the level, its reasons and the red flags that fired."""

    level: str
    reasons: list[dict[str, Any]]
    red_flags: list[dict[str, Any]]


@dataclass(frozen=True)
class TriagePolicy:
    """Compiled triage data (see the module docstring)."""

    condition_levels: npt.NDArray[np.intp]
    condition_sources: tuple[tuple[str, ...], ...]
    type_levels: dict[str, tuple[int, tuple[str, ...]]]
    thresholds: tuple[float, ...]  # index = level rank; [0] unused
    uncertain_top: float
    uncertain_level: int
    type_probability: float
    flags: tuple[Flag, ...]
    level_words: dict[str, str]

    def assess(
        self,
        ctx: RuleContext,
        probs: npt.NDArray[np.float64],
        order: Sequence[int],
        classes: Sequence[str],
        names: dict[str, str],
        type_probability: float,
    ) -> Triaged:
        """Triage one case given its differential (``probs`` in class order)."""
        reasons: list[dict[str, Any]] = []
        level = 0
        mass = np.bincount(self.condition_levels, weights=probs, minlength=len(LEVELS))
        at_least = np.cumsum(mass[::-1])[::-1]
        for rank in range(len(LEVELS) - 1, 0, -1):
            if at_least[rank] >= self.thresholds[rank]:
                level = rank
                break
        top = order[0]
        if level > 0:
            drivers = [i for i in order[:5] if self.condition_levels[i] >= level and probs[i] >= 0.01]
            for i in drivers[:2]:
                c = classes[i]
                reasons.append({
                    "text": f"{names[c]} is possible ({probs[i]:.0%}): "
                    f"{self.level_words[LEVELS[int(self.condition_levels[i])]]}",
                    "sources": list(self.condition_sources[i]),
                })
        else:
            c = classes[top]
            reasons.append({
                "text": f"most likely {names[c]} ({probs[top]:.0%}), which usually needs no "
                "urgent care",
                "sources": list(self.condition_sources[top]),
            })
        if probs[top] < self.uncertain_top and level < self.uncertain_level:
            level = self.uncertain_level
            reasons.append({
                "text": f"the description fits several conditions (the most likely is only "
                f"{probs[top]:.0%}); a clinician can tell them apart",
                "sources": ["milia_team_estimate"],
            })
        if ctx.milia_type is not None and classes[top] == "milia" and (
            type_probability >= self.type_probability
        ):
            type_level, type_sources = self.type_levels[ctx.milia_type]
            if type_level > level:
                level = type_level
                reasons.append({
                    "text": f"the picture is consistent with {names[ctx.milia_type]}: "
                    f"{self.level_words[LEVELS[type_level]]}",
                    "sources": list(type_sources),
                })
        red_flags: list[dict[str, Any]] = []
        for flag in self.flags:
            if flag.when(ctx):
                red_flags.append({
                    "id": flag.id,
                    "level": LEVELS[flag.level],
                    "message": flag.message,
                    "sources": list(flag.sources),
                })
                if flag.level > 0:
                    reasons.append({"text": flag.message, "sources": list(flag.sources)})
                level = max(level, flag.level)
        return Triaged(LEVELS[level], reasons, red_flags)


@cache
def triage_policy(classes: tuple[str, ...]) -> TriagePolicy:
    """Compile ``red_flags.yaml`` for a model with these condition columns (cached)."""
    data = read_yaml("model/red_flags.yaml")
    if tuple(data["levels"]) != LEVELS:
        raise KnowledgeBaseError("red_flags.yaml: levels must be " + ", ".join(LEVELS))
    cond = data["condition_levels"]
    missing = set(classes) - set(cond)
    if missing:
        raise KnowledgeBaseError(f"red_flags.yaml: no triage level for {sorted(missing)}")
    policy = data["policy"]
    thresholds = (1.0, *(float(policy["thresholds"][lv]) for lv in LEVELS[1:]))
    flags = tuple(
        Flag(
            id=str(f["id"]),
            level=_RANK[f["level"]],
            when=compile_rule(f["when"]),
            message=str(f["message"]),
            sources=tuple(f["sources"]),
        )
        for f in data["flags"]
    )
    if len({f.id for f in flags}) != len(flags):
        raise KnowledgeBaseError("red_flags.yaml: duplicate flag id")
    return TriagePolicy(
        condition_levels=np.array([_RANK[cond[c]["level"]] for c in classes], dtype=np.intp),
        condition_sources=tuple(tuple(cond[c]["sources"]) for c in classes),
        type_levels={
            t: (_RANK[v["level"]], tuple(v["sources"])) for t, v in data["type_levels"].items()
        },
        thresholds=thresholds,
        uncertain_top=float(policy["uncertain_top_probability"]),
        uncertain_level=_RANK[policy["uncertain_level"]],
        type_probability=float(policy["type_probability"]),
        flags=flags,
        level_words={k: str(v) for k, v in data["level_words"].items()},
    )
