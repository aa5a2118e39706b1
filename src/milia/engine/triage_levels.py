"""The base triage level a differential's probability mass reaches, one case or a chunk.

:class:`ThresholdLevels` holds the threshold methods of
:class:`~milia.engine.triage.TriagePolicy` (its base class): the most urgent level
whose mass ``P(level >= L)`` reaches that level's threshold, for one list of
probabilities or for each row of a chunk, and the chunk form of
:meth:`~milia.engine.triage.TriagePolicy.base` without its reasons. Split from
:mod:`milia.engine.triage` (session 15, no change in any level).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

import numpy as np
import numpy.typing as npt

from milia.engine.triage_flags import LEVELS

__all__ = ["ThresholdLevels"]


class ThresholdLevels:
    """Threshold levels of a triage policy; the attributes are the policy's fields
    (:class:`~milia.engine.triage.TriagePolicy`)."""

    level_list: tuple[int, ...]
    thresholds: tuple[float, ...]
    uncertain_top: float
    uncertain_level: int
    not_listed_share: float
    not_listed_level: int
    type_probability: float
    unconfirmed_type_level: int

    def threshold_level(self, probs: Sequence[float] | npt.NDArray[np.float64]) -> int:
        """The most urgent level whose mass ``P(level >= L)`` reaches its threshold (0 if none).

        Plain floats, each level's mass summed from 0.0 in class order (as
        ``np.bincount`` and ``np.cumsum`` would), so a list and an array give the
        same level; a level's mass is summed only when it is reached.
        """
        if isinstance(probs, np.ndarray):
            probs = probs.tolist()
        if len(probs) != len(self.level_list):
            raise ValueError(f"{len(probs)} probabilities for {len(self.level_list)} classes")
        at_least = 0.0
        for rank, columns in self.level_columns:
            mass = 0.0
            for i in columns:
                mass += probs[i]
            at_least += mass
            if at_least >= self.thresholds[rank]:
                return rank
        return 0

    @cached_property
    def level_columns(self) -> tuple[tuple[int, tuple[int, ...]], ...]:
        """``(level, its class columns in class order)``, most urgent first, above level 0."""
        levels = range(len(LEVELS) - 1, 0, -1)
        return tuple(
            (lv, tuple(i for i, c in enumerate(self.level_list) if c == lv)) for lv in levels
        )

    def threshold_levels(self, probs: npt.NDArray[np.float64]) -> npt.NDArray[np.intp]:
        """:meth:`threshold_level` of each row of ``probs`` (N, C), the same sums in the
        same order (one class column at a time)."""
        n = len(probs)
        if n < 16:  # a few rows: plain floats beat 23 numpy calls
            return np.array([self.threshold_level(row) for row in probs.tolist()], dtype=np.intp)
        mass = np.zeros((len(LEVELS), n))
        for c, lv in enumerate(self.level_list):
            mass[lv] += probs[:, c]
        levels = np.zeros(n, dtype=np.intp)
        open_ = np.ones(n, dtype=bool)
        at_least = np.zeros(n)
        for rank in range(len(LEVELS) - 1, 0, -1):
            at_least = at_least + mass[rank]
            hit = open_ & (at_least >= self.thresholds[rank])
            levels[hit] = rank
            open_ &= ~hit
        return levels

    def base_levels(
        self,
        probs: npt.NDArray[np.float64],
        top: npt.NDArray[np.intp],
        type_levels: npt.NDArray[np.intp],
        type_probability: npt.NDArray[np.float64],
        milia: int,
        shares: npt.NDArray[np.float64] | None = None,
    ) -> npt.NDArray[np.intp]:
        """The level :meth:`base` gives each row of ``probs`` (N, C), without its reasons.

        ``top`` is each row's most likely class, ``type_levels`` the triage level
        of its milia type (-1 when no type is given), ``milia`` milia's column,
        ``shares`` each row's listed share (N,) (:mod:`milia.engine.not_listed`;
        None: all 1).
        """
        levels = self.threshold_levels(probs)
        p_top = probs[np.arange(len(probs)), top]
        unsure = (p_top < self.uncertain_top) & (levels < self.uncertain_level)
        levels[unsure] = self.uncertain_level
        if shares is not None:  # the same floats as outside_floor(share) / 10,000
            outside = np.floor((1.0 - shares) * 10_000) / 10_000
            unlisted = (outside >= self.not_listed_share) & (levels < self.not_listed_level)
            levels[unlisted] = self.not_listed_level
        milia_typed = (type_levels >= 0) & (top == milia)
        typed = milia_typed & (type_probability >= self.type_probability)
        raise_ = typed & (type_levels > levels)
        levels[raise_] = type_levels[raise_]
        # a plausible, unsettled type of a higher level (as base(); QA F6-02)
        thresholds = np.asarray(self.thresholds)[np.maximum(type_levels, 0)]
        unsettled = (
            milia_typed
            & (type_probability < self.type_probability)
            & (type_levels > levels)
            & (levels < self.unconfirmed_type_level)
            & (probs[:, milia] * type_probability >= thresholds)
        )
        levels[unsettled] = self.unconfirmed_type_level
        return levels
