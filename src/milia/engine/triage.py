"""Triage: a base level from the differential, floors from red-flag rules.

Levels, least to most urgent: ``self_care < routine < soon < urgent``.
The base level is the most urgent level ``L`` whose probability mass
``P(level >= L)`` (each condition carrying its own level from
``red_flags.yaml: condition_levels``) reaches that level's threshold; an
unsure model (top condition below ``uncertain_top_probability``) triages up,
so does a description that fits none of the 23 conditions well (policy
``not_listed``: at least that share of the estimate outside them), and so does a case that leaves a key finding unknown (``self_care_needs``,
:func:`~milia.engine.triage_flags.described_floor`, on the final level).
Every red flag that fires sets a floor: the final level is the most urgent of
the base level and all floors, so no ranking can ever lower a red flag. A
red-flag finding never reassures either: :mod:`milia.engine.assess` also
triages the case without its red-flag findings (``red_flag_findings``) and
keeps the most urgent result.
Rules and messages are data in ``kb/data/model/red_flags.yaml``, read and checked
by :mod:`milia.engine.triage_load`; levels, the compiled rule record and
:func:`without` live in :mod:`milia.engine.triage_flags`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from milia.engine.not_listed import outside_floor
from milia.engine.rules import Fired, RuleContext
from milia.engine.triage_flags import (
    LEVELS,
    Flag,
    Triaged,
    driver_share_text,
    level_rank,
    share_text,
    without,
)
from milia.engine.triage_levels import ThresholdLevels

__all__ = [
    "LEVELS",
    "Flag",
    "TriagePolicy",
    "Triaged",
    "level_rank",
    "triage_policy",
    "without",
]


@dataclass(frozen=True)
class TriagePolicy(ThresholdLevels):
    """Compiled triage data (see the module docstring); the levels a differential's mass
    reaches come from :class:`~milia.engine.triage_levels.ThresholdLevels`."""

    condition_levels: npt.NDArray[np.intp]
    condition_sources: tuple[tuple[str, ...], ...]
    type_levels: dict[str, tuple[int, tuple[str, ...]]]
    thresholds: tuple[float, ...]  # index = level rank; [0] unused
    uncertain_top: float
    uncertain_level: int
    # session 10: from this share outside the 23 conditions (the printed not_listed
    # probability), a level below not_listed_level rises to it (red_flags.yaml policy)
    not_listed_share: float
    not_listed_level: int
    not_listed_sources: tuple[str, ...]
    type_probability: float
    flags: tuple[Flag, ...]
    level_words: dict[str, str]
    red_flag_findings: dict[str, frozenset[Any]]
    level_list: tuple[int, ...] = ()  # condition_levels as plain ints
    fired: Fired | None = None  # all flags' rules as one function (compile_rules)
    fired_variant: Fired | None = None  # the variant-sensitive flags' rules, likewise
    classes: tuple[str, ...] = ()  # the differential's condition columns
    class_names: tuple[str, ...] = ()  # their plain names (labels.yaml), same order
    # a plausible but unsettled type of a higher level (QA F6-02): the level it raises
    # to, and per type what would settle it (red_flags.yaml policy, type_levels `ask`)
    unconfirmed_type_level: int = 0
    type_asks: Mapping[str, str] = field(default_factory=dict)
    # per type, the question whose answer settles it (type_levels `settled_by`)
    type_settled_by: Mapping[str, str] = field(default_factory=dict)
    # QA F7-04 (policy `self_care_needs`): below this level the key findings must be
    # known; each need is (fields any one of which counts, its plain words)
    described_level: int = 0
    described_needs: tuple[tuple[tuple[str, ...], str], ...] = ()
    described_sources: tuple[str, ...] = ()

    def flag_message(
        self,
        flag: Flag,
        case: Mapping[str, Any],
        age_days: float | None,
        rank: Sequence[int] | Mapping[str, int],
    ) -> str:
        """The flag's message for a case (``rank``: each column's rank, 0 = top, as a list
        in class order or by condition id); an atypical rule's names the unusual findings."""
        if flag.template is None or flag.against is None:
            return flag.message
        from milia.engine.fit import unusual_message  # the model imports nothing from here

        ranks = [rank[c] for c in self.classes] if isinstance(rank, Mapping) else list(rank)
        top = ranks.index(0)
        words = (flag.template, flag.message, self.class_names[top])
        return unusual_message(words, flag.against, case, age_days, top)

    def base(
        self,
        probs: npt.NDArray[np.float64],
        order: Sequence[int],
        classes: Sequence[str],
        names: dict[str, str],
        milia_type: str | None,
        type_probability: float,
        *,
        threshold: int | None = None,
        share: float = 1.0,
        calm: bool = True,
    ) -> tuple[int, list[dict[str, Any]]]:
        """Base level (rank) and reasons from a differential and the milia type.

        ``threshold`` is :meth:`threshold_level` of ``probs`` when already known
        (:meth:`threshold_levels` gives it for many cases at once). ``probs`` is
        the share among the listed conditions (the levels read it); the sentences
        quote it times ``share``, the listed conditions' share, which is what the
        differential prints (:mod:`milia.engine.not_listed`, QA F9-C11). ``calm``:
        give the self-care line about the most likely condition (False for a red-flag
        variant, whose most likely condition is not the differential's: QA F9-C14).
        """
        reasons: list[dict[str, Any]] = []
        level = self.threshold_level(probs) if threshold is None else threshold
        top = order[0]
        if level > 0:
            levels = self.level_list
            drivers = [i for i in order[:5] if levels[i] >= level and probs[i] >= 0.01]
            for i in drivers[:2]:
                c = classes[i]
                # QA F6-04, F8-26: "consistent with", and no share above 95 % written
                quoted = f"({driver_share_text(probs[i] * share)} in this model)"
                said = (
                    f"the description is consistent with {names[c]} {quoted}"
                    if probs[i] * share >= 0.5
                    else f"{names[c]} is possible {quoted}"
                )
                reasons.append(
                    {
                        "text": f"{said}: {self.level_words[LEVELS[levels[i]]]}",
                        "sources": list(self.condition_sources[i]),
                    }
                )
        elif calm:
            c = classes[top]
            reasons.append(
                {
                    "text": f"most likely {names[c]} ({share_text(probs[top] * share)}), which usually "
                    "needs no urgent care",
                    "sources": list(self.condition_sources[top]),
                }
            )
        if probs[top] < self.uncertain_top and level < self.uncertain_level:
            level = self.uncertain_level
            reasons.append(
                {
                    "text": f"the description fits several conditions (the most likely is only "
                    f"{probs[top] * share:.0%}); a clinician can tell them apart",
                    "sources": ["milia_team_estimate"],
                }
            )
        outside = outside_floor(share) / 10_000  # as the not_listed member prints it
        if outside >= self.not_listed_share and level < self.not_listed_level:
            level = self.not_listed_level
            reasons.append(
                {
                    "text": "the description fits none of the conditions this tool knows well "
                    f"(about {outside:.0%} of the estimate lies outside them); a clinician "
                    "can say what it is",
                    "sources": list(self.not_listed_sources),
                }
            )
        if (
            milia_type is not None
            and classes[top] == "milia"
            and (type_probability >= self.type_probability)
        ):
            type_level, type_sources = self.type_levels[milia_type]
            if type_level > level:
                level = type_level
                reasons.append(
                    {
                        "text": f"the picture is consistent with {names[milia_type]}: "
                        f"{self.level_words[LEVELS[type_level]]}",
                        "sources": list(type_sources),
                    }
                )
        elif milia_type is not None and classes[top] == "milia":
            type_level, type_sources = self.type_levels[milia_type]
            unsettled = type_level > level and level < self.unconfirmed_type_level
            if unsettled and probs[top] * type_probability >= self.thresholds[type_level]:
                level = self.unconfirmed_type_level
                reasons.append(
                    {
                        "text": f"the picture could be {names[milia_type]} "
                        f"({share_text(type_probability)} of milia): "
                        f"{self.type_asks[milia_type]}",
                        "sources": list(type_sources),
                    }
                )
        return level, reasons

    def red_flags(self, ctx: RuleContext, *, variant: bool = False) -> list[dict[str, Any]]:
        """Every red flag whose rule holds, in file order, with its floor level.

        With ``variant`` (a case with red-flag findings removed) only the rules
        that such a removal could newly fire are evaluated.
        """
        return [
            {
                "id": f.id,
                "level": LEVELS[f.level],
                "message": self.flag_message(f, ctx.case, ctx.age_days, ctx.rank),
                "sources": list(f.sources),
                "evidence": f.evidence,
            }
            for f in self.flags
            if (f.variant_sensitive or not variant) and f.when(ctx)
        ]

    def variant_flags_of(
        self,
        case: Mapping[str, Any],
        age_days: float | None,
        rank: Sequence[int],
        prob: Sequence[float],
        milia_type: str | None,
    ) -> list[Flag]:
        """The variant-sensitive flags that hold (``red_flags(ctx, variant=True)``), from lists."""
        assert self.fired_variant is not None
        sensitive = self.sensitive_flags
        return [sensitive[i] for i in self.fired_variant(case, age_days, rank, prob, milia_type)]

    @cached_property
    def sensitive_flags(self) -> tuple[Flag, ...]:
        """The flags re-checked on red-flag variants, in file order."""
        return tuple(f for f in self.flags if f.variant_sensitive)

    def red_flags_of(
        self,
        case: Mapping[str, Any],
        age_days: float | None,
        rank: Sequence[int],
        prob: Sequence[float],
        milia_type: str | None,
    ) -> list[dict[str, Any]]:
        """:meth:`red_flags` from the model's results as lists in class order (faster)."""
        assert self.fired is not None
        flags = self.flags
        out = []
        for i in self.fired(case, age_days, rank, prob, milia_type):
            f = flags[i]
            out.append(
                {
                    "id": f.id,
                    "level": LEVELS[f.level],
                    "message": self.flag_message(f, case, age_days, rank),
                    "sources": list(f.sources),
                    "evidence": f.evidence,
                }
            )
        return out

    @cached_property
    def variant_ceilings(self) -> tuple[int, int]:
        """The most urgent level a red-flag variant's base triage, and its re-checked
        flags, can reach: a case already at that level cannot be raised by its variants."""
        reachable = [
            self.uncertain_level,
            self.not_listed_level,
            self.unconfirmed_type_level,
            *(lv for lv, _ in self.type_levels.values()),
        ]
        for rank in range(1, len(self.thresholds)):
            if self.thresholds[rank] <= 0 or any(lv >= rank for lv in self.level_list):
                reachable.append(rank)
        flags = [f.level for f in self.flags if f.variant_sensitive]
        return max(reachable), max(flags, default=0)

    def red_flag_items(self, case: Mapping[str, Any]) -> list[tuple[str, Any]]:
        """The case's red-flag findings as ``(field, value)`` pairs (list items one by one)."""
        items: list[tuple[str, Any]] = []
        findings, fields = self.red_flag_findings, self.red_flag_fields
        for key in case:
            if key not in fields:
                continue
            value, flagged = case[key], findings[key]
            if isinstance(value, list):
                for v in value:
                    if v in flagged:
                        items.append((key, v))
            elif value in flagged:
                items.append((key, value))
        return items

    @cached_property
    def red_flag_fields(self) -> frozenset[str]:
        """The fields of :attr:`red_flag_findings`."""
        return frozenset(self.red_flag_findings)


@cache
def triage_policy(classes: tuple[str, ...]) -> TriagePolicy:
    """Compile ``red_flags.yaml`` for a model with these condition columns (cached;
    :func:`milia.engine.triage_load.load_policy` reads and checks the data)."""
    from milia.engine.triage_load import load_policy  # it imports this module

    return load_policy(classes)
